// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>

#include "media/metrics/sample_plane.h"

namespace media::metrics {

struct VifOptions {
    /// Limit on the local gain g (libvmaf's vif_enhn_gain_limit; 100 by default, 1.0 for the
    /// "neg" models, which refuse credit for enhancement).
    double enhn_gain_limit = 100.0;
};

/// VMAF's VIF feature at its four scales (vif_scale0..3), each sum(num) / sum(den).
struct VifScores {
    std::array<double, 4> scale{};
};

/// VIF of two luma planes of the same size and bit depth, as libvmaf computes it for the
/// vmaf_v0.6.1 model (10-bit and deeper samples are measured in 8-bit units).
VifScores compute_vif(const SamplePlane& ref, const SamplePlane& dist,
                      const VifOptions& options = {});

}  // namespace media::metrics
