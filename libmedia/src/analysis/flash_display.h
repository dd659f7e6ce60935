// SPDX-License-Identifier: Apache-2.0
// The display model of the flash analysis: how a frame's code values become light on the
// reference display BT.1702 assumes. Private to the analysis module.
#pragma once

#include <array>

#include "media/frame/frame.h"

namespace media::analysis::detail {

/// Entries of the transfer table: 12 bits keep the table in L1 cache and its step below
/// 0.12 cd/m² at a 200 cd/m² white (the steepest point of a 2.4 power, at white).
inline constexpr int kEotfTableSize = 4096;

/// Normalised non-linear value (0..1, index = value * 4095) -> displayed light in cd/m².
using EotfTable = std::array<float, kEotfTableSize>;

/// Everything the sampler needs to turn one frame's codes into display light.
struct DisplayModel {
    const EotfTable* eotf = nullptr;
    std::array<float, 3> luma_weights{};  ///< R, G, B (linear) -> luminance, by the primaries
    bool yuv = false;                     ///< components are Y'CbCr (else R'G'B')
    /// Normalised Y'CbCr -> R'G'B': r = y + cr_r*cr; g = y + cb_g*cb + cr_g*cr; b = y + cb_b*cb.
    float cr_r = 0, cb_g = 0, cr_g = 0, cb_b = 0;
    /// Code -> normalised: (code - offset) * scale; chroma (code - chroma_offset) * chroma_scale.
    float offset = 0, scale = 1, chroma_offset = 0, chroma_scale = 1;
};

/// The model for frames of `spec` on a display whose white is `display_peak` cd/m². The table it
/// points to lives in a per-thread cache and stays valid until this thread asks for a model with
/// another transfer or peak.
DisplayModel display_model(const FrameSpec& spec, double display_peak);

/// The table for `transfer` alone (for tests and the docs' figures): SDR transfers scale to
/// `display_peak`, PQ is absolute and clamped to it.
EotfTable build_eotf_table(TransferCharacteristic transfer, bool float_samples,
                           double display_peak);

}  // namespace media::analysis::detail
