// SPDX-License-Identifier: Apache-2.0
// FrameResizer: crop, scale, place and convert with swscale. Set up once per input size/format;
// crop and placement are pointer offsets into the planes, so no intermediate picture is made.
#include "media/io/frame_resize.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

extern "C" {
#include <libswscale/swscale.h>
}

#include "media/frame/frame_pool.h"
#include "media/frame/half.h"
#include "pixel_format_map.h"

namespace media {
namespace {

int sws_flags_of(ResizeFilter filter) {
    switch (filter) {
        case ResizeFilter::Point:
            return SWS_POINT;
        case ResizeFilter::Bilinear:
            return SWS_BILINEAR;
        case ResizeFilter::Bicubic:
            return SWS_BICUBIC;
        case ResizeFilter::Lanczos:
            return SWS_LANCZOS;
        case ResizeFilter::Spline:
            return SWS_SPLINE;
    }
    return SWS_BICUBIC;
}

// The filter alone, as ffmpeg's scale filter uses it: accurate rounding costs a third more time
// for a difference below one code value. Full-resolution chroma only where RGB meets YUV (it
// keeps colour edges of burn-ins and graphics sharp).
int flags_for(ResizeFilter filter, const PixelFormatInfo& in, const PixelFormatInfo& out) {
    int flags = sws_flags_of(filter);
    if (in.is_yuv && out.is_rgb) flags |= SWS_FULL_CHR_H_INT;
    if (in.is_rgb && out.is_yuv) flags |= SWS_FULL_CHR_H_INP;
    return flags;
}

bool is_full_range(const ColorInfo& color, PixelFormat format) {
    if (color.range == ColorRange::Full) return true;
    if (color.range == ColorRange::Limited) return false;
    return !info(format).is_yuv;  // RGB and gray-free defaults: full for RGB, limited for YUV
}

const int* coefficients_of(const ColorInfo& color, int height) {
    const auto matrix = color.matrix;
    if (matrix != MatrixCoefficients::RGB && matrix != MatrixCoefficients::Unspecified)
        return sws_getCoefficients(static_cast<int>(matrix));
    return sws_getCoefficients(height >= 720 ? SWS_CS_ITU709 : SWS_CS_ITU601);
}

// Offsets must land on whole chroma samples of both formats involved.
int align_down(int value, int log2) {
    return (value >> log2) << log2;
}

// Pointers to the planes of `frame` starting at (x, y).
void plane_pointers(const Frame& frame, int x, int y, std::array<uint8_t*, 4>& data,
                    std::array<int, 4>& stride) {
    const PixelFormatInfo& fi = info(frame.format());
    for (int p = 0; p < frame.plane_count(); ++p) {
        const bool chroma = fi.is_yuv && (p == 1 || p == 2);
        const int px = chroma ? x >> fi.log2_chroma_w : x;
        const int py = chroma ? y >> fi.log2_chroma_h : y;
        const int64_t pixel_bytes =
            static_cast<int64_t>(fi.bytes_per_sample) * fi.components_in_plane(p);
        data[static_cast<size_t>(p)] =
            reinterpret_cast<uint8_t*>(const_cast<std::byte*>(frame.plane_data(p))) +
            py * frame.plane_stride(p) + px * pixel_bytes;
        stride[static_cast<size_t>(p)] = static_cast<int>(frame.plane_stride(p));
    }
}

// Opaque alpha in a packed RGBA frame (the fourth of every four samples).
template <typename T>
void set_packed_alpha(Frame& frame, T value) {
    auto view = frame.mutable_plane<T>(0);
    for (int y = 0; y < frame.height(); ++y)
        for (int x = 0; x < frame.width(); ++x) view.row(y)[4 * x + 3] = value;
}

template <typename T>
void fill_plane(Frame& frame, int plane, T value) {
    auto view = frame.mutable_plane<T>(plane);
    for (int y = 0; y < view.height(); ++y) std::fill_n(view.row(y), view.width(), value);
}

uint16_t unit_to_u16(float v) {
    if (!(v > 0.0f)) return 0;  // negatives and NaN
    if (v >= 1.0f) return 65535;
    return static_cast<uint16_t>(v * 65535.0f + 0.5f);
}

// Packed float RGB(A) (EXR) has no swscale format in FFmpeg 5.1: it becomes 16-bit first,
// clamped to 0..1 (display-referred; scene-linear material wants a look or LUT that maps it).
Result<Frame> float_to_u16(const Frame& input) {
    const PixelFormatInfo& fi = info(input.format());
    const PixelFormat target = fi.has_alpha ? PixelFormat::Rgba16 : PixelFormat::Rgb16;
    MEDIA_TRY_ASSIGN(Frame out, Frame::allocate(FrameSpec{input.width(), input.height(), target,
                                                          input.color()}));
    const int n = input.width() * fi.components;
    auto to = out.mutable_plane<uint16_t>(0);
    for (int y = 0; y < input.height(); ++y) {
        uint16_t* row = to.row(y);
        if (fi.sample_type == SampleType::F16) {
            const auto from = input.plane<uint16_t>(0);
            for (int i = 0; i < n; ++i) row[i] = unit_to_u16(half_to_float(from.row(y)[i]));
        } else {
            const auto from = input.plane<float>(0);
            for (int i = 0; i < n; ++i) row[i] = unit_to_u16(from.row(y)[i]);
        }
    }
    return out;
}

}  // namespace

class FrameResizer::Impl {
public:
    explicit Impl(ResizeDesc d) : desc(std::move(d)) {}
    ~Impl() { sws_freeContext(sws); }

    ResizeDesc desc;
    SwsContext* sws = nullptr;
    FrameSpec input_spec{};
    std::unique_ptr<FramePool> pool;
};

FrameResizer::FrameResizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
FrameResizer::FrameResizer(FrameResizer&&) noexcept = default;
FrameResizer& FrameResizer::operator=(FrameResizer&&) noexcept = default;
FrameResizer::~FrameResizer() = default;

const ResizeDesc& FrameResizer::desc() const {
    return m_impl->desc;
}

Result<FrameResizer> FrameResizer::create(const ResizeDesc& desc) {
    if (desc.width <= 0 || desc.height <= 0 || desc.width > 65536 || desc.height > 65536)
        return Error(ErrorCode::InvalidArgument, "resize: output size out of range");
    if (av::to_av_pixel_format(desc.format) == AV_PIX_FMT_NONE)
        return Error(ErrorCode::UnsupportedFormat,
                     "resize: cannot produce " + std::string(info(desc.format).name));
    if (const auto& p = desc.placement) {
        if (p->width <= 0 || p->height <= 0 || p->x < 0 || p->y < 0 ||
            p->x + p->width > desc.width || p->y + p->height > desc.height)
            return Error(ErrorCode::InvalidArgument, "resize: placement outside the output");
    }
    auto impl = std::make_unique<Impl>(desc);
    FrameSpec spec{desc.width, desc.height, desc.format, desc.color};
    // Enough buffers for the frames queued between decoder and encoder, so none is allocated
    // (and page-faulted in) per frame.
    impl->pool = std::make_unique<FramePool>(spec, 12);
    return FrameResizer(std::move(impl));
}

Result<Frame> FrameResizer::resize(const Frame& input) {
    Impl& m = *m_impl;
    const ResizeDesc& d = m.desc;
    if (input.empty() || input.device() != DeviceKind::Cpu)
        return Error(ErrorCode::InvalidArgument, "resize: only host frames");
    const SampleType sample_type = info(input.format()).sample_type;
    if (sample_type == SampleType::F16 || sample_type == SampleType::F32) {
        MEDIA_TRY_ASSIGN(Frame converted, float_to_u16(input));
        converted.set_pts(input.pts(), input.time_base());
        converted.set_index(input.index());
        converted.set_timecode(input.timecode());
        return resize(converted);
    }
    const AVPixelFormat source = av::to_av_pixel_format(input.format());
    if (source == AV_PIX_FMT_NONE)
        return Error(ErrorCode::UnsupportedFormat,
                     "resize: cannot read " + std::string(info(input.format()).name));
    const PixelFormatInfo& in_info = info(input.format());
    const PixelFormatInfo& out_info = info(d.format);

    PixelRect crop = d.source_crop.value_or(PixelRect{0, 0, input.width(), input.height()});
    crop.x = align_down(crop.x, in_info.log2_chroma_w);
    crop.y = align_down(crop.y, in_info.log2_chroma_h);
    if (crop.width <= 0 || crop.height <= 0 || crop.x < 0 || crop.y < 0 ||
        crop.x + crop.width > input.width() || crop.y + crop.height > input.height())
        return Error(ErrorCode::InvalidArgument, "resize: crop outside the input picture");
    PixelRect place = d.placement.value_or(PixelRect{0, 0, d.width, d.height});
    place.x = align_down(place.x, out_info.log2_chroma_w);
    place.y = align_down(place.y, out_info.log2_chroma_h);

    const FrameSpec in_spec{crop.width, crop.height, input.format(), input.color()};
    if (!m.sws || !(in_spec == m.input_spec)) {
        m.sws =
            sws_getCachedContext(m.sws, crop.width, crop.height, source, place.width, place.height,
                                 av::to_av_pixel_format(d.format),
                                 flags_for(d.filter, in_info, out_info), nullptr, nullptr, nullptr);
        if (!m.sws) return Error(ErrorCode::UnsupportedFormat, "resize: swscale refused the sizes");
        sws_setColorspaceDetails(m.sws, coefficients_of(input.color(), input.height()),
                                 is_full_range(input.color(), input.format()),
                                 coefficients_of(d.color, d.height),
                                 is_full_range(d.color, d.format), 0, 1 << 16, 1 << 16);
        m.input_spec = in_spec;
    }

    MEDIA_TRY_ASSIGN(Frame out, m.pool->acquire());
    const bool covers =
        place.x == 0 && place.y == 0 && place.width == d.width && place.height == d.height;
    if (!covers) MEDIA_TRY(fill_black(out));
    std::array<uint8_t*, 4> src{}, dst{};
    std::array<int, 4> src_stride{}, dst_stride{};
    plane_pointers(input, crop.x, crop.y, src, src_stride);
    plane_pointers(out, place.x, place.y, dst, dst_stride);
    std::array<const uint8_t*, 4> csrc{src[0], src[1], src[2], src[3]};
    sws_scale(m.sws, csrc.data(), src_stride.data(), 0, crop.height, dst.data(), dst_stride.data());

    ColorInfo color = d.color;
    if (color.range == ColorRange::Unspecified)
        color.range = out_info.is_yuv ? ColorRange::Limited : ColorRange::Full;
    out.set_color(color);
    out.set_pts(input.pts(), input.time_base());
    out.set_index(input.index());
    out.set_timecode(input.timecode());
    out.set_key_frame(input.key_frame());
    out.set_corrupt(input.corrupt());
    for (const auto& [key, value] : input.metadata()) out.set_metadata(key, value);
    return out;
}

Result<void> fill_black(Frame& frame) {
    MEDIA_TRY(frame.make_writable());
    const PixelFormatInfo& fi = info(frame.format());
    const bool full = is_full_range(frame.color(), frame.format());
    const int shift = fi.bit_depth - 8;
    for (int p = 0; p < frame.plane_count(); ++p) {
        const bool alpha = fi.has_alpha && p == 3;
        if (fi.is_packed) {
            // Packed RGB(A): zero, then opaque alpha.
            for (int y = 0; y < fi.plane_height(p, frame.height()); ++y)
                std::memset(const_cast<std::byte*>(frame.plane_data(p)) + y * frame.plane_stride(p),
                            0, static_cast<size_t>(fi.plane_row_bytes(p, frame.width())));
            if (fi.has_alpha) {
                switch (fi.sample_type) {
                    case SampleType::U8:
                        set_packed_alpha<uint8_t>(frame, 255);
                        break;
                    case SampleType::U16:
                        set_packed_alpha<uint16_t>(frame, 65535);
                        break;
                    case SampleType::F16:
                        set_packed_alpha<uint16_t>(frame, 0x3c00);  // 1.0 as a half
                        break;
                    case SampleType::F32:
                        set_packed_alpha<float>(frame, 1.0f);
                        break;
                }
            }
            continue;
        }
        int value = 0;
        if (alpha)
            value = (1 << fi.bit_depth) - 1;
        else if (fi.is_yuv && (p == 1 || p == 2))
            value = 128 << shift;
        else if (fi.is_yuv && !full)
            value = 16 << shift;
        if (fi.bytes_per_sample == 1)
            fill_plane<uint8_t>(frame, p, static_cast<uint8_t>(value));
        else
            fill_plane<uint16_t>(frame, p, static_cast<uint16_t>(value));
    }
    return ok();
}

std::optional<ResizeFilter> resize_filter_from_name(std::string_view name) {
    if (name == "point" || name == "nearest") return ResizeFilter::Point;
    if (name == "bilinear") return ResizeFilter::Bilinear;
    if (name == "bicubic") return ResizeFilter::Bicubic;
    if (name == "lanczos") return ResizeFilter::Lanczos;
    if (name == "spline") return ResizeFilter::Spline;
    return std::nullopt;
}

}  // namespace media
