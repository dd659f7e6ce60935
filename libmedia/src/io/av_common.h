// SPDX-License-Identifier: Apache-2.0
// Private to io/: the one place FFmpeg types meet libmedia's. Nothing here is public API.
#pragma once

#include <memory>
#include <optional>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
}

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/io/media_source.h"

namespace media::av {

struct FormatInputDeleter {
    void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
using FormatInputPtr = std::unique_ptr<AVFormatContext, FormatInputDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;

/// libav's message for an AVERROR code.
std::string error_string(int averror);

/// An Error with the libav message appended: "<what>: <libav message>".
Error make_error(ErrorCode code, const std::string& what, int averror);

/// Limits that protect against hostile headers. max_pixels also goes to decoders (max_pixels).
struct OpenLimits {
    int64_t max_pixels = int64_t{1} << 28;  ///< 268 Mpx: 16K x 16K; larger frames are refused
    int64_t probe_size = 32 << 20;          ///< bytes read while detecting streams
    /// Demux as headerless raw video of this format (libav's rawvideo demuxer) instead of probing.
    std::optional<RawVideoFormat> raw_video;
};

/// Opens a local file for demuxing. The path is always a local file ("concat:x.mov" opens that
/// file): the URL is forced to the file protocol and the protocol whitelist is "file" only, so
/// nested opens (concat, HLS, tee...) cannot reach anything else. The format is probed by content.
/// Stream info is read; streams over limits.max_pixels are refused. Errors name the file.
Result<FormatInputPtr> open_input(const std::string& path, const OpenLimits& limits = {});

/// Checks the path names an existing, non-empty regular file; NotFound / IoError otherwise.
Result<void> check_regular_file(const std::string& path);

inline Rational to_rational(AVRational r) {
    return r.den == 0 ? Rational() : Rational(r.num, r.den);
}
inline AVRational to_av(Rational r) {
    return AVRational{static_cast<int>(r.num()), static_cast<int>(r.den())};
}

}  // namespace media::av
