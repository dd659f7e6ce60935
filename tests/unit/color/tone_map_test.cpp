// SPDX-License-Identifier: Apache-2.0
// BT.2390 EETF: values worked from the Recommendation's text (BT.2390-10 section 5.4) outside
// Slate, and the curve's defining properties (identity below the knee, source peak onto target
// peak, C1 at the knee, flat at the peak, black lift, ratios kept).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "media/color/tone_map.h"
#include "media/color/transfer.h"

namespace media::color {
namespace {

double pq_of_nits(double nits) {
    return from_linear(Transfer::Pq, nits / 100.0);
}

double nits_of_pq(double pq) {
    return to_linear(Transfer::Pq, pq) * 100.0;
}

// The mapping in cd/m² through eetf_pq.
double map_nits(const ToneMapper& mapper, double nits) {
    return nits_of_pq(mapper.eetf_pq(pq_of_nits(nits)));
}

struct Reference {
    double in_nits;
    double out_nits;
};

// Computed with a separate script from BT.2390-10 5.4 in double precision (the spec's formulas
// in cd/m², with ST 2084's exact constants).
void expect_reference(const ToneMapDesc& desc, std::initializer_list<Reference> values) {
    const ToneMapper mapper(desc);
    for (const Reference& r : values) {
        EXPECT_NEAR(map_nits(mapper, r.in_nits), r.out_nits, 1e-9 * std::max(1.0, r.out_nits))
            << desc.source_peak_nits << " -> " << desc.target_peak_nits << " at " << r.in_nits;
    }
}

TEST(ToneMapBt2390, MatchesWorkedValues) {
    expect_reference({1000.0, 0.0, 100.0, 0.0}, {{0.5, 0.5},
                                                 {5.0, 5.0},
                                                 {20.0, 20.0},
                                                 {50.0, 46.14295475466458},
                                                 {100.0, 69.45440303565891},
                                                 {203.0, 88.2436405386478},
                                                 {500.0, 98.94687131823169},
                                                 {1000.0, 100.0}});
    // To a 1000 cd/m² display with a 0.005 cd/m² black: the lift reaches up to the peak.
    expect_reference({4000.0, 0.0, 1000.0, 0.005}, {{0.5, 0.6084800976542477},
                                                    {5.0, 5.3025947831669935},
                                                    {100.0, 100.549599640808},
                                                    {500.0, 500.27432087685537},
                                                    {1000.0, 814.7651501515644},
                                                    {4000.0, 1000.1076176714288}});
    // A black-level lift: target black 0.1 cd/m² over a source black of 0.005.
    expect_reference({1000.0, 0.005, 100.0, 0.1}, {{0.5, 0.8783806951044438},
                                                   {5.0, 5.777962202027878},
                                                   {20.0, 20.920296629303177},
                                                   {100.0, 70.1569946989571},
                                                   {203.0, 88.85901503695668},
                                                   {1000.0, 100.5656559528437}});
}

TEST(ToneMapBt2390, KneeAndPeak) {
    const ToneMapper mapper({1000.0, 0.0, 100.0, 0.0});
    // KS = 1.5 maxLum - 0.5 in the PQ domain normalised to the source: 27.858 cd/m² here.
    const double max_lum = pq_of_nits(100.0) / pq_of_nits(1000.0);
    const double knee_pq = (1.5 * max_lum - 0.5) * pq_of_nits(1000.0);
    EXPECT_NEAR(nits_of_pq(knee_pq), 27.858465100845265, 1e-9);
    // Identity below the knee.
    // (from PQ's own black, 7.3e-7: ST 2084 does not encode 0 cd/m² as 0)
    for (double pq = pq_of_nits(0.0); pq < knee_pq; pq += 0.01)
        EXPECT_NEAR(mapper.eetf_pq(pq), pq, 1e-15);
    // Continuous with slope 1 at the knee (the Hermite spline starts with P'(KS) = 1).
    const double h = 1e-6;
    const double right_slope = (mapper.eetf_pq(knee_pq + h) - mapper.eetf_pq(knee_pq)) / h;
    EXPECT_NEAR(right_slope, 1.0, 1e-4);
    // The source peak lands on the target peak, flat there; anything above stays there.
    const double peak_pq = pq_of_nits(1000.0);
    EXPECT_NEAR(mapper.eetf_pq(peak_pq), pq_of_nits(100.0), 1e-12);
    const double left_slope = (mapper.eetf_pq(peak_pq) - mapper.eetf_pq(peak_pq - h)) / h;
    EXPECT_NEAR(left_slope, 0.0, 1e-4);
    EXPECT_NEAR(mapper.eetf_pq(1.0), pq_of_nits(100.0), 1e-12);
}

TEST(ToneMapBt2390, Monotonic) {
    for (const ToneMapDesc& desc :
         {ToneMapDesc{1000.0, 0.0, 100.0, 0.0}, ToneMapDesc{4000.0, 0.005, 100.0, 0.05},
          ToneMapDesc{10000.0, 0.0, 48.0, 0.0}, ToneMapDesc{2000.0, 0.0, 600.0, 0.0}}) {
        const ToneMapper mapper(desc);
        double previous = mapper.eetf_pq(0.0);
        for (int i = 1; i <= 10000; ++i) {
            const double out = mapper.eetf_pq(i / 10000.0);
            ASSERT_GE(out, previous - 1e-15) << desc.source_peak_nits << " at " << i;
            previous = out;
        }
    }
}

TEST(ToneMapBt2390, BlackLift) {
    // E3 = E2 + minLum (1 - E2)^4: the source black lands on the target black.
    const ToneMapper mapper({1000.0, 0.0, 100.0, 0.1});
    EXPECT_NEAR(map_nits(mapper, 0.0), 0.1, 1e-9);
    // And no lift without a target black.
    const ToneMapper plain({1000.0, 0.0, 100.0, 0.0});
    EXPECT_NEAR(map_nits(plain, 0.0), 0.0, 1e-12);
}

TEST(ToneMapBt2390, TargetAtOrAboveSourceIsIdentity) {
    const ToneMapper mapper({600.0, 0.0, 1000.0, 0.0});
    for (double nits : {0.1, 10.0, 100.0, 600.0})
        EXPECT_NEAR(map_nits(mapper, nits), nits, 1e-9 * nits);
    // Normalised output: 1.0 is the target peak.
    const Vec3 out = mapper.apply({6.0, 3.0, 0.0});
    EXPECT_NEAR(out[0], 0.6, 1e-12);
    EXPECT_NEAR(out[1], 0.3, 1e-12);
    EXPECT_EQ(out[2], 0.0);
}

TEST(ToneMapApply, MaxRgbKeepsRatiosAndNormalises) {
    const ToneMapper mapper({1000.0, 0.0, 100.0, 0.0});
    // Peak white (10.0 = 1000 cd/m²) -> 1.0 (the target peak).
    const Vec3 white = mapper.apply({10.0, 10.0, 10.0});
    for (double v : white) EXPECT_NEAR(v, 1.0, 1e-12);
    // A colour: max channel follows the curve, the others keep their ratio to it.
    const Vec3 in{5.0, 2.0, 0.5};
    const Vec3 out = mapper.apply(in);
    EXPECT_NEAR(out[0], map_nits(mapper, 500.0) / 100.0, 1e-12);
    EXPECT_NEAR(out[1] / out[0], 2.0 / 5.0, 1e-12);
    EXPECT_NEAR(out[2] / out[0], 0.5 / 5.0, 1e-12);
    // Below the knee: unchanged (target peak 100 cd/m², so normalising changes nothing).
    const Vec3 dark = mapper.apply({0.1, 0.05, 0.02});
    EXPECT_NEAR(dark[0], 0.1, 1e-12);
    EXPECT_NEAR(dark[1], 0.05, 1e-12);
    // Normalised to another target peak.
    const ToneMapper to600({1000.0, 0.0, 600.0, 0.0});
    const Vec3 w600 = to600.apply({10.0, 10.0, 10.0});
    EXPECT_NEAR(w600[0], 1.0, 1e-12);
    const Vec3 g600 = to600.apply({0.5, 0.5, 0.5});  // 50 cd/m², below that knee
    EXPECT_NEAR(g600[0], 50.0 / 600.0, 1e-12);
}

TEST(ToneMapApply, NegativesAndNonFinite) {
    const ToneMapper mapper({1000.0, 0.0, 100.0, 0.0});
    const Vec3 out = mapper.apply({-1.0, 0.2, -0.2});  // 20 cd/m², below the knee
    EXPECT_EQ(out[0], 0.0);
    EXPECT_EQ(out[2], 0.0);
    EXPECT_NEAR(out[1], 0.2, 1e-12);
    const Vec3 black = mapper.apply({0.0, 0.0, -3.0});
    for (double v : black) EXPECT_EQ(v, 0.0);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const Vec3 with_nan = mapper.apply({nan, 1.0, 2.0});
    EXPECT_TRUE(std::isnan(with_nan[0]));
    EXPECT_EQ(with_nan[1], 1.0);
    EXPECT_EQ(with_nan[2], 2.0);
    const Vec3 with_inf = mapper.apply({INFINITY, 1.0, 2.0});
    EXPECT_TRUE(std::isinf(with_inf[0]));
}

TEST(ToneMapApply, BadDescriptionsAreRepaired) {
    // Non-finite or inverted luminances must not produce NaN.
    for (const ToneMapDesc& desc :
         {ToneMapDesc{std::nan(""), 0.0, 100.0, 0.0}, ToneMapDesc{100.0, 200.0, 100.0, 0.0},
          ToneMapDesc{1000.0, 0.0, -5.0, 0.0}, ToneMapDesc{0.0, 0.0, 0.0, 0.0},
          ToneMapDesc{1e9, -1.0, 1e9, 1e9}}) {
        const ToneMapper mapper(desc);
        for (double v : {0.0, 0.01, 1.0, 10.0, 100.0}) {
            const Vec3 out = mapper.apply({v, v * 0.5, 0.0});
            for (double c : out) EXPECT_TRUE(std::isfinite(c)) << desc.source_peak_nits;
        }
        EXPECT_GT(mapper.desc().source_peak_nits, mapper.desc().source_black_nits);
        EXPECT_GT(mapper.desc().target_peak_nits, mapper.desc().target_black_nits);
    }
}

}  // namespace
}  // namespace media::color
