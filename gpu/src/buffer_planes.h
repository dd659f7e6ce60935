// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers of the registry adapters: typed planes from type-erased buffers.

#include <cstdint>

#include "slate_gpu/plane.h"
#include "slate_gpu/registry.h"

namespace slate_gpu::detail {

/// A registry buffer seen as a plane of T.
template <typename T>
Plane<T> plane_of(const Buffer& buffer) {
    return Plane<T>{static_cast<T*>(buffer.data), buffer.pitch, buffer.width, buffer.height};
}

/// The registry sample type of T.
template <typename T>
constexpr SampleType sample_type_of() {
    if constexpr (sizeof(T) == 1)
        return SampleType::U8;
    else
        return SampleType::U16;
}

/// The levels of a variant's own component.
inline Levels levels_of(const Variant& variant) {
    return levels_for(variant.bit_depth, variant.range, variant.component);
}

}  // namespace slate_gpu::detail
