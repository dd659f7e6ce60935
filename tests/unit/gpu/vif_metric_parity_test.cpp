// SPDX-License-Identifier: Apache-2.0
// VIF's scalar reference (gpu/ref/vif.cpp) + finish_vif against libmedia's compute_vif: the
// scalar path (detail::compute_vif_with(..., simd = false)), which the reference mirrors
// operation for operation, and the SIMD path that compute_vif runs. Synthetic 8/10/12/16-bit
// planes: a smooth gradient with texture and its distorted copies (blur, noise, quantisation),
// random noise, flat planes, sizes from 1x1 to 640x360; gain limits 100 and 1.
//
// Tolerances, per scale score:
// - against the scalar path: kScalarTolerance = 1e-12. The reference computes the same per-pixel
//   values with the same float/double operations and adds them in the same order (row by row),
//   with the same glibc log2, so it is expected to be bit-identical (the measured difference is
//   0 at every scale); the margin only covers a compiler rounding a constant differently.
// - against compute_vif (SIMD): kSimdTolerance = 1e-4. The SIMD kernels sum the filter taps in
//   another order (float rounding at scales 0 and 1) and take the logarithms at scales 2 and 3
//   their own way (vif_kernels.h); measured 3.4e-6, 2.3e-5, 0, 0 per scale.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "media/metrics/vif.h"
#include "metrics/vif_kernels.h"
#include "slate_gpu/vif.h"

namespace {

constexpr double kScalarTolerance = 1e-12;
constexpr double kSimdTolerance = 1e-4;

struct Planes {
    int width = 0;
    int height = 0;
    int bits = 8;
    std::vector<uint16_t> ref, dist;  // samples (8-bit planes are stored as bytes below)
    std::vector<uint8_t> ref8, dist8;
};

double max_diff_seen[4] = {0, 0, 0, 0};
double max_simd_diff_seen[4] = {0, 0, 0, 0};

enum class Kind { Gradient, Noise, Flat };
enum class Distortion { Blur, Noise, Quantise, Same };

Planes make_planes(int w, int h, int bits, Kind kind, Distortion d, uint32_t seed) {
    Planes p;
    p.width = w;
    p.height = h;
    p.bits = bits;
    const int max = (1 << bits) - 1;
    const double unit = static_cast<double>(1 << (bits - 8));
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::vector<double> base(static_cast<size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            double v = 0;
            switch (kind) {
                case Kind::Gradient:
                    v = 40.0 + 150.0 * (x + 0.5 * y) / (w + 0.5 * h) +
                        25.0 * std::sin(x * 0.7) * std::cos(y * 0.45) + 6.0 * gauss(rng);
                    break;
                case Kind::Noise:
                    v = 255.0 * uni(rng);
                    break;
                case Kind::Flat:
                    v = 117.0;
                    break;
            }
            base[static_cast<size_t>(y) * w + x] = v * unit;
        }
    auto clampi = [&](double v) {
        return static_cast<uint16_t>(std::clamp(static_cast<int>(std::lround(v)), 0, max));
    };
    p.ref.resize(base.size());
    p.dist.resize(base.size());
    for (size_t i = 0; i < base.size(); ++i) p.ref[i] = clampi(base[i]);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const size_t i = static_cast<size_t>(y) * w + x;
            double v = p.ref[i];
            switch (d) {
                case Distortion::Blur: {
                    double s = 0;
                    int n = 0;
                    for (int dy = -1; dy <= 1; ++dy)
                        for (int dx = -1; dx <= 1; ++dx) {
                            const int xx = std::clamp(x + dx, 0, w - 1),
                                      yy = std::clamp(y + dy, 0, h - 1);
                            s += p.ref[static_cast<size_t>(yy) * w + xx];
                            ++n;
                        }
                    v = s / n;
                    break;
                }
                case Distortion::Noise:
                    v += 4.0 * unit * gauss(rng);
                    break;
                case Distortion::Quantise:
                    v = std::floor(v / (12.0 * unit)) * 12.0 * unit;
                    break;
                case Distortion::Same:
                    break;
            }
            p.dist[i] = clampi(v);
        }
    if (bits == 8) {
        p.ref8.assign(p.ref.begin(), p.ref.end());
        p.dist8.assign(p.dist.begin(), p.dist.end());
    }
    return p;
}

void check(const Planes& p, double limit, const std::string& what) {
    SCOPED_TRACE(what);
    const bool wide = p.bits > 8;
    const void* rd = wide ? static_cast<const void*>(p.ref.data()) : p.ref8.data();
    const void* dd = wide ? static_cast<const void*>(p.dist.data()) : p.dist8.data();
    const int64_t stride = static_cast<int64_t>(p.width) * (wide ? 2 : 1);
    const media::metrics::SamplePlane mr{rd, stride, p.width, p.height, p.bits};
    const media::metrics::SamplePlane md{dd, stride, p.width, p.height, p.bits};
    media::metrics::VifOptions options;
    options.enhn_gain_limit = limit;
    const auto scalar = media::metrics::detail::compute_vif_with(mr, md, options, false);
    const auto simd = media::metrics::compute_vif(mr, md, options);

    const slate_gpu::MetricPlane gr{rd, stride, p.width, p.height, p.bits};
    const slate_gpu::MetricPlane gd{dd, stride, p.width, p.height, p.bits};
    slate_gpu::VifConfig config;
    config.enhn_gain_limit = limit;
    double scores[slate_gpu::kVifScaleCount];
    slate_gpu::finish_vif(slate_gpu::ref::vif(gr, gd, config), scores);
    for (int s = 0; s < 4; ++s) {
        const double d = std::fabs(scores[s] - scalar.scale[s]);
        const double ds = std::fabs(scores[s] - simd.scale[s]);
        max_diff_seen[s] = std::max(max_diff_seen[s], d);
        max_simd_diff_seen[s] = std::max(max_simd_diff_seen[s], ds);
        EXPECT_NEAR(scores[s], scalar.scale[s], kScalarTolerance) << "scale " << s;
        EXPECT_NEAR(scores[s], simd.scale[s], kSimdTolerance) << "scale " << s;
        EXPECT_TRUE(std::isfinite(scores[s])) << "scale " << s;
    }
}

struct Size {
    int w, h;
};

TEST(VifMetricParity, SyntheticPlanes) {
    const Size sizes[] = {{1, 1}, {7, 5}, {33, 17}, {177, 145}, {176, 144}, {640, 360}};
    const int depths[] = {8, 10, 12, 16};
    uint32_t seed = 1;
    for (const Size& sz : sizes)
        for (int bits : depths) {
            const bool big = sz.w >= 640;
            for (Distortion d :
                 {Distortion::Blur, Distortion::Noise, Distortion::Quantise, Distortion::Same}) {
                if (big && d == Distortion::Same) continue;
                const Planes p = make_planes(sz.w, sz.h, bits, Kind::Gradient, d, seed++);
                for (double limit : {100.0, 1.0})
                    check(p, limit,
                          fmt::format("gradient {}x{} {}-bit distortion {} limit {}", sz.w, sz.h,
                                      bits, static_cast<int>(d), limit));
            }
            const Planes noise =
                make_planes(sz.w, sz.h, bits, Kind::Noise, Distortion::Noise, seed++);
            check(noise, 100.0, fmt::format("noise {}x{} {}-bit", sz.w, sz.h, bits));
            const Planes flat =
                make_planes(sz.w, sz.h, bits, Kind::Flat, Distortion::Noise, seed++);
            check(flat, 100.0, fmt::format("flat {}x{} {}-bit", sz.w, sz.h, bits));
        }
    std::printf("max |ref - scalar| per scale: %.3g %.3g %.3g %.3g\n", max_diff_seen[0],
                max_diff_seen[1], max_diff_seen[2], max_diff_seen[3]);
    std::printf("max |ref - simd|   per scale: %.3g %.3g %.3g %.3g\n", max_simd_diff_seen[0],
                max_simd_diff_seen[1], max_simd_diff_seen[2], max_simd_diff_seen[3]);
}

TEST(VifMetricParity, PaddedPitch) {
    // A pitch wider than the row: the reference must honour it.
    const Planes p = make_planes(37, 23, 10, Kind::Gradient, Distortion::Noise, 99);
    const int pitch_samples = 48;
    std::vector<uint16_t> r(static_cast<size_t>(pitch_samples) * p.height, 0xFFFF),
        d(static_cast<size_t>(pitch_samples) * p.height, 0xFFFF);
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x) {
            r[static_cast<size_t>(y) * pitch_samples + x] =
                p.ref[static_cast<size_t>(y) * p.width + x];
            d[static_cast<size_t>(y) * pitch_samples + x] =
                p.dist[static_cast<size_t>(y) * p.width + x];
        }
    const media::metrics::SamplePlane mr{p.ref.data(), p.width * 2, p.width, p.height, 10};
    const media::metrics::SamplePlane md{p.dist.data(), p.width * 2, p.width, p.height, 10};
    const auto scalar = media::metrics::detail::compute_vif_with(mr, md, {}, false);
    const slate_gpu::MetricPlane gr{r.data(), pitch_samples * 2, p.width, p.height, 10};
    const slate_gpu::MetricPlane gd{d.data(), pitch_samples * 2, p.width, p.height, 10};
    double scores[4];
    slate_gpu::finish_vif(slate_gpu::ref::vif(gr, gd, {}), scores);
    for (int s = 0; s < 4; ++s) EXPECT_NEAR(scores[s], scalar.scale[s], kScalarTolerance);
}

TEST(VifMetricParity, EmptyPlaneScoresOne) {
    const slate_gpu::MetricPlane e{nullptr, 0, 0, 0, 8};
    double scores[4];
    slate_gpu::finish_vif(slate_gpu::ref::vif(e, e, {}), scores);
    for (double s : scores) EXPECT_EQ(s, 1.0);
}

}  // namespace
