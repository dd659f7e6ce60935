// SPDX-License-Identifier: Apache-2.0
#include "media/color/color_processor.h"

#include <mutex>
#include <optional>

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "lut_file.h"
#include "ocio_adapter.h"

namespace media::color {
namespace {

// Frames smaller than this run on the calling thread; larger ones split into row bands of
// about this many pixels (UHD float: ~32 bands), enough to spread over the cores without
// making a band's set-up cost count.
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

template <typename T>
void* writable_plane(Frame& frame) {
    return frame.mutable_plane<T>(0).data();
}

// Plane 0 of a packed RGB(A) frame, made this handle's own.
Result<detail::PackedPixels> writable_pixels(Frame& frame) {
    const std::optional<int> channels = packed_rgb_channels(frame.format());
    if (!channels)
        return Error(ErrorCode::UnsupportedFormat,
                     fmt::format("colour pipeline takes packed RGB frames, not {} (convert first)",
                                 info(frame.format()).name));
    if (frame.device() != DeviceKind::Cpu)
        return Error(ErrorCode::DeviceError, "colour pipeline runs on the CPU: download first");
    MEDIA_TRY(frame.make_writable());
    detail::PackedPixels pixels;
    pixels.sample = info(frame.format()).sample_type;
    switch (pixels.sample) {
        case SampleType::U8:
            pixels.data = writable_plane<uint8_t>(frame);
            break;
        case SampleType::U16:
        case SampleType::F16:
            pixels.data = writable_plane<uint16_t>(frame);
            break;
        case SampleType::F32:
            pixels.data = writable_plane<float>(frame);
            break;
    }
    if (pixels.data == nullptr)
        return Error(ErrorCode::OutOfMemory, "cannot make the frame writable");
    pixels.width = frame.width();
    pixels.height = frame.height();
    pixels.channels = *channels;
    pixels.stride_bytes = frame.plane_stride(0);
    return pixels;
}

detail::PackedPixels rows_of(const detail::PackedPixels& pixels, int first, int count) {
    detail::PackedPixels band = pixels;
    band.data = static_cast<std::byte*>(pixels.data) + int64_t{first} * pixels.stride_bytes;
    band.height = count;
    return band;
}

// LUT paths made absolute and checked before OCIO reads them, so a missing file is NotFound and a
// hostile .cube header cannot allocate gigabytes.
Result<ColorPipelineDesc> resolved(ColorPipelineDesc desc) {
    for (ColorStep& step : desc.steps) {
        if (step.kind != ColorStep::Kind::Lut) continue;
        if (step.path.empty()) return Error(ErrorCode::InvalidArgument, "LUT step without a file");
        step.path = detail::absolute_path(step.path);
        MEDIA_TRY(detail::check_lut_limits(step.path));
    }
    return desc;
}

}  // namespace

class ColorProcessor::Impl {
public:
    explicit Impl(std::unique_ptr<const detail::OcioPipeline> pipeline)
        : m_pipeline(std::move(pipeline)), m_noop(m_pipeline->is_noop()) {}

    bool is_noop() const { return m_noop; }

    Result<void> apply(const detail::PackedPixels& pixels) const {
        const int64_t pixel_count = int64_t{pixels.width} * pixels.height;
        if (pixel_count < 2 * kPixelsPerBand) return m_pipeline->apply(pixels);
        const auto band_rows =
            static_cast<size_t>(std::max<int64_t>(1, kPixelsPerBand / pixels.width));
        std::mutex failure_mutex;
        std::optional<Error> failure;
        tbb::parallel_for(tbb::blocked_range<int>(0, pixels.height, band_rows),
                          [&](const tbb::blocked_range<int>& rows) {
                              auto done = m_pipeline->apply(
                                  rows_of(pixels, rows.begin(), static_cast<int>(rows.size())));
                              if (done) return;
                              std::lock_guard lock(failure_mutex);
                              if (!failure) failure = std::move(done).error();
                          });
        if (failure) return std::move(*failure);
        return ok();
    }

private:
    std::unique_ptr<const detail::OcioPipeline> m_pipeline;
    bool m_noop;
};

Result<ColorProcessor> ColorProcessor::create(const ColorPipelineDesc& desc, DevicePolicy policy) {
    if (policy == DevicePolicy::Cuda)
        return Error(ErrorCode::DeviceError,
                     "CUDA requested but there are no CUDA colour "
                     "kernels yet (use the CPU)");
    MEDIA_TRY_ASSIGN(const ColorPipelineDesc checked, resolved(desc));
    MEDIA_TRY_ASSIGN(auto pipeline, detail::OcioPipeline::build(checked));
    return ColorProcessor(std::make_shared<const Impl>(std::move(pipeline)));
}

ColorProcessor::ColorProcessor(std::shared_ptr<const Impl> impl) : m_impl(std::move(impl)) {}
ColorProcessor::ColorProcessor(ColorProcessor&&) noexcept = default;
ColorProcessor& ColorProcessor::operator=(ColorProcessor&&) noexcept = default;
ColorProcessor::~ColorProcessor() = default;

Result<void> ColorProcessor::apply(Frame& frame) const {
    if (frame.empty()) return Error(ErrorCode::InvalidArgument, "colour pipeline: empty frame");
    if (m_impl->is_noop()) {
        // Nothing to write, but the format contract holds either way.
        if (!packed_rgb_channels(frame.format()))
            return Error(ErrorCode::UnsupportedFormat,
                         fmt::format("colour pipeline takes packed RGB frames, not {}",
                                     info(frame.format()).name));
        return ok();
    }
    MEDIA_TRY_ASSIGN(const detail::PackedPixels pixels, writable_pixels(frame));
    return m_impl->apply(pixels);
}

bool ColorProcessor::is_noop() const {
    return m_impl->is_noop();
}

std::string ColorProcessor::device() const {
    return "cpu";
}

}  // namespace media::color
