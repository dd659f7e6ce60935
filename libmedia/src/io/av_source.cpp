// SPDX-License-Identifier: Apache-2.0
#include "av_source.h"
#include "probe_internal.h"

#include <algorithm>

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/pixdesc.h>
}

#include "pixel_format_map.h"

namespace media::io {

namespace {

// Packets kept for the stream not being read: about a minute of audio at 25 packets per second,
// far past any sane interleaving, small enough to keep memory flat if a caller never reads it.
constexpr size_t kMaxQueuedPackets = 2048;
// Failures without a frame or accepted packet in between before decoding is declared stuck.
constexpr int kMaxFailuresInARow = 1000;
// Demuxer read errors in a row after which the rest of the file is treated as unreadable.
constexpr int kMaxReadErrorsInARow = 32;

std::string tag(const AVDictionary* dict, const char* key) {
    const AVDictionaryEntry* entry = av_dict_get(dict, key, nullptr, 0);
    return entry ? entry->value : "";
}

Rational video_rate(const AVStream& stream) {
    if (stream.r_frame_rate.num > 0 && stream.r_frame_rate.den > 0)
        return av::to_rational(stream.r_frame_rate);
    if (stream.avg_frame_rate.num > 0 && stream.avg_frame_rate.den > 0)
        return av::to_rational(stream.avg_frame_rate);
    return {};
}

// The start timecode: the video stream's tag, else the container's, else a timecode track's.
std::optional<Timecode> start_timecode(const AVFormatContext& format, const AVStream& video,
                                       Rational rate) {
    std::string text = tag(video.metadata, "timecode");
    if (text.empty()) text = tag(format.metadata, "timecode");
    for (unsigned i = 0; text.empty() && i < format.nb_streams; ++i)
        text = tag(format.streams[i]->metadata, "timecode");
    if (text.empty() || !rate.valid()) return std::nullopt;
    const bool drop = text.find_first_of(";.") != std::string::npos;
    auto tc_rate = TimecodeRate::make(rate, drop);
    if (!tc_rate) return std::nullopt;
    auto timecode = Timecode::parse(text, *tc_rate);
    return timecode ? std::optional<Timecode>(*timecode) : std::nullopt;
}

FrameSpec spec_from_parameters(const AVCodecParameters& par) {
    FrameSpec spec;
    spec.width = par.width;
    spec.height = par.height;
    auto format = av::nearest_pixel_format(static_cast<AVPixelFormat>(par.format));
    spec.format = format.value_or(PixelFormat::Yuv420p8);
    av::FramePtr probe(av_frame_alloc());
    if (probe) {
        probe->color_primaries = par.color_primaries;
        probe->color_trc = par.color_trc;
        probe->colorspace = par.color_space;
        probe->color_range = par.color_range;
        probe->chroma_location = par.chroma_location;
        probe->format = par.format;
        spec.color = av::color_from_av(*probe);
    }
    return spec;
}

Result<av::CodecContextPtr> open_decoder(const AVStream& stream, const SourceOptions& options) {
    const AVCodec* codec = avcodec_find_decoder(stream.codecpar->codec_id);
    if (!codec)
        return Error(ErrorCode::UnsupportedFormat, std::string("no decoder for codec ") +
                                                       avcodec_get_name(stream.codecpar->codec_id));
    av::CodecContextPtr ctx(avcodec_alloc_context3(codec));
    if (!ctx) return Error(ErrorCode::OutOfMemory, "cannot allocate a decoder");
    int rc = avcodec_parameters_to_context(ctx.get(), stream.codecpar);
    if (rc < 0) return av::make_error(ErrorCode::UnsupportedFormat, "bad codec parameters", rc);
    ctx->pkt_timebase = stream.time_base;
    ctx->thread_count = options.threads;
    ctx->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    ctx->max_pixels = options.max_pixels;
    rc = avcodec_open2(ctx.get(), codec, nullptr);
    if (rc < 0)
        return av::make_error(ErrorCode::UnsupportedFormat,
                              std::string("cannot open decoder ") + codec->name, rc);
    return ctx;
}

int pick_stream(AVFormatContext* format, AVMediaType type, int wanted) {
    if (wanted >= 0) {
        if (wanted >= static_cast<int>(format->nb_streams) ||
            format->streams[wanted]->codecpar->codec_type != type)
            return AVERROR_STREAM_NOT_FOUND;
        return wanted;
    }
    return av_find_best_stream(format, type, -1, -1, nullptr, 0);
}

}  // namespace

AvSource::AvSource(std::string path, av::FormatInputPtr format, SourceOptions options)
    : m_path(std::move(path)),
      m_format(std::move(format)),
      m_options(options),
      m_picture(av_frame_alloc()),
      m_samples(av_frame_alloc()),
      m_converter(options.zero_copy) {}

Error AvSource::fail(Error error) const {
    return std::move(error).with_file(m_path).with_operation("decode");
}

Result<void> AvSource::open_decoders() {
    if (!m_picture || !m_samples)
        return fail(Error(ErrorCode::OutOfMemory, "cannot allocate decode buffers"));
    if (m_options.video) MEDIA_TRY(open_video());
    describe_audio();
    if (m_options.audio) MEDIA_TRY(open_audio());
    if (!m_video && !m_audio)
        return fail(Error(ErrorCode::UnsupportedFormat, "no stream of the requested kind"));
    // Streams not decoded are not even demuxed into packets.
    for (unsigned i = 0; i < m_format->nb_streams; ++i) {
        const int index = static_cast<int>(i);
        const bool used =
            (m_video && m_video->index == index) || (m_audio && m_audio->index == index);
        if (!used) m_format->streams[i]->discard = AVDISCARD_ALL;
    }
    return ok();
}

Result<void> AvSource::open_video() {
    const int index = pick_stream(m_format.get(), AVMEDIA_TYPE_VIDEO, m_options.video_stream);
    if (index < 0) {
        // Asking for "video if there is any" is the default: only an explicit index must exist.
        if (m_options.video_stream >= 0)
            return fail(Error(ErrorCode::NotFound, "no video stream at that index"));
        return ok();
    }
    AVStream* stream = m_format->streams[index];
    auto codec = open_decoder(*stream, m_options);
    if (!codec) return fail(std::move(codec).error().with_stream(index));
    m_video.emplace(StreamDecoder{index, stream, std::move(*codec), {}, false});
    m_start_pts = stream->start_time == AV_NOPTS_VALUE ? 0 : stream->start_time;
    m_summary.has_video = true;
    m_summary.video = spec_from_parameters(*stream->codecpar);
    m_summary.frame_rate = video_rate(*stream);
    m_summary.video_time_base = av::to_rational(stream->time_base);
    if (stream->nb_frames > 0) m_summary.frame_count = stream->nb_frames;
    m_summary.start_timecode = start_timecode(*m_format, *stream, m_summary.frame_rate);
    m_summary.video_codec = avcodec_get_name(stream->codecpar->codec_id);
    const AVRational sar = av_guess_sample_aspect_ratio(m_format.get(), stream, nullptr);
    if (sar.num > 0 && sar.den > 0) m_summary.sample_aspect = Rational(sar.num, sar.den);
    m_summary.reel_name = probe_detail::find_tag(m_format.get(), "reel_name");
    return ok();
}

void AvSource::describe_audio() {
    const int index = pick_stream(m_format.get(), AVMEDIA_TYPE_AUDIO, m_options.audio_stream);
    if (index < 0) return;
    const AVCodecParameters& par = *m_format->streams[index]->codecpar;
    m_summary.has_audio = true;
    m_summary.audio_stream = index;
    m_summary.audio_channels = par.ch_layout.nb_channels;
    m_summary.sample_rate = par.sample_rate;
    m_summary.channel_layout = av::describe_layout(par.ch_layout);
    m_summary.audio_codec = avcodec_get_name(par.codec_id);
    m_summary.audio_bit_depth = par.bits_per_raw_sample > 0 ? par.bits_per_raw_sample
                                                            : av_get_bits_per_sample(par.codec_id);
}

Result<void> AvSource::open_audio() {
    const int index = pick_stream(m_format.get(), AVMEDIA_TYPE_AUDIO, m_options.audio_stream);
    if (index < 0) {
        if (m_options.audio_stream >= 0)
            return fail(Error(ErrorCode::NotFound, "no audio stream at that index"));
        return ok();
    }
    AVStream* stream = m_format->streams[index];
    auto codec = open_decoder(*stream, m_options);
    if (!codec) return fail(std::move(codec).error().with_stream(index));
    m_audio.emplace(StreamDecoder{index, stream, std::move(*codec), {}, false});
    return ok();
}

const SourceStats& AvSource::stats() const {
    const auto& s = m_converter.stats();
    m_stats = {s.wrapped, s.copied, s.converted};
    return m_stats;
}

int64_t AvSource::index_of(int64_t pts) const {
    if (pts == AV_NOPTS_VALUE || !m_video || !m_summary.frame_rate.valid()) return m_next_index;
    return rescale(pts - m_start_pts, m_summary.video_time_base, m_summary.frame_rate.inverse());
}

void AvSource::record_at(int stream, int64_t frame, int64_t pts, std::string message) {
    m_issues.push_back(
        DecodeIssue{stream, frame, pts == AV_NOPTS_VALUE ? kNoPts : pts, std::move(message)});
}

void AvSource::record(int stream, int64_t pts, std::string message) {
    const bool video = m_video && stream == m_video->index;
    record_at(stream, video ? index_of(pts) : -1, pts, std::move(message));
}

void AvSource::route(av::PacketPtr packet) {
    StreamDecoder* owner = nullptr;
    if (m_video && packet->stream_index == m_video->index) owner = &*m_video;
    if (m_audio && packet->stream_index == m_audio->index) owner = &*m_audio;
    if (!owner) return;
    if (owner->queue.size() >= kMaxQueuedPackets) {
        record(owner->index, owner->queue.front()->pts,
               "packet dropped: queue full (the stream is not being read)");
        owner->queue.pop_front();
    }
    owner->queue.push_back(std::move(packet));
}

Result<av::PacketPtr> AvSource::next_packet(StreamDecoder& decoder) {
    if (!decoder.queue.empty()) {
        av::PacketPtr packet = std::move(decoder.queue.front());
        decoder.queue.pop_front();
        return packet;
    }
    for (int errors = 0; !m_demux_eof;) {
        av::PacketPtr packet(av_packet_alloc());
        if (!packet) return fail(Error(ErrorCode::OutOfMemory, "cannot allocate a packet"));
        const int rc = av_read_frame(m_format.get(), packet.get());
        if (rc == AVERROR_EOF) break;
        if (rc == AVERROR(EAGAIN)) continue;
        if (rc < 0) {
            // Placed just after the last video packet read: where the damage starts.
            const int64_t frame =
                m_last_demuxed_pts == kNoPts ? m_next_index : index_of(m_last_demuxed_pts) + 1;
            record_at(-1, frame, kNoPts, "read error: " + av::error_string(rc));
            if (++errors >= kMaxReadErrorsInARow) break;
            continue;
        }
        if (m_video && packet->stream_index == m_video->index && packet->pts != AV_NOPTS_VALUE)
            m_last_demuxed_pts = std::max(m_last_demuxed_pts, packet->pts);
        if (packet->stream_index == decoder.index) return packet;
        route(std::move(packet));
    }
    m_demux_eof = true;
    return av::PacketPtr();
}

// Sends the decoder its next packet, or the end of the stream. False once nothing is left.
Result<bool> AvSource::feed(StreamDecoder& decoder) {
    if (decoder.eof_sent) return false;
    MEDIA_TRY_ASSIGN(av::PacketPtr packet, next_packet(decoder));
    if (!packet) {
        avcodec_send_packet(decoder.codec.get(), nullptr);
        decoder.eof_sent = true;
        return true;
    }
    if (packet->flags & AV_PKT_FLAG_CORRUPT)
        record(decoder.index, packet->pts, "demuxer flagged the packet corrupt");
    const int rc = avcodec_send_packet(decoder.codec.get(), packet.get());
    if (rc < 0 && rc != AVERROR(EAGAIN)) {
        record(decoder.index, packet->pts, "decode error: " + av::error_string(rc));
        ++m_failures_in_a_row;
    } else {
        m_failures_in_a_row = 0;
    }
    return true;
}

// Receives the next decoded frame into `out`, feeding packets as the decoder asks.
// False at the end of the stream.
Result<bool> AvSource::receive(StreamDecoder& decoder, AVFrame* out) {
    while (m_failures_in_a_row < kMaxFailuresInARow) {
        const int rc = avcodec_receive_frame(decoder.codec.get(), out);
        if (rc == 0) {
            m_failures_in_a_row = 0;
            return true;
        }
        if (rc == AVERROR_EOF) return false;
        if (rc == AVERROR(EAGAIN)) {
            MEDIA_TRY_ASSIGN(bool fed, feed(decoder));
            if (!fed) return false;
            continue;
        }
        record(decoder.index, AV_NOPTS_VALUE, "decode error: " + av::error_string(rc));
        ++m_failures_in_a_row;
    }
    return fail(Error(ErrorCode::DecodeError, "decoder keeps failing; giving up")
                    .with_stream(decoder.index)
                    .with_frame(m_next_index));
}

void AvSource::check_truncation() {
    if (m_truncation_checked || m_seeked || !m_summary.frame_count) return;
    m_truncation_checked = true;
    if (m_next_index < *m_summary.frame_count)
        record_at(m_video->index, m_next_index, kNoPts,
                  "stream ended after " + std::to_string(m_next_index) + " of " +
                      std::to_string(*m_summary.frame_count) +
                      " frames the container declares (truncated?)");
}

Frame AvSource::finish_video_frame(Frame frame, int64_t pts) {
    frame.set_pts(pts == AV_NOPTS_VALUE ? kNoPts : pts, m_summary.video_time_base);
    frame.set_index(m_next_index);
    if (m_summary.start_timecode) frame.set_timecode(*m_summary.start_timecode + m_next_index);
    if (frame.corrupt())
        record_at(m_video->index, m_next_index, frame.pts(), "decoder flagged the frame corrupt");
    ++m_next_index;
    return frame;
}

Result<std::optional<Frame>> AvSource::next_video_frame() {
    if (!m_video) return fail(Error(ErrorCode::InvalidArgument, "no video stream is decoded"));
    for (;;) {
        MEDIA_TRY_ASSIGN(bool got, receive(*m_video, m_picture.get()));
        if (!got) {
            check_truncation();
            return std::optional<Frame>();
        }
        const int64_t pts = m_picture->best_effort_timestamp;
        if (m_skip_before_index >= 0 && pts != AV_NOPTS_VALUE &&
            index_of(pts) < m_skip_before_index) {
            av_frame_unref(m_picture.get());
            continue;
        }
        m_skip_before_index = -1;
        auto frame = m_converter.convert(m_picture.get());
        if (!frame) return fail(std::move(frame).error().with_frame(m_next_index));
        return std::optional<Frame>(finish_video_frame(std::move(*frame), pts));
    }
}

Result<std::optional<AudioBlock>> AvSource::next_audio_block() {
    if (!m_audio) return fail(Error(ErrorCode::InvalidArgument, "no audio stream is decoded"));
    for (;;) {
        MEDIA_TRY_ASSIGN(bool got, receive(*m_audio, m_samples.get()));
        if (!got) return std::optional<AudioBlock>();
        const int64_t pts = m_samples->best_effort_timestamp;
        const AVRational tb = m_audio->stream->time_base;
        const int64_t end = pts == AV_NOPTS_VALUE
                                ? AV_NOPTS_VALUE
                                : pts + av_rescale_q(m_samples->nb_samples,
                                                     AVRational{1, m_samples->sample_rate}, tb);
        if (m_audio_skip_before != kNoPts && end != AV_NOPTS_VALUE && end <= m_audio_skip_before) {
            av_frame_unref(m_samples.get());
            continue;
        }
        m_audio_skip_before = kNoPts;
        auto block = m_audio_converter.convert(*m_samples);
        av_frame_unref(m_samples.get());
        if (!block) return fail(std::move(block).error().with_stream(m_audio->index));
        if (pts != AV_NOPTS_VALUE)
            block->set_pts(av_rescale_q(pts, tb, AVRational{1, block->sample_rate()}));
        return std::optional<AudioBlock>(std::move(*block));
    }
}

Result<void> AvSource::seek(int64_t index) {
    if (!m_video || !m_summary.frame_rate.valid())
        return fail(Error(ErrorCode::InvalidArgument, "seeking needs a video stream with a rate"));
    if (index < 0) return fail(Error(ErrorCode::InvalidArgument, "negative frame index"));
    const Rational tb = m_summary.video_time_base;
    const int64_t target = m_start_pts + rescale(index, m_summary.frame_rate.inverse(), tb);
    // The latest key frame at or before the target; frames up to it are decoded and dropped.
    int rc = avformat_seek_file(m_format.get(), m_video->index, INT64_MIN, target, target, 0);
    if (rc < 0) rc = av_seek_frame(m_format.get(), m_video->index, target, AVSEEK_FLAG_BACKWARD);
    if (rc < 0)
        return fail(av::make_error(ErrorCode::IoError, "cannot seek", rc).with_frame(index));
    for (StreamDecoder* decoder : {m_video ? &*m_video : nullptr, m_audio ? &*m_audio : nullptr}) {
        if (!decoder) continue;
        avcodec_flush_buffers(decoder->codec.get());
        decoder->queue.clear();
        decoder->eof_sent = false;
    }
    if (m_audio)
        m_audio_skip_before = rescale(target, tb, av::to_rational(m_audio->stream->time_base));
    m_demux_eof = false;
    m_last_demuxed_pts = kNoPts;
    m_seeked = true;
    m_skip_before_index = index;
    m_next_index = index;
    return ok();
}

Result<std::unique_ptr<MediaSource::Backend>> open_av_source(const std::string& path,
                                                             const SourceOptions& options) {
    av::OpenLimits limits;
    limits.max_pixels = options.max_pixels;
    limits.raw_video = options.raw_video;
    MEDIA_TRY_ASSIGN(av::FormatInputPtr format, av::open_input(path, limits));
    auto source = std::make_unique<AvSource>(path, std::move(format), options);
    MEDIA_TRY(source->open_decoders());
    return std::unique_ptr<MediaSource::Backend>(std::move(source));
}

}  // namespace media::io
