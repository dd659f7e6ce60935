// SPDX-License-Identifier: Apache-2.0
// ADM reference (ref::adm + finish_adm, detail/adm_math.h) against hand-computed values: the
// DWT's index mirroring and taps, the reciprocals, the angle test, the cube terms, and whole
// planes whose scores are known (flat planes and planes of 32 samples or fewer score exactly 1,
// identical planes about 1, a distorted copy less).
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "check.h"
#include "slate_gpu/adm.h"
#include "slate_gpu/detail/adm_math.h"

using namespace slate_gpu;
namespace d = slate_gpu::detail;

namespace {

struct Buffer {
    int w, h, bits;
    std::vector<uint16_t> wide;
    std::vector<uint8_t> narrow;
    Buffer(int width, int height, int depth) : w(width), h(height), bits(depth) {
        if (bits > 8)
            wide.assign(static_cast<size_t>(w) * static_cast<size_t>(h), 0);
        else
            narrow.assign(static_cast<size_t>(w) * static_cast<size_t>(h), 0);
    }
    void set(int x, int y, uint32_t v) {
        const size_t i = static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x);
        if (bits > 8)
            wide[i] = static_cast<uint16_t>(v);
        else
            narrow[i] = static_cast<uint8_t>(v);
    }
    MetricPlane plane() const {
        MetricPlane p;
        p.data = bits > 8 ? static_cast<const void*>(wide.data()) : narrow.data();
        p.pitch = static_cast<std::ptrdiff_t>(w) * (bits > 8 ? 2 : 1);
        p.width = w;
        p.height = h;
        p.bit_depth = bits;
        return p;
    }
};

Buffer textured(int w, int h, int bits, unsigned seed) {
    Buffer b(w, h, bits);
    std::mt19937 rng(seed);
    const uint32_t max = (1u << bits) - 1;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const uint32_t base = static_cast<uint32_t>((x * 7 + y * 3) % 97) * (max / 160);
            b.set(x, y, (base + static_cast<uint32_t>(rng() % (max / 16 + 1))) % (max + 1));
        }
    return b;
}

AdmScores score(const Buffer& a, const Buffer& b, const AdmConfig& c = {}) {
    return finish_adm(ref::adm(a.plane(), b.plane(), c), c, a.w, a.h);
}

void test_math() {
    // Mirroring: -1 -> 1, n -> n - 1, n + 1 -> n - 2.
    EXPECT_EQ(d::adm_dwt_index(-1, 10), 1);
    EXPECT_EQ(d::adm_dwt_index(0, 10), 0);
    EXPECT_EQ(d::adm_dwt_index(9, 10), 9);
    EXPECT_EQ(d::adm_dwt_index(10, 10), 9);
    EXPECT_EQ(d::adm_dwt_index(11, 10), 8);
    // 2^30 / i truncated toward zero.
    EXPECT_EQ(d::adm_reciprocal(1), 1073741824);
    EXPECT_EQ(d::adm_reciprocal(3), 357913941);
    EXPECT_EQ(d::adm_reciprocal(-3), -357913941);
    EXPECT_EQ(d::adm_reciprocal(-32768), -32768);
    // Mid grey gives zero low and high pass; the low pass of code c (8 bit) is
    // floor((46342 (c - 128) + 128) / 256), the high pass of a flat column 0.
    int16_t lo = 1, hi = 1;
    d::adm_vertical0(128, 128, 128, 128, 8, lo, hi);
    EXPECT_EQ(lo, 0);
    EXPECT_EQ(hi, 0);
    d::adm_vertical0(200, 200, 200, 200, 8, lo, hi);
    EXPECT_EQ(lo, (46342 * 72 + 128) / 256);
    EXPECT_EQ(hi, 0);
    // A step: rows 0 0 255 255 (8 bit): high = (27411 - 15826) * 255 = 2954175.
    d::adm_vertical0(0, 0, 255, 255, 8, lo, hi);
    EXPECT_EQ(hi, (2954175 + 128) >> 8);
    EXPECT_EQ(lo, ((7345 - 4240) * 255 - 46342 * 128 + 128) >> 8);
    // Horizontal: flat lo/hi of 1000 -> a = (46342000 + 32768) >> 16, v = 0, h from hi, d = 0.
    const int16_t l4[4] = {1000, 1000, 1000, 1000}, h4[4] = {-64, -64, -64, -64};
    int32_t a = 0;
    int16_t band[3] = {};
    d::adm_horizontal0(l4, h4, a, band);
    EXPECT_EQ(a, (46342000 + 32768) >> 16);
    EXPECT_EQ(band[1], 0);
    EXPECT_EQ(band[0], (-46342 * 64 + 32768) >> 16);
    EXPECT_EQ(band[2], 0);
    // Angle: parallel vectors are within 1 degree, opposite and perpendicular ones are not.
    EXPECT(d::adm_angle_within_1deg(100 * 200, 100 * 100, 200 * 200));
    EXPECT(!d::adm_angle_within_1deg(-100 * 200, 100 * 100, 200 * 200));
    EXPECT(!d::adm_angle_within_1deg(0, 100, 100));
    EXPECT(d::adm_angle_within_1deg(0, 0, 100));
    // Ratio: dis = ref gives 1 (32768), dis = ref / 2 gives 1/2, opposite signs 0.
    EXPECT_EQ(d::adm_ratio0(1000, 1000), 32768);
    EXPECT_EQ(d::adm_ratio0(1000, 500), 16384);
    EXPECT_EQ(d::adm_ratio0(1000, -500), 0);
    EXPECT_EQ(d::adm_ratio0(0, 77), 32768);
    EXPECT_EQ(d::adm_ratioN(1 << 20, 1 << 19), 16384);
    EXPECT_EQ(d::adm_ratioN(-(1 << 20), -(1 << 20)), 32768);
    // Masked cube with no threshold: ((x^2 + 2^28) >> 29) * x, rounded by the cube shift.
    const int64_t x = 1 << 20;
    EXPECT_EQ(d::adm_masked_cube(static_cast<int32_t>(x), 0, int64_t{1} << 28, 29, 2, 2),
              (((x * x + (int64_t{1} << 28)) >> 29) * x + 2) >> 2);
    EXPECT_EQ(d::adm_masked_cube(-5000, 6000, 0, 0, 0, 0), 0);  // below the threshold
    // Reference cube of scale 0: |o|^3.
    uint64_t sums[3] = {};
    const int16_t o[3] = {-10, 20, 0};
    d::adm_reference(o, d::AdmScaleSetup{}, sums);
    EXPECT_EQ(sums[0], 1000u);
    EXPECT_EQ(sums[1], 8000u);
    EXPECT_EQ(sums[2], 0u);
    // Geometry: a 1920x1080 picture's scale 0 band is 960x540 with a 95 / 53 sample border.
    const d::AdmSetup s = d::adm_setup(1920, 1080, AdmConfig{});
    EXPECT_EQ(s.s[0].w, 960);
    EXPECT_EQ(s.s[0].h, 540);
    EXPECT_EQ(s.s[0].left, 95);
    EXPECT_EQ(s.s[0].top, 53);
    EXPECT_EQ(s.s[3].w, 120);
    EXPECT_EQ(s.s[3].h, 68);
    EXPECT_EQ(s.s[0].factor[0], 36453);
    EXPECT_EQ(s.s[0].factor[2], 49417);
}

void expect_all_one(const AdmScores& s, const char* what) {
    if (s.adm2 != 1.0) std::printf("  %s: adm2 %.17g\n", what, s.adm2);
    EXPECT_EQ(s.adm2, 1.0);
    for (double v : s.scale) EXPECT_EQ(v, 1.0);
}

void test_planes() {
    // 32 samples or fewer in either direction: 1, whatever the content.
    for (const auto& [w, h] : {std::pair{32, 200}, std::pair{200, 32}, std::pair{1, 1}}) {
        const Buffer a = textured(w, h, 8, 1), b = textured(w, h, 8, 2);
        expect_all_one(score(a, b), "small");
        const AdmRaw raw = ref::adm(a.plane(), b.plane(), AdmConfig{});
        for (int s = 0; s < kAdmScaleCount; ++s)
            for (int k = 0; k < 3; ++k) {
                EXPECT_EQ(raw.num[s][k], 0);
                EXPECT_EQ(raw.den[s][k], 0u);
            }
    }
    // Flat planes (different levels): every detail band is zero, num and den are the noise
    // terms alone: exactly 1.
    for (int bits : {8, 10, 16}) {
        Buffer a(67, 45, bits), b(67, 45, bits);
        for (int y = 0; y < 45; ++y)
            for (int x = 0; x < 67; ++x) {
                a.set(x, y, (1u << bits) / 3);
                b.set(x, y, (1u << bits) / 5);
            }
        expect_all_one(score(a, b), "flat");
        const AdmRaw raw = ref::adm(a.plane(), b.plane(), AdmConfig{});
        EXPECT_EQ(raw.den[0][0], 0u);
        EXPECT_EQ(raw.num[3][2], 0);
    }
    // Identical textured planes: num and den differ only by fixed-point rounding.
    for (const auto& [w, h] : {std::pair{33, 33}, std::pair{35, 47}, std::pair{101, 77}}) {
        for (int bits : {8, 12}) {
            const Buffer a = textured(w, h, bits, 3);
            const AdmScores same = score(a, a);
            EXPECT_NEAR(same.adm2, 1.0, 2e-3);
            for (double v : same.scale) EXPECT_NEAR(v, 1.0, 5e-3);
            // The negative of the picture: every detail has the wrong sign, nothing is restored.
            Buffer b = a;
            const uint32_t max = (1u << bits) - 1;
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) b.set(x, y, max - a.plane().sample(x, y));
            const AdmScores other = score(a, b);
            EXPECT(other.adm2 < 0.5);
            // Deterministic.
            const AdmScores again = score(a, b);
            EXPECT_EQ(again.adm2, other.adm2);
        }
    }
}

}  // namespace

int main() {
    test_math();
    test_planes();
    if (g_failures == 0) std::printf("adm reference: all checks passed\n");
    return g_failures == 0 ? 0 : 1;
}
