// SPDX-License-Identifier: Apache-2.0
#include "launch.cuh"
#include "slate_gpu/kernels_cuda.h"

namespace slate_gpu::cuda {
namespace {

template <typename T>
__global__ void unpack_kernel(UnpackArgs<T> args) {
    const int x = detail::pixel_x();
    if (x >= args.src.width) return;
    const Levels levels = args.levels;
    detail::for_each_row(
        args.src.height, [&](int y) { return static_cast<unsigned>(row(args.src, y)[x]); },
        [&](int y, unsigned code) {
            // IEEE division (nvcc's default -prec-div=true) so codes map exactly as on the CPU.
            row(args.dst, y)[x] =
                (static_cast<float>(min(code, levels.max_code)) - levels.offset) / levels.span;
        });
}

template <typename T>
cudaError_t launch(const UnpackArgs<T>& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.src.width == 0 || args.src.height == 0) return cudaSuccess;
    const dim3 grid = detail::pixel_grid(args.src.width, args.src.height);
    unpack_kernel<T><<<grid, detail::pixel_block(), 0, stream>>>(args);
    return detail::launch_status();
}

}  // namespace

cudaError_t unpack_to_float(const UnpackArgs<uint8_t>& args, cudaStream_t stream) {
    return launch(args, stream);
}

cudaError_t unpack_to_float(const UnpackArgs<uint16_t>& args, cudaStream_t stream) {
    return launch(args, stream);
}

}  // namespace slate_gpu::cuda
