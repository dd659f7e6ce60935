// SPDX-License-Identifier: Apache-2.0
// MediaSink's libav backend: encoders, a muxer, and a temporary file renamed on finish.
#include <algorithm>
#include <optional>
#include <vector>

extern "C" {
#include <libavutil/audio_fifo.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswresample/swresample.h>
}

#include "audio_copy.h"
#include "av_common.h"
#include "av_log.h"
#include "frame_convert.h"
#include "media/io/temp_output.h"
#include "pixel_format_map.h"
#include "sink_backend.h"

namespace media::io {

namespace {

struct DictDeleter {
    void operator()(AVDictionary* dict) const { av_dict_free(&dict); }
};
using DictPtr = std::unique_ptr<AVDictionary, DictDeleter>;

struct SwrDeleter {
    void operator()(SwrContext* swr) const { swr_free(&swr); }
};

struct FifoDeleter {
    void operator()(AVAudioFifo* fifo) const { av_audio_fifo_free(fifo); }
};

DictPtr make_dict(const std::map<std::string, std::string>& entries) {
    AVDictionary* dict = nullptr;
    for (const auto& [key, value] : entries) av_dict_set(&dict, key.c_str(), value.c_str(), 0);
    return DictPtr(dict);
}

// Options libav did not consume: a typo must fail loudly rather than be ignored.
Result<void> check_consumed(const AVDictionary* left, const std::string& what) {
    const AVDictionaryEntry* entry = av_dict_get(left, "", nullptr, AV_DICT_IGNORE_SUFFIX);
    if (!entry) return ok();
    return Error(ErrorCode::InvalidArgument, "unknown " + what + " option '" + entry->key + "'");
}

/// One encoded stream: encoder, muxer stream, and what it has been sent.
struct EncodedStream {
    av::CodecContextPtr codec;
    AVStream* stream = nullptr;
    int64_t next_pts = 0;
};

Result<void> check_pixel_format(const AVCodec& encoder, AVPixelFormat format) {
    if (!encoder.pix_fmts) return ok();
    std::string accepted;
    for (const AVPixelFormat* f = encoder.pix_fmts; *f != AV_PIX_FMT_NONE; ++f) {
        if (*f == format) return ok();
        accepted += std::string(accepted.empty() ? "" : ", ") + av_get_pix_fmt_name(*f);
    }
    return Error(ErrorCode::InvalidArgument, std::string("encoder ") + encoder.name +
                                                 " does not take " + av_get_pix_fmt_name(format) +
                                                 " (it takes " + accepted + ")");
}

Result<av::CodecContextPtr> open_video_encoder(const VideoEncodeSettings& settings,
                                               bool global_header) {
    const AVCodec* encoder = avcodec_find_encoder_by_name(settings.codec.c_str());
    if (!encoder || encoder->type != AVMEDIA_TYPE_VIDEO)
        return Error(ErrorCode::UnsupportedFormat,
                     "no video encoder named '" + settings.codec + "'");
    const AVPixelFormat format = av::to_av_pixel_format(settings.pixel_format);
    if (format == AV_PIX_FMT_NONE)
        return Error(ErrorCode::UnsupportedFormat,
                     "libav cannot encode " + std::string(info(settings.pixel_format).name));
    MEDIA_TRY(check_pixel_format(*encoder, format));
    if (settings.width <= 0 || settings.height <= 0 || !settings.frame_rate.valid() ||
        settings.frame_rate.num() <= 0)
        return Error(ErrorCode::InvalidArgument, "video size and frame rate must be positive");
    av::CodecContextPtr ctx(avcodec_alloc_context3(encoder));
    if (!ctx) return Error(ErrorCode::OutOfMemory, "cannot allocate an encoder");
    ctx->width = settings.width;
    ctx->height = settings.height;
    ctx->pix_fmt = format;
    ctx->time_base = av::to_av(settings.frame_rate.inverse());
    ctx->framerate = av::to_av(settings.frame_rate);
    ctx->sample_aspect_ratio = settings.sample_aspect.valid() && settings.sample_aspect.num() > 0
                                   ? av::to_av(settings.sample_aspect)
                                   : AVRational{1, 1};
    av::color_to_av(settings.color, ctx->color_primaries, ctx->color_trc, ctx->colorspace,
                    ctx->color_range, ctx->chroma_sample_location);
    ctx->thread_count = std::max(0, settings.threads);
    if (global_header) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    DictPtr options = make_dict(settings.options);
    AVDictionary* raw = options.release();
    const int rc = avcodec_open2(ctx.get(), encoder, &raw);
    options.reset(raw);
    if (rc < 0)
        return av::make_error(ErrorCode::InvalidArgument, "cannot open encoder " + settings.codec,
                              rc);
    MEDIA_TRY(check_consumed(options.get(), settings.codec));
    return ctx;
}

Result<av::CodecContextPtr> open_audio_encoder(const AudioEncodeSettings& settings,
                                               bool global_header) {
    const AVCodec* encoder = avcodec_find_encoder_by_name(settings.codec.c_str());
    if (!encoder || encoder->type != AVMEDIA_TYPE_AUDIO)
        return Error(ErrorCode::UnsupportedFormat,
                     "no audio encoder named '" + settings.codec + "'");
    if (settings.channels < 1 || settings.channels > 64 || settings.sample_rate <= 0)
        return Error(ErrorCode::InvalidArgument, "audio channels and sample rate out of range");
    av::CodecContextPtr ctx(avcodec_alloc_context3(encoder));
    if (!ctx) return Error(ErrorCode::OutOfMemory, "cannot allocate an encoder");
    ctx->sample_fmt = encoder->sample_fmts ? encoder->sample_fmts[0] : AV_SAMPLE_FMT_FLTP;
    if (!settings.sample_format.empty()) {
        const AVSampleFormat wanted = av_get_sample_fmt(settings.sample_format.c_str());
        bool offered = false;
        for (const AVSampleFormat* f = encoder->sample_fmts; f && *f != AV_SAMPLE_FMT_NONE; ++f)
            offered = offered || *f == wanted;
        if (!offered)
            return Error(ErrorCode::InvalidArgument, "encoder " + settings.codec +
                                                         " does not take samples as " +
                                                         settings.sample_format);
        ctx->sample_fmt = wanted;
    }
    ctx->sample_rate = settings.sample_rate;
    if (settings.bit_rate > 0) ctx->bit_rate = settings.bit_rate;
    ctx->time_base = AVRational{1, settings.sample_rate};
    av_channel_layout_default(&ctx->ch_layout, settings.channels);
    if (global_header) ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    const int rc = avcodec_open2(ctx.get(), encoder, nullptr);
    if (rc < 0)
        return av::make_error(ErrorCode::InvalidArgument, "cannot open encoder " + settings.codec,
                              rc);
    return ctx;
}

class AvSink final : public MediaSink::Backend {
public:
    AvSink(std::string path, SinkOptions options)
        : m_path(std::move(path)),
          m_temp(temporary_path_for(m_path)),
          m_options(std::move(options)) {}
    ~AvSink() override { abandon(); }

    Result<void> open();
    Result<void> write_video(const Frame& frame) override;
    Result<void> write_audio(const AudioBlock& block) override;
    Result<void> finish() override;
    int64_t frames_written() const override { return m_video ? m_video->next_pts : 0; }

private:
    Result<void> add_video();
    Result<void> add_audio();
    Result<void> open_file();
    Result<void> encode(EncodedStream& target, const AVFrame* frame);
    Result<av::FramePtr> audio_frame(const AudioBlock& block);
    Result<void> drain_fifo(bool flush);
    Error fail(Error error) const {
        return std::move(error).with_file(m_path).with_operation("encode");
    }
    void abandon();

    std::string m_path;
    std::string m_temp;
    SinkOptions m_options;
    AVFormatContext* m_format = nullptr;
    bool m_file_open = false;
    bool m_committed = false;
    std::optional<EncodedStream> m_video;
    std::optional<EncodedStream> m_audio;
    std::unique_ptr<av::EncoderFrameConverter> m_converter;
    std::unique_ptr<SwrContext, SwrDeleter> m_swr;
    /// Encoders with a fixed frame size (AAC: 1024) take audio in exactly that many samples.
    std::unique_ptr<AVAudioFifo, FifoDeleter> m_fifo;
    std::unique_ptr<AudioCopier> m_audio_copy;
    av::PacketPtr m_packet{av_packet_alloc()};
};

void AvSink::abandon() {
    if (m_format) {
        if (m_file_open) avio_closep(&m_format->pb);
        avformat_free_context(m_format);
        m_format = nullptr;
    }
    m_video.reset();
    m_audio.reset();
    if (!m_committed) remove_quietly(m_temp);
}

Result<void> AvSink::open() {
    MEDIA_TRY(check_output_folder(m_path));
    if (!m_options.video && !m_options.audio && !m_options.audio_copy)
        return fail(Error(ErrorCode::InvalidArgument, "nothing to write: no video, no audio"));
    if (m_options.audio && m_options.audio_copy)
        return fail(
            Error(ErrorCode::InvalidArgument, "audio is either encoded or copied, not both"));
    const char* name = m_options.container.empty() ? nullptr : m_options.container.c_str();
    const AVOutputFormat* muxer = av_guess_format(name, m_path.c_str(), nullptr);
    if (!muxer) return fail(Error(ErrorCode::UnsupportedFormat, "no container for this name"));
    int rc = avformat_alloc_output_context2(&m_format, muxer, nullptr, m_temp.c_str());
    if (rc < 0 || !m_packet)
        return fail(av::make_error(ErrorCode::OutOfMemory, "cannot allocate a muxer", rc));
    for (const auto& [key, value] : m_options.metadata)
        av_dict_set(&m_format->metadata, key.c_str(), value.c_str(), 0);
    if (m_options.video) MEDIA_TRY(add_video());
    if (m_options.audio) MEDIA_TRY(add_audio());
    if (m_options.audio_copy) {
        auto copier = AudioCopier::open(*m_options.audio_copy, m_format);
        if (!copier) return fail(std::move(copier).error());
        m_audio_copy = std::move(*copier);
    }
    return open_file();
}

Result<void> AvSink::add_video() {
    const VideoEncodeSettings& settings = *m_options.video;
    const bool global = m_format->oformat->flags & AVFMT_GLOBALHEADER;
    auto codec = open_video_encoder(settings, global);
    if (!codec) return fail(std::move(codec).error());
    AVStream* stream = avformat_new_stream(m_format, nullptr);
    if (!stream) return fail(Error(ErrorCode::OutOfMemory, "cannot add a stream"));
    avcodec_parameters_from_context(stream->codecpar, codec->get());
    stream->time_base = (*codec)->time_base;
    stream->avg_frame_rate = (*codec)->framerate;
    stream->sample_aspect_ratio = (*codec)->sample_aspect_ratio;
    if (!settings.codec_tag.empty()) {
        if (settings.codec_tag.size() != 4)
            return fail(Error(ErrorCode::InvalidArgument,
                              "codec tag '" + settings.codec_tag + "' is not four characters"));
        const auto& t = settings.codec_tag;
        stream->codecpar->codec_tag = MKTAG(t[0], t[1], t[2], t[3]);
    }
    for (const auto& [key, value] : m_options.video_metadata)
        av_dict_set(&stream->metadata, key.c_str(), value.c_str(), 0);
    if (settings.start_timecode) {
        const std::string tc = settings.start_timecode->to_string();
        // mov writes a tmcd track from either tag; MXF reads the container's.
        av_dict_set(&stream->metadata, "timecode", tc.c_str(), 0);
        av_dict_set(&m_format->metadata, "timecode", tc.c_str(), 0);
    }
    m_converter = std::make_unique<av::EncoderFrameConverter>((*codec)->pix_fmt, settings.color);
    m_video.emplace(EncodedStream{std::move(*codec), stream, 0});
    return ok();
}

Result<void> AvSink::add_audio() {
    const bool global = m_format->oformat->flags & AVFMT_GLOBALHEADER;
    auto codec = open_audio_encoder(*m_options.audio, global);
    if (!codec) return fail(std::move(codec).error());
    AVStream* stream = avformat_new_stream(m_format, nullptr);
    if (!stream) return fail(Error(ErrorCode::OutOfMemory, "cannot add a stream"));
    avcodec_parameters_from_context(stream->codecpar, codec->get());
    stream->time_base = (*codec)->time_base;
    SwrContext* swr = nullptr;
    int rc = swr_alloc_set_opts2(&swr, &(*codec)->ch_layout, (*codec)->sample_fmt,
                                 (*codec)->sample_rate, &(*codec)->ch_layout, AV_SAMPLE_FMT_FLTP,
                                 (*codec)->sample_rate, 0, nullptr);
    m_swr.reset(swr);
    if (rc >= 0) rc = swr_init(swr);
    if (rc < 0) return fail(av::make_error(ErrorCode::Internal, "cannot set up swresample", rc));
    const AVCodecContext& ctx = **codec;
    if (ctx.frame_size > 0 && !(ctx.codec->capabilities & AV_CODEC_CAP_VARIABLE_FRAME_SIZE)) {
        m_fifo.reset(
            av_audio_fifo_alloc(ctx.sample_fmt, ctx.ch_layout.nb_channels, ctx.frame_size));
        if (!m_fifo) return fail(Error(ErrorCode::OutOfMemory, "cannot allocate an audio queue"));
    }
    m_audio.emplace(EncodedStream{std::move(*codec), stream, 0});
    return ok();
}

Result<void> AvSink::open_file() {
    // "file:" keeps any name a plain local file, as open_input does for reading.
    const std::string url = "file:" + m_temp;
    int rc = avio_open(&m_format->pb, url.c_str(), AVIO_FLAG_WRITE);
    if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot create the output", rc));
    m_file_open = true;
    DictPtr options = make_dict(m_options.container_options);
    AVDictionary* raw = options.release();
    rc = avformat_write_header(m_format, &raw);
    options.reset(raw);
    if (rc < 0) return fail(av::make_error(ErrorCode::EncodeError, "cannot write the header", rc));
    auto consumed = check_consumed(options.get(), "container");
    if (!consumed) return fail(std::move(consumed).error());
    return ok();
}

Result<void> AvSink::encode(EncodedStream& target, const AVFrame* frame) {
    int rc = avcodec_send_frame(target.codec.get(), frame);
    if (rc < 0) return fail(av::make_error(ErrorCode::EncodeError, "encoder refused a frame", rc));
    for (;;) {
        rc = avcodec_receive_packet(target.codec.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return ok();
        if (rc < 0) return fail(av::make_error(ErrorCode::EncodeError, "encoding failed", rc));
        av_packet_rescale_ts(m_packet.get(), target.codec->time_base, target.stream->time_base);
        m_packet->stream_index = target.stream->index;
        rc = av_interleaved_write_frame(m_format, m_packet.get());
        if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot write a packet", rc));
    }
}

Result<void> AvSink::write_video(const Frame& frame) {
    if (!m_video) return fail(Error(ErrorCode::InvalidArgument, "the sink has no video stream"));
    const AVCodecContext& ctx = *m_video->codec;
    if (frame.width() != ctx.width || frame.height() != ctx.height)
        return fail(Error(ErrorCode::InvalidArgument,
                          "frame is " + std::to_string(frame.width()) + "x" +
                              std::to_string(frame.height()) + ", the stream " +
                              std::to_string(ctx.width) + "x" + std::to_string(ctx.height))
                        .with_frame(m_video->next_pts));
    auto converted = m_converter->convert(frame);
    if (!converted) return fail(std::move(converted).error().with_frame(m_video->next_pts));
    AVFrame* out = converted->get();
    out->pts = m_video->next_pts++;
    out->color_primaries = ctx.color_primaries;
    out->color_trc = ctx.color_trc;
    out->colorspace = ctx.colorspace;
    out->color_range = ctx.color_range;
    out->chroma_location = ctx.chroma_sample_location;
    MEDIA_TRY(encode(*m_video, out));
    if (!m_audio_copy) return ok();
    // Copied audio follows the video written so far, so the muxer never holds much of either.
    auto copied =
        m_audio_copy->copy_until(Rational(m_video->next_pts, 1) * av::to_rational(ctx.time_base));
    return copied ? ok() : fail(std::move(copied).error());
}

Result<av::FramePtr> AvSink::audio_frame(const AudioBlock& block) {
    const AVCodecContext& ctx = *m_audio->codec;
    av::FramePtr out(av_frame_alloc());
    if (!out) return Error(ErrorCode::OutOfMemory, "cannot allocate an audio frame");
    out->format = ctx.sample_fmt;
    out->sample_rate = ctx.sample_rate;
    out->nb_samples = static_cast<int>(block.samples());
    av_channel_layout_copy(&out->ch_layout, &ctx.ch_layout);
    int rc = av_frame_get_buffer(out.get(), 0);
    if (rc < 0) return av::make_error(ErrorCode::OutOfMemory, "cannot allocate audio", rc);
    std::vector<const uint8_t*> in(static_cast<size_t>(block.channels()));
    for (int c = 0; c < block.channels(); ++c)
        in[c] = reinterpret_cast<const uint8_t*>(block.channel(c).data());
    rc = swr_convert(m_swr.get(), out->extended_data, out->nb_samples, in.data(), out->nb_samples);
    if (rc < 0) return av::make_error(ErrorCode::EncodeError, "cannot convert audio", rc);
    return out;
}

Result<void> AvSink::write_audio(const AudioBlock& block) {
    if (!m_audio) return fail(Error(ErrorCode::InvalidArgument, "the sink has no audio stream"));
    const AVCodecContext& ctx = *m_audio->codec;
    if (block.channels() != ctx.ch_layout.nb_channels || block.sample_rate() != ctx.sample_rate)
        return fail(Error(ErrorCode::InvalidArgument,
                          "audio block's channels or rate differ from the stream's"));
    if (block.empty()) return ok();
    if (block.samples() > (int64_t{1} << 24))
        return fail(Error(ErrorCode::InvalidArgument, "audio block too long for one frame"));
    auto frame = audio_frame(block);
    if (!frame) return fail(std::move(frame).error());
    if (m_fifo) {
        const int rc = av_audio_fifo_write(m_fifo.get(), reinterpret_cast<void**>((*frame)->data),
                                           (*frame)->nb_samples);
        if (rc < 0) return fail(av::make_error(ErrorCode::OutOfMemory, "cannot queue audio", rc));
        return drain_fifo(false);
    }
    (*frame)->pts = m_audio->next_pts;
    m_audio->next_pts += block.samples();
    return encode(*m_audio, frame->get());
}

Result<void> AvSink::drain_fifo(bool flush) {
    const AVCodecContext& ctx = *m_audio->codec;
    while (av_audio_fifo_size(m_fifo.get()) >= ctx.frame_size ||
           (flush && av_audio_fifo_size(m_fifo.get()) > 0)) {
        av::FramePtr out(av_frame_alloc());
        if (!out) return fail(Error(ErrorCode::OutOfMemory, "cannot allocate an audio frame"));
        out->format = ctx.sample_fmt;
        out->sample_rate = ctx.sample_rate;
        out->nb_samples = std::min(ctx.frame_size, av_audio_fifo_size(m_fifo.get()));
        av_channel_layout_copy(&out->ch_layout, &ctx.ch_layout);
        int rc = av_frame_get_buffer(out.get(), 0);
        if (rc >= 0)
            rc = av_audio_fifo_read(m_fifo.get(), reinterpret_cast<void**>(out->data),
                                    out->nb_samples);
        if (rc < 0) return fail(av::make_error(ErrorCode::OutOfMemory, "cannot dequeue audio", rc));
        out->pts = m_audio->next_pts;
        m_audio->next_pts += out->nb_samples;
        MEDIA_TRY(encode(*m_audio, out.get()));
    }
    return ok();
}

Result<void> AvSink::finish() {
    if (m_video) MEDIA_TRY(encode(*m_video, nullptr));
    if (m_audio && m_fifo) MEDIA_TRY(drain_fifo(true));
    if (m_audio) MEDIA_TRY(encode(*m_audio, nullptr));
    if (m_audio_copy) {
        auto copied = m_audio_copy->copy_until(std::nullopt);
        if (!copied) return fail(std::move(copied).error());
    }
    int rc = av_write_trailer(m_format);
    if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot finish the file", rc));
    rc = avio_closep(&m_format->pb);
    m_file_open = false;
    if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot close the file", rc));
    MEDIA_TRY(commit_output(m_temp, m_path));
    m_committed = true;
    return ok();
}

}  // namespace

Result<std::unique_ptr<MediaSink::Backend>> create_av_sink(const std::string& path,
                                                           const SinkOptions& options) {
    av::route_av_log();
    auto sink = std::make_unique<AvSink>(path, options);
    MEDIA_TRY(sink->open());
    return std::unique_ptr<MediaSink::Backend>(std::move(sink));
}

}  // namespace media::io
