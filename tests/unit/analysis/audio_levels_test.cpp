// SPDX-License-Identifier: Apache-2.0
// AudioLevelAnalyzer on synthetic signals whose answers are known sample for sample: planted
// silence, clipping, DC, dead channels, inverted channels and level spikes, fed in blocks of
// odd sizes (a decoder's packets are whatever size they are).
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "media/analysis/audio_levels.h"

namespace media::analysis {
namespace {

constexpr int kRate = 48000;
constexpr int64_t kSecond = kRate;  // samples

using Channels = std::vector<std::vector<float>>;

// A sine of `frequency` Hz with peak `level_dbfs`, `samples` long.
std::vector<float> tone(int64_t samples, double level_dbfs = -20.0, int frequency = 1000) {
    std::vector<float> out(static_cast<size_t>(samples));
    const double amplitude = std::pow(10.0, level_dbfs / 20.0);
    for (int64_t n = 0; n < samples; ++n) {
        const int64_t cycle = (frequency * n) % kRate;  // exact zero crossings
        out[static_cast<size_t>(n)] = static_cast<float>(
            amplitude * std::sin(2.0 * std::numbers::pi * static_cast<double>(cycle) / kRate));
    }
    return out;
}

void fill(std::vector<float>& samples, int64_t first, int64_t end, float value) {
    std::fill(samples.begin() + first, samples.begin() + end, value);
}

AudioLevelsResult analyse(const Channels& channels, const AudioLevelOptions& options = {},
                          const std::vector<int64_t>& block_sizes = {4801, 1, 997, 33}) {
    const int count = static_cast<int>(channels.size());
    AudioLevelAnalyzer analyzer(count, kRate, count == 2 ? "stereo" : "", options);
    const auto total = static_cast<int64_t>(channels.front().size());
    size_t next_size = 0;
    for (int64_t n = 0; n < total;) {
        const int64_t size = std::min(block_sizes[next_size++ % block_sizes.size()], total - n);
        auto block = AudioBlock::allocate(count, size, kRate);
        for (int c = 0; c < count; ++c)
            std::copy_n(channels[static_cast<size_t>(c)].begin() + n, size,
                        block->channel(c).begin());
        analyzer.add(*block);
        n += size;
    }
    return analyzer.finish();
}

TEST(AudioLevels, SilenceRunsAreSampleExact) {
    // 1 kHz at 48 kHz crosses zero every 24 samples; the plant's neighbours (48004 and 78005)
    // are 4 and 5 samples past a crossing, well above the -60 dBFS noise level.
    Channels signal{tone(3 * kSecond), tone(3 * kSecond)};
    for (auto& channel : signal) fill(channel, 48005, 78005, 0.0f);
    fill(signal[0], 100005, 100005 + 14400, 0.0f);  // 0.3 s on one channel: too short
    const AudioLevelsResult r = analyse(signal);
    ASSERT_EQ(r.silence_all.size(), 1u);
    EXPECT_EQ(r.silence_all[0], (Segment{48005, 78004, -200.0, {}}));
    for (const ChannelLevels& channel : r.per_channel) {
        ASSERT_EQ(channel.silence.size(), 1u);
        EXPECT_EQ(channel.silence[0].first, 48005);
        EXPECT_EQ(channel.silence[0].last, 78004);
    }
}

TEST(AudioLevels, SilenceOnOneChannelIsNotSilenceOnAll) {
    Channels signal{tone(2 * kSecond), tone(2 * kSecond)};
    fill(signal[1], 0, 2 * kSecond, 0.0f);
    const AudioLevelsResult r = analyse(signal);
    EXPECT_TRUE(r.silence_all.empty());
    EXPECT_TRUE(r.per_channel[0].silence.empty());
    ASSERT_EQ(r.per_channel[1].silence.size(), 1u);
    EXPECT_EQ(r.per_channel[1].silence[0].length(), 2 * kSecond);
}

TEST(AudioLevels, QuietButAudibleIsNotSilence) {
    // A -50 dBFS tone stays above -60 dBFS except near its zero crossings, so no run is long.
    const AudioLevelsResult r = analyse({tone(kSecond, -50.0), tone(kSecond, -50.0)});
    EXPECT_TRUE(r.silence_all.empty());
}

TEST(AudioLevels, ClippingRunsOfAtLeastThreeSamples) {
    Channels signal{tone(kSecond), tone(kSecond)};
    fill(signal[0], 1000, 1005, 1.0f);   // 5 samples at full scale: a clip
    fill(signal[0], 2000, 2002, -1.0f);  // 2 samples: too short
    fill(signal[1], 3000, 3003, -1.0f);  // 3 negative samples: a clip
    const AudioLevelsResult r = analyse(signal);
    ASSERT_EQ(r.per_channel[0].clipping.size(), 1u);
    EXPECT_EQ(r.per_channel[0].clipping[0], (Segment{1000, 1004, 5.0, {}}));
    EXPECT_EQ(r.per_channel[0].clipped_samples, 5);
    ASSERT_EQ(r.per_channel[1].clipping.size(), 1u);
    EXPECT_EQ(r.per_channel[1].clipping[0].first, 3000);
    EXPECT_EQ(r.per_channel[1].clipped_samples, 3);
}

TEST(AudioLevels, PeakRmsAndDcOffset) {
    // AES17: a full-scale sine reads 0 dB RMS. Whole periods of a sine sum to zero, so the DC
    // offset is the one added; float samples leave ~1e-7 of rounding.
    Channels signal{tone(kSecond, 0.0), tone(kSecond, -20.0)};
    for (float& x : signal[1]) x += 0.25f;
    const AudioLevelsResult r = analyse(signal);
    EXPECT_NEAR(r.per_channel[0].peak_db, 0.0, 1e-6);
    EXPECT_NEAR(r.per_channel[0].rms_db, 0.0, 1e-4);
    EXPECT_NEAR(r.per_channel[0].dc_offset, 0.0, 1e-6);
    EXPECT_NEAR(r.per_channel[1].dc_offset, 0.25, 1e-6);
    EXPECT_NEAR(r.per_channel[1].peak_db, 20.0 * std::log10(0.35), 1e-5);
    EXPECT_EQ(r.samples, kSecond);
}

TEST(AudioLevels, DeadChannels) {
    Channels signal{tone(kSecond), std::vector<float>(kSecond, 0.0f), tone(kSecond, -95.0)};
    const AudioLevelsResult r = analyse(signal);
    EXPECT_FALSE(r.per_channel[0].dead);
    EXPECT_TRUE(r.per_channel[1].dead);
    EXPECT_EQ(r.per_channel[1].peak_db, -200.0);
    EXPECT_EQ(r.per_channel[1].rms_db, -200.0);
    EXPECT_TRUE(r.per_channel[2].dead);  // below -90 dBFS all along
}

TEST(AudioLevels, InvertedChannelCorrelatesMinusOne) {
    Channels signal{tone(kSecond), tone(kSecond)};
    for (float& x : signal[1]) x = -x;
    const AudioLevelsResult r = analyse(signal);
    ASSERT_TRUE(r.phase_min && r.phase_mean);
    EXPECT_NEAR(*r.phase_min, -1.0, 1e-9);
    EXPECT_NEAR(*r.phase_mean, -1.0, 1e-9);
    ASSERT_EQ(r.out_of_phase.size(), 1u);
    EXPECT_EQ(r.out_of_phase[0].first, 0);
    EXPECT_EQ(r.out_of_phase[0].last, kSecond - 1);
}

TEST(AudioLevels, OutOfPhaseWindowsAreReportedWhereTheyAre) {
    // Inverted from 0.5 s to 1 s: exactly 100 ms windows 5..9.
    Channels signal{tone(2 * kSecond), tone(2 * kSecond)};
    for (int64_t n = kSecond / 2; n < kSecond; ++n) signal[1][static_cast<size_t>(n)] *= -1.0f;
    const AudioLevelsResult r = analyse(signal);
    ASSERT_EQ(r.out_of_phase.size(), 1u);
    EXPECT_EQ(r.out_of_phase[0].first, kSecond / 2);
    EXPECT_EQ(r.out_of_phase[0].last, kSecond - 1);
    EXPECT_NEAR(*r.phase_mean, (15.0 - 5.0) / 20.0, 1e-9);
}

TEST(AudioLevels, IdenticalChannelsAreInPhase) {
    const AudioLevelsResult r = analyse({tone(kSecond), tone(kSecond)});
    ASSERT_TRUE(r.phase_min);
    EXPECT_NEAR(*r.phase_min, 1.0, 1e-9);
    EXPECT_TRUE(r.out_of_phase.empty());
}

// The samples at or above `limit_db` between first and end: what peak_over must find.
std::pair<int64_t, int64_t> loud_samples(const std::vector<float>& x, int64_t first, int64_t end,
                                         double limit_db) {
    const auto limit = static_cast<float>(std::pow(10.0, limit_db / 20.0));
    int64_t low = end, high = first - 1;
    for (int64_t n = first; n < end; ++n)
        if (std::fabs(x[static_cast<size_t>(n)]) >= limit) low = std::min(low, n), high = n;
    return {low, high};
}

TEST(AudioLevels, PeakOverRunsAreSampleAccurateAndMerged) {
    Channels signal{tone(2 * kSecond), tone(2 * kSecond, -20.0, 2000)};
    const std::vector<float> loud0 = tone(2 * kSecond, -1.0);
    const std::vector<float> loud1 = tone(2 * kSecond, -1.0, 2000);
    std::copy(loud0.begin() + 50000, loud0.begin() + 60000, signal[0].begin() + 50000);
    std::copy(loud1.begin() + 50000, loud1.begin() + 60000, signal[1].begin() + 50000);
    // Two short bursts 1000 samples apart on channel 0: more than the 10 ms gap, two runs.
    std::copy(loud0.begin() + 70000, loud0.begin() + 70100, signal[0].begin() + 70000);
    std::copy(loud0.begin() + 71100, loud0.begin() + 71200, signal[0].begin() + 71100);
    const AudioLevelsResult r = analyse(signal);
    const auto [first0, last0] = loud_samples(signal[0], 50000, 60000, -3.0);
    const auto [first1, last1] = loud_samples(signal[1], 50000, 60000, -3.0);
    ASSERT_EQ(r.per_channel[0].peak_over.size(), 3u);
    EXPECT_EQ(r.per_channel[0].peak_over[0].first, first0);
    EXPECT_EQ(r.per_channel[0].peak_over[0].last, last0);
    EXPECT_NEAR(r.per_channel[0].peak_over[0].value, -1.0, 1e-5);
    ASSERT_EQ(r.per_channel[1].peak_over.size(), 1u);
    EXPECT_EQ(r.per_channel[1].peak_over[0].first, first1);
    EXPECT_EQ(r.per_channel[1].peak_over[0].last, last1);
}

TEST(AudioLevels, PeakSeriesEvery100Ms) {
    Channels signal{tone(kSecond + 100, -20.0), tone(kSecond + 100, -30.0)};
    const AudioLevelsResult r = analyse(signal);
    const std::vector<SeriesPoint> points = r.peak_series.points();
    ASSERT_EQ(points.size(), 11u);  // ten whole windows and the last 100 samples
    EXPECT_EQ(points[3].first, 300);
    EXPECT_NEAR(points[3].max, -20.0, 1e-5);
    EXPECT_EQ(points.back().first, 1000);
}

void expect_same(const AudioLevelsResult& a, const AudioLevelsResult& b) {
    ASSERT_EQ(a.per_channel.size(), b.per_channel.size());
    for (size_t c = 0; c < a.per_channel.size(); ++c) {
        const ChannelLevels& x = a.per_channel[c];
        const ChannelLevels& y = b.per_channel[c];
        EXPECT_EQ(x.peak_db, y.peak_db);
        EXPECT_EQ(x.rms_db, y.rms_db);
        EXPECT_EQ(x.dc_offset, y.dc_offset);
        EXPECT_EQ(x.silence, y.silence);
        EXPECT_EQ(x.clipping, y.clipping);
        EXPECT_EQ(x.peak_over, y.peak_over);
    }
    EXPECT_EQ(a.silence_all, b.silence_all);
    EXPECT_EQ(a.phase_min, b.phase_min);
    EXPECT_EQ(a.phase_mean, b.phase_mean);
    EXPECT_EQ(a.out_of_phase, b.out_of_phase);
    const auto pa = a.peak_series.points();
    const auto pb = b.peak_series.points();
    ASSERT_EQ(pa.size(), pb.size());
    for (size_t i = 0; i < pa.size(); ++i) EXPECT_EQ(pa[i].max, pb[i].max);
}

TEST(AudioLevels, BlockBoundariesDoNotMatter) {
    Channels signal{tone(3 * kSecond), tone(3 * kSecond, -20.0, 2000)};
    for (auto& channel : signal) fill(channel, 30001, 60001, 0.0f);
    fill(signal[0], 90000, 90004, 1.0f);
    for (int64_t n = 100000; n < 110000; ++n) signal[1][static_cast<size_t>(n)] *= -8.0f;
    const AudioLevelsResult whole = analyse(signal, {}, {3 * kSecond});
    expect_same(whole, analyse(signal, {}, {1}));
    expect_same(whole, analyse(signal, {}, {7, 4799, 4801, 13}));
    EXPECT_FALSE(whole.silence_all.empty());
    EXPECT_FALSE(whole.per_channel[0].clipping.empty());
    EXPECT_FALSE(whole.per_channel[1].peak_over.empty());
}

TEST(AudioLevels, MonoHasNoPhase) {
    const AudioLevelsResult r = analyse({tone(kSecond)});
    EXPECT_FALSE(r.phase_min);
    EXPECT_TRUE(r.out_of_phase.empty());
    EXPECT_EQ(r.channels, 1);
}

}  // namespace
}  // namespace media::analysis
