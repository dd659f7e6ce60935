// SPDX-License-Identifier: Apache-2.0
#include "frame_convert.h"

#include <array>
#include <cstring>
#include <new>

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "av_common.h"
#include "pixel_format_map.h"

namespace media::av {

namespace {

bool planes_aligned(const AVFrame& frame, int planes) {
    for (int p = 0; p < planes; ++p) {
        if (!frame.data[p] || frame.linesize[p] <= 0) return false;
        if (reinterpret_cast<uintptr_t>(frame.data[p]) % kFrameAlignment != 0) return false;
        if (frame.linesize[p] % kFrameAlignment != 0) return false;
    }
    return frame.buf[0] != nullptr;  // reference-counted, so it can be kept alive
}

void copy_properties(const AVFrame& decoded, Frame& frame) {
    frame.set_key_frame(decoded.key_frame != 0);
    frame.set_corrupt(decoded.decode_error_flags != 0 || (decoded.flags & AV_FRAME_FLAG_CORRUPT));
    const AVDictionaryEntry* entry = nullptr;
    while ((entry = av_dict_get(decoded.metadata, "", entry, AV_DICT_IGNORE_SUFFIX)))
        frame.set_metadata(entry->key, entry->value);
}

// FFmpeg 5.1 decodes float images (EXR) to planar G, B, R(, A); swscale cannot write packed
// float, so the closed set's packed RgbFloat / RgbaFloat are filled here.
void interleave_float(const AVFrame& decoded, Frame& frame) {
    const int components = info(frame.format()).components;
    constexpr std::array<int, 4> kSourcePlane = {2, 0, 1, 3};  // R is plane 2, G 0, B 1, A 3
    auto view = frame.mutable_plane<float>(0);
    for (int y = 0; y < frame.height(); ++y) {
        float* out = view.row(y);
        for (int c = 0; c < components; ++c) {
            const auto* in = reinterpret_cast<const float*>(
                decoded.data[kSourcePlane[c]] + int64_t{y} * decoded.linesize[kSourcePlane[c]]);
            for (int x = 0; x < frame.width(); ++x) out[x * components + c] = in[x];
        }
    }
}

}  // namespace

FrameConverter::FrameConverter(bool zero_copy) : m_zero_copy(zero_copy) {}

FrameConverter::~FrameConverter() {
    sws_freeContext(m_sws);
}

Result<Frame> FrameConverter::convert(AVFrame* decoded) {
    auto source_format = static_cast<AVPixelFormat>(decoded->format);
    auto exact = from_av_pixel_format(source_format);
    auto target = exact ? exact : nearest_pixel_format(source_format);
    if (!target) {
        const char* name = av_get_pix_fmt_name(source_format);
        return Error(ErrorCode::UnsupportedFormat, std::string("decoded pixel format ") +
                                                       (name ? name : "unknown") +
                                                       " has no libmedia equivalent");
    }
    FrameSpec spec{decoded->width, decoded->height, *target, color_from_av(*decoded)};
    if (exact && m_zero_copy && planes_aligned(*decoded, info(*target).planes))
        return wrap(decoded, spec);
    Result<Frame> frame = exact ? copy(*decoded, spec) : scale(*decoded, spec);
    if (frame) copy_properties(*decoded, *frame);
    av_frame_unref(decoded);
    return frame;
}

Result<Frame> FrameConverter::wrap(AVFrame* decoded, const FrameSpec& spec) {
    FramePtr owner(av_frame_alloc());
    if (!owner) return Error(ErrorCode::OutOfMemory, "cannot allocate a frame reference");
    av_frame_move_ref(owner.get(), decoded);
    // Writable only when no decoder still holds the buffers (e.g. as a reference picture).
    const bool writable = av_frame_is_writable(owner.get()) != 0;
    std::array<PlaneMemory, Frame::kMaxPlanes> planes{};
    const int count = info(spec.format).planes;
    for (int p = 0; p < count; ++p)
        planes[p] = {reinterpret_cast<std::byte*>(owner->data[p]), owner->linesize[p]};
    const AVFrame& props = *owner;
    std::shared_ptr<const void> keep(owner.release(), [](const void* f) {
        auto* frame = static_cast<AVFrame*>(const_cast<void*>(f));
        av_frame_free(&frame);
    });
    MEDIA_TRY_ASSIGN(Frame frame,
                     Frame::wrap(spec, std::span(planes.data(), static_cast<size_t>(count)),
                                 std::move(keep), writable));
    copy_properties(props, frame);
    ++m_stats.wrapped;
    return frame;
}

Result<Frame> FrameConverter::pooled(const FrameSpec& spec) {
    const FrameSpec* current = m_pool ? &m_pool->spec() : nullptr;
    if (!current || current->width != spec.width || current->height != spec.height ||
        current->format != spec.format)
        m_pool = std::make_unique<FramePool>(spec);
    MEDIA_TRY_ASSIGN(Frame frame, m_pool->acquire());
    frame.set_color(spec.color);
    return frame;
}

Result<Frame> FrameConverter::copy(const AVFrame& decoded, const FrameSpec& spec) {
    MEDIA_TRY_ASSIGN(Frame frame, pooled(spec));
    const PixelFormatInfo& fi = info(spec.format);
    for (int p = 0; p < fi.planes; ++p) {
        auto* dst = const_cast<std::byte*>(frame.plane_data(p));
        av_image_copy_plane(
            reinterpret_cast<uint8_t*>(dst), static_cast<int>(frame.plane_stride(p)),
            decoded.data[p], decoded.linesize[p],
            static_cast<int>(fi.plane_row_bytes(p, spec.width)), fi.plane_height(p, spec.height));
    }
    ++m_stats.copied;
    return frame;
}

Result<Frame> FrameConverter::scale(const AVFrame& decoded, const FrameSpec& spec) {
    MEDIA_TRY_ASSIGN(Frame frame, pooled(spec));
    ++m_stats.converted;
    auto source = static_cast<AVPixelFormat>(decoded.format);
    if (source == AV_PIX_FMT_GBRPF32 || source == AV_PIX_FMT_GBRAPF32) {
        interleave_float(decoded, frame);
        return frame;
    }
    AVPixelFormat target = to_av_pixel_format(spec.format);
    if (target == AV_PIX_FMT_NONE)
        return Error(ErrorCode::UnsupportedFormat,
                     "cannot convert " + std::string(av_get_pix_fmt_name(source)) + " to " +
                         std::string(info(spec.format).name));
    m_sws = sws_getCachedContext(m_sws, spec.width, spec.height, source, spec.width, spec.height,
                                 target, SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT,
                                 nullptr, nullptr, nullptr);
    if (!m_sws) return Error(ErrorCode::UnsupportedFormat, "swscale cannot convert this format");
    std::array<uint8_t*, 4> dst{};
    std::array<int, 4> dst_stride{};
    for (int p = 0; p < frame.plane_count(); ++p) {
        dst[p] = reinterpret_cast<uint8_t*>(const_cast<std::byte*>(frame.plane_data(p)));
        dst_stride[p] = static_cast<int>(frame.plane_stride(p));
    }
    sws_scale(m_sws, decoded.data, decoded.linesize, 0, spec.height, dst.data(), dst_stride.data());
    return frame;
}

EncoderFrameConverter::~EncoderFrameConverter() {
    sws_freeContext(m_sws);
}

Result<FramePtr> EncoderFrameConverter::convert(const Frame& frame) {
    if (frame.empty() || frame.device() != DeviceKind::Cpu)
        return Error(ErrorCode::InvalidArgument, "only host frames can be encoded");
    const AVPixelFormat source = to_av_pixel_format(frame.format());
    if (source == AV_PIX_FMT_NONE)
        return Error(ErrorCode::UnsupportedFormat,
                     std::string(info(frame.format()).name) +
                         " frames cannot be encoded by libav; write an image sequence instead");
    return source == m_target ? reference(frame) : scale(frame, source);
}

Result<FramePtr> EncoderFrameConverter::reference(const Frame& frame) {
    FramePtr out(av_frame_alloc());
    if (!out) return Error(ErrorCode::OutOfMemory, "cannot allocate an encoder frame");
    auto* keep = new (std::nothrow) Frame(frame);
    if (!keep) return Error(ErrorCode::OutOfMemory, "cannot reference a frame");
    auto* first = reinterpret_cast<uint8_t*>(const_cast<std::byte*>(frame.plane_data(0)));
    const auto size = static_cast<size_t>(frame.plane_stride(0) * frame.height());
    out->buf[0] = av_buffer_create(
        first, size, [](void* opaque, uint8_t*) { delete static_cast<Frame*>(opaque); }, keep,
        AV_BUFFER_FLAG_READONLY);
    if (!out->buf[0]) {
        delete keep;
        return Error(ErrorCode::OutOfMemory, "cannot reference a frame");
    }
    for (int p = 0; p < frame.plane_count(); ++p) {
        out->data[p] = reinterpret_cast<uint8_t*>(const_cast<std::byte*>(frame.plane_data(p)));
        out->linesize[p] = static_cast<int>(frame.plane_stride(p));
    }
    out->width = frame.width();
    out->height = frame.height();
    out->format = m_target;
    return out;
}

Result<FramePtr> EncoderFrameConverter::scale(const Frame& frame, AVPixelFormat source) {
    FramePtr out(av_frame_alloc());
    if (!out) return Error(ErrorCode::OutOfMemory, "cannot allocate an encoder frame");
    out->width = frame.width();
    out->height = frame.height();
    out->format = m_target;
    int rc = av_frame_get_buffer(out.get(), 0);
    if (rc < 0) return make_error(ErrorCode::OutOfMemory, "cannot allocate an encoder frame", rc);
    m_sws = sws_getCachedContext(
        m_sws, frame.width(), frame.height(), source, frame.width(), frame.height(), m_target,
        SWS_BICUBIC | SWS_ACCURATE_RND | SWS_FULL_CHR_H_INT, nullptr, nullptr, nullptr);
    if (!m_sws) return Error(ErrorCode::UnsupportedFormat, "swscale cannot convert this format");
    // swscale's numbering of matrices is H.273's; unspecified and RGB fall back to BT.709.
    const auto matrix = m_color.matrix;
    const bool named =
        matrix != MatrixCoefficients::RGB && matrix != MatrixCoefficients::Unspecified;
    const int* coefficients = sws_getCoefficients(named ? static_cast<int>(matrix) : SWS_CS_ITU709);
    sws_setColorspaceDetails(m_sws, coefficients, frame.color().range == ColorRange::Full,
                             coefficients, m_color.range == ColorRange::Full, 0, 1 << 16, 1 << 16);
    std::array<const uint8_t*, 4> src{};
    std::array<int, 4> src_stride{};
    for (int p = 0; p < frame.plane_count(); ++p) {
        src[p] = reinterpret_cast<const uint8_t*>(frame.plane_data(p));
        src_stride[p] = static_cast<int>(frame.plane_stride(p));
    }
    sws_scale(m_sws, src.data(), src_stride.data(), 0, frame.height(), out->data, out->linesize);
    return out;
}

}  // namespace media::av
