// SPDX-License-Identifier: Apache-2.0
// VMAF's motion feature on the device.
// * motion_blur: one kernel. A block of 32 x 8 threads blurs a 32 x 32 tile: it loads the tile
//   and its 2-sample border (36 x 36, coordinates mirrored as libvmaf does) into shared memory,
//   runs the vertical pass into a second shared array (32 rows x 36 columns), then the
//   horizontal pass, four output rows per thread. The per-sample maths is
//   detail/motion_math.h's, as in the reference (gpu/ref/motion.cpp); all integer, so exact.
// * motion_sad: blocks stride over rows, threads over columns; per-block 64-bit partials in the
//   workspace, then one block adds them in a fixed order (integers: exact in any order).
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "launch.cuh"
#include "slate_gpu/detail/motion_math.h"
#include "slate_gpu/kernels_metrics_cuda.h"
#include "sums.cuh"

namespace slate_gpu::cuda {

namespace sg = slate_gpu::detail;  // the shared maths (cuda::detail is launch.cuh's)

namespace {

// ---- blur ----

constexpr int kTileW = 32;
constexpr int kTileH = 32;
constexpr int kBlurThreadsX = 32;
constexpr int kBlurThreadsY = 8;
constexpr int kBlurThreads = kBlurThreadsX * kBlurThreadsY;
constexpr int kHalo = sg::kMotionRadius;
constexpr int kInW = kTileW + 2 * kHalo;
constexpr int kInH = kTileH + 2 * kHalo;
constexpr unsigned kMaxGridY = 65535;
static_assert(kTileW == kBlurThreadsX && kTileH % kBlurThreadsY == 0);

template <typename T>
__global__ void __launch_bounds__(kBlurThreads)
    blur_kernel(MetricPlane src, Plane<uint16_t> out, int tiles_y) {
    __shared__ uint32_t in[kInH][kInW];
    __shared__ uint32_t t[kTileH][kInW];
    const int w = src.width, h = src.height;
    const int tid = static_cast<int>(threadIdx.y) * kBlurThreadsX + static_cast<int>(threadIdx.x);
    const int x0 = static_cast<int>(blockIdx.x) * kTileW;
    for (int tile_y = static_cast<int>(blockIdx.y); tile_y < tiles_y;
         tile_y += static_cast<int>(gridDim.y)) {
        const int y0 = tile_y * kTileH;
        // Input tile with its border, mirrored. Any index mirrors into the plane, so columns and
        // rows past the plane's end (in the last tiles) read valid samples that nothing stores.
        for (int i = tid; i < kInH * kInW; i += kBlurThreads) {
            const int r = i / kInW, c = i % kInW;
            const int gy = sg::motion_mirror(y0 - kHalo + r, h);
            const int gx = sg::motion_mirror(x0 - kHalo + c, w);
            const T* row_ptr =
                reinterpret_cast<const T*>(static_cast<const unsigned char*>(src.data) +
                                           static_cast<std::ptrdiff_t>(gy) * src.pitch);
            in[r][c] = row_ptr[gx];
        }
        __syncthreads();
        // Vertical pass: rows y0..y0+31 at all 36 columns.
        for (int i = tid; i < kTileH * kInW; i += kBlurThreads) {
            const int r = i / kInW, c = i % kInW;
            t[r][c] = sg::motion_vertical(in[r][c], in[r + 1][c], in[r + 2][c], in[r + 3][c],
                                          in[r + 4][c], src.bit_depth);
        }
        __syncthreads();
        // Horizontal pass and store.
        const int c = static_cast<int>(threadIdx.x);
        const int x = x0 + c;
#pragma unroll
        for (int k = 0; k < kTileH / kBlurThreadsY; ++k) {
            const int r = static_cast<int>(threadIdx.y) + k * kBlurThreadsY;
            const int y = y0 + r;
            if (x < w && y < h)
                row(out, y)[x] = sg::motion_horizontal(t[r][c], t[r][c + 1], t[r][c + 2],
                                                       t[r][c + 3], t[r][c + 4]);
        }
        __syncthreads();  // before the next tile overwrites the shared arrays
    }
}

// ---- SAD ----

using sums::kMaxBlocks;
using sums::kThreads;

/// kVector: both planes' data and pitches are multiples of 8 bytes, so a thread loads four
/// samples at once; the last width % 4 columns go one by one.
template <bool kVector>
__global__ void __launch_bounds__(kThreads)
    sad_partial_kernel(Plane<const uint16_t> a, Plane<const uint16_t> b,
                       unsigned long long* partials) {
    unsigned long long sum = 0;
    const int groups = kVector ? a.width / 4 : 0;
    for (int y = static_cast<int>(blockIdx.x); y < a.height; y += static_cast<int>(gridDim.x)) {
        const uint16_t* ra = row(a, y);
        const uint16_t* rb = row(b, y);
        if (kVector) {
            const auto* va = reinterpret_cast<const ushort4*>(ra);
            const auto* vb = reinterpret_cast<const ushort4*>(rb);
#pragma unroll 4
            for (int g = static_cast<int>(threadIdx.x); g < groups; g += kThreads) {
                const ushort4 p = va[g], q = vb[g];
                // Each |a - b| is below 2^16: four fit 32 bits.
                sum += sg::motion_abs_diff(p.x, q.x) + sg::motion_abs_diff(p.y, q.y) +
                       sg::motion_abs_diff(p.z, q.z) + sg::motion_abs_diff(p.w, q.w);
            }
        }
        for (int x = groups * 4 + static_cast<int>(threadIdx.x); x < a.width; x += kThreads)
            sum += sg::motion_abs_diff(ra[x], rb[x]);
    }
    sum = sums::block_sum_u64(sum);
    if (threadIdx.x == 0) partials[blockIdx.x] = sum;
}

__global__ void zero_kernel(uint64_t* result) {
    *result = 0;
}

}  // namespace

struct MotionWorkspace::Impl {
    unsigned long long* partials = nullptr;  ///< kMaxBlocks, allocated by reserve()
    ~Impl() {
        if (partials) cudaFree(partials);
    }
};

MotionWorkspace::MotionWorkspace() : m_impl(std::make_unique<Impl>()) {}
MotionWorkspace::~MotionWorkspace() = default;
MotionWorkspace::MotionWorkspace(MotionWorkspace&&) noexcept = default;
MotionWorkspace& MotionWorkspace::operator=(MotionWorkspace&&) noexcept = default;

cudaError_t MotionWorkspace::reserve(int width, int height) {
    if (width < 0 || height < 0) return cudaErrorInvalidValue;
    if (!m_impl) m_impl = std::make_unique<Impl>();
    if (m_impl->partials) return cudaSuccess;  // the size of the partials does not depend on w x h
    return cudaMalloc(&m_impl->partials, sizeof(unsigned long long) * kMaxBlocks);
}

cudaError_t motion_blur(const MetricPlane& ref, const Plane<uint16_t>& out, MotionWorkspace& ws,
                        cudaStream_t stream) {
    (void)ws;  // the blur needs no scratch beyond shared memory
    if (!metric_plane_valid(ref) || !plane_valid(out) || out.width != ref.width ||
        out.height != ref.height)
        return cudaErrorInvalidValue;
    if (ref.width == 0 || ref.height == 0) return cudaSuccess;
    const int tiles_x = (ref.width + kTileW - 1) / kTileW;
    const int tiles_y = (ref.height + kTileH - 1) / kTileH;
    const dim3 grid(static_cast<unsigned>(tiles_x),
                    std::min(static_cast<unsigned>(tiles_y), kMaxGridY));
    const dim3 block(kBlurThreadsX, kBlurThreadsY);
    if (ref.wide())
        blur_kernel<uint16_t><<<grid, block, 0, stream>>>(ref, out, tiles_y);
    else
        blur_kernel<uint8_t><<<grid, block, 0, stream>>>(ref, out, tiles_y);
    return detail::launch_status();
}

cudaError_t motion_sad(const Plane<const uint16_t>& a, const Plane<const uint16_t>& b,
                       MotionWorkspace& ws, uint64_t* device_result, cudaStream_t stream) {
    static_assert(sizeof(unsigned long long) == sizeof(uint64_t));
    if (!plane_valid(a) || !plane_valid(b) || !same_size(a, b) || device_result == nullptr)
        return cudaErrorInvalidValue;
    if (a.width == 0 || a.height == 0) {
        zero_kernel<<<1, 1, 0, stream>>>(device_result);
        return detail::launch_status();
    }
    MotionWorkspace::Impl* impl = ws.impl();
    if (impl == nullptr || impl->partials == nullptr) return cudaErrorInvalidValue;
    const int blocks = std::min(a.height, kMaxBlocks);
    const auto bits = reinterpret_cast<uintptr_t>(a.data) | reinterpret_cast<uintptr_t>(b.data) |
                      static_cast<uintptr_t>(a.pitch) | static_cast<uintptr_t>(b.pitch);
    if (bits % 8 == 0)
        sad_partial_kernel<true><<<blocks, kThreads, 0, stream>>>(a, b, impl->partials);
    else
        sad_partial_kernel<false><<<blocks, kThreads, 0, stream>>>(a, b, impl->partials);
    sums::final_sum_u64<<<1, kThreads, 0, stream>>>(impl->partials, blocks, device_result);
    return detail::launch_status();
}

}  // namespace slate_gpu::cuda
