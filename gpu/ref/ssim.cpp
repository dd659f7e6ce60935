// SPDX-License-Identifier: Apache-2.0
// Scalar references of float_ssim and float_ms_ssim (ssim.h): host loops over the per-position
// maths of detail/ssim_math.h, in libmedia's order (libmedia/src/metrics/ssim.cpp, ms_ssim.cpp
// with the scalar kernels): the per-position terms are summed row by row, left to right, so the
// sums and the scores equal libmedia's bit for bit. The CUDA kernels run the same per-position
// code; only the order in which their per-block partial sums are added differs.
//
// Every float and double operation where a compiler could fuse a multiply-add goes through the
// rounded helpers (and this project's host code is ISO C++, built without FMA contraction).

#include <cmath>
#include <cstddef>
#include <vector>

#include "slate_gpu/detail/ssim_math.h"
#include "slate_gpu/ssim.h"

namespace slate_gpu {
namespace {

using detail::SsimConstants;
using detail::SsimMoments;
using detail::SsimTermSums;

/// A picture of floats in 8-bit units, rows packed.
struct Picture {
    std::vector<float> data;
    int width = 0;
    int height = 0;
    const float* row(int y) const { return data.data() + static_cast<std::ptrdiff_t>(y) * width; }
};

Picture to_float(const MetricPlane& plane) {
    Picture p{std::vector<float>(static_cast<size_t>(plane.width) * plane.height), plane.width,
              plane.height};
    const float scale = detail::ssim_sample_scale(plane.bit_depth);
    for (int y = 0; y < plane.height; ++y)
        for (int x = 0; x < plane.width; ++x)
            p.data[static_cast<size_t>(y) * plane.width + x] =
                detail::ssim_sample(plane, x, y, scale);
    return p;
}

Picture box_decimate(const MetricPlane& plane, int factor) {
    const int w = detail::ssim_decimated_size(plane.width, factor);
    const int h = detail::ssim_decimated_size(plane.height, factor);
    Picture p{std::vector<float>(static_cast<size_t>(w) * h), w, h};
    const float weight = detail::ssim_box_weight(factor);
    const float scale = detail::ssim_sample_scale(plane.bit_depth);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            p.data[static_cast<size_t>(y) * w + x] =
                detail::ssim_box_at(plane, factor, weight, scale, x, y);
    return p;
}

Picture lpf_decimate(const Picture& in) {
    const int w = detail::ssim_decimated_size(in.width, 2);
    const int h = detail::ssim_decimated_size(in.height, 2);
    Picture p{std::vector<float>(static_cast<size_t>(w) * h), w, h};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            p.data[static_cast<size_t>(y) * w + x] =
                detail::ssim_lpf_at(in.data.data(), in.width, in.width, in.height, x, y);
    return p;
}

/// The term sums and position count of two pictures of the same size (libmedia's
/// ssim_pictures).
SsimRaw ssim_pictures(const Picture& ref, const Picture& dist, unsigned terms) {
    const SsimConstants k = detail::ssim_constants();
    SsimRaw raw;
    SsimTermSums sums;
    if (ref.width < detail::kSsimWindow || ref.height < detail::kSsimWindow) {
        detail::SsimWholeSums whole;
        for (int y = 0; y < ref.height; ++y)
            for (int x = 0; x < ref.width; ++x)
                detail::ssim_whole_add(whole, ref.row(y)[x], dist.row(y)[x]);
        sums = detail::ssim_whole_terms(whole, ref.width, ref.height, k, terms);
        raw.positions = 1;
    } else {
        const int out_w = ref.width - (detail::kSsimWindow - 1);
        const int out_h = ref.height - (detail::kSsimWindow - 1);
        // The five horizontally filtered maps of every picture row, map-major.
        const size_t map = static_cast<size_t>(out_w) * ref.height;
        std::vector<float> h(5 * map);
        for (int y = 0; y < ref.height; ++y) {
            for (int x = 0; x < out_w; ++x) {
                const SsimMoments m = detail::ssim_horizontal_at(ref.row(y) + x, dist.row(y) + x);
                const size_t i = static_cast<size_t>(y) * out_w + x;
                h[i] = m.ref, h[map + i] = m.dist, h[2 * map + i] = m.ref_sq;
                h[3 * map + i] = m.dist_sq, h[4 * map + i] = m.cross;
            }
        }
        for (int y = 0; y < out_h; ++y) {
            for (int x = 0; x < out_w; ++x) {
                const float* p = h.data() + static_cast<size_t>(y) * out_w + x;
                const SsimMoments m{detail::ssim_vertical_at(p, out_w),
                                    detail::ssim_vertical_at(p + map, out_w),
                                    detail::ssim_vertical_at(p + 2 * map, out_w),
                                    detail::ssim_vertical_at(p + 3 * map, out_w),
                                    detail::ssim_vertical_at(p + 4 * map, out_w)};
                detail::ssim_add_terms(m, k, terms, sums);
            }
        }
        raw.positions = static_cast<int64_t>(out_w) * out_h;
    }
    raw.product = sums.product;
    raw.luminance = sums.luminance;
    raw.contrast = sums.contrast;
    raw.structure = sums.structure;
    return raw;
}

/// A term's mean as libvmaf keeps it: a float.
double mean_term(double sum, int64_t positions) {
    return static_cast<float>(sum / static_cast<double>(positions));
}

}  // namespace

double finish_ssim(const SsimRaw& raw) {
    if (raw.positions <= 0) return 1.0;  // an empty picture
    return mean_term(raw.product, raw.positions);
}

double finish_ms_ssim(const MsSsimRaw& raw) {
    if (raw.scale[0].positions <= 0) return 1.0;  // an empty picture
    double ms_ssim = 1.0;
    for (int scale = 0; scale < kMsSsimScaleCount; ++scale) {
        const SsimRaw& r = raw.scale[scale];
        const float alpha = detail::ms_ssim_alpha(scale);
        const bool luminance = alpha != 0.0f;
        const double l = luminance ? mean_term(r.luminance, r.positions) : 1.0;
        const double c = mean_term(r.contrast, r.positions);
        const double st = mean_term(r.structure, r.positions);
        ms_ssim *= std::pow(l, double{alpha}) * std::pow(c, double{detail::ms_ssim_beta(scale)}) *
                   std::pow(st, double{detail::ms_ssim_gamma(scale)});
    }
    return ms_ssim;
}

namespace ref {

SsimRaw float_ssim(const MetricPlane& ref, const MetricPlane& dist, int scale) {
    if (!metric_pair_valid(ref, dist) || ref.width == 0 || ref.height == 0) return SsimRaw{};
    if (scale <= 0) scale = detail::ssim_auto_scale(ref.width, ref.height);
    if (scale == 1) return ssim_pictures(to_float(ref), to_float(dist), detail::kSsimTerms);
    return ssim_pictures(box_decimate(ref, scale), box_decimate(dist, scale), detail::kSsimTerms);
}

MsSsimRaw float_ms_ssim(const MetricPlane& ref, const MetricPlane& dist) {
    MsSsimRaw raw;
    if (!metric_pair_valid(ref, dist) || ref.width == 0 || ref.height == 0) return raw;
    Picture r = to_float(ref), d = to_float(dist);
    for (int scale = 0; scale < kMsSsimScaleCount; ++scale) {
        const unsigned terms =
            scale + 1 == kMsSsimScaleCount ? detail::kMsSsimLastTerms : detail::kMsSsimTerms;
        raw.scale[scale] = ssim_pictures(r, d, terms);
        if (scale + 1 == kMsSsimScaleCount) break;
        r = lpf_decimate(r);
        d = lpf_decimate(d);
    }
    return raw;
}

}  // namespace ref
}  // namespace slate_gpu
