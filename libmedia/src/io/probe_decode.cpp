// SPDX-License-Identifier: Apache-2.0
// The optional decoding part of probe: counting frames (ffprobe -count_frames) and finding HDR
// metadata that only the bitstream carries (HEVC SEI in an MP4 without mdcv/clli boxes).
#include <vector>

#include "probe_internal.h"

namespace media::probe_detail {
namespace {

// Enough packets for a first frame behind any realistic reorder delay and interleaved audio.
constexpr int kMaxPacketsForFirstFrame = 512;

struct StreamDecoder {
    av::CodecContextPtr codec;
    bool count = false;     // count every frame
    bool want_hdr = false;  // still waiting for the first frame's side data
    int64_t frames = 0;
};

bool needs_frame_hdr(const StreamInfo& stream) {
    if (!stream.video) return false;
    const ColorInfo& color = stream.video->color;
    bool signalled = color.is_hdr() || color.primaries == ColorPrimaries::BT2020;
    return signalled && !color.mastering_display && !color.content_light;
}

Result<av::CodecContextPtr> open_decoder(const AVStream* stream, const ProbeOptions& options) {
    const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!codec)
        return Error(ErrorCode::UnsupportedFormat, "no decoder for this codec")
            .with_stream(stream->index);
    av::CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return Error(ErrorCode::OutOfMemory, "cannot allocate a decoder");
    int rc = avcodec_parameters_to_context(ctx.get(), stream->codecpar);
    if (rc < 0) return av::make_error(ErrorCode::DecodeError, "bad codec parameters", rc);
    AVDictionary* opts = nullptr;
    av_dict_set_int(&opts, "max_pixels", options.max_pixels, 0);
    av_dict_set(&opts, "threads", "auto", 0);
    rc = avcodec_open2(ctx.get(), codec, &opts);
    av_dict_free(&opts);
    if (rc < 0) return av::make_error(ErrorCode::DecodeError, "cannot open the decoder", rc);
    return ctx;
}

void take_frame_hdr(const AVFrame* frame, ColorInfo& color) {
    if (const AVFrameSideData* sd =
            av_frame_get_side_data(frame, AV_FRAME_DATA_MASTERING_DISPLAY_METADATA))
        color.mastering_display =
            to_mastering_display(*reinterpret_cast<const AVMasteringDisplayMetadata*>(sd->data));
    if (const AVFrameSideData* sd =
            av_frame_get_side_data(frame, AV_FRAME_DATA_CONTENT_LIGHT_LEVEL))
        color.content_light =
            to_content_light(*reinterpret_cast<const AVContentLightMetadata*>(sd->data));
}

void drain(StreamDecoder& decoder, AVFrame* frame, StreamInfo& stream) {
    while (avcodec_receive_frame(decoder.codec.get(), frame) >= 0) {
        ++decoder.frames;
        if (decoder.want_hdr) take_frame_hdr(frame, stream.video->color);
        decoder.want_hdr = false;
        av_frame_unref(frame);
    }
}

// Decoders indexed by stream index; null where nothing is decoded.
std::vector<StreamDecoder> make_decoders(AVFormatContext* ctx, const MediaInfo& info,
                                         const ProbeOptions& options) {
    std::vector<StreamDecoder> decoders(ctx->nb_streams);
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const StreamInfo& stream = info.streams[i];
        bool count = options.count_frames && stream.kind == StreamKind::Video;
        bool hdr = needs_frame_hdr(stream);
        if (!count && !hdr) continue;
        // A stream without a usable decoder simply gets no count, as in ffprobe.
        if (auto codec = open_decoder(ctx->streams[i], options))
            decoders[i] = StreamDecoder{std::move(codec).value(), count, hdr, 0};
    }
    return decoders;
}

bool still_needed(const std::vector<StreamDecoder>& decoders) {
    for (const auto& decoder : decoders)
        if (decoder.codec && (decoder.count || decoder.want_hdr)) return true;
    return false;
}

void read_packets(AVFormatContext* ctx, std::vector<StreamDecoder>& decoders, MediaInfo& info,
                  bool count_all, AVFrame* frame) {
    av::PacketPtr packet(av_packet_alloc());
    if (!packet) return;
    for (int read = 0; count_all || read < kMaxPacketsForFirstFrame; ++read) {
        // A read error ends the pass like the end of file: count what decoded, as ffprobe does.
        if (!still_needed(decoders) || av_read_frame(ctx, packet.get()) < 0) break;
        auto& decoder = decoders[static_cast<size_t>(packet->stream_index)];
        // Corrupt packets are skipped: decoding goes on, like a player.
        if (decoder.codec && avcodec_send_packet(decoder.codec.get(), packet.get()) >= 0)
            drain(decoder, frame, info.streams[static_cast<size_t>(packet->stream_index)]);
        av_packet_unref(packet.get());
    }
}

}  // namespace

Result<void> decode_pass(AVFormatContext* ctx, MediaInfo& info, const ProbeOptions& options) {
    auto decoders = make_decoders(ctx, info, options);
    if (!still_needed(decoders)) return ok();
    av::FramePtr frame(av_frame_alloc());
    if (!frame)
        return Error(ErrorCode::OutOfMemory, "cannot allocate a frame").with_file(info.path);
    read_packets(ctx, decoders, info, options.count_frames, frame.get());
    for (size_t i = 0; i < decoders.size(); ++i) {
        auto& decoder = decoders[i];
        if (!decoder.codec) continue;
        if (avcodec_send_packet(decoder.codec.get(), nullptr) >= 0)
            drain(decoder, frame.get(), info.streams[i]);
        if (decoder.count) info.streams[i].decoded_frame_count = decoder.frames;
    }
    return ok();
}

}  // namespace media::probe_detail
