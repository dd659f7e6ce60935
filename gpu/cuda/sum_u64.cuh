// SPDX-License-Identifier: Apache-2.0
#pragma once

// Deterministic 64-bit integer sums of the metric reductions (PSNR's squared errors, motion's
// absolute differences): each block of a first pass reduces its values with block_sum_u64 and
// writes one partial; final_sum_u64 (one block) adds the partials and writes the result. Integer
// sums, so the order does not matter for the value; no atomics either way. Included by .cu
// files only.

#include <cstdint>

namespace slate_gpu::cuda::sums {

/// Threads per block of the passes that use these sums.
inline constexpr int kThreads = 256;
/// First-pass blocks at most (one per row below that): enough to fill an H100 (132 SMs); the
/// workspaces hold this many partials.
inline constexpr int kMaxBlocks = 1024;

__device__ inline unsigned long long warp_sum_u64(unsigned long long v) {
    for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

/// The sum of v over a block of kThreads threads, in thread 0. Every thread must call it.
__device__ inline unsigned long long block_sum_u64(unsigned long long v) {
    constexpr int kWarps = kThreads / 32;
    __shared__ unsigned long long warps[kWarps];
    v = warp_sum_u64(v);
    const unsigned lane = threadIdx.x % 32u;
    const unsigned warp = threadIdx.x / 32u;
    if (lane == 0) warps[warp] = v;
    __syncthreads();
    v = 0;
    if (warp == 0) {
        v = lane < kWarps ? warps[lane] : 0ull;
        v = warp_sum_u64(v);
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
