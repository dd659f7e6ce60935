// SPDX-License-Identifier: Apache-2.0
// float_ssim / float_ms_ssim references (ssim.h) against values computed by hand or by a
// straightforward double formula: identical planes score 1, the whole-picture window of tiny
// pictures, one window position at 11x11, bit-depth scaling, the automatic scale, the
// decimations' sizes and weights. libmedia parity is tests/unit/gpu/ssim_metric_parity_test.cpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include "check.h"
#include "slate_gpu/detail/ssim_math.h"
#include "slate_gpu/ssim.h"

namespace {

using namespace slate_gpu;

struct Planes {
    std::vector<uint16_t> a, b;
    int w = 0, h = 0, depth = 8;
    std::vector<uint8_t> a8, b8;

    MetricPlane plane(bool first) const {
        if (depth == 8) return MetricPlane{first ? a8.data() : b8.data(), w, w, h, 8};
        return MetricPlane{first ? a.data() : b.data(), static_cast<std::ptrdiff_t>(w) * 2, w, h,
                           depth};
    }
};

template <typename F>
Planes make(int w, int h, int depth, F value) {
    Planes p;
    p.w = w, p.h = h, p.depth = depth;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const auto [ra, rb] = value(x, y);
            p.a.push_back(static_cast<uint16_t>(ra));
            p.b.push_back(static_cast<uint16_t>(rb));
            p.a8.push_back(static_cast<uint8_t>(ra));
            p.b8.push_back(static_cast<uint8_t>(rb));
        }
    return p;
}

struct Pair {
    int a, b;
};

double c1() {
    return detail::ssim_constants().c1;
}
double c2() {
    return detail::ssim_constants().c2;
}
double c3() {
    return detail::ssim_constants().c3;
}

/// Straightforward SSIM of one window with weights `g` (w x h) over values in 8-bit units.
double window_ssim(const std::vector<double>& r, const std::vector<double>& d,
                   const std::vector<double>& g, double* l_out = nullptr, double* c_out = nullptr,
                   double* s_out = nullptr) {
    double mr = 0, md = 0;
    for (size_t i = 0; i < r.size(); ++i) mr += g[i] * r[i], md += g[i] * d[i];
    double vr = 0, vd = 0, cov = 0;
    for (size_t i = 0; i < r.size(); ++i) {
        vr += g[i] * (r[i] - mr) * (r[i] - mr);
        vd += g[i] * (d[i] - md) * (d[i] - md);
        cov += g[i] * (r[i] - mr) * (d[i] - md);
    }
    const double root = std::sqrt(vr * vd);
    const double l = (2 * mr * md + c1()) / (mr * mr + md * md + c1());
    const double c = (2 * root + c2()) / (vr + vd + c2());
    const double s = (cov + c3()) / (root + c3());
    if (l_out) *l_out = l;
    if (c_out) *c_out = c;
    if (s_out) *s_out = s;
    return l * c * s;
}

void test_constants() {
    EXPECT_NEAR(c1(), 6.5025, 1e-5);
    EXPECT_NEAR(c2(), 58.5225, 1e-4);
    EXPECT_EQ(c3(), detail::ssim_constants().c2 / 2.0f);
    double taps = 0;
    for (int u = 0; u < detail::kSsimWindow; ++u) taps += detail::ssim_tap(u);
    EXPECT_NEAR(taps, 1.000002, 1e-6);
    EXPECT_EQ(detail::ssim_tap(5), 0.266012f);
    EXPECT_EQ(detail::ssim_tap(10), 0.001028f);
    double lpf = 0;
    for (int v = 0; v < 9; ++v)
        for (int u = 0; u < 9; ++u) lpf += detail::ssim_lpf_weight(v, u);
    EXPECT_NEAR(lpf, 1.0, 1e-4);
    EXPECT_EQ(detail::ssim_lpf_weight(4, 4), 0.363505f);
    EXPECT_EQ(detail::ssim_lpf_weight(0, 8), 0.000714f);
    EXPECT_EQ(detail::ssim_lpf_weight(3, 8), detail::ssim_lpf_weight(5, 0));
    EXPECT_EQ(detail::ssim_mirror(-1, 5), 0);
    EXPECT_EQ(detail::ssim_mirror(5, 5), 4);
    EXPECT_EQ(detail::ssim_mirror(-4, 3), 2);
    EXPECT_EQ(detail::ssim_mirror(7, 1), 0);
    EXPECT_EQ(detail::ssim_decimated_size(1920, 4), 480);
    EXPECT_EQ(detail::ssim_decimated_size(33, 2), 17);
    EXPECT_EQ(detail::ssim_decimated_size(5, 8), 1);
    EXPECT_EQ(detail::ssim_auto_scale(1920, 1080), 4);
    EXPECT_EQ(detail::ssim_auto_scale(3840, 2160), 8);
    EXPECT_EQ(detail::ssim_auto_scale(576, 324), 1);
    EXPECT_EQ(detail::ssim_auto_scale(100, 50), 1);
    EXPECT_EQ(detail::ssim_auto_scale(640, 384), 2);  // 1.5 rounds away from zero
    EXPECT_EQ(detail::ssim_sample_scale(10), 0.25f);
}

void test_identical() {
    std::mt19937 rng(7);
    for (const int depth : {8, 10, 16}) {
        const int max = (1 << depth) - 1;
        std::uniform_int_distribution<int> dist(0, max);
        for (const auto& [w, h] : {std::pair{1, 1}, {5, 9}, {11, 11}, {40, 23}, {176, 144}}) {
            const Planes p = make(w, h, depth, [&](int, int) {
                const int v = dist(rng);
                return Pair{v, v};
            });
            const MetricPlane a = p.plane(true), b = p.plane(false);
            for (const int scale : {1, 2, 3}) {
                const SsimRaw raw = ref::float_ssim(a, b, scale);
                EXPECT(raw.positions >= 1);
                EXPECT_NEAR(finish_ssim(raw), 1.0, 1e-6);
            }
            EXPECT_NEAR(finish_ms_ssim(ref::float_ms_ssim(a, b)), 1.0, 1e-6);
        }
    }
}

void test_one_sample() {
    // 1x1: the window is the sample: l = (2ab + C1) / (a^2 + b^2 + C1), c = s = 1.
    const Planes p = make(1, 1, 8, [](int, int) { return Pair{100, 110}; });
    const SsimRaw raw = ref::float_ssim(p.plane(true), p.plane(false), 1);
    const double l = (2.0 * 100 * 110 + c1()) / (100.0 * 100 + 110.0 * 110 + c1());
    EXPECT_EQ(raw.positions, 1);
    EXPECT_NEAR(raw.product, l, 1e-15);
    EXPECT_EQ(finish_ssim(raw), static_cast<float>(l));
    // MS-SSIM: every scale is the same 1x1 window; only the last one's l counts.
    const MsSsimRaw ms = ref::float_ms_ssim(p.plane(true), p.plane(false));
    for (int s = 0; s < kMsSsimScaleCount; ++s) {
        EXPECT_EQ(ms.scale[s].positions, 1);
        EXPECT_EQ(ms.scale[s].contrast, 1.0);
        EXPECT_EQ(ms.scale[s].structure, 1.0);
    }
    // The low-pass of one sample is the sample times the weights' sum (1 within 1e-4).
    EXPECT_NEAR(ms.scale[4].luminance, l, 1e-6);
    EXPECT_EQ(
        finish_ms_ssim(ms),
        std::pow(static_cast<double>(static_cast<float>(ms.scale[4].luminance)), double{0.1333f}));
}

void test_tiny_window() {
    // 5x9 (smaller than the window): one window with equal weights over all 45 samples.
    const Planes p = make(5, 9, 12, [](int x, int y) {
        return Pair{(x * 311 + y * 97) % 4096, (x * 53 + y * 701 + 9) % 4096};
    });
    std::vector<double> r, d, g;
    for (size_t i = 0; i < p.a.size(); ++i) {
        r.push_back(p.a[i] / 16.0);
        d.push_back(p.b[i] / 16.0);
        g.push_back(1.0 / 45.0);
    }
    double l, c, s;
    const double want = window_ssim(r, d, g, &l, &c, &s);
    const SsimRaw raw = ref::float_ssim(p.plane(true), p.plane(false), 1);
    EXPECT_EQ(raw.positions, 1);
    EXPECT_NEAR(raw.product, want, 1e-12);
    const MsSsimRaw ms = ref::float_ms_ssim(p.plane(true), p.plane(false));
    EXPECT_NEAR(ms.scale[0].contrast, c, 1e-12);
    EXPECT_NEAR(ms.scale[0].structure, s, 1e-12);
    EXPECT_EQ(ms.scale[0].luminance, 0.0);  // alpha 0: not computed
}

void test_one_window() {
    // 11x11: exactly one window position, the separable Gaussian over the whole picture. The
    // reference rounds in float, so within float precision of the double formula.
    std::mt19937 rng(3);
    std::uniform_int_distribution<int> dist(0, 255), noise(-20, 20);
    const Planes p = make(11, 11, 8, [&](int, int) {
        const int v = dist(rng);
        return Pair{v, std::clamp(v + noise(rng), 0, 255)};
    });
    std::vector<double> r, d, g;
    for (int y = 0; y < 11; ++y)
        for (int x = 0; x < 11; ++x) {
            r.push_back(p.a[size_t(y) * 11 + x]);
            d.push_back(p.b[size_t(y) * 11 + x]);
            g.push_back(double{detail::ssim_tap(x)} * detail::ssim_tap(y));
        }
    const double want = window_ssim(r, d, g);
    const SsimRaw raw = ref::float_ssim(p.plane(true), p.plane(false), 1);
    EXPECT_EQ(raw.positions, 1);
    EXPECT_NEAR(raw.product, want, 2e-4);
    EXPECT(want < 0.99 && want > 0.5);
    // 40x23 has 30 x 13 positions.
    const Planes q = make(40, 23, 8, [](int x, int y) { return Pair{x + y, 2 * x}; });
    EXPECT_EQ(ref::float_ssim(q.plane(true), q.plane(false), 1).positions, 30 * 13);
}

void test_depths() {
    // A 10-bit plane of 4v equals the 8-bit plane of v (the sample scale is exact).
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> dist(0, 255);
    std::vector<Pair> values;
    for (int i = 0; i < 33 * 17; ++i) values.push_back(Pair{dist(rng), dist(rng)});
    const Planes p8 = make(33, 17, 8, [&](int x, int y) { return values[size_t(y) * 33 + x]; });
    const Planes p10 = make(33, 17, 10, [&](int x, int y) {
        const Pair v = values[size_t(y) * 33 + x];
        return Pair{4 * v.a, 4 * v.b};
    });
    for (const int scale : {1, 2, 3}) {
        const SsimRaw a = ref::float_ssim(p8.plane(true), p8.plane(false), scale);
        const SsimRaw b = ref::float_ssim(p10.plane(true), p10.plane(false), scale);
        EXPECT_EQ(a.product, b.product);
        EXPECT_EQ(a.positions, b.positions);
    }
    const MsSsimRaw a = ref::float_ms_ssim(p8.plane(true), p8.plane(false));
    const MsSsimRaw b = ref::float_ms_ssim(p10.plane(true), p10.plane(false));
    for (int s = 0; s < kMsSsimScaleCount; ++s) {
        EXPECT_EQ(a.scale[s].contrast, b.scale[s].contrast);
        EXPECT_EQ(a.scale[s].structure, b.scale[s].structure);
        EXPECT_EQ(a.scale[s].luminance, b.scale[s].luminance);
    }
}

void test_decimations() {
    // A constant picture decimated by the box stays constant; 33x17 by 2 is 17x9, one window
    // of equal weights. Constant pictures: c = s = 1, l from the two means.
    const Planes p = make(33, 17, 8, [](int, int) { return Pair{60, 90}; });
    const SsimRaw raw = ref::float_ssim(p.plane(true), p.plane(false), 2);
    EXPECT_EQ(raw.positions, 1);
    const double l = (2.0 * 60 * 90 + c1()) / (60.0 * 60 + 90.0 * 90 + c1());
    EXPECT_NEAR(raw.product, l, 1e-12);
    // By 3: 12 x 6 (odd sizes add one).
    const SsimRaw raw3 = ref::float_ssim(p.plane(true), p.plane(false), 3);
    EXPECT_EQ(raw3.positions, 1);
    // The low-pass of a constant picture is the constant times the weights' sum; the scales
    // of 176x144 are 176x144, 88x72, 44x36, 22x18, 11x9.
    const Planes q = make(176, 144, 8, [](int x, int y) { return Pair{100, (x + y) % 7 + 100}; });
    const MsSsimRaw ms = ref::float_ms_ssim(q.plane(true), q.plane(false));
    EXPECT_EQ(ms.scale[0].positions, 166 * 134);
    EXPECT_EQ(ms.scale[1].positions, 78 * 62);
    EXPECT_EQ(ms.scale[2].positions, 34 * 26);
    EXPECT_EQ(ms.scale[3].positions, 12 * 8);
    EXPECT_EQ(ms.scale[4].positions, 1);
    const double score = finish_ms_ssim(ms);
    EXPECT(score > 0.5 && score < 1.0);
    // Empty planes score 1.
    const MetricPlane empty{nullptr, 0, 0, 0, 8};
    EXPECT_EQ(finish_ssim(ref::float_ssim(empty, empty, 1)), 1.0);
    EXPECT_EQ(finish_ms_ssim(ref::float_ms_ssim(empty, empty)), 1.0);
}

}  // namespace

int main() {
    test_constants();
    test_identical();
    test_one_sample();
    test_tiny_window();
    test_one_window();
    test_depths();
    test_decimations();
    if (g_failures == 0) std::printf("ssim references: all checks passed\n");
    return g_failures == 0 ? 0 : 1;
}
