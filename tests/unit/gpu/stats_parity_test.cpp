// SPDX-License-Identifier: Apache-2.0
// frame_stats' scalar reference + finish_frame_stats against libmedia's measure_video on random
// and structured Y'CbCr frames (8/10/12/16 bit, 4:2:0/4:2:2/4:4:4, narrow and full range, with
// and without a previous frame). Every figure is compared with EXPECT_EQ on the doubles: both
// sides divide the same integers in the same order.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "media/analysis/video_measure.h"
#include "media/frame/frame.h"
#include "slate_gpu/frame_stats.h"

namespace {

using media::ColorInfo;
using media::ColorRange;
using media::Frame;
using media::FrameSpec;
using media::PixelFormat;
using media::analysis::VideoMeasureOptions;
using media::analysis::VideoMeasures;

using Fill = std::function<uint32_t(int plane, int x, int y)>;

Frame make_frame(PixelFormat format, int w, int h, bool full, const Fill& value) {
    ColorInfo color;
    color.range = full ? ColorRange::Full : ColorRange::Limited;
    auto frame = Frame::allocate(FrameSpec{w, h, format, color});
    EXPECT_TRUE(frame);
    const bool bytes = media::info(format).bytes_per_sample == 1;
    for (int p = 0; p < frame->plane_count(); ++p) {
        if (bytes) {
            auto view = frame->mutable_plane<uint8_t>(p);
            for (int y = 0; y < view.height(); ++y)
                for (int x = 0; x < view.width(); ++x)
                    view.row(y)[x] = static_cast<uint8_t>(value(p, x, y));
        } else {
            auto view = frame->mutable_plane<uint16_t>(p);
            for (int y = 0; y < view.height(); ++y)
                for (int x = 0; x < view.width(); ++x)
                    view.row(y)[x] = static_cast<uint16_t>(value(p, x, y));
        }
    }
    return *frame;
}

slate_gpu::StatsOptions stats_options(const VideoMeasureOptions& o) {
    slate_gpu::StatsOptions s;
    s.black_pixel_threshold = o.black_pixel_threshold;
    s.luma_min = o.luma_min;
    s.luma_max = o.luma_max;
    s.chroma_min = o.chroma_min;
    s.chroma_max = o.chroma_max;
    s.gamut_tolerance = o.gamut_tolerance;
    s.letterbox_threshold = o.letterbox_threshold;
    return s;
}

template <typename T>
slate_gpu::Plane<const T> plane_of(const Frame& f, int p) {
    const auto view = f.plane<T>(p);
    return {view.data(), static_cast<std::ptrdiff_t>(view.stride_bytes()), view.width(),
            view.height()};
}

template <typename T>
slate_gpu::FrameStatsFigures reference(const Frame& cur, const Frame* prev,
                                       const VideoMeasureOptions& options) {
    const media::PixelFormatInfo& fi = media::info(cur.format());
    const bool full = cur.color().range == ColorRange::Full;
    slate_gpu::FrameStatsArgs<T> a;
    slate_gpu::StatsOptions o = stats_options(options);
    const media::LumaCoefficients k =
        media::luma_coefficients(media::assumed_matrix(cur.color().matrix, cur.height()));
    o.kr = k.kr;
    o.kb = k.kb;
    a.config = slate_gpu::StatsConfig{fi.bit_depth, full, fi.log2_chroma_w, fi.log2_chroma_h,
                                      slate_gpu::stats_thresholds(fi.bit_depth, full, o)};
    a.y = plane_of<T>(cur, 0);
    a.cb = plane_of<T>(cur, 1);
    a.cr = plane_of<T>(cur, 2);
    if (prev != nullptr) {
        a.prev_y = plane_of<T>(*prev, 0);
        a.prev_cb = plane_of<T>(*prev, 1);
        a.prev_cr = plane_of<T>(*prev, 2);
    }
    a.hue = slate_gpu::host_hue_tables(fi.bit_depth);
    std::vector<uint32_t> histogram(slate_gpu::stats_histogram_bins(fi.bit_depth));
    slate_gpu::FrameStatsRaw raw;
    a.histogram = histogram.data();
    a.result = &raw;
    EXPECT_TRUE(slate_gpu::ref::frame_stats(a));
    return slate_gpu::finish_frame_stats(raw, a.config);
}

slate_gpu::FrameStatsFigures reference(const Frame& cur, const Frame* prev,
                                       const VideoMeasureOptions& options) {
    if (media::info(cur.format()).bytes_per_sample == 1)
        return reference<uint8_t>(cur, prev, options);
    return reference<uint16_t>(cur, prev, options);
}

void expect_plane(const media::analysis::PlaneStats& cpu, const slate_gpu::StatsPlaneFigures& g,
                  const char* name) {
    SCOPED_TRACE(name);
    EXPECT_EQ(cpu.min, g.min);
    EXPECT_EQ(cpu.low, g.low);
    EXPECT_EQ(cpu.avg, g.avg);
    EXPECT_EQ(cpu.high, g.high);
    EXPECT_EQ(cpu.max, g.max);
}

// Returns libmedia's measures (the tests check that the frames exercise every figure).
VideoMeasures expect_same(const Frame& cur, const Frame* prev,
                          const VideoMeasureOptions& options = {}) {
    const auto cpu = media::analysis::measure_video(cur, prev, options);
    EXPECT_TRUE(cpu);
    if (!cpu) return {};
    const VideoMeasures& m = *cpu;
    const slate_gpu::FrameStatsFigures g = reference(cur, prev, options);
    expect_plane(m.stats.y, g.y, "Y");
    expect_plane(m.stats.u, g.u, "U");
    expect_plane(m.stats.v, g.v, "V");
    EXPECT_EQ(m.stats.sat_avg, g.sat_avg);
    EXPECT_EQ(m.stats.sat_max, g.sat_max);
    EXPECT_EQ(m.levels.rgb_outside, g.rgb_outside);
    EXPECT_EQ(m.stats.hue_avg, g.hue_avg);
    EXPECT_EQ(m.stats.ydif, g.ydif);
    EXPECT_EQ(m.stats.udif, g.udif);
    EXPECT_EQ(m.stats.vdif, g.vdif);
    EXPECT_EQ(m.stats.tout, g.tout);
    EXPECT_EQ(m.stats.brng, g.brng);
    EXPECT_EQ(m.levels.luma_below, g.luma_below);
    EXPECT_EQ(m.levels.luma_above, g.luma_above);
    EXPECT_EQ(m.levels.chroma_outside, g.chroma_outside);
    EXPECT_EQ(m.levels.black_share, g.black_share);
    EXPECT_EQ(m.levels.luma_min_percent, g.luma_min_percent);
    EXPECT_EQ(m.levels.luma_max_percent, g.luma_max_percent);
    EXPECT_EQ(m.mafd, g.mafd);
    EXPECT_EQ(m.stats.vrep, g.vrep);
    EXPECT_EQ(m.blockiness, g.blockiness);
    EXPECT_EQ(m.active.left, g.active_left);
    EXPECT_EQ(m.active.top, g.active_top);
    EXPECT_EQ(m.active.width, g.active_width);
    EXPECT_EQ(m.active.height, g.active_height);
    return m;
}

// Which figures some frame of a test had away from 0 (and, for percentiles, away from the
// extremes), so that a figure stuck at 0 on both sides cannot pass unnoticed.
struct Seen {
    bool tout = false, brng = false, below = false, above = false, chroma = false, black = false;
    bool dif = false, hue = false, sat = false, low = false, mafd = false, gamut = false;
    bool blocky = false;
    void add(const VideoMeasures& m) {
        tout |= m.stats.tout > 0;
        brng |= m.stats.brng > 0 && m.stats.brng < 1;
        below |= m.levels.luma_below > 0;
        above |= m.levels.luma_above > 0;
        chroma |= m.levels.chroma_outside > 0;
        black |= m.levels.black_share > 0 && m.levels.black_share < 1;
        dif |= m.stats.ydif > 0 && m.stats.udif > 0 && m.stats.vdif > 0;
        hue |= m.stats.hue_avg > 0;
        sat |= m.stats.sat_avg > 0;
        low |= m.stats.y.low > m.stats.y.min && m.stats.u.high < m.stats.u.max;
        mafd |= m.mafd > 0;
        gamut |= m.levels.rgb_outside > 0 && m.levels.rgb_outside < 1;
        blocky |= m.blockiness != 1.0;
    }
    void expect_all() const {
        EXPECT_TRUE(tout);
        EXPECT_TRUE(brng);
        EXPECT_TRUE(below);
        EXPECT_TRUE(above);
        EXPECT_TRUE(chroma);
        EXPECT_TRUE(black);
        EXPECT_TRUE(dif);
        EXPECT_TRUE(hue);
        EXPECT_TRUE(sat);
        EXPECT_TRUE(low);
        EXPECT_TRUE(mafd);
        EXPECT_TRUE(gamut);
        EXPECT_TRUE(blocky);
    }
};

constexpr PixelFormat kFormats[] = {
    PixelFormat::Yuv420p8, PixelFormat::Yuv420p10, PixelFormat::Yuv420p12, PixelFormat::Yuv420p16,
    PixelFormat::Yuv422p8, PixelFormat::Yuv422p10, PixelFormat::Yuv422p12, PixelFormat::Yuv422p16,
    PixelFormat::Yuv444p8, PixelFormat::Yuv444p10, PixelFormat::Yuv444p12, PixelFormat::Yuv444p16,
};

struct Size {
    int w, h;
};
constexpr Size kSizes[] = {{1, 1}, {2, 3}, {5, 1}, {15, 1}, {7, 9}, {37, 23}, {64, 48}, {130, 67}};

std::string trace(PixelFormat f, Size s, bool full, bool previous) {
    return fmt::format("{} {}x{} {} {}", media::info(f).name, s.w, s.h, full ? "full" : "narrow",
                       previous ? "with previous" : "first frame");
}

// Uniform random codes 0..max (max_code above: some out-of-range codes too).
Fill random_fill(uint32_t seed, uint32_t max_code) {
    auto rng = std::make_shared<std::mt19937>(seed);
    return [rng, max_code](int, int, int) {
        return std::uniform_int_distribution<uint32_t>(0, max_code)(*rng);
    };
}

TEST(StatsParity, RandomFramesEveryFormat) {
    uint32_t seed = 1;
    Seen seen;
    for (const PixelFormat format : kFormats) {
        const uint32_t max_code = (1u << media::info(format).bit_depth) - 1;
        for (const Size size : kSizes) {
            for (const bool full : {false, true}) {
                const Frame prev =
                    make_frame(format, size.w, size.h, full, random_fill(seed++, max_code));
                const Frame cur =
                    make_frame(format, size.w, size.h, full, random_fill(seed++, max_code));
                SCOPED_TRACE(trace(format, size, full, false));
                seen.add(expect_same(cur, nullptr));
                SCOPED_TRACE("with previous");
                seen.add(expect_same(cur, &prev));
            }
        }
    }
    seen.expect_all();
}

// A smooth picture with noise around it, clusters of codes at the thresholds (black, legal range,
// broadcast range) and a previous frame that differs a little: realistic histograms, percentiles
// inside the range, small frame differences.
Fill structured_fill(uint32_t seed, int depth, int w, int h, int shift) {
    auto rng = std::make_shared<std::mt19937>(seed);
    const int max_code = (1 << depth) - 1;
    return [=](int plane, int x, int y) {
        std::uniform_int_distribution<int> noise(-3, 3);
        const int region = (x * 4 / std::max(w, 1) + (y * 3 / std::max(h, 1)) * 4) % 6;
        const int s = depth - 8;
        int v = 0;
        switch (region) {
            case 0:
                v = (plane == 0 ? 16 : 128) << s;
                break;  // black, neutral
            case 1:
                v = (plane == 0 ? 235 : 240) << s;
                break;  // white / chroma top
            case 2:
                v = ((x + y) * 255 / std::max(w + h, 1)) << s;
                break;  // ramp
            case 3:
                v = (plane == 0 ? 37 : 16) << s;
                break;  // near black threshold
            case 4:
                v = (x % 2 ? 4 : 250) << s;
                break;  // below / above range
            default:
                v = ((y % 2) ? 60 : 200) << s;
                break;  // combing (TOUT)
        }
        v += noise(*rng) * (1 << s) + shift;
        return static_cast<uint32_t>(std::clamp(v, 0, max_code));
    };
}

TEST(StatsParity, StructuredFramesEveryFormat) {
    uint32_t seed = 100;
    Seen seen;
    for (const PixelFormat format : kFormats) {
        const int depth = media::info(format).bit_depth;
        for (const Size size : {Size{3, 5}, Size{33, 17}, Size{96, 54}, Size{161, 91}}) {
            for (const bool full : {false, true}) {
                const Frame prev = make_frame(format, size.w, size.h, full,
                                              structured_fill(seed++, depth, size.w, size.h, 0));
                const Frame cur = make_frame(format, size.w, size.h, full,
                                             structured_fill(seed++, depth, size.w, size.h, 1));
                SCOPED_TRACE(trace(format, size, full, true));
                seen.add(expect_same(cur, &prev));
                seen.add(expect_same(cur, nullptr));
            }
        }
    }
    seen.expect_all();
}

TEST(StatsParity, OtherThresholds) {
    VideoMeasureOptions options;
    options.black_pixel_threshold = 0.25;
    options.luma_min = 0.0;
    options.luma_max = 1.0;
    options.chroma_min = 0.05;
    options.chroma_max = 0.95;
    uint32_t seed = 500;
    for (const PixelFormat format : kFormats) {
        const int depth = media::info(format).bit_depth;
        for (const bool full : {false, true}) {
            const Frame cur =
                make_frame(format, 45, 31, full, structured_fill(seed++, depth, 45, 31, 2));
            const Frame prev =
                make_frame(format, 45, 31, full, random_fill(seed++, (1u << depth) - 1));
            SCOPED_TRACE(trace(format, {45, 31}, full, true));
            expect_same(cur, &prev, options);
        }
    }
}

// Stray bits above the depth (10 and 12 bits in uint16): the histograms, saturation and gamut
// clamp them to the maximum code, the differences, BRNG and TOUT read them raw. (Before both
// sides clamped, libmedia's 32-bit saturation overflowed here: UBSan found it through this test.)
TEST(StatsParity, StrayHighBits) {
    uint32_t seed = 900;
    for (const PixelFormat format :
         {PixelFormat::Yuv420p10, PixelFormat::Yuv422p12, PixelFormat::Yuv444p10}) {
        for (const bool full : {false, true}) {
            const Frame prev = make_frame(format, 29, 19, full, random_fill(seed++, 65535));
            const Frame cur = make_frame(format, 29, 19, full, random_fill(seed++, 65535));
            SCOPED_TRACE(trace(format, {29, 19}, full, true));
            expect_same(cur, &prev);
        }
    }
}

// Every (Cb, Cr) pair of 8 and 10 bits: the hue tables and the saturation of each pair.
TEST(StatsParity, EveryChromaPair) {
    for (const PixelFormat format : {PixelFormat::Yuv444p8, PixelFormat::Yuv444p10}) {
        const int size = 1 << media::info(format).bit_depth;
        const Frame cur = make_frame(format, size, size, false, [](int plane, int x, int y) {
            return static_cast<uint32_t>(plane == 0 ? (x + y) % 256 : plane == 1 ? x : y);
        });
        SCOPED_TRACE(media::info(format).name);
        expect_same(cur, nullptr);
    }
    // 12 and 16 bits: a lattice over the whole square, and the neighbourhood of the centre
    // (every octant boundary of the arctangent).
    for (const PixelFormat format : {PixelFormat::Yuv444p12, PixelFormat::Yuv444p16}) {
        const int depth = media::info(format).bit_depth;
        const int mid = 1 << (depth - 1);
        const int step = (1 << depth) / 256;
        const Frame lattice = make_frame(format, 256, 256, true, [&](int plane, int x, int y) {
            return static_cast<uint32_t>(plane == 0 ? 100 : plane == 1 ? x * step : y * step);
        });
        const Frame centre = make_frame(format, 64, 64, true, [&](int plane, int x, int y) {
            return static_cast<uint32_t>(plane == 0 ? 100 : mid - 32 + (plane == 1 ? x : y));
        });
        SCOPED_TRACE(media::info(format).name);
        expect_same(lattice, nullptr);
        expect_same(centre, nullptr);
    }
}

TEST(StatsParity, FlatFrames) {
    for (const PixelFormat format : kFormats) {
        const int s = media::info(format).bit_depth - 8;
        for (const uint32_t luma : {0u, 16u, 126u, 235u, 255u}) {
            const Frame prev = make_frame(format, 20, 10, false, [&](int plane, int, int) {
                return plane == 0 ? luma << s : 128u << s;
            });
            const Frame cur = make_frame(format, 20, 10, false, [&](int plane, int, int) {
                return (plane == 0 ? luma : 100u + 20u * static_cast<uint32_t>(plane)) << s;
            });
            SCOPED_TRACE(fmt::format("{} Y' {}", media::info(format).name, luma));
            expect_same(cur, &prev);
        }
    }
}

}  // namespace

namespace {

// Letterboxed pictures: black borders around a bright rectangle (active area), rows repeated
// every four (VREP), 8x8 blocks (blockiness).
TEST(StatsParity, LetterboxRepeatsAndBlocks) {
    for (const PixelFormat format : kFormats) {
        const int s = media::info(format).bit_depth - 8;
        for (const bool full : {false, true}) {
            const Frame boxed = make_frame(format, 50, 40, full, [&](int plane, int x, int y) {
                if (plane != 0) return 128u << s;
                const bool inside = x >= 7 && x < 44 && y >= 5 && y < 31;
                return (inside ? 60u + static_cast<uint32_t>((x * 7 + y * 3) % 50) : 16u) << s;
            });
            const Frame repeats = make_frame(format, 33, 26, full, [&](int plane, int x, int y) {
                return static_cast<uint32_t>(plane == 0 ? 40 + (y % 4) * 30 + (x % 3) : 128) << s;
            });
            const Frame blocks = make_frame(format, 45, 37, full, [&](int plane, int x, int y) {
                const int block = (x / 8 + 3 * (y / 8)) % 5;
                return static_cast<uint32_t>(plane == 0 ? 50 + 30 * block + (x + y) % 2
                                                        : 100 + 10 * block)
                       << s;
            });
            SCOPED_TRACE(trace(format, {50, 40}, full, false));
            const VideoMeasures m = expect_same(boxed, nullptr);
            EXPECT_EQ(m.active.left, 7);
            EXPECT_EQ(m.active.height, 26);
            EXPECT_GT(expect_same(repeats, nullptr).stats.vrep, 0.0);
            EXPECT_GT(expect_same(blocks, nullptr).blockiness, 1.0);
        }
    }
}

}  // namespace
