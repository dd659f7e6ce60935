// SPDX-License-Identifier: Apache-2.0
#include "media/io/probe.h"

#include <exception>
#include <filesystem>
#include <new>
#include <system_error>

#include "probe_internal.h"

namespace media {
namespace probe_detail {
namespace {

MediaInfo describe_container(const std::string& path, AVFormatContext* ctx) {
    MediaInfo info;
    info.path = path;
    info.format = ctx->iformat->name ? ctx->iformat->name : "";
    info.format_long = ctx->iformat->long_name ? ctx->iformat->long_name : "";
    if (ctx->duration != AV_NOPTS_VALUE)
        info.duration_seconds = static_cast<double>(ctx->duration) / AV_TIME_BASE;
    if (ctx->start_time != AV_NOPTS_VALUE)
        info.start_seconds = static_cast<double>(ctx->start_time) / AV_TIME_BASE;
    info.bit_rate = ctx->bit_rate;
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    info.size_bytes = ec ? 0 : static_cast<int64_t>(size);
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        info.streams.push_back(describe_stream(ctx, ctx->streams[i]));
    fill_timecode(ctx, info);
    return info;
}

// A still image whose decoder refused the header (size over the limit or invalid) leaves a
// video stream without a size: the file holds nothing else, so it is unreadable.
Result<void> check_still_size(const std::string& path, const AVFormatContext* ctx,
                              int64_t max_pixels) {
    const std::string_view name = ctx->iformat->name ? ctx->iformat->name : "";
    if (!name.ends_with("_pipe") && name != "image2") return ok();
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVCodecParameters* par = ctx->streams[i]->codecpar;
        if (par->codec_type == AVMEDIA_TYPE_VIDEO && (par->width <= 0 || par->height <= 0))
            return Error(ErrorCode::DecodeError,
                         "the image size is unreadable: invalid, or over the limit of " +
                             std::to_string(max_pixels) + " pixels")
                .with_file(path)
                .with_stream(static_cast<int>(i));
    }
    return ok();
}

}  // namespace

Result<MediaInfo> probe_with_libav(const std::string& path, const ProbeOptions& options) {
    av::OpenLimits limits;
    limits.max_pixels = options.max_pixels;
    MEDIA_TRY_ASSIGN(av::FormatInputPtr ctx, av::open_input(path, limits));
    MEDIA_TRY(check_still_size(path, ctx.get(), options.max_pixels));
    MediaInfo info = describe_container(path, ctx.get());
    MEDIA_TRY(decode_pass(ctx.get(), info, options));
    return info;
}

}  // namespace probe_detail

namespace {

using namespace probe_detail;

Result<MediaInfo> probe_file(const std::string& path, const ProbeOptions& options) {
    MEDIA_TRY(av::check_regular_file(path));
    if (looks_like_oiio_image(path)) return probe_image(path, options);
    auto info = probe_with_libav(path, options);
    // Stills libav cannot read (PSD, TGA, Radiance HDR...) get a second chance with OIIO; when
    // both fail, libav's error is the one reported, libav being the reader of everything else.
    if (!info && has_image_extension(path)) {
        if (auto image = probe_image(path, options)) return image;
    }
    return info;
}

bool exists(const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

}  // namespace

Result<MediaInfo> probe(const std::string& path, const ProbeOptions& options) {
    try {
        if (!exists(path)) {
            if (auto pattern = SequencePattern::parse(path))
                return probe_sequence(path, *pattern, options);
        }
        return probe_file(path, options);
    } catch (const std::bad_alloc&) {
        return Error(ErrorCode::OutOfMemory, "out of memory while probing").with_file(path);
    } catch (const std::exception& e) {
        return Error(ErrorCode::Internal, std::string("probe failed: ") + e.what()).with_file(path);
    }
}

}  // namespace media
