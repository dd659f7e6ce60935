// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "slate_gpu/levels.h"
#include "slate_gpu/plane.h"

namespace slate_gpu {

/// The non-trivial coefficients of Y'CbCr to R'G'B' for luma weights Kr, Kb (Kg = 1 - Kr - Kb):
/// R = Y + cr_to_r Cr, G = Y + cb_to_g Cb + cr_to_g Cr, B = Y + cb_to_b Cb.
struct YuvMatrix {
    float cr_to_r = 0.0f;
    float cb_to_g = 0.0f;
    float cr_to_g = 0.0f;
    float cb_to_b = 0.0f;
};

/// The matrix for luma weights kr and kb (e.g. BT.709: 0.2126, 0.0722).
YuvMatrix yuv_matrix(double kr, double kb);
/// ITU-R BT.709 (Kr 0.2126, Kb 0.0722).
YuvMatrix bt709_matrix();

/// Planar 4:2:2 Y'CbCr in uint16 (any depth 8..16) to planar float R'G'B' (still non-linear).
/// Chroma is co-sited with even luma samples (BT.709 / SMPTE ST 274 4:2:2): even pixels take
/// their chroma sample, odd pixels the mean of the two neighbours (the last one repeats at the
/// right edge). Chroma planes are (width + 1) / 2 wide and as tall as luma.
struct Yuv422ToRgbArgs {
    Plane<const uint16_t> y, cb, cr;
    Plane<float> r, g, b;
    Levels luma, chroma;
    YuvMatrix matrix;
};

/// True when every plane is valid and the chroma and RGB planes fit the luma plane.
bool args_valid(const Yuv422ToRgbArgs& args);

namespace ref {
/// Scalar reference of yuv422_to_rgb. Returns false (writing nothing) when !args_valid(args).
bool yuv422_to_rgb(const Yuv422ToRgbArgs& args);
}  // namespace ref

}  // namespace slate_gpu
