// SPDX-License-Identifier: Apache-2.0
#pragma once

// One frame pair's whole metric set: which metrics (MetricSelection), and what the device reduces
// the pair to (FrameMetricsRaw, copied back in one transfer and finished on the host with the
// finish_* functions of each metric). ref::frame_metrics is the host definition that
// cuda::MetricEngine (metric_engine.h) must equal.

#include <cstdint>

#include "slate_gpu/adm.h"
#include "slate_gpu/metric_plane.h"
#include "slate_gpu/motion.h"
#include "slate_gpu/plane.h"
#include "slate_gpu/ssim.h"
#include "slate_gpu/vif.h"

namespace slate_gpu {

/// VIF/ADM option sets one frame can carry (a model and its "neg" variant need two).
inline constexpr int kMaxFeatureSets = 4;

struct MetricSelection {
    int planes = 3;  ///< planes per picture (3: Y'CbCr, 1: grey); PSNR reads all of them
    bool psnr = false;
    bool ssim = false;
    int ssim_scale = 1;  ///< float_ssim's box decimation (>= 1)
    bool ms_ssim = false;
    int feature_sets = 0;  ///< VIF + ADM option sets, each computed once per frame
    VifConfig vif[kMaxFeatureSets];
    AdmConfig adm[kMaxFeatureSets];
    bool motion = false;  ///< blur the reference and compare it with the previous frame's
};

inline bool selection_valid(const MetricSelection& s) {
    return (s.planes == 1 || s.planes == 3) && s.ssim_scale >= 1 && s.feature_sets >= 0 &&
           s.feature_sets <= kMaxFeatureSets;
}

/// Everything one frame pair reduces to; fields a selection leaves out stay zero.
struct FrameMetricsRaw {
    uint64_t sse[3] = {};  ///< per plane
    SsimRaw ssim{};
    MsSsimRaw ms_ssim{};
    VifRaw vif[kMaxFeatureSets]{};
    AdmRaw adm[kMaxFeatureSets]{};
    uint64_t motion_sad = 0;  ///< 0 when there is no previous frame
};

namespace ref {

/// The selection's metrics of one pair of host pictures (selection.planes planes each). With
/// motion, the reference's blur is written to `blur` (luma size) and compared with `previous`
/// (null: the first frame, motion_sad 0).
void frame_metrics(const MetricSelection& selection, const MetricPlane reference[3],
                   const MetricPlane distorted[3], const Plane<uint16_t>& blur,
                   const Plane<const uint16_t>* previous, FrameMetricsRaw* out);

}  // namespace ref
}  // namespace slate_gpu
