// SPDX-License-Identifier: Apache-2.0
// LoudnessMeter against the EBU test signals that can be synthesised: Tech 3341 (loudness
// meters) cases 1-6, 9 and 12, its true-peak idea on sines at fs/4, and Tech 3342 (loudness
// range) cases 1-4. Levels follow the documents: "x dBFS" is a sine whose peak is x dB below
// full scale, so a 1 kHz stereo sine at -23 dBFS reads -23.0 LUFS.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "media/analysis/loudness.h"

namespace media::analysis {
namespace {

constexpr int kRate = 48000;

// Tech 3341 and 3342 allow +-0.1 LU on loudness and +-1 LU on LRA; the meter is far better
// than that on steady sines, so these are the documents' tolerances and nothing looser.
constexpr double kLoudnessTolerance = 0.1;
constexpr double kRangeTolerance = 1.0;

// One stretch of a programme: every channel a sine at its own peak level (dBFS).
struct Part {
    double seconds = 0.0;
    std::vector<double> levels_dbfs;
};

struct Signal {
    std::vector<Part> parts;
    std::string layout;
    int frequency_hz = 1000;
    double phase = 0.0;  // radians
};

constexpr double kSilent = -1000.0;  // a level that means digital zero

double sine(const Signal& signal, double level_dbfs, int64_t n) {
    if (level_dbfs <= kSilent) return 0.0;
    // The phase is reduced in integers so that fs/4 and 1 kHz land exactly on their samples.
    const int64_t cycle = (static_cast<int64_t>(signal.frequency_hz) * n) % kRate;
    const double phase = 2.0 * std::numbers::pi * static_cast<double>(cycle) / kRate;
    return std::pow(10.0, level_dbfs / 20.0) * std::sin(phase + signal.phase);
}

// Writes the programme into blocks of the given sizes (cycled) and feeds them to the meter.
LoudnessResult measure(const Signal& signal, LoudnessOptions options = {},
                       const std::vector<int64_t>& block_sizes = {4801, 997, 12000, 1}) {
    const int channels = static_cast<int>(signal.parts.front().levels_dbfs.size());
    options.channel_layout = signal.layout;
    auto meter = LoudnessMeter::create(channels, kRate, options);
    EXPECT_TRUE(meter.ok());
    int64_t n = 0;
    size_t next_size = 0;
    for (const Part& part : signal.parts) {
        const int64_t end = n + std::llround(part.seconds * kRate);
        while (n < end) {
            const int64_t count = std::min(block_sizes[next_size++ % block_sizes.size()], end - n);
            auto block = AudioBlock::allocate(channels, count, kRate, signal.layout);
            for (int c = 0; c < channels; ++c)
                for (int64_t i = 0; i < count; ++i)
                    block->channel(c)[static_cast<size_t>(i)] = static_cast<float>(
                        sine(signal, part.levels_dbfs[static_cast<size_t>(c)], n + i));
            EXPECT_TRUE(meter->add(*block).ok());
            n += count;
        }
    }
    return meter->finish();
}

Signal stereo(const std::vector<std::pair<double, double>>& seconds_and_levels) {
    Signal signal{{}, "stereo"};
    for (auto [seconds, level] : seconds_and_levels)
        signal.parts.push_back(Part{seconds, {level, level}});
    return signal;
}

LoudnessOptions fast() {
    LoudnessOptions options;
    options.true_peak = false;  // not under test: it quadruples the work
    return options;
}

double series_min(const FrameSeries& series) {
    double low = HUGE_VAL;
    for (const SeriesPoint& p : series.points()) low = std::min(low, p.min);
    return low;
}
double series_max(const FrameSeries& series) {
    double high = -HUGE_VAL;
    for (const SeriesPoint& p : series.points()) high = std::max(high, p.max);
    return high;
}

TEST(LoudnessTech3341, Case1SineAtMinus23) {
    const LoudnessResult r = measure(stereo({{20.0, -23.0}}), fast());
    ASSERT_TRUE(r.integrated && r.momentary_max && r.short_term_max);
    EXPECT_NEAR(*r.integrated, -23.0, kLoudnessTolerance);
    EXPECT_NEAR(*r.momentary_max, -23.0, kLoudnessTolerance);
    EXPECT_NEAR(*r.short_term_max, -23.0, kLoudnessTolerance);
    EXPECT_NEAR(series_min(r.momentary), -23.0, kLoudnessTolerance);
    EXPECT_NEAR(series_min(r.short_term), -23.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case2SineAtMinus33) {
    const LoudnessResult r = measure(stereo({{20.0, -33.0}}), fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -33.0, kLoudnessTolerance);
    EXPECT_NEAR(*r.short_term_max, -33.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case3RelativeGateDropsQuietParts) {
    const LoudnessResult r = measure(stereo({{10.0, -36.0}, {60.0, -23.0}, {10.0, -36.0}}), fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -23.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case4AbsoluteAndRelativeGates) {
    const LoudnessResult r =
        measure(stereo({{10.0, -72.0}, {10.0, -36.0}, {60.0, -23.0}, {10.0, -36.0}, {10.0, -72.0}}),
                fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -23.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case5LoudPartInTheMiddle) {
    const LoudnessResult r = measure(stereo({{20.0, -26.0}, {20.1, -20.0}, {20.0, -26.0}}), fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -23.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case6FiveChannelsWeightSurrounds) {
    Signal signal{{Part{20.0, {-28.0, -28.0, -24.0, -30.0, -30.0}}}, "5.0"};
    const LoudnessResult r = measure(signal, fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -23.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case6WithLfeIgnoresTheLfe) {
    // Case 6 as 5.1: a loud LFE must not count (BS.1770 leaves it out).
    Signal signal{{Part{20.0, {-28.0, -28.0, -24.0, -10.0, -30.0, -30.0}}}, "5.1"};
    const LoudnessResult r = measure(signal, fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -23.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case9ShortTermOfAPeriodicSignal) {
    // 1.34 s at -20 and 1.66 s at -30, five times: every 3 s window holds one period, so the
    // short-term loudness is -23.0 throughout.
    std::vector<std::pair<double, double>> parts;
    for (int i = 0; i < 5; ++i) parts.insert(parts.end(), {{1.34, -20.0}, {1.66, -30.0}});
    const LoudnessResult r = measure(stereo(parts), fast());
    ASSERT_FALSE(r.short_term.empty());
    EXPECT_NEAR(series_min(r.short_term), -23.0, kLoudnessTolerance);
    EXPECT_NEAR(series_max(r.short_term), -23.0, kLoudnessTolerance);
}

TEST(LoudnessTech3341, Case12MomentaryOfAPeriodicSignal) {
    // 0.18 s at -20 and 0.22 s at -30, repeated: every 400 ms window holds one period.
    std::vector<std::pair<double, double>> parts;
    for (int i = 0; i < 25; ++i) parts.insert(parts.end(), {{0.18, -20.0}, {0.22, -30.0}});
    const LoudnessResult r = measure(stereo(parts), fast());
    ASSERT_FALSE(r.momentary.empty());
    EXPECT_NEAR(series_min(r.momentary), -23.0, kLoudnessTolerance);
    EXPECT_NEAR(series_max(r.momentary), -23.0, kLoudnessTolerance);
}

TEST(LoudnessChannels, MonoIsWeightedOneLikeFfmpeg) {
    // Half the energy of the stereo case 1: -26.0 LUFS (dual mono would read -23.0).
    Signal signal{{Part{10.0, {-23.0}}}, "mono"};
    const LoudnessResult r = measure(signal, fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -23.0 - 10.0 * std::log10(2.0), kLoudnessTolerance);
}

TEST(LoudnessChannels, BackCentreOfFourPointZeroWeighs141) {
    Signal positioned{{Part{10.0, {kSilent, kSilent, kSilent, -23.0}}}, "4.0"};
    Signal unpositioned = positioned;
    unpositioned.layout = "4 channels";
    const LoudnessResult back = measure(positioned, fast());
    const LoudnessResult plain = measure(unpositioned, fast());
    ASSERT_TRUE(back.integrated && plain.integrated);
    EXPECT_NEAR(*plain.integrated, -23.0 - 10.0 * std::log10(2.0), kLoudnessTolerance);
    EXPECT_NEAR(*back.integrated - *plain.integrated, 10.0 * std::log10(1.41), 0.01);
}

TEST(LoudnessChannels, CustomLayoutNamesAreWeighted) {
    Signal signal{{Part{10.0, {-23.0, -23.0, 0.0}}}, "FL+FR+LFE"};
    const LoudnessResult r = measure(signal, fast());
    ASSERT_TRUE(r.integrated);
    EXPECT_NEAR(*r.integrated, -23.0, kLoudnessTolerance);
}

// True peak: a sine at fs/4 is sampled at four phases only, so with a 45 degree phase every
// sample sits at 1/sqrt(2) of the peak: the samples read 3.01 dB under the waveform's peak,
// which the 4x oversampled measure must recover. Tech 3341 allows +0.2 / -0.4 dB on its
// true-peak cases (an oversampling meter may read a little under or over); a 0 degree phase
// puts samples on the peaks, so sample peak and true peak agree there.
TEST(LoudnessTruePeak, SineAtQuarterRateBetweenSamples) {
    Signal signal = stereo({{2.0, -6.0}});
    signal.frequency_hz = kRate / 4;
    signal.phase = std::numbers::pi / 4.0;
    const LoudnessResult r = measure(signal);
    ASSERT_TRUE(r.true_peak && r.sample_peak);
    EXPECT_NEAR(*r.sample_peak, -6.0 - 20.0 * std::log10(std::sqrt(2.0)), 0.001);
    EXPECT_GE(*r.true_peak, -6.0 - 0.4);
    EXPECT_LE(*r.true_peak, -6.0 + 0.2);
    ASSERT_EQ(r.true_peak_per_channel.size(), 2u);
}

TEST(LoudnessTruePeak, SineAtQuarterRateOnSamples) {
    Signal signal = stereo({{2.0, -6.0}});
    signal.frequency_hz = kRate / 4;
    const LoudnessResult r = measure(signal);
    ASSERT_TRUE(r.true_peak && r.sample_peak);
    EXPECT_NEAR(*r.sample_peak, -6.0, 0.001);
    EXPECT_GE(*r.true_peak, -6.0 - 0.4);
    EXPECT_LE(*r.true_peak, -6.0 + 0.2);
}

TEST(LoudnessTruePeak, FullScaleSamplesBetweenPeaksReadPlusThree) {
    // Samples at +-1.0 (0 dBFS) on a sine whose peak is sqrt(2): +3.01 dBTP, an over no sample
    // meter sees.
    Signal signal = stereo({{2.0, 20.0 * std::log10(std::sqrt(2.0))}});
    signal.frequency_hz = kRate / 4;
    signal.phase = std::numbers::pi / 4.0;
    const LoudnessResult r = measure(signal);
    ASSERT_TRUE(r.true_peak && r.sample_peak);
    EXPECT_NEAR(*r.sample_peak, 0.0, 0.001);
    EXPECT_GE(*r.true_peak, 3.01 - 0.4);
    EXPECT_LE(*r.true_peak, 3.01 + 0.2);
}

TEST(LoudnessTruePeak, OverLimitRunsCoverTheirBlocks) {
    // -20 dBFS with 1.05 s .. 1.25 s at -1 dBFS: 100 ms blocks 10..12 are over a -3 dBTP limit.
    LoudnessOptions options;
    options.true_peak_limit = -3.0;
    const LoudnessResult r = measure(stereo({{1.05, -20.0}, {0.2, -1.0}, {1.75, -20.0}}), options);
    ASSERT_EQ(r.true_peak_over.size(), 1u);
    EXPECT_EQ(r.true_peak_over[0].first, 48000);
    EXPECT_EQ(r.true_peak_over[0].last, 62399);
    EXPECT_NEAR(r.true_peak_over[0].value, -1.0, 0.2);  // Tech 3341's true-peak tolerance
}

// EBU Tech 3342 cases 1-4: two or more steady stretches; LRA is their loudness difference.
TEST(LoudnessTech3342, Case1TenLu) {
    const LoudnessResult r = measure(stereo({{20.0, -20.0}, {20.0, -30.0}}), fast());
    ASSERT_TRUE(r.range);
    EXPECT_NEAR(*r.range, 10.0, kRangeTolerance);
}

TEST(LoudnessTech3342, Case2FiveLu) {
    const LoudnessResult r = measure(stereo({{20.0, -20.0}, {20.0, -15.0}}), fast());
    ASSERT_TRUE(r.range);
    EXPECT_NEAR(*r.range, 5.0, kRangeTolerance);
}

TEST(LoudnessTech3342, Case3TwentyLu) {
    const LoudnessResult r = measure(stereo({{20.0, -40.0}, {20.0, -20.0}}), fast());
    ASSERT_TRUE(r.range);
    EXPECT_NEAR(*r.range, 20.0, kRangeTolerance);
}

TEST(LoudnessTech3342, Case4FifteenLu) {
    const LoudnessResult r =
        measure(stereo({{20.0, -50.0}, {20.0, -35.0}, {20.0, -20.0}, {20.0, -35.0}, {20.0, -50.0}}),
                fast());
    ASSERT_TRUE(r.range);
    EXPECT_NEAR(*r.range, 15.0, kRangeTolerance);
}

TEST(Loudness, SilenceMeasuresNothing) {
    const LoudnessResult r = measure(stereo({{5.0, kSilent}}));
    EXPECT_FALSE(r.integrated);
    EXPECT_FALSE(r.range);
    EXPECT_FALSE(r.momentary_max);
    EXPECT_FALSE(r.short_term_max);
    EXPECT_FALSE(r.true_peak);
    EXPECT_FALSE(r.sample_peak);
    EXPECT_TRUE(r.momentary.empty());
    ASSERT_EQ(r.true_peak_per_channel.size(), 2u);
    EXPECT_EQ(r.true_peak_per_channel[0], -200.0);
}

TEST(Loudness, ShorterThanAGatingBlockHasNoIntegratedLoudness) {
    const LoudnessResult r = measure(stereo({{0.35, -23.0}}));
    EXPECT_FALSE(r.integrated);
    EXPECT_FALSE(r.range);
    ASSERT_TRUE(r.true_peak);  // peaks need no block
    EXPECT_NEAR(*r.true_peak, -23.0, 0.2);
}

TEST(Loudness, BlockSizesDoNotChangeTheResult) {
    const Signal signal = stereo({{3.3, -20.0}, {4.0, -31.0}});
    LoudnessOptions options;
    options.true_peak_limit = -25.0;
    const LoudnessResult a = measure(signal, options, {48000});
    const LoudnessResult b = measure(signal, options, {1, 4799, 333, 10007});
    EXPECT_EQ(a.integrated, b.integrated);
    EXPECT_EQ(a.range, b.range);
    EXPECT_EQ(a.momentary_max, b.momentary_max);
    EXPECT_EQ(a.short_term_max, b.short_term_max);
    EXPECT_EQ(a.true_peak, b.true_peak);
    EXPECT_EQ(a.true_peak_over, b.true_peak_over);
    EXPECT_EQ(a.momentary.points().size(), b.momentary.points().size());
}

TEST(Loudness, RejectsWhatItCannotMeasure) {
    EXPECT_EQ(LoudnessMeter::create(0, kRate).error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(LoudnessMeter::create(2, 100).error().code(), ErrorCode::InvalidArgument);
    auto meter = LoudnessMeter::create(2, kRate);
    ASSERT_TRUE(meter.ok());
    auto mono = AudioBlock::allocate(1, 100, kRate);
    EXPECT_EQ(meter->add(*mono).error().code(), ErrorCode::InvalidArgument);
    auto other_rate = AudioBlock::allocate(2, 100, 44100);
    EXPECT_EQ(meter->add(*other_rate).error().code(), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace media::analysis
