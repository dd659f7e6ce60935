// SPDX-License-Identifier: Apache-2.0
// What a frame is measured on: its own planes when it is planar Y'CbCr or gray, otherwise
// Y'CbCr derived from its R'G'B' (plus the facts only the R'G'B' samples can give).
#pragma once

#include <cstdint>

#include "media/analysis/video_measure.h"
#include "media/core/result.h"
#include "media/frame/frame.h"
#include "video_measure_levels.h"

namespace media::analysis::detail {

/// The planar frame the passes read (Y, Cb, Cr planes; Y only when `gray`).
struct MeasureSource {
    Frame ycbcr;
    SignalLevels levels;
    LumaWeights weights;
    bool gray = false;
    bool from_rgb = false;  ///< derived: gamut and light were measured on the R'G'B' samples
    bool pq = false;        ///< the frame's transfer is SMPTE ST 2084
};

/// Facts measured on R'G'B' sources while deriving their Y'CbCr.
struct RgbFacts {
    int64_t nonfinite = 0;
    int64_t outside_gamut = 0;  ///< pixels (float sources only: integer R'G'B' cannot leave it)
    double light_sum = 0.0;     ///< sum over pixels of max(R,G,B) in cd/m² (PQ only)
    double light_max = 0.0;
};

/// Prepares `frame` for measuring. R'G'B' sources are converted into a per-thread scratch frame
/// (`slot` 0 for the current frame, 1 for the previous: both live until the next call on this
/// thread) with the frame's matrix, BT.709 when it names none, to narrow-range Y'CbCr 4:4:4 at
/// the frame's bit depth (float sources: 10-bit, after clamping to 0..1, NaN taken as 0).
/// `facts` (may be null) receives what only the R'G'B' samples show.
Result<MeasureSource> prepare_source(const Frame& frame, int slot,
                                     const VideoMeasureOptions& options, RgbFacts* facts);

}  // namespace media::analysis::detail
