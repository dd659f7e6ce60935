// SPDX-License-Identifier: Apache-2.0
#pragma once

// The colour family: Y'CbCr <-> float R'G'B' at any depth, subsampling, matrix and range; a
// ColorProgram on float planes or on packed RGB(A) frames; and the fused chain
// Y'CbCr -> R'G'B' -> program -> Y'CbCr that makes one trip through memory per frame.
// Definitions match libmedia's media::color::ycbcr_to_rgb / rgb_to_ycbcr (chroma upsampling by
// linear interpolation honouring the siting; downsampling [1 2 1]/4 co-sited or [1 1]/2 centred
// horizontally, [1 1]/2 vertically for 4:2:0 — see libmedia/src/color/ycbcr.cpp) and
// ColorProcessor::apply (packed frames: integer codes / max, quantised with v * max + 0.5
// truncated and clamped, NaN -> 0; half floats through float).

#include <cstdint>

#include "slate_gpu/color_program.h"
#include "slate_gpu/levels.h"
#include "slate_gpu/plane.h"

namespace slate_gpu {

enum class ChromaLayout : uint8_t { C444, C422, C420 };

/// Where chroma sample k of a subsampled axis sits, in luma samples: 2k + phase
/// (libmedia's Siting: horizontal 0 co-sited / 0.5 centred; vertical 0, 0.5 or 1).
struct ChromaSiting {
    float horizontal = 0.0f;
    float vertical = 0.5f;
};

/// How a Y'CbCr picture is coded: depth 8..16, range, layout, siting, luma weights.
struct YcbcrFormat {
    int bit_depth = 10;
    Range range = Range::Narrow;
    ChromaLayout layout = ChromaLayout::C420;
    ChromaSiting siting{};
    /// Luma weights in double: the matrix coefficients are derived in double and rounded once to
    /// float, as libmedia's ycbcr.cpp does (a float Kr would shift them by an ulp).
    double kr = 0.2126;
    double kb = 0.0722;
};

/// Three planes; chroma planes are ceil(w / 2) wide for 4:2:x and ceil(h / 2) tall for 4:2:0.
/// T is uint8_t for 8-bit pictures and uint16_t (low bits) for 9..16 bit.
template <typename T>
struct YcbcrPlanes {
    Plane<T> y, cb, cr;
};

/// Y'CbCr -> planar float R'G'B' (non-linear, narrow-range excursions kept).
template <typename T>
struct YcbcrToRgbArgs {
    YcbcrPlanes<const T> in;
    YcbcrFormat format;
    Plane<float> r, g, b;
};

/// Planar float R'G'B' -> Y'CbCr (rounded to nearest, clipped to the code range, NaN as 0).
template <typename T>
struct RgbToYcbcrArgs {
    Plane<const float> r, g, b;
    YcbcrFormat format;
    YcbcrPlanes<T> out;
};

/// A program on planar float R'G'B', in place.
struct ProgramPlanarArgs {
    Plane<float> r, g, b;
    ColorProgram program;
};

enum class PackedSample : uint8_t { U8, U16, F16, F32 };

/// A program on packed RGB or RGBA (alpha untouched), in place: `data` rows of width * channels
/// samples. Counts pixels with a non-finite input component into *nonfinite (device memory for
/// the kernel; may be null).
struct ProgramPackedArgs {
    void* data = nullptr;
    std::ptrdiff_t pitch = 0;
    int width = 0;
    int height = 0;
    int channels = 3;
    PackedSample sample = PackedSample::F32;
    ColorProgram program;
    unsigned long long* nonfinite = nullptr;
};

/// The fused chain: in (Y'CbCr) -> float R'G'B' -> program -> out (Y'CbCr), same picture size;
/// formats may differ (depth, range, layout, matrix). Equal to ycbcr_to_rgb, then the program,
/// then rgb_to_ycbcr.
template <typename In, typename Out>
struct ColorChainArgs {
    YcbcrPlanes<const In> in;
    YcbcrFormat in_format;
    ColorProgram program;
    YcbcrPlanes<Out> out;
    YcbcrFormat out_format;
};

template <typename T>
bool args_valid(const YcbcrToRgbArgs<T>& args);
template <typename T>
bool args_valid(const RgbToYcbcrArgs<T>& args);
bool args_valid(const ProgramPlanarArgs& args);
bool args_valid(const ProgramPackedArgs& args);
template <typename In, typename Out>
bool args_valid(const ColorChainArgs<In, Out>& args);

namespace ref {
/// Scalar references; false (writing nothing) when !args_valid(args).
template <typename T>
bool ycbcr_to_rgb(const YcbcrToRgbArgs<T>& args);
template <typename T>
bool rgb_to_ycbcr(const RgbToYcbcrArgs<T>& args);
bool apply_program(const ProgramPlanarArgs& args);
bool apply_program(const ProgramPackedArgs& args);
template <typename In, typename Out>
bool color_chain(const ColorChainArgs<In, Out>& args);
}  // namespace ref

}  // namespace slate_gpu
