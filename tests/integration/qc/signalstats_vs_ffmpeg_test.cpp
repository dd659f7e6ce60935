// SPDX-License-Identifier: Apache-2.0
// measure_video's SignalStats against ffmpeg's signalstats filter (FFmpeg 5.1), frame by frame and
// key by key, on lavfi sources (8-bit 4:2:0 with odd sizes, 10-bit 4:2:2, 12-bit 4:4:4, 16-bit
// 4:2:2, all with temporal noise so that every statistic moves) and on the sample generator's
// H.264 daily and defects clip (black, frozen, out-of-range and flash plants).
//
// Tolerance: none but one (see tolerance()). Both sides count the same decoded integer codes, so
// integer keys must be equal and fractional keys (averages, YDIF, VREP, BRNG...) equal as ffmpeg
// prints them (%g, six significant digits). By design, TOUT on samples deeper than 8 bits is not
// compared, because ffmpeg passes 10-bit samples to its outlier test through uint8_t parameters
// (only their low 8 bits), which flags smooth gradients wherever they cross a multiple of 256;
// Slate applies the same test to the full codes with the threshold scaled (4 << (depth - 8)).
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../test_support.h"
#include "media/analysis/video_measure.h"
#include "media/io/media_source.h"
#include "slate_samples/samples.h"

namespace media {
namespace {

using analysis::VideoMeasures;
using FrameKeys = std::map<std::string, std::string>;

// metadata=print writes "frame:N pts:..." then one "lavfi.signalstats.KEY=VALUE" line per key.
std::vector<FrameKeys> read_metadata(const std::string& path) {
    std::vector<FrameKeys> frames;
    std::ifstream in(path);
    std::string line;
    const std::string prefix = "lavfi.signalstats.";
    while (std::getline(in, line)) {
        if (line.rfind("frame:", 0) == 0) {
            frames.emplace_back();
        } else if (line.rfind(prefix, 0) == 0 && !frames.empty()) {
            const size_t eq = line.find('=');
            frames.back()[line.substr(prefix.size(), eq - prefix.size())] = line.substr(eq + 1);
        }
    }
    return frames;
}

// Frames [first, first + count) of the input, as one run of signalstats sees them (the first
// one is differenced against itself, as signalstats' first frame is).
struct FrameRange {
    int first = 0;
    int count = 0;
};

std::vector<FrameKeys> ffmpeg_signalstats(const std::string& input, FrameRange range,
                                          const test::ScratchDir& scratch) {
    const std::string out = scratch.file("signalstats.txt");
    const std::string filter =
        "trim=start_frame=" + std::to_string(range.first) +
        ":end_frame=" + std::to_string(range.first + range.count) +
        ",signalstats=stat=tout+vrep+brng,metadata=mode=print:file=" + test::quote(out);
    EXPECT_TRUE(test::ffmpeg("-i " + test::quote(input) + " -vf " + test::quote(filter) +
                             " -frames:v " + std::to_string(range.count) + " -f null -"));
    std::vector<FrameKeys> frames = read_metadata(out);
    // ffmpeg filters one frame past -frames:v before it stops.
    if (frames.size() > static_cast<size_t>(range.count)) frames.resize(range.count);
    return frames;
}

std::vector<VideoMeasures> slate_measures(const std::string& input, FrameRange range,
                                          const analysis::VideoMeasureOptions& options = {}) {
    std::vector<VideoMeasures> all;
    auto source = MediaSource::open(input);
    EXPECT_TRUE(source) << source.error().message();
    if (!source) return all;
    if (range.first > 0) {
        EXPECT_TRUE(source->seek(range.first));
    }
    Frame previous;
    while (static_cast<int>(all.size()) < range.count) {
        auto frame = source->next_video_frame();
        EXPECT_TRUE(frame) << frame.error().message();
        if (!frame || !frame->has_value()) break;
        auto m = analysis::measure_video(**frame, previous.empty() ? nullptr : &previous, options);
        EXPECT_TRUE(m) << m.error().message();
        if (!m) break;
        all.push_back(*m);
        previous = **frame;
    }
    return all;
}

std::string printed(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

std::map<std::string, double> slate_keys(const VideoMeasures& m) {
    const analysis::SignalStats& s = m.stats;
    std::map<std::string, double> keys;
    const auto plane = [&](const std::string& p, const analysis::PlaneStats& stats) {
        keys[p + "MIN"] = stats.min;
        keys[p + "LOW"] = stats.low;
        keys[p + "AVG"] = stats.avg;
        keys[p + "HIGH"] = stats.high;
        keys[p + "MAX"] = stats.max;
    };
    plane("Y", s.y);
    plane("U", s.u);
    plane("V", s.v);
    keys["SATAVG"] = s.sat_avg;
    keys["SATMAX"] = s.sat_max;
    keys["HUEAVG"] = s.hue_avg;
    keys["YDIF"] = s.ydif;
    keys["UDIF"] = s.udif;
    keys["VDIF"] = s.vdif;
    keys["TOUT"] = s.tout;
    keys["VREP"] = s.vrep;
    keys["BRNG"] = s.brng;
    return keys;
}

// How far a key may be from ffmpeg's printed value. Everything is exact as printed (six
// significant digits) except the hue average of samples deeper than 10 bits: Slate takes their
// hue from an interpolated arctangent table instead of atan2f per sample, so a sample within
// 1e-5 degree of a whole degree may land in the neighbouring degree. 0.002 degree of average
// allows 1 % of the chroma samples of these small test frames to do so (none did when written).
double tolerance(const std::string& key, int bit_depth) {
    return key == "HUEAVG" && bit_depth > 10 ? 0.002 : 0.0;
}

void expect_key(const std::string& key, double value, const std::string& reference, int bit_depth,
                const std::string& where) {
    const double allowed = tolerance(key, bit_depth);
    if (allowed > 0.0)
        EXPECT_NEAR(value, std::stod(reference), allowed) << where << " " << key;
    else
        EXPECT_EQ(printed(value), reference) << where << " " << key;
}

// Compares every key Slate reports with ffmpeg's value as printed; returns the keys compared.
int compare_file(const std::string& input, FrameRange range, const test::ScratchDir& scratch) {
    const std::vector<FrameKeys> reference = ffmpeg_signalstats(input, range, scratch);
    const std::vector<VideoMeasures> measured = slate_measures(input, range);
    EXPECT_EQ(reference.size(), measured.size()) << input;
    int compared = 0;
    for (size_t i = 0; i < std::min(reference.size(), measured.size()); ++i) {
        const int depth = measured[i].stats.bit_depth;
        for (const auto& [key, value] : slate_keys(measured[i])) {
            if (key == "TOUT" && depth > 8) continue;  // see the top of the file
            const auto ref = reference[i].find(key);
            if (ref == reference[i].end()) {
                ADD_FAILURE() << "ffmpeg printed no " << key;
                continue;
            }
            expect_key(key, value, ref->second, depth,
                       input + " frame " + std::to_string(range.first + static_cast<int>(i)));
            ++compared;
        }
    }
    return compared;
}

// Without signal_stats_detail, the keys that need no histogram must still agree.
int compare_fast_keys(const std::string& input, FrameRange range, const test::ScratchDir& scratch) {
    const std::vector<FrameKeys> reference = ffmpeg_signalstats(input, range, scratch);
    analysis::VideoMeasureOptions fast;
    fast.signal_stats_detail = false;
    const std::vector<VideoMeasures> measured = slate_measures(input, range, fast);
    EXPECT_EQ(reference.size(), measured.size()) << input;
    const std::vector<std::string> kept = {"YMIN",   "YAVG", "YMAX", "UMIN", "UAVG",
                                           "UMAX",   "VMIN", "VAVG", "VMAX", "SATAVG",
                                           "SATMAX", "YDIF", "UDIF", "VDIF", "BRNG"};
    int compared = 0;
    for (size_t i = 0; i < std::min(reference.size(), measured.size()); ++i) {
        const auto keys = slate_keys(measured[i]);
        for (const std::string& key : kept) {
            EXPECT_EQ(printed(keys.at(key)), reference[i].at(key)) << "frame " << i << " " << key;
            ++compared;
        }
    }
    return compared;
}

// Keys per frame: 24 (Y/U/V x 5, SATAVG, SATMAX, HUEAVG, Y/U/VDIF, TOUT, VREP, BRNG); TOUT is
// left out above 8 bits.
constexpr int kKeys8 = 24;
constexpr int kKeysDeep = 23;

// A lavfi test pattern with temporal noise, stored lossless (FFV1) in `pix_fmt`.
std::string make_clip(const test::ScratchDir& scratch, const std::string& name,
                      const std::string& size, const std::string& pix_fmt, int frames) {
    const std::string clip = scratch.file(name + ".mkv");
    const std::string source =
        "testsrc2=size=" + size + ":rate=25:duration=" + std::to_string(frames / 25.0);
    EXPECT_TRUE(test::ffmpeg("-f lavfi -i " + source + " -vf format=" + pix_fmt +
                             ",noise=alls=30:allf=t -c:v ffv1 -pix_fmt " + pix_fmt + " " +
                             test::quote(clip)));
    return clip;
}

class SignalStatsVsFfmpeg : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg not found";
    }
    test::ScratchDir scratch;
};

TEST_F(SignalStatsVsFfmpeg, Lavfi8BitOddSize) {
    const std::string clip = make_clip(scratch, "p8", "353x289", "yuv420p", 12);
    EXPECT_EQ(compare_file(clip, {0, 12}, scratch), 12 * kKeys8);
}

TEST_F(SignalStatsVsFfmpeg, Lavfi10Bit422) {
    const std::string clip = make_clip(scratch, "p10", "320x180", "yuv422p10le", 10);
    EXPECT_EQ(compare_file(clip, {0, 10}, scratch), 10 * kKeysDeep);
}

TEST_F(SignalStatsVsFfmpeg, FastModeKeys) {
    const std::string p8 = make_clip(scratch, "f8", "353x289", "yuv420p", 4);
    EXPECT_EQ(compare_fast_keys(p8, {0, 4}, scratch), 4 * 15);
    const std::string p10 = make_clip(scratch, "f10", "320x180", "yuv422p10le", 4);
    EXPECT_EQ(compare_fast_keys(p10, {0, 4}, scratch), 4 * 15);
}

TEST_F(SignalStatsVsFfmpeg, Lavfi12Bit444) {
    const std::string clip = make_clip(scratch, "p12", "240x136", "yuv444p12le", 6);
    EXPECT_EQ(compare_file(clip, {0, 6}, scratch), 6 * kKeysDeep);
}

TEST_F(SignalStatsVsFfmpeg, Lavfi16Bit422) {
    const std::string clip = make_clip(scratch, "p16", "320x180", "yuv422p16le", 6);
    EXPECT_EQ(compare_file(clip, {0, 6}, scratch), 6 * kKeysDeep);
}

TEST_F(SignalStatsVsFfmpeg, SampleDailyH264) {
    ASSERT_TRUE(
        samples::generate_samples({scratch.path(), samples::SampleSet::Dailies, "b001_c001_h264"}));
    const std::string clip = scratch.file("b001_c001_h264.mp4");
    EXPECT_EQ(compare_file(clip, {0, 12}, scratch), 12 * kKeys8);
}

// Frames 110-139 hold the out-of-range plants (Y' 1000 in frames 120-129, Y' 16 in 135-139, a
// 320x180 region), which BRNG and the extremes must see as ffmpeg does; the run starts after a
// seek, as a QC of part of a file would.
TEST_F(SignalStatsVsFfmpeg, SampleDefectsClip) {
    ASSERT_TRUE(samples::generate_samples({scratch.path(), samples::SampleSet::Defects, ""}));
    const std::string clip = scratch.file("x001_c001_defects.mov");
    EXPECT_EQ(compare_file(clip, {110, 30}, scratch), 30 * kKeysDeep);
}

}  // namespace
}  // namespace media
