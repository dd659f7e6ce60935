// SPDX-License-Identifier: Apache-2.0
#pragma once

// VMAF's ADM (DLM) with its four-level db2 wavelet decomposition, in libvmaf's integer_adm
// fixed-point arithmetic (libmedia: media::metrics::compute_adm and adm_kernels.h). The device
// reduces a frame to AdmRaw (integers: exact); finish_adm pools them as the CPU path does.

#include <cstdint>

#include "slate_gpu/metric_plane.h"

namespace slate_gpu {

struct AdmConfig {
    double enhn_gain_limit = 100.0;
    double norm_view_dist = 3.0;
    int ref_display_height = 1080;
};

inline constexpr int kAdmScaleCount = 4;

/// The per-scale, per-band sums (trivially copyable).
struct AdmRaw {
    // CONTRACT: fields chosen by the implementer.
    // Per scale and band (h, v, d): the masked cube sums (num) and the reference's cube sums
    // (den) of the pooled region, each row's sum rounded down by the scale's per-row shift before
    // it is added (libmedia's RowSums), all modulo 2^64 as libvmaf wraps them.
    int64_t num[kAdmScaleCount][3] = {};
    uint64_t den[kAdmScaleCount][3] = {};
};

struct AdmScores {
    double adm2 = 1.0;
    double scale[kAdmScaleCount] = {};
};

/// adm2 and adm_scale0..3 from the sums of a width x height luma plane.
AdmScores finish_adm(const AdmRaw& raw, const AdmConfig& config, int width, int height);

namespace ref {

/// Requires metric_pair_valid(ref, dist).
AdmRaw adm(const MetricPlane& ref, const MetricPlane& dist, const AdmConfig& config);

}  // namespace ref
}  // namespace slate_gpu
