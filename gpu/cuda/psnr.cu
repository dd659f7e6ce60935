// SPDX-License-Identifier: Apache-2.0
// PSNR's sum of squared errors on the device. Two launches, no atomics: blocks stride over rows,
// threads over columns, each block writes its 64-bit partial to the workspace; one block then
// adds the partials in a fixed order and writes the result. Integer sums, so the result equals
// the reference (gpu/ref/psnr.cpp) exactly whatever the order.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "launch.cuh"
#include "slate_gpu/detail/psnr_math.h"
#include "slate_gpu/kernels_metrics_cuda.h"
#include "sums.cuh"

namespace slate_gpu::cuda {

namespace sg = slate_gpu::detail;  // the shared maths (cuda::detail is launch.cuh's)

namespace {

using sums::kMaxBlocks;
using sums::kThreads;

template <typename T>
struct Vec4;
template <>
struct Vec4<uint8_t> {
    using type = uchar4;
};
template <>
struct Vec4<uint16_t> {
    using type = ushort4;
};

__device__ unsigned squares4(uchar4 a, uchar4 b) {
    return sg::squared_error(a.x, b.x) + sg::squared_error(a.y, b.y) + sg::squared_error(a.z, b.z) +
           sg::squared_error(a.w, b.w);
}
__device__ unsigned long long squares4(ushort4 a, ushort4 b) {
    // A 16-bit square fits 32 bits, two of them do not.
    return static_cast<unsigned long long>(sg::squared_error(a.x, b.x)) +
           sg::squared_error(a.y, b.y) + sg::squared_error(a.z, b.z) + sg::squared_error(a.w, b.w);
}

/// Blocks stride over rows, threads over columns. kVector: both planes' data and pitches are
/// aligned to 4 samples, so a thread loads 4 samples at once (one 1-byte load per thread keeps
/// too few bytes in flight); the last width % 4 columns go one by one.
template <typename T, bool kVector>
__global__ void __launch_bounds__(kThreads)
    sse_partial_kernel(MetricPlane a, MetricPlane b, unsigned long long* partials) {
    using V = typename Vec4<T>::type;
    unsigned long long sum = 0;
    const int groups = kVector ? a.width / 4 : 0;
    for (int y = static_cast<int>(blockIdx.x); y < a.height; y += static_cast<int>(gridDim.x)) {
        const T* ra = reinterpret_cast<const T*>(static_cast<const unsigned char*>(a.data) +
                                                 static_cast<std::ptrdiff_t>(y) * a.pitch);
        const T* rb = reinterpret_cast<const T*>(static_cast<const unsigned char*>(b.data) +
                                                 static_cast<std::ptrdiff_t>(y) * b.pitch);
        if (kVector) {
            const V* va = reinterpret_cast<const V*>(ra);
            const V* vb = reinterpret_cast<const V*>(rb);
#pragma unroll 4
            for (int g = static_cast<int>(threadIdx.x); g < groups; g += kThreads)
                sum += squares4(va[g], vb[g]);
        }
        for (int x = groups * 4 + static_cast<int>(threadIdx.x); x < a.width; x += kThreads)
            sum += sg::squared_error(ra[x], rb[x]);
    }
    sum = sums::block_sum_u64(sum);
    if (threadIdx.x == 0) partials[blockIdx.x] = sum;
}

template <typename T>
void launch_partials(const MetricPlane& a, const MetricPlane& b, int blocks,
                     unsigned long long* partials, cudaStream_t stream) {
    const auto bits = reinterpret_cast<uintptr_t>(a.data) | reinterpret_cast<uintptr_t>(b.data) |
                      static_cast<uintptr_t>(a.pitch) | static_cast<uintptr_t>(b.pitch);
    if (bits % (4 * sizeof(T)) == 0)
        sse_partial_kernel<T, true><<<blocks, kThreads, 0, stream>>>(a, b, partials);
    else
        sse_partial_kernel<T, false><<<blocks, kThreads, 0, stream>>>(a, b, partials);
}

__global__ void zero_kernel(uint64_t* result) {
    *result = 0;
}

}  // namespace

struct PsnrWorkspace::Impl {
    unsigned long long* partials = nullptr;  ///< kMaxBlocks, allocated by reserve()
    ~Impl() {
        if (partials) cudaFree(partials);
    }
};

PsnrWorkspace::PsnrWorkspace() : m_impl(std::make_unique<Impl>()) {}
PsnrWorkspace::~PsnrWorkspace() = default;
PsnrWorkspace::PsnrWorkspace(PsnrWorkspace&&) noexcept = default;
PsnrWorkspace& PsnrWorkspace::operator=(PsnrWorkspace&&) noexcept = default;

cudaError_t PsnrWorkspace::reserve(int width, int height) {
    if (width < 0 || height < 0) return cudaErrorInvalidValue;
    if (!m_impl) m_impl = std::make_unique<Impl>();
    if (m_impl->partials) return cudaSuccess;  // the size of the partials does not depend on w x h
    return cudaMalloc(&m_impl->partials, sizeof(unsigned long long) * kMaxBlocks);
}

cudaError_t sum_squared_error(const MetricPlane& a, const MetricPlane& b, PsnrWorkspace& ws,
                              uint64_t* device_result, cudaStream_t stream) {
    static_assert(sizeof(unsigned long long) == sizeof(uint64_t));
    if (!metric_pair_valid(a, b) || device_result == nullptr) return cudaErrorInvalidValue;
    if (a.width == 0 || a.height == 0) {
        zero_kernel<<<1, 1, 0, stream>>>(device_result);
        return detail::launch_status();
    }
    PsnrWorkspace::Impl* impl = ws.impl();
    if (impl == nullptr || impl->partials == nullptr) return cudaErrorInvalidValue;
    const int blocks = std::min(a.height, kMaxBlocks);
    if (a.wide())
        launch_partials<uint16_t>(a, b, blocks, impl->partials, stream);
    else
        launch_partials<uint8_t>(a, b, blocks, impl->partials, stream);
    sums::final_sum_u64<<<1, kThreads, 0, stream>>>(impl->partials, blocks, device_result);
    return detail::launch_status();
}

}  // namespace slate_gpu::cuda
