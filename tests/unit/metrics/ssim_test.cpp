// SPDX-License-Identifier: Apache-2.0
// float_ssim and float_ms_ssim: each SIMD kernel against its scalar reference on random rows,
// the whole metrics with either kernel set, both against a literal (slow, double precision, 2-D)
// transcription of libvmaf's definition on random planes, tiny planes, and per-frame scores
// against libvmaf's on the 576x324 material (all 10 pairs, 48 frames). The 1080p check (auto
// scale 4) runs with SLATE_SLOW_TESTS=1.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "../../../libmedia/src/metrics/ssim_kernels.h"
#include "media/metrics/psnr.h"
#include "media/metrics/ssim.h"
#include "vmaf_material.h"

namespace media::metrics {
namespace {

using namespace detail;

// Against libvmaf's printed 6 decimals (+-5e-7): the kernels reproduce libvmaf's arithmetic, so
// only that rounding remains (the issue allows 1e-4).
constexpr double kLibvmafTolerance = 1e-6;
// SIMD kernels against their scalar references: the same values, lane for lane; only the double
// sums over a row add their lanes in another order.
constexpr double kSumRelTolerance = 1e-12;
// Whole scores, SIMD kernel set against the scalar one, and against the transcription of
// libvmaf's C code: the same float values, double sums in another order.
constexpr double kScoreTolerance = 1e-9;
// Against the literal double-precision 2-D definition (no intermediate float rounding, which
// moves libvmaf's own scores by up to ~1e-5 on small pictures).
constexpr double kLiteralTolerance = 2e-5;

std::vector<float> random_floats(size_t n, std::mt19937& rng, float lo = 0, float hi = 255) {
    std::uniform_real_distribution<float> dist(lo, hi);
    std::vector<float> v(n);
    for (float& x : v) x = dist(rng);
    return v;
}

// Integer samples: a smooth pattern plus noise, and a distorted copy.
struct PlanePair {
    std::vector<uint16_t> ref16, dist16;
    std::vector<uint8_t> ref8, dist8;
    SamplePlane ref, dist;
};

PlanePair make_planes(int w, int h, int bits, std::mt19937& rng, double noise = 12.0) {
    PlanePair p;
    const int max = (1 << bits) - 1;
    const double unit = std::ldexp(1.0, bits - 8);
    std::normal_distribution<double> n(0.0, noise * unit);
    std::vector<int> r(size_t(w) * h), d(size_t(w) * h);
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double base = (128 + 80 * std::sin(x * 0.11) * std::cos(y * 0.07)) * unit;
            const double rv = base + n(rng);
            r[size_t(y) * w + x] = std::clamp(static_cast<int>(std::lround(rv)), 0, max);
            d[size_t(y) * w + x] = std::clamp(static_cast<int>(std::lround(rv + n(rng))), 0, max);
        }
    }
    if (bits > 8) {
        p.ref16.assign(r.begin(), r.end());
        p.dist16.assign(d.begin(), d.end());
        p.ref = {p.ref16.data(), int64_t{w} * 2, w, h, bits};
        p.dist = {p.dist16.data(), int64_t{w} * 2, w, h, bits};
    } else {
        p.ref8.assign(r.begin(), r.end());
        p.dist8.assign(d.begin(), d.end());
        p.ref = {p.ref8.data(), w, w, h, bits};
        p.dist = {p.dist8.data(), w, w, h, bits};
    }
    return p;
}

// ---- libvmaf's definition, literally: 2-D windows, double sums ----

struct Image {
    int w = 0, h = 0;
    std::vector<float> px;
    float at(int x, int y) const { return px[size_t(y) * w + x]; }
};

Image literal_to_float(const SamplePlane& p) {
    Image img{p.width, p.height, std::vector<float>(size_t(p.width) * p.height)};
    const float scaler = static_cast<float>(1 << (p.bit_depth - 8));
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x)
            img.px[size_t(y) * p.width + x] =
                p.wide() ? static_cast<float>(p.row16(y)[x]) / scaler : p.row8(y)[x];
    return img;
}

int reflect(int x, int n) {  // IQA's KBND_SYMMETRIC, one reflection
    if (x < 0) return -1 - x;
    if (x >= n) return 2 * n - 1 - x;
    return x;
}

// IQA's _iqa_decimate with _iqa_filter_pixel: a factor x factor (or 9x9) kernel centred on
// (x*factor, y*factor), taps from -k/2 to k/2 - (k even), products rounded to float, double sum.
Image literal_decimate(const Image& in, int factor, const std::vector<float>& kernel, int k) {
    Image out;
    out.w = in.w / factor + (in.w & 1);
    out.h = in.h / factor + (in.h & 1);
    out.px.resize(size_t(out.w) * out.h);
    const int half = k / 2, even = (k & 1) ? 0 : 1;
    for (int y = 0; y < out.h; ++y)
        for (int x = 0; x < out.w; ++x) {
            double sum = 0;
            int ki = 0;
            for (int v = -half; v <= half - even; ++v)
                for (int u = -half; u <= half - even; ++u, ++ki)
                    sum += in.at(reflect(x * factor + u, in.w), reflect(y * factor + v, in.h)) *
                           kernel[ki];
            out.px[size_t(y) * out.w + x] = static_cast<float>(sum);
        }
    return out;
}

struct LiteralTerms {
    double l = 0, c = 0, s = 0, lcs = 0;
};

LiteralTerms literal_ssim(const Image& a, const Image& b) {
    const double c1 = std::pow(0.01 * 255, 2), c2 = std::pow(0.03 * 255, 2), c3 = c2 / 2;
    LiteralTerms t;
    const int ow = a.w - 10, oh = a.h - 10;
    for (int y = 0; y < oh; ++y)
        for (int x = 0; x < ow; ++x) {
            double ma = 0, mb = 0, aa = 0, bb = 0, ab = 0;
            for (int v = 0; v < 11; ++v)
                for (int u = 0; u < 11; ++u) {
                    const double g = double{kSsimTaps[u]} * kSsimTaps[v];
                    const double pa = a.at(x + u, y + v), pb = b.at(x + u, y + v);
                    ma += g * pa, mb += g * pb, aa += g * pa * pa, bb += g * pb * pb;
                    ab += g * pa * pb;
                }
            const double va = std::max(0.0, aa - ma * ma), vb = std::max(0.0, bb - mb * mb);
            const double root = std::sqrt(va * vb);
            double cov = ab - ma * mb;
            if (cov < 0 && root <= 0) cov = 0;
            const double l = (2 * ma * mb + c1) / (ma * ma + mb * mb + c1);
            const double c = (2 * root + c2) / (va + vb + c2);
            const double s = (cov + c3) / (root + c3);
            t.l += l, t.c += c, t.s += s, t.lcs += l * c * s;
        }
    const double n = double(ow) * oh;
    t.l /= n, t.c /= n, t.s /= n, t.lcs /= n;
    return t;
}

double literal_float_ssim(const SamplePlane& r, const SamplePlane& d, int scale) {
    Image a = literal_to_float(r), b = literal_to_float(d);
    if (scale > 1) {
        const std::vector<float> box(size_t(scale) * scale, 1.0f / float(scale * scale));
        a = literal_decimate(a, scale, box, scale);
        b = literal_decimate(b, scale, box, scale);
    }
    return literal_ssim(a, b).lcs;
}

double literal_ms_ssim(const SamplePlane& r, const SamplePlane& d) {
    std::vector<float> lpf(81);
    for (int v = 0; v < 9; ++v)
        for (int u = 0; u < 9; ++u) lpf[v * 9 + u] = kLpf[4 - std::abs(v - 4)][4 - std::abs(u - 4)];
    Image a = literal_to_float(r), b = literal_to_float(d);
    double ms = 1.0;
    for (int i = 0; i < 5; ++i) {
        const LiteralTerms t = literal_ssim(a, b);
        ms *= std::pow(t.l, double{kMsSsimAlpha[i]}) * std::pow(t.c, double{kMsSsimBeta[i]}) *
              std::pow(t.s, double{kMsSsimGamma[i]});
        if (i < 4) {
            a = literal_decimate(a, 2, lpf, 9);
            b = literal_decimate(b, 2, lpf, 9);
        }
    }
    return ms;
}

// libvmaf's C code transcribed as it is: the separable convolution of whole images (products
// rounded to float, double sums), then IQA's float and double terms.
std::vector<float> iqa_convolve(const std::vector<float>& img, int w, int h) {
    const int dw = w - 10, dh = h - 10;
    std::vector<float> cache(size_t(w) * h), out(size_t(dw) * dh);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < dw; ++x) {
            double sum = 0;
            for (int u = 0; u < 11; ++u) sum += img[size_t(y) * w + x + u] * kSsimTaps[u];
            cache[size_t(y) * w + x + 5] = static_cast<float>(sum);
        }
    for (int x = 0; x < dw; ++x)
        for (int y = 0; y < dh; ++y) {
            double sum = 0;
            for (int v = 0; v < 11; ++v) sum += cache[size_t(y + v) * w + x + 5] * kSsimTaps[v];
            out[size_t(y) * dw + x] = static_cast<float>(sum);
        }
    return out;
}

LiteralTerms libvmaf_c_ssim(const Image& a, const Image& b) {
    const int w = a.w, h = a.h;
    std::vector<float> aa(a.px.size()), bb(a.px.size()), ab(a.px.size());
    for (size_t i = 0; i < a.px.size(); ++i)
        aa[i] = a.px[i] * a.px[i], bb[i] = b.px[i] * b.px[i], ab[i] = a.px[i] * b.px[i];
    const auto mu1 = iqa_convolve(a.px, w, h), mu2 = iqa_convolve(b.px, w, h);
    auto s11 = iqa_convolve(aa, w, h), s22 = iqa_convolve(bb, w, h), s12 = iqa_convolve(ab, w, h);
    const float C1 = (0.01f * 255) * (0.01f * 255), C2 = (0.03f * 255) * (0.03f * 255),
                C3 = C2 / 2.0f;
    LiteralTerms t;
    for (size_t i = 0; i < mu1.size(); ++i) {
        s11[i] -= mu1[i] * mu1[i];
        s22[i] -= mu2[i] * mu2[i];
        s11[i] = std::max(0.0f, s11[i]);
        s22[i] = std::max(0.0f, s22[i]);
        s12[i] -= mu1[i] * mu2[i];
        const float sr = static_cast<float>(std::sqrt(static_cast<double>(s11[i] * s22[i])));
        const double l = (2.0 * mu1[i] * mu2[i] + C1) / (mu1[i] * mu1[i] + mu2[i] * mu2[i] + C1);
        const double c = (2.0 * sr + C2) / (s11[i] + s22[i] + C2);
        const float cl = (s12[i] < 0.0f && sr <= 0.0f) ? 0.0f : s12[i];
        const double s = (cl + C3) / (sr + C3);
        t.lcs += l * c * s, t.l += l, t.c += c, t.s += s;
    }
    const double n = double(mu1.size());
    t.lcs = static_cast<float>(t.lcs / n);
    t.l = static_cast<float>(t.l / n);
    t.c = static_cast<float>(t.c / n);
    t.s = static_cast<float>(t.s / n);
    return t;
}

double libvmaf_c_ms_ssim(const SamplePlane& r, const SamplePlane& d) {
    std::vector<float> lpf(81);
    for (int v = 0; v < 9; ++v)
        for (int u = 0; u < 9; ++u) lpf[v * 9 + u] = lpf_weight(v, u);
    Image a = literal_to_float(r), b = literal_to_float(d);
    double ms = 1.0;
    for (int i = 0; i < 5; ++i) {
        const LiteralTerms t = libvmaf_c_ssim(a, b);
        ms *= std::pow(t.l, double{kMsSsimAlpha[i]}) * std::pow(t.c, double{kMsSsimBeta[i]}) *
              std::pow(t.s, double{kMsSsimGamma[i]});
        if (i < 4) {
            a = literal_decimate(a, 2, lpf, 9);
            b = literal_decimate(b, 2, lpf, 9);
        }
    }
    return ms;
}

double libvmaf_c_float_ssim(const SamplePlane& r, const SamplePlane& d, int scale) {
    Image a = literal_to_float(r), b = literal_to_float(d);
    if (scale > 1) {
        const std::vector<float> box(size_t(scale) * scale, 1.0f / float(scale * scale));
        a = literal_decimate(a, scale, box, scale);
        b = literal_decimate(b, scale, box, scale);
    }
    return libvmaf_c_ssim(a, b).lcs;
}

// ---- kernels: SIMD against scalar, on every SIMD target this CPU runs ----

template <typename Fn>
void on_every_target(Fn fn) {
    static bool listed = false;
    for (int64_t target : simd_targets()) {
        use_simd_target(target);
        SCOPED_TRACE(ssim_kernels_target());
        if (!listed) std::printf("SIMD target %s\n", ssim_kernels_target());
        fn();
    }
    use_simd_target(0);
    listed = true;
}

void expect_rel_near(double a, double b, double rel, const std::string& what) {
    EXPECT_LE(std::abs(a - b), rel * std::max({1.0, std::abs(a), std::abs(b)})) << what;
}

TEST(SsimKernelTest, ToFloatIsExact) {
    on_every_target([&] {
        std::mt19937 rng(3);
        for (int n : {1, 7, 16, 17, 63, 333}) {
            std::vector<uint8_t> a8(n);
            std::vector<uint16_t> a16(n);
            for (int i = 0; i < n; ++i) a8[i] = uint8_t(rng()), a16[i] = uint16_t(rng());
            std::vector<float> s(n), v(n);
            scalar_to_float(a8.data(), n, s.data());
            to_float(a8.data(), n, v.data());
            EXPECT_EQ(s, v);
            scalar_to_float(a16.data(), n, 1.0f / 256, s.data());
            to_float(a16.data(), n, 1.0f / 256, v.data());
            EXPECT_EQ(s, v);
        }
    });
}

TEST(SsimKernelTest, WindowKernelsMatchScalar) {
    on_every_target([&] {
        std::mt19937 rng(5);
        for (int w : {11, 12, 17, 18, 26, 27, 41, 100, 577}) {
            const int n = w - 10;
            // Integer samples (as libvmaf's first scale) and arbitrary floats (later scales).
            for (bool integers : {true, false}) {
                std::vector<std::vector<float>> hs(kSsimWindow), hv(kSsimWindow);
                MomentRows rs[kSsimWindow], rv[kSsimWindow];
                for (int k = 0; k < kSsimWindow; ++k) {
                    std::vector<float> ref = random_floats(w, rng), dist = random_floats(w, rng);
                    for (int x = 0; x < w; ++x) {
                        dist[x] = 0.5f * dist[x] + 0.5f * ref[x];
                        if (integers) ref[x] = std::floor(ref[x]), dist[x] = std::floor(dist[x]);
                    }
                    hs[k].resize(5 * size_t(n));
                    hv[k].resize(5 * size_t(n));
                    float* a = hs[k].data();
                    float* b = hv[k].data();
                    rs[k] = {a, a + n, a + 2 * n, a + 3 * n, a + 4 * n};
                    rv[k] = {b, b + n, b + 2 * n, b + 3 * n, b + 4 * n};
                    scalar_ssim_horizontal(ref.data(), dist.data(), n, rs[k]);
                    ssim_horizontal(ref.data(), dist.data(), n, rv[k]);
                    EXPECT_EQ(hs[k], hv[k]) << w;
                }
                const unsigned all = kSsimProduct | kSsimLuminance | kSsimContrast | kSsimStructure;
                SsimSums s1, s2;
                scalar_ssim_vertical_terms(rs, n, all, s1);
                ssim_vertical_terms(rs, n, all, s2);
                expect_rel_near(s1.product, s2.product, kSumRelTolerance, "product");
                expect_rel_near(s1.luminance, s2.luminance, kSumRelTolerance, "luminance");
                expect_rel_near(s1.contrast, s2.contrast, kSumRelTolerance, "contrast");
                expect_rel_near(s1.structure, s2.structure, kSumRelTolerance, "structure");
                // Only the asked-for terms are added.
                SsimSums s3;
                ssim_vertical_terms(rs, n, kSsimContrast, s3);
                EXPECT_EQ(s3.product, 0.0);
                EXPECT_EQ(s3.structure, 0.0);
                expect_rel_near(s3.contrast, s1.contrast, kSumRelTolerance, "contrast alone");
            }
        }
    });
}

TEST(SsimKernelTest, BoxColumnSumsAreExact) {
    on_every_target([&] {
        std::mt19937 rng(9);
        for (int factor : {2, 3, 4, 7}) {
            for (int w : {1, 5, 16, 33, 101}) {
                std::vector<std::vector<float>> rows;
                std::vector<const float*> ptrs;
                for (int v = 0; v < factor; ++v) {
                    rows.push_back(random_floats(w, rng));
                    for (float& x : rows.back()) x = std::floor(x * 4) / 4;  // 10-bit values
                    ptrs.push_back(rows.back().data());
                }
                const float weight = 1.0f / float(factor * factor);
                std::vector<double> a(w), b(w);
                scalar_box_column_sums(ptrs.data(), factor, w, weight, a.data());
                box_column_sums(ptrs.data(), factor, w, weight, b.data());
                EXPECT_EQ(a, b) << factor << " " << w;
            }
        }
    });
}

TEST(SsimKernelTest, LowPassKernelsMatchScalar) {
    on_every_target([&] {
        std::mt19937 rng(11);
        for (int w : {1, 2, 5, 9, 16, 31, 33, 64, 97, 288}) {
            const int out_w = decimated_size(w, 2), count = out_w + 4;
            std::vector<std::vector<float>> es(kLpfTaps, std::vector<float>(count)), os = es;
            const float* even[kLpfTaps];
            const float* odd[kLpfTaps];
            for (int v = 0; v < kLpfTaps; ++v) {
                const std::vector<float> row = random_floats(w, rng);
                std::vector<float> e2(count), o2(count);
                scalar_lpf_split(row.data(), w, count, es[v].data(), os[v].data());
                lpf_split(row.data(), w, count, e2.data(), o2.data());
                EXPECT_EQ(es[v], e2) << w;
                EXPECT_EQ(os[v], o2) << w;
                even[v] = es[v].data(), odd[v] = os[v].data();
            }
            std::vector<float> o1(out_w), o2(out_w);
            scalar_lpf_row(even, odd, out_w, o1.data());
            lpf_row(even, odd, out_w, o2.data());
            EXPECT_EQ(o1, o2) << w;
        }
    });
}

TEST(SsimKernelTest, MirrorIndexIsIqaSymmetric) {
    EXPECT_EQ(mirror_index(-1, 10), 0);
    EXPECT_EQ(mirror_index(-4, 10), 3);
    EXPECT_EQ(mirror_index(10, 10), 9);
    EXPECT_EQ(mirror_index(13, 10), 6);
    EXPECT_EQ(mirror_index(5, 1), 0);
    EXPECT_EQ(mirror_index(-3, 2), 1);  // reflected again inside a plane narrower than the reach
    EXPECT_EQ(decimated_size(1080, 4), 270);
    EXPECT_EQ(decimated_size(1081, 4), 271);
    EXPECT_EQ(decimated_size(1082, 4), 270);
    EXPECT_EQ(decimated_size(9, 3), 4);
    EXPECT_EQ(decimated_size(2, 4), 1);
}

// ---- whole metrics ----

TEST(SsimTest, AutoScaleIsWangsRecommendation) {
    EXPECT_EQ(ssim_auto_scale(1920, 1080), 4);
    EXPECT_EQ(ssim_auto_scale(576, 324), 1);
    EXPECT_EQ(ssim_auto_scale(1280, 720), 3);
    EXPECT_EQ(ssim_auto_scale(3840, 2160), 8);
    EXPECT_EQ(ssim_auto_scale(1000, 383), 1);
    EXPECT_EQ(ssim_auto_scale(1000, 384), 2);  // 1.5 rounds up
    EXPECT_EQ(ssim_auto_scale(1, 1), 1);
}

TEST(SsimTest, SimdAndScalarKernelSetsAgree) {
    on_every_target([] {
        std::mt19937 rng(13);
        const int sizes[][2] = {{11, 11}, {23, 17}, {64, 48}, {181, 177}};
        for (int bits : {8, 10, 16}) {
            for (const auto& s : sizes) {
                const PlanePair p = make_planes(s[0], s[1], bits, rng);
                for (int scale : {1, 3}) {
                    const double a = float_ssim_with(p.ref, p.dist, scale, scalar_ssim_kernels());
                    const double b = float_ssim_with(p.ref, p.dist, scale, simd_ssim_kernels());
                    EXPECT_NEAR(a, b, kScoreTolerance) << s[0] << "x" << s[1] << " " << bits;
                }
                const double a = float_ms_ssim_with(p.ref, p.dist, scalar_ssim_kernels());
                const double b = float_ms_ssim_with(p.ref, p.dist, simd_ssim_kernels());
                EXPECT_NEAR(a, b, kScoreTolerance) << s[0] << "x" << s[1] << " " << bits;
            }
        }
    });
}

TEST(SsimTest, MatchesLibvmafsCodeTranscribed) {
    std::mt19937 rng(29);
    for (int bits : {8, 10, 12, 16}) {
        for (const auto& s : {std::pair{40, 31}, std::pair{57, 44}, std::pair{101, 97}}) {
            const PlanePair p = make_planes(s.first, s.second, bits, rng);
            for (int scale : {1, 2, 3, 4}) {
                if (decimated_size(s.first, scale) < 11 || decimated_size(s.second, scale) < 11)
                    continue;
                EXPECT_NEAR(float_ssim(p.ref, p.dist, scale),
                            libvmaf_c_float_ssim(p.ref, p.dist, scale), kScoreTolerance)
                    << bits << " bits " << s.first << "x" << s.second << " scale " << scale;
            }
        }
        const PlanePair p = make_planes(181, 177, bits, rng, 20.0);
        EXPECT_NEAR(float_ms_ssim(p.ref, p.dist), libvmaf_c_ms_ssim(p.ref, p.dist), kScoreTolerance)
            << bits;
    }
}

TEST(SsimTest, MatchesTheLiteralDefinition) {
    std::mt19937 rng(17);
    double worst = 0;
    for (int bits : {8, 10}) {
        for (const auto& s : {std::pair{40, 31}, std::pair{57, 44}}) {
            const PlanePair p = make_planes(s.first, s.second, bits, rng);
            for (int scale : {1, 2, 3}) {
                const double ours = float_ssim(p.ref, p.dist, scale);
                const double literal = literal_float_ssim(p.ref, p.dist, scale);
                worst = std::max(worst, std::abs(ours - literal));
                EXPECT_NEAR(ours, literal, kLiteralTolerance) << bits << " scale " << scale;
            }
        }
        const PlanePair p = make_planes(181, 177, bits, rng, 20.0);
        const double ours = float_ms_ssim(p.ref, p.dist), literal = literal_ms_ssim(p.ref, p.dist);
        worst = std::max(worst, std::abs(ours - literal));
        EXPECT_NEAR(ours, literal, kLiteralTolerance) << bits;
    }
    std::printf("max |slate - literal definition| = %.3g\n", worst);
}

// libvmaf's mix of float and double terms leaves identical pictures a few float roundings
// from 1 (its own scores for them print as 1.000000).
constexpr double kIdenticalTolerance = 1e-6;

TEST(SsimTest, IdenticalPlanesScoreOne) {
    std::mt19937 rng(19);
    for (int bits : {8, 10, 16}) {
        const PlanePair p = make_planes(199, 180, bits, rng);
        EXPECT_NEAR(float_ssim(p.ref, p.ref), 1.0, kIdenticalTolerance);
        EXPECT_NEAR(float_ssim(p.ref, p.ref, 3), 1.0, kIdenticalTolerance);
        EXPECT_NEAR(float_ms_ssim(p.ref, p.ref), 1.0, kIdenticalTolerance);
    }
}

TEST(SsimTest, TinyPlanesAreDefined) {
    std::mt19937 rng(23);
    const int sizes[][2] = {{1, 1},   {2, 3},   {8, 8},   {10, 20},
                            {3, 200}, {200, 5}, {11, 11}, {40, 40}};
    for (const auto& s : sizes) {
        for (int bits : {8, 10}) {
            const PlanePair p = make_planes(s[0], s[1], bits, rng);
            for (int scale : {0, 1, 4, 10}) {
                const double v = float_ssim(p.ref, p.dist, scale);
                EXPECT_TRUE(std::isfinite(v) && std::abs(v) <= 1.0 + kIdenticalTolerance)
                    << s[0] << "x" << s[1];
                EXPECT_NEAR(float_ssim(p.ref, p.ref, scale), 1.0, kIdenticalTolerance)
                    << s[0] << "x" << s[1];
            }
            const double ms = float_ms_ssim(p.ref, p.dist);
            EXPECT_TRUE(std::isfinite(ms) && ms <= 1.0 + kIdenticalTolerance && ms >= 0.0)
                << s[0] << "x" << s[1];
            EXPECT_NEAR(float_ms_ssim(p.ref, p.ref), 1.0, kIdenticalTolerance)
                << s[0] << "x" << s[1];
        }
    }
    const SamplePlane empty{};
    EXPECT_EQ(float_ssim(empty, empty), 1.0);
    EXPECT_EQ(float_ms_ssim(empty, empty), 1.0);
}

// ---- libvmaf's scores ----

bool have_material(const std::filesystem::path& file) {
    return std::filesystem::exists(test::vmaf_material_dir() / file);
}

TEST(SsimTest, MatchesLibvmafOnTheMaterial) {
    const std::filesystem::path dir = test::vmaf_material_dir();
    if (!have_material("mandel_324p_8b_ref.yuv")) GTEST_SKIP() << "no material in " << dir;
    ASSERT_EQ(ssim_auto_scale(576, 324), 1);
    for (int bits : {8, 10}) {
        const std::string prefix = "mandel_324p_" + std::to_string(bits) + "b_";
        const test::RawYuv420 ref(dir / (prefix + "ref.yuv"), 576, 324, bits);
        double worst_ssim = 0, worst_scale1 = 0, worst_ms = 0;
        for (const std::string& distortion : test::vmaf_distortions()) {
            const test::RawYuv420 dist(dir / (prefix + distortion + ".yuv"), 576, 324, bits);
            const test::LibvmafScores scores = test::load_libvmaf_scores(prefix + distortion);
            const test::LibvmafScores scale1 =
                test::load_libvmaf_scores(prefix + distortion + ".ssim_scale1");
            ASSERT_EQ(dist.frames(), static_cast<int>(scores.frames.size()));
            for (int f = 0; f < dist.frames(); ++f) {
                const SamplePlane r = ref.plane(f, 0), d = dist.plane(f, 0);
                const std::string where = prefix + distortion + " frame " + std::to_string(f);
                // The automatic scale is 1 at 576x324: one score serves both files.
                const double ssim = float_ssim(r, d, 1);
                const double ssim1 = ssim;
                const double ms = float_ms_ssim(r, d);
                const double e_ssim = scores.frames[f].at("float_ssim");
                const double e_scale1 = scale1.frames[f].at("float_ssim");
                const double e_ms = scores.frames[f].at("float_ms_ssim");
                worst_ssim = std::max(worst_ssim, std::abs(ssim - e_ssim));
                worst_scale1 = std::max(worst_scale1, std::abs(ssim1 - e_scale1));
                worst_ms = std::max(worst_ms, std::abs(ms - e_ms));
                ASSERT_NEAR(ssim, e_ssim, kLibvmafTolerance) << where;
                ASSERT_NEAR(ssim1, e_scale1, kLibvmafTolerance) << where;
                ASSERT_NEAR(ms, e_ms, kLibvmafTolerance) << where;
            }
        }
        std::printf(
            "%d-bit: max |slate - libvmaf|: float_ssim %.3g, scale=1 %.3g, "
            "float_ms_ssim %.3g\n",
            bits, worst_ssim, worst_scale1, worst_ms);
    }
}

// The 1080p 8-bit pair checks the automatic scale 4, and prints the single-thread time per
// frame of each metric (no assertion on it). Set SLATE_SLOW_TESTS=1.
TEST(SsimTest, MatchesLibvmafAt1080p) {
    const char* slow = std::getenv("SLATE_SLOW_TESTS");
    if (!slow || std::string(slow) != "1") GTEST_SKIP() << "set SLATE_SLOW_TESTS=1";
    const std::filesystem::path dir = test::vmaf_material_dir();
    if (!have_material("mandel_1080p_8b_x264crf35.yuv")) GTEST_SKIP() << "no 1080p material";
    const test::RawYuv420 ref(dir / "mandel_1080p_8b_ref.yuv", 1920, 1080, 8);
    const test::RawYuv420 dist(dir / "mandel_1080p_8b_x264crf35.yuv", 1920, 1080, 8);
    const test::LibvmafScores scores = test::load_libvmaf_scores("mandel_1080p_8b_x264crf35");
    const test::LibvmafScores scale1 =
        test::load_libvmaf_scores("mandel_1080p_8b_x264crf35.ssim_scale1");
    constexpr int kFrames = 4;
    using Clock = std::chrono::steady_clock;
    double t_psnr = 0, t_ssim = 0, t_ms = 0;
    auto ms_since = [](Clock::time_point t0) {
        return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    };
    for (int f = 0; f < kFrames; ++f) {
        const SamplePlane r = ref.plane(f, 0), d = dist.plane(f, 0);
        auto t0 = Clock::now();
        for (int p = 0; p < 3; ++p) (void)sum_squared_error(ref.plane(f, p), dist.plane(f, p));
        t_psnr += ms_since(t0);
        t0 = Clock::now();
        const double ssim = float_ssim(r, d);
        t_ssim += ms_since(t0);
        t0 = Clock::now();
        const double ms = float_ms_ssim(r, d);
        t_ms += ms_since(t0);
        EXPECT_NEAR(ssim, scores.frames[f].at("float_ssim"), kLibvmafTolerance) << f;
        EXPECT_NEAR(float_ssim(r, d, 1), scale1.frames[f].at("float_ssim"), kLibvmafTolerance);
        EXPECT_NEAR(ms, scores.frames[f].at("float_ms_ssim"), kLibvmafTolerance) << f;
        std::printf("frame %d: float_ssim %.7f (libvmaf %.6f), float_ms_ssim %.7f (%.6f)\n", f,
                    ssim, scores.frames[f].at("float_ssim"), ms,
                    scores.frames[f].at("float_ms_ssim"));
    }
    std::printf(
        "1080p ms per frame, one thread: psnr (3 planes) %.2f, float_ssim %.2f, "
        "float_ms_ssim %.2f\n",
        t_psnr / kFrames, t_ssim / kFrames, t_ms / kFrames);
}

}  // namespace
}  // namespace media::metrics
