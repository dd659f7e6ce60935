// SPDX-License-Identifier: Apache-2.0
// ADM on the device: the maths is adm_math.h's (shared with gpu/ref/adm.cpp); this file only
// places it. Per scale, two kernels:
//   - dwt: one block per band row, looping over tiles of kThreads outputs. The vertical DWT pass
//     of the tile's 2 * kThreads + 2 input columns (ref and dis) goes to shared memory, then each
//     thread does the horizontal pass of one output, writes the approximation (the next scale's
//     input), decouples (r, f, g into scratch planes) inside the decoupled region and adds the
//     reference cube terms of the pooled region; the block reduces those to one sum per band for
//     its row.
//   - masked: one block per pooled band row: threshold over the 3x3 f neighbourhood, masked cube
//     terms, one sum per band for the row.
// A final kernel applies each row's rounding shift (libmedia's RowSums) and adds the rows: 24
// blocks, one per scale and sum. All sums are integers added modulo 2^64, as libmedia wraps them,
// so the order of additions cannot change a bit: the result equals the reference's AdmRaw.
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "launch.cuh"
#include "slate_gpu/detail/adm_math.h"
#include "slate_gpu/kernels_metrics_cuda.h"

namespace slate_gpu::cuda {
namespace {

namespace math = slate_gpu::detail;
using math::AdmScaleSetup;
using math::AdmSetup;
using u64 = unsigned long long;

constexpr int kThreads = 256;  // threads per block = outputs per tile
constexpr int kWarps = kThreads / 32;
constexpr int kTileIn = 2 * kThreads + 2;  // vertical-pass columns one tile reads
constexpr unsigned kAllLanes = 0xffffffffu;

// Sums v[0..2] over the block (wrapping); thread 0 gets the totals. Every thread must call it.
__device__ void block_sum3(u64 v[3], u64 (*scratch)[3]) {
    const unsigned lane = threadIdx.x % 32u, warp = threadIdx.x / 32u;
    for (int b = 0; b < 3; ++b)
        for (int offset = 16; offset > 0; offset /= 2)
            v[b] += __shfl_down_sync(kAllLanes, v[b], offset);
    if (lane == 0)
        for (int b = 0; b < 3; ++b) scratch[warp][b] = v[b];
    __syncthreads();
    if (threadIdx.x == 0)
        for (int b = 0; b < 3; ++b) {
            u64 total = 0;
            for (int w = 0; w < kWarps; ++w) total += scratch[w][b];
            v[b] = total;
        }
}

// The input of a scale: a picture plane (uint8 / uint16) or an approximation (int32).
template <typename Src>
struct Input {
    const unsigned char* ref = nullptr;
    const unsigned char* dis = nullptr;
    std::ptrdiff_t ref_pitch = 0;  // bytes
    std::ptrdiff_t dis_pitch = 0;
};

// Scratch of one scale: the decoupling's r (3 planes), f and g, all w x h with row stride w.
template <typename C>
struct Scratch {
    C* r = nullptr;
    int32_t* f = nullptr;
    int32_t* g = nullptr;
    size_t plane = 0;  // elements per r plane
};

template <typename Src, typename C>
__device__ void vertical(const Src* const rows[4], int c, int bits, int scale, C& lo, C& hi) {
    if constexpr (sizeof(C) == 2)
        math::adm_vertical0(rows[0][c], rows[1][c], rows[2][c], rows[3][c], bits, lo, hi);
    else
        math::adm_verticalN(rows[0][c], rows[1][c], rows[2][c], rows[3][c], scale, lo, hi);
}

template <typename Src, typename C>
__global__ void __launch_bounds__(kThreads)
    dwt_kernel(Input<Src> in, AdmScaleSetup s, int bits, int32_t* approx_ref, int32_t* approx_dis,
               Scratch<C> scratch, u64* den_rows) {
    __shared__ C lo_s[2][kTileIn];
    __shared__ C hi_s[2][kTileIn];
    __shared__ u64 partial[kWarps][3];
    const int i = static_cast<int>(blockIdx.x);
    const bool pooled_row = i >= s.top && i < s.bottom;
    const bool decoupled_row = i >= s.row0 && i < s.row1;
    // The last scale's approximation is not needed: rows outside the decoupled region are idle.
    if (approx_ref == nullptr && !decoupled_row) return;  // uniform over the block

    const Src* rows[2][4];
    for (int t = 0; t < 4; ++t) {
        const auto y = static_cast<std::ptrdiff_t>(math::adm_dwt_index(2 * i - 1 + t, s.in_h));
        rows[0][t] = reinterpret_cast<const Src*>(in.ref + y * in.ref_pitch);
        rows[1][t] = reinterpret_cast<const Src*>(in.dis + y * in.dis_pitch);
    }
    const size_t row_base = static_cast<size_t>(i) * static_cast<size_t>(s.w);
    uint64_t den[3] = {0, 0, 0};

    for (int j0 = 0; j0 < s.w; j0 += kThreads) {
        const int count = min(kThreads, s.w - j0);
        const int span = 2 * count + 2;
        for (int p = static_cast<int>(threadIdx.x); p < span; p += kThreads) {
            const int c = math::adm_dwt_index(2 * j0 - 1 + p, s.in_w);
            for (int side = 0; side < 2; ++side)
                vertical<Src, C>(rows[side], c, bits, s.scale, lo_s[side][p], hi_s[side][p]);
        }
        __syncthreads();
        const int t = static_cast<int>(threadIdx.x);
        if (t < count) {
            const int j = j0 + t;
            C band[2][3];
            int32_t a[2];
            for (int side = 0; side < 2; ++side) {
                C l4[4], h4[4];
                for (int k = 0; k < 4; ++k) {
                    l4[k] = lo_s[side][2 * t + k];
                    h4[k] = hi_s[side][2 * t + k];
                }
                if constexpr (sizeof(C) == 2)
                    math::adm_horizontal0(l4, h4, a[side], band[side]);
                else
                    math::adm_horizontalN(l4, h4, s.scale, a[side], band[side]);
            }
            const size_t at = row_base + static_cast<size_t>(j);
            if (approx_ref != nullptr) {
                approx_ref[at] = a[0];
                approx_dis[at] = a[1];
            }
            if (decoupled_row && j >= s.col0 && j < s.col1) {
                C r[3];
                math::adm_decouple(band[0], band[1], s, r, scratch.f[at], scratch.g[at]);
                for (int b = 0; b < 3; ++b)
                    scratch.r[static_cast<size_t>(b) * scratch.plane + at] = r[b];
            }
            if (pooled_row && j >= s.left && j < s.right) math::adm_reference(band[0], s, den);
        }
        __syncthreads();
    }
    if (!pooled_row) return;  // uniform
    u64 v[3] = {den[0], den[1], den[2]};
    block_sum3(v, partial);
    if (threadIdx.x == 0)
        for (int b = 0; b < 3; ++b)
            den_rows[static_cast<size_t>(i) * 3 + static_cast<size_t>(b)] = v[b];
}

template <typename C>
__global__ void __launch_bounds__(kThreads)
    masked_kernel(Scratch<C> scratch, AdmScaleSetup s, int64_t* num_rows) {
    __shared__ u64 partial[kWarps][3];
    const int i = s.top + static_cast<int>(blockIdx.x);
    const size_t w = static_cast<size_t>(s.w);
    const int32_t* f_rows[3] = {
        scratch.f + static_cast<size_t>(math::adm_dwt_index(i - 1, s.h)) * w,
        scratch.f + static_cast<size_t>(i) * w,
        scratch.f + static_cast<size_t>(math::adm_dwt_index(i + 1, s.h)) * w};
    const size_t row_base = static_cast<size_t>(i) * w;
    int64_t sums[3] = {0, 0, 0};
    for (int j = s.left + static_cast<int>(threadIdx.x); j < s.right; j += kThreads) {
        const int cols[3] = {math::adm_dwt_index(j - 1, s.w), j, math::adm_dwt_index(j + 1, s.w)};
        int32_t f9[9];
        for (int dy = 0; dy < 3; ++dy)
            for (int dx = 0; dx < 3; ++dx) f9[dy * 3 + dx] = f_rows[dy][cols[dx]];
        const size_t at = row_base + static_cast<size_t>(j);
        const int32_t thr = math::adm_threshold(f9, scratch.g[at]);
        C r[3];
        for (int b = 0; b < 3; ++b) r[b] = scratch.r[static_cast<size_t>(b) * scratch.plane + at];
        math::adm_masked(r, thr, s, sums);
    }
    u64 v[3] = {static_cast<u64>(sums[0]), static_cast<u64>(sums[1]), static_cast<u64>(sums[2])};
    block_sum3(v, partial);
    if (threadIdx.x == 0)
        for (int b = 0; b < 3; ++b)
            num_rows[static_cast<size_t>(i) * 3 + static_cast<size_t>(b)] =
                static_cast<int64_t>(v[b]);
}

struct RowSums {
    const int64_t* num[kAdmScaleCount];
    const uint64_t* den[kAdmScaleCount];
};

// Block (scale, q): q < 3 the masked sum of band q, else the reference sum of band q - 3.
__global__ void __launch_bounds__(kThreads)
    final_kernel(RowSums rows, AdmSetup setup, AdmRaw* out) {
    __shared__ u64 partial[kWarps][3];
    const int scale = static_cast<int>(blockIdx.x) / 6, q = static_cast<int>(blockIdx.x) % 6;
    const AdmScaleSetup& s = setup.s[scale];
    const int b = q % 3;
    u64 total = 0;
    for (int i = s.top + static_cast<int>(threadIdx.x); i < s.bottom; i += kThreads) {
        const size_t at = static_cast<size_t>(i) * 3 + static_cast<size_t>(b);
        total += q < 3 ? static_cast<u64>(math::adm_row_num(rows.num[scale][at], s))
                       : static_cast<u64>(math::adm_row_den(rows.den[scale][at], s));
    }
    u64 v[3] = {total, 0, 0};
    block_sum3(v, partial);
    if (threadIdx.x != 0) return;
    if (q < 3)
        out->num[scale][b] = static_cast<int64_t>(v[0]);
    else
        out->den[scale][b] = static_cast<uint64_t>(v[0]);
}

// ---- workspace layout ----

constexpr size_t kAlign = 256;

size_t align_up(size_t n) {
    return (n + kAlign - 1) / kAlign * kAlign;
}

struct Layout {
    size_t w[kAdmScaleCount] = {}, h[kAdmScaleCount] = {};
    size_t approx_a = 0, approx_b = 0;  // offsets of the ping-pong approximations (ref, dis)
    size_t r = 0, f = 0, g = 0;
    size_t num_rows[kAdmScaleCount] = {}, den_rows[kAdmScaleCount] = {};
    size_t bytes = 0;
};

// Buffers for a width x height plane: the approximations of scales 0 and 2 share one pair, that
// of scale 1 has its own; r, f, g and the planes are sized for scale 0 and reused by every
// scale; row sums per scale.
Layout layout_for(int width, int height) {
    Layout l;
    size_t in_w = static_cast<size_t>(width), in_h = static_cast<size_t>(height);
    for (int s = 0; s < kAdmScaleCount; ++s) {
        l.w[s] = (in_w + 1) / 2;
        l.h[s] = (in_h + 1) / 2;
        in_w = l.w[s];
        in_h = l.h[s];
    }
    const size_t n0 = l.w[0] * l.h[0], n1 = l.w[1] * l.h[1];
    size_t at = 0;
    const auto take = [&at](size_t bytes) {
        const size_t offset = at;
        at += align_up(bytes);
        return offset;
    };
    l.approx_a = take(2 * n0 * sizeof(int32_t));
    l.approx_b = take(2 * n1 * sizeof(int32_t));
    l.r = take(3 * n0 * sizeof(int32_t));
    l.f = take(n0 * sizeof(int32_t));
    l.g = take(n0 * sizeof(int32_t));
    for (int s = 0; s < kAdmScaleCount; ++s) {
        l.num_rows[s] = take(3 * l.h[s] * sizeof(int64_t));
        l.den_rows[s] = take(3 * l.h[s] * sizeof(uint64_t));
    }
    l.bytes = at;
    return l;
}

bool measurable(int width, int height) {
    return width > 32 && height > 32;
}

}  // namespace

struct AdmWorkspace::Impl {
    unsigned char* base = nullptr;
    size_t capacity = 0;
    ~Impl() {
        if (base) cudaFree(base);
    }
};

AdmWorkspace::AdmWorkspace() : m_impl(std::make_unique<Impl>()) {}
AdmWorkspace::~AdmWorkspace() = default;
AdmWorkspace::AdmWorkspace(AdmWorkspace&&) noexcept = default;
AdmWorkspace& AdmWorkspace::operator=(AdmWorkspace&&) noexcept = default;

cudaError_t AdmWorkspace::reserve(int width, int height) {
    if (width < 0 || height < 0) return cudaErrorInvalidValue;
    if (!m_impl) m_impl = std::make_unique<Impl>();
    if (!measurable(width, height)) return cudaSuccess;
    const size_t bytes = layout_for(width, height).bytes;
    if (bytes <= m_impl->capacity) return cudaSuccess;
    if (m_impl->base) {
        cudaFree(m_impl->base);
        m_impl->base = nullptr;
        m_impl->capacity = 0;
    }
    void* p = nullptr;
    if (const cudaError_t e = cudaMalloc(&p, bytes); e != cudaSuccess) return e;
    m_impl->base = static_cast<unsigned char*>(p);
    m_impl->capacity = bytes;
    return cudaSuccess;
}

namespace {

template <typename Src, typename C>
void launch_scale(const Input<Src>& in, const AdmScaleSetup& s, int bits, int32_t* approx_ref,
                  int32_t* approx_dis, const Scratch<C>& scratch, u64* den_rows, int64_t* num_rows,
                  cudaStream_t stream) {
    dwt_kernel<Src, C><<<static_cast<unsigned>(s.h), kThreads, 0, stream>>>(
        in, s, bits, approx_ref, approx_dis, scratch, den_rows);
    masked_kernel<C>
        <<<static_cast<unsigned>(s.bottom - s.top), kThreads, 0, stream>>>(scratch, s, num_rows);
}

template <typename Sample>
cudaError_t run(const MetricPlane& ref, const MetricPlane& dist, const AdmSetup& setup,
                const Layout& l, unsigned char* base, AdmRaw* device_result, cudaStream_t stream) {
    const auto ptr = [base](size_t offset) { return base + offset; };
    int32_t* approx_a = reinterpret_cast<int32_t*>(ptr(l.approx_a));
    int32_t* approx_b = reinterpret_cast<int32_t*>(ptr(l.approx_b));
    const size_t n0 = l.w[0] * l.h[0], n1 = l.w[1] * l.h[1];
    RowSums rows{};
    for (int s = 0; s < kAdmScaleCount; ++s) {
        rows.num[s] = reinterpret_cast<const int64_t*>(ptr(l.num_rows[s]));
        rows.den[s] = reinterpret_cast<const uint64_t*>(ptr(l.den_rows[s]));
    }
    const auto num_rows = [&](int s) { return reinterpret_cast<int64_t*>(ptr(l.num_rows[s])); };
    const auto den_rows = [&](int s) { return reinterpret_cast<u64*>(ptr(l.den_rows[s])); };

    // Scale 0: picture -> approximation A, 16-bit bands.
    Scratch<int16_t> s0{reinterpret_cast<int16_t*>(ptr(l.r)), reinterpret_cast<int32_t*>(ptr(l.f)),
                        reinterpret_cast<int32_t*>(ptr(l.g)), n0};
    Input<Sample> in0{static_cast<const unsigned char*>(ref.data),
                      static_cast<const unsigned char*>(dist.data), ref.pitch, dist.pitch};
    launch_scale<Sample, int16_t>(in0, setup.s[0], ref.bit_depth, approx_a, approx_a + n0, s0,
                                  den_rows(0), num_rows(0), stream);

    // Scales 1..3: approximation A -> B -> A -> (none).
    Scratch<int32_t> sn{reinterpret_cast<int32_t*>(ptr(l.r)), reinterpret_cast<int32_t*>(ptr(l.f)),
                        reinterpret_cast<int32_t*>(ptr(l.g)), n0};
    int32_t* src = approx_a;
    size_t src_n = n0;
    for (int scale = 1; scale < kAdmScaleCount; ++scale) {
        const AdmScaleSetup& s = setup.s[scale];
        int32_t* dst = scale == 1 ? approx_b : (scale == 2 ? approx_a : nullptr);
        const size_t dst_n = scale == 1 ? n1 : n0;
        const auto pitch =
            static_cast<std::ptrdiff_t>(s.in_w) * static_cast<std::ptrdiff_t>(sizeof(int32_t));
        Input<int32_t> in{reinterpret_cast<const unsigned char*>(src),
                          reinterpret_cast<const unsigned char*>(src + src_n), pitch, pitch};
        launch_scale<int32_t, int32_t>(in, s, ref.bit_depth, dst, dst ? dst + dst_n : nullptr, sn,
                                       den_rows(scale), num_rows(scale), stream);
        src = dst;
        src_n = dst_n;
    }
    final_kernel<<<kAdmScaleCount * 6, kThreads, 0, stream>>>(rows, setup, device_result);
    return detail::launch_status();
}

/// 16-bit samples must lie at even addresses: a misaligned load would fault on the device (a
/// sticky error that ends the context), where the host reference reads them anyway.
bool aligned(const MetricPlane& p) {
    return !p.wide() ||
           ((reinterpret_cast<std::uintptr_t>(p.data) | static_cast<std::uintptr_t>(p.pitch)) &
            1u) == 0;
}

}  // namespace

cudaError_t adm(const MetricPlane& ref, const MetricPlane& dist, const AdmConfig& config,
                AdmWorkspace& ws, AdmRaw* device_result, cudaStream_t stream) {
    if (!metric_pair_valid(ref, dist) || !aligned(ref) || !aligned(dist) ||
        device_result == nullptr)
        return cudaErrorInvalidValue;
    if (!measurable(ref.width, ref.height))
        return cudaMemsetAsync(device_result, 0, sizeof(AdmRaw), stream);
    AdmWorkspace::Impl* impl = ws.impl();
    const Layout l = layout_for(ref.width, ref.height);
    if (impl == nullptr || impl->base == nullptr || l.bytes > impl->capacity)
        return cudaErrorInvalidValue;
    const AdmSetup setup = math::adm_setup(ref.width, ref.height, config);
    if (ref.wide()) return run<uint16_t>(ref, dist, setup, l, impl->base, device_result, stream);
    return run<uint8_t>(ref, dist, setup, l, impl->base, device_result, stream);
}

}  // namespace slate_gpu::cuda
