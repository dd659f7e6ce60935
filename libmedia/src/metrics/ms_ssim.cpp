// SPDX-License-Identifier: Apache-2.0
// float_ms_ssim as libvmaf computes it (float_ms_ssim.c and ms_ssim.c over IQA): five scales, the
// 9x9 low-pass decimation by 2 between them, and per scale the means of SSIM's contrast and
// structure terms (luminance too at the last scale) raised to Wang's exponents
// (ssim_kernels.h). Libvmaf refuses pictures under 176 samples a side (11 at the fifth
// scale); here a scale smaller than the window is scored as one whole-picture window.

// libvmaf rounds each product before it adds: this file is built with -ffp-contract=off
// (metrics/CMakeLists.txt), so no multiply-add is fused.

#include <array>
#include <cassert>
#include <cmath>
#include <vector>

#include "media/metrics/ssim.h"
#include "metrics/ssim_kernels.h"

namespace media::metrics {
namespace detail {
namespace {

constexpr int kLpfHalf = kLpfTaps / 2;
// Split input rows kept for the next output rows: row y in slot y % kSplitSlots. The 9 rows
// of one output lie in 9 consecutive picture rows (mirrored ones included), so they never
// share a slot.
constexpr int kSplitSlots = 16;

struct MsSsimScratch {
    std::array<std::vector<float>, kMsSsimScales> ref, dist;
    std::array<std::vector<float>, kSplitSlots> even, odd;
    std::array<int, kSplitSlots> slot_row{};
};

MsSsimScratch& scratch() {
    thread_local MsSsimScratch s;
    return s;
}

float* sized(std::vector<float>& v, size_t n) {
    if (v.size() < n) v.resize(n);
    return v.data();
}

[[maybe_unused]] bool same_shape(const SamplePlane& a, const SamplePlane& b) {
    return a.width == b.width && a.height == b.height && a.bit_depth == b.bit_depth;
}

// The mean of a term as libvmaf keeps it: a float.
double mean_term(double sum, int64_t positions) {
    return static_cast<float>(sum / static_cast<double>(positions));
}

}  // namespace

void scalar_lpf_split(const float* in, int w, int count, float* even, float* odd) {
    for (int m = 0; m < count; ++m) {
        even[m] = in[mirror_index(2 * m - kLpfHalf, w)];
        odd[m] = in[mirror_index(2 * m - kLpfHalf + 1, w)];
    }
}

void scalar_lpf_row(const float* const* even, const float* const* odd, int n, float* out) {
    for (int i = 0; i < n; ++i) {
        double sum = 0.0;
        for (int v = 0; v < kLpfTaps; ++v) {
            for (int u = 0; u < kLpfTaps; ++u) {
                const float sample = (u % 2 == 0 ? even[v] : odd[v])[i + u / 2];
                sum += static_cast<double>(sample * lpf_weight(v, u));
            }
        }
        out[i] = static_cast<float>(sum);
    }
}

void lpf_decimate(const FloatPicture& in, float* out, const SsimKernels& kernels) {
    const int out_w = decimated_size(in.width, 2), out_h = decimated_size(in.height, 2);
    const int count = out_w + kLpfHalf;
    MsSsimScratch& s = scratch();
    s.slot_row.fill(-1);
    for (int k = 0; k < kSplitSlots; ++k) {
        sized(s.even[k], count);
        sized(s.odd[k], count);
    }
    const float* even[kLpfTaps];
    const float* odd[kLpfTaps];
    for (int oy = 0; oy < out_h; ++oy) {
        for (int v = 0; v < kLpfTaps; ++v) {
            const int y = mirror_index(2 * oy - kLpfHalf + v, in.height);
            const int slot = y % kSplitSlots;
            if (s.slot_row[slot] != y) {
                kernels.lpf_split(in.row(y), in.width, count, s.even[slot].data(),
                                  s.odd[slot].data());
                s.slot_row[slot] = y;
            }
            even[v] = s.even[slot].data();
            odd[v] = s.odd[slot].data();
        }
        kernels.lpf_row(even, odd, out_w, out + int64_t{oy} * out_w);
    }
}

double float_ms_ssim_with(const SamplePlane& ref, const SamplePlane& dist,
                          const SsimKernels& kernels) {
    assert(same_shape(ref, dist));
    assert(ref.bit_depth >= 8 && ref.bit_depth <= 16);
    if (ref.width <= 0 || ref.height <= 0) return 1.0;
    MsSsimScratch& s = scratch();
    int w = ref.width, h = ref.height;
    plane_to_float(ref, sized(s.ref[0], size_t(w) * h));
    plane_to_float(dist, sized(s.dist[0], size_t(w) * h));
    double ms_ssim = 1.0;
    for (int scale = 0; scale < kMsSsimScales; ++scale) {
        const FloatPicture r{s.ref[scale].data(), w, h}, d{s.dist[scale].data(), w, h};
        // With alpha 0, libvmaf's pow(l, 0) is 1 whatever l is: l is only needed at the last scale.
        const bool luminance = kMsSsimAlpha[scale] != 0.0f;
        const unsigned terms =
            kSsimContrast | kSsimStructure | (luminance ? unsigned{kSsimLuminance} : 0u);
        const SsimResult result = ssim_pictures(r, d, terms, kernels);
        const double l = luminance ? mean_term(result.sums.luminance, result.positions) : 1.0;
        const double c = mean_term(result.sums.contrast, result.positions);
        const double st = mean_term(result.sums.structure, result.positions);
        ms_ssim *= std::pow(l, double{kMsSsimAlpha[scale]}) *
                   std::pow(c, double{kMsSsimBeta[scale]}) *
                   std::pow(st, double{kMsSsimGamma[scale]});
        if (scale + 1 == kMsSsimScales) break;
        const int next_w = decimated_size(w, 2), next_h = decimated_size(h, 2);
        lpf_decimate(r, sized(s.ref[scale + 1], size_t(next_w) * next_h), kernels);
        lpf_decimate(d, sized(s.dist[scale + 1], size_t(next_w) * next_h), kernels);
        w = next_w, h = next_h;
    }
    return ms_ssim;
}

}  // namespace detail

double float_ms_ssim(const SamplePlane& ref, const SamplePlane& dist) {
    return detail::float_ms_ssim_with(ref, dist, detail::simd_ssim_kernels());
}

}  // namespace media::metrics
