// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "media/metrics/sample_plane.h"

namespace media::metrics {

/// libvmaf's automatic SSIM downscale: max(1, round(min(width, height) / 256)) (Wang's
/// viewing-distance recommendation): 4 at 1080p, 1 at 576x324.
int ssim_auto_scale(int width, int height);

/// SSIM of two luma planes as libvmaf's `float_ssim` defines it: box-filter and decimate by
/// `scale` (0: ssim_auto_scale), 11x11 Gaussian window (sigma 1.5), mean over the window
/// positions libvmaf uses. Both planes have the same size and bit depth.
double float_ssim(const SamplePlane& ref, const SamplePlane& dist, int scale = 0);

/// MS-SSIM of two luma planes as libvmaf's `float_ms_ssim` defines it: 5 scales, 9/7 low-pass
/// and decimation between scales, Wang 2003 exponents. No automatic downscale.
double float_ms_ssim(const SamplePlane& ref, const SamplePlane& dist);

}  // namespace media::metrics
