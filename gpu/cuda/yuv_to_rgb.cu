// SPDX-License-Identifier: Apache-2.0
#include "launch.cuh"
#include "slate_gpu/kernels_cuda.h"

namespace slate_gpu::cuda {
namespace {

__device__ float normalise(unsigned code, const Levels& levels) {
    return (static_cast<float>(min(code, levels.max_code)) - levels.offset) / levels.span;
}

// Co-sited 4:2:2 chroma at luma column x; see Yuv422ToRgbArgs. Averaging the clamped codes is
// exact in float, so only the normalisation rounds, as in the reference.
__device__ float chroma_at(const uint16_t* c, int x, int chroma_width, const Levels& levels) {
    const int left = x / 2;
    const unsigned a = min(static_cast<unsigned>(c[left]), levels.max_code);
    if ((x & 1) == 0) return normalise(a, levels);
    const unsigned b = min(static_cast<unsigned>(c[min(left + 1, chroma_width - 1)]), levels.max_code);
    const float mean = (static_cast<float>(a) + static_cast<float>(b)) * 0.5f;
    return (mean - levels.offset) / levels.span;
}

__global__ void yuv422_to_rgb_kernel(Yuv422ToRgbArgs args) {
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (x >= args.y.width) return;
    const YuvMatrix m = args.matrix;
    for (int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y); y < args.y.height;
         y += static_cast<int>(gridDim.y * blockDim.y)) {
        const float luma = normalise(row(args.y, y)[x], args.luma);
        const float u = chroma_at(row(args.cb, y), x, args.cb.width, args.chroma);
        const float v = chroma_at(row(args.cr, y), x, args.cr.width, args.chroma);
        // nvcc contracts these into FMAs (one rounding fewer than the reference): see the
        // tolerance in the kernel registry.
        row(args.r, y)[x] = luma + m.cr_to_r * v;
        row(args.g, y)[x] = luma + m.cb_to_g * u + m.cr_to_g * v;
        row(args.b, y)[x] = luma + m.cb_to_b * u;
    }
}

}  // namespace

cudaError_t yuv422_to_rgb(const Yuv422ToRgbArgs& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.y.width == 0 || args.y.height == 0) return cudaSuccess;
    yuv422_to_rgb_kernel<<<detail::pixel_grid(args.y.width, args.y.height), detail::pixel_block(),
                           0, stream>>>(args);
    return detail::launch_status();
}

}  // namespace slate_gpu::cuda
