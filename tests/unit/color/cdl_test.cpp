// SPDX-License-Identifier: Apache-2.0
// ASC CDL v1.2 maths: values worked by hand from the ASC formula, then the shared reference
// (color_test_util.h) on random grades, and the inverse.
#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

#include "color_test_util.h"
#include "media/color/cdl.h"

namespace media::color {
namespace {

CdlValues make_cdl(Vec3 slope, Vec3 offset, Vec3 power, double saturation) {
    CdlValues cdl;
    cdl.slope = slope;
    cdl.offset = offset;
    cdl.power = power;
    cdl.saturation = saturation;
    return cdl;
}

void expect_near(const Vec3& got, const Vec3& want, double tolerance) {
    for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(got[i], want[i], tolerance) << "channel " << i;
}

TEST(Cdl, SlopeOffsetPowerByHand) {
    const CdlValues cdl = make_cdl({1.2, 1.0, 0.8}, {0.05, 0.0, -0.1}, {1.0, 2.0, 0.5}, 1.0);
    // R: 0.5 * 1.2 + 0.05 = 0.65, ^1 = 0.65
    // G: 0.5 * 1.0 + 0    = 0.5,  ^2 = 0.25
    // B: 0.5 * 0.8 - 0.1  = 0.3,  ^0.5 = 0.5477225575...
    expect_near(apply_cdl(cdl, {0.5, 0.5, 0.5}), {0.65, 0.25, 0.5477225575051661}, 1e-12);
}

TEST(Cdl, SaturationAroundRec709Luma) {
    const CdlValues half = make_cdl({1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 0.5);
    // luma = 0.2126 * 0.8 + 0.7152 * 0.4 + 0.0722 * 0.2 = 0.17008 + 0.28608 + 0.01444 = 0.4706
    // R = 0.4706 + 0.5 * (0.8 - 0.4706) = 0.6353; G = 0.4706 + 0.5 * (0.4 - 0.4706) = 0.4353;
    // B = 0.4706 + 0.5 * (0.2 - 0.4706) = 0.3353
    expect_near(apply_cdl(half, {0.8, 0.4, 0.2}), {0.6353, 0.4353, 0.3353}, 1e-12);
    const CdlValues more = make_cdl({1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 1.5);
    // luma = 0.2126 * 0.6 + 0.7152 * 0.5 + 0.0722 * 0.4 = 0.12756 + 0.3576 + 0.02888 = 0.51404
    // R = 0.51404 + 1.5 * 0.08596 = 0.64298; G = 0.51404 - 1.5 * 0.01404 = 0.49298;
    // B = 0.51404 - 1.5 * 0.11404 = 0.34298
    expect_near(apply_cdl(more, {0.6, 0.5, 0.4}), {0.64298, 0.49298, 0.34298}, 1e-12);
    // Zero saturation: every channel becomes the luma.
    const CdlValues grey = make_cdl({1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 0.0);
    expect_near(apply_cdl(grey, {0.8, 0.4, 0.2}), {0.4706, 0.4706, 0.4706}, 1e-12);
}

TEST(Cdl, ClampsBeforePowerAndAfterSaturation) {
    const CdlValues square = make_cdl({1, 1, 1}, {0, 0, 0}, {2, 2, 2}, 1.0);
    // R: 1.5 -> clamp 1 -> 1^2 = 1 (unclamped: 2.25); G: -0.2 -> clamp 0 -> 0 (unclamped 0.04);
    // B: 0.5^2 = 0.25.
    expect_near(apply_cdl(square, {1.5, -0.2, 0.5}), {1.0, 0.0, 0.25}, 1e-12);
    // A negative base under a fractional power would be NaN without the clamp.
    const CdlValues root = make_cdl({1, 1, 1}, {-0.5, 0, 0}, {0.5, 0.5, 0.5}, 1.0);
    // R: 0.2 - 0.5 = -0.3 -> 0 -> 0; G: 0.25^0.5 = 0.5; B: 0.64^0.5 = 0.8
    expect_near(apply_cdl(root, {0.2, 0.25, 0.64}), {0.0, 0.5, 0.8}, 1e-12);
    const CdlValues boost = make_cdl({1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 2.0);
    // luma of (1, 0, 0) = 0.2126; R = 0.2126 + 2 * 0.7874 = 1.7874 -> 1;
    // G = B = 0.2126 + 2 * (0 - 0.2126) = -0.2126 -> 0.
    expect_near(apply_cdl(boost, {1, 0, 0}), {1, 0, 0}, 1e-12);
    // An identity CDL still clamps (the ASC clamps; processors skip identity CDLs instead).
    expect_near(apply_cdl(CdlValues{}, {1.25, -0.5, 0.5}), {1, 0, 0.5}, 1e-12);
}

TEST(Cdl, NonFiniteInputs) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const CdlValues cdl = make_cdl({1, 1, 1}, {0.1, 0.1, 0.1}, {1, 1, 1}, 1.0);
    // NaN * 1 + 0.1 is NaN, which the clamp turns into 0 (not 0.1).
    expect_near(apply_cdl(cdl, {nan, 0.4, 0.4}), {0.0, 0.5, 0.5}, 1e-12);
    const Vec3 all_nan = apply_cdl(make_cdl({1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 0.7), {nan, nan, nan});
    EXPECT_EQ(all_nan, (Vec3{0, 0, 0}));
    expect_near(apply_cdl(cdl, {inf, -inf, 0.4}), {1.0, 0.0, 0.5}, 1e-12);
    const Vec3 inverse = apply_cdl_inverse(cdl, {nan, inf, -inf});
    for (double v : inverse) EXPECT_TRUE(std::isfinite(v) && v >= 0 && v <= 1);
}

TEST(Cdl, MatchesTheAscFormulaOnRandomGrades) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> slope(0.2, 2.5), offset(-0.3, 0.3), power(0.3, 3.0),
        saturation(0.0, 2.5), value(-0.25, 1.25);
    double worst = 0;
    for (int i = 0; i < 2000; ++i) {
        const CdlValues cdl =
            make_cdl({slope(rng), slope(rng), slope(rng)}, {offset(rng), offset(rng), offset(rng)},
                     {power(rng), power(rng), power(rng)}, saturation(rng));
        const Vec3 in{value(rng), value(rng), value(rng)};
        const Vec3 got = apply_cdl(cdl, in);
        const test::Rgb want = test::asc_cdl(cdl, in);
        for (size_t c = 0; c < 3; ++c) worst = std::max(worst, std::abs(got[c] - want[c]));
    }
    EXPECT_LT(worst, 1e-12);
}

TEST(Cdl, InverseByHandAndRoundTrip) {
    // Undoing saturation 0.5 on the hand-computed result above gives the input back.
    const CdlValues half = make_cdl({1, 1, 1}, {0, 0, 0}, {1, 1, 1}, 0.5);
    expect_near(apply_cdl_inverse(half, {0.6353, 0.4353, 0.3353}), {0.8, 0.4, 0.2}, 1e-12);
    // (0.65, 0.25, 0.5477...) back through slope/offset/power: R (0.65 - 0.05) / 1.2 = 0.5,
    // G sqrt(0.25) = 0.5, B (0.5477^2 + 0.1) / 0.8 = 0.5.
    const CdlValues sop = make_cdl({1.2, 1.0, 0.8}, {0.05, 0.0, -0.1}, {1.0, 2.0, 0.5}, 1.0);
    expect_near(apply_cdl_inverse(sop, {0.65, 0.25, 0.5477225575051661}), {0.5, 0.5, 0.5}, 1e-12);

    // Grades that stay inside 0..1 (no clamp engaged) invert exactly.
    const CdlValues grade = make_cdl({1.1, 0.9, 1.05}, {0.02, -0.01, 0.0}, {1.2, 0.9, 1.1}, 0.8);
    std::mt19937 rng(8);
    std::uniform_real_distribution<double> value(0.1, 0.8);
    double worst = 0;
    for (int i = 0; i < 1000; ++i) {
        const Vec3 in{value(rng), value(rng), value(rng)};
        const Vec3 back = apply_cdl_inverse(grade, apply_cdl(grade, in));
        for (size_t c = 0; c < 3; ++c) worst = std::max(worst, std::abs(back[c] - in[c]));
    }
    EXPECT_LT(worst, 1e-12);
    // The other way round too: forward(inverse(x)) = x for x the grade can reach.
    for (int i = 0; i < 1000; ++i) {
        const Vec3 target = apply_cdl(grade, {value(rng), value(rng), value(rng)});
        expect_near(apply_cdl(grade, apply_cdl_inverse(grade, target)), target, 1e-12);
    }
}

TEST(Cdl, InverseClampsAndSurvivesDegenerateGrades) {
    const CdlValues cdl = make_cdl({2, 1, 1}, {0, 0, 0}, {1, 1, 1}, 1.0);
    // Input above 1 is taken as 1: R 1 / 2 = 0.5; output is clamped to 0..1.
    expect_near(apply_cdl_inverse(cdl, {1.7, -0.3, 0.5}), {0.5, 0.0, 0.5}, 1e-12);
    const CdlValues flat = make_cdl({0, 0, 0}, {0.5, 0.5, 0.5}, {1, 1, 1}, 0.0);
    const Vec3 out = apply_cdl_inverse(flat, {0.3, 0.6, 0.9});
    for (double v : out) EXPECT_TRUE(std::isfinite(v) && v >= 0 && v <= 1);
}

}  // namespace
}  // namespace media::color
