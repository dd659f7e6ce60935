// SPDX-License-Identifier: Apache-2.0
#pragma once

// Plain data shared by the scalar references (any C++20 compiler) and the CUDA kernels (nvcc):
// only the standard library, so gpu/ builds on a machine with CUDA alone.

#include <cstddef>
#include <cstdint>
#include <type_traits>

#if defined(__CUDACC__)
#define SLATE_GPU_HD __host__ __device__
#else
#define SLATE_GPU_HD
#endif

namespace slate_gpu {

/// A 2-D plane of samples of type T, in host or device memory: `height` rows of `width` samples,
/// each row starting `pitch` bytes after the previous one. The plane does not own its memory.
template <typename T>
struct Plane {
    T* data = nullptr;
    std::ptrdiff_t pitch = 0;  ///< bytes between row starts, at least width * sizeof(T)
    int width = 0;
    int height = 0;
};

/// Start of row y of a plane; works for const and mutable samples, on host and device.
template <typename T>
SLATE_GPU_HD inline T* row(const Plane<T>& plane, int y) {
    using Byte = std::conditional_t<std::is_const_v<T>, const std::byte, std::byte>;
    return reinterpret_cast<T*>(reinterpret_cast<Byte*>(plane.data) +
                                static_cast<std::ptrdiff_t>(y) * plane.pitch);
}

/// True when the plane has memory for its size and a pitch that fits a row (empty planes are
/// valid).
template <typename T>
inline bool plane_valid(const Plane<T>& plane) {
    if (plane.width < 0 || plane.height < 0) return false;
    if (plane.width == 0 || plane.height == 0) return true;
    return plane.data != nullptr && plane.pitch >= static_cast<std::ptrdiff_t>(plane.width) *
                                                       static_cast<std::ptrdiff_t>(sizeof(T));
}

/// True when both planes have the same width and height.
template <typename A, typename B>
inline bool same_size(const Plane<A>& a, const Plane<B>& b) {
    return a.width == b.width && a.height == b.height;
}

}  // namespace slate_gpu
