// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>

#include "slate_gpu/levels.h"
#include "slate_gpu/plane.h"

namespace slate_gpu {

/// Integer plane (8-bit codes in uint8, 8..16-bit codes in uint16) to normalised floats:
/// dst = (min(src, levels.max_code) - levels.offset) / levels.span. Planes have the same size.
template <typename T>
struct UnpackArgs {
    Plane<const T> src;
    Plane<float> dst;
    Levels levels;
};

/// True when the planes fit together and the levels fit the sample type.
template <typename T>
bool args_valid(const UnpackArgs<T>& args) {
    return plane_valid(args.src) && plane_valid(args.dst) && same_size(args.src, args.dst) &&
           args.levels.span > 0.0f &&
           args.levels.max_code <= uint32_t{std::numeric_limits<T>::max()};
}

namespace ref {
/// Scalar reference of unpack_to_float. Returns false (writing nothing) when !args_valid(args).
bool unpack_to_float(const UnpackArgs<uint8_t>& args);
/// Scalar reference of unpack_to_float for 9..16-bit codes in uint16 samples.
bool unpack_to_float(const UnpackArgs<uint16_t>& args);
}  // namespace ref

}  // namespace slate_gpu
