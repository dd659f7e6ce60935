// SPDX-License-Identifier: Apache-2.0
// Separable resampling: plumbing only, the per-sample maths is detail::tap_sum and
// detail::output_sample in resample.h, shared with the reference.
//
// Horizontal pass: a block of 32 x 8 threads covers 32 output columns; it first copies the
// weights and first indices of those columns into shared memory (they are the same for every
// row), then walks the rows, 8 at a time, in a grid-stride loop. A warp reads one row: adjacent
// threads start about `scale` samples apart, so its loads fall into a few contiguous segments.
// Vertical pass: one output column per thread; the weights of an output row are the same for a
// whole warp (one broadcast load through the read-only cache), and each tap reads one
// contiguous run of 32 floats of the intermediate row. Grid-stride in y for tall outputs.

#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstddef>

#include "slate_gpu/kernels_scale_cuda.h"

namespace slate_gpu::cuda {
namespace {

constexpr int kBlockX = 32;
constexpr int kBlockY = 8;
constexpr unsigned kMaxGridY = 65535;

dim3 block_shape() {
    return dim3(kBlockX, kBlockY);
}

dim3 grid_shape(int width, int height) {
    const auto blocks_x = static_cast<unsigned>((width + kBlockX - 1) / kBlockX);
    const auto blocks_y = static_cast<unsigned>((height + kBlockY - 1) / kBlockY);
    return dim3(blocks_x, std::min(blocks_y, kMaxGridY));
}

template <typename T>
__global__ void horizontal_kernel(Plane<const T> input, Plane<float> intermediate,
                                  FilterBank bank) {
    extern __shared__ float shared[];  // kBlockX * taps weights, then kBlockX first indices
    const int taps = bank.taps;
    float* weights = shared;
    int* first = reinterpret_cast<int*>(shared + kBlockX * taps);

    const int x0 = static_cast<int>(blockIdx.x) * kBlockX;
    const int columns = min(kBlockX, bank.out_size - x0);
    const int thread = static_cast<int>(threadIdx.y) * kBlockX + static_cast<int>(threadIdx.x);
    const int threads = kBlockX * kBlockY;
    const float* block_weights = bank.weights + static_cast<std::ptrdiff_t>(x0) * taps;
    for (int i = thread; i < columns * taps; i += threads) weights[i] = block_weights[i];
    for (int i = thread; i < columns; i += threads) first[i] = bank.first[x0 + i];
    __syncthreads();

    const int lx = static_cast<int>(threadIdx.x);
    if (lx >= columns) return;
    const int x = x0 + lx;
    const float* w = weights + lx * taps;
    const int start = first[lx];
    const int stride = static_cast<int>(gridDim.y) * kBlockY;
    for (int y = static_cast<int>(blockIdx.y) * kBlockY + static_cast<int>(threadIdx.y);
         y < input.height; y += stride) {
        row(intermediate, y)[x] =
            detail::tap_sum(w, taps, row(input, y) + start, static_cast<std::ptrdiff_t>(sizeof(T)));
    }
}

template <typename T>
__global__ void vertical_kernel(Plane<float> intermediate, Plane<T> output, FilterBank bank,
                                float max_code) {
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (x >= output.width) return;
    const Plane<const float> mid{intermediate.data, intermediate.pitch, intermediate.width,
                                 intermediate.height};
    const int taps = bank.taps;
    const int stride = static_cast<int>(gridDim.y) * kBlockY;
    for (int y = static_cast<int>(blockIdx.y) * kBlockY + static_cast<int>(threadIdx.y);
         y < output.height; y += stride) {
        const float* w = bank.weights + static_cast<std::ptrdiff_t>(y) * taps;
        const int start = __ldg(bank.first + y);
        const float sum = detail::tap_sum(w, taps, row(mid, start) + x, mid.pitch);
        row(output, y)[x] = detail::output_sample<T>(sum, max_code);
    }
}

template <typename T>
cudaError_t launch(const ResampleArgs<T>& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (resample_empty(args)) return cudaSuccess;

    const FilterBank& h = args.horizontal;
    const std::size_t shared_bytes =
        static_cast<std::size_t>(kBlockX) * static_cast<std::size_t>(h.taps) * sizeof(float) +
        static_cast<std::size_t>(kBlockX) * sizeof(int);
    // At kMaxResampleTaps taps this is 33 KiB: below the 48 KiB available without opting in.
    horizontal_kernel<T>
        <<<grid_shape(h.out_size, args.input.height), block_shape(), shared_bytes, stream>>>(
            args.input, args.intermediate, h);
    if (cudaError_t status = cudaGetLastError(); status != cudaSuccess) return status;

    vertical_kernel<T>
        <<<grid_shape(args.output.width, args.output.height), block_shape(), 0, stream>>>(
            args.intermediate, args.output, args.vertical, detail::max_code_of(args.bit_depth));
    return cudaGetLastError();
}

}  // namespace

cudaError_t resample(const ResampleArgs<uint8_t>& args, cudaStream_t stream) {
    return launch(args, stream);
}

cudaError_t resample(const ResampleArgs<uint16_t>& args, cudaStream_t stream) {
    return launch(args, stream);
}

cudaError_t resample(const ResampleArgs<float>& args, cudaStream_t stream) {
    return launch(args, stream);
}

}  // namespace slate_gpu::cuda
