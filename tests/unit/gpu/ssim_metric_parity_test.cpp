// SPDX-License-Identifier: Apache-2.0
// The float_ssim / float_ms_ssim references of the GPU kernels (gpu/ref/ssim.cpp + finish_*)
// against libmedia's CPU metrics: media::metrics::float_ssim (scales 1, 2, 3 and the automatic
// one) and float_ms_ssim (the SIMD kernels), and float_ssim_with / float_ms_ssim_with with the
// scalar kernel set, on synthetic 8/10/12/16-bit planes (gradient + texture with a blurred, noisy
// or quantised copy, and random noise) at sizes from 1x1 (smaller than the window) to 1920x1080,
// with padded pitches.
//
// Tolerances: against the scalar kernel set exact (the reference runs the same operations in the
// same order: float products, double window sums in tap order, the per-position sums row by
// row). Against the SIMD kernels 1e-9: they add the per-position terms of a row in another
// order (libmedia's own SIMD-vs-scalar tolerance, tests/unit/metrics/ssim_test.cpp); in
// practice the float-rounded scores come out equal.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "media/metrics/ssim.h"
#include "metrics/ssim_kernels.h"
#include "slate_gpu/detail/ssim_math.h"
#include "slate_gpu/ssim.h"

namespace {

using media::metrics::SamplePlane;
using slate_gpu::MetricPlane;
namespace md = media::metrics::detail;

constexpr double kScalarTolerance = 0.0;
constexpr double kSimdTolerance = 1e-9;

enum class Content { Blur, Noise, Quantise, Random };

const char* name(Content c) {
    switch (c) {
        case Content::Blur:
            return "blur";
        case Content::Noise:
            return "noise";
        case Content::Quantise:
            return "quantise";
        default:
            return "random";
    }
}

/// Two planes of the same size and depth, rows padded by a few samples.
struct Pair {
    std::vector<uint8_t> ref, dist;  // bytes, pitch apart
    int w = 0, h = 0, bits = 8;
    int64_t pitch = 0;

    SamplePlane sample(bool first) const {
        return SamplePlane{first ? ref.data() : dist.data(), pitch, w, h, bits};
    }
    MetricPlane metric(bool first) const {
        return MetricPlane{first ? ref.data() : dist.data(), static_cast<std::ptrdiff_t>(pitch), w,
                           h, bits};
    }
};

void store(std::vector<uint8_t>& buf, int64_t pitch, int bits, int x, int y, int v) {
    uint8_t* row = buf.data() + y * pitch;
    if (bits > 8) {
        const auto s = static_cast<uint16_t>(v);
        std::memcpy(row + 2 * x, &s, 2);
    } else {
        row[x] = static_cast<uint8_t>(v);
    }
}

Pair make_pair(int w, int h, int bits, Content content, uint32_t seed) {
    std::mt19937 rng(seed);
    const int max = (1 << bits) - 1;
    const double unit = std::ldexp(1.0, bits - 8);
    Pair p;
    p.w = w, p.h = h, p.bits = bits;
    p.pitch = int64_t{w + 3} * (bits > 8 ? 2 : 1);
    p.ref.assign(static_cast<size_t>(p.pitch) * h, 0xAB);
    p.dist = p.ref;
    std::vector<double> r(size_t(w) * h);
    std::uniform_int_distribution<int> any(0, max);
    std::normal_distribution<double> texture(0.0, 6.0 * unit), noise(0.0, 5.0 * unit);
    auto clamp = [&](double v) { return std::clamp(static_cast<int>(std::lround(v)), 0, max); };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            r[size_t(y) * w + x] = content == Content::Random
                                       ? any(rng)
                                       : (40 + 150.0 * (x + 0.5 * y) / (w + 0.5 * h) +
                                          20 * std::sin(x * 0.37) * std::cos(y * 0.23)) *
                                                 unit +
                                             texture(rng);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double v = r[size_t(y) * w + x];
            double d = v;
            switch (content) {
                case Content::Blur: {
                    double sum = 0;
                    for (int dy = -1; dy <= 1; ++dy)
                        for (int dx = -1; dx <= 1; ++dx)
                            sum += r[size_t(std::clamp(y + dy, 0, h - 1)) * w +
                                     std::clamp(x + dx, 0, w - 1)];
                    d = sum / 9;
                    break;
                }
                case Content::Noise:
                    d = v + noise(rng);
                    break;
                case Content::Quantise: {
                    const double step = 12 * unit;
                    d = std::round(v / step) * step;
                    break;
                }
                case Content::Random:
                    d = any(rng);
                    break;
            }
            store(p.ref, p.pitch, bits, x, y, clamp(v));
            store(p.dist, p.pitch, bits, x, y, clamp(d));
        }
    }
    return p;
}

/// Equal, both NaN, or within `tolerance`.
bool close(double a, double b, double tolerance) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return std::fabs(a - b) <= tolerance;
}

struct MaxDiff {
    double scalar = 0.0, simd = 0.0;
    void add(double ours, double scalar_score, double simd_score) {
        if (!std::isnan(ours) && !std::isnan(scalar_score))
            scalar = std::max(scalar, std::fabs(ours - scalar_score));
        if (!std::isnan(ours) && !std::isnan(simd_score))
            simd = std::max(simd, std::fabs(ours - simd_score));
    }
};
MaxDiff g_ssim, g_ms_ssim;

/// The raw sums of every scale against libmedia's ssim_pictures (scalar kernels) on its own
/// float pyramid: equal bit for bit, before any float rounding of the means.
void check_raw(const Pair& p, const std::string& what) {
    int w = p.w, h = p.h;
    std::vector<float> r(size_t(w) * h), d(size_t(w) * h);
    md::plane_to_float(p.sample(true), r.data());
    md::plane_to_float(p.sample(false), d.data());
    const slate_gpu::SsimRaw ssim = slate_gpu::ref::float_ssim(p.metric(true), p.metric(false), 1);
    const slate_gpu::MsSsimRaw ms = slate_gpu::ref::float_ms_ssim(p.metric(true), p.metric(false));
    for (int scale = 0; scale < slate_gpu::kMsSsimScaleCount; ++scale) {
        const md::FloatPicture fr{r.data(), w, h}, fd{d.data(), w, h};
        const unsigned terms =
            md::kSsimProduct | md::kSsimLuminance | md::kSsimContrast | md::kSsimStructure;
        const md::SsimResult lib = md::ssim_pictures(fr, fd, terms, md::scalar_ssim_kernels());
        const slate_gpu::SsimRaw& ours = ms.scale[scale];
        EXPECT_EQ(ours.positions, lib.positions) << what << " scale " << scale;
        EXPECT_TRUE(close(ours.contrast, lib.sums.contrast, 0.0)) << what << " scale " << scale;
        EXPECT_TRUE(close(ours.structure, lib.sums.structure, 0.0)) << what << " scale " << scale;
        if (scale + 1 == slate_gpu::kMsSsimScaleCount) {
            EXPECT_TRUE(close(ours.luminance, lib.sums.luminance, 0.0)) << what;
        }
        if (scale == 0) {
            EXPECT_TRUE(close(ssim.product, lib.sums.product, 0.0)) << what;
            EXPECT_EQ(ssim.positions, lib.positions) << what;
        }
        if (scale + 1 == slate_gpu::kMsSsimScaleCount) break;
        const int nw = md::decimated_size(w, 2), nh = md::decimated_size(h, 2);
        std::vector<float> nr(size_t(nw) * nh), nd(size_t(nw) * nh);
        md::lpf_decimate(fr, nr.data(), md::scalar_ssim_kernels());
        md::lpf_decimate(fd, nd.data(), md::scalar_ssim_kernels());
        r.swap(nr), d.swap(nd), w = nw, h = nh;
    }
}

void check_pair(const Pair& p, const std::string& what) {
    check_raw(p, what);
    const SamplePlane a = p.sample(true), b = p.sample(false);
    const MetricPlane ma = p.metric(true), mb = p.metric(false);
    const int automatic = media::metrics::ssim_auto_scale(p.w, p.h);
    EXPECT_EQ(automatic, slate_gpu::detail::ssim_auto_scale(p.w, p.h)) << what;
    for (const int scale : {1, 2, 3, 0}) {
        const int s = scale == 0 ? automatic : scale;
        const double ours = slate_gpu::finish_ssim(slate_gpu::ref::float_ssim(ma, mb, s));
        const double scalar = md::float_ssim_with(a, b, scale, md::scalar_ssim_kernels());
        const double simd = media::metrics::float_ssim(a, b, scale);
        g_ssim.add(ours, scalar, simd);
        EXPECT_TRUE(close(ours, scalar, kScalarTolerance))
            << what << " scale " << scale << ": ours " << ours << " scalar " << scalar;
        EXPECT_TRUE(close(ours, simd, kSimdTolerance))
            << what << " scale " << scale << ": ours " << ours << " simd " << simd;
    }
    const double ours = slate_gpu::finish_ms_ssim(slate_gpu::ref::float_ms_ssim(ma, mb));
    const double scalar = md::float_ms_ssim_with(a, b, md::scalar_ssim_kernels());
    const double simd = media::metrics::float_ms_ssim(a, b);
    g_ms_ssim.add(ours, scalar, simd);
    EXPECT_TRUE(close(ours, scalar, kScalarTolerance))
        << what << " ms-ssim: ours " << ours << " scalar " << scalar;
    EXPECT_TRUE(close(ours, simd, kSimdTolerance))
        << what << " ms-ssim: ours " << ours << " simd " << simd;
}

TEST(SsimMetricParity, SyntheticPlanes) {
    const int sizes[][2] = {{1, 1}, {5, 9}, {11, 11}, {33, 17}, {176, 144}, {640, 360}};
    uint32_t seed = 1;
    for (const int bits : {8, 10, 12, 16}) {
        for (const auto& size : sizes) {
            for (const Content c :
                 {Content::Blur, Content::Noise, Content::Quantise, Content::Random}) {
                const Pair p = make_pair(size[0], size[1], bits, c, seed++);
                check_pair(p, fmt::format("{}x{} {}-bit {}", size[0], size[1], bits, name(c)));
            }
        }
    }
}

TEST(SsimMetricParity, TinyAndDegenerate) {
    // Constant planes (zero variance), 1xN and Nx1 strips, sizes around the window and the
    // MS-SSIM scales' edges.
    const int sizes[][2] = {{1, 40}, {40, 1}, {10, 10}, {12, 11}, {11, 12}, {21, 177}, {177, 21}};
    uint32_t seed = 100;
    for (const auto& size : sizes) {
        for (const Content c : {Content::Noise, Content::Random}) {
            const Pair p = make_pair(size[0], size[1], 10, c, seed++);
            check_pair(p, fmt::format("{}x{} {}", size[0], size[1], name(c)));
        }
    }
    Pair flat = make_pair(64, 48, 8, Content::Noise, 7);
    for (int y = 0; y < 48; ++y)
        for (int x = 0; x < 64; ++x) {
            store(flat.ref, flat.pitch, 8, x, y, 77);
            store(flat.dist, flat.pitch, 8, x, y, 77 + (x > 30));
        }
    check_pair(flat, "64x48 flat");
}

TEST(SsimMetricParity, FullHd) {
    const Pair p = make_pair(1920, 1080, 10, Content::Noise, 4242);
    check_pair(p, "1920x1080 10-bit noise");
    std::printf("max |ref - libmedia|: ssim scalar %.3g simd %.3g, ms-ssim scalar %.3g simd %.3g\n",
                g_ssim.scalar, g_ssim.simd, g_ms_ssim.scalar, g_ms_ssim.simd);
}

}  // namespace
