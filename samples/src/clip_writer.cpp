// SPDX-License-Identifier: Apache-2.0
// Written against libav's C API rather than by running the ffmpeg program: the generator must work
// where only the libraries are installed, report errors as values, and control every option that
// makes the output bit-exact.
#include "clip_writer.h"

#include <algorithm>
#include <cmath>
#include <memory>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/mastering_display_metadata.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

namespace media::samples {
namespace {

struct OutputDeleter {
    void operator()(AVFormatContext* ctx) const {
        if (ctx->pb) avio_closep(&ctx->pb);
        avformat_free_context(ctx);
    }
};
struct CodecDeleter {
    void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct FrameDeleter {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
using OutputPtr = std::unique_ptr<AVFormatContext, OutputDeleter>;
using CodecPtr = std::unique_ptr<AVCodecContext, CodecDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;

Error av_failure(ErrorCode code, const std::string& what, int averror) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(averror, text, sizeof text);
    return Error(code, what + ": " + text);
}

AVRational to_av(Rational r) {
    return AVRational{static_cast<int>(r.num()), static_cast<int>(r.den())};
}

// Sets encoder options before opening: the encoder's own (private) option of a name wins over the
// generic one ("profile" is both), and an unknown name is an error, so a typo in the catalog
// cannot silently change what is written.
Result<void> set_options(AVCodecContext* ctx, const OptionList& options) {
    for (const auto& [key, value] : options) {
        void* target = ctx->priv_data && av_opt_find(ctx->priv_data, key.c_str(), nullptr, 0, 0)
                           ? ctx->priv_data
                           : static_cast<void*>(ctx);
        int err = av_opt_set(target, key.c_str(), value.c_str(), 0);
        if (err < 0)
            return av_failure(ErrorCode::InvalidArgument,
                              std::string(ctx->codec->name) + " option " + key + "=" + value, err);
    }
    return ok();
}

Result<void> open_codec(AVCodecContext* ctx, const AVCodec* codec, const OptionList& options) {
    MEDIA_TRY(set_options(ctx, options));
    int err = avcodec_open2(ctx, codec, nullptr);
    if (err < 0)
        return av_failure(ErrorCode::EncodeError, "open encoder " + std::string(codec->name), err);
    return ok();
}

Result<const AVCodec*> find_encoder(const std::string& name) {
    const AVCodec* codec = avcodec_find_encoder_by_name(name.c_str());
    if (!codec) return Error(ErrorCode::UnsupportedFormat, "libav has no encoder " + name);
    return codec;
}

void set_color(AVCodecContext* ctx, const ColorInfo& color) {
    // ColorInfo holds H.273 code points, which are libav's enum values.
    ctx->color_primaries = static_cast<AVColorPrimaries>(color.primaries);
    ctx->color_trc = static_cast<AVColorTransferCharacteristic>(color.transfer);
    ctx->colorspace = static_cast<AVColorSpace>(color.matrix);
    ctx->color_range = static_cast<AVColorRange>(color.range);
    ctx->chroma_sample_location = static_cast<AVChromaLocation>(color.chroma_location);
}

Result<CodecPtr> open_video_encoder(const ClipSpec& spec, const AVOutputFormat* format) {
    const VideoEncoding& v = spec.video;
    MEDIA_TRY_ASSIGN(const AVCodec* codec, find_encoder(v.encoder));
    CodecPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return Error(ErrorCode::OutOfMemory, "allocate encoder");
    ctx->pix_fmt = av_get_pix_fmt(v.pixel_format.c_str());
    if (ctx->pix_fmt == AV_PIX_FMT_NONE)
        return Error(ErrorCode::InvalidArgument, "unknown pixel format " + v.pixel_format);
    ctx->width = v.width;
    ctx->height = v.height;
    ctx->time_base = to_av(v.rate.inverse());
    ctx->framerate = to_av(v.rate);
    ctx->sample_aspect_ratio = AVRational{1, 1};
    ctx->thread_count = v.threads;
    ctx->flags |= AV_CODEC_FLAG_BITEXACT;
    if (format->flags & AVFMT_GLOBALHEADER) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (v.fixed_quantiser > 0) {
        ctx->flags |= AV_CODEC_FLAG_QSCALE;
        ctx->global_quality = FF_QP2LAMBDA * v.fixed_quantiser;
    }
    // The containers signal the scan from here (a MOV fiel box, the MXF frame layout).
    ctx->field_order = v.interlaced ? AV_FIELD_TT : AV_FIELD_PROGRESSIVE;
    if (v.interlaced) ctx->flags |= AV_CODEC_FLAG_INTERLACED_DCT | AV_CODEC_FLAG_INTERLACED_ME;
    set_color(ctx.get(), v.color);
    MEDIA_TRY(open_codec(ctx.get(), codec, v.options));
    return ctx;
}

// The encoder's preferred sample format, when store_samples can fill it.
Result<AVSampleFormat> pick_sample_format(const AVCodec* codec) {
    const AVSampleFormat fmt = codec->sample_fmts ? codec->sample_fmts[0] : AV_SAMPLE_FMT_NONE;
    switch (av_get_packed_sample_fmt(fmt)) {
        case AV_SAMPLE_FMT_FLT:
        case AV_SAMPLE_FMT_S32:
        case AV_SAMPLE_FMT_S16:
            return fmt;
        default:
            return Error(ErrorCode::UnsupportedFormat,
                         std::string("no sample conversion for encoder ") + codec->name);
    }
}

Result<void> set_channel_layout(AVCodecContext* ctx, const AudioEncoding& a) {
    const int channels = static_cast<int>(a.tones.size());
    if (!a.layout.empty()) {
        if (av_channel_layout_from_string(&ctx->ch_layout, a.layout.c_str()) < 0 ||
            ctx->ch_layout.nb_channels != channels)
            return Error(ErrorCode::InvalidArgument, "channel layout " + a.layout +
                                                         " does not fit " +
                                                         std::to_string(channels) + " channels");
    } else if (a.discrete) {
        ctx->ch_layout.order = AV_CHANNEL_ORDER_UNSPEC;  // channels without speaker positions
        ctx->ch_layout.nb_channels = channels;
    } else {
        av_channel_layout_default(&ctx->ch_layout, channels);
    }
    return ok();
}

Result<CodecPtr> open_audio_encoder(const AudioEncoding& a, const AVOutputFormat* format) {
    MEDIA_TRY_ASSIGN(const AVCodec* codec, find_encoder(a.encoder));
    CodecPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return Error(ErrorCode::OutOfMemory, "allocate encoder");
    MEDIA_TRY(set_channel_layout(ctx.get(), a));
    ctx->sample_rate = a.sample_rate;
    MEDIA_TRY_ASSIGN(ctx->sample_fmt, pick_sample_format(codec));
    ctx->time_base = AVRational{1, a.sample_rate};
    ctx->bit_rate = a.bit_rate;
    ctx->bits_per_raw_sample = a.bits;
    ctx->flags |= AV_CODEC_FLAG_BITEXACT;
    if (format->flags & AVFMT_GLOBALHEADER) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    MEDIA_TRY(open_codec(ctx.get(), codec, {}));
    return ctx;
}

// Hands `data` (av_malloc'ed) to the stream as side data; frees it when that fails.
Result<void> attach_side_data(AVStream* stream, AVPacketSideDataType type, void* data,
                              size_t size) {
    int err = av_stream_add_side_data(stream, type, static_cast<uint8_t*>(data), size);
    if (err < 0) {
        av_free(data);
        return av_failure(ErrorCode::Internal, "add stream side data", err);
    }
    return ok();
}

Result<void> add_mastering_display(AVStream* stream, const MasteringDisplay& md) {
    AVMasteringDisplayMetadata* meta = av_mastering_display_metadata_alloc();
    if (!meta) return Error(ErrorCode::OutOfMemory, "allocate mastering display metadata");
    // Chromaticities in units of 1/50000 and luminance in 1/10000 cd/m², as HEVC SEI has them.
    const auto q = [](double v, int den) {
        return av_make_q(static_cast<int>(std::lround(v * den)), den);
    };
    meta->display_primaries[0][0] = q(md.red_x, 50000);
    meta->display_primaries[0][1] = q(md.red_y, 50000);
    meta->display_primaries[1][0] = q(md.green_x, 50000);
    meta->display_primaries[1][1] = q(md.green_y, 50000);
    meta->display_primaries[2][0] = q(md.blue_x, 50000);
    meta->display_primaries[2][1] = q(md.blue_y, 50000);
    meta->white_point[0] = q(md.white_x, 50000);
    meta->white_point[1] = q(md.white_y, 50000);
    meta->min_luminance = q(md.min_luminance, 10000);
    meta->max_luminance = q(md.max_luminance, 10000);
    meta->has_primaries = meta->has_luminance = 1;
    return attach_side_data(stream, AV_PKT_DATA_MASTERING_DISPLAY_METADATA, meta, sizeof(*meta));
}

Result<void> add_content_light(AVStream* stream, const ContentLightLevel& cll) {
    size_t size = 0;
    AVContentLightMetadata* meta = av_content_light_metadata_alloc(&size);
    if (!meta) return Error(ErrorCode::OutOfMemory, "allocate content light metadata");
    meta->MaxCLL = cll.max_cll;
    meta->MaxFALL = cll.max_fall;
    return attach_side_data(stream, AV_PKT_DATA_CONTENT_LIGHT_LEVEL, meta, size);
}

// The mov muxer writes these as mdcv/clli boxes, where demuxers (and ffprobe) read them back.
Result<void> add_hdr_side_data(AVStream* stream, const ColorInfo& color) {
    if (color.mastering_display) MEDIA_TRY(add_mastering_display(stream, *color.mastering_display));
    if (color.content_light) MEDIA_TRY(add_content_light(stream, *color.content_light));
    return ok();
}

Result<AVStream*> add_stream(AVFormatContext* out, const AVCodecContext* enc) {
    AVStream* stream = avformat_new_stream(out, nullptr);
    if (!stream) return Error(ErrorCode::OutOfMemory, "add stream");
    int err = avcodec_parameters_from_context(stream->codecpar, enc);
    if (err < 0) return av_failure(ErrorCode::Internal, "copy codec parameters", err);
    stream->time_base = enc->time_base;
    return stream;
}

// Copies the planes of an AVFrame into the pattern's plain description of them.
Result<PlanarImage> planar_view(AVFrame* frame) {
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame->format));
    if (!desc || !(desc->flags & AV_PIX_FMT_FLAG_PLANAR) || (desc->flags & AV_PIX_FMT_FLAG_RGB) ||
        (desc->flags & AV_PIX_FMT_FLAG_BE) || desc->nb_components < 3)
        return Error(ErrorCode::UnsupportedFormat,
                     "the pattern draws planar little-endian YUV only");
    PlanarImage image;
    for (int i = 0; i < 4; ++i) {
        image.planes[i] = frame->data[i];
        image.strides[i] = frame->linesize[i];
    }
    image.width = frame->width;
    image.height = frame->height;
    image.bits = desc->comp[0].depth;
    image.chroma_shift_x = desc->log2_chroma_w;
    image.chroma_shift_y = desc->log2_chroma_h;
    image.has_alpha = (desc->flags & AV_PIX_FMT_FLAG_ALPHA) != 0;
    return image;
}

template <typename T>
T quantise(float v, int bits) {
    // PCM is quantised to the file's bit depth first, so a 24-bit file holds exact 24-bit values.
    const double full = std::ldexp(1.0, bits - 1) - 1.0;
    const auto q =
        static_cast<int64_t>(std::lrint(std::clamp(static_cast<double>(v), -1.0, 1.0) * full));
    return static_cast<T>(q * (int64_t{1} << (sizeof(T) * 8 - static_cast<std::size_t>(bits))));
}

// Converts float planes into the encoder's sample format.
void store_samples(const std::vector<std::vector<float>>& planes, int count, int bits,
                   AVFrame* frame) {
    const auto fmt = static_cast<AVSampleFormat>(frame->format);
    const bool planar = av_sample_fmt_is_planar(fmt);
    const int channels = static_cast<int>(planes.size());
    for (int c = 0; c < channels; ++c) {
        const float* in = planes[static_cast<std::size_t>(c)].data();
        for (int i = 0; i < count; ++i) {
            const int at = planar ? i : i * channels + c;
            uint8_t* base = frame->data[planar ? c : 0];
            switch (av_get_packed_sample_fmt(fmt)) {
                case AV_SAMPLE_FMT_FLT:
                    reinterpret_cast<float*>(base)[at] = in[i];
                    break;
                case AV_SAMPLE_FMT_S32:
                    reinterpret_cast<int32_t*>(base)[at] = quantise<int32_t>(in[i], bits);
                    break;
                default:  // S16, the only other format pick_sample_format accepts
                    reinterpret_cast<int16_t*>(base)[at] =
                        quantise<int16_t>(in[i], std::min(bits, 16));
                    break;
            }
        }
    }
}

// Encoders take the field order of each picture from the frame (mpeg2video's top_field_first).
void mark_top_field_first(AVFrame* frame) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 7, 100)
    frame->flags |= AV_FRAME_FLAG_INTERLACED | AV_FRAME_FLAG_TOP_FIELD_FIRST;
#else
    frame->interlaced_frame = 1;
    frame->top_field_first = 1;
#endif
}

/// The open output: container, encoders, streams; writes frames in interleaved order.
class ClipMuxer {
public:
    ClipMuxer(const ClipSpec& spec, const ToneProgram* tones) : m_spec(spec), m_tones(tones) {}

    Result<void> open(const std::filesystem::path& path);
    Result<void> write_all(const VideoSource& video);

private:
    Result<void> open_streams();
    void set_stream_metadata();
    Result<void> write_video(int64_t index, const VideoSource& video);
    Result<void> write_audio_until(int64_t end_sample, bool last);
    Result<void> send_audio(const std::vector<std::vector<float>>& planes, int count);
    Result<void> send(AVCodecContext* enc, AVStream* stream, const AVFrame* frame);

    const ClipSpec& m_spec;
    const ToneProgram* m_tones;
    OutputPtr m_out;
    CodecPtr m_video_enc, m_audio_enc;
    AVStream* m_video_stream = nullptr;
    AVStream* m_audio_stream = nullptr;
    FramePtr m_frame = FramePtr(av_frame_alloc());
    FramePtr m_audio_frame = FramePtr(av_frame_alloc());
    PacketPtr m_packet = PacketPtr(av_packet_alloc());
    int64_t m_next_sample = 0;
};

Result<void> ClipMuxer::open(const std::filesystem::path& path) {
    if (!m_frame || !m_audio_frame || !m_packet)
        return Error(ErrorCode::OutOfMemory, "allocate frame");
    AVFormatContext* raw = nullptr;
    int err = avformat_alloc_output_context2(&raw, nullptr, m_spec.container.c_str(), path.c_str());
    if (err < 0 || !raw)
        return av_failure(ErrorCode::UnsupportedFormat, "muxer " + m_spec.container, err);
    m_out.reset(raw);
    // No creation time, library version or random UIDs in the file: runs are byte-identical.
    m_out->flags |= AVFMT_FLAG_BITEXACT;
    MEDIA_TRY(open_streams());
    err = avio_open(&m_out->pb, path.c_str(), AVIO_FLAG_WRITE);
    if (err < 0) return av_failure(ErrorCode::IoError, "open for writing", err);
    err = avformat_write_header(m_out.get(), nullptr);
    if (err < 0) return av_failure(ErrorCode::EncodeError, "write header", err);
    return ok();
}

Result<void> ClipMuxer::open_streams() {
    MEDIA_TRY_ASSIGN(m_video_enc, open_video_encoder(m_spec, m_out->oformat));
    MEDIA_TRY_ASSIGN(m_video_stream, add_stream(m_out.get(), m_video_enc.get()));
    m_video_stream->avg_frame_rate = to_av(m_spec.video.rate);
    if (m_spec.video.codec_tag.size() == 4) {
        const std::string& t = m_spec.video.codec_tag;
        m_video_stream->codecpar->codec_tag = MKTAG(t[0], t[1], t[2], t[3]);
    }
    MEDIA_TRY(add_hdr_side_data(m_video_stream, m_spec.video.color));
    if (m_spec.audio) {
        MEDIA_TRY_ASSIGN(m_audio_enc, open_audio_encoder(*m_spec.audio, m_out->oformat));
        MEDIA_TRY_ASSIGN(m_audio_stream, add_stream(m_out.get(), m_audio_enc.get()));
    }
    set_stream_metadata();
    return ok();
}

void ClipMuxer::set_stream_metadata() {
    // The mov muxer turns a video stream's "timecode" into a tmcd track (and its "reel_name" into
    // the track's source reference); the mxf muxer reads the same keys for its timecode and reel.
    if (m_spec.start_timecode)
        av_dict_set(&m_video_stream->metadata, "timecode",
                    m_spec.start_timecode->to_string().c_str(), 0);
    if (!m_spec.reel.empty()) {
        av_dict_set(&m_out->metadata, "reel_name", m_spec.reel.c_str(), 0);  // where mxf looks
        av_dict_set(&m_video_stream->metadata, "reel_name", m_spec.reel.c_str(), 0);
        if (m_audio_stream)
            av_dict_set(&m_audio_stream->metadata, "reel_name", m_spec.reel.c_str(), 0);
    }
}

Result<void> ClipMuxer::send(AVCodecContext* enc, AVStream* stream, const AVFrame* frame) {
    int err = avcodec_send_frame(enc, frame);
    if (err < 0) return av_failure(ErrorCode::EncodeError, "encode", err);
    while ((err = avcodec_receive_packet(enc, m_packet.get())) >= 0) {
        av_packet_rescale_ts(m_packet.get(), enc->time_base, stream->time_base);
        m_packet->stream_index = stream->index;
        err = av_interleaved_write_frame(m_out.get(), m_packet.get());
        if (err < 0) return av_failure(ErrorCode::IoError, "write packet", err);
    }
    if (err != AVERROR(EAGAIN) && err != AVERROR_EOF)
        return av_failure(ErrorCode::EncodeError, "encode", err);
    return ok();
}

Result<void> ClipMuxer::write_video(int64_t index, const VideoSource& video) {
    AVFrame* frame = m_frame.get();
    if (!frame->data[0]) {
        frame->format = m_video_enc->pix_fmt;
        frame->width = m_video_enc->width;
        frame->height = m_video_enc->height;
        // Some encoders (prores_ks) write the frame's colour tags into the bitstream, not the
        // context's.
        frame->color_primaries = m_video_enc->color_primaries;
        frame->color_trc = m_video_enc->color_trc;
        frame->colorspace = m_video_enc->colorspace;
        frame->color_range = m_video_enc->color_range;
        frame->chroma_location = m_video_enc->chroma_sample_location;
        if (m_spec.video.interlaced) mark_top_field_first(frame);
        if (int err = av_frame_get_buffer(frame, 0); err < 0)
            return av_failure(ErrorCode::OutOfMemory, "allocate picture", err);
    }
    // The encoder may still hold the previous picture (frame threads, lookahead).
    if (int err = av_frame_make_writable(frame); err < 0)
        return av_failure(ErrorCode::OutOfMemory, "allocate picture", err);
    MEDIA_TRY_ASSIGN(PlanarImage image, planar_view(frame));
    video(index, image);
    frame->pts = index;
    return send(m_video_enc.get(), m_video_stream, frame);
}

Result<void> ClipMuxer::write_audio_until(int64_t end_sample, bool last) {
    if (!m_audio_enc) return ok();
    AVCodecContext* enc = m_audio_enc.get();
    const bool fixed =
        enc->frame_size > 0 && !(enc->codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE);
    std::vector<std::vector<float>> planes(static_cast<std::size_t>(m_tones->channels()));
    std::vector<float*> pointers(planes.size());
    while (m_next_sample < end_sample) {
        // Fixed-size encoders (AAC) take whole frames; only the last one may be short.
        int64_t count = fixed ? enc->frame_size : end_sample - m_next_sample;
        if (m_next_sample + count > end_sample) {
            if (!last) break;
            count = end_sample - m_next_sample;
        }
        for (std::size_t c = 0; c < planes.size(); ++c) {
            planes[c].resize(static_cast<std::size_t>(count));
            pointers[c] = planes[c].data();
        }
        m_tones->render(m_next_sample, static_cast<int>(count), pointers);
        MEDIA_TRY(send_audio(planes, static_cast<int>(count)));
        m_next_sample += count;
    }
    return ok();
}

Result<void> ClipMuxer::send_audio(const std::vector<std::vector<float>>& planes, int count) {
    AVFrame* frame = m_audio_frame.get();
    av_frame_unref(frame);
    frame->format = m_audio_enc->sample_fmt;
    frame->sample_rate = m_audio_enc->sample_rate;
    frame->nb_samples = count;
    if (int err = av_channel_layout_copy(&frame->ch_layout, &m_audio_enc->ch_layout); err < 0)
        return av_failure(ErrorCode::OutOfMemory, "copy channel layout", err);
    if (int err = av_frame_get_buffer(frame, 0); err < 0)
        return av_failure(ErrorCode::OutOfMemory, "allocate audio", err);
    store_samples(planes, count, m_spec.audio->bits, frame);
    frame->pts = m_next_sample;
    return send(m_audio_enc.get(), m_audio_stream, frame);
}

Result<void> ClipMuxer::write_all(const VideoSource& video) {
    const Rational rate = m_spec.video.rate;
    const int sample_rate = m_spec.audio ? m_spec.audio->sample_rate : 0;
    for (int64_t index = 0; index < m_spec.frames; ++index) {
        if (auto written = write_video(index, video); !written)
            return std::move(written).error().with_frame(index);
        if (m_spec.audio)
            MEDIA_TRY(write_audio_until(samples_before_frame(index + 1, rate, sample_rate),
                                        index + 1 == m_spec.frames));
    }
    MEDIA_TRY(send(m_video_enc.get(), m_video_stream, nullptr));
    if (m_audio_enc) MEDIA_TRY(send(m_audio_enc.get(), m_audio_stream, nullptr));
    int err = av_write_trailer(m_out.get());
    if (err < 0) return av_failure(ErrorCode::IoError, "write trailer", err);
    err = avio_closep(&m_out->pb);
    if (err < 0) return av_failure(ErrorCode::IoError, "close", err);
    return ok();
}

}  // namespace

int64_t samples_before_frame(int64_t frame, Rational rate, int sample_rate) {
    // floor(frame * sample_rate / rate); exact in int64 for any clip shorter than a year.
    return frame * sample_rate * rate.den() / rate.num();
}

Result<void> write_clip(const ClipSpec& spec, const std::filesystem::path& path,
                        const VideoSource& video, const ToneProgram* audio) {
    if (spec.audio && (!audio || audio->channels() != static_cast<int>(spec.audio->tones.size())))
        return Error(ErrorCode::InvalidArgument, "audio source does not match the clip's channels");
    ClipMuxer muxer(spec, audio);
    auto result = muxer.open(path);
    if (result) result = muxer.write_all(video);
    if (!result) return std::move(result).error().with_file(path.string());
    return ok();
}

}  // namespace media::samples
