// SPDX-License-Identifier: Apache-2.0
// Loudness and audio levels of the sample clips, decoded by MediaSource, against ffmpeg's
// ebur128 and silencedetect filters on the same files, and against the defects clip's plants.
// ctest runs every TEST in its own process, so each test generates only the clip it reads.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <numbers>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../test_support.h"
#include "media/analysis/audio_levels.h"
#include "media/analysis/loudness.h"
#include "media/io/media_source.h"
#include "slate_samples/samples.h"

namespace media::analysis {
namespace {

using test::ScratchDir;

// ffmpeg prints one decimal (+-0.05) and gates in 0.01 LU histogram bins taken at their lower
// edge: a few hundredths at most, so loudness, LRA and sample peak agree within 0.1.
constexpr double kVsFfmpeg = 0.1;
// ffmpeg finds true peaks by resampling to 192 kHz with libswresample, whose filter ripple
// over-reads these tones: its per-channel metadata gives 0.101 for the 4 kHz tone of peak
// 0.100 (+0.05..0.13 dB), where libebur128's 4x FIR reads the sine's peak. With the printed
// rounding that needs 0.15 dB.
constexpr double kTruePeakVsFfmpeg = 0.15;

// ---- running the two sides -----------------------------------------------------------------

struct Measured {
    SourceSummary summary;
    LoudnessResult loudness;
    AudioLevelsResult levels;
};

Result<Measured> measure(const std::string& path, LoudnessOptions loudness_options,
                         const AudioLevelOptions& level_options = {}) {
    SourceOptions options;
    options.video = false;
    options.audio = true;
    MEDIA_TRY_ASSIGN(MediaSource source, MediaSource::open(path, options));
    Measured out;
    out.summary = source.summary();
    if (loudness_options.channel_layout.empty())
        loudness_options.channel_layout = out.summary.channel_layout;
    MEDIA_TRY_ASSIGN(LoudnessMeter meter,
                     LoudnessMeter::create(out.summary.audio_channels, out.summary.sample_rate,
                                           loudness_options));
    AudioLevelAnalyzer levels(out.summary.audio_channels, out.summary.sample_rate,
                              out.summary.channel_layout, level_options);
    while (true) {
        MEDIA_TRY_ASSIGN(std::optional<AudioBlock> block, source.next_audio_block());
        if (!block) break;
        MEDIA_TRY(meter.add(*block));
        levels.add(*block);
    }
    out.loudness = meter.finish();
    out.levels = levels.finish();
    return out;
}

std::string ffmpeg_log(const std::string& path, const std::string& filters,
                       const ScratchDir& scratch, const std::string& input_options = {}) {
    const test::CommandResult run = test::run_command(
        fmt::format("ffmpeg -hide_banner -nostdin {} -i {} -map 0:a:0 -af '{}' -f null -",
                    input_options, test::quote(path), filters),
        scratch);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.err;
}

// A value of ebur128's summary: `key` in the first line after `section` that has it.
std::optional<double> summary_value(const std::string& log, const std::string& section,
                                    const std::string& key) {
    const size_t summary = log.rfind("Summary:");
    if (summary == std::string::npos) return std::nullopt;
    const size_t at = log.find(section, summary);
    if (at == std::string::npos) return std::nullopt;
    const size_t value = log.find(key, at);
    if (value == std::string::npos) return std::nullopt;
    return std::strtod(log.c_str() + value + key.size(), nullptr);
}

struct FfmpegLoudness {
    std::optional<double> integrated, range, sample_peak, true_peak;
};

FfmpegLoudness ffmpeg_loudness(const std::string& path, const ScratchDir& scratch,
                               const std::string& before = {}) {
    const std::string log = ffmpeg_log(path, before + "ebur128=peak=sample+true", scratch, {});
    return FfmpegLoudness{summary_value(log, "Integrated loudness:", "I:"),
                          summary_value(log, "Loudness range:", "LRA:"),
                          summary_value(log, "Sample peak:", "Peak:"),
                          summary_value(log, "True peak:", "Peak:")};
}

void expect_agrees(const LoudnessResult& ours, const FfmpegLoudness& theirs) {
    ASSERT_TRUE(theirs.integrated && theirs.range && theirs.true_peak && theirs.sample_peak);
    ASSERT_TRUE(ours.integrated && ours.true_peak && ours.sample_peak);
    // The figures, for the record: ours (ffmpeg's).
    std::cout << fmt::format(
        "I {:.3f} ({}) LUFS, LRA {:.3f} ({}) LU, TP {:.3f} ({}) dBTP, "
        "SP {:.3f} ({}) dBFS\n",
        *ours.integrated, *theirs.integrated, ours.range.value_or(0.0), *theirs.range,
        *ours.true_peak, *theirs.true_peak, *ours.sample_peak, *theirs.sample_peak);
    EXPECT_NEAR(*ours.integrated, *theirs.integrated, kVsFfmpeg);
    // ffmpeg prints 0.0 when no 3 s window was complete; the meter reports none.
    EXPECT_NEAR(ours.range.value_or(0.0), *theirs.range, kVsFfmpeg);
    EXPECT_NEAR(*ours.true_peak, *theirs.true_peak, kTruePeakVsFfmpeg);
    EXPECT_NEAR(*ours.sample_peak, *theirs.sample_peak, kVsFfmpeg);
}

// silencedetect's runs as printed: times in seconds, with the text kept for its precision.
struct PrintedRun {
    std::string start, end;
};

std::vector<PrintedRun> silencedetect(const std::string& path, double seconds,
                                      const ScratchDir& scratch) {
    const std::string log =
        ffmpeg_log(path, fmt::format("silencedetect=n=-60dB:d={}", seconds), scratch);
    std::vector<PrintedRun> runs;
    const auto word_after = [&log](size_t at) {
        return log.substr(at, log.find_first_of(" |\r\n", at) - at);
    };
    for (size_t at = log.find("silence_start: "); at != std::string::npos;
         at = log.find("silence_start: ", at + 1)) {
        const size_t end = log.find("silence_end: ", at);
        if (end == std::string::npos) break;
        runs.push_back({word_after(at + 15), word_after(end + 13)});
    }
    return runs;
}

// ffmpeg prints times with "%.6g": the sample a printed time stands for is known to half its
// last printed digit, plus half a sample.
void expect_time_is_sample(const std::string& printed, int64_t sample, int rate) {
    const size_t point = printed.find('.');
    const int decimals =
        point == std::string::npos ? 0 : static_cast<int>(printed.size() - point - 1);
    const double tolerance = 0.5 * std::pow(10.0, -decimals) + 0.5 / rate;
    EXPECT_NEAR(std::strtod(printed.c_str(), nullptr), static_cast<double>(sample) / rate,
                tolerance)
        << "printed " << printed << ", sample " << sample;
}

void expect_same_silence(const std::vector<Segment>& ours, const std::vector<PrintedRun>& theirs,
                         int rate) {
    ASSERT_EQ(ours.size(), theirs.size());
    for (size_t i = 0; i < ours.size(); ++i) {
        expect_time_is_sample(theirs[i].start, ours[i].first, rate);
        expect_time_is_sample(theirs[i].end, ours[i].last + 1, rate);  // ffmpeg's end: exclusive
    }
}

// ---- sample clips --------------------------------------------------------------------------

std::string generate(const ScratchDir& scratch, const std::string& clip) {
    samples::SampleOptions options;
    options.output_dir = scratch.path();
    options.set = samples::SampleSet::All;
    options.only = clip;
    auto report = samples::generate_samples(options);
    EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message());
    return scratch.file(clip + (clip.starts_with("b001") ? ".mp4" : ".mov"));
}

class LoudnessVsFfmpeg : public ::testing::Test {
protected:
    void SetUp() override {
        if (!test::have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg not on PATH";
    }
    ScratchDir m_scratch;
};

TEST_F(LoudnessVsFfmpeg, DiscreteFourChannelPcm) {
    const std::string path = generate(m_scratch, "a001_c001_prores4444");
    // The channels carry no positions ("4 channels"): every channel weighs 1. ffmpeg's filter
    // refuses layouts without positions, so it gets four front/top ones that also weigh 1.
    auto plain = measure(path, {});
    ASSERT_TRUE(plain.ok()) << plain.error().message();
    EXPECT_EQ(plain->summary.channel_layout, "4 channels");
    expect_agrees(
        plain->loudness,
        ffmpeg_loudness(path, m_scratch, "channelmap=map=0|1|2|3:channel_layout=FL+FR+FC+TC,"));
    // Left to itself the ffmpeg CLI guesses 4.0 (FL FR FC BC) and weighs BC 1.41; so does the
    // meter when told 4.0.
    LoudnessOptions guessed;
    guessed.channel_layout = "4.0";
    auto as_four_zero = measure(path, guessed);
    ASSERT_TRUE(as_four_zero.ok());
    expect_agrees(as_four_zero->loudness, ffmpeg_loudness(path, m_scratch));
    EXPECT_GT(*as_four_zero->loudness.integrated, *plain->loudness.integrated + 0.3);
    expect_same_silence(plain->levels.silence_all, silencedetect(path, 0.5, m_scratch), 48000);
    EXPECT_TRUE(plain->levels.silence_all.empty());
}

TEST_F(LoudnessVsFfmpeg, AacStereo) {
    const std::string path = generate(m_scratch, "b001_c001_h264");
    auto measured = measure(path, {});
    ASSERT_TRUE(measured.ok()) << measured.error().message();
    expect_agrees(measured->loudness, ffmpeg_loudness(path, m_scratch));
    expect_same_silence(measured->levels.silence_all, silencedetect(path, 0.5, m_scratch),
                        measured->summary.sample_rate);
}

// The generator's tone on channel c (1 kHz per channel number, -20 dBFS peak), as
// samples/src/tone.cpp computes it: used to tell which samples beside a plant are quiet too.
double tone_at(int channel, int64_t n) {
    const int64_t cycle = (int64_t{1000} * (channel + 1) * n) % 48000;
    return 0.1 * std::sin(2.0 * std::numbers::pi * static_cast<double>(cycle) / 48000.0);
}

// The last sample of the quiet run that starts at `first`: the plant, plus any following
// samples where both tones happen to sit under the -60 dBFS noise level (zero crossings).
int64_t quiet_until(int64_t last) {
    const auto quiet = [](int64_t n) {
        return std::fabs(tone_at(0, n)) < 0.001 && std::fabs(tone_at(1, n)) < 0.001;
    };
    while (quiet(last + 1)) ++last;
    return last;
}

const samples::Plant* plant_of(const std::vector<samples::Plant>& plants, const std::string& kind) {
    for (const auto& plant : plants)
        if (plant.kind == kind && plant.file == "x001_c001_defects.mov") return &plant;
    return nullptr;
}

// The runs that share samples with a plant.
std::vector<Segment> overlapping(const std::vector<Segment>& runs, const samples::Plant& plant) {
    std::vector<Segment> out;
    for (const Segment& run : runs)
        if (run.last >= plant.first_sample && run.first <= plant.last_sample) out.push_back(run);
    return out;
}

// Half a period of channel c's tone: a sine first reaches a level, and last leaves it, within
// half a period of where its loud stretch starts and ends.
int64_t half_period(int c) {
    return 48000 / (1000 * (c + 1)) / 2;
}

void expect_inside_plant_ends(const Segment& run, const samples::Plant& plant, int c) {
    EXPECT_GE(run.first, plant.first_sample);
    EXPECT_LE(run.first, plant.first_sample + half_period(c));
    EXPECT_LE(run.last, plant.last_sample);
    EXPECT_GE(run.last, plant.last_sample - half_period(c));
}

// 100 ms blocks of the meter's true-peak runs (4800 samples at 48 kHz).
int64_t block_start(int64_t sample) {
    return sample / 4800 * 4800;
}

// The spike (-1 dBFS instead of -20): one sample-accurate peak_over run per channel and the
// true-peak blocks that hold it; no clipping.
void expect_spike_found(const AudioLevelsResult& levels, const LoudnessResult& loudness,
                        const std::vector<samples::Plant>& plants) {
    const samples::Plant* spike = plant_of(plants, "loudness_spike");
    ASSERT_NE(spike, nullptr);
    for (int c = 0; c < 2; ++c) {
        const ChannelLevels& channel = levels.per_channel[static_cast<size_t>(c)];
        const std::vector<Segment> runs = overlapping(channel.peak_over, *spike);
        ASSERT_EQ(runs.size(), 1u) << "channel " << c;
        expect_inside_plant_ends(runs[0], *spike, c);
        EXPECT_NEAR(runs[0].value, -1.0, 0.01);  // 24-bit samples of a -1 dBFS sine
        EXPECT_TRUE(overlapping(channel.clipping, *spike).empty());
    }
    const std::vector<Segment> over = overlapping(loudness.true_peak_over, *spike);
    ASSERT_EQ(over.size(), 1u);
    EXPECT_EQ(over[0].first, block_start(spike->first_sample));
    EXPECT_EQ(over[0].last, block_start(spike->last_sample) + 4799);
    EXPECT_NEAR(over[0].value, -1.0, 0.2);  // Tech 3341's true-peak tolerance
}

// The clipping plant (tones at +6 dBFS cut flat at full scale), where the generator has it:
// clip runs on every half cycle, all inside the plant, and one peak_over run across it.
void expect_clipping_found(const AudioLevelsResult& levels, const LoudnessResult& loudness,
                           const std::vector<samples::Plant>& plants) {
    const samples::Plant* clip = plant_of(plants, "clipping");
    if (clip == nullptr) return;
    for (int c = 0; c < 2; ++c) {
        const ChannelLevels& channel = levels.per_channel[static_cast<size_t>(c)];
        ASSERT_FALSE(channel.clipping.empty()) << "channel " << c;
        EXPECT_EQ(overlapping(channel.clipping, *clip).size(), channel.clipping.size());
        expect_inside_plant_ends(
            Segment{channel.clipping.front().first, channel.clipping.back().last, 0.0, {}}, *clip,
            c);
        const std::vector<Segment> runs = overlapping(channel.peak_over, *clip);
        ASSERT_EQ(runs.size(), 1u) << "channel " << c;
        expect_inside_plant_ends(runs[0], *clip, c);
        EXPECT_NEAR(runs[0].value, 0.0, 0.001);
    }
    // The true-peak interpolator's delay of a few samples can carry the last over into the
    // next 100 ms block when the plant ends on a block boundary.
    const std::vector<Segment> over = overlapping(loudness.true_peak_over, *clip);
    ASSERT_EQ(over.size(), 1u);
    EXPECT_EQ(over[0].first, block_start(clip->first_sample));
    EXPECT_GE(over[0].last, block_start(clip->last_sample) + 4799);
    EXPECT_LE(over[0].last, block_start(clip->last_sample) + 4800 + 4799);
}

TEST_F(LoudnessVsFfmpeg, DefectsClip) {
    samples::SampleOptions options;
    options.output_dir = m_scratch.path();
    options.set = samples::SampleSet::Defects;
    options.only = "x001_c001_defects";
    auto report = samples::generate_samples(options);
    ASSERT_TRUE(report.ok()) << report.error().message();
    const std::string path = m_scratch.file("x001_c001_defects.mov");

    // The silence plant lasts 0.4 s: look for runs of 0.2 s on both sides.
    AudioLevelOptions level_options;
    level_options.silence_min_seconds = 0.2;
    LoudnessOptions loudness_options;
    loudness_options.true_peak_limit = -3.0;
    auto measured = measure(path, loudness_options, level_options);
    ASSERT_TRUE(measured.ok()) << measured.error().message();
    expect_agrees(measured->loudness, ffmpeg_loudness(path, m_scratch));
    const AudioLevelsResult& levels = measured->levels;
    expect_same_silence(levels.silence_all, silencedetect(path, 0.2, m_scratch), 48000);

    // Silence: exactly the plant, and the one sample after it where both tones cross zero
    // (sample 403200 is a multiple of 48: sin(0) on 1 kHz and 2 kHz).
    const samples::Plant* silence = plant_of(report->plants, "silence");
    ASSERT_NE(silence, nullptr);
    ASSERT_EQ(levels.silence_all.size(), 1u);
    EXPECT_EQ(levels.silence_all[0].first, silence->first_sample);
    EXPECT_EQ(levels.silence_all[0].last, quiet_until(silence->last_sample));
    EXPECT_EQ(levels.silence_all[0].value, -200.0);  // digital zero

    expect_spike_found(levels, measured->loudness, report->plants);
    expect_clipping_found(levels, measured->loudness, report->plants);
}

}  // namespace
}  // namespace media::analysis
