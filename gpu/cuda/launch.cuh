// SPDX-License-Identifier: Apache-2.0
#pragma once

// Launch geometry and loop shared by the per-pixel kernels. A block is 32 x 8 threads, one pixel
// column per thread in x, so that a warp reads one contiguous run of a row. Each thread handles
// kRowsPerThread rows per step and issues all their loads before any store: a single 1- or
// 2-byte load per thread keeps too few bytes in flight to fill HBM. A grid-stride loop in y lets
// any height fit the 65535-block limit of gridDim.y.

#include <cuda_runtime_api.h>

#include <algorithm>

namespace slate_gpu::cuda::detail {

constexpr int kBlockX = 32;
constexpr int kBlockY = 8;
constexpr int kRowsPerThread = 4;
constexpr int kRowsPerBlock = kBlockY * kRowsPerThread;
constexpr unsigned kMaxGridY = 65535;

/// Threads per block of a per-pixel kernel.
inline dim3 pixel_block() {
    return dim3(kBlockX, kBlockY);
}

/// Blocks covering width x height pixels (taller planes through the grid-stride loop).
inline dim3 pixel_grid(int width, int height) {
    const auto blocks_x = static_cast<unsigned>((width + kBlockX - 1) / kBlockX);
    const auto blocks_y = static_cast<unsigned>((height + kRowsPerBlock - 1) / kRowsPerBlock);
    return dim3(blocks_x, std::min(blocks_y, kMaxGridY));
}

/// The launch status after enqueuing a kernel (configuration errors, missing kernel image).
inline cudaError_t launch_status() {
    return cudaGetLastError();
}

/// The pixel column of this thread.
__device__ inline int pixel_x() {
    return static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
}

/// Runs store(y, load(y)) for every row y of this thread's column below `height`, loading
/// kRowsPerThread rows before storing any. The compiler cannot do this reordering itself: as far
/// as it knows, the stores may alias the loads.
template <typename Load, typename Store>
__device__ void for_each_row(int height, Load load, Store store) {
    using Value = decltype(load(0));
    const int stride = static_cast<int>(gridDim.y) * kRowsPerBlock;
    for (int y0 = static_cast<int>(blockIdx.y) * kRowsPerBlock + static_cast<int>(threadIdx.y);
         y0 < height; y0 += stride) {
        Value values[kRowsPerThread];
#pragma unroll
        for (int r = 0; r < kRowsPerThread; ++r) {
            const int y = y0 + r * kBlockY;
            values[r] = y < height ? load(y) : Value{};
        }
#pragma unroll
        for (int r = 0; r < kRowsPerThread; ++r) {
            const int y = y0 + r * kBlockY;
            if (y < height) store(y, values[r]);
        }
    }
}

}  // namespace slate_gpu::cuda::detail
