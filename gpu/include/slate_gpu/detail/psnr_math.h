// SPDX-License-Identifier: Apache-2.0
#pragma once

// PSNR's per-sample term, shared by the scalar reference (gpu/ref/psnr.cpp) and the CUDA kernel
// (gpu/cuda/psnr.cu). Samples have up to 16 bits: a square fits 32 bits, sums need 64.

#include <cstdint>

#include "slate_gpu/plane.h"  // SLATE_GPU_HD

namespace slate_gpu::detail {

SLATE_GPU_HD inline uint32_t squared_error(uint32_t a, uint32_t b) {
    const uint32_t d = a > b ? a - b : b - a;
    return d * d;
}

}  // namespace slate_gpu::detail
