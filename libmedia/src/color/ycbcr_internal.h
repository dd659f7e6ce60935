// SPDX-License-Identifier: Apache-2.0
// What ycbcr.cpp's conversions and the CUDA colour engine share about a Y'CbCr description.
#pragma once

#include "media/color/ycbcr.h"

namespace media::color::detail {

/// Luma weights of a matrix (BT.601 .299/.114, BT.709 .2126/.0722, BT.2020 .2627/.0593).
struct LumaWeights {
    double kr;
    double kb;
};
LumaWeights luma_weights(YcbcrMatrix matrix);

/// Chroma sample k of a subsampled axis sits at luma coordinate 2k + phase.
struct Siting {
    float horizontal = 0.0f;  ///< 0: co-sited with even luma columns; 0.5: between them
    float vertical = 0.5f;    ///< 0: co-sited with even rows; 0.5: between rows; 1: on odd rows
};
/// The phases of a ChromaLocation (Unspecified is Left: co-sited horizontally, centred
/// vertically).
Siting siting_of(ChromaLocation location);

}  // namespace media::color::detail
