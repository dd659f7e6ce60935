// SPDX-License-Identifier: Apache-2.0
// PSNR as libvmaf's `psnr` extractor (integer_psnr.c) computes it, per plane:
// * SSE exact in integers; MSE = SSE / (width * height) in double.
// * peak = 2^bits - 1, or 255 << (bits - 8) with reduced_hbd_peak (255 at 8 bits either way).
// * PSNR = min(10 log10(peak^2 / max(MSE, 1e-16)), psnr_max).
// * psnr_max, with libvmaf's default min_sse = 0, is 6 * bits + 12 for every bit depth: 60 dB at
//   8 bits, 72 at 10, 84 at 12, 108 at 16. It is both the value of identical planes and a cap on
//   every frame (an 8-bit plane one code value off in 576x324 samples is 100.8 dB, reported 60).
//   (With min_sse > 0 libvmaf uses ceil(10 log10(peak^2 w h / min_sse)) instead; not offered.)
// * Pooling (mean of per-frame dB, or apsnr from the summed SSE) is the caller's.
#include "media/metrics/psnr.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "metrics/psnr_rows.h"

namespace media::metrics {
namespace {

[[maybe_unused]] bool same_shape(const SamplePlane& a, const SamplePlane& b) {
    return a.width == b.width && a.height == b.height && a.bit_depth == b.bit_depth;
}

template <typename RowSse>
uint64_t plane_sse(const SamplePlane& ref, const SamplePlane& dist, RowSse row_sse) {
    assert(same_shape(ref, dist));
    assert(ref.bit_depth >= 8 && ref.bit_depth <= 16);
    uint64_t sum = 0;
    for (int y = 0; y < ref.height; ++y) {
        if (ref.wide())
            sum += row_sse(ref.row16(y), dist.row16(y), ref.width);
        else
            sum += row_sse(ref.row8(y), dist.row8(y), ref.width);
    }
    return sum;
}

}  // namespace

namespace detail {

uint64_t scalar_sse_row(const uint8_t* a, const uint8_t* b, int n) {
    uint64_t sum = 0;
    for (int i = 0; i < n; ++i) {
        const int d = int{a[i]} - int{b[i]};
        sum += static_cast<uint64_t>(d * d);
    }
    return sum;
}

uint64_t scalar_sse_row(const uint16_t* a, const uint16_t* b, int n) {
    uint64_t sum = 0;
    for (int i = 0; i < n; ++i) {
        const int64_t d = int64_t{a[i]} - int64_t{b[i]};
        sum += static_cast<uint64_t>(d * d);
    }
    return sum;
}

}  // namespace detail

double psnr_peak(int bit_depth, const PsnrOptions& options) {
    assert(bit_depth >= 8 && bit_depth <= 16);
    if (options.reduced_hbd_peak) return 255.0 * static_cast<double>(1 << (bit_depth - 8));
    return static_cast<double>((1 << bit_depth) - 1);
}

double psnr_cap_db(int bit_depth) {
    return 6.0 * bit_depth + 12.0;
}

uint64_t sum_squared_error(const SamplePlane& ref, const SamplePlane& dist) {
    return plane_sse(ref, dist,
                     [](const auto* a, const auto* b, int n) { return detail::sse_row(a, b, n); });
}

uint64_t scalar_sum_squared_error(const SamplePlane& ref, const SamplePlane& dist) {
    return plane_sse(ref, dist, [](const auto* a, const auto* b, int n) {
        return detail::scalar_sse_row(a, b, n);
    });
}

double psnr_db(uint64_t sse, int64_t samples, int bit_depth, const PsnrOptions& options) {
    const double cap = psnr_cap_db(bit_depth);
    // No samples: nothing differs, the value of identical planes.
    if (samples <= 0) return cap;
    const double peak = psnr_peak(bit_depth, options);
    const double mse = static_cast<double>(sse) / static_cast<double>(samples);
    return std::min(10.0 * std::log10(peak * peak / std::max(mse, 1e-16)), cap);
}

}  // namespace media::metrics
