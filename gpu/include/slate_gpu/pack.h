// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>

#include "slate_gpu/levels.h"
#include "slate_gpu/plane.h"

namespace slate_gpu {

/// Normalised floats to integer codes: dst = clamp(round_half_even(fma(src, span, offset)), 0,
/// max_code), with NaN giving 0. The fused multiply-add (one rounding) is used on both the CPU
/// and the GPU so that the integer result is identical on both. Planes have the same size.
template <typename T>
struct PackArgs {
    Plane<const float> src;
    Plane<T> dst;
    Levels levels;
};

/// True when the planes fit together and the levels fit the sample type.
template <typename T>
bool args_valid(const PackArgs<T>& args) {
    return plane_valid(args.src) && plane_valid(args.dst) && same_size(args.src, args.dst) &&
           args.levels.span > 0.0f &&
           args.levels.max_code <= uint32_t{std::numeric_limits<T>::max()};
}

namespace ref {
/// Scalar reference of pack_from_float. Returns false (writing nothing) when !args_valid(args).
bool pack_from_float(const PackArgs<uint8_t>& args);
/// Scalar reference of pack_from_float to 9..16-bit codes in uint16 samples.
bool pack_from_float(const PackArgs<uint16_t>& args);
}  // namespace ref

}  // namespace slate_gpu
