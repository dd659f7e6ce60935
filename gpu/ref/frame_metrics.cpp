// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/frame_metrics.h"

#include "slate_gpu/psnr.h"

namespace slate_gpu::ref {

void frame_metrics(const MetricSelection& selection, const MetricPlane reference[3],
                   const MetricPlane distorted[3], const Plane<uint16_t>& blur,
                   const Plane<const uint16_t>* previous, FrameMetricsRaw* out) {
    *out = FrameMetricsRaw{};
    const MetricPlane& ref_y = reference[0];
    const MetricPlane& dist_y = distorted[0];
    if (selection.psnr)
        for (int p = 0; p < selection.planes; ++p)
            out->sse[p] = sum_squared_error(reference[p], distorted[p]);
    if (selection.ssim) out->ssim = float_ssim(ref_y, dist_y, selection.ssim_scale);
    if (selection.ms_ssim) out->ms_ssim = float_ms_ssim(ref_y, dist_y);
    for (int s = 0; s < selection.feature_sets; ++s) {
        out->vif[s] = vif(ref_y, dist_y, selection.vif[s]);
        out->adm[s] = adm(ref_y, dist_y, selection.adm[s]);
    }
    if (selection.motion) {
        motion_blur(ref_y, blur);
        if (previous != nullptr)
            out->motion_sad = motion_sad(
                Plane<const uint16_t>{blur.data, blur.pitch, blur.width, blur.height}, *previous);
    }
}

}  // namespace slate_gpu::ref
