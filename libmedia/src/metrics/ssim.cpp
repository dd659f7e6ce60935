// SPDX-License-Identifier: Apache-2.0
// float_ssim as libvmaf computes it (float_ssim.c, ssim.c and IQA's ssim_tools.c, convolve.c and
// decimate.c; ssim_kernels.h says what that is), and the SSIM core MS-SSIM shares: samples to
// 8-bit-unit floats, the optional box decimation, the windowed moments and terms, one output row
// at a time through the kernels of ssim_kernels.h.

// libvmaf rounds each product before it adds: this file is built with -ffp-contract=off
// (metrics/CMakeLists.txt), so no multiply-add is fused.

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

#include "media/metrics/ssim.h"
#include "metrics/ssim_kernels.h"

namespace media::metrics {
namespace detail {
namespace {

// Per-thread buffers, so that a frame's metrics allocate nothing once warm.
struct SsimScratch {
    std::vector<float> horizontal;
    std::vector<float> rows;
    std::vector<double> column_sums;
    std::vector<int> columns;
    std::vector<const float*> row_ptrs;
    std::vector<float> ref, dist;
};

SsimScratch& scratch() {
    thread_local SsimScratch s;
    return s;
}

float* sized(std::vector<float>& v, size_t n) {
    if (v.size() < n) v.resize(n);
    return v.data();
}

// IQA's _round: halves away from zero.
int iqa_round(float a) {
    const int truncated = static_cast<int>(a);
    const int sign = a > 0.0f ? 1 : -1;
    return a - static_cast<float>(truncated) >= 0.5f ? truncated + sign : truncated;
}

void row_to_float(const SamplePlane& plane, int y, float* out) {
    if (plane.wide())
        to_float(plane.row16(y), plane.width, std::ldexp(1.0f, 8 - plane.bit_depth), out);
    else
        to_float(plane.row8(y), plane.width, out);
}

// Libvmaf refuses pictures smaller than the window; here they are one window of equal weights.
SsimResult whole_picture_ssim(const FloatPicture& ref, const FloatPicture& dist, unsigned terms) {
    double sr = 0, sd = 0, srr = 0, sdd = 0, srd = 0;
    for (int y = 0; y < ref.height; ++y) {
        for (int x = 0; x < ref.width; ++x) {
            const double r = ref.row(y)[x], d = dist.row(y)[x];
            sr += r, sd += d, srr += r * r, sdd += d * d, srd += r * d;
        }
    }
    const double n = static_cast<double>(ref.width) * ref.height;
    const double mr = sr / n, md = sd / n;
    const double vr = std::max(0.0, srr / n - mr * mr), vd = std::max(0.0, sdd / n - md * md);
    double cov = srd / n - mr * md;
    const double root = std::sqrt(vr * vd);
    if (cov < 0 && root <= 0) cov = 0;
    const SsimConstants k = ssim_constants();
    const double l = (2 * mr * md + k.c1) / (mr * mr + md * md + k.c1);
    const double c = (2 * root + k.c2) / (vr + vd + k.c2);
    const double s = (cov + k.c3) / (root + k.c3);
    SsimResult result;
    result.positions = 1;
    if (terms & kSsimProduct) result.sums.product = l * c * s;
    if (terms & kSsimLuminance) result.sums.luminance = l;
    if (terms & kSsimContrast) result.sums.contrast = c;
    if (terms & kSsimStructure) result.sums.structure = s;
    return result;
}

// Box filter and decimate one plane by `factor` (ssim_kernels.h), a row of output at a time.
void box_decimate(const SamplePlane& plane, int factor, float* out, int out_w, int out_h,
                  const SsimKernels& kernels) {
    SsimScratch& s = scratch();
    const int w = plane.width, h = plane.height, offset = factor / 2;
    float* rows = sized(s.rows, size_t(factor) * w);
    if (s.column_sums.size() < size_t(w)) s.column_sums.resize(w);
    s.columns.resize(size_t(out_w) * factor);
    for (int x = 0; x < out_w; ++x)
        for (int u = 0; u < factor; ++u)
            s.columns[size_t(x) * factor + u] = mirror_index(x * factor - offset + u, w);
    std::vector<const float*>& row_ptrs = s.row_ptrs;
    row_ptrs.resize(factor);
    const float weight = 1.0f / static_cast<float>(factor * factor);
    for (int oy = 0; oy < out_h; ++oy) {
        for (int v = 0; v < factor; ++v) {
            float* row = rows + size_t(v) * w;
            row_to_float(plane, mirror_index(oy * factor - offset + v, h), row);
            row_ptrs[v] = row;
        }
        kernels.box_column_sums(row_ptrs.data(), factor, w, weight, s.column_sums.data());
        float* dst = out + int64_t{oy} * out_w;
        const int* cols = s.columns.data();
        // The products are summed exactly in double, so this order gives libvmaf's float.
        for (int x = 0; x < out_w; ++x, cols += factor) {
            double sum = 0.0;
            for (int u = 0; u < factor; ++u) sum += s.column_sums[cols[u]];
            dst[x] = static_cast<float>(sum);
        }
    }
}

[[maybe_unused]] bool same_shape(const SamplePlane& a, const SamplePlane& b) {
    return a.width == b.width && a.height == b.height && a.bit_depth == b.bit_depth;
}

}  // namespace

SsimConstants ssim_constants() {
    const float k1 = 0.01f, k2 = 0.03f;
    const int peak = 255;
    const float c1 = (k1 * peak) * (k1 * peak);
    const float c2 = (k2 * peak) * (k2 * peak);
    return {c1, c2, c2 / 2.0f};
}

int mirror_index(int x, int n) {
    if (n <= 1) return 0;
    const int period = 2 * n;
    x %= period;
    if (x < 0) x += period;
    return x < n ? x : period - 1 - x;
}

void plane_to_float(const SamplePlane& plane, float* out) {
    for (int y = 0; y < plane.height; ++y) row_to_float(plane, y, out + int64_t{y} * plane.width);
}

int decimated_size(int n, int factor) {
    return std::max(1, n / factor + (n & 1));
}

void scalar_to_float(const uint8_t* in, int n, float* out) {
    for (int i = 0; i < n; ++i) out[i] = static_cast<float>(in[i]);
}

void scalar_to_float(const uint16_t* in, int n, float scale, float* out) {
    for (int i = 0; i < n; ++i) out[i] = static_cast<float>(in[i]) * scale;
}

void scalar_ssim_horizontal(const float* ref, const float* dist, int n, const MomentRows& out) {
    for (int x = 0; x < n; ++x) {
        double mr = 0, md = 0, rr = 0, dd = 0, rd = 0;
        for (int u = 0; u < kSsimWindow; ++u) {
            const float r = ref[x + u], d = dist[x + u], g = kSsimTaps[u];
            mr += static_cast<double>(r * g);
            md += static_cast<double>(d * g);
            rr += static_cast<double>((r * r) * g);
            dd += static_cast<double>((d * d) * g);
            rd += static_cast<double>((r * d) * g);
        }
        out.ref[x] = static_cast<float>(mr), out.dist[x] = static_cast<float>(md);
        out.ref_sq[x] = static_cast<float>(rr), out.dist_sq[x] = static_cast<float>(dd);
        out.cross[x] = static_cast<float>(rd);
    }
}

namespace {

float vertical_sum(const MomentRows* rows, float* MomentRows::*map, int x) {
    double sum = 0;
    for (int v = 0; v < kSsimWindow; ++v)
        sum += static_cast<double>((rows[v].*map)[x] * kSsimTaps[v]);
    return static_cast<float>(sum);
}

}  // namespace

void scalar_ssim_vertical_terms(const MomentRows* rows, int n, unsigned terms, SsimSums& sums) {
    const SsimConstants k = ssim_constants();
    for (int x = 0; x < n; ++x) {
        const float mr = vertical_sum(rows, &MomentRows::ref, x);
        const float md = vertical_sum(rows, &MomentRows::dist, x);
        const float rr = vertical_sum(rows, &MomentRows::ref_sq, x);
        const float dd = vertical_sum(rows, &MomentRows::dist_sq, x);
        const float rd = vertical_sum(rows, &MomentRows::cross, x);
        const float mrr = mr * mr, mdd = md * md, mrd = mr * md;
        float vr = rr - mrr, vd = dd - mdd;
        vr = 0.0f > vr ? 0.0f : vr;
        vd = 0.0f > vd ? 0.0f : vd;
        const float cov = rd - mrd;
        const float root = std::sqrt(vr * vd);
        const float clamped = (cov < 0.0f && root <= 0.0f) ? 0.0f : cov;
        const float s = (clamped + k.c3) / (root + k.c3);
        const double l = (2.0 * mr * md + k.c1) / static_cast<double>(mrr + mdd + k.c1);
        const double c = (2.0 * root + k.c2) / static_cast<double>(vr + vd + k.c2);
        if (terms & kSsimProduct) sums.product += l * c * s;
        if (terms & kSsimLuminance) sums.luminance += l;
        if (terms & kSsimContrast) sums.contrast += c;
        if (terms & kSsimStructure) sums.structure += s;
    }
}

void scalar_box_column_sums(const float* const* rows, int count, int n, float weight, double* out) {
    for (int x = 0; x < n; ++x) {
        double sum = 0.0;
        for (int v = 0; v < count; ++v) sum += static_cast<double>(rows[v][x] * weight);
        out[x] = sum;
    }
}

SsimResult ssim_pictures(const FloatPicture& ref, const FloatPicture& dist, unsigned terms,
                         const SsimKernels& kernels) {
    assert(ref.width == dist.width && ref.height == dist.height);
    if (ref.width < kSsimWindow || ref.height < kSsimWindow)
        return whole_picture_ssim(ref, dist, terms);
    const int out_w = ref.width - (kSsimWindow - 1);
    const int out_h = ref.height - (kSsimWindow - 1);
    // The horizontal rows of the last 11 picture rows, row y in slot y % 11.
    float* buf = sized(scratch().horizontal, size_t(5) * kSsimWindow * out_w);
    MomentRows ring[kSsimWindow];
    for (int k = 0; k < kSsimWindow; ++k) {
        float* b = buf + size_t(5) * k * out_w;
        ring[k] = {b, b + out_w, b + 2 * out_w, b + 3 * out_w, b + 4 * out_w};
    }
    for (int y = 0; y < kSsimWindow - 1; ++y)
        kernels.horizontal(ref.row(y), dist.row(y), out_w, ring[y]);
    SsimResult result;
    MomentRows window[kSsimWindow];
    for (int y = 0; y < out_h; ++y) {
        const int last = y + kSsimWindow - 1;
        kernels.horizontal(ref.row(last), dist.row(last), out_w, ring[last % kSsimWindow]);
        for (int k = 0; k < kSsimWindow; ++k) window[k] = ring[(y + k) % kSsimWindow];
        kernels.vertical_terms(window, out_w, terms, result.sums);
    }
    result.positions = int64_t{out_w} * out_h;
    return result;
}

double float_ssim_with(const SamplePlane& ref, const SamplePlane& dist, int scale,
                       const SsimKernels& kernels) {
    assert(same_shape(ref, dist));
    assert(ref.bit_depth >= 8 && ref.bit_depth <= 16);
    if (ref.width <= 0 || ref.height <= 0) return 1.0;
    if (scale <= 0) scale = ssim_auto_scale(ref.width, ref.height);
    SsimScratch& s = scratch();
    FloatPicture r, d;
    if (scale == 1) {
        const size_t n = size_t(ref.width) * ref.height;
        plane_to_float(ref, sized(s.ref, n));
        plane_to_float(dist, sized(s.dist, n));
        r = {s.ref.data(), ref.width, ref.height};
    } else {
        const int w = decimated_size(ref.width, scale), h = decimated_size(ref.height, scale);
        box_decimate(ref, scale, sized(s.ref, size_t(w) * h), w, h, kernels);
        box_decimate(dist, scale, sized(s.dist, size_t(w) * h), w, h, kernels);
        r = {s.ref.data(), w, h};
    }
    d = {s.dist.data(), r.width, r.height};
    const SsimResult result = ssim_pictures(r, d, kSsimProduct, kernels);
    // Libvmaf returns the mean as a float.
    return static_cast<float>(result.sums.product / static_cast<double>(result.positions));
}

}  // namespace detail

int ssim_auto_scale(int width, int height) {
    return std::max(1, detail::iqa_round(static_cast<float>(std::min(width, height)) / 256.0f));
}

double float_ssim(const SamplePlane& ref, const SamplePlane& dist, int scale) {
    return detail::float_ssim_with(ref, dist, scale, detail::simd_ssim_kernels());
}

}  // namespace media::metrics
