// SPDX-License-Identifier: Apache-2.0
#include "cuda_color_engine.h"

#include <fmt/format.h>

#ifdef SLATE_HAVE_CUDA
#include <cuda_runtime_api.h>

#include <cstring>
#include <vector>

#include "common/cuda_memory.h"

#include "slate_gpu/kernels_color_cuda.h"
#include "ycbcr_internal.h"
#endif

namespace media::color::detail {

#ifdef SLATE_HAVE_CUDA
namespace {

using media::detail::DeviceBuffer;
using media::detail::LaneBase;
using media::detail::PinnedBuffer;

constexpr int kPlanes = 3;

// One stream with its buffers: a frame in flight. Input and output planes are separate so that
// the fused chain can change depth or layout.
struct Lane : LaneBase {
    DeviceBuffer in[kPlanes], out[kPlanes], counter;
    PinnedBuffer staging_in[kPlanes], staging_out[kPlanes], counter_host;
};

slate_gpu::PackedSample packed_sample(SampleType type) {
    switch (type) {
        case SampleType::U8:
            return slate_gpu::PackedSample::U8;
        case SampleType::U16:
            return slate_gpu::PackedSample::U16;
        case SampleType::F16:
            return slate_gpu::PackedSample::F16;
        case SampleType::F32:
            break;
    }
    return slate_gpu::PackedSample::F32;
}

}  // namespace

class CudaColorEngine::Impl {
public:
    int device = 0;
    slate_gpu::ColorProgram program;  // table pointers in device memory
    std::vector<std::unique_ptr<DeviceBuffer>> tables;

    ~Impl() = default;

    Result<void> upload_tables(const ExportedProgram& exported) {
        program = exported.program;
        const auto upload = [&](const void* host, size_t bytes) -> Result<const void*> {
            auto buffer = std::make_unique<DeviceBuffer>();
            MEDIA_TRY(buffer->reserve(bytes));
            SLATE_CUDA_TRY(cudaMemcpy(buffer->data(), host, bytes, cudaMemcpyHostToDevice),
                           "cudaMemcpy (colour tables)");
            const void* at = buffer->data();
            tables.push_back(std::move(buffer));
            return at;
        };
        for (int i = 0; i < program.count; ++i) {
            slate_gpu::ColorOpData& op = program.ops[i];
            switch (op.kind) {
                case slate_gpu::ColorOpKind::Matrix:
                case slate_gpu::ColorOpKind::Cdl:
                    break;
                case slate_gpu::ColorOpKind::Curve: {
                    using K = slate_gpu::CurveTableConstants;
                    const bool log = op.curve.table.spacing == slate_gpu::CurveSpacing::Log;
                    const size_t buckets = log ? size_t{K::kMaxExp - K::kMinExp} << K::kMantissaBits
                                               : size_t{K::kUniformBuckets};
                    for (int sign = 0; sign < (log ? 2 : 1); ++sign) {
                        MEDIA_TRY_ASSIGN(const void* values, upload(op.curve.table.values[sign],
                                                                    (buckets + 1) * sizeof(float)));
                        MEDIA_TRY_ASSIGN(const void* usable,
                                         upload(op.curve.table.usable[sign], buckets));
                        op.curve.table.values[sign] = static_cast<const float*>(values);
                        op.curve.table.usable[sign] = static_cast<const uint8_t*>(usable);
                    }
                    break;
                }
                case slate_gpu::ColorOpKind::Lut1D: {
                    MEDIA_TRY_ASSIGN(const void* t,
                                     upload(op.lut1d.table, static_cast<size_t>(op.lut1d.size) * 3 *
                                                                sizeof(float)));
                    op.lut1d.table = static_cast<const float*>(t);
                    break;
                }
                case slate_gpu::ColorOpKind::Lut3D: {
                    const auto n = static_cast<size_t>(op.lut3d.size);
                    MEDIA_TRY_ASSIGN(const void* t,
                                     upload(op.lut3d.table, n * n * n * 4 * sizeof(float)));
                    op.lut3d.table = static_cast<const float*>(t);
                    break;
                }
            }
        }
        return ok();
    }

    // A free lane, or a new one (one per concurrent caller).
    Result<std::unique_ptr<Lane>> acquire() const {
        return lanes.acquire([](Lane& lane) -> Result<void> {
            MEDIA_TRY(lane.counter_host.reserve(sizeof(unsigned long long)));
            return lane.counter.reserve(sizeof(unsigned long long));
        });
    }

    media::detail::LanePool<Lane> lanes;
};

namespace {

using LaneLease = media::detail::LaneLease<Lane>;

// Copies a CPU plane (rows of `row_bytes` at `stride`) into tightly packed staging memory.
void gather_rows(const std::byte* src, int64_t stride, int64_t row_bytes, int rows,
                 std::byte* dst) {
    for (int y = 0; y < rows; ++y)
        std::memcpy(dst + y * row_bytes, src + y * stride, static_cast<size_t>(row_bytes));
}

void scatter_rows(const std::byte* src, int64_t row_bytes, int rows, std::byte* dst,
                  int64_t stride) {
    for (int y = 0; y < rows; ++y)
        std::memcpy(dst + y * stride, src + y * row_bytes, static_cast<size_t>(row_bytes));
}

std::byte* plane_bytes(Frame& frame, int plane) {
    switch (info(frame.format()).sample_type) {
        case SampleType::U8:
            return reinterpret_cast<std::byte*>(frame.mutable_plane<uint8_t>(plane).data());
        case SampleType::U16:
        case SampleType::F16:
            return reinterpret_cast<std::byte*>(frame.mutable_plane<uint16_t>(plane).data());
        case SampleType::F32:
            break;
    }
    return reinterpret_cast<std::byte*>(frame.mutable_plane<float>(plane).data());
}

Result<slate_gpu::YcbcrFormat> ycbcr_format(const Frame& frame, const YcbcrDesc& desc) {
    const PixelFormatInfo& fi = info(frame.format());
    if (!fi.is_yuv || fi.is_packed || fi.planes < 3 ||
        (fi.sample_type != SampleType::U8 && fi.sample_type != SampleType::U16))
        return Error(ErrorCode::UnsupportedFormat,
                     fmt::format("GPU colour chain takes planar Y'CbCr, not {}", fi.name));
    slate_gpu::YcbcrFormat format;
    format.bit_depth = fi.bit_depth;
    format.range = desc.full_range ? slate_gpu::Range::Full : slate_gpu::Range::Narrow;
    format.layout = fi.log2_chroma_w == 0   ? slate_gpu::ChromaLayout::C444
                    : fi.log2_chroma_h == 0 ? slate_gpu::ChromaLayout::C422
                                            : slate_gpu::ChromaLayout::C420;
    const Siting siting = siting_of(desc.siting);
    format.siting = {siting.horizontal, siting.vertical};
    const LumaWeights weights = luma_weights(desc.matrix);
    format.kr = weights.kr;
    format.kb = weights.kb;
    return format;
}

template <typename T>
slate_gpu::YcbcrPlanes<T> device_planes(const Frame& frame, DeviceBuffer* const* buffers) {
    const PixelFormatInfo& fi = info(frame.format());
    slate_gpu::YcbcrPlanes<T> planes;
    slate_gpu::Plane<T>* out[3] = {&planes.y, &planes.cb, &planes.cr};
    for (int p = 0; p < 3; ++p) {
        out[p]->data = static_cast<T*>(buffers[p]->data());
        out[p]->width = fi.plane_width(p, frame.width());
        out[p]->height = fi.plane_height(p, frame.height());
        out[p]->pitch = static_cast<std::ptrdiff_t>(fi.plane_row_bytes(p, frame.width()));
    }
    return planes;
}

template <typename In, typename Out>
cudaError_t launch_chain(const slate_gpu::ColorProgram& program, const Frame& in,
                         const slate_gpu::YcbcrFormat& in_format, const Frame& out,
                         const slate_gpu::YcbcrFormat& out_format, Lane& lane) {
    DeviceBuffer* ins[3] = {&lane.in[0], &lane.in[1], &lane.in[2]};
    DeviceBuffer* outs[3] = {&lane.out[0], &lane.out[1], &lane.out[2]};
    slate_gpu::ColorChainArgs<In, Out> args;
    const auto in_planes = device_planes<In>(in, ins);
    args.in = {{in_planes.y.data, in_planes.y.pitch, in_planes.y.width, in_planes.y.height},
               {in_planes.cb.data, in_planes.cb.pitch, in_planes.cb.width, in_planes.cb.height},
               {in_planes.cr.data, in_planes.cr.pitch, in_planes.cr.width, in_planes.cr.height}};
    args.in_format = in_format;
    args.program = program;
    args.out = device_planes<Out>(out, outs);
    args.out_format = out_format;
    return slate_gpu::cuda::color_chain(args, lane.stream);
}

}  // namespace

Result<std::unique_ptr<CudaColorEngine>> CudaColorEngine::create(const ExportedProgram& exported,
                                                                 int device_index) {
    if (!exported.unsupported.empty())
        return Error(ErrorCode::DeviceError,
                     fmt::format("'{}' has no CUDA kernel", exported.unsupported));
    auto impl = std::make_unique<Impl>();
    impl->device = device_index;
    SLATE_CUDA_TRY(cudaSetDevice(device_index), "cudaSetDevice");
    MEDIA_TRY(impl->upload_tables(exported));
    return std::unique_ptr<CudaColorEngine>(new CudaColorEngine(std::move(impl)));
}

Result<int64_t> CudaColorEngine::apply_packed(Frame& frame) const {
    const PixelFormatInfo& fi = info(frame.format());
    SLATE_CUDA_TRY(cudaSetDevice(m_impl->device), "cudaSetDevice");
    MEDIA_TRY(frame.make_writable());
    MEDIA_TRY_ASSIGN(auto lane_ptr, m_impl->acquire());
    LaneLease lane(m_impl->lanes, std::move(lane_ptr));
    const int64_t row_bytes = fi.plane_row_bytes(0, frame.width());
    const auto bytes = static_cast<size_t>(row_bytes) * static_cast<size_t>(frame.height());
    MEDIA_TRY(lane->staging_in[0].reserve(bytes));
    MEDIA_TRY(lane->in[0].reserve(bytes));
    std::byte* base = plane_bytes(frame, 0);
    gather_rows(base, frame.plane_stride(0), row_bytes, frame.height(),
                lane->staging_in[0].bytes());
    const cudaStream_t stream = lane->stream;
    SLATE_CUDA_TRY(cudaMemcpyAsync(lane->in[0].data(), lane->staging_in[0].bytes(), bytes,
                                   cudaMemcpyHostToDevice, stream),
                   "upload");
    SLATE_CUDA_TRY(cudaMemsetAsync(lane->counter.data(), 0, sizeof(unsigned long long), stream),
                   "cudaMemsetAsync");
    slate_gpu::ProgramPackedArgs args;
    args.data = lane->in[0].data();
    args.pitch = static_cast<std::ptrdiff_t>(row_bytes);
    args.width = frame.width();
    args.height = frame.height();
    args.channels = fi.components;
    args.sample = packed_sample(fi.sample_type);
    args.program = m_impl->program;
    args.nonfinite = static_cast<unsigned long long*>(lane->counter.data());
    SLATE_CUDA_TRY(slate_gpu::cuda::apply_program(args, stream), "colour kernel launch");
    SLATE_CUDA_TRY(cudaMemcpyAsync(lane->staging_in[0].bytes(), lane->in[0].data(), bytes,
                                   cudaMemcpyDeviceToHost, stream),
                   "download");
    SLATE_CUDA_TRY(cudaMemcpyAsync(lane->counter_host.data(), lane->counter.data(),
                                   sizeof(unsigned long long), cudaMemcpyDeviceToHost, stream),
                   "download");
    SLATE_CUDA_TRY(cudaStreamSynchronize(stream), "colour kernel");
    scatter_rows(lane->staging_in[0].bytes(), row_bytes, frame.height(), base,
                 frame.plane_stride(0));
    return static_cast<int64_t>(*static_cast<unsigned long long*>(lane->counter_host.data()));
}

Result<void> CudaColorEngine::apply_ycbcr(const Frame& in, const YcbcrDesc& in_desc, Frame& out,
                                          const YcbcrDesc& out_desc) const {
    if (in.width() != out.width() || in.height() != out.height())
        return Error(ErrorCode::InvalidArgument, "GPU colour chain: output size differs");
    MEDIA_TRY_ASSIGN(const slate_gpu::YcbcrFormat in_format, ycbcr_format(in, in_desc));
    MEDIA_TRY_ASSIGN(const slate_gpu::YcbcrFormat out_format, ycbcr_format(out, out_desc));
    SLATE_CUDA_TRY(cudaSetDevice(m_impl->device), "cudaSetDevice");
    MEDIA_TRY(out.make_writable());
    MEDIA_TRY_ASSIGN(auto lane_ptr, m_impl->acquire());
    LaneLease lane(m_impl->lanes, std::move(lane_ptr));
    const cudaStream_t stream = lane->stream;
    const PixelFormatInfo& fi_in = info(in.format());
    const PixelFormatInfo& fi_out = info(out.format());
    for (int p = 0; p < kPlanes; ++p) {
        const int64_t row_bytes = fi_in.plane_row_bytes(p, in.width());
        const int rows = fi_in.plane_height(p, in.height());
        const auto bytes = static_cast<size_t>(row_bytes) * static_cast<size_t>(rows);
        MEDIA_TRY(lane->staging_in[p].reserve(bytes));
        MEDIA_TRY(lane->in[p].reserve(bytes));
        gather_rows(in.plane_data(p), in.plane_stride(p), row_bytes, rows,
                    lane->staging_in[p].bytes());
        // Each plane's upload starts as soon as it is staged, while the next one is gathered.
        SLATE_CUDA_TRY(cudaMemcpyAsync(lane->in[p].data(), lane->staging_in[p].bytes(), bytes,
                                       cudaMemcpyHostToDevice, stream),
                       "upload");
        const auto out_bytes = static_cast<size_t>(fi_out.plane_row_bytes(p, out.width())) *
                               static_cast<size_t>(fi_out.plane_height(p, out.height()));
        MEDIA_TRY(lane->staging_out[p].reserve(out_bytes));
        MEDIA_TRY(lane->out[p].reserve(out_bytes));
    }
    const bool in8 = fi_in.sample_type == SampleType::U8;
    const bool out8 = fi_out.sample_type == SampleType::U8;
    const slate_gpu::ColorProgram& program = m_impl->program;
    const cudaError_t launched =
        in8 ? (out8 ? launch_chain<uint8_t, uint8_t>(program, in, in_format, out, out_format, *lane)
                    : launch_chain<uint8_t, uint16_t>(program, in, in_format, out, out_format,
                                                      *lane))
            : (out8
                   ? launch_chain<uint16_t, uint8_t>(program, in, in_format, out, out_format, *lane)
                   : launch_chain<uint16_t, uint16_t>(program, in, in_format, out, out_format,
                                                      *lane));
    SLATE_CUDA_TRY(launched, "colour chain launch");
    for (int p = 0; p < kPlanes; ++p) {
        const auto bytes = static_cast<size_t>(fi_out.plane_row_bytes(p, out.width())) *
                           static_cast<size_t>(fi_out.plane_height(p, out.height()));
        SLATE_CUDA_TRY(cudaMemcpyAsync(lane->staging_out[p].bytes(), lane->out[p].data(), bytes,
                                       cudaMemcpyDeviceToHost, stream),
                       "download");
    }
    SLATE_CUDA_TRY(cudaStreamSynchronize(stream), "colour chain");
    for (int p = 0; p < kPlanes; ++p)
        scatter_rows(lane->staging_out[p].bytes(), fi_out.plane_row_bytes(p, out.width()),
                     fi_out.plane_height(p, out.height()), plane_bytes(out, p),
                     out.plane_stride(p));
    return ok();
}

std::string CudaColorEngine::device_name() const {
    return fmt::format("cuda:{}", m_impl->device);
}

#else  // no CUDA in this build

class CudaColorEngine::Impl {};

Result<std::unique_ptr<CudaColorEngine>> CudaColorEngine::create(const ExportedProgram&, int) {
    return Error(
        ErrorCode::DeviceError,
        "this build has no CUDA support (configured without nvcc, or with SLATE_CUDA=OFF)");
}

Result<int64_t> CudaColorEngine::apply_packed(Frame&) const {
    return Error(ErrorCode::DeviceError, "this build has no CUDA support");
}

Result<void> CudaColorEngine::apply_ycbcr(const Frame&, const YcbcrDesc&, Frame&,
                                          const YcbcrDesc&) const {
    return Error(ErrorCode::DeviceError, "this build has no CUDA support");
}

std::string CudaColorEngine::device_name() const {
    return "cpu";
}

#endif

CudaColorEngine::CudaColorEngine(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
CudaColorEngine::~CudaColorEngine() = default;

}  // namespace media::color::detail
