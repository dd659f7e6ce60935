// SPDX-License-Identifier: Apache-2.0
// Black, freeze, interlace and cadence detection against ffmpeg 5.1's blackdetect, freezedetect
// and idet, on clips made here with the ffmpeg CLI and stored losslessly (FFV1), so both sides
// decode the very same pictures. Tolerances:
// - black and frozen segments: none (same rules, same thresholds, frame-exact);
// - idet's counts: none on the luma plane (ffmpeg runs on `extractplanes=y`, as measure_combing
//   reads luma only); against idet on every plane only the stream verdict must agree, since the
//   chroma planes tip a few borderline frames.
#include <cmath>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../test_support.h"
#include "media/analysis/interlace.h"
#include "media/analysis/temporal.h"
#include "media/analysis/video_measure.h"
#include "media/io/media_source.h"
#include "slate_samples/samples.h"

namespace media::analysis {
namespace {

struct Analysis {
    double fps = 0.0;
    int64_t frames = 0;
    std::vector<Segment> black;
    std::vector<Segment> frozen;
    InterlaceResult interlace;
    CadenceResult cadence;
};

struct Detectors {
    BlackDetector black;
    FreezeDetector freeze;
    InterlaceDetector interlace;
    CadenceDetector cadence;
};

std::optional<double> pts_seconds(const Frame& frame) {
    if (frame.pts() == kNoPts || !frame.time_base().valid()) return std::nullopt;
    return double(frame.pts()) * frame.time_base().to_double();
}

// One decode: every frame through measure_video + measure_combing, then the detectors in order.
std::optional<Analysis> analyse(const std::string& path, const BlackOptions& black,
                                const FreezeOptions& freeze) {
    auto source = MediaSource::open(path);
    if (!source) {
        ADD_FAILURE() << source.error().to_string();
        return std::nullopt;
    }
    Analysis a;
    a.fps = source->summary().frame_rate.to_double();
    Detectors d{BlackDetector(black), FreezeDetector(freeze), InterlaceDetector(),
                CadenceDetector({})};
    std::optional<Frame> previous;
    for (;;) {
        auto next = source->next_video_frame();
        if (!next || !*next) break;
        const Frame& frame = **next;
        const Frame* before = previous ? &*previous : nullptr;
        auto measures = measure_video(frame, before, {});
        if (!measures) {
            ADD_FAILURE() << measures.error().to_string();
            return std::nullopt;
        }
        const CombingMeasure combing = measure_combing(frame, before, {});
        d.black.add(a.frames, *measures);
        d.freeze.add(a.frames, *measures);
        d.interlace.add(a.frames, combing);
        d.cadence.add(a.frames, *measures, pts_seconds(frame), 1.0 / a.fps, combing.repeated_field);
        previous = frame;
        ++a.frames;
    }
    a.black = d.black.finish();
    a.frozen = d.freeze.finish();
    a.interlace = d.interlace.finish();
    a.cadence = d.cadence.finish();
    return a;
}

// ffmpeg's log (stderr) of a null-output run of `filters` on `path`.
std::string ffmpeg_log(const std::string& path, const std::string& filters,
                       const test::ScratchDir& scratch) {
    const auto result =
        test::run_command("ffmpeg -hide_banner -nostdin -nostats -i " + test::quote(path) +
                              " -an -vf " + test::quote(filters) + " -f null - >/dev/null",
                          scratch);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.err;
}

std::vector<std::string> captures(const std::string& log, const std::string& pattern) {
    std::vector<std::string> values;
    const std::regex re(pattern);
    for (auto it = std::sregex_iterator(log.begin(), log.end(), re); it != std::sregex_iterator();
         ++it)
        values.push_back((*it)[1].str());
    return values;
}

int64_t frame_at(const std::string& seconds, double fps) {
    return std::llround(std::stod(seconds) * fps);
}

// Start and end times (end = first frame after the run) as frame segments.
std::vector<Segment> segments(const std::vector<std::string>& starts,
                              const std::vector<std::string>& ends, double fps) {
    EXPECT_EQ(starts.size(), ends.size()) << "a run left open at the end of the clip";
    std::vector<Segment> out;
    for (size_t i = 0; i < std::min(starts.size(), ends.size()); ++i)
        out.push_back(Segment{frame_at(starts[i], fps), frame_at(ends[i], fps) - 1, 0.0, {}});
    return out;
}

struct Span {
    int64_t first, last;
    friend bool operator==(const Span&, const Span&) = default;
};

std::vector<Span> spans(const std::vector<Segment>& segments) {
    std::vector<Span> out;
    for (const Segment& s : segments) out.push_back({s.first, s.last});
    return out;
}

void PrintTo(const Span& s, std::ostream* os) {
    *os << s.first << ".." << s.last;
}

// idet's closing lines: "Repeated Fields: Neither: n Top: n Bottom: n", "Single frame detection:
// TFF: n BFF: n Progressive: n Undetermined: n", "Multi frame detection: ...".
struct IdetCounts {
    std::array<int64_t, 4> single{};  // TFF, BFF, progressive, undetermined
    std::array<int64_t, 4> multi{};
    int64_t top = 0;
    int64_t bottom = 0;
};

std::array<int64_t, 4> idet_line(const std::string& log, const std::string& title) {
    const std::regex re(
        title +
        R"( detection: TFF:\s*(\d+) BFF:\s*(\d+) Progressive:\s*(\d+) Undetermined:\s*(\d+))");
    std::smatch m;
    EXPECT_TRUE(std::regex_search(log, m, re)) << log;
    std::array<int64_t, 4> counts{};
    for (size_t i = 0; i < 4 && m.size() == 5; ++i) counts[i] = std::stoll(m[i + 1].str());
    return counts;
}

IdetCounts idet_counts(const std::string& log) {
    IdetCounts c;
    c.single = idet_line(log, "Single frame");
    c.multi = idet_line(log, "Multi frame");
    std::smatch m;
    if (std::regex_search(log, m, std::regex(R"(Top:\s*(\d+) Bottom:\s*(\d+))"))) {
        c.top = std::stoll(m[1].str());
        c.bottom = std::stoll(m[2].str());
    }
    return c;
}

std::string idet_verdict(const std::array<int64_t, 4>& multi) {
    if (multi[0] + multi[1] + multi[2] == 0) return "undetermined";
    if (multi[2] >= multi[0] && multi[2] >= multi[1]) return "progressive";
    return multi[0] >= multi[1] ? "tff" : "bff";
}

void expect_idet_agreement(const std::string& path, const Analysis& a,
                           const test::ScratchDir& scratch) {
    const IdetCounts luma = idet_counts(ffmpeg_log(path, "extractplanes=y,idet", scratch));
    const InterlaceResult& r = a.interlace;
    const std::array<int64_t, 4> single{r.top_first, r.bottom_first, r.progressive, r.undetermined};
    EXPECT_EQ(single, luma.single);
    const std::array<int64_t, 4> multi{r.multi_frame[1], r.multi_frame[2], r.multi_frame[3],
                                       r.multi_frame[0]};
    EXPECT_EQ(multi, luma.multi);
    EXPECT_EQ(r.repeated_top, luma.top);
    EXPECT_EQ(r.repeated_bottom, luma.bottom);
    const IdetCounts all_planes = idet_counts(ffmpeg_log(path, "idet", scratch));
    EXPECT_EQ(r.detected, idet_verdict(all_planes.multi));
}

class DetectVsFfmpeg : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg CLI not found";
    }
    std::string make_clip(const std::string& name, const std::string& args) {
        const std::string path = m_scratch.file(name);
        EXPECT_TRUE(test::ffmpeg(args + " -c:v ffv1 " + test::quote(path))) << args;
        return path;
    }
    // One clip of the sample generator, written into the scratch folder.
    std::string sample(const std::string& name, const std::string& file) {
        samples::SampleOptions options;
        options.output_dir = m_scratch.path() / "samples";
        options.set = samples::SampleSet::All;
        options.only = name;
        const auto report = samples::generate_samples(options);
        EXPECT_TRUE(report) << (report ? "" : report.error().to_string());
        return (options.output_dir / file).string();
    }
    test::ScratchDir m_scratch;
};

// 200 frames at 25 fps: black 50-54, the picture of 75 held to 99, a 4-frame hold at 180-183
// (shorter than d), a near-black picture with 1.875 % of white (black by pic_th) and one with
// 2.08 % (not black), uniform greys on either side of pix_th (Y' 37 and 38 at 8 bits), and a
// 2-frame black flash (shorter than d).
std::string defects_filter() {
    auto fill = [](const std::string& color, int first, int last, const std::string& box) {
        return "drawbox=" + box + ":color=" + color + ":t=fill:enable='between(n," +
               std::to_string(first) + "," + std::to_string(last) + ")'";
    };
    const std::string whole = "x=0:y=0:w=iw:h=ih";
    return "[0]split=3[a][b][c];[a][b]freezeframes=first=76:last=99:replace=75[f];"
           "[f][c]freezeframes=first=181:last=183:replace=180," +
           fill("black", 50, 54, whole) + "," + fill("black", 130, 139, whole) + "," +
           fill("white", 130, 134, "x=10:y=10:w=40:h=40") + "," +
           fill("white", 135, 139, "x=10:y=10:w=36:h=40") + "," +
           fill("0x191919", 150, 154, whole) + "," + fill("0x1a1a1a", 160, 164, whole) + "," +
           fill("black", 190, 191, whole);
}

void expect_black_and_freeze_agree(const std::string& path, const test::ScratchDir& scratch) {
    // d in seconds as the filters take it; in frames: the smallest run whose duration reaches it.
    const double black_d = 0.1, freeze_d = 0.2, fps = 25.0;
    const auto min_frames = [&](double d) { return int64_t(std::ceil(d * fps - 1e-9)); };
    const auto a = analyse(path, BlackOptions{0.98, min_frames(black_d)},
                           FreezeOptions{0.001, min_frames(freeze_d)});
    ASSERT_TRUE(a);
    ASSERT_EQ(a->frames, 200);
    const std::string log = ffmpeg_log(
        path, "blackdetect=d=0.1:pix_th=0.10:pic_th=0.98,freezedetect=n=-60dB:d=0.2", scratch);
    const auto black = segments(captures(log, R"(black_start:([0-9.]+))"),
                                captures(log, R"(black_end:([0-9.]+))"), fps);
    const auto frozen = segments(captures(log, R"(freeze_start: ([0-9.]+))"),
                                 captures(log, R"(freeze_end: ([0-9.]+))"), fps);
    EXPECT_EQ(spans(a->black), spans(black));
    EXPECT_EQ(spans(a->frozen), spans(frozen));
    // The planted runs themselves, so that agreement cannot come from both finding nothing.
    EXPECT_EQ(spans(a->black), (std::vector<Span>{{50, 54}, {135, 139}, {150, 154}}));
    ASSERT_GE(a->frozen.size(), 2u);
    EXPECT_EQ(spans(a->frozen)[1], (Span{75, 99}));
}

TEST_F(DetectVsFfmpeg, BlackAndFreezeSegments8Bit) {
    const std::string path = make_clip("defects8.mkv",
                                       "-f lavfi -i testsrc2=size=320x240:rate=25,format=yuv420p "
                                       "-filter_complex " +
                                           test::quote(defects_filter()) + " -frames:v 200");
    expect_black_and_freeze_agree(path, m_scratch);
}

TEST_F(DetectVsFfmpeg, BlackAndFreezeSegments10Bit) {
    const std::string path =
        make_clip("defects10.mkv",
                  "-f lavfi -i testsrc2=size=320x240:rate=25,format=yuv422p10le "
                  "-filter_complex " +
                      test::quote(defects_filter()) + " -frames:v 200");
    expect_black_and_freeze_agree(path, m_scratch);
}

void expect_no_findings(const Analysis& a) {
    EXPECT_TRUE(a.black.empty());
    EXPECT_TRUE(a.frozen.empty());
    EXPECT_TRUE(a.cadence.repeated_frames.empty());
    EXPECT_TRUE(a.cadence.dropped.empty());
    EXPECT_EQ(a.cadence.pattern, "none");
    EXPECT_EQ(a.interlace.detected, "progressive");
    EXPECT_TRUE(a.interlace.combed.empty());
}

// The sample generator's clean 8-bit dailies clip: nothing to find, and idet's own counts.
TEST_F(DetectVsFfmpeg, CleanSampleHasNoFindings) {
    const std::string path = sample("b001_c001_h264", "b001_c001_h264.mp4");
    const auto a = analyse(path, BlackOptions{}, FreezeOptions{});
    ASSERT_TRUE(a);
    expect_no_findings(*a);
    expect_idet_agreement(path, *a, m_scratch);
}

// The defects sample: black 50-54 and the picture of 75 held to 99 found at their frames, in
// agreement with blackdetect (d=0: every black frame) and freezedetect (d=0.2 s = 5 frames).
TEST_F(DetectVsFfmpeg, DefectsSampleAtPlantedFrames) {
    const std::string path = sample("x001_c001_defects", "x001_c001_defects.mov");
    const auto a = analyse(path, BlackOptions{0.98, 1}, FreezeOptions{0.001, 5});
    ASSERT_TRUE(a);
    ASSERT_EQ(a->frames, 250);
    EXPECT_EQ(spans(a->black), (std::vector<Span>{{50, 54}}));
    EXPECT_EQ(spans(a->frozen), (std::vector<Span>{{50, 54}, {75, 99}}));
    const std::string log = ffmpeg_log(
        path, "blackdetect=d=0:pix_th=0.10:pic_th=0.98,freezedetect=n=-60dB:d=0.2", m_scratch);
    EXPECT_EQ(spans(a->black), spans(segments(captures(log, R"(black_start:([0-9.]+))"),
                                              captures(log, R"(black_end:([0-9.]+))"), a->fps)));
    EXPECT_EQ(spans(a->frozen), spans(segments(captures(log, R"(freeze_start: ([0-9.]+))"),
                                               captures(log, R"(freeze_end: ([0-9.]+))"), a->fps)));
    // The repeated-frame plant; the flash's held pairs repeat too (the QC profile weighs them).
    ASSERT_FALSE(a->cadence.repeated_frames.empty());
    EXPECT_EQ(a->cadence.repeated_frames.front(), 110);
    EXPECT_TRUE(a->cadence.dropped.empty());
    EXPECT_EQ(a->interlace.detected, "progressive");
}

TEST_F(DetectVsFfmpeg, InterlacedTopFieldFirst) {
    const std::string path = make_clip("tff.mkv",
                                       "-f lavfi -i testsrc2=size=320x240:rate=50,format=yuv420p "
                                       "-vf tinterlace=interleave_top,setfield=tff -frames:v 60");
    const auto a = analyse(path, BlackOptions{}, FreezeOptions{});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->interlace.detected, "tff");
    expect_idet_agreement(path, *a, m_scratch);
}

TEST_F(DetectVsFfmpeg, InterlacedBottomFieldFirst) {
    const std::string path =
        make_clip("bff.mkv",
                  "-f lavfi -i testsrc2=size=320x240:rate=50,format=yuv420p "
                  "-vf tinterlace=interleave_bottom,setfield=bff -frames:v 60");
    const auto a = analyse(path, BlackOptions{}, FreezeOptions{});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->interlace.detected, "bff");
    expect_idet_agreement(path, *a, m_scratch);
}

// 23.976p telecined to 29.97 (ffmpeg's telecine, pattern 23): idet sees a repeated top and a
// repeated bottom field in every 5 frames.
TEST_F(DetectVsFfmpeg, TelecinePulldownPattern) {
    const std::string path =
        make_clip("telecine.mkv",
                  "-f lavfi -i testsrc2=size=320x240:rate=24000/1001,format=yuv420p "
                  "-vf telecine -frames:v 100");
    const auto a = analyse(path, BlackOptions{}, FreezeOptions{});
    ASSERT_TRUE(a);
    EXPECT_EQ(a->cadence.pattern, "2:3 pulldown");
    EXPECT_GE(a->cadence.pattern_frames, 80);
    EXPECT_NEAR(double(a->interlace.repeated_top), 20.0, 1.0);
    expect_idet_agreement(path, *a, m_scratch);
}

}  // namespace
}  // namespace media::analysis
