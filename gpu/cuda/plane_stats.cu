// SPDX-License-Identifier: Apache-2.0
#include <climits>

#include "launch.cuh"
#include "slate_gpu/kernels_cuda.h"

namespace slate_gpu::cuda {
namespace {

constexpr int kThreads = 256;
constexpr int kWarps = kThreads / 32;
// One block per row up to this many, then blocks stride over rows: enough blocks to fill an H100
// (132 SMs x 8 resident blocks) while keeping the final atomics (4 per block) negligible.
constexpr int kMaxBlocks = 2048;

// Partial statistics of one thread, warp or block. Squares of 16-bit codes fit 32 bits, their
// sums need 64.
struct Partial {
    unsigned min;
    unsigned max;
    unsigned long long sum;
    unsigned long long sum_squares;
};

__device__ Partial combine(Partial a, Partial b) {
    return Partial{min(a.min, b.min), max(a.max, b.max), a.sum + b.sum,
                   a.sum_squares + b.sum_squares};
}

__device__ Partial warp_reduce(Partial p) {
    for (int offset = 16; offset > 0; offset /= 2) {
        Partial other{__shfl_down_sync(0xffffffffu, p.min, offset),
                      __shfl_down_sync(0xffffffffu, p.max, offset),
                      __shfl_down_sync(0xffffffffu, p.sum, offset),
                      __shfl_down_sync(0xffffffffu, p.sum_squares, offset)};
        p = combine(p, other);
    }
    return p;
}

__device__ Partial thread_partial(const Plane<const uint16_t>& src) {
    Partial p{UINT_MAX, 0u, 0ull, 0ull};
    for (int y = static_cast<int>(blockIdx.x); y < src.height; y += static_cast<int>(gridDim.x)) {
        const uint16_t* in = row(src, y);
#pragma unroll 4
        for (int x = static_cast<int>(threadIdx.x); x < src.width; x += kThreads) {
            const unsigned v = in[x];
            p.min = min(p.min, v);
            p.max = max(p.max, v);
            p.sum += v;
            p.sum_squares += v * v;
        }
    }
    return p;
}

__global__ void reset_kernel(PlaneStats* result) {
    *result = PlaneStats{ULLONG_MAX, 0, 0, 0};
}

__global__ void __launch_bounds__(kThreads) stats_kernel(PlaneStatsArgs args) {
    __shared__ Partial warps[kWarps];
    Partial p = warp_reduce(thread_partial(args.src));
    const unsigned lane = threadIdx.x % 32u;
    const unsigned warp = threadIdx.x / 32u;
    if (lane == 0) warps[warp] = p;
    __syncthreads();
    if (warp != 0) return;
    p = lane < kWarps ? warps[lane] : Partial{UINT_MAX, 0u, 0ull, 0ull};
    p = warp_reduce(p);
    if (lane != 0) return;
    auto* result = reinterpret_cast<unsigned long long*>(args.result);
    atomicMin(&result[0], static_cast<unsigned long long>(p.min));
    atomicMax(&result[1], static_cast<unsigned long long>(p.max));
    atomicAdd(&result[2], p.sum);
    atomicAdd(&result[3], p.sum_squares);
}

}  // namespace

cudaError_t plane_stats(const PlaneStatsArgs& args, cudaStream_t stream) {
    static_assert(sizeof(PlaneStats) == 4 * sizeof(unsigned long long));
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.src.width == 0 || args.src.height == 0)
        return cudaMemsetAsync(args.result, 0, sizeof(PlaneStats), stream);
    reset_kernel<<<1, 1, 0, stream>>>(args.result);
    const int blocks = std::min(args.src.height, kMaxBlocks);
    stats_kernel<<<blocks, kThreads, 0, stream>>>(args);
    return detail::launch_status();
}

}  // namespace slate_gpu::cuda
