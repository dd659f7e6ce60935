// SPDX-License-Identifier: Apache-2.0
#include "launch.cuh"
#include "slate_gpu/kernels_cuda.h"

namespace slate_gpu::cuda {
namespace {

// The codes one output pixel needs: its luma and the chroma pair around it (the same sample
// twice on even columns, which are co-sited).
struct Codes {
    unsigned y, cb0, cb1, cr0, cr1;
};

__device__ float normalise(float code, const Levels& levels) {
    return (code - levels.offset) / levels.span;
}

__device__ float clamped(unsigned code, const Levels& levels) {
    return static_cast<float>(min(code, levels.max_code));
}

// Co-sited 4:2:2 chroma (see Yuv422ToRgbArgs). Averaging the clamped codes is exact in float, so
// only the normalisation rounds, as in the reference.
__device__ float chroma(unsigned c0, unsigned c1, bool odd, const Levels& levels) {
    if (!odd) return normalise(clamped(c0, levels), levels);
    return normalise((clamped(c0, levels) + clamped(c1, levels)) * 0.5f, levels);
}

__global__ void yuv422_to_rgb_kernel(Yuv422ToRgbArgs args) {
    const int x = detail::pixel_x();
    if (x >= args.y.width) return;
    const int left = x / 2;
    const int right = (x & 1) != 0 ? min(left + 1, args.cb.width - 1) : left;
    const YuvMatrix m = args.matrix;
    auto load = [&](int y) {
        const uint16_t* cb = row(args.cb, y);
        const uint16_t* cr = row(args.cr, y);
        return Codes{row(args.y, y)[x], cb[left], cb[right], cr[left], cr[right]};
    };
    auto store = [&](int y, const Codes& c) {
        const float luma = normalise(clamped(c.y, args.luma), args.luma);
        const float u = chroma(c.cb0, c.cb1, (x & 1) != 0, args.chroma);
        const float v = chroma(c.cr0, c.cr1, (x & 1) != 0, args.chroma);
        // nvcc contracts these into FMAs (one rounding fewer than the reference): see the
        // tolerance in the kernel registry.
        row(args.r, y)[x] = luma + m.cr_to_r * v;
        row(args.g, y)[x] = luma + m.cb_to_g * u + m.cr_to_g * v;
        row(args.b, y)[x] = luma + m.cb_to_b * u;
    };
    detail::for_each_row(args.y.height, load, store);
}

}  // namespace

cudaError_t yuv422_to_rgb(const Yuv422ToRgbArgs& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.y.width == 0 || args.y.height == 0) return cudaSuccess;
    const dim3 grid = detail::pixel_grid(args.y.width, args.y.height);
    yuv422_to_rgb_kernel<<<grid, detail::pixel_block(), 0, stream>>>(args);
    return detail::launch_status();
}

}  // namespace slate_gpu::cuda
