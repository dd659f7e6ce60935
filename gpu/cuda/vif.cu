// SPDX-License-Identifier: Apache-2.0
// VMAF's VIF on the device: the per-point maths of detail/vif_math.h (shared with the reference,
// gpu/ref/vif.cpp) around shared-memory tiles. Per frame, on one stream, no allocation:
//   stats<0>    scale 0 from the samples: each block loads its tile with a 2R halo (mirrored
//               at the plane's edges) as prepared ref and dist values, filters the five planes
//               (ref, dist, ref^2, dist^2, ref*dist; the products made on the fly) vertically
//               into shared memory (two output rows per thread from one register window), then
//               horizontally (two adjacent pixels per thread, even and odd columns stored apart
//               so the warp's reads hit consecutive banks), and sums the pixel's log2 terms in
//               double; the block's four sums go to its slot of a partial buffer (fixed-order
//               reduction in the block).
//   decimate<1> the samples filtered with scale 1's taps at the even rows and columns, in
//               integers, into the workspace (ref and dist in one launch, blockIdx.y).
//   stats<1>, decimate<2>, stats<2>, decimate<3>, stats<3>: the same on the decimated planes
//               (scales 2 and 3 in double).
//   final       one block per scale adds its partials in a fixed order and writes VifRaw.
// The per-pixel values equal the reference's bit for bit (every float/double operation is an
// explicit rounded one, so nothing is contracted into an FMA), except the double log2: CUDA's is
// within 1 ulp, glibc's within 1 ulp of the exact value. The sums over a frame are added in
// another order than the reference's (row by row), in double.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "launch.cuh"
#include "slate_gpu/detail/vif_math.h"
#include "slate_gpu/kernels_metrics_cuda.h"
#include "sums.cuh"

namespace slate_gpu::cuda {

namespace {

namespace vm = slate_gpu::detail;  // the shared maths (cuda::detail is launch.cuh's)
using vm::kVifPlaneCount;
using vm::vif_mirror;
using vm::VifAcc;

constexpr int kThreads = 256;
constexpr int kWarps = kThreads / 32;
constexpr int kFields = 4;  // num_log, den_log, flat_sigma2, flat_count
constexpr int kScales = kVifScaleCount;

/// Output pixels per block of the statistics kernels (the shared tiles stay under the 48 KB of
/// static shared memory: 46 KB at scale 0).
template <int S>
struct StatsTile {
    static constexpr int w = S < 2 ? 64 : 32;  // even: the horizontal pass makes pixel pairs
    static constexpr int h = 16;               // even: the vertical pass makes rows in pairs
};

/// Decimated values per block.
constexpr int kDecW = 32;
constexpr int kDecH = 8;

/// A plane of samples or decimated values in device memory.
template <typename T>
struct Src {
    const unsigned char* data = nullptr;
    std::ptrdiff_t pitch = 0;
    __device__ uint32_t at(int x, int y) const {
        return reinterpret_cast<const T*>(data + static_cast<std::ptrdiff_t>(y) * pitch)[x];
    }
};

/// vif_mirror with a fast path for indices inside the plane (all but the halo of edge tiles): the
/// same index, without the integer division by the period.
__device__ inline int mirror(int i, int n) {
    return static_cast<unsigned>(i) < static_cast<unsigned>(n) ? i : vif_mirror(i, n);
}

__device__ inline float prepare(uint32_t v, float inv) {
    return vm::vif_prepare_f32(v, inv);
}
__device__ inline double prepare(uint32_t v, double /*unused*/) {
    return vm::vif_prepare_f64(v);
}

/// The block's sums, in thread 0 (fixed order: warp trees, then the warps in order).
__device__ VifAcc block_sum(VifAcc acc) {
    __shared__ double warps[kFields][kWarps];
    double f[kFields] = {acc.num_log, acc.den_log, acc.flat_sigma2, acc.flat_count};
    const int lane = static_cast<int>(threadIdx.x % 32u);
    const int warp = static_cast<int>(threadIdx.x / 32u);
#pragma unroll
    for (int i = 0; i < kFields; ++i) {
        f[i] = sums::warp_sum(f[i]);
        if (lane == 0) warps[i][warp] = f[i];
    }
    __syncthreads();
    VifAcc out;
    if (warp == 0) {
#pragma unroll
        for (int i = 0; i < kFields; ++i)
            f[i] = sums::warp_sum(lane < kWarps ? warps[i][lane] : 0.0);
        out.num_log = f[0];
        out.den_log = f[1];
        out.flat_sigma2 = f[2];
        out.flat_count = f[3];
    }
    return out;
}

/// Where column c of a moment row lies in shared memory: the even columns first, then the odd
/// ones, so that lanes reading columns 2 * lane + j (j fixed) read consecutive words.
template <int IW>
__device__ inline int split_col(int c) {
    static_assert(IW % 2 == 0, "tile rows of even width");
    return (c & 1) * (IW / 2) + (c >> 1);
}

/// One scale's statistics over tiles of StatsTile<S>; block b writes partials[4 b .. 4 b + 3].
/// F is float (scales 0, 1; `inv` scales the samples to 8-bit units) or double (scales 2, 3).
template <int S, typename F, typename T>
__global__ void __launch_bounds__(kThreads)
    stats_kernel(Src<T> ref, Src<T> dist, int width, int height, F inv, F limit, int tiles_x,
                 double* partials) {
    constexpr int R = vm::vif_radius(S);
    constexpr int TW = StatsTile<S>::w;
    constexpr int TH = StatsTile<S>::h;
    constexpr int IW = TW + 2 * R;
    constexpr int IH = TH + 2 * R;
    __shared__ F s_a[IH][IW];
    __shared__ F s_b[IH][IW];
    __shared__ F s_m[kVifPlaneCount][TH][IW];

    const int tile = static_cast<int>(blockIdx.x);
    const int x0 = (tile % tiles_x) * TW;
    const int y0 = (tile / tiles_x) * TH;
    const int tid = static_cast<int>(threadIdx.x);

    // The input tile, rows y0 - R .. y0 + TH + R - 1 and columns x0 - R .. x0 + TW + R - 1,
    // mirrored: filtering a mirrored column equals mirroring the filtered one, so the halo of the
    // horizontal pass comes out right too.
    for (int i = tid; i < IH * IW; i += kThreads) {
        const int ly = i / IW;
        const int lx = i - ly * IW;
        const int gy = mirror(y0 - R + ly, height);
        const int gx = mirror(x0 - R + lx, width);
        s_a[ly][lx] = prepare(ref.at(gx, gy), inv);
        s_b[ly][lx] = prepare(dist.at(gx, gy), inv);
    }
    __syncthreads();

    // Vertical: one column and two output rows per item, the 2R + 2 input values in registers
    // (each read from shared memory once for both rows).
    const int rows = min(TH, height - y0);
    const int pairs = (rows + 1) / 2;
    for (int i = tid; i < pairs * IW; i += kThreads) {
        const int r0 = 2 * (i / IW);
        const int c = i - (r0 / 2) * IW;
        F a[2 * R + 2];
        F b[2 * R + 2];
#pragma unroll
        for (int k = 0; k < 2 * R + 2; ++k) {
            a[k] = s_a[r0 + k][c];
            b[k] = s_b[r0 + k][c];
        }
#pragma unroll
        for (int out = 0; out < 2; ++out) {
            F v[kVifPlaneCount];
            vm::vif_vertical<S, F>([&](int k) { return a[out + R + k]; },
                                   [&](int k) { return b[out + R + k]; }, v);
            vm::vif_round_moments(v);
#pragma unroll
            for (int p = 0; p < kVifPlaneCount; ++p) s_m[p][r0 + out][split_col<IW>(c)] = v[p];
        }
    }
    __syncthreads();

    // Horizontal: two adjacent output pixels per item; their 2R + 2 values of each plane are read
    // once, from consecutive words across the warp (split_col).
    const int cols = min(TW, width - x0);
    constexpr int HW = TW / 2;
    VifAcc acc;
    for (int i = tid; i < rows * HW; i += kThreads) {
        const int r = i / HW;
        const int c0 = 2 * (i - r * HW);
        if (c0 >= cols) continue;
        F h[2][kVifPlaneCount];
#pragma unroll
        for (int p = 0; p < kVifPlaneCount; ++p) {
            F w[2 * R + 2];
#pragma unroll
            for (int j = 0; j < 2 * R + 2; ++j) w[j] = s_m[p][r][split_col<IW>(c0 + j)];
            h[0][p] = vm::vif_filter<S, F>([&](int k) { return w[R + k]; });
            h[1][p] = vm::vif_filter<S, F>([&](int k) { return w[R + 1 + k]; });
        }
        vm::vif_pixel(h[0], limit, acc);
        if (c0 + 1 < cols) vm::vif_pixel(h[1], limit, acc);
    }
    acc = block_sum(acc);
    if (tid == 0) {
        double* out = partials + static_cast<std::ptrdiff_t>(tile) * kFields;
        out[0] = acc.num_log;
        out[1] = acc.den_log;
        out[2] = acc.flat_sigma2;
        out[3] = acc.flat_count;
    }
}

/// The planes (ref: blockIdx.y 0, dist: 1) decimated with scale S's taps into out_w x out_h
/// values (out_w = width / 2, out_h = height / 2), kDecW x kDecH per block.
template <int S, typename T>
__global__ void __launch_bounds__(kThreads)
    decimate_kernel(Src<T> ref, Src<T> dist, int width, int height, int shift, uint16_t* out_ref,
                    uint16_t* out_dist, std::ptrdiff_t out_pitch, int out_w, int out_h,
                    int tiles_x) {
    constexpr int R = vm::vif_radius(S);
    constexpr int IW = 2 * kDecW - 1 + 2 * R;
    constexpr int IH = 2 * kDecH - 1 + 2 * R;
    __shared__ uint32_t s_in[IH][IW];
    __shared__ uint32_t s_t[kDecH][IW];

    const Src<T> src = blockIdx.y == 0 ? ref : dist;
    uint16_t* out = blockIdx.y == 0 ? out_ref : out_dist;
    const int tile = static_cast<int>(blockIdx.x);
    const int q0 = (tile % tiles_x) * kDecW;
    const int oy0 = (tile / tiles_x) * kDecH;
    const int ix0 = 2 * q0 - R;
    const int iy0 = 2 * oy0 - R;
    const int tid = static_cast<int>(threadIdx.x);

    for (int i = tid; i < IH * IW; i += kThreads) {
        const int ly = i / IW;
        const int lx = i - ly * IW;
        s_in[ly][lx] = src.at(mirror(ix0 + lx, width), mirror(iy0 + ly, height));
    }
    __syncthreads();

    const int rows = min(kDecH, out_h - oy0);
    for (int i = tid; i < rows * IW; i += kThreads) {
        const int r = i / IW;
        const int c = i - r * IW;
        s_t[r][c] = vm::vif_decimate_vertical<S>([&](int k) { return s_in[2 * r + k][c]; }, shift);
    }
    __syncthreads();

    for (int i = tid; i < rows * kDecW; i += kThreads) {
        const int r = i / kDecW;
        const int c = i - r * kDecW;
        if (q0 + c >= out_w) continue;
        uint16_t* row =
            reinterpret_cast<uint16_t*>(reinterpret_cast<unsigned char*>(out) +
                                        static_cast<std::ptrdiff_t>(oy0 + r) * out_pitch);
        row[q0 + c] = vm::vif_decimate_horizontal<S>([&](int k) { return s_t[r][2 * c + k]; });
    }
}

/// Where each scale's partials lie in the buffer (in blocks) and how many there are.
struct PartialLayout {
    int offset[kScales];
    int count[kScales];
};

/// One block per scale: the partials added in a fixed order, written to *result.
__global__ void __launch_bounds__(kThreads)
    final_kernel(const double* partials, PartialLayout layout, VifRaw* result) {
    const int s = static_cast<int>(blockIdx.x);
    const double* p = partials + static_cast<std::ptrdiff_t>(layout.offset[s]) * kFields;
    VifAcc acc;
    for (int i = static_cast<int>(threadIdx.x); i < layout.count[s]; i += kThreads) {
        const double* q = p + static_cast<std::ptrdiff_t>(i) * kFields;
        acc.num_log += q[0];
        acc.den_log += q[1];
        acc.flat_sigma2 += q[2];
        acc.flat_count += q[3];
    }
    acc = block_sum(acc);
    if (threadIdx.x == 0) {
        result->num_log[s] = acc.num_log;
        result->den_log[s] = acc.den_log;
        result->flat_sigma2[s] = acc.flat_sigma2;
        result->flat_count[s] = acc.flat_count;
    }
}

__global__ void zero_kernel(VifRaw* result) {
    *result = VifRaw{};
}

int div_up(int a, int b) {
    return (a + b - 1) / b;
}

/// Plane sizes per scale: each half the previous one, rounded down.
struct Sizes {
    int w[kScales];
    int h[kScales];
    explicit Sizes(int width, int height) {
        w[0] = width;
        h[0] = height;
        for (int s = 1; s < kScales; ++s) {
            w[s] = w[s - 1] / 2;
            h[s] = h[s - 1] / 2;
        }
    }
    bool empty(int s) const { return w[s] <= 0 || h[s] <= 0; }
};

template <int S>
int stats_tiles_x(int w) {
    return div_up(w, StatsTile<S>::w);
}
template <int S>
int stats_tiles(int w, int h) {
    return stats_tiles_x<S>(w) * div_up(h, StatsTile<S>::h);
}

PartialLayout partial_layout(const Sizes& sz) {
    PartialLayout l{};
    const int counts[kScales] = {
        sz.empty(0) ? 0 : stats_tiles<0>(sz.w[0], sz.h[0]),
        sz.empty(1) ? 0 : stats_tiles<1>(sz.w[1], sz.h[1]),
        sz.empty(2) ? 0 : stats_tiles<2>(sz.w[2], sz.h[2]),
        sz.empty(3) ? 0 : stats_tiles<3>(sz.w[3], sz.h[3]),
    };
    int offset = 0;
    for (int s = 0; s < kScales; ++s) {
        l.offset[s] = offset;
        l.count[s] = counts[s];
        offset += counts[s];
    }
    return l;
}

int partial_total(const PartialLayout& l) {
    return l.offset[kScales - 1] + l.count[kScales - 1];
}

/// Bytes between rows of the decimated planes of scale s (>= 1).
std::ptrdiff_t value_pitch(const Sizes& sz, int s) {
    return static_cast<std::ptrdiff_t>((std::max(sz.w[s], 1) * 2 + 255) / 256 * 256);
}

}  // namespace

struct VifWorkspace::Impl {
    int width = 0;  ///< the size reserved for
    int height = 0;
    unsigned char* values = nullptr;  ///< decimated planes of scales 1..3, ref then dist
    std::size_t value_bytes = 0;
    std::ptrdiff_t pitch[kScales] = {};   ///< per scale (1..3)
    std::size_t offset[kScales][2] = {};  ///< byte offsets of ref and dist per scale
    double* partials = nullptr;           ///< kFields doubles per block
    int partial_blocks = 0;

    void release() {
        if (values) cudaFree(values);
        if (partials) cudaFree(partials);
        values = nullptr;
        partials = nullptr;
        width = height = 0;
        partial_blocks = 0;
        value_bytes = 0;
    }
    ~Impl() { release(); }
};

VifWorkspace::VifWorkspace() : m_impl(std::make_unique<Impl>()) {}
VifWorkspace::~VifWorkspace() = default;
VifWorkspace::VifWorkspace(VifWorkspace&&) noexcept = default;
VifWorkspace& VifWorkspace::operator=(VifWorkspace&&) noexcept = default;

cudaError_t VifWorkspace::reserve(int width, int height) {
    if (width < 0 || height < 0) return cudaErrorInvalidValue;
    if (!m_impl) m_impl = std::make_unique<Impl>();
    Impl& im = *m_impl;
    if (im.partials != nullptr && width <= im.width && height <= im.height) return cudaSuccess;
    const int w = std::max(width, im.width);
    const int h = std::max(height, im.height);
    im.release();
    const Sizes sz(w, h);
    std::size_t bytes = 0;
    for (int s = 1; s < kScales; ++s) {
        im.pitch[s] = value_pitch(sz, s);
        const std::size_t plane =
            static_cast<std::size_t>(im.pitch[s]) * static_cast<std::size_t>(std::max(sz.h[s], 1));
        im.offset[s][0] = bytes;
        im.offset[s][1] = bytes + plane;
        bytes += 2 * plane;
    }
    const int blocks = std::max(partial_total(partial_layout(sz)), 1);
    cudaError_t err = cudaMalloc(&im.values, bytes);
    if (err == cudaSuccess)
        err = cudaMalloc(&im.partials, sizeof(double) * kFields * static_cast<std::size_t>(blocks));
    if (err != cudaSuccess) {
        im.release();
        return err;
    }
    im.value_bytes = bytes;
    im.partial_blocks = blocks;
    im.width = w;
    im.height = h;
    return cudaSuccess;
}

namespace {

template <typename T>
Src<T> src_of(const MetricPlane& p) {
    return Src<T>{static_cast<const unsigned char*>(p.data), p.pitch};
}

template <int S, typename T>
void launch_decimate(Src<T> ref, Src<T> dist, const Sizes& sz, int shift,
                     const VifWorkspace::Impl& im, cudaStream_t stream) {
    // Scale S's plane from scale S - 1's.
    const int ow = sz.w[S], oh = sz.h[S];
    const int tiles_x = div_up(ow, kDecW);
    const dim3 grid(static_cast<unsigned>(tiles_x * div_up(oh, kDecH)), 2);
    auto* out_ref = reinterpret_cast<uint16_t*>(im.values + im.offset[S][0]);
    auto* out_dist = reinterpret_cast<uint16_t*>(im.values + im.offset[S][1]);
    decimate_kernel<S, T><<<grid, kThreads, 0, stream>>>(ref, dist, sz.w[S - 1], sz.h[S - 1], shift,
                                                         out_ref, out_dist, im.pitch[S], ow, oh,
                                                         tiles_x);
}

template <int S, typename F, typename T>
void launch_stats(Src<T> ref, Src<T> dist, const Sizes& sz, F inv, F limit,
                  const PartialLayout& layout, const VifWorkspace::Impl& im, cudaStream_t stream) {
    const int tiles_x = stats_tiles_x<S>(sz.w[S]);
    stats_kernel<S, F, T><<<static_cast<unsigned>(layout.count[S]), kThreads, 0, stream>>>(
        ref, dist, sz.w[S], sz.h[S], inv, limit, tiles_x,
        im.partials + static_cast<std::ptrdiff_t>(layout.offset[S]) * kFields);
}

Src<uint16_t> level_src(const VifWorkspace::Impl& im, int s, int which) {
    return Src<uint16_t>{im.values + im.offset[s][which], im.pitch[s]};
}

template <typename T>
void launch_all(const MetricPlane& ref, const MetricPlane& dist, double limit, const Sizes& sz,
                const PartialLayout& layout, const VifWorkspace::Impl& im, VifRaw* result,
                cudaStream_t stream) {
    const auto limit_f = static_cast<float>(limit);
    const float inv = 1.0f / static_cast<float>(1 << (ref.bit_depth - 8));
    launch_stats<0, float>(src_of<T>(ref), src_of<T>(dist), sz, inv, limit_f, layout, im, stream);
    if (!sz.empty(1)) {
        launch_decimate<1>(src_of<T>(ref), src_of<T>(dist), sz, ref.bit_depth, im, stream);
        launch_stats<1, float>(level_src(im, 1, 0), level_src(im, 1, 1), sz, 1.0f / 256.0f, limit_f,
                               layout, im, stream);
    }
    if (!sz.empty(2)) {
        launch_decimate<2>(level_src(im, 1, 0), level_src(im, 1, 1), sz, 16, im, stream);
        launch_stats<2, double>(level_src(im, 2, 0), level_src(im, 2, 1), sz, 1.0, limit, layout,
                                im, stream);
    }
    if (!sz.empty(3)) {
        launch_decimate<3>(level_src(im, 2, 0), level_src(im, 2, 1), sz, 16, im, stream);
        launch_stats<3, double>(level_src(im, 3, 0), level_src(im, 3, 1), sz, 1.0, limit, layout,
                                im, stream);
    }
    final_kernel<<<kScales, kThreads, 0, stream>>>(im.partials, layout, result);
}

/// 16-bit samples must lie at even addresses: a misaligned load would fault on the device (a
/// sticky error that ends the context), where the host reference reads them anyway.
bool aligned(const MetricPlane& p) {
    return !p.wide() ||
           ((reinterpret_cast<std::uintptr_t>(p.data) | static_cast<std::uintptr_t>(p.pitch)) &
            1u) == 0;
}

}  // namespace

cudaError_t vif(const MetricPlane& ref, const MetricPlane& dist, const VifConfig& config,
                VifWorkspace& ws, VifRaw* device_result, cudaStream_t stream) {
    if (!metric_pair_valid(ref, dist) || !aligned(ref) || !aligned(dist) ||
        device_result == nullptr)
        return cudaErrorInvalidValue;
    if (ref.width == 0 || ref.height == 0) {
        zero_kernel<<<1, 1, 0, stream>>>(device_result);
        return detail::launch_status();
    }
    const VifWorkspace::Impl* im = ws.impl();
    if (im == nullptr || im->partials == nullptr || ref.width > im->width ||
        ref.height > im->height)
        return cudaErrorInvalidValue;  // reserve() first
    // libvmaf accepts gain limits of 1 to 100; the float log products rely on the upper bound.
    const double limit = std::clamp(config.enhn_gain_limit, 1.0, 100.0);
    const Sizes sz(ref.width, ref.height);
    const PartialLayout layout = partial_layout(sz);
    if (ref.wide())
        launch_all<uint16_t>(ref, dist, limit, sz, layout, *im, device_result, stream);
    else
        launch_all<uint8_t>(ref, dist, limit, sz, layout, *im, device_result, stream);
    return detail::launch_status();
}

}  // namespace slate_gpu::cuda
