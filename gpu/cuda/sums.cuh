// SPDX-License-Identifier: Apache-2.0
#pragma once

// Deterministic sums of the metric reductions: warp_sum (a fixed shuffle tree, for the integer
// sums of PSNR and motion and the double sums of SSIM and VIF); for the integer ones, each block
// of a first pass reduces its values with block_sum_u64 and writes one partial, and
// final_sum_u64 (one block) adds the partials and writes the result, no atomics. Included by .cu
// files only.

#include <cstdint>

namespace slate_gpu::cuda::sums {

/// Threads per block of the passes that use these sums.
inline constexpr int kThreads = 256;
/// First-pass blocks at most (one per row below that): enough to fill an H100 (132 SMs); the
/// workspaces hold this many partials.
inline constexpr int kMaxBlocks = 1024;

/// The sum of v over a full warp, in lane 0 (a fixed tree: the same order on every run). Used for
/// the integer sums here and for the double sums of SSIM and VIF.
template <typename T>
__device__ inline T warp_sum(T v) {
    for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

/// The sum of v over a block of kThreads threads, in thread 0. Every thread must call it.
__device__ inline unsigned long long block_sum_u64(unsigned long long v) {
    constexpr int kWarps = kThreads / 32;
    __shared__ unsigned long long warps[kWarps];
    v = warp_sum(v);
    const unsigned lane = threadIdx.x % 32u;
    const unsigned warp = threadIdx.x / 32u;
    if (lane == 0) warps[warp] = v;
    __syncthreads();
    v = 0;
    if (warp == 0) {
        v = lane < kWarps ? warps[lane] : 0ull;
        v = warp_sum(v);
    }
    return v;
}

/// One block of kThreads: *result = the sum of partials[0, count). A template so that every .cu
/// file may include it (one definition across translation units).
template <int kBlockThreads = kThreads>
__global__ void __launch_bounds__(kBlockThreads)
    final_sum_u64(const unsigned long long* partials, int count, uint64_t* result) {
    unsigned long long sum = 0;
    for (int i = static_cast<int>(threadIdx.x); i < count; i += kBlockThreads) sum += partials[i];
    sum = block_sum_u64(sum);
    if (threadIdx.x == 0) *result = sum;
}

}  // namespace slate_gpu::cuda::sums
