// SPDX-License-Identifier: Apache-2.0
#include "launch.cuh"
#include "slate_gpu/kernels_cuda.h"

namespace slate_gpu::cuda {
namespace {

template <typename T>
__device__ T pack_sample(float value, float span, float offset, unsigned max_code) {
    // __fmaf_rn: one rounding, as std::fma in the reference; rintf rounds half to even, as
    // std::nearbyint in the default rounding mode.
    const float code = rintf(__fmaf_rn(value, span, offset));
    if (!(code > 0.0f)) return 0;  // also NaN
    if (code >= static_cast<float>(max_code)) return static_cast<T>(max_code);
    return static_cast<T>(code);
}

template <typename T>
__global__ void pack_kernel(PackArgs<T> args) {
    const int x = detail::pixel_x();
    if (x >= args.src.width) return;
    const Levels levels = args.levels;
    detail::for_each_row(
        args.src.height, [&](int y) { return row(args.src, y)[x]; },
        [&](int y, float value) {
            row(args.dst, y)[x] =
                pack_sample<T>(value, levels.span, levels.offset, levels.max_code);
        });
}

template <typename T>
cudaError_t launch(const PackArgs<T>& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.src.width == 0 || args.src.height == 0) return cudaSuccess;
    const dim3 grid = detail::pixel_grid(args.src.width, args.src.height);
    pack_kernel<T><<<grid, detail::pixel_block(), 0, stream>>>(args);
    return detail::launch_status();
}

}  // namespace

cudaError_t pack_from_float(const PackArgs<uint8_t>& args, cudaStream_t stream) {
    return launch(args, stream);
}

cudaError_t pack_from_float(const PackArgs<uint16_t>& args, cudaStream_t stream) {
    return launch(args, stream);
}

}  // namespace slate_gpu::cuda
