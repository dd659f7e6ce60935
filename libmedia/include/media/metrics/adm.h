// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>

#include "media/metrics/sample_plane.h"

namespace media::metrics {

struct AdmOptions {
    /// Limit on the enhancement gain (libvmaf's adm_enhn_gain_limit; 1.0 for "neg" models).
    double enhn_gain_limit = 100.0;
    /// Viewing distance in picture heights and the display height the CSF assumes.
    double norm_view_dist = 3.0;
    int ref_display_height = 1080;
};

/// VMAF's ADM (detail loss) feature: adm2 = sum(num) / sum(den) over the four scales, and the
/// per-scale ratios (adm_scale0..3).
struct AdmScores {
    double adm2 = 1.0;
    std::array<double, 4> scale{};
};

/// ADM of two luma planes of the same size and bit depth, as libvmaf computes it for the
/// vmaf_v0.6.1 model.
AdmScores compute_adm(const SamplePlane& ref, const SamplePlane& dist,
                      const AdmOptions& options = {});

}  // namespace media::metrics
