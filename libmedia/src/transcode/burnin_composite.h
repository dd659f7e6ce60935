// SPDX-License-Identifier: Apache-2.0
// Private: blending one burn-in element (box + text coverage) into a frame of any format.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "media/core/result.h"
#include "media/frame/frame.h"
#include "media/frame/half.h"

namespace media::transcode::detail {

/// What one element draws on one frame: a rectangle in frame pixels (it may reach past the
/// frame edges; those pixels are clipped), the text coverage over it and, when `box` is set, a
/// filled backing box over the whole rectangle. Colours are straight RGBA in 0..1 with the
/// element's opacity already applied to alpha.
struct BurnInLayer {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    const uint8_t* coverage = nullptr;  ///< width x height, row-major, 0..255
    bool box = false;
    std::array<double, 4> text_color{};
    std::array<double, 4> box_color{};
    uint64_t version = 0;  ///< changes whenever the rectangle or coverage changes
};

/// One plane's blend, precomputed for a layer and a frame encoding: each sample in the
/// rectangle becomes in * keep + add[component]. Integer samples use 16 fractional bits.
struct PlaneBlend {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    int components = 1;
    std::vector<uint32_t> keep_q16;  ///< width x height x components, row-major
    std::vector<uint32_t> add_q16;   ///< width x height x components
    std::vector<float> keep;         ///< float and half formats
    std::vector<float> add;
};

/// A layer's plane blends, kept between frames with what they were made from: a layer that
/// did not change (fixed text) is blended without recomputing them, and one whose coverage
/// changed in a few columns (the next timecode) is patched there only.
struct LayerBlendCache {
    uint64_t version = 0;
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    std::vector<uint8_t> coverage;
    bool box = false;
    std::array<double, 4> text_color{};
    std::array<double, 4> box_color{};
    PixelFormat format = PixelFormat::Count;
    MatrixCoefficients matrix = MatrixCoefficients::Unspecified;
    ColorRange range = ColorRange::Unspecified;
    std::vector<PlaneBlend> planes;
};

/// Blends `layer` into `frame` in place (the frame must already be writable), converting the
/// colours to the frame's encoding (matrix and range from its ColorInfo). Chroma samples take
/// the average coverage of the luma pixels they cover. InvalidArgument for a device frame or a
/// format outside the closed set. `cache` belongs to this layer (one per element).
Result<void> composite(Frame& frame, const BurnInLayer& layer, LayerBlendCache& cache);

using media::float_to_half;
using media::half_to_float;

}  // namespace media::transcode::detail
