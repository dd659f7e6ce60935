// SPDX-License-Identifier: Apache-2.0
#include "media/color/color_processor.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "color_ops.h"
#include "cuda_color_engine.h"
#include "media/frame/half.h"

namespace media::color {
namespace {

// Frames smaller than this run on the calling thread; larger ones split into row bands of
// about this many pixels (UHD: ~32 bands), enough to spread over the cores without making a
// band's set-up cost count.
constexpr int64_t kPixelsPerBand = int64_t{1} << 18;

std::optional<int> packed_rgb_channels(PixelFormat format) {
    switch (format) {
        case PixelFormat::Rgb8:
        case PixelFormat::Rgb16:
        case PixelFormat::RgbFloat:
            return 3;
        case PixelFormat::Rgba8:
        case PixelFormat::Rgba16:
        case PixelFormat::RgbaHalf:
        case PixelFormat::RgbaFloat:
            return 4;
        default:
            return std::nullopt;
    }
}

Error unsupported(PixelFormat format) {
    return Error(ErrorCode::UnsupportedFormat,
                 fmt::format("colour pipeline takes packed RGB frames, not {} (convert first)",
                             info(format).name));
}

// Per-thread chunk planes, zeroed once: kernels run whole vectors over the padding.
struct ChunkBuffers {
    alignas(64) float r[detail::kChunkPixels] = {};
    alignas(64) float g[detail::kChunkPixels] = {};
    alignas(64) float b[detail::kChunkPixels] = {};
    detail::Chunk chunk(int n) { return {r, g, b, n}; }
};

template <typename T>
constexpr float kScale = 1.0f / static_cast<float>(std::numeric_limits<T>::max());

template <typename T>
T quantise(float v) {
    constexpr float top = static_cast<float>(std::numeric_limits<T>::max());
    v = v != v ? 0.0f : std::min(std::max(v * top + 0.5f, 0.0f), top);
    return static_cast<T>(v);
}

// Plane 0 of a packed RGB(A) frame, taken once before the bands run (a Frame object is not
// shared across threads).
struct PackedPicture {
    std::byte* base = nullptr;
    int64_t stride = 0;
    int width = 0;
    int channels = 3;
    SampleType sample = SampleType::F32;
};

bool finite3(float r, float g, float b) {
    return std::isfinite(r) && std::isfinite(g) && std::isfinite(b);
}

// Pixels with a NaN or infinite component, read only (what a no-op pipeline still reports).
int64_t count_nonfinite(const Frame& frame, int channels) {
    const SampleType sample = info(frame.format()).sample_type;
    if (sample != SampleType::F32 && sample != SampleType::F16) return 0;
    int64_t count = 0;
    for (int y = 0; y < frame.height(); ++y) {
        for (int x = 0; x < frame.width(); ++x) {
            float v[3];
            for (int c = 0; c < 3; ++c)
                v[c] =
                    sample == SampleType::F32
                        ? frame.plane<float>(0).row(y)[int64_t{x} * channels + c]
                        : half_to_float(frame.plane<uint16_t>(0).row(y)[int64_t{x} * channels + c]);
            if (!finite3(v[0], v[1], v[2])) ++count;
        }
    }
    return count;
}

}  // namespace

class ColorProcessor::Impl {
public:
    explicit Impl(std::vector<std::unique_ptr<const detail::ColorOp>> ops)
        : m_ops(std::move(ops)), m_exported(detail::export_program(m_ops)) {}

    /// The ops as a GPU program, exported once (its tables point into m_ops).
    const detail::ExportedProgram& exported() const { return m_exported; }

    bool is_noop() const { return m_ops.empty(); }

    /// Set at creation when the pipeline runs on a CUDA device.
    const detail::CudaColorEngine* engine() const { return m_engine.get(); }
    void set_engine(std::unique_ptr<detail::CudaColorEngine> engine) {
        m_engine = std::move(engine);
    }
    /// Why DevicePolicy::Auto stayed on the CPU with a device present ("" otherwise).
    const std::string& fallback_reason() const { return m_fallback; }
    void set_fallback_reason(std::string reason) { m_fallback = std::move(reason); }

    void run(const detail::Chunk& chunk) const {
        for (const auto& op : m_ops) op->apply(chunk);
    }

    // One row of `width` pixels of sample type T (uint16_t holding half floats when kHalf) with
    // `channels` interleaved; returns the number of non-finite input pixels.
    template <typename T, bool kHalf = false>
    int64_t apply_row(T* row, int width, int channels, ChunkBuffers& buffers) const {
        int64_t nonfinite = 0;
        for (int x = 0; x < width; x += detail::kChunkPixels) {
            const int n = std::min(detail::kChunkPixels, width - x);
            const detail::Chunk chunk = buffers.chunk(n);
            T* px = row + static_cast<int64_t>(x) * channels;
            if constexpr (std::is_same_v<T, float>) {
                nonfinite += detail::simd_unpack_f32(px, channels, chunk);
                run(chunk);
                detail::simd_pack_f32(chunk, channels, px);
            } else {
                const auto load = [](T v) {
                    if constexpr (kHalf)
                        return half_to_float(v);
                    else
                        return static_cast<float>(v) * kScale<T>;
                };
                const auto store = [](float v) {
                    if constexpr (kHalf)
                        return float_to_half(v);
                    else
                        return quantise<T>(v);
                };
                for (int i = 0; i < n; ++i) {
                    const T* p = px + i * channels;
                    chunk.r[i] = load(p[0]);
                    chunk.g[i] = load(p[1]);
                    chunk.b[i] = load(p[2]);
                    if constexpr (kHalf) nonfinite += !finite3(chunk.r[i], chunk.g[i], chunk.b[i]);
                }
                run(chunk);
                for (int i = 0; i < n; ++i) {
                    T* p = px + i * channels;
                    p[0] = store(chunk.r[i]);
                    p[1] = store(chunk.g[i]);
                    p[2] = store(chunk.b[i]);
                }
            }
        }
        return nonfinite;
    }

    // Rows [first, first + count) of a packed picture at `base`.
    int64_t apply_rows(const PackedPicture& picture, int first, int count) const {
        ChunkBuffers buffers;
        int64_t nonfinite = 0;
        for (int y = first; y < first + count; ++y) {
            std::byte* row = picture.base + int64_t{y} * picture.stride;
            const int w = picture.width, ch = picture.channels;
            switch (picture.sample) {
                case SampleType::U8:
                    nonfinite += apply_row(reinterpret_cast<uint8_t*>(row), w, ch, buffers);
                    break;
                case SampleType::U16:
                    nonfinite += apply_row(reinterpret_cast<uint16_t*>(row), w, ch, buffers);
                    break;
                case SampleType::F16:
                    nonfinite +=
                        apply_row<uint16_t, true>(reinterpret_cast<uint16_t*>(row), w, ch, buffers);
                    break;
                case SampleType::F32:
                    nonfinite += apply_row(reinterpret_cast<float*>(row), w, ch, buffers);
                    break;
            }
        }
        return nonfinite;
    }

    std::string describe() const {
        std::string out;
        for (const auto& op : m_ops) out += (out.empty() ? "" : "\n") + op->describe();
        return out;
    }

private:
    std::vector<std::unique_ptr<const detail::ColorOp>> m_ops;
    detail::ExportedProgram m_exported;
    std::unique_ptr<detail::CudaColorEngine> m_engine;
    std::string m_fallback;
};

Result<ColorProcessor> ColorProcessor::create(const ColorPipelineDesc& desc, DevicePolicy policy) {
    MEDIA_TRY_ASSIGN(auto ops, detail::compile_ops(desc));
    auto impl = std::make_shared<Impl>(std::move(ops));
    if (policy == DevicePolicy::Cpu) return ColorProcessor(std::move(impl));
    // An explicit Cuda without a device is an error even for a pipeline that does nothing.
    MEDIA_TRY_ASSIGN(const DeviceInfo device, resolve_device(policy));
    if (device.kind != DeviceKind::Cuda || impl->is_noop()) return ColorProcessor(std::move(impl));
    auto engine = detail::CudaColorEngine::create(impl->exported(), device.index);
    if (engine) {
        impl->set_engine(std::move(*engine));
    } else if (policy == DevicePolicy::Cuda) {
        return Error(ErrorCode::DeviceError,
                     fmt::format("CUDA requested but {}", engine.error().message()))
            .with_operation("colour pipeline");
    } else {
        impl->set_fallback_reason(engine.error().message());
    }
    return ColorProcessor(std::move(impl));
}

const detail::ExportedProgram& detail::exported_program(const ColorProcessor& processor) {
    return processor.m_impl->exported();
}

ColorProcessor::ColorProcessor(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
ColorProcessor::ColorProcessor(ColorProcessor&&) noexcept = default;
ColorProcessor& ColorProcessor::operator=(ColorProcessor&&) noexcept = default;
ColorProcessor::~ColorProcessor() = default;

Result<void> ColorProcessor::apply(Frame& frame, ApplyStats* stats) const {
    if (frame.empty()) return Error(ErrorCode::InvalidArgument, "colour pipeline: empty frame");
    const std::optional<int> channels = packed_rgb_channels(frame.format());
    if (!channels) return unsupported(frame.format());
    if (frame.device() != DeviceKind::Cpu)
        return Error(ErrorCode::DeviceError, "colour pipeline takes CPU frames: download first");
    const int64_t pixels = int64_t{frame.width()} * frame.height();
    if (stats != nullptr) stats->pixels += pixels;
    if (m_impl->is_noop()) {
        if (stats != nullptr) stats->nonfinite_pixels += count_nonfinite(frame, *channels);
        return ok();
    }
    if (const detail::CudaColorEngine* engine = m_impl->engine()) {
        MEDIA_TRY_ASSIGN(const int64_t nonfinite, engine->apply_packed(frame));
        if (stats != nullptr) stats->nonfinite_pixels += nonfinite;
        return ok();
    }
    MEDIA_TRY(frame.make_writable());
    PackedPicture picture;
    picture.sample = info(frame.format()).sample_type;
    switch (picture.sample) {
        case SampleType::U8:
            picture.base = reinterpret_cast<std::byte*>(frame.mutable_plane<uint8_t>(0).data());
            break;
        case SampleType::U16:
        case SampleType::F16:
            picture.base = reinterpret_cast<std::byte*>(frame.mutable_plane<uint16_t>(0).data());
            break;
        case SampleType::F32:
            picture.base = reinterpret_cast<std::byte*>(frame.mutable_plane<float>(0).data());
            break;
    }
    if (picture.base == nullptr)
        return Error(ErrorCode::OutOfMemory, "cannot make the frame writable");
    picture.stride = frame.plane_stride(0);
    picture.width = frame.width();
    picture.channels = *channels;

    std::atomic<int64_t> nonfinite{0};
    if (pixels < 2 * kPixelsPerBand) {
        nonfinite = m_impl->apply_rows(picture, 0, frame.height());
    } else {
        const auto band_rows =
            static_cast<size_t>(std::max<int64_t>(1, kPixelsPerBand / frame.width()));
        tbb::parallel_for(tbb::blocked_range<int>(0, frame.height(), band_rows),
                          [&](const tbb::blocked_range<int>& rows) {
                              nonfinite += m_impl->apply_rows(picture, rows.begin(),
                                                              static_cast<int>(rows.size()));
                          });
    }
    if (stats != nullptr) stats->nonfinite_pixels += nonfinite.load();
    return ok();
}

void ColorProcessor::apply_rgb(float* rgb, int64_t count, ApplyStats* stats) const {
    if (stats != nullptr) stats->pixels += count;
    if (m_impl->is_noop()) return;
    ChunkBuffers buffers;
    int64_t nonfinite = 0;
    // apply_row takes int widths: go through the buffer in rows of at most 2^20 pixels.
    constexpr int64_t kRow = int64_t{1} << 20;
    for (int64_t at = 0; at < count; at += kRow)
        nonfinite += m_impl->apply_row(rgb + at * 3, static_cast<int>(std::min(kRow, count - at)),
                                       3, buffers);
    if (stats != nullptr) stats->nonfinite_pixels += nonfinite;
}

Result<LutFile> ColorProcessor::bake(const BakeOptions& options) const {
    if (options.cube_size < 2 || options.cube_size > kMaxLut3DSize)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("LUT size {} is outside 2..{}", options.cube_size, kMaxLut3DSize));
    if (!(options.domain_max > options.domain_min))
        return Error(ErrorCode::InvalidArgument, "bake domain: max must be above min");
    const int n = options.cube_size;
    Lut3D cube;
    cube.size = n;
    cube.domain_min = {options.domain_min, options.domain_min, options.domain_min};
    cube.domain_max = {options.domain_max, options.domain_max, options.domain_max};
    cube.table.resize(static_cast<size_t>(n) * n * n * 3);
    const double step = (options.domain_max - options.domain_min) / (n - 1);
    size_t at = 0;
    for (int b = 0; b < n; ++b)
        for (int g = 0; g < n; ++g)
            for (int r = 0; r < n; ++r) {
                cube.table[at++] = static_cast<float>(options.domain_min + r * step);
                cube.table[at++] = static_cast<float>(options.domain_min + g * step);
                cube.table[at++] = static_cast<float>(options.domain_min + b * step);
            }
    apply_rgb(cube.table.data(), static_cast<int64_t>(n) * n * n);
    LutFile lut;
    lut.title = options.title;
    lut.cube = std::move(cube);
    return lut;
}

Result<void> ColorProcessor::apply_ycbcr(const Frame& in, const YcbcrDesc& in_desc, Frame& out,
                                         const YcbcrDesc& out_desc, ApplyStats* stats) const {
    if (in.empty() || out.empty())
        return Error(ErrorCode::InvalidArgument, "colour pipeline: empty frame");
    if (in.width() != out.width() || in.height() != out.height())
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("colour pipeline: output {}x{} differs from input {}x{}",
                                 out.width(), out.height(), in.width(), in.height()));
    for (const Frame* frame : {&in, static_cast<const Frame*>(&out)}) {
        const PixelFormatInfo& fi = info(frame->format());
        if (!fi.is_yuv || fi.is_packed || fi.has_alpha ||
            (fi.sample_type != SampleType::U8 && fi.sample_type != SampleType::U16))
            return Error(
                ErrorCode::UnsupportedFormat,
                fmt::format("colour pipeline: apply_ycbcr takes planar Y'CbCr, not {}", fi.name));
        if (frame->device() != DeviceKind::Cpu)
            return Error(ErrorCode::DeviceError,
                         "colour pipeline takes CPU frames: download first");
    }
    if (stats != nullptr) stats->pixels += int64_t{in.width()} * in.height();
    if (const detail::CudaColorEngine* engine = m_impl->engine())
        return engine->apply_ycbcr(in, in_desc, out, out_desc);
    MEDIA_TRY_ASSIGN(
        Frame rgb, Frame::allocate(FrameSpec{in.width(), in.height(), PixelFormat::RgbFloat, {}}));
    MEDIA_TRY(ycbcr_to_rgb(in, in_desc, rgb));
    MEDIA_TRY(apply(rgb));
    return rgb_to_ycbcr(rgb, out_desc, out);
}

bool ColorProcessor::is_noop() const {
    return m_impl->is_noop();
}

bool ColorProcessor::on_device() const {
    return m_impl->engine() != nullptr;
}

const std::string& ColorProcessor::fallback_reason() const {
    return m_impl->fallback_reason();
}

std::string ColorProcessor::device() const {
    return m_impl->engine() != nullptr ? m_impl->engine()->device_name() : "cpu";
}

std::string ColorProcessor::describe() const {
    return m_impl->describe();
}

std::string ColorProcessor::backend() const {
    std::string name = detail::simd_target_name();
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

}  // namespace media::color
