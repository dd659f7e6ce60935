// SPDX-License-Identifier: Apache-2.0
// float_ssim and float_ms_ssim on the device (ssim.h, kernels_metrics_cuda.h). The per-position
// maths is detail/ssim_math.h, the scalar reference's; this file is indexing, tiling and launch
// plumbing around it.
//
// float_ssim:    [to_float | box_decimate] -> ssim_tiles -> reduce
// float_ms_ssim: to_float -> 5 x (ssim_tiles -> reduce, lpf_decimate between scales)
// A picture smaller than the 11x11 window in either direction is one whole-picture window:
// whole_picture runs it on one thread, in the reference's row-major order.
//
// ssim_tiles: a block of 32 x 8 threads takes 32 x 32 window positions. It loads the 42 x 42
// input samples of both pictures into shared memory, filters them along the rows into the five
// moment maps (42 rows x 32 columns, shared), then each thread filters 4 positions down the
// columns, computes their terms and adds them in double. The block's sums (warp shuffles, then
// the 8 warps in order) go to one slot of a partials buffer; reduce adds the slots in a fixed
// order. No atomics: a frame gives the same bits on every run. Only that order of the double
// sums differs from the reference (which adds positions row by row).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>

#include "launch.cuh"
#include "slate_gpu/detail/ssim_math.h"
#include "slate_gpu/kernels_metrics_cuda.h"
#include "sums.cuh"

namespace slate_gpu::cuda {

namespace math = slate_gpu::detail;

struct SsimWorkspace::Impl {
    int width = 0;  ///< reserved size
    int height = 0;
    float* floats = nullptr;  ///< the pyramids of both pictures
    float* level[kMsSsimScaleCount][2] = {};
    double* partials = nullptr;  ///< 4 doubles per block of ssim_tiles at level 0
    int64_t partial_blocks = 0;

    void release() {
        if (floats) cudaFree(floats);
        if (partials) cudaFree(partials);
        floats = nullptr;
        partials = nullptr;
        width = height = 0;
        partial_blocks = 0;
    }
    ~Impl() { release(); }
};

namespace {

using math::SsimConstants;
using math::SsimMoments;
using math::SsimTermSums;

constexpr int kWindow = math::kSsimWindow;
constexpr int kTileX = 32;  ///< window positions per block, across
constexpr int kTileY = 32;  ///< and down
constexpr int kThreadsX = 32;
constexpr int kThreadsY = 8;
constexpr int kThreads = kThreadsX * kThreadsY;
constexpr int kInX = kTileX + kWindow - 1;  ///< input samples per tile, across
constexpr int kInY = kTileY + kWindow - 1;  ///< and down
constexpr int kTermSlots = 4;               ///< product, luminance, contrast, structure
constexpr int kReduceThreads = 256;
constexpr unsigned kMaxGridY = 65535;

int64_t tile_blocks(int out_w, int out_h) {
    return int64_t{(out_w + kTileX - 1) / kTileX} * ((out_h + kTileY - 1) / kTileY);
}

dim3 pixel_grid(int width, int height) {
    return dim3(static_cast<unsigned>((width + kThreadsX - 1) / kThreadsX),
                std::min(static_cast<unsigned>((height + kThreadsY - 1) / kThreadsY), kMaxGridY));
}

// ---- float pictures ----

__global__ void __launch_bounds__(kThreads)
    to_float_kernel(MetricPlane ref, MetricPlane dist, float* out_ref, float* out_dist) {
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (x >= ref.width) return;
    const float scale = math::ssim_sample_scale(ref.bit_depth);
    for (int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y); y < ref.height;
         y += static_cast<int>(gridDim.y * blockDim.y)) {
        const int64_t i = static_cast<int64_t>(y) * ref.width + x;
        out_ref[i] = math::ssim_sample(ref, x, y, scale);
        out_dist[i] = math::ssim_sample(dist, x, y, scale);
    }
}

__global__ void __launch_bounds__(kThreads)
    box_kernel(MetricPlane ref, MetricPlane dist, int factor, int out_w, int out_h, float* out_ref,
               float* out_dist) {
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (x >= out_w) return;
    const float scale = math::ssim_sample_scale(ref.bit_depth);
    const float weight = math::ssim_box_weight(factor);
    for (int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y); y < out_h;
         y += static_cast<int>(gridDim.y * blockDim.y)) {
        const int64_t i = static_cast<int64_t>(y) * out_w + x;
        out_ref[i] = math::ssim_box_at(ref, factor, weight, scale, x, y);
        out_dist[i] = math::ssim_box_at(dist, factor, weight, scale, x, y);
    }
}

__global__ void __launch_bounds__(kThreads)
    lpf_kernel(const float* in_ref, const float* in_dist, int w, int h, float* out_ref,
               float* out_dist, int out_w, int out_h) {
    const int x = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
    if (x >= out_w) return;
    for (int y = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y); y < out_h;
         y += static_cast<int>(gridDim.y * blockDim.y)) {
        const int64_t i = static_cast<int64_t>(y) * out_w + x;
        out_ref[i] = math::ssim_lpf_at(in_ref, w, w, h, x, y);
        out_dist[i] = math::ssim_lpf_at(in_dist, w, w, h, x, y);
    }
}

// ---- SSIM over window positions ----

/// Pictures of w x h floats (rows packed, w, h >= 11); one block per 32 x 32 positions.
template <unsigned kTerms>
__global__ void __launch_bounds__(kThreads)
    ssim_tiles_kernel(const float* ref, const float* dist, int w, int h, SsimConstants k,
                      double* partials) {
    __shared__ float in[2][kInY][kInX];
    __shared__ float moments[5][kInY][kTileX];
    __shared__ double warps[kThreads / 32][kTermSlots];

    const int out_w = w - (kWindow - 1), out_h = h - (kWindow - 1);
    const int x0 = static_cast<int>(blockIdx.x) * kTileX;
    const int y0 = static_cast<int>(blockIdx.y) * kTileY;
    const int tx = static_cast<int>(threadIdx.x), ty = static_cast<int>(threadIdx.y);
    const int tid = ty * kThreadsX + tx;

    for (int i = tid; i < kInX * kInY; i += kThreads) {
        const int r = i / kInX, c = i % kInX;
        const int gx = x0 + c, gy = y0 + r;
        float vr = 0.0f, vd = 0.0f;
        if (gx < w && gy < h) {
            const int64_t g = static_cast<int64_t>(gy) * w + gx;
            vr = __ldg(ref + g);
            vd = __ldg(dist + g);
        }
        in[0][r][c] = vr;
        in[1][r][c] = vd;
    }
    __syncthreads();

    // Along the rows: every input row of the tile, the block's 32 columns of positions.
    if (x0 + tx < out_w) {
        for (int r = ty; r < kInY && y0 + r < h; r += kThreadsY) {
            const SsimMoments m = math::ssim_horizontal_at(&in[0][r][tx], &in[1][r][tx]);
            moments[0][r][tx] = m.ref;
            moments[1][r][tx] = m.dist;
            moments[2][r][tx] = m.ref_sq;
            moments[3][r][tx] = m.dist_sq;
            moments[4][r][tx] = m.cross;
        }
    }
    __syncthreads();

    // Down the columns, then the terms.
    SsimTermSums sums;
    const SsimConstants constants = k;
    if (x0 + tx < out_w) {
#pragma unroll 1
        for (int r = ty; r < kTileY && y0 + r < out_h; r += kThreadsY) {
            const SsimMoments m{math::ssim_vertical_at(&moments[0][r][tx], kTileX),
                                math::ssim_vertical_at(&moments[1][r][tx], kTileX),
                                math::ssim_vertical_at(&moments[2][r][tx], kTileX),
                                math::ssim_vertical_at(&moments[3][r][tx], kTileX),
                                math::ssim_vertical_at(&moments[4][r][tx], kTileX)};
            math::ssim_add_terms(m, constants, kTerms, sums);
        }
    }

    // The block's sums in a fixed order: warp shuffles, then the warps in order.
    double v[kTermSlots] = {sums.product, sums.luminance, sums.contrast, sums.structure};
    const int lane = tid % 32, warp = tid / 32;
#pragma unroll
    for (int t = 0; t < kTermSlots; ++t) v[t] = sums::warp_sum(v[t]);
    if (lane == 0)
        for (int t = 0; t < kTermSlots; ++t) warps[warp][t] = v[t];
    __syncthreads();
    if (tid < kTermSlots) {
        double total = 0.0;
        for (int i = 0; i < kThreads / 32; ++i) total += warps[i][tid];
        const int64_t block = static_cast<int64_t>(blockIdx.y) * gridDim.x + blockIdx.x;
        partials[block * kTermSlots + tid] = total;
    }
}

/// The partials of `blocks` blocks added in a fixed order into *out.
__global__ void __launch_bounds__(kReduceThreads)
    reduce_kernel(const double* partials, int64_t blocks, int64_t positions, SsimRaw* out) {
    __shared__ double s[kTermSlots][kReduceThreads];
    const int tid = static_cast<int>(threadIdx.x);
    for (int t = 0; t < kTermSlots; ++t) {
        double sum = 0.0;
        for (int64_t b = tid; b < blocks; b += kReduceThreads) sum += partials[b * kTermSlots + t];
        s[t][tid] = sum;
    }
    __syncthreads();
    for (int stride = kReduceThreads / 2; stride > 0; stride /= 2) {
        if (tid < stride)
            for (int t = 0; t < kTermSlots; ++t) s[t][tid] += s[t][tid + stride];
        __syncthreads();
    }
    if (tid == 0) {
        SsimRaw raw;
        raw.product = s[0][0];
        raw.luminance = s[1][0];
        raw.contrast = s[2][0];
        raw.structure = s[3][0];
        raw.positions = positions;
        *out = raw;
    }
}

/// A picture smaller than the window: one window of equal weights, one thread, row-major order
/// (the reference's).
__global__ void whole_picture_kernel(const float* ref, const float* dist, int w, int h,
                                     SsimConstants k, unsigned terms, SsimRaw* out) {
    math::SsimWholeSums whole;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int64_t i = static_cast<int64_t>(y) * w + x;
            math::ssim_whole_add(whole, ref[i], dist[i]);
        }
    const SsimTermSums sums = math::ssim_whole_terms(whole, w, h, k, terms);
    SsimRaw raw;
    raw.product = sums.product;
    raw.luminance = sums.luminance;
    raw.contrast = sums.contrast;
    raw.structure = sums.structure;
    raw.positions = 1;
    *out = raw;
}

/// SSIM sums of two w x h float pictures in device memory into *out.
cudaError_t ssim_pictures(const float* ref, const float* dist, int w, int h, unsigned terms,
                          SsimWorkspace::Impl& ws, SsimRaw* out, cudaStream_t stream) {
    const SsimConstants k = math::ssim_constants();
    if (w < kWindow || h < kWindow) {
        whole_picture_kernel<<<1, 1, 0, stream>>>(ref, dist, w, h, k, terms, out);
        return detail::launch_status();
    }
    const int out_w = w - (kWindow - 1), out_h = h - (kWindow - 1);
    const int64_t blocks = tile_blocks(out_w, out_h);
    const dim3 grid(static_cast<unsigned>((out_w + kTileX - 1) / kTileX),
                    static_cast<unsigned>((out_h + kTileY - 1) / kTileY));
    if (blocks > ws.partial_blocks || grid.y > kMaxGridY) return cudaErrorInvalidValue;
    const dim3 block(kThreadsX, kThreadsY);
    switch (terms) {
        case math::kSsimTerms:
            ssim_tiles_kernel<math::kSsimTerms>
                <<<grid, block, 0, stream>>>(ref, dist, w, h, k, ws.partials);
            break;
        case math::kMsSsimTerms:
            ssim_tiles_kernel<math::kMsSsimTerms>
                <<<grid, block, 0, stream>>>(ref, dist, w, h, k, ws.partials);
            break;
        case math::kMsSsimLastTerms:
            ssim_tiles_kernel<math::kMsSsimLastTerms>
                <<<grid, block, 0, stream>>>(ref, dist, w, h, k, ws.partials);
            break;
        default:
            return cudaErrorInvalidValue;
    }
    if (const cudaError_t e = detail::launch_status(); e != cudaSuccess) return e;
    reduce_kernel<<<1, kReduceThreads, 0, stream>>>(ws.partials, blocks, int64_t{out_w} * out_h,
                                                    out);
    return detail::launch_status();
}

bool reserved_for(const SsimWorkspace& ws, const MetricPlane& plane) {
    const SsimWorkspace::Impl* impl = ws.impl();
    return impl != nullptr && impl->floats != nullptr && plane.width <= impl->width &&
           plane.height <= impl->height;
}

}  // namespace

SsimWorkspace::SsimWorkspace() : m_impl(new (std::nothrow) Impl) {}
SsimWorkspace::~SsimWorkspace() = default;
SsimWorkspace::SsimWorkspace(SsimWorkspace&&) noexcept = default;
SsimWorkspace& SsimWorkspace::operator=(SsimWorkspace&&) noexcept = default;

cudaError_t SsimWorkspace::reserve(int width, int height) {
    if (width < 0 || height < 0) return cudaErrorInvalidValue;
    if (!m_impl) {
        m_impl.reset(new (std::nothrow) Impl);
        if (!m_impl) return cudaErrorMemoryAllocation;
    }
    Impl& ws = *m_impl;
    if (ws.floats != nullptr && width <= ws.width && height <= ws.height) return cudaSuccess;
    const int w = std::max({width, ws.width, 1}), h = std::max({height, ws.height, 1});
    ws.release();
    size_t sizes[kMsSsimScaleCount];
    size_t total = 0;
    int lw = w, lh = h;
    for (int s = 0; s < kMsSsimScaleCount; ++s) {
        // Rounded up to 64 floats so that every level starts 256-byte aligned.
        sizes[s] = (static_cast<size_t>(lw) * static_cast<size_t>(lh) + 63) / 64 * 64;
        total += 2 * sizes[s];
        lw = math::ssim_decimated_size(lw, 2);
        lh = math::ssim_decimated_size(lh, 2);
    }
    void* floats = nullptr;
    if (const cudaError_t e = cudaMalloc(&floats, total * sizeof(float)); e != cudaSuccess)
        return e;
    ws.floats = static_cast<float*>(floats);
    float* p = ws.floats;
    for (int s = 0; s < kMsSsimScaleCount; ++s) {
        ws.level[s][0] = p;
        ws.level[s][1] = p + sizes[s];
        p += 2 * sizes[s];
    }
    const int64_t blocks = std::max<int64_t>(
        1, tile_blocks(std::max(1, w - (kWindow - 1)), std::max(1, h - (kWindow - 1))));
    void* partials = nullptr;
    if (const cudaError_t e =
            cudaMalloc(&partials, static_cast<size_t>(blocks) * kTermSlots * sizeof(double));
        e != cudaSuccess) {
        ws.release();
        return e;
    }
    ws.partials = static_cast<double*>(partials);
    ws.partial_blocks = blocks;
    ws.width = w;
    ws.height = h;
    return cudaSuccess;
}

cudaError_t float_ssim(const MetricPlane& ref, const MetricPlane& dist, int scale,
                       SsimWorkspace& ws, SsimRaw* device_result, cudaStream_t stream) {
    if (!metric_pair_valid(ref, dist) || device_result == nullptr) return cudaErrorInvalidValue;
    if (ref.width == 0 || ref.height == 0)
        return cudaMemsetAsync(device_result, 0, sizeof(SsimRaw), stream);
    if (!reserved_for(ws, ref)) return cudaErrorInvalidValue;
    SsimWorkspace::Impl& impl = *ws.impl();
    if (scale <= 0) scale = math::ssim_auto_scale(ref.width, ref.height);
    float* r = impl.level[0][0];
    float* d = impl.level[0][1];
    int w = ref.width, h = ref.height;
    if (scale == 1) {
        to_float_kernel<<<pixel_grid(w, h), dim3(kThreadsX, kThreadsY), 0, stream>>>(ref, dist, r,
                                                                                     d);
    } else {
        w = math::ssim_decimated_size(ref.width, scale);
        h = math::ssim_decimated_size(ref.height, scale);
        box_kernel<<<pixel_grid(w, h), dim3(kThreadsX, kThreadsY), 0, stream>>>(ref, dist, scale, w,
                                                                                h, r, d);
    }
    if (const cudaError_t e = detail::launch_status(); e != cudaSuccess) return e;
    return ssim_pictures(r, d, w, h, math::kSsimTerms, impl, device_result, stream);
}

cudaError_t float_ms_ssim(const MetricPlane& ref, const MetricPlane& dist, SsimWorkspace& ws,
                          MsSsimRaw* device_result, cudaStream_t stream) {
    if (!metric_pair_valid(ref, dist) || device_result == nullptr) return cudaErrorInvalidValue;
    if (ref.width == 0 || ref.height == 0)
        return cudaMemsetAsync(device_result, 0, sizeof(MsSsimRaw), stream);
    if (!reserved_for(ws, ref)) return cudaErrorInvalidValue;
    SsimWorkspace::Impl& impl = *ws.impl();
    int w = ref.width, h = ref.height;
    to_float_kernel<<<pixel_grid(w, h), dim3(kThreadsX, kThreadsY), 0, stream>>>(
        ref, dist, impl.level[0][0], impl.level[0][1]);
    if (const cudaError_t e = detail::launch_status(); e != cudaSuccess) return e;
    for (int s = 0; s < kMsSsimScaleCount; ++s) {
        const bool last = s + 1 == kMsSsimScaleCount;
        const unsigned terms = last ? math::kMsSsimLastTerms : math::kMsSsimTerms;
        if (const cudaError_t e = ssim_pictures(impl.level[s][0], impl.level[s][1], w, h, terms,
                                                impl, &device_result->scale[s], stream);
            e != cudaSuccess)
            return e;
        if (last) break;
        const int next_w = math::ssim_decimated_size(w, 2);
        const int next_h = math::ssim_decimated_size(h, 2);
        lpf_kernel<<<pixel_grid(next_w, next_h), dim3(kThreadsX, kThreadsY), 0, stream>>>(
            impl.level[s][0], impl.level[s][1], w, h, impl.level[s + 1][0], impl.level[s + 1][1],
            next_w, next_h);
        if (const cudaError_t e = detail::launch_status(); e != cudaSuccess) return e;
        w = next_w;
        h = next_h;
    }
    return cudaSuccess;
}

}  // namespace slate_gpu::cuda
