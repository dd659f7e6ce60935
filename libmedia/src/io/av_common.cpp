// SPDX-License-Identifier: Apache-2.0
#include "av_common.h"

#include <filesystem>
#include <system_error>
#include <vector>

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/error.h>
}

#include "av_log.h"

namespace media::av {

std::string error_string(int averror) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(averror, buffer, sizeof buffer);
    return buffer;
}

Error make_error(ErrorCode code, const std::string& what, int averror) {
    return Error(code, what + ": " + error_string(averror));
}

Result<void> check_regular_file(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status))
        return Error(ErrorCode::NotFound, "no such file").with_file(path);
    if (fs::is_directory(status))
        return Error(ErrorCode::InvalidArgument, "is a directory, not a media file")
            .with_file(path);
    if (!fs::is_regular_file(status))
        return Error(ErrorCode::InvalidArgument, "not a regular file").with_file(path);
    if (fs::file_size(path, ec) == 0 && !ec)
        return Error(ErrorCode::DecodeError, "file is empty (0 bytes)").with_file(path);
    return ok();
}

namespace {

// avformat_find_stream_info may decode a frame of each stream; each decoder gets max_pixels so a
// header declaring a huge picture fails in the decoder instead of allocating it.
int find_stream_info(AVFormatContext* ctx, const OpenLimits& limits) {
    std::vector<AVDictionary*> options(ctx->nb_streams, nullptr);
    for (auto& dict : options) av_dict_set_int(&dict, "max_pixels", limits.max_pixels, 0);
    int rc = avformat_find_stream_info(ctx, options.empty() ? nullptr : options.data());
    for (auto& dict : options) av_dict_free(&dict);
    return rc;
}

}  // namespace

Result<FormatInputPtr> open_input(const std::string& path, const OpenLimits& limits) {
    route_av_log();
    MEDIA_TRY(check_regular_file(path));
    AVDictionary* options = nullptr;
    av_dict_set(&options, "protocol_whitelist", "file", 0);
    av_dict_set_int(&options, "probesize", limits.probe_size, 0);
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) return Error(ErrorCode::OutOfMemory, "cannot allocate demuxer").with_file(path);
    // The "file:" prefix makes libav treat the whole path as a local file name, whatever it
    // looks like ("concat:x.mov", "http:x.mov", "subfile,,...").
    std::string url = "file:" + path;
    const AVInputFormat* forced = nullptr;
    if (limits.raw_video) {
        const RawVideoFormat& r = *limits.raw_video;
        forced = av_find_input_format("rawvideo");
        av_dict_set(&options, "video_size",
                    (std::to_string(r.width) + "x" + std::to_string(r.height)).c_str(), 0);
        av_dict_set(&options, "pixel_format", std::string(info(r.format).name).c_str(), 0);
        av_dict_set(&options, "framerate", r.rate.to_string().c_str(), 0);
    }
    int rc = avformat_open_input(&raw, url.c_str(), forced, &options);
    av_dict_free(&options);
    if (rc < 0) {
        auto code = rc == AVERROR(ENOENT) ? ErrorCode::NotFound : ErrorCode::UnsupportedFormat;
        return make_error(code, "cannot open as media", rc).with_file(path).with_operation("open");
    }
    FormatInputPtr ctx(raw);
    rc = find_stream_info(ctx.get(), limits);
    if (rc < 0)
        return make_error(ErrorCode::DecodeError, "cannot read stream information", rc)
            .with_file(path)
            .with_operation("open");
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVCodecParameters* par = ctx->streams[i]->codecpar;
        if (par->codec_type == AVMEDIA_TYPE_VIDEO &&
            int64_t{par->width} * par->height > limits.max_pixels)
            return Error(ErrorCode::UnsupportedFormat,
                         "declares " + std::to_string(par->width) + "x" +
                             std::to_string(par->height) + " pixels, over the limit of " +
                             std::to_string(limits.max_pixels) + " pixels per frame")
                .with_file(path)
                .with_stream(static_cast<int>(i));
    }
    return ctx;
}

}  // namespace media::av
