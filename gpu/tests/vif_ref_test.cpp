// SPDX-License-Identifier: Apache-2.0
// VIF's scalar reference against hand-checkable cases: flat planes (every pixel flat, scores 1
// at every scale), identical textured planes (num = den: scores 1), a tiny plane (fewer pixels
// than a decimation needs), odd sizes, the per-point maths (mirror, taps, decimation of a
// constant, the moment rounding), and finish_vif's arithmetic.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "check.h"
#include "slate_gpu/detail/vif_math.h"
#include "slate_gpu/vif.h"

namespace {

using slate_gpu::MetricPlane;
using slate_gpu::VifConfig;
using slate_gpu::VifRaw;

MetricPlane plane16(const std::vector<uint16_t>& v, int w, int h, int bits) {
    return MetricPlane{v.data(), static_cast<std::ptrdiff_t>(w) * 2, w, h, bits};
}
MetricPlane plane8(const std::vector<uint8_t>& v, int w, int h) {
    return MetricPlane{v.data(), w, w, h, 8};
}

void scores_of(const VifRaw& raw, double s[4]) {
    slate_gpu::finish_vif(raw, s);
}

void test_maths() {
    using namespace slate_gpu::detail;
    // Taps sum to 65536 at every scale.
    for (int s = 0; s < 4; ++s) {
        uint32_t sum = 0;
        for (int k = 0; k <= 2 * vif_radius(s); ++k) sum += vif_tap(s, k);
        EXPECT_EQ(sum, 65536);
    }
    // Mirror without repeating the edge; reflecting again on short planes.
    EXPECT_EQ(vif_mirror(-1, 10), 1);
    EXPECT_EQ(vif_mirror(-3, 10), 3);
    EXPECT_EQ(vif_mirror(10, 10), 8);
    EXPECT_EQ(vif_mirror(12, 10), 6);
    EXPECT_EQ(vif_mirror(5, 3), 1);  // 0 1 2 1 0 1: period 4
    EXPECT_EQ(vif_mirror(-8, 3), 0);
    EXPECT_EQ(vif_mirror(7, 1), 0);
    // Decimating a constant keeps it (in 1/256 of an 8-bit level): 8-bit 100 -> 25600, 10-bit
    // 401 -> 401 * 64 = 25664, and a decimated value stays itself.
    auto const8 = [](int) { return 100u; };
    const uint32_t t8 = vif_decimate_vertical<1>(const8, 8);
    EXPECT_EQ(t8, 25600);
    EXPECT_EQ(vif_decimate_horizontal<1>([&](int) { return t8; }), 25600);
    EXPECT_EQ(vif_decimate_vertical<1>([](int) { return 401u; }, 10), 25664);
    EXPECT_EQ(vif_decimate_vertical<2>([](int) { return 25664u; }, 16), 25664);
    EXPECT_EQ(vif_decimate_horizontal<3>([](int) { return 12345u; }), 12345);
    // Moment rounding: mean 0.3 (8-bit units from 128) rounds to 77/256; the square moves by
    // -256 * r.
    float m[5] = {0.3f, 0.0f, 10.0f, 0.0f, 0.0f};
    vif_round_moments(m);
    const float r1 = 77.0f / 256.0f - 0.3f;
    EXPECT_EQ(m[0], 77.0f / 256.0f);
    EXPECT_EQ(m[2], 10.0f - 256.0f * r1);
    EXPECT_EQ(m[4], -128.0f * r1);
    // A flat pixel (variance below 2) adds its count and distorted variance.
    VifAcc acc;
    const float h_flat[5] = {0.0f, 0.0f, 1.0f, 3.0f, 0.0f};
    vif_pixel(h_flat, 100.0f, acc);
    EXPECT_EQ(acc.flat_count, 1);
    EXPECT_EQ(acc.flat_sigma2, 3.0);
    EXPECT_EQ(acc.den_log, 0);
    // A textured pixel with dist == ref: g = 1, sv = 0: num = log2(s1 + 2) - log2(2) and
    // den = log2(1 + s1 / 2): equal.
    VifAcc same;
    const float h_same[5] = {0.0f, 0.0f, 30.0f, 30.0f, 30.0f};
    vif_pixel(h_same, 100.0f, same);
    EXPECT_NEAR(same.den_log, std::log2(16.0), 0);
    EXPECT_NEAR(same.num_log, std::log2(32.0) - 1.0, 0);
    // Scale 2/3 maths on integers: s1 = xx - mu1^2 / 2^32 with mu1 = 0 -> s1 = xx.
    VifAcc acc64;
    const double h64[5] = {0.0, 0.0, 65536.0 * 262144.0, 65536.0 * 262144.0, 65536.0 * 262144.0};
    vif_pixel(h64, 100.0, acc64);
    EXPECT_NEAR(acc64.den_log, std::log2(3.0), 0);  // 1 + 262144 / 131072
    // num: g = 262144 / (262144 + eps) just below 1: trunc(g^2 s1) = 262143, sv = trunc(tiny) = 0.
    EXPECT_NEAR(acc64.num_log, std::log2(262143.0 + 131072.0) - std::log2(131072.0), 0);
    // The final arithmetic: no pixels -> 1; flat only -> (count - sigma2 * 4 / 65025) / count.
    EXPECT_EQ(vif_scale_score(0, 0, 0, 0), 1.0);
    EXPECT_EQ(vif_scale_score(0, 0, 0, 10), 1.0);
    EXPECT_NEAR(vif_scale_score(0, 0, 65025.0 / 4.0, 10), 0.9, 1e-7);
}

void test_flat_planes() {
    // Every pixel flat (variance 0): num = den = pixel count at every scale.
    for (int bits : {8, 10, 16}) {
        const int w = 37, h = 29;
        VifRaw raw;
        if (bits == 8) {
            std::vector<uint8_t> a(static_cast<size_t>(w) * h, 90), b(a.size(), 200);
            raw = slate_gpu::ref::vif(plane8(a, w, h), plane8(b, w, h), VifConfig{});
        } else {
            std::vector<uint16_t> a(static_cast<size_t>(w) * h, uint16_t(90 << (bits - 8)));
            std::vector<uint16_t> b(a.size(), uint16_t(200 << (bits - 8)));
            raw = slate_gpu::ref::vif(plane16(a, w, h, bits), plane16(b, w, h, bits), VifConfig{});
        }
        const int ws[4] = {37, 18, 9, 4}, hs[4] = {29, 14, 7, 3};
        for (int s = 0; s < 4; ++s) {
            EXPECT_EQ(raw.flat_count[s], ws[s] * hs[s]);
            EXPECT_EQ(raw.flat_sigma2[s], 0);
            EXPECT_EQ(raw.den_log[s], 0);
            EXPECT_EQ(raw.num_log[s], 0);
        }
        double s[4];
        scores_of(raw, s);
        for (double v : s) EXPECT_EQ(v, 1.0);
    }
}

std::vector<uint16_t> texture(int w, int h, int bits) {
    std::vector<uint16_t> v(static_cast<size_t>(w) * h);
    uint32_t state = 12345;
    for (auto& x : v) {
        state = state * 1664525u + 1013904223u;
        x = static_cast<uint16_t>((state >> 8) % (1u << bits));
    }
    return v;
}

void test_identical_planes() {
    // dist == ref: wherever the reference is textured, num and den terms are equal up to float
    // rounding of g; flat pixels count 1 on both sides. Scores within 1e-5 of 1.
    for (int bits : {8, 12}) {
        for (int w : {1, 2, 5, 31, 64}) {
            const int h = w == 64 ? 47 : w + 2;
            VifRaw raw;
            if (bits == 8) {
                const auto t = texture(w, h, 8);
                std::vector<uint8_t> a(t.begin(), t.end());
                raw = slate_gpu::ref::vif(plane8(a, w, h), plane8(a, w, h), VifConfig{});
            } else {
                const auto a = texture(w, h, bits);
                raw = slate_gpu::ref::vif(plane16(a, w, h, bits), plane16(a, w, h, bits),
                                          VifConfig{});
            }
            double s[4];
            scores_of(raw, s);
            for (double v : s) EXPECT_NEAR(v, 1.0, 1e-5);
            // Scale sizes: w/2^s x h/2^s; empty scales have no pixels.
            for (int sc = 0; sc < 4; ++sc) {
                const int sw = w >> sc, sh = h >> sc;
                if (sw == 0 || sh == 0)
                    EXPECT_EQ(raw.flat_count[sc] + raw.den_log[sc], 0);
                else
                    EXPECT(raw.flat_count[sc] + raw.den_log[sc] > 0);
            }
        }
    }
}

void test_tiny_and_determinism() {
    // 1x1: one flat pixel at scale 0, nothing else.
    std::vector<uint8_t> a{17}, b{230};
    const VifRaw raw = slate_gpu::ref::vif(plane8(a, 1, 1), plane8(b, 1, 1), VifConfig{});
    EXPECT_EQ(raw.flat_count[0], 1);
    for (int s = 1; s < 4; ++s) EXPECT_EQ(raw.flat_count[s], 0);
    // Empty planes: all scores 1.
    const VifRaw empty = slate_gpu::ref::vif(MetricPlane{}, MetricPlane{}, VifConfig{});
    double s[4];
    scores_of(empty, s);
    for (double v : s) EXPECT_EQ(v, 1.0);
    // Odd size, a distorted copy: the same scores twice, gain limit 1 never higher.
    const int w = 45, h = 33;
    const auto r = texture(w, h, 10);
    std::vector<uint16_t> d(r.size());
    for (size_t i = 0; i < r.size(); ++i) d[i] = static_cast<uint16_t>(r[i] / 8 * 8);
    const VifRaw x1 = slate_gpu::ref::vif(plane16(r, w, h, 10), plane16(d, w, h, 10), VifConfig{});
    const VifRaw x2 = slate_gpu::ref::vif(plane16(r, w, h, 10), plane16(d, w, h, 10), VifConfig{});
    VifConfig neg;
    neg.enhn_gain_limit = 1.0;
    const VifRaw x3 = slate_gpu::ref::vif(plane16(r, w, h, 10), plane16(d, w, h, 10), neg);
    double s1[4], s2[4], s3[4];
    scores_of(x1, s1);
    scores_of(x2, s2);
    scores_of(x3, s3);
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(s1[i], s2[i]);
        // Gains above 1 (enhancement) can lift a score over 1; the neg limit caps them.
        EXPECT(s1[i] > 0.0 && s1[i] < 1.01);
        EXPECT(s3[i] > 0.0 && s3[i] <= 1.0 + 1e-6);
        EXPECT(s3[i] <= s1[i]);
    }
}

}  // namespace

int main() {
    test_maths();
    test_flat_planes();
    test_identical_planes();
    test_tiny_and_determinism();
    if (g_failures) {
        std::printf("%d check(s) failed\n", g_failures);
        return 1;
    }
    std::printf("vif reference: all checks passed\n");
    return 0;
}
