// SPDX-License-Identifier: Apache-2.0
#pragma once

// Launch geometry shared by the per-pixel kernels: 32 x 8 threads per block, one pixel per thread
// in x (a warp reads one contiguous run of a row), a grid-stride loop in y so that any height fits
// the 65535-block limit of gridDim.y.

#include <cuda_runtime_api.h>

#include <algorithm>

namespace slate_gpu::cuda::detail {

constexpr int kBlockX = 32;
constexpr int kBlockY = 8;
constexpr unsigned kMaxGridY = 65535;

/// Threads per block of a per-pixel kernel.
inline dim3 pixel_block() { return dim3(kBlockX, kBlockY); }

/// Blocks covering width x height pixels (height through the grid-stride loop).
inline dim3 pixel_grid(int width, int height) {
    const auto blocks_x = static_cast<unsigned>((width + kBlockX - 1) / kBlockX);
    const auto blocks_y = static_cast<unsigned>((height + kBlockY - 1) / kBlockY);
    return dim3(blocks_x, std::min(blocks_y, kMaxGridY));
}

/// The launch status after enqueuing a kernel (configuration errors, missing kernel image).
inline cudaError_t launch_status() { return cudaGetLastError(); }

}  // namespace slate_gpu::cuda::detail
