// SPDX-License-Identifier: Apache-2.0
#pragma once

// VMAF's VIF at its four scales (libmedia: media::metrics::compute_vif and vif_kernels.h, which
// say how they follow libvmaf's integer_vif). The device reduces a frame to VifRaw; finish_vif
// turns it into the four scores exactly as the CPU path does.

#include "slate_gpu/metric_plane.h"

namespace slate_gpu {

struct VifConfig {
    double enhn_gain_limit = 100.0;  ///< libvmaf's vif_enhn_gain_limit (1.0 for the neg models)
};

inline constexpr int kVifScaleCount = 4;

/// The per-scale sums (trivially copyable).
struct VifRaw {
    double num_log[kVifScaleCount] = {};
    double den_log[kVifScaleCount] = {};
    double flat_sigma2[kVifScaleCount] = {};
    double flat_count[kVifScaleCount] = {};
};

/// vif_scale0..3 from the sums.
void finish_vif(const VifRaw& raw, double scores[kVifScaleCount]);

namespace ref {

/// Requires metric_pair_valid(ref, dist).
VifRaw vif(const MetricPlane& ref, const MetricPlane& dist, const VifConfig& config);

}  // namespace ref
}  // namespace slate_gpu
