// SPDX-License-Identifier: Apache-2.0
// frame_stats on the device: the per-sample maths is frame_stats_math.h's (shared with the
// reference); this file only walks the planes and reduces. One launch covers the frame: its
// first blocks take luma rows, the others chroma rows (grid-stride over rows, threads over x).
// Histograms up to 12 bits live per block in shared memory and are merged into the global one
// at the end; deeper ones go straight to global memory with one atomic per distinct code per
// warp. Sums are 64-bit (exact, order-independent); a final 3-block kernel finds the percentiles.
#include <climits>
#include <map>
#include <mutex>
#include <utility>

#include "launch.cuh"
#include "slate_gpu/detail/frame_stats_math.h"
#include "slate_gpu/kernels_stats_cuda.h"

namespace slate_gpu::cuda {
namespace {

using u64 = unsigned long long;
namespace math = slate_gpu::detail;

constexpr int kThreads = 256;
constexpr int kWarps = kThreads / 32;
// Blocks per part (luma, chroma): one per row up to this many, then blocks stride over rows.
// Enough to fill an H100 while keeping the histogram merges (up to 2^12 bins per block) cheap.
constexpr int kMaxBlocksPerPart = 512;
constexpr int kSharedMaxDepth = 12;
constexpr int kScanThreads = 1024;
constexpr unsigned kAllLanes = 0xffffffffu;
constexpr int kMaxFields = 20;  // reduced values per block

extern __shared__ unsigned stats_shared_bins[];

__device__ u64* word(uint64_t* field) {
    return reinterpret_cast<u64*>(field);
}

// Counts `code` in `bins` for the lanes where `valid`. Every lane of the warp must call it
// together (the row loops below are uniform per block).
template <bool kShared>
__device__ void add_code(unsigned* bins, unsigned code, bool valid) {
    if (kShared) {
        if (valid) atomicAdd(&bins[code], 1u);
        return;
    }
    const unsigned key = valid ? code : 0xffffffffu;  // codes are below 2^16
    const unsigned peers = __match_any_sync(kAllLanes, key);
    const int leader = __ffs(static_cast<int>(peers)) - 1;
    if (valid && static_cast<int>(threadIdx.x % 32u) == leader)
        atomicAdd(&bins[code], static_cast<unsigned>(__popc(peers)));
}

// Adds a block's shared histogram into the global one.
__device__ void merge_bins(const unsigned* local, unsigned* global, int bins) {
    __syncthreads();
    for (int i = static_cast<int>(threadIdx.x); i < bins; i += kThreads) {
        const unsigned v = local[i];
        if (v != 0) atomicAdd(&global[i], v);
    }
}

enum class Op { Sum, Min, Max };

__device__ u64 warp_reduce(u64 v, Op op) {
    for (int offset = 16; offset > 0; offset /= 2) {
        const u64 other = __shfl_down_sync(kAllLanes, v, offset);
        v = op == Op::Sum ? v + other : op == Op::Min ? min(v, other) : max(v, other);
    }
    return v;
}

// Reduces `values` (n <= kMaxFields, one per field, combined by ops[i]) over the block and
// applies the block's results to dst[i] with 64-bit atomics. Sums of 0 and minima of UINT_MAX
// (nothing seen) are skipped.
__device__ void commit(const u64* values, const Op* ops, u64* const* dst, int n,
                       u64 (*partial)[kMaxFields]) {
    const unsigned lane = threadIdx.x % 32u, warp = threadIdx.x / 32u;
    for (int i = 0; i < n; ++i) {
        const u64 v = warp_reduce(values[i], ops[i]);
        if (lane == 0) partial[warp][i] = v;
    }
    __syncthreads();
    const int i = static_cast<int>(threadIdx.x);
    if (i >= n) return;
    u64 v = partial[0][i];
    for (int w = 1; w < kWarps; ++w) {
        const u64 other = partial[w][i];
        v = ops[i] == Op::Sum ? v + other : ops[i] == Op::Min ? min(v, other) : max(v, other);
    }
    if (ops[i] == Op::Sum) {
        if (v != 0) atomicAdd(dst[i], v);
    } else if (ops[i] == Op::Min) {
        if (v != UINT_MAX) atomicMin(dst[i], v);
    } else {
        atomicMax(dst[i], v);
    }
}

__device__ u64 warp_sum(u64 v) {
    return warp_reduce(v, Op::Sum);
}

template <typename T, bool kShared>
__device__ void luma_rows(const FrameStatsArgs<T>& a, int block, int blocks,
                          u64 (*partial)[kMaxFields], u64* row_total) {
    const StatsConfig& c = a.config;
    const StatsThresholds& t = c.thresholds;
    const int depth = c.bit_depth;
    const auto max_code = static_cast<uint32_t>((1 << depth) - 1);
    const int threshold = math::tout_threshold(depth);
    const bool previous = a.prev_y.data != nullptr;
    unsigned* bins = kShared ? stats_shared_bins : a.histogram;
    enum {
        kSum,
        kDiff,
        kBlack,
        kBelow,
        kAbove,
        kBrng,
        kGamut,
        kTout,
        kEdge,
        kAll,
        kRepeated,
        kMin,
        kLeft,
        kTop,
        kMax,
        kRight,
        kBottom,
        kFields
    };
    uint64_t v[kFields] = {};
    v[kMin] = v[kLeft] = v[kTop] = UINT_MAX;
    const int w = a.y.width;
    const unsigned lane = threadIdx.x % 32u;
    for (int y = block; y < a.y.height; y += blocks) {
        const T* luma = row(a.y, y);
        const T* prev = previous ? row(a.prev_y, y) : nullptr;
        const T* above = y >= math::kRepeatDistance ? row(a.y, y - math::kRepeatDistance) : nullptr;
        const T* cb = row(a.cb, y >> c.log2_chroma_h);
        const T* cr = row(a.cr, y >> c.log2_chroma_h);
        u64 row_sad = 0;
        for (int x0 = 0; x0 < w; x0 += kThreads) {
            const int x = x0 + static_cast<int>(threadIdx.x);
            const bool valid = x < w;
            uint32_t code = 0;
            if (valid) {
                const uint32_t raw = luma[x];
                code = math::stats_code(raw, max_code);
                v[kSum] += code;
                v[kMin] = v[kMin] < code ? v[kMin] : code;
                v[kMax] = v[kMax] > code ? v[kMax] : code;
                math::luma_threshold_counts(code, t, v[kBlack], v[kBelow], v[kAbove]);
                if (previous) v[kDiff] += math::abs_diff(raw, prev[x]);
                const int cx = x >> c.log2_chroma_w;
                v[kBrng] += math::out_of_broadcast(raw, cb[cx], cr[cx], depth);
                v[kGamut] += math::outside_gamut(raw, cb[cx], cr[cx], t.gamut);
                v[kTout] += math::tout_pixel(a.y, x, y, threshold);
                math::block_steps(a.y, x, y, v[kEdge], v[kAll]);
                if (static_cast<int32_t>(raw) > t.letterbox_at_or_below) {
                    const auto ux = static_cast<uint64_t>(x), uy = static_cast<uint64_t>(y);
                    v[kLeft] = v[kLeft] < ux ? v[kLeft] : ux;
                    v[kRight] = v[kRight] > ux ? v[kRight] : ux;
                    v[kTop] = v[kTop] < uy ? v[kTop] : uy;
                    v[kBottom] = v[kBottom] > uy ? v[kBottom] : uy;
                }
                if (above != nullptr) row_sad += math::abs_diff(raw, above[x]);
            }
            add_code<kShared>(bins, code, valid);
        }
        // VREP: the whole row's difference from the row four above (y is the same for the block).
        if (above != nullptr) {
            const u64 warp_total = warp_sum(row_sad);
            if (lane == 0) atomicAdd(row_total, warp_total);
            __syncthreads();
            if (threadIdx.x == 0) {
                v[kRepeated] += *row_total < static_cast<u64>(w);
                *row_total = 0;
            }
            __syncthreads();
        }
    }
    if (kShared) merge_bins(stats_shared_bins, a.histogram, 1 << depth);
    FrameStatsRaw* r = a.result;
    const Op ops[kFields] = {Op::Sum, Op::Sum, Op::Sum, Op::Sum, Op::Sum, Op::Sum,
                             Op::Sum, Op::Sum, Op::Sum, Op::Sum, Op::Sum, Op::Min,
                             Op::Min, Op::Min, Op::Max, Op::Max, Op::Max};
    u64* const dst[kFields] = {
        word(&r->planes[0].sum), word(&r->diff[0]),       word(&r->luma_black),
        word(&r->luma_below),    word(&r->luma_above),    word(&r->out_of_broadcast),
        word(&r->outside_gamut), word(&r->outliers),      word(&r->edge_steps),
        word(&r->all_steps),     word(&r->repeated_rows), word(&r->planes[0].min),
        word(&r->bright_left),   word(&r->bright_top),    word(&r->planes[0].max),
        word(&r->bright_right),  word(&r->bright_bottom)};
    u64 values[kFields];
    for (int i = 0; i < kFields; ++i) values[i] = v[i];
    commit(values, ops, dst, kFields, partial);
}

template <typename T, bool kShared>
__device__ void chroma_rows(const FrameStatsArgs<T>& a, int block, int blocks,
                            u64 (*partial)[kMaxFields]) {
    const StatsConfig& c = a.config;
    const int depth = c.bit_depth;
    const int bin_count = 1 << depth;
    const auto max_code = static_cast<uint32_t>(bin_count - 1);
    const bool previous = a.prev_cb.data != nullptr;
    const bool hue = math::has_hue(a.hue, depth);
    unsigned* cb_bins = kShared ? stats_shared_bins : a.histogram + bin_count;
    unsigned* cr_bins = kShared ? stats_shared_bins + bin_count : a.histogram + 2 * bin_count;
    enum {
        kSumCb,
        kSumCr,
        kDiffCb,
        kDiffCr,
        kSatSum,
        kHueSum,
        kBelow,
        kAbove,
        kMinCb,
        kMinCr,
        kMaxCb,
        kMaxCr,
        kSatMax,
        kFields
    };
    uint64_t v[kFields] = {};
    v[kMinCb] = v[kMinCr] = UINT_MAX;
    const int w = a.cb.width;
    for (int y = block; y < a.cb.height; y += blocks) {
        const T* cb = row(a.cb, y);
        const T* cr = row(a.cr, y);
        const T* prev_cb = previous ? row(a.prev_cb, y) : nullptr;
        const T* prev_cr = previous ? row(a.prev_cr, y) : nullptr;
        for (int x0 = 0; x0 < w; x0 += kThreads) {
            const int x = x0 + static_cast<int>(threadIdx.x);
            const bool valid = x < w;
            uint32_t code_u = 0, code_v = 0;
            if (valid) {
                const uint32_t u = cb[x], vv = cr[x];
                code_u = math::stats_code(u, max_code);
                code_v = math::stats_code(vv, max_code);
                v[kSumCb] += code_u;
                v[kSumCr] += code_v;
                v[kMinCb] = v[kMinCb] < code_u ? v[kMinCb] : code_u;
                v[kMinCr] = v[kMinCr] < code_v ? v[kMinCr] : code_v;
                v[kMaxCb] = v[kMaxCb] > code_u ? v[kMaxCb] : code_u;
                v[kMaxCr] = v[kMaxCr] > code_v ? v[kMaxCr] : code_v;
                math::chroma_threshold_counts(code_u, c.thresholds, v[kBelow], v[kAbove]);
                math::chroma_threshold_counts(code_v, c.thresholds, v[kBelow], v[kAbove]);
                if (previous) {
                    v[kDiffCb] += math::abs_diff(u, prev_cb[x]);
                    v[kDiffCr] += math::abs_diff(vv, prev_cr[x]);
                }
                const uint32_t sat = math::saturation(u, vv, depth);
                v[kSatSum] += sat;
                v[kSatMax] = v[kSatMax] > sat ? v[kSatMax] : sat;
                if (hue) v[kHueSum] += math::hue(u, vv, depth, a.hue);
            }
            add_code<kShared>(cb_bins, code_u, valid);
            add_code<kShared>(cr_bins, code_v, valid);
        }
    }
    if (kShared) {
        merge_bins(stats_shared_bins, a.histogram + bin_count, bin_count);
        merge_bins(stats_shared_bins + bin_count, a.histogram + 2 * bin_count, bin_count);
    }
    FrameStatsRaw* r = a.result;
    const Op ops[kFields] = {Op::Sum, Op::Sum, Op::Sum, Op::Sum, Op::Sum, Op::Sum, Op::Sum,
                             Op::Sum, Op::Min, Op::Min, Op::Max, Op::Max, Op::Max};
    u64* const dst[kFields] = {
        word(&r->planes[1].sum), word(&r->planes[2].sum),  word(&r->diff[1]),
        word(&r->diff[2]),       word(&r->saturation_sum), word(&r->hue_sum),
        word(&r->chroma_below),  word(&r->chroma_above),   word(&r->planes[1].min),
        word(&r->planes[2].min), word(&r->planes[1].max),  word(&r->planes[2].max),
        word(&r->saturation_max)};
    u64 values[kFields];
    for (int i = 0; i < kFields; ++i) values[i] = v[i];
    commit(values, ops, dst, kFields, partial);
}

// Blocks [0, luma_blocks) take luma rows, the rest chroma rows.
template <typename T, bool kShared>
__global__ void __launch_bounds__(kThreads) stats_kernel(FrameStatsArgs<T> a, int luma_blocks) {
    __shared__ u64 partial[kWarps][kMaxFields];
    __shared__ u64 row_total;
    const int block = static_cast<int>(blockIdx.x);
    const bool luma = block < luma_blocks;
    if (kShared) {
        const int bins = (luma ? 1 : 2) << a.config.bit_depth;
        for (int i = static_cast<int>(threadIdx.x); i < bins; i += kThreads)
            stats_shared_bins[i] = 0;
    }
    if (threadIdx.x == 0) row_total = 0;
    __syncthreads();
    if (luma)
        luma_rows<T, kShared>(a, block, luma_blocks, partial, &row_total);
    else
        chroma_rows<T, kShared>(a, block - luma_blocks, static_cast<int>(gridDim.x) - luma_blocks,
                                partial);
}

__global__ void init_kernel(FrameStatsRaw* result, int width, int height, uint64_t chroma_samples,
                            uint64_t flags) {
    FrameStatsRaw r;
    for (int p = 0; p < 3; ++p) r.planes[p].min = ULLONG_MAX;
    r.bright_left = r.bright_top = ULLONG_MAX;
    r.luma_width = static_cast<uint64_t>(width);
    r.luma_height = static_cast<uint64_t>(height);
    r.luma_samples = static_cast<uint64_t>(width) * static_cast<uint64_t>(height);
    r.chroma_samples = chroma_samples;
    r.flags = flags;
    *result = r;
}

// One block per plane: each thread sums a run of bins, a block-wide scan gives each run's
// starting count, and the thread whose run reaches a target finds its code.
__global__ void __launch_bounds__(kScanThreads)
    percentile_kernel(const unsigned* histogram, int bins, FrameStatsRaw* result) {
    __shared__ u64 warp_totals[kScanThreads / 32];
    const int plane = static_cast<int>(blockIdx.x);
    const int t = static_cast<int>(threadIdx.x);
    const unsigned lane = threadIdx.x % 32u, warp = threadIdx.x / 32u;
    const unsigned* h = histogram + static_cast<std::ptrdiff_t>(plane) * bins;
    const uint64_t samples = plane == 0 ? result->luma_samples : result->chroma_samples;
    const int chunk = (bins + kScanThreads - 1) / kScanThreads;
    const int begin = min(t * chunk, bins), end = min(begin + chunk, bins);
    u64 own = 0;
    for (int i = begin; i < end; ++i) own += h[i];
    u64 inclusive = own;
    for (unsigned offset = 1; offset < 32; offset *= 2) {
        const u64 other = __shfl_up_sync(kAllLanes, inclusive, offset);
        if (lane >= offset) inclusive += other;
    }
    if (lane == 31) warp_totals[warp] = inclusive;
    __syncthreads();
    if (warp == 0) {
        u64 total = warp_totals[lane];
        for (unsigned offset = 1; offset < 32; offset *= 2) {
            const u64 other = __shfl_up_sync(kAllLanes, total, offset);
            if (lane >= offset) total += other;
        }
        warp_totals[lane] = total;
    }
    __syncthreads();
    if (warp > 0) inclusive += warp_totals[warp - 1];
    const u64 exclusive = inclusive - own;
    for (int k = 0; k < 2; ++k) {
        const int64_t target = math::percentile_target(samples, k == 0 ? 10 : 90);
        uint64_t* out = k == 0 ? &result->planes[plane].low : &result->planes[plane].high;
        if (target <= 0) {
            if (t == 0) *out = 0;
            continue;
        }
        const auto wanted = static_cast<u64>(target);
        if (exclusive < wanted && inclusive >= wanted) {
            u64 running = exclusive;
            for (int i = begin; i < end; ++i) {
                running += h[i];
                if (running >= wanted) {
                    *out = static_cast<uint64_t>(i);
                    break;
                }
            }
        } else if (t == kScanThreads - 1 && inclusive < wanted) {
            *out = static_cast<uint64_t>(bins - 1);
        }
    }
}

template <typename T>
cudaError_t run(const FrameStatsArgs<T>& a, cudaStream_t stream) {
    if (!args_valid(a)) return cudaErrorInvalidValue;
    const int depth = a.config.bit_depth;
    const int bins = 1 << depth;
    cudaError_t status =
        cudaMemsetAsync(a.histogram, 0, stats_histogram_bins(depth) * sizeof(uint32_t), stream);
    if (status != cudaSuccess) return status;
    const bool previous = a.prev_y.data != nullptr;
    const uint64_t flags =
        (previous ? kStatsHasPrevious : 0) | (math::has_hue(a.hue, depth) ? kStatsHasHue : 0);
    const auto chroma_samples =
        static_cast<uint64_t>(a.cb.width) * static_cast<uint64_t>(a.cb.height);
    init_kernel<<<1, 1, 0, stream>>>(a.result, a.y.width, a.y.height, chroma_samples, flags);
    const int luma_blocks = std::min(a.y.height, kMaxBlocksPerPart);
    const int chroma_blocks = std::min(a.cb.height, kMaxBlocksPerPart);
    const auto blocks = static_cast<unsigned>(luma_blocks + chroma_blocks);
    if (depth <= kSharedMaxDepth) {
        const size_t shared = 2 * static_cast<size_t>(bins) * sizeof(unsigned);
        stats_kernel<T, true><<<blocks, kThreads, shared, stream>>>(a, luma_blocks);
    } else {
        stats_kernel<T, false><<<blocks, kThreads, 0, stream>>>(a, luma_blocks);
    }
    percentile_kernel<<<3, kScanThreads, 0, stream>>>(a.histogram, bins, a.result);
    return detail::launch_status();
}

}  // namespace

cudaError_t frame_stats(const FrameStatsArgs<uint8_t>& args, cudaStream_t stream) {
    return run(args, stream);
}
cudaError_t frame_stats(const FrameStatsArgs<uint16_t>& args, cudaStream_t stream) {
    return run(args, stream);
}

cudaError_t device_hue_tables(int bit_depth, HueTables* tables) {
    if (tables == nullptr || bit_depth < 8 || bit_depth > 16) return cudaErrorInvalidValue;
    int device = 0;
    cudaError_t status = cudaGetDevice(&device);
    if (status != cudaSuccess) return status;
    static std::mutex mutex;
    static std::map<std::pair<int, int>, HueTables> cache;
    const std::pair<int, int> key{device, bit_depth <= 10 ? bit_depth : 16};
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = cache.find(key); it != cache.end()) {
        *tables = it->second;
        return cudaSuccess;
    }
    const HueTables host = host_hue_tables(bit_depth);
    const void* source = bit_depth <= 10 ? static_cast<const void*>(host.pairs)
                                         : static_cast<const void*>(host.atan);
    const size_t bytes =
        bit_depth <= 10 ? sizeof(uint16_t) << (2 * bit_depth) : sizeof(double) * kHueAtanEntries;
    void* copy = nullptr;
    status = cudaMalloc(&copy, bytes);
    if (status != cudaSuccess) return status;
    status = cudaMemcpy(copy, source, bytes, cudaMemcpyHostToDevice);
    if (status != cudaSuccess) {
        cudaFree(copy);
        return status;
    }
    HueTables device_tables;
    if (bit_depth <= 10)
        device_tables.pairs = static_cast<const uint16_t*>(copy);
    else
        device_tables.atan = static_cast<const double*>(copy);
    cache.emplace(key, device_tables);
    *tables = device_tables;
    return cudaSuccess;
}

}  // namespace slate_gpu::cuda
