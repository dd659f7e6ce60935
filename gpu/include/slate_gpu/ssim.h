// SPDX-License-Identifier: Apache-2.0
#pragma once

// libvmaf's float_ssim and float_ms_ssim (libmedia: media::metrics::float_ssim / float_ms_ssim and
// ssim_kernels.h, which says how they follow IQA rounding for rounding). The device reduces a
// frame to the raw sums below; finish_* turns them into the scores exactly as the CPU path does.

#include <cstdint>

#include "slate_gpu/metric_plane.h"

namespace slate_gpu {

/// What one SSIM pass over a picture pair adds up (trivially copyable: it is copied back from
/// the device as bytes).
struct SsimRaw {
    // CONTRACT: fields chosen by the implementer (sums of the per-position terms and the count).
    double product = 0.0;
    double luminance = 0.0;
    double contrast = 0.0;
    double structure = 0.0;
    int64_t positions = 0;
};

inline constexpr int kMsSsimScaleCount = 5;

struct MsSsimRaw {
    SsimRaw scale[kMsSsimScaleCount];
};

/// float_ssim's score from its sums, as the CPU path computes it.
double finish_ssim(const SsimRaw& raw);
/// float_ms_ssim's score from its per-scale sums.
double finish_ms_ssim(const MsSsimRaw& raw);

namespace ref {

/// float_ssim with box decimation by `scale` (>= 1). Requires metric_pair_valid.
SsimRaw float_ssim(const MetricPlane& ref, const MetricPlane& dist, int scale);
MsSsimRaw float_ms_ssim(const MetricPlane& ref, const MetricPlane& dist);

}  // namespace ref
}  // namespace slate_gpu
