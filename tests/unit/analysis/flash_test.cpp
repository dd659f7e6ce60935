// SPDX-License-Identifier: Apache-2.0
// Photosensitive flash analysis (BT.1702): the display model against the EOTF formulas for every
// pixel format, the SIMD light kernel against its scalar reference, the per-cell change tracker,
// the stripe finder, synthetic sequences just above and just below each limit (flash rate,
// luminance change, dark state, area, red, patterns) at 25 and 29.97 fps, and the flash planted
// in the sample generator's defects clip, found at its exact frames.
//
// There is no open reference implementation of BT.1702 to compare with (ffmpeg's
// `photosensitivity` filter attenuates flashes and reports no verdict), so the references here
// are the definitions themselves: sequences whose answer follows from the rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <numbers>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../../../libmedia/src/analysis/flash_light.h"
#include "../../../libmedia/src/analysis/flash_stripes.h"
#include "../../../libmedia/src/analysis/flash_tracker.h"
#include "media/analysis/flash.h"
#include "media/frame/half.h"
#include "media/io/media_source.h"
#include "scratch_dir.h"
#include "slate_samples/samples.h"

namespace media::analysis {
namespace {

// ---------------------------------------------------------------------------------------------
// Frames and sequences

constexpr int k_width = 320;  // 32 x 18 cells of 10 x 10 pixels, every pixel sampled
constexpr int k_height = 180;
const Rational k_25(25, 1);
const Rational k_2997(30000, 1001);

ColorInfo bt709_narrow() {
    ColorInfo c;
    c.primaries = ColorPrimaries::BT709;
    c.transfer = TransferCharacteristic::BT709;
    c.matrix = MatrixCoefficients::BT709;
    c.range = ColorRange::Limited;
    return c;
}

// The light BT.1702's display shows for a 10-bit narrow-range luma code: BT.1886 (2.4 power,
// zero black) scaled to a 200 cd/m² white. Computed here from the formula, not the library.
double light_of_code(int code) {
    const double v = std::clamp((code - 64) / 876.0, 0.0, 1.0);
    return 200.0 * std::pow(v, 2.4);
}

int code_for_light(double cd) {
    return static_cast<int>(std::lround(64.0 + 876.0 * std::pow(cd / 200.0, 1.0 / 2.4)));
}

struct Rect {
    int x, y, w, h;
};

// 10-bit Y'CbCr 4:4:4, BT.709 narrow range: `code` over the whole picture, or over `rect` on a
// picture of `background`.
Frame grey_frame(int code, std::optional<Rect> rect = std::nullopt, int background = 64,
                 int width = k_width, int height = k_height) {
    Frame f = Frame::allocate({width, height, PixelFormat::Yuv444p10, bt709_narrow()}).value();
    auto y = f.mutable_plane<uint16_t>(0);
    for (int p = 1; p < 3; ++p) {
        auto c = f.mutable_plane<uint16_t>(p);
        for (int row = 0; row < height; ++row)
            for (int x = 0; x < width; ++x) c.at(x, row) = 512;
    }
    for (int row = 0; row < height; ++row) {
        for (int x = 0; x < width; ++x) {
            const bool inside = !rect || (x >= rect->x && x < rect->x + rect->w && row >= rect->y &&
                                          row < rect->y + rect->h);
            y.at(x, row) = static_cast<uint16_t>(inside ? code : background);
        }
    }
    return f;
}

// 10-bit full-range G/B/R planes (as ProRes 4444 decodes) of one R'G'B' colour.
Frame gbr_frame(int r, int g, int b) {
    ColorInfo c;
    c.primaries = ColorPrimaries::BT709;
    c.transfer = TransferCharacteristic::BT709;
    c.matrix = MatrixCoefficients::RGB;
    c.range = ColorRange::Full;
    Frame f = Frame::allocate({k_width, k_height, PixelFormat::Gbrp10, c}).value();
    const int codes[3] = {g, b, r};
    for (int p = 0; p < 3; ++p) {
        auto plane = f.mutable_plane<uint16_t>(p);
        for (int row = 0; row < k_height; ++row)
            for (int x = 0; x < k_width; ++x) plane.at(x, row) = static_cast<uint16_t>(codes[p]);
    }
    return f;
}

using FrameSource = std::function<const Frame&(int64_t)>;

FlashResult run(const FrameSource& frames, int64_t count, Rational rate,
                const FlashOptions& options = {}) {
    FlashDetector detector(options, rate);
    for (int64_t i = 0; i < count; ++i) detector.add(i, measure_flash(frames(i), options));
    return detector.finish();
}

// Alternates two pictures, changing `per_second` flashes a second (2 x per_second changes): the
// n-th change falls on the first frame at or after n / (2 x per_second) seconds.
FlashResult alternate(const Frame& a, const Frame& b, Rational rate, double per_second,
                      double seconds = 3.0, const FlashOptions& options = {}) {
    const double frames_per_change = rate.to_double() / (2.0 * per_second);
    const auto count = static_cast<int64_t>(std::lround(seconds * rate.to_double()));
    return run(
        [&](int64_t i) -> const Frame& {
            const auto changes =
                static_cast<int64_t>(std::floor(static_cast<double>(i) / frames_per_change + 1e-9));
            return changes % 2 == 0 ? a : b;
        },
        count, rate, options);
}

std::string describe(const FlashResult& r) {
    std::string out =
        fmt::format("max {} flashes/s, max area {:.3f};", r.max_flashes_per_second, r.max_area);
    for (const FlashWindow& w : r.failures)
        out += fmt::format(" [{} {}-{} flashes {} transitions {} area {:.3f} change {:.1f}]",
                           w.kind, w.first, w.last, w.flashes, w.transitions, w.area, w.change);
    return out;
}

bool fails(const FlashResult& r, const std::string& kind) {
    return std::any_of(r.failures.begin(), r.failures.end(),
                       [&](const FlashWindow& w) { return w.kind == kind; });
}

double mean_luminance(const FlashSample& s) {
    double sum = 0.0;
    for (float v : s.luminance) sum += v;
    return sum / static_cast<double>(s.luminance.size());
}

// ---------------------------------------------------------------------------------------------
// Display model

// The transfer table has 4096 entries over the non-linear range: one step is at most 0.12 cd/m²
// (the 2.4 power's slope at white, 480 cd/m² per unit, over 4095 steps) and code values fall
// between entries, so cell means may differ from the formula by up to half a step plus float
// rounding: 0.1 cd/m² covers it.
constexpr double k_table_tolerance = 0.1;

TEST(FlashDisplay, NarrowRangeLumaFollowsBt1886ScaledToTheDisplay) {
    for (const int code : {64, 100, 239, 461, 502, 700, 940}) {
        const FlashSample s = measure_flash(grey_frame(code), {});
        ASSERT_EQ(s.columns, 32);
        ASSERT_EQ(s.rows, 18);
        for (float cell : s.luminance)
            ASSERT_NEAR(cell, light_of_code(code), k_table_tolerance) << code;
    }
}

TEST(FlashDisplay, CodesOutsideTheNominalRangeClipAtBlackAndWhite) {
    EXPECT_NEAR(mean_luminance(measure_flash(grey_frame(4), {})), 0.0, 1e-6);
    EXPECT_NEAR(mean_luminance(measure_flash(grey_frame(1019), {})), 200.0, 1e-3);
}

TEST(FlashDisplay, DisplayPeakScalesSdrLight) {
    FlashOptions o;
    o.display_peak = 100.0;
    EXPECT_NEAR(mean_luminance(measure_flash(grey_frame(940), o)), 100.0, 1e-3);
}

// A frame of one colour in any pixel format: each component at `level` (0..1 of its nominal
// range, rounded to the nearest code), chroma neutral, alpha opaque.
Frame uniform_frame(PixelFormat format, double level, ColorInfo color) {
    const PixelFormatInfo& fi = info(format);
    Frame f = Frame::allocate({64, 36, format, color}).value();
    const bool narrow = color.range == ColorRange::Limited;
    const double unit = fi.bit_depth > 8 ? std::ldexp(1.0, fi.bit_depth - 8) : 1.0;
    const double max_code = std::ldexp(1.0, fi.bit_depth) - 1.0;
    const auto code = [&](int component) -> double {
        if (fi.is_yuv && component == 3) return max_code;
        if (fi.is_yuv && component > 0) return 128.0 * unit;
        if (!fi.is_yuv && component == 3) return max_code;
        return std::round(narrow ? (16.0 + 219.0 * level) * unit : level * max_code);
    };
    for (int p = 0; p < fi.planes; ++p) {
        const int comps = fi.components_in_plane(p);
        for (int y = 0; y < fi.plane_height(p, 36); ++y) {
            for (int x = 0; x < fi.plane_width(p, 64); ++x) {
                for (int c = 0; c < comps; ++c) {
                    const int component = fi.is_packed ? c : p;
                    const double value =
                        fi.sample_type == SampleType::F16 || fi.sample_type == SampleType::F32
                            ? (component == 3 ? 1.0 : level)
                            : code(component);
                    if (fi.sample_type == SampleType::F32)
                        f.mutable_plane<float>(p).at(x, y, c) = static_cast<float>(value);
                    else if (fi.sample_type == SampleType::F16)
                        f.mutable_plane<uint16_t>(p).at(x, y, c) =
                            float_to_half(static_cast<float>(value));
                    else if (fi.bytes_per_sample == 2)
                        f.mutable_plane<uint16_t>(p).at(x, y, c) = static_cast<uint16_t>(value);
                    else
                        f.mutable_plane<uint8_t>(p).at(x, y, c) = static_cast<uint8_t>(value);
                }
            }
        }
    }
    return f;
}

TEST(FlashDisplay, EveryPixelFormatGivesTheLightOfItsCodes) {
    for (int i = 0; i < static_cast<int>(PixelFormat::Count); ++i) {
        const auto format = static_cast<PixelFormat>(i);
        const PixelFormatInfo& fi = info(format);
        SCOPED_TRACE(std::string(fi.name));
        ColorInfo color = bt709_narrow();
        const bool is_float =
            fi.sample_type == SampleType::F16 || fi.sample_type == SampleType::F32;
        color.range = fi.is_yuv ? ColorRange::Limited : ColorRange::Full;
        if (is_float) color.transfer = TransferCharacteristic::Linear;
        const double level = 0.5;
        const FlashSample s = measure_flash(uniform_frame(format, level, color), {});
        double expected = 200.0 * level;  // linear float: the value is the light
        if (!is_float) {
            const double unit = fi.bit_depth > 8 ? std::ldexp(1.0, fi.bit_depth - 8) : 1.0;
            const double max_code = std::ldexp(1.0, fi.bit_depth) - 1.0;
            const double v = fi.is_yuv ? (std::round((16.0 + 219.0 * level) * unit) - 16.0 * unit) /
                                             (219.0 * unit)
                                       : std::round(level * max_code) / max_code;
            expected = 200.0 * std::pow(v, 2.4);
        }
        ASSERT_FALSE(s.luminance.empty());
        for (float cell : s.luminance) ASSERT_NEAR(cell, expected, k_table_tolerance);
        for (float cell : s.red) ASSERT_EQ(cell, 0.0f);
    }
}

// SMPTE ST 2084 inverse EOTF, to make PQ codes for a given light.
double pq_code_value(double cd) {
    const double m1 = 2610.0 / 16384.0, m2 = 2523.0 / 4096.0 * 128.0;
    const double c1 = 3424.0 / 4096.0, c2 = 2413.0 / 4096.0 * 32.0, c3 = 2392.0 / 4096.0 * 32.0;
    const double y = std::pow(cd / 10000.0, m1);
    return std::pow((c1 + c2 * y) / (1.0 + c3 * y), m2);
}

TEST(FlashDisplay, PqIsAbsoluteAndClampedToTheDisplay) {
    ColorInfo pq = bt709_narrow();
    pq.primaries = ColorPrimaries::BT2020;
    pq.matrix = MatrixCoefficients::BT2020_NCL;
    pq.transfer = TransferCharacteristic::SMPTE2084;
    for (const auto& [cd, expected] : {std::pair{100.0, 100.0}, {10.0, 10.0}, {1000.0, 200.0}}) {
        const int code = static_cast<int>(std::lround(64.0 + 876.0 * pq_code_value(cd)));
        Frame f = grey_frame(code);
        f.set_color(pq);
        // A 10-bit PQ code step is about 1 % of the light near 100 cd/m², and the 4096-entry
        // table's step a quarter of that: 1.5 % covers both.
        EXPECT_NEAR(mean_luminance(measure_flash(f, {})), expected, 0.015 * expected) << cd;
    }
}

TEST(FlashDisplay, SrgbFramesUseTheSrgbCurve) {
    ColorInfo srgb;
    srgb.transfer = TransferCharacteristic::IEC61966_2_1;
    srgb.range = ColorRange::Full;
    const Frame f = uniform_frame(PixelFormat::Rgb8, 128.0 / 255.0, srgb);
    const double v = 128.0 / 255.0;
    const double expected = 200.0 * std::pow((v + 0.055) / 1.055, 2.4);
    EXPECT_NEAR(mean_luminance(measure_flash(f, {})), expected, k_table_tolerance);
}

TEST(FlashDisplay, SaturatedRedIsMeasuredPerCell) {
    // R' 698 of 1023 is R = 0.3998 linear: 80 cd/m² of red light, 17.0 cd/m² of luminance.
    const FlashSample s = measure_flash(gbr_frame(698, 0, 0), {});
    const double r = 200.0 * std::pow(698.0 / 1023.0, 2.4);
    for (size_t c = 0; c < s.luminance.size(); ++c) {
        ASSERT_NEAR(s.red[c], 1.0, 1e-6);
        ASSERT_NEAR(s.red_level[c], r, k_table_tolerance);
        ASSERT_NEAR(s.luminance[c], 0.2126 * r, k_table_tolerance);
    }
    // Orange (R/(R+G+B) = 0.70 in linear light) is not saturated red.
    const FlashSample orange = measure_flash(gbr_frame(1023, 716, 0), {});
    for (float cell : orange.red) ASSERT_EQ(cell, 0.0f);
}

TEST(FlashDisplay, EmptyFramesGiveNoCellsAndAreSkipped) {
    const FlashSample s = measure_flash(Frame(), {});
    EXPECT_EQ(s.columns * s.rows, 0);
    FlashDetector detector({}, k_25);
    detector.add(0, s);
    EXPECT_TRUE(detector.finish().failures.empty());
}

// ---------------------------------------------------------------------------------------------
// Light kernel: SIMD against the scalar reference

TEST(FlashLightKernel, SimdMatchesTheScalarReference) {
    std::vector<float> table(4096);
    for (size_t i = 0; i < table.size(); ++i)
        table[i] = static_cast<float>(200.0 * std::pow(static_cast<double>(i) / 4095.0, 2.4));
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> code(0, 1023);
    std::uniform_real_distribution<float> value(-0.2f, 1.2f);
    const int n = 1000;  // not a multiple of any vector length
    const size_t padded = 1024;
    for (const bool yuv : {true, false}) {
        for (const bool floats : {true, false}) {
            SCOPED_TRACE(fmt::format("yuv {} float {}", yuv, floats));
            std::vector<std::vector<uint16_t>> codes(3, std::vector<uint16_t>(padded));
            std::vector<std::vector<float>> values(3, std::vector<float>(padded));
            for (size_t c = 0; c < 3; ++c) {
                for (size_t i = 0; i < padded; ++i) {
                    codes[c][i] = static_cast<uint16_t>(code(rng));
                    values[c][i] = value(rng);
                }
            }
            values[0][5] = std::nanf("");
            detail::LightJob job;
            for (size_t c = 0; c < 3; ++c) {
                if (floats)
                    job.values[c] = values[c].data();
                else
                    job.codes[c] = codes[c].data();
                job.offset[c] = c > 0 && yuv ? 512.0f : 64.0f;
                job.scale[c] = c > 0 && yuv ? 1.0f / 896.0f : 1.0f / 876.0f;
            }
            job.yuv = yuv;
            job.cr_r = 1.5748f;
            job.cb_g = -0.1873f;
            job.cr_g = -0.4681f;
            job.cb_b = 1.8556f;
            job.eotf = table.data();
            job.weights = {0.2126f, 0.7152f, 0.0722f};
            std::vector<float> l1(padded), r1(padded), rl1(padded), l2(padded), r2(padded),
                rl2(padded);
            job.count = n;
            job.luminance = l1.data();
            job.red = r1.data();
            job.red_level = rl1.data();
            detail::light_simd(job);
            job.luminance = l2.data();
            job.red = r2.data();
            job.red_level = rl2.data();
            detail::light_scalar(job);
            // A fused multiply-add (SIMD) may round a table index the other way at a boundary:
            // one table step, at most 0.12 cd/m² (see k_table_tolerance). The red share may
            // then flip for a sample sitting exactly on the 0.8 boundary: none here do.
            int red_flips = 0;
            for (int i = 0; i < n; ++i) {
                const auto k = static_cast<size_t>(i);
                ASSERT_NEAR(l1[k], l2[k], 0.25f) << i;
                red_flips += r1[k] != r2[k];
                if (r1[k] == r2[k]) {
                    ASSERT_NEAR(rl1[k], rl2[k], 0.25f) << i;
                }
            }
            EXPECT_LE(red_flips, 2);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// One cell's changes

TEST(FlashCellTracker, CountsOpposingChangesOnceEach) {
    detail::CellTracker t;
    EXPECT_EQ(t.add(10.0f, 20.0f, 160.0f), 0.0f);
    EXPECT_EQ(t.add(40.0f, 20.0f, 160.0f), 30.0f);  // up 30: a transition
    EXPECT_EQ(t.add(50.0f, 20.0f, 160.0f), 0.0f);   // the same change carrying on
    EXPECT_EQ(t.add(45.0f, 20.0f, 160.0f), 0.0f);   // back less than the swing: noise
    EXPECT_EQ(t.add(20.0f, 20.0f, 160.0f), 30.0f);  // down 30 from the peak of 50
}

TEST(FlashCellTracker, GradualChangesCountWhenTheyReachTheSwing) {
    detail::CellTracker t;
    float counted = 0.0f;
    int on_frame = -1;
    for (int i = 0; i <= 10; ++i) {
        const float change = t.add(static_cast<float>(5 * i), 20.0f, 160.0f);
        if (change > 0.0f && on_frame < 0) on_frame = i;
        counted += change;
    }
    EXPECT_EQ(on_frame, 4);     // 0 -> 20 after four steps of 5
    EXPECT_EQ(counted, 20.0f);  // and only once
}

TEST(FlashCellTracker, ChangesBetweenBrightStatesDoNotCount) {
    detail::CellTracker t;
    float counted = 0.0f;
    for (int i = 0; i < 10; ++i) counted += t.add(i % 2 ? 200.0f : 161.0f, 20.0f, 160.0f);
    EXPECT_EQ(counted, 0.0f);
    // A fall that starts above the limit counts once it goes below it.
    EXPECT_EQ(t.add(170.0f, 20.0f, 160.0f), 0.0f);
    EXPECT_GT(t.add(150.0f, 20.0f, 160.0f), 20.0f);
}

// ---------------------------------------------------------------------------------------------
// Stripes along a line

std::vector<float> bars(int pairs, int width, float dark = 5.0f, float light = 100.0f,
                        int margin = 10) {
    std::vector<float> v(static_cast<size_t>(2 * margin + 2 * pairs * width), dark);
    for (int p = 0; p < pairs; ++p)
        for (int j = 0; j < width; ++j) v[static_cast<size_t>(margin + 2 * p * width + j)] = light;
    return v;
}

std::vector<detail::StripeRun> stripes(const std::vector<float>& v) {
    std::vector<detail::StripeRun> runs;
    detail::StripeFinder().find(v.data(), nullptr, static_cast<int>(v.size()), {}, runs);
    return runs;
}

TEST(FlashStripes, SixLightDarkPairsAreStripesFiveAreNot) {
    // "More than five light-dark pairs": six light bars on a dark ground give 6 light and 6 dark
    // stripes (the ground after the last bar is the sixth dark one).
    EXPECT_EQ(stripes(bars(6, 6)).size(), 1u);
    EXPECT_TRUE(stripes(bars(5, 6)).empty());
}

TEST(FlashStripes, ContrastAndDarkLevelFollowTheFlashLimits) {
    EXPECT_EQ(stripes(bars(8, 6, 5.0f, 26.0f)).size(), 1u);    // 21 cd/m² apart
    EXPECT_TRUE(stripes(bars(8, 6, 5.0f, 24.0f)).empty());     // 19 cd/m² apart
    EXPECT_TRUE(stripes(bars(8, 6, 161.0f, 200.0f)).empty());  // dark bars above 160 cd/m²
    const std::vector<detail::StripeRun> runs = stripes(bars(8, 6));
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_NEAR(runs[0].contrast, 95.0f, 0.01f);
}

TEST(FlashStripes, IrregularBarsSineGratingsAndFineStripesAreNotPatterns) {
    std::vector<float> irregular;
    for (int p = 0; p < 10; ++p) {
        irregular.insert(irregular.end(), static_cast<size_t>(p % 2 ? 4 : 12), 100.0f);
        irregular.insert(irregular.end(), static_cast<size_t>(p % 2 ? 4 : 12), 5.0f);
    }
    EXPECT_TRUE(stripes(irregular).empty());
    std::vector<float> sine(200);
    for (size_t i = 0; i < sine.size(); ++i)
        sine[i] = 50.0f + 45.0f * static_cast<float>(std::sin(static_cast<double>(i) * 2.0 *
                                                              std::numbers::pi / 12.0));
    EXPECT_TRUE(stripes(sine).empty());         // a grating, not bars: a documented limit
    EXPECT_TRUE(stripes(bars(20, 2)).empty());  // two samples a stripe: too fine to judge
    EXPECT_EQ(stripes(bars(20, 3)).size(), 1u);
}

// ---------------------------------------------------------------------------------------------
// Sequences just above and below each BT.1702 limit, at 25 and 29.97 fps

class FlashLimits : public ::testing::TestWithParam<Rational> {
protected:
    Rational rate() const { return GetParam(); }
    // Dark 10 cd/m² and bright 100 cd/m²: a change of 90, the darker far below 160.
    const Frame dark = grey_frame(code_for_light(10.0));
    const Frame bright = grey_frame(code_for_light(100.0));
};

TEST_P(FlashLimits, FourFlashesASecondFailThreePass) {
    const FlashResult four = alternate(dark, bright, rate(), 4.0);
    ASSERT_EQ(four.failures.size(), 1u) << describe(four);
    EXPECT_EQ(four.failures[0].kind, "luminance");
    // Eight changes a second; at 29.97 fps a window of just under a second can catch nine.
    EXPECT_GE(four.failures[0].flashes, 4);
    EXPECT_LE(four.failures[0].flashes, 5);
    EXPECT_NEAR(four.failures[0].area, 1.0, 1e-9);
    EXPECT_NEAR(four.failures[0].change,
                light_of_code(code_for_light(100.0)) - light_of_code(code_for_light(10.0)), 0.2);
    const FlashResult three = alternate(dark, bright, rate(), 3.0);
    EXPECT_TRUE(three.failures.empty()) << describe(three);
    EXPECT_EQ(three.max_flashes_per_second, 3);
}

// The window runs from the first frame shown after the first counted change to the last frame
// shown before the last one: seven changes every second frame from frame 10 (at 10, 12 ... 22)
// fail as frames 10-21.
TEST_P(FlashLimits, AFailingWindowCoversTheFramesBetweenItsChanges) {
    const FlashResult r = run(
        [&](int64_t i) -> const Frame& {
            if (i < 10) return dark;
            if (i >= 22) return bright;  // the seventh change, at 22, is the last
            return (i - 10) / 2 % 2 == 0 ? bright : dark;
        },
        60, rate());
    ASSERT_EQ(r.failures.size(), 1u) << describe(r);
    EXPECT_EQ(r.failures[0].first, 10);
    EXPECT_EQ(r.failures[0].last, 21);
    EXPECT_EQ(r.failures[0].transitions, 7);
    EXPECT_EQ(r.failures[0].flashes, 4);
}

TEST_P(FlashLimits, SixChangesInASecondPass) {
    const FlashResult r = run(  // changes at 10, 12 ... 20
        [&](int64_t i) -> const Frame& {
            const bool burst = i >= 10 && i < 20;
            return burst && (i - 10) / 2 % 2 == 0 ? bright : dark;
        },
        60, rate());
    EXPECT_TRUE(r.failures.empty()) << describe(r);
    EXPECT_EQ(r.max_flashes_per_second, 3);
}

// Pairs of codes whose light differs by just over and just under 20 cd/m² around 30 cd/m².
std::pair<int, int> codes_apart(double change) {
    const int low = code_for_light(30.0);
    int high = low;
    while (light_of_code(high + 1) - light_of_code(low) <= change) ++high;
    const bool above = change > 20.0;
    return {low, above ? high + 1 : high};
}

TEST_P(FlashLimits, AChangeOf21CandelasFailsAndOf19Passes) {
    const auto [low_21, high_21] = codes_apart(21.0);
    const double change_21 = light_of_code(high_21) - light_of_code(low_21);
    ASSERT_GT(change_21, 21.0);
    ASSERT_LT(change_21, 21.5);  // 1 cd/m² over the limit, ten times the table's tolerance
    const FlashResult over = alternate(grey_frame(low_21), grey_frame(high_21), rate(), 6.0);
    EXPECT_TRUE(fails(over, "luminance")) << describe(over);

    const auto [low_19, high_19] = codes_apart(19.0);
    const double change_19 = light_of_code(high_19) - light_of_code(low_19);
    ASSERT_LT(change_19, 19.0);
    ASSERT_GT(change_19, 18.5);
    const FlashResult under = alternate(grey_frame(low_19), grey_frame(high_19), rate(), 6.0);
    EXPECT_TRUE(under.failures.empty()) << describe(under);
}

TEST_P(FlashLimits, ADarkerStateAbove160CandelasPasses) {
    const int white = 940;  // 200 cd/m²
    const int above = code_for_light(162.0), below = code_for_light(158.0);
    ASSERT_GT(light_of_code(above), 161.0);
    ASSERT_LT(light_of_code(below), 159.0);
    const FlashResult bright_only = alternate(grey_frame(above), grey_frame(white), rate(), 6.0);
    EXPECT_TRUE(bright_only.failures.empty()) << describe(bright_only);
    const FlashResult dipping = alternate(grey_frame(below), grey_frame(white), rate(), 6.0);
    EXPECT_TRUE(fails(dipping, "luminance")) << describe(dipping);
}

// Flashing over whole cells (10 x 10 pixels, 576 of them) on a static grey picture: 150 cells
// are 26.0 % of the screen, 138 cells 24.0 %.
TEST_P(FlashLimits, FlashesOver26PercentOfTheScreenFailOver24PercentPass) {
    const int grey = code_for_light(40.0);
    const Rect big{0, 0, 150, 100}, small{0, 0, 230, 60};
    ASSERT_NEAR(big.w * big.h / double(k_width * k_height), 0.2604, 1e-4);
    ASSERT_NEAR(small.w * small.h / double(k_width * k_height), 0.2396, 1e-4);
    const FlashResult over = alternate(grey_frame(code_for_light(5.0), big, grey),
                                       grey_frame(code_for_light(120.0), big, grey), rate(), 6.0);
    ASSERT_TRUE(fails(over, "luminance")) << describe(over);
    EXPECT_NEAR(over.failures[0].area, 150.0 / 576.0, 1e-9);
    const FlashResult under =
        alternate(grey_frame(code_for_light(5.0), small, grey),
                  grey_frame(code_for_light(120.0), small, grey), rate(), 6.0);
    EXPECT_TRUE(under.failures.empty()) << describe(under);
    EXPECT_NEAR(under.max_area, 138.0 / 576.0, 1e-9);
}

// Saturated red (R' 698: 80 cd/m² of red light, 17.0 cd/m² of luminance) against black fails
// as a red flash although its luminance change is under 20 cd/m²; a grey with the same
// luminance change is judged by the general rule alone, and passes.
TEST_P(FlashLimits, RedFlashesFailWhereTheSameGreyChangePasses) {
    const Frame black = gbr_frame(0, 0, 0);
    const FlashResult red = alternate(black, gbr_frame(698, 0, 0), rate(), 6.0);
    EXPECT_TRUE(fails(red, "red")) << describe(red);
    EXPECT_FALSE(fails(red, "luminance")) << describe(red);
    const double red_luminance = 0.2126 * 200.0 * std::pow(698.0 / 1023.0, 2.4);
    const int grey =
        static_cast<int>(std::lround(1023.0 * std::pow(red_luminance / 200.0, 1.0 / 2.4)));
    ASSERT_NEAR(200.0 * std::pow(grey / 1023.0, 2.4), red_luminance, 0.2);
    const FlashResult same_grey = alternate(black, gbr_frame(grey, grey, grey), rate(), 6.0);
    EXPECT_TRUE(same_grey.failures.empty()) << describe(same_grey);
    // Red flashes follow the same count: three a second pass.
    const FlashResult slow_red = alternate(black, gbr_frame(698, 0, 0), rate(), 3.0);
    EXPECT_TRUE(slow_red.failures.empty()) << describe(slow_red);
}

INSTANTIATE_TEST_SUITE_P(Rates, FlashLimits, ::testing::Values(k_25, k_2997),
                         [](const auto& p) { return p.param == k_25 ? "fps25" : "fps29_97"; });

// ---------------------------------------------------------------------------------------------
// Regular patterns

// Light and dark bars, `period` pixels, vertical (varying along x) or horizontal, over the left
// `share` of the picture on a grey ground.
Frame bar_frame(int period, bool vertical, double share = 1.0, int width = k_width,
                int height = k_height) {
    Frame f = grey_frame(code_for_light(40.0), std::nullopt, 64, width, height);
    auto y = f.mutable_plane<uint16_t>(0);
    const int extent = static_cast<int>(std::lround(share * width));
    for (int row = 0; row < height; ++row) {
        for (int x = 0; x < extent; ++x) {
            const int along = vertical ? x : row;
            y.at(x, row) = static_cast<uint16_t>(along % period < period / 2 ? 940 : 64);
        }
    }
    return f;
}

TEST(FlashPattern, StripesAreFlaggedASmoothRampIsNot) {
    for (const bool vertical : {true, false}) {
        const FlashSample s = measure_flash(bar_frame(16, vertical), {});
        EXPECT_TRUE(s.pattern_suspect) << vertical;
        EXPECT_GT(s.pattern_area, 0.9) << vertical;
        EXPECT_NEAR(s.pattern_contrast, 200.0, 0.5);
    }
    Frame ramp = grey_frame(64);
    auto y = ramp.mutable_plane<uint16_t>(0);
    for (int row = 0; row < k_height; ++row)
        for (int x = 0; x < k_width; ++x)
            y.at(x, row) = static_cast<uint16_t>(64 + x * 876 / k_width);
    const FlashSample smooth = measure_flash(ramp, {});
    EXPECT_FALSE(smooth.pattern_suspect);
    EXPECT_EQ(smooth.pattern_area, 0.0);
}

TEST(FlashPattern, TheAreaIsTheShareOfTheScreenStriped) {
    // 8-pixel bars over 40 % and 20 % of the width (16 and 8 pairs); the area is measured over
    // whole cells and a run ends on its last extreme, so it reads up to a cell column (3 %) short.
    const FlashSample wide = measure_flash(bar_frame(8, true, 0.4), {});
    EXPECT_NEAR(wide.pattern_area, 0.4, 0.04);
    EXPECT_TRUE(wide.pattern_suspect);
    const FlashSample narrow = measure_flash(bar_frame(8, true, 0.2), {});
    EXPECT_NEAR(narrow.pattern_area, 0.2, 0.04);
    EXPECT_FALSE(narrow.pattern_suspect);
}

TEST(FlashPattern, StripesAreFoundAtHdResolution) {
    // 1080p is sampled every 4th pixel: 32-pixel bars are 4 samples wide.
    const FlashSample s = measure_flash(bar_frame(32, true, 1.0, 1920, 1080), {});
    EXPECT_TRUE(s.pattern_suspect);
    EXPECT_GT(s.pattern_area, 0.9);
}

TEST(FlashPattern, RunsOfPatternFramesAreReported) {
    const Frame striped = bar_frame(16, true), plain = grey_frame(code_for_light(40.0));
    const FlashResult r = run(
        [&](int64_t i) -> const Frame& { return i >= 20 && i < 45 ? striped : plain; }, 60, k_25);
    ASSERT_EQ(r.failures.size(), 1u) << describe(r);
    EXPECT_EQ(r.failures[0].kind, "pattern");
    EXPECT_EQ(r.failures[0].first, 20);
    EXPECT_EQ(r.failures[0].last, 44);
    EXPECT_GT(r.failures[0].area, 0.9);
}

// ---------------------------------------------------------------------------------------------
// The sample generator's defects clip

// x001_c001_defects.mov plants, at 25 fps, frames 150-174: whole picture alternating 2 frames
// Y' 940 and 2 frames Y' 239 (6.25 flashes/s). The picture changes at 150 (from the pattern to
// white), every second frame up to 174, and at 175 (back to the pattern): the windows holding
// more than six of those changes run from 150 to 173 and from 152 to 174, one failure, 150-174.
// Everything else in the clip (black, freeze, out-of-range plants, the moving test pattern with
// its zone plate) raises nothing.
TEST(FlashDefectsClip, ThePlantedFlashIsFoundAtItsExactFrames) {
    test::ScratchDir dir;
    auto written =
        samples::generate_samples({dir.path(), samples::SampleSet::Defects, "x001_c001_defects"});
    ASSERT_TRUE(written) << written.error().message();
    auto source = MediaSource::open(dir.file("x001_c001_defects.mov"));
    ASSERT_TRUE(source) << source.error().message();
    const FlashOptions options;
    FlashDetector detector(options, source->summary().frame_rate);
    int64_t frames = 0;
    for (;; ++frames) {
        auto frame = source->next_video_frame();
        ASSERT_TRUE(frame) << frame.error().message();
        if (!*frame) break;
        detector.add(frames, measure_flash(**frame, options));
    }
    EXPECT_EQ(frames, 250);
    const FlashResult r = detector.finish();
    ASSERT_EQ(r.failures.size(), 1u) << describe(r);
    const FlashWindow& w = r.failures[0];
    EXPECT_EQ(w.kind, "luminance");
    EXPECT_EQ(w.first, 150);
    EXPECT_EQ(w.last, 174);
    EXPECT_EQ(w.transitions, 13);  // 150, 152 ... 174 inside one second
    EXPECT_EQ(w.flashes, 7);
    EXPECT_NEAR(w.area, 1.0, 1e-9);
    // 940 -> 200 cd/m² and 239 -> 4.2 cd/m²: a change of 196 (the table's 0.1 tolerance, plus
    // the codec: ProRes decodes flat plants to their exact codes).
    EXPECT_NEAR(w.change, light_of_code(940) - light_of_code(239), 0.2);
    EXPECT_EQ(r.max_flashes_per_second, 7);
}

}  // namespace
}  // namespace media::analysis
