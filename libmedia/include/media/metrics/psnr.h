// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "media/metrics/sample_plane.h"

namespace media::metrics {

/// PSNR as libvmaf's `psnr` feature defines it.
struct PsnrOptions {
    /// libvmaf's reduced_hbd_peak: peak 255 * 2^(bits-8) instead of 2^bits - 1.
    bool reduced_hbd_peak = false;
};

/// The peak sample value the PSNR of a `bit_depth` plane is measured against.
double psnr_peak(int bit_depth, const PsnrOptions& options = {});
/// libvmaf's per-frame cap, 6 * bits + 12 dB (60 dB at 8 bit, 72 at 10): the value of two
/// identical planes, where the true PSNR is infinite.
double psnr_cap_db(int bit_depth);
/// Sum over the plane of (ref - dist)^2, exact in integers. Both planes have the same size and
/// bit depth (asserted). Highway SIMD; scalar_sum_squared_error is its reference.
uint64_t sum_squared_error(const SamplePlane& ref, const SamplePlane& dist);
uint64_t scalar_sum_squared_error(const SamplePlane& ref, const SamplePlane& dist);
/// 10 log10(peak^2 / MSE), capped at psnr_cap_db; MSE = sse / samples.
double psnr_db(uint64_t sse, int64_t samples, int bit_depth, const PsnrOptions& options = {});

}  // namespace media::metrics
