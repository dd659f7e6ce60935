// SPDX-License-Identifier: Apache-2.0
// measure_video on synthetic frames whose measures can be worked out by hand (flat frames, ramps,
// regions out of range at known shares, letterboxes, PQ frames of known light, NaN-holding float
// frames), signalstats' saturation and hue against ffmpeg's own formulas over every code pair,
// and every SIMD row kernel against its scalar reference.
#include "media/analysis/video_measure.h"

#include <cmath>
#include <functional>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "media/frame/half.h"

#include "../../../libmedia/src/analysis/video_measure_rows.h"
#include "../../../libmedia/src/analysis/video_measure_tables.h"

namespace media::analysis {
namespace {

template <typename T>
Frame make_frame(PixelFormat format, int w, int h, std::function<T(int plane, int x, int y)> value,
                 ColorInfo color = {}) {
    auto frame = Frame::allocate(FrameSpec{w, h, format, color});
    EXPECT_TRUE(frame);
    for (int p = 0; p < frame->plane_count(); ++p) {
        auto view = frame->mutable_plane<T>(p);
        for (int y = 0; y < view.height(); ++y)
            for (int x = 0; x < view.row_samples(); ++x) view.row(y)[x] = value(p, x, y);
    }
    return *frame;
}

// Planar Y'CbCr with a constant picture, optionally changed by `edit` per (plane, x, y).
template <typename T>
Frame flat(PixelFormat format, int w, int h, int luma, int chroma, ColorInfo color = {}) {
    return make_frame<T>(
        format, w, h, [=](int p, int, int) { return static_cast<T>(p == 0 ? luma : chroma); },
        color);
}

VideoMeasures measure(const Frame& frame, const Frame* previous = nullptr,
                      const VideoMeasureOptions& options = {}) {
    auto m = measure_video(frame, previous, options);
    EXPECT_TRUE(m) << m.error().message();
    return m ? *m : VideoMeasures{};
}

// ST 2084 EOTF, written out independently of the library's table.
double pq_nits(double e) {
    const double m1 = 2610.0 / 16384.0, m2 = 2523.0 / 4096.0 * 128.0, c1 = 3424.0 / 4096.0;
    const double c2 = 2413.0 / 4096.0 * 32.0, c3 = 2392.0 / 4096.0 * 32.0;
    const double p = std::pow(e, 1.0 / m2);
    return 10000.0 * std::pow(std::max(p - c1, 0.0) / (c2 - c3 * p), 1.0 / m1);
}

// The library reads PQ through a table of 65536 entries at the nearest entry: one step of it.
double pq_table_step(double e) {
    return std::abs(pq_nits(e) - pq_nits(e - 1.0 / 65535.0));
}

ColorInfo pq_color() {
    ColorInfo c;
    c.primaries = ColorPrimaries::BT2020;
    c.transfer = TransferCharacteristic::SMPTE2084;
    c.matrix = MatrixCoefficients::BT2020_NCL;
    c.range = ColorRange::Limited;
    return c;
}

TEST(MeasureVideo, FlatFrame) {
    const VideoMeasures m = measure(flat<uint8_t>(PixelFormat::Yuv420p8, 64, 48, 100, 128));
    EXPECT_EQ(m.stats.bit_depth, 8);
    for (const PlaneStats* p : {&m.stats.y}) {
        EXPECT_EQ(p->min, 100);
        EXPECT_EQ(p->low, 100);
        EXPECT_EQ(p->avg, 100);
        EXPECT_EQ(p->high, 100);
        EXPECT_EQ(p->max, 100);
    }
    EXPECT_EQ(m.stats.u.avg, 128);
    EXPECT_EQ(m.stats.v.max, 128);
    EXPECT_EQ(m.stats.sat_avg, 0);
    EXPECT_EQ(m.stats.sat_max, 0);
    EXPECT_EQ(m.stats.hue_avg, 180);  // atan2f(0, 0) = 0, + 180
    EXPECT_EQ(m.stats.ydif, 0);
    EXPECT_EQ(m.stats.tout, 0);
    EXPECT_DOUBLE_EQ(m.stats.vrep, 44.0 / 48.0);  // every row from the fifth repeats
    EXPECT_EQ(m.stats.brng, 0);
    EXPECT_EQ(m.levels.luma_below + m.levels.luma_above + m.levels.chroma_outside, 0);
    EXPECT_EQ(m.levels.rgb_outside, 0);
    EXPECT_EQ(m.levels.black_share, 0);
    EXPECT_DOUBLE_EQ(m.levels.luma_min_percent, 100.0 * 84 / 219);
    EXPECT_DOUBLE_EQ(m.levels.luma_max_percent, 100.0 * 84 / 219);
    EXPECT_EQ(m.active, (ActiveArea{0, 0, 64, 48}));
    EXPECT_DOUBLE_EQ(m.blockiness, 1.0);
    EXPECT_EQ(m.mafd, 0);
    EXPECT_EQ(m.nonfinite, 0);
    EXPECT_FALSE(m.light.measured);
}

TEST(MeasureVideo, PercentilesOfARamp) {
    // 1024 samples, four of each code: the 10th percentile target is lrint(102.4) = 102, first
    // reached at code 25 (104 samples); the 90th, lrint(921.6) = 922, at code 230 (924).
    const Frame ramp = make_frame<uint8_t>(PixelFormat::Yuv444p8, 256, 4, [](int p, int x, int) {
        return static_cast<uint8_t>(p == 0 ? x : 128);
    });
    const VideoMeasures m = measure(ramp);
    EXPECT_EQ(m.stats.y.min, 0);
    EXPECT_EQ(m.stats.y.low, 25);
    EXPECT_EQ(m.stats.y.avg, 127.5);
    EXPECT_EQ(m.stats.y.high, 230);
    EXPECT_EQ(m.stats.y.max, 255);
}

TEST(MeasureVideo, PercentileTargetsRoundHalfToEven) {
    // 25 samples: targets lrint(2.5) = 2 and lrint(22.5) = 22 (half to even, as ffmpeg's lrint),
    // so low is the second code and high the 22nd.
    const Frame f = make_frame<uint8_t>(PixelFormat::Yuv444p8, 5, 5, [](int p, int x, int y) {
        return static_cast<uint8_t>(p == 0 ? 10 * (5 * y + x) : 128);
    });
    const VideoMeasures m = measure(f);
    EXPECT_EQ(m.stats.y.low, 10);
    EXPECT_EQ(m.stats.y.high, 210);
}

// 64x32 4:2:2 10-bit at Y' 500: 128 pixels at Y' 1000 (above 103 %: 966), 32 at Y' 40 (below
// -1 %: 55), and 8 Cb samples at 980 (above 101 % of 64..960: 968), covering 16 pixels.
Frame planted_10bit() {
    return make_frame<uint16_t>(PixelFormat::Yuv422p10, 64, 32, [](int p, int x, int y) {
        if (p == 0) {
            if (x >= 8 && x < 24 && y >= 8 && y < 16) return uint16_t{1000};
            if (x >= 40 && x < 48 && y >= 20 && y < 24) return uint16_t{40};
            return uint16_t{500};
        }
        return static_cast<uint16_t>(p == 1 && x < 4 && y < 2 ? 980 : 512);
    });
}

TEST(MeasureVideo, RegionsOutOfRangeAtKnownShares) {
    const VideoMeasures m = measure(planted_10bit());
    EXPECT_EQ(m.stats.bit_depth, 10);
    EXPECT_DOUBLE_EQ(m.levels.luma_above, 128.0 / 2048);
    EXPECT_DOUBLE_EQ(m.levels.luma_below, 32.0 / 2048);
    EXPECT_DOUBLE_EQ(m.levels.chroma_outside, 8.0 / 2048);  // of 1024 Cb + 1024 Cr samples
    // BRNG (16..235 / 16..240 in 8-bit terms): both luma regions and the 16 pixels of the Cb.
    EXPECT_DOUBLE_EQ(m.stats.brng, (128.0 + 32 + 16) / 2048);
    // Gamut: Y' 1000 is R'=G'=B'=1.068 (> 1.05); Y' 40 only -0.027 (inside -0.05); the Cb
    // pixels have B' = 0.498 + 1.856 * 0.522 = 1.467.
    EXPECT_DOUBLE_EQ(m.levels.rgb_outside, (128.0 + 16) / 2048);
    EXPECT_DOUBLE_EQ(m.levels.luma_max_percent, 100.0 * (1000 - 64) / 876);
    EXPECT_DOUBLE_EQ(m.levels.luma_min_percent, 100.0 * (40 - 64) / 876);
    EXPECT_EQ(m.stats.u.max, 980);
}

TEST(MeasureVideo, LevelsAgreeWithoutDetail) {
    VideoMeasureOptions fast;
    fast.signal_stats_detail = false;
    const Frame f = planted_10bit();
    const VideoMeasures a = measure(f), b = measure(f, nullptr, fast);
    EXPECT_EQ(a.levels.luma_above, b.levels.luma_above);
    EXPECT_EQ(a.levels.luma_below, b.levels.luma_below);
    EXPECT_EQ(a.levels.chroma_outside, b.levels.chroma_outside);
    EXPECT_EQ(a.levels.rgb_outside, b.levels.rgb_outside);
    EXPECT_EQ(a.levels.black_share, b.levels.black_share);
    EXPECT_EQ(a.levels.luma_min_percent, b.levels.luma_min_percent);
    EXPECT_EQ(a.stats.brng, b.stats.brng);
    EXPECT_EQ(a.stats.y.avg, b.stats.y.avg);
    EXPECT_EQ(a.stats.u.max, b.stats.u.max);
    EXPECT_EQ(a.stats.sat_avg, b.stats.sat_avg);
    EXPECT_EQ(b.stats.y.low, 0);  // percentiles are detail
    EXPECT_EQ(b.stats.hue_avg, 0);
}

TEST(MeasureVideo, BlackShareUsesBlackdetectThreshold) {
    // 10-bit narrow range: 64 + 0.10 * 876 = 151.6, truncated to 151 as blackdetect does.
    const Frame f = make_frame<uint16_t>(PixelFormat::Yuv420p10, 16, 8, [](int p, int x, int) {
        return static_cast<uint16_t>(p == 0 ? (x < 8 ? 151 : 152) : 512);
    });
    EXPECT_DOUBLE_EQ(measure(f).levels.black_share, 0.5);
}

TEST(MeasureVideo, LetterboxAndPillarbox) {
    // Y' 16 borders; picture x 4..59, y 6..41 at Y' 120 (above 16 + 0.094 * 219 = 36.6).
    const Frame f = make_frame<uint8_t>(PixelFormat::Yuv420p8, 64, 48, [](int p, int x, int y) {
        if (p != 0) return uint8_t{128};
        return static_cast<uint8_t>(x >= 4 && x < 60 && y >= 6 && y < 42 ? 120 : 16);
    });
    EXPECT_EQ(measure(f).active, (ActiveArea{4, 6, 56, 36}));
    EXPECT_EQ(measure(flat<uint8_t>(PixelFormat::Yuv420p8, 64, 48, 16, 128)).active.width, 0);
}

TEST(MeasureVideo, PqLightFromYcbcr) {
    // Y' 721 = 64 + 0.75 * 876: R'=G'=B'=0.75 on the left half, black on the right.
    const Frame f = make_frame<uint16_t>(
        PixelFormat::Yuv444p10, 32, 16,
        [](int p, int x, int) { return static_cast<uint16_t>(p == 0 ? (x < 16 ? 721 : 64) : 512); },
        pq_color());
    const VideoMeasures m = measure(f);
    ASSERT_TRUE(m.light.measured);
    const double nits = pq_nits(0.75);  // about 983 cd/m²
    EXPECT_NEAR(m.light.max_cll, nits, pq_table_step(0.75));
    EXPECT_NEAR(m.light.frame_average, nits / 2, pq_table_step(0.75));
}

TEST(MeasureVideo, PqLightFromRgb) {
    // R' 767 of 1023, G' = B' = 0: max(R,G,B) is red.
    const Frame f = make_frame<uint16_t>(
        PixelFormat::Gbrp10, 8, 8, [](int p, int, int) { return uint16_t(p == 2 ? 767 : 0); },
        pq_color());
    const VideoMeasures m = measure(f);
    const double e = 767.0 / 1023.0;
    ASSERT_TRUE(m.light.measured);
    EXPECT_NEAR(m.light.max_cll, pq_nits(e), pq_table_step(e));
    EXPECT_NEAR(m.light.frame_average, pq_nits(e), pq_table_step(e));
}

TEST(MeasureVideo, NonFiniteFloatSamples) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    const Frame f = make_frame<float>(PixelFormat::RgbaFloat, 8, 4, [&](int, int i, int y) {
        const int x = i / 4, c = i % 4;
        if (y == 0 && x == 1 && c == 0) return nan;
        if (y == 0 && x == 2 && c == 1) return inf;
        if (y == 0 && x == 3 && c == 3) return nan;   // alpha counts as a sample too
        if (y == 0 && x == 4 && c == 2) return 1.2f;  // outside the 5 % gamut tolerance
        return 0.5f;
    });
    const VideoMeasures m = measure(f);
    EXPECT_EQ(m.nonfinite, 3);
    EXPECT_DOUBLE_EQ(m.levels.rgb_outside, 2.0 / 32);  // the +Inf and the 1.2 pixels
    EXPECT_EQ(m.stats.bit_depth, 10);
    // G' = 1 after clamping the Inf: Y' = 64 + 876 * (0.2126 * 0.5 + 0.7152 + 0.0722 * 0.5).
    EXPECT_EQ(m.stats.y.max, 815);
}

TEST(MeasureVideo, NonFiniteHalfSamples) {
    const uint16_t gray = float_to_half(0.5f), nan = float_to_half(std::nanf(""));
    const uint16_t inf = float_to_half(std::numeric_limits<float>::infinity());
    const Frame f = make_frame<uint16_t>(PixelFormat::RgbaHalf, 4, 2, [&](int, int i, int y) {
        return y == 1 && i == 5 ? nan : y == 0 && i == 2 ? inf : gray;
    });
    const VideoMeasures m = measure(f);
    EXPECT_EQ(m.nonfinite, 2);
    EXPECT_DOUBLE_EQ(m.levels.rgb_outside, 1.0 / 8);  // the +Inf pixel
    EXPECT_EQ(m.stats.y.min, 189);  // G' NaN taken as 0: 64 + 876 * (0.2126 + 0.0722) / 2
}

TEST(MeasureVideo, RgbIsMeasuredAsNarrowRangeYcbcr) {
    const Frame white =
        make_frame<uint8_t>(PixelFormat::Rgb8, 8, 8, [](int, int, int) { return uint8_t{255}; });
    const VideoMeasures m = measure(white);
    EXPECT_EQ(m.stats.y.min, 235);
    EXPECT_EQ(m.stats.u.max, 128);
    EXPECT_EQ(m.stats.v.min, 128);
    EXPECT_EQ(m.levels.rgb_outside, 0);
    const Frame black16 =
        make_frame<uint16_t>(PixelFormat::Rgba16, 8, 8, [](int, int, int) { return uint16_t{0}; });
    const VideoMeasures k = measure(black16);
    EXPECT_EQ(k.stats.bit_depth, 16);
    EXPECT_EQ(k.stats.y.max, 16 << 8);
    EXPECT_EQ(k.stats.u.avg, 1 << 15);
    EXPECT_EQ(k.levels.black_share, 1.0);
}

TEST(MeasureVideo, GrayIsFullRangeLumaOnly) {
    const Frame ramp = make_frame<uint8_t>(PixelFormat::Gray8, 256, 2,
                                           [](int, int x, int) { return static_cast<uint8_t>(x); });
    const VideoMeasures m = measure(ramp);
    EXPECT_EQ(m.levels.luma_min_percent, 0);
    EXPECT_EQ(m.levels.luma_max_percent, 100);
    EXPECT_DOUBLE_EQ(m.levels.black_share, 26.0 / 256);  // codes 0..25 (0.1 * 255 = 25.5)
    EXPECT_EQ(m.stats.u.max, 0);
    ColorInfo limited_range;
    limited_range.range = ColorRange::Limited;
    const Frame limited = make_frame<uint16_t>(
        PixelFormat::Gray16, 4, 4, [](int, int, int) { return uint16_t{235 << 8}; }, limited_range);
    EXPECT_EQ(measure(limited).levels.luma_max_percent, 100);
}

TEST(MeasureVideo, FrameDifferences) {
    const Frame prev = flat<uint8_t>(PixelFormat::Yuv420p8, 16, 16, 100, 128);
    const Frame cur = flat<uint8_t>(PixelFormat::Yuv420p8, 16, 16, 110, 128);
    const VideoMeasures m = measure(cur, &prev);
    EXPECT_EQ(m.stats.ydif, 10);
    EXPECT_EQ(m.stats.udif, 0);
    // freezedetect: 10 * 256 over 256 + 2 * 64 samples, over 2^8.
    EXPECT_DOUBLE_EQ(m.mafd, 2560.0 / 384 / 256);
    // A predecessor of another size is no predecessor.
    const Frame other = flat<uint8_t>(PixelFormat::Yuv420p8, 32, 16, 100, 128);
    EXPECT_EQ(measure(cur, &other).mafd, 0);
}

TEST(MeasureVideo, MafdCountsAlphaAndPackedRgb) {
    const Frame a = flat<uint16_t>(PixelFormat::Yuva444p10, 8, 8, 500, 512);
    const Frame b = make_frame<uint16_t>(PixelFormat::Yuva444p10, 8, 8, [](int p, int, int) {
        return static_cast<uint16_t>(p == 0 ? 500 : p == 3 ? 612 : 512);
    });
    EXPECT_DOUBLE_EQ(measure(b, &a).mafd, 100.0 / 4 / 1024);  // alpha: 100 codes, 1 of 4 planes
    const Frame c = make_frame<uint8_t>(PixelFormat::Rgb8, 4, 4, [](int, int, int) { return 10; });
    const Frame d = make_frame<uint8_t>(PixelFormat::Rgb8, 4, 4, [](int, int i, int) {
        return static_cast<uint8_t>(i % 3 == 0 ? 40 : 10);
    });
    EXPECT_DOUBLE_EQ(measure(d, &c).mafd, 10.0 / 256);  // 30 on one sample of three
}

TEST(MeasureVideo, TemporalOutliers) {
    // One bright 3-pixel run in a flat field: only its middle pixel has outlier neighbours on
    // both sides (1 of 512 pixels); at 16 bits the threshold scales with the codes.
    const auto bright = [](int p, int x, int y, int scale) {
        if (p != 0) return 128 * scale;
        return (y == 8 && x >= 10 && x <= 12 ? 200 : 100) * scale;
    };
    const Frame f8 = make_frame<uint8_t>(PixelFormat::Yuv444p8, 32, 16, [&](int p, int x, int y) {
        return static_cast<uint8_t>(bright(p, x, y, 1));
    });
    EXPECT_DOUBLE_EQ(measure(f8).stats.tout, 1.0 / 512);
    const Frame f16 = make_frame<uint16_t>(
        PixelFormat::Yuv444p16, 32, 16,
        [&](int p, int x, int y) { return static_cast<uint16_t>(bright(p, x, y, 256)); });
    EXPECT_DOUBLE_EQ(measure(f16).stats.tout, 1.0 / 512);
}

TEST(MeasureVideo, Blockiness) {
    // 8x8 flat blocks alternating 100/110: every block edge steps by 10, nothing inside does:
    // (10 + 0.25) / (0 + 0.25).
    const Frame blocks =
        make_frame<uint8_t>(PixelFormat::Yuv420p8, 64, 64, [](int p, int x, int y) {
            if (p != 0) return uint8_t{128};
            return static_cast<uint8_t>(((x / 8 + y / 8) % 2) ? 110 : 100);
        });
    EXPECT_DOUBLE_EQ(measure(blocks).blockiness, 41.0);
    const Frame ramp = make_frame<uint8_t>(PixelFormat::Yuv420p8, 64, 64, [](int p, int x, int) {
        return static_cast<uint8_t>(p == 0 ? 2 * x : 128);
    });
    EXPECT_NEAR(measure(ramp).blockiness, 1.0, 0.01);
}

TEST(MeasureVideo, Errors) {
    auto empty = measure_video(Frame(), nullptr, {});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code(), ErrorCode::InvalidArgument);
}

// signalstats' own per-sample formulas (FFmpeg 5.1, vf_signalstats.c), for every code pair.
void expect_saturation_and_hue_over_all_pairs(PixelFormat format, int bits, int step,
                                              double hue_tolerance) {
    const int mid = 1 << (bits - 1), n = (1 << bits) / step;
    const Frame f = make_frame<uint16_t>(format, n, n, [&](int p, int x, int y) {
        return static_cast<uint16_t>(p == 0 ? mid : p == 1 ? y * step : x * step);
    });
    double sat = 0, hue = 0;
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            const int u = y * step - mid, v = x * step - mid;
            sat += static_cast<int>(std::hypot(u, v));
            hue += static_cast<int>(
                std::fmod(std::floor(static_cast<float>(
                              (180.0 / std::numbers::pi) * std::atan2(float(u), float(v)) + 180.0)),
                          360.0f));
        }
    }
    const VideoMeasures m = measure(f);
    EXPECT_DOUBLE_EQ(m.stats.sat_avg, sat / (double(n) * n));
    EXPECT_NEAR(m.stats.hue_avg, hue / (double(n) * n), hue_tolerance);
}

TEST(MeasureVideo, SaturationAndHueMatchSignalstats10Bit) {
    expect_saturation_and_hue_over_all_pairs(PixelFormat::Yuv444p10, 10, 1, 0.0);
}

TEST(MeasureVideo, SaturationAndHueMatchSignalstats8Bit) {
    const Frame f = make_frame<uint8_t>(PixelFormat::Yuv444p8, 256, 256, [](int p, int x, int y) {
        return static_cast<uint8_t>(p == 0 ? 128 : p == 1 ? y : x);
    });
    double hue = 0;
    for (int u = 0; u < 256; ++u)
        for (int v = 0; v < 256; ++v)
            hue += static_cast<int>(std::fmod(
                std::floor(static_cast<float>((180.0 / std::numbers::pi) *
                                                  std::atan2(float(u - 128), float(v - 128)) +
                                              180.0)),
                360.0f));
    EXPECT_DOUBLE_EQ(measure(f).stats.hue_avg, hue / 65536);
}

TEST(MeasureVideo, SaturationAndHueAt12Bits) {
    // Hue from the interpolated arctangent: within 1e-5 degree of atan2, so a sample lands in
    // the neighbouring whole degree only that close to one; 1e-3 of average allows 0.1 % of them.
    expect_saturation_and_hue_over_all_pairs(PixelFormat::Yuv444p12, 12, 8, 1e-3);
}

// ---- SIMD kernels against their scalar references -------------------------------------------

template <typename T>
std::vector<T> random_row(int n, int bits, uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<T> row(static_cast<size_t>(n) + 8);
    const int top = (1 << bits) - 1;
    for (auto& v : row) {
        // Runs of equal codes and extremes as well as noise.
        const uint32_t r = rng() % 8;
        v = static_cast<T>(r == 0 ? 0 : r == 1 ? top : r == 2 ? top / 2 : rng() % (top + 1));
    }
    return row;
}

template <typename T>
void expect_kernels_agree(int bits) {
    for (int n : {1, 7, 31, 64, 100, 257, 1921}) {
        SCOPED_TRACE(fmt::format("{} bits, n = {}", bits, n));
        const auto a = random_row<T>(n, bits, 1u + n), b = random_row<T>(n, bits, 2u + n);
        EXPECT_EQ(detail::sum_abs_diff(a.data(), b.data(), n),
                  detail::scalar_sum_abs_diff(a.data(), b.data(), n));
        std::vector<T> cols1 = b, cols2 = b;
        EXPECT_EQ(detail::max_and_columns(a.data(), cols1.data(), n),
                  detail::scalar_max_and_columns(a.data(), cols2.data(), n));
        EXPECT_EQ(cols1, cols2);
        T lo1 = T(~T{0}), hi1 = 0, lo2 = T(~T{0}), hi2 = 0;
        detail::min_max(a.data(), n, lo1, hi1);
        detail::scalar_min_max(a.data(), n, lo2, hi2);
        EXPECT_EQ(lo1, lo2);
        EXPECT_EQ(hi1, hi2);
        for (const detail::CodeThresholds t :
             {detail::CodeThresholds{-1, 0, (1 << bits) - 1},
              detail::CodeThresholds{(1 << bits) / 10, (1 << bits) / 16, (1 << bits) * 15 / 16},
              detail::CodeThresholds{1 << bits, (1 << bits) + 1, -1}}) {
            detail::CodeSummary s1, s2;
            detail::summarize_codes(a.data(), n, t, s1);
            detail::scalar_summarize_codes(a.data(), n, t, s2);
            EXPECT_EQ(s1.min, s2.min);
            EXPECT_EQ(s1.max, s2.max);
            EXPECT_EQ(s1.sum, s2.sum);
            EXPECT_EQ(s1.at_or_below, s2.at_or_below);
            EXPECT_EQ(s1.below, s2.below);
            EXPECT_EQ(s1.above, s2.above);
        }
        if (bits <= 10) {
            uint64_t sum1 = 0, sum2 = 0;
            int peak1 = 0, peak2 = 0;
            detail::add_saturation(a.data(), b.data(), n, 1 << (bits - 1), sum1, peak1);
            detail::scalar_add_saturation(a.data(), b.data(), n, 1 << (bits - 1), sum2, peak2);
            EXPECT_EQ(sum1, sum2);
            EXPECT_EQ(peak1, peak2);
        }
    }
}

TEST(RowKernels, MatchScalarReferences8Bit) {
    expect_kernels_agree<uint8_t>(8);
}
TEST(RowKernels, MatchScalarReferences10Bit) {
    expect_kernels_agree<uint16_t>(10);
}
TEST(RowKernels, MatchScalarReferences16Bit) {
    expect_kernels_agree<uint16_t>(16);
}

template <typename T>
void expect_outliers_agree(int bits) {
    // Smooth rows with sparse spikes, so that outliers (and runs of three) occur.
    for (int n : {3, 17, 130, 1000}) {
        std::vector<std::vector<T>> rows(5);
        std::mt19937 rng(static_cast<uint32_t>(n));
        for (auto& r : rows) {
            r.resize(static_cast<size_t>(n));
            for (int x = 0; x < n; ++x)
                r[x] = static_cast<T>((rng() % 16 == 0 ? (1 << bits) - 1 : 20 << (bits - 8)) +
                                      rng() % 3);
        }
        for (const bool inner : {false, true}) {
            detail::ToutRows<T> t{inner ? rows[0].data() : nullptr, rows[1].data(), rows[2].data(),
                                  rows[3].data(), inner ? rows[4].data() : nullptr};
            std::vector<T> scratch(static_cast<size_t>(n));
            const int threshold = 4 << (bits - 8);
            EXPECT_EQ(detail::count_outliers(t, n, threshold, scratch.data()),
                      detail::scalar_count_outliers(t, n, threshold))
                << n << (inner ? " inner" : " edge");
        }
    }
}

TEST(RowKernels, OutliersMatchScalar) {
    expect_outliers_agree<uint8_t>(8);
    expect_outliers_agree<uint16_t>(10);
    expect_outliers_agree<uint16_t>(16);
}

template <typename T>
void expect_limits_agree(int bits) {
    detail::ChromaLimitParams p;
    p.shift = 29 - bits;
    p.mid = 1 << (bits - 1);
    p.max_code = (1 << bits) - 1;
    const double range = 219 << (bits - 8), per_chroma = 219.0 / 224.0;
    p.cr_to_red = static_cast<int32_t>(std::ldexp(1.5748 * per_chroma, p.shift));
    p.cb_to_green = static_cast<int32_t>(std::ldexp(-0.1873 * per_chroma, p.shift));
    p.cr_to_green = static_cast<int32_t>(std::ldexp(-0.4681 * per_chroma, p.shift));
    p.cb_to_blue = static_cast<int32_t>(std::ldexp(1.8556 * per_chroma, p.shift));
    p.gamut_low = static_cast<int32_t>(std::ldexp((16 << (bits - 8)) - 0.05 * range, p.shift));
    p.gamut_high = static_cast<int32_t>(std::ldexp((16 << (bits - 8)) + 1.05 * range, p.shift));
    p.brng_chroma_low = p.brng_luma_low = 16 << (bits - 8);
    p.brng_chroma_high = 240 << (bits - 8);
    p.brng_luma_high = 235 << (bits - 8);
    const int n = 333;
    const auto cb = random_row<T>(n, bits, 5), cr = random_row<T>(n, bits, 6);
    const auto luma = random_row<T>(n, bits, 7);
    std::vector<T> buf[8];
    for (auto& v : buf) v.resize(n);
    std::vector<float> peak1(n), peak2(n);
    const detail::LumaLimits<T> l1{buf[0].data(), buf[1].data(), buf[2].data(), buf[3].data(),
                                   peak1.data()};
    const detail::LumaLimits<T> l2{buf[4].data(), buf[5].data(), buf[6].data(), buf[7].data(),
                                   peak2.data()};
    detail::chroma_limits(cb.data(), cr.data(), n, p, l1);
    detail::scalar_chroma_limits(cb.data(), cr.data(), n, p, l2);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(buf[i], buf[i + 4]) << i;
    EXPECT_EQ(peak1, peak2);
    detail::OutsideCounts c1, c2;
    detail::count_outside(luma.data(), l1, n, c1);
    detail::scalar_count_outside(luma.data(), l2, n, c2);
    EXPECT_EQ(c1.gamut, c2.gamut);
    EXPECT_EQ(c1.broadcast, c2.broadcast);
    const detail::LightParams lp{static_cast<float>(16 << (bits - 8)),
                                 static_cast<float>(1.0 / range), detail::pq_nits_table().data()};
    double sum1 = 0, sum2 = 0;
    float max1 = 0, max2 = 0;
    detail::add_light(luma.data(), peak1.data(), n, lp, sum1, max1);
    detail::scalar_add_light(luma.data(), peak2.data(), n, lp, sum2, max2);
    EXPECT_EQ(max1, max2);
    EXPECT_NEAR(sum1, sum2, 1e-6 * sum2);  // float lanes add in another order
    std::vector<T> wide(2 * n);
    detail::widen2(cb.data(), n, wide.data());
    for (int x = 0; x < 2 * n; ++x) ASSERT_EQ(wide[x], cb[x / 2]);
}

TEST(RowKernels, LimitsAndPixelCountsMatchScalar) {
    expect_limits_agree<uint8_t>(8);
    expect_limits_agree<uint16_t>(10);
    expect_limits_agree<uint16_t>(16);
}

template <typename T>
void expect_conversion_agrees(int bits) {
    std::mt19937 rng(static_cast<uint32_t>(bits));
    std::uniform_real_distribution<float> dist(-0.2f, 1.3f);
    const int n = 517;
    std::vector<float> rgb[3];
    for (auto& plane : rgb) {
        plane.resize(n);
        for (auto& v : plane) v = dist(rng);
        plane[7] = std::numeric_limits<float>::quiet_NaN();
    }
    detail::RgbToYcbcr p;
    p.inv_cb_span = 1.0f / 1.8556f;
    p.inv_cr_span = 1.0f / 1.5748f;
    p.luma_scale = static_cast<float>(219 << (bits - 8));
    p.luma_offset = static_cast<float>(16 << (bits - 8));
    p.chroma_scale = static_cast<float>(224 << (bits - 8));
    p.chroma_offset = static_cast<float>(1 << (bits - 1));
    std::vector<T> simd(3 * n), scalar(3 * n);
    detail::rgb_to_ycbcr(rgb[0].data(), rgb[1].data(), rgb[2].data(), n, p, simd.data(),
                         simd.data() + n, simd.data() + 2 * n);
    detail::scalar_rgb_to_ycbcr(rgb[0].data(), rgb[1].data(), rgb[2].data(), n, p, scalar.data(),
                                scalar.data() + n, scalar.data() + 2 * n);
    // One code at most: the SIMD build may fuse the last multiply-add, which moves a value that
    // lies on a rounding boundary to within float precision.
    for (int i = 0; i < 3 * n; ++i) ASSERT_LE(std::abs(int{simd[i]} - int{scalar[i]}), 1) << i;
    std::vector<uint16_t> codes(n);
    for (int i = 0; i < n; ++i) codes[i] = static_cast<uint16_t>(i * 7);
    std::vector<float> unit1(n), unit2(n);
    detail::codes_to_unit(codes.data(), n, 1.0f / 4095.0f, unit1.data());
    for (int i = 0; i < n; ++i) unit2[i] = static_cast<float>(codes[i]) * (1.0f / 4095.0f);
    EXPECT_EQ(unit1, unit2);
}

TEST(RowKernels, RgbConversionMatchesScalar) {
    expect_conversion_agrees<uint8_t>(8);
    expect_conversion_agrees<uint16_t>(10);
    expect_conversion_agrees<uint16_t>(16);
}

}  // namespace
}  // namespace media::analysis
