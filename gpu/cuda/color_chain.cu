// SPDX-License-Identifier: Apache-2.0
// The colour family's kernels (color_chain.h). All per-sample maths is in
// detail/color_chain_math.h and color_program.h, shared with the scalar references; this file
// holds indexing and launch plumbing only.
//
// Y'CbCr output (rgb_to_ycbcr and the fused chain): one thread per 2x2 luma block for 4:2:0
// (2x1 for 4:2:2 and 4:4:4). It evaluates its own pixels (plus, for a 3-tap vertical filter
// (siting Top*/Bottom*), the one extra luma row the filter needs: recomputed, not exchanged),
// sums each of its two columns vertically, takes the column left of its block (co-sited chroma
// only) from the lane before it by warp shuffle, and writes Y', Cb and Cr once. For co-sited
// chroma, lane 0 of each warp is a halo: it computes the block left of the warp's 31 and
// writes nothing (1/32 of the work, instead of a divergent recomputation in lane 0). Blocks
// walk tiles of 32 x blockDim.y threads in a grid-stride loop, so the grid can be limited to
// the blocks that stay resident when every block first copies the 3D LUTs into shared memory.
#include <cuda_runtime.h>

#include <cstdint>

#include "launch.cuh"
#include "slate_gpu/color_chain.h"
#include "slate_gpu/detail/color_chain_math.h"
#include "slate_gpu/kernels_color_cuda.h"

namespace slate_gpu::cuda {
namespace {

namespace math = slate_gpu::detail;
using math::ChromaGeometry;
using math::Encoded;
using math::Rgb;

constexpr int kWarp = 32;
constexpr unsigned kFullMask = 0xffffffffu;

// ---------------------------------------------------------------------------------------------
// Y'CbCr -> planar R'G'B': one pixel per thread, four rows in flight (launch.cuh).

template <typename T>
__global__ void ycbcr_to_rgb_kernel(YcbcrToRgbArgs<T> args, ChromaGeometry g, math::DecodeCoefs d) {
    const int x = detail::pixel_x();
    if (x >= g.width) return;
    detail::for_each_row(
        g.height, [&](int y) { return math::decode_pixel(args.in, g, d, x, y); },
        [&](int y, const Rgb& v) {
            row(args.r, y)[x] = v.r;
            row(args.g, y)[x] = v.g;
            row(args.b, y)[x] = v.b;
        });
}

// ---------------------------------------------------------------------------------------------
// Sources of R'G'B' for the Y'CbCr writer.

struct PlanarRgbSource {
    Plane<const float> r, g, b;
    math::EncodeCoefs e;
    __device__ Encoded operator()(int x, int y, const float* const*) const {
        return math::encode_pixel(e, __ldg(row(r, y) + x), __ldg(row(g, y) + x),
                                  __ldg(row(b, y) + x));
    }
};

template <typename In>
struct ChainSource {
    YcbcrPlanes<const In> in;
    ChromaGeometry g;
    math::DecodeCoefs d;
    math::EncodeCoefs e;
    ColorProgram program;
    __device__ Encoded operator()(int x, int y, const float* const* tables) const {
        Rgb v = math::decode_pixel(in, g, d, x, y);
        apply_color_program(program, v.r, v.g, v.b, tables);
        return math::encode_pixel(e, v.r, v.g, v.b);
    }
};

// ---------------------------------------------------------------------------------------------
// The Y'CbCr writer.

/// How threads map onto the output picture.
struct EncodeGrid {
    ChromaGeometry g;  // of the output
    float max_code;
    int halo;         // 1 when co-sited horizontal chroma needs the column left of a block
    int units_x;      // blocks (pairs of columns) across
    int units_y;      // block rows: chroma rows for 4:2:0, luma rows otherwise
    int per_warp;     // blocks across that a warp writes (32 - halo)
    int tiles_x;      // warps across
    int rows;         // block rows per tile (blockDim.y)
    long long tiles;  // tiles_x * ceil(units_y / rows)
};

EncodeGrid encode_grid(const YcbcrFormat& f, int width, int height, int rows) {
    EncodeGrid eg{};
    eg.g = math::chroma_geometry(f, width, height);
    eg.max_code = static_cast<float>((1 << f.bit_depth) - 1);
    eg.halo = eg.g.sub_h && eg.g.phase_h == 0.0f ? 1 : 0;
    eg.units_x = (width + 1) / 2;
    eg.units_y = eg.g.sub_v ? eg.g.chroma_height : height;
    eg.per_warp = kWarp - eg.halo;
    eg.tiles_x = (eg.units_x + eg.per_warp - 1) / eg.per_warp;
    eg.rows = rows;
    const long long tiles_y = (eg.units_y + rows - 1) / rows;
    eg.tiles = static_cast<long long>(eg.tiles_x) * tiles_y;
    return eg;
}

/// The vertical sums of Cb and Cr of one column over `taps`, from the encoded pixels of the
/// rows evaluated (own rows a, b and the extra row c).
struct ColumnSums {
    float cb, cr;
};
__device__ inline ColumnSums column_sums(const math::RowTaps& taps, float phase_v, const Encoded& a,
                                         const Encoded& b, const Encoded& c) {
    float cb[3], cr[3];
    if (taps.count == 1) {
        cb[0] = a.cb;
        cr[0] = a.cr;
    } else if (taps.count == 2) {
        cb[0] = a.cb, cb[1] = b.cb;
        cr[0] = a.cr, cr[1] = b.cr;
    } else if (phase_v == 0.0f) {  // rows 2j - 1, 2j, 2j + 1
        cb[0] = c.cb, cb[1] = a.cb, cb[2] = b.cb;
        cr[0] = c.cr, cr[1] = a.cr, cr[2] = b.cr;
    } else {  // rows 2j, 2j + 1, 2j + 2
        cb[0] = a.cb, cb[1] = b.cb, cb[2] = c.cb;
        cr[0] = a.cr, cr[1] = b.cr, cr[2] = c.cr;
    }
    return {math::vertical_sum(taps, cb), math::vertical_sum(taps, cr)};
}

/// Copies every 3D LUT of the program into dynamic shared memory and points `tables` at the
/// copies (null for other ops). Call with the whole block; ends with a barrier.
__device__ void stage_luts(const ColorProgram& program, float* shared, const float** tables) {
    const int threads = static_cast<int>(blockDim.x * blockDim.y);
    const int tid = static_cast<int>(threadIdx.y * blockDim.x + threadIdx.x);
    long long offset = 0;
    for (int i = 0; i < program.count; ++i) {
        const ColorOpData& op = program.ops[i];
        if (op.kind != ColorOpKind::Lut3D) {
            if (tid == 0) tables[i] = nullptr;
            continue;
        }
        const long long n = 4LL * op.lut3d.size * op.lut3d.size * op.lut3d.size;
        float* dst = shared + offset;
        for (long long at = tid; at < n; at += threads) dst[at] = __ldg(op.lut3d.table + at);
        if (tid == 0) tables[i] = dst;
        offset += n;
    }
    __syncthreads();
}

// Threads per block: 32 x 8 reading the LUTs from global memory; 32 x 16 with the LUTs in shared
// memory, where a 33^3 LUT (144 KB) leaves room for one block per SM: 16 warps then.
constexpr int kRowsGlobal = detail::kBlockY;
constexpr int kRowsShared = 16;

template <typename Out, typename Source, bool kShared>
__global__ void __launch_bounds__(kWarp* kRowsShared)
    ycbcr_writer_kernel(Source source, YcbcrPlanes<Out> out, EncodeGrid eg, ColorProgram program) {
    extern __shared__ float4 lut_storage[];
    __shared__ const float* shared_tables[kMaxColorOps];
    const float* const* tables = nullptr;
    if constexpr (kShared) {
        stage_luts(program, reinterpret_cast<float*>(lut_storage), shared_tables);
        tables = shared_tables;
    }
    const ChromaGeometry& g = eg.g;
    const int lane = static_cast<int>(threadIdx.x);
    const int last_x = g.width - 1, last_y = g.height - 1;
    const int tiles_x = eg.tiles_x;
    const math::RowTaps no_taps{1, {0, 0, 0}, {1.0f, 0.0f, 0.0f}};
    for (long long tile = blockIdx.x; tile < eg.tiles; tile += gridDim.x) {
        const int tile_x = static_cast<int>(tile % tiles_x);
        const int tile_y = static_cast<int>(tile / tiles_x);
        const int j = tile_y * eg.rows + static_cast<int>(threadIdx.y);
        if (j >= eg.units_y) continue;  // the same for the whole warp (one threadIdx.y)
        const int k = tile_x * eg.per_warp + lane - eg.halo;
        const bool writes = lane >= eg.halo && k < eg.units_x;
        // Columns and rows evaluated, clamped into the picture (a clamped duplicate is what
        // libmedia's edge clamping takes too).
        const int x0 = math::clamp_int(2 * k, 0, last_x);
        const int x1 = math::clamp_int(2 * k + 1, 0, last_x);
        const int y0 = g.sub_v ? 2 * j : j;
        const int y1 = math::clamp_int(y0 + 1, 0, last_y);
        const math::RowTaps taps = g.sub_v ? math::luma_rows_for(j, g) : no_taps;
        const Encoded a0 = source(x0, y0, tables), a1 = source(x1, y0, tables);
        Encoded b0{}, b1{}, c0{}, c1{};
        if (g.sub_v) {
            b0 = source(x0, y1, tables);
            b1 = source(x1, y1, tables);
            if (taps.count == 3) {
                const int yc = g.phase_v == 0.0f ? taps.row[0] : taps.row[2];
                c0 = source(x0, yc, tables);
                c1 = source(x1, yc, tables);
            }
        }
        if (writes) {
            Out* luma = row(out.y, y0);
            luma[2 * k] = math::to_code<Out>(a0.y, eg.max_code);
            if (2 * k + 1 <= last_x) luma[2 * k + 1] = math::to_code<Out>(a1.y, eg.max_code);
            if (g.sub_v && y0 + 1 <= last_y) {
                Out* below = row(out.y, y0 + 1);
                below[2 * k] = math::to_code<Out>(b0.y, eg.max_code);
                if (2 * k + 1 <= last_x) below[2 * k + 1] = math::to_code<Out>(b1.y, eg.max_code);
            }
        }
        if (!g.sub_h) {  // 4:4:4: chroma as it is, per pixel
            if (writes) {
                row(out.cb, j)[2 * k] = math::to_code<Out>(a0.cb, eg.max_code);
                row(out.cr, j)[2 * k] = math::to_code<Out>(a0.cr, eg.max_code);
                if (2 * k + 1 <= last_x) {
                    row(out.cb, j)[2 * k + 1] = math::to_code<Out>(a1.cb, eg.max_code);
                    row(out.cr, j)[2 * k + 1] = math::to_code<Out>(a1.cr, eg.max_code);
                }
            }
            continue;
        }
        const ColumnSums s0 = column_sums(taps, g.phase_v, a0, b0, c0);
        const ColumnSums s1 = column_sums(taps, g.phase_v, a1, b1, c1);
        // The column left of the block (2k - 1) is the previous lane's right column; every lane
        // of the warp is here (the loop and the test on j are uniform per warp).
        float left_cb = __shfl_up_sync(kFullMask, s1.cb, 1);
        float left_cr = __shfl_up_sync(kFullMask, s1.cr, 1);
        if (k <= 0) {  // the picture's first column is its own left neighbour
            left_cb = s0.cb;
            left_cr = s0.cr;
        }
        if (writes) {
            row(out.cb, j)[k] = math::to_code<Out>(
                math::horizontal_filter(g.phase_h, left_cb, s0.cb, s1.cb), eg.max_code);
            row(out.cr, j)[k] = math::to_code<Out>(
                math::horizontal_filter(g.phase_h, left_cr, s0.cr, s1.cr), eg.max_code);
        }
    }
}

/// Bytes of shared memory that every 3D LUT of the program takes.
long long lut_bytes(const ColorProgram& program) {
    long long bytes = 0;
    for (int i = 0; i < program.count; ++i)
        if (program.ops[i].kind == ColorOpKind::Lut3D) {
            const long long n = program.ops[i].lut3d.size;
            bytes += 16LL * n * n * n;
        }
    return bytes;
}

template <typename Out, typename Source>
cudaError_t launch_writer(const Source& source, const YcbcrPlanes<Out>& out,
                          const YcbcrFormat& format, const ColorProgram& program,
                          cudaStream_t stream) {
    const long long bytes = lut_bytes(program);
    if (program.lut_placement == LutPlacement::Shared && bytes > 0) {
        const EncodeGrid eg = encode_grid(format, out.y.width, out.y.height, kRowsShared);
        const dim3 block(kWarp, kRowsShared);
        int device = 0, optin = 0, sms = 0, per_sm = 0;
        cudaError_t status = cudaGetDevice(&device);
        if (status == cudaSuccess)
            status =
                cudaDeviceGetAttribute(&optin, cudaDevAttrMaxSharedMemoryPerBlockOptin, device);
        if (status == cudaSuccess)
            status = cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device);
        if (status != cudaSuccess) return status;
        // Leave room for the static shared table of pointers.
        if (bytes + 1024 <= optin) {
            const auto kernel = ycbcr_writer_kernel<Out, Source, true>;
            const auto dynamic = static_cast<int>(bytes);
            status =
                cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, dynamic);
            if (status == cudaSuccess)
                status = cudaOccupancyMaxActiveBlocksPerMultiprocessor(
                    &per_sm, kernel, static_cast<int>(block.x * block.y),
                    static_cast<std::size_t>(dynamic));
            if (status != cudaSuccess) return status;
            // Resident blocks only: each copies the LUTs once and then walks many tiles.
            const long long resident = static_cast<long long>(sms) * (per_sm > 0 ? per_sm : 1);
            const auto blocks = static_cast<unsigned>(eg.tiles < resident ? eg.tiles : resident);
            kernel<<<blocks, block, static_cast<std::size_t>(dynamic), stream>>>(source, out, eg,
                                                                                 program);
            return detail::launch_status();
        }
        // The LUTs do not fit: read them from global memory (same results).
    }
    const EncodeGrid eg = encode_grid(format, out.y.width, out.y.height, kRowsGlobal);
    const dim3 block(kWarp, kRowsGlobal);
    constexpr long long kMaxBlocks = 0x7fffffffLL;
    const auto blocks = static_cast<unsigned>(eg.tiles < kMaxBlocks ? eg.tiles : kMaxBlocks);
    ycbcr_writer_kernel<Out, Source, false><<<blocks, block, 0, stream>>>(source, out, eg, program);
    return detail::launch_status();
}

// ---------------------------------------------------------------------------------------------
// Programs on R'G'B' in place.

__global__ void program_planar_kernel(ProgramPlanarArgs args) {
    const int x = detail::pixel_x();
    if (x >= args.r.width) return;
    detail::for_each_row(
        args.r.height,
        [&](int y) {
            return Rgb{row(args.r, y)[x], row(args.g, y)[x], row(args.b, y)[x]};
        },
        [&](int y, Rgb v) {
            apply_color_program(args.program, v.r, v.g, v.b);
            row(args.r, y)[x] = v.r;
            row(args.g, y)[x] = v.g;
            row(args.b, y)[x] = v.b;
        });
}

__global__ void program_packed_kernel(ProgramPackedArgs args) {
    const int x = detail::pixel_x();
    const bool counting = args.nonfinite != nullptr && math::packed_is_float(args.sample);
    const std::ptrdiff_t pixel_bytes =
        static_cast<std::ptrdiff_t>(math::packed_bytes(args.sample)) * args.channels;
    unsigned nonfinite = 0;
    if (x < args.width) {
        const auto pixel = [&](int y) {
            return static_cast<std::byte*>(args.data) +
                   static_cast<std::ptrdiff_t>(y) * args.pitch +
                   static_cast<std::ptrdiff_t>(x) * pixel_bytes;
        };
        detail::for_each_row(
            args.height,
            [&](int y) {
                const Rgb v = math::load_packed(pixel(y), args.sample);
                if (counting &&
                    !(math::is_finite(v.r) && math::is_finite(v.g) && math::is_finite(v.b)))
                    ++nonfinite;
                return v;
            },
            [&](int y, Rgb v) {
                if (args.program.count == 0) return;  // libmedia's no-op pipeline writes nothing
                apply_color_program(args.program, v.r, v.g, v.b);
                math::store_packed(pixel(y), args.sample, v);
            });
    }
    if (!counting) return;  // uniform: the same for every thread
    const unsigned warp_total = __reduce_add_sync(kFullMask, nonfinite);
    if ((threadIdx.x & (kWarp - 1)) == 0 && warp_total != 0)
        atomicAdd(args.nonfinite, static_cast<unsigned long long>(warp_total));
}

}  // namespace

template <typename T>
cudaError_t ycbcr_to_rgb(const YcbcrToRgbArgs<T>& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.in.y.width == 0 || args.in.y.height == 0) return cudaSuccess;
    const ChromaGeometry g = math::chroma_geometry(args.format, args.in.y.width, args.in.y.height);
    const dim3 grid = detail::pixel_grid(g.width, g.height);
    ycbcr_to_rgb_kernel<T>
        <<<grid, detail::pixel_block(), 0, stream>>>(args, g, math::make_decode(args.format));
    return detail::launch_status();
}

template <typename T>
cudaError_t rgb_to_ycbcr(const RgbToYcbcrArgs<T>& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.out.y.width == 0 || args.out.y.height == 0) return cudaSuccess;
    const PlanarRgbSource source{args.r, args.g, args.b, math::make_encode(args.format)};
    return launch_writer(source, args.out, args.format, ColorProgram{}, stream);
}

cudaError_t apply_program(const ProgramPlanarArgs& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.r.width == 0 || args.r.height == 0 || args.program.count == 0) return cudaSuccess;
    program_planar_kernel<<<detail::pixel_grid(args.r.width, args.r.height), detail::pixel_block(),
                            0, stream>>>(args);
    return detail::launch_status();
}

cudaError_t apply_program(const ProgramPackedArgs& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.width == 0 || args.height == 0) return cudaSuccess;
    program_packed_kernel<<<detail::pixel_grid(args.width, args.height), detail::pixel_block(), 0,
                            stream>>>(args);
    return detail::launch_status();
}

template <typename In, typename Out>
cudaError_t color_chain(const ColorChainArgs<In, Out>& args, cudaStream_t stream) {
    if (!args_valid(args)) return cudaErrorInvalidValue;
    if (args.out.y.width == 0 || args.out.y.height == 0) return cudaSuccess;
    const ChainSource<In> source{
        args.in, math::chroma_geometry(args.in_format, args.in.y.width, args.in.y.height),
        math::make_decode(args.in_format), math::make_encode(args.out_format), args.program};
    return launch_writer(source, args.out, args.out_format, args.program, stream);
}

template cudaError_t ycbcr_to_rgb(const YcbcrToRgbArgs<uint8_t>&, cudaStream_t);
template cudaError_t ycbcr_to_rgb(const YcbcrToRgbArgs<uint16_t>&, cudaStream_t);
template cudaError_t rgb_to_ycbcr(const RgbToYcbcrArgs<uint8_t>&, cudaStream_t);
template cudaError_t rgb_to_ycbcr(const RgbToYcbcrArgs<uint16_t>&, cudaStream_t);
template cudaError_t color_chain(const ColorChainArgs<uint8_t, uint8_t>&, cudaStream_t);
template cudaError_t color_chain(const ColorChainArgs<uint8_t, uint16_t>&, cudaStream_t);
template cudaError_t color_chain(const ColorChainArgs<uint16_t, uint8_t>&, cudaStream_t);
template cudaError_t color_chain(const ColorChainArgs<uint16_t, uint16_t>&, cudaStream_t);

}  // namespace slate_gpu::cuda
