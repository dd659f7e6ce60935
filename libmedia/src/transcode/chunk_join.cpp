// SPDX-License-Identifier: Apache-2.0
// join_chunks: encoded chunks remuxed end to end (no re-encode) with the programme's audio, then
// verified by decoding the result against the source.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "io/av_common.h"
#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "media/io/temp_output.h"
#include "media/transcode/chunked.h"

namespace media::transcode {
namespace {

namespace fs = std::filesystem;

/// One opened input (a chunk or the audio) and the stream taken from it.
struct Input {
    std::string path;
    av::FormatInputPtr format;
    int stream = -1;
    const AVStream* get() const { return format->streams[stream]; }
};

Result<Input> open_stream(const std::string& path, AVMediaType type, const char* what) {
    MEDIA_TRY_ASSIGN(av::FormatInputPtr format, av::open_input(path));
    const int stream = av_find_best_stream(format.get(), type, -1, -1, nullptr, 0);
    if (stream < 0)
        return Error(ErrorCode::InvalidArgument, std::string("no ") + what + " stream")
            .with_file(path);
    for (unsigned i = 0; i < format->nb_streams; ++i)
        if (static_cast<int>(i) != stream) format->streams[i]->discard = AVDISCARD_ALL;
    return Input{path, std::move(format), stream};
}

// What must be equal for packets of two chunks to follow each other in one stream.
std::string parameter_difference(const AVStream& a, const AVStream& b) {
    const AVCodecParameters& x = *a.codecpar;
    const AVCodecParameters& y = *b.codecpar;
    if (x.codec_id != y.codec_id)
        return fmt::format("codec {} vs {}", avcodec_get_name(x.codec_id),
                           avcodec_get_name(y.codec_id));
    if (x.width != y.width || x.height != y.height)
        return fmt::format("size {}x{} vs {}x{}", x.width, x.height, y.width, y.height);
    if (x.format != y.format) return "pixel format differs";
    if (x.profile != y.profile) return fmt::format("profile {} vs {}", x.profile, y.profile);
    if (x.codec_tag != y.codec_tag) return "codec tag differs";
    if (x.extradata_size != y.extradata_size ||
        (x.extradata_size > 0 && std::memcmp(x.extradata, y.extradata, x.extradata_size) != 0))
        return "codec extradata (parameter sets) differs";
    if (x.color_primaries != y.color_primaries || x.color_trc != y.color_trc ||
        x.color_space != y.color_space || x.color_range != y.color_range)
        return "colour tags differ";
    if (av_cmp_q(a.avg_frame_rate, b.avg_frame_rate) != 0) return "frame rate differs";
    return {};
}

Result<std::vector<Input>> open_chunks(const std::vector<std::string>& paths) {
    std::vector<Input> chunks;
    for (const auto& path : paths) {
        MEDIA_TRY_ASSIGN(Input chunk, open_stream(path, AVMEDIA_TYPE_VIDEO, "video"));
        if (!chunks.empty()) {
            const std::string diff = parameter_difference(*chunks.front().get(), *chunk.get());
            if (!diff.empty())
                return Error(ErrorCode::InvalidArgument,
                             fmt::format("chunk {} cannot follow {}: {}", path, chunks.front().path,
                                         diff))
                    .with_file(path);
        }
        chunks.push_back(std::move(chunk));
    }
    return chunks;
}

/// The facts of the source the joined programme must match.
struct SourceFacts {
    int64_t frames = 0;
    Rational rate;
    std::optional<Timecode> start_timecode;
    std::optional<double> video_seconds;
};

Result<SourceFacts> source_facts(const std::string& source) {
    SourceFacts facts;
    {
        MEDIA_TRY_ASSIGN(MediaSource opened, MediaSource::open(source));
        const SourceSummary& summary = opened.summary();
        facts.rate = summary.frame_rate;
        facts.start_timecode = summary.start_timecode;
        if (summary.frame_count) facts.frames = *summary.frame_count;
    }
    if (facts.frames <= 0) {
        MEDIA_TRY_ASSIGN(SplitPoints points, find_split_points(source));
        facts.frames = points.frames;
    }
    auto info = probe(source, ProbeOptions{});
    if (info && info->first_video()) facts.video_seconds = info->first_video()->duration_seconds;
    return facts;
}

// A stream of `output` carrying the input's packets unchanged.
Result<AVStream*> add_copied_stream(AVFormatContext* output, const Input& input) {
    AVStream* stream = avformat_new_stream(output, nullptr);
    if (!stream) return Error(ErrorCode::OutOfMemory, "cannot add a stream");
    const AVStream* source = input.get();
    int rc = avcodec_parameters_copy(stream->codecpar, source->codecpar);
    if (rc < 0) return av::make_error(ErrorCode::Internal, "cannot copy codec parameters", rc);
    // Keep the FourCC (ProRes flavours, hvc1) where this container knows it for the codec.
    const uint32_t tag = source->codecpar->codec_tag;
    unsigned int known = 0;
    const bool fits =
        !output->oformat->codec_tag ||
        av_codec_get_id(output->oformat->codec_tag, tag) == source->codecpar->codec_id ||
        !av_codec_get_tag2(output->oformat->codec_tag, source->codecpar->codec_id, &known);
    if (!fits) stream->codecpar->codec_tag = 0;
    stream->time_base = source->time_base;
    stream->avg_frame_rate = source->avg_frame_rate;
    stream->r_frame_rate = source->r_frame_rate;
    stream->sample_aspect_ratio = source->sample_aspect_ratio;
    return stream;
}

// The reel name a transcode wrote: on the file (MXF) or on one of its streams (mov: tmcd).
std::string reel_name(const AVFormatContext& format) {
    if (const auto* tag = av_dict_get(format.metadata, "reel_name", nullptr, 0)) return tag->value;
    for (unsigned i = 0; i < format.nb_streams; ++i)
        if (const auto* tag = av_dict_get(format.streams[i]->metadata, "reel_name", nullptr, 0))
            return tag->value;
    return {};
}

/// Writes the joined file: video packets of each chunk in turn, timestamps running on, the
/// audio's packets interleaved by time.
class Joiner {
public:
    Joiner(std::vector<Input> chunks, std::optional<Input> audio, std::string temp)
        : m_chunks(std::move(chunks)), m_audio(std::move(audio)), m_temp(std::move(temp)) {}
    ~Joiner() { close(); }

    Result<void> open(const std::string& final_path, const std::optional<Timecode>& timecode);
    Result<void> write();
    Result<void> finish();
    /// Where each chunk starts in the joined programme (frame indices; the first is 0).
    const std::vector<int64_t>& starts() const { return m_starts; }

private:
    Result<void> check_chunk_timecode(const Input& chunk) const;
    Result<void> write_chunk(size_t index);
    Result<void> write_audio_until(std::optional<int64_t> video_pts);
    Error fail(Error error) const { return std::move(error).with_file(m_temp); }
    void close();

    std::vector<Input> m_chunks;
    std::optional<Input> m_audio;
    std::string m_temp;
    AVFormatContext* m_output = nullptr;
    bool m_file_open = false;
    AVStream* m_video = nullptr;
    AVStream* m_audio_stream = nullptr;
    av::PacketPtr m_packet{av_packet_alloc()};
    av::PacketPtr m_audio_packet{av_packet_alloc()};
    bool m_audio_pending = false;
    bool m_audio_done = false;
    int64_t m_next_pts = 0;  ///< where the next chunk starts, in the output video time base
    int64_t m_last_dts = AV_NOPTS_VALUE;
    int64_t m_frames = 0;  ///< video packets written
    std::vector<int64_t> m_starts;
    std::optional<Timecode> m_timecode;
};

void Joiner::close() {
    if (!m_output) return;
    if (m_file_open) avio_closep(&m_output->pb);
    avformat_free_context(m_output);
    m_output = nullptr;
}

Result<void> Joiner::open(const std::string& final_path, const std::optional<Timecode>& timecode) {
    m_timecode = timecode;
    if (!m_packet || !m_audio_packet) return Error(ErrorCode::OutOfMemory, "cannot allocate");
    const AVOutputFormat* muxer = av_guess_format(nullptr, final_path.c_str(), nullptr);
    if (!muxer)
        return Error(ErrorCode::UnsupportedFormat, "no container for this name")
            .with_file(final_path);
    int rc = avformat_alloc_output_context2(&m_output, muxer, nullptr, m_temp.c_str());
    if (rc < 0) return fail(av::make_error(ErrorCode::OutOfMemory, "cannot allocate a muxer", rc));
    MEDIA_TRY_ASSIGN(m_video, add_copied_stream(m_output, m_chunks.front()));
    const Input& first = m_chunks.front();
    av_dict_copy(&m_video->metadata, first.get()->metadata, 0);
    const std::string reel = reel_name(*first.format);
    for (AVDictionary** dict : {&m_video->metadata, &m_output->metadata}) {
        av_dict_set(dict, "timecode", nullptr, 0);
        if (timecode) av_dict_set(dict, "timecode", timecode->to_string().c_str(), 0);
        // mov writes it as the tmcd track's name, MXF as the source package's.
        if (!reel.empty()) av_dict_set(dict, "reel_name", reel.c_str(), 0);
    }
    if (m_audio) {
        MEDIA_TRY_ASSIGN(m_audio_stream, add_copied_stream(m_output, *m_audio));
    }
    const std::string url = "file:" + m_temp;
    rc = avio_open(&m_output->pb, url.c_str(), AVIO_FLAG_WRITE);
    if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot create the output", rc));
    m_file_open = true;
    AVDictionary* options = nullptr;
    if (std::strcmp(muxer->name, "mp4") == 0) av_dict_set(&options, "movflags", "+faststart", 0);
    rc = avformat_write_header(m_output, &options);
    av_dict_free(&options);
    if (rc < 0) return fail(av::make_error(ErrorCode::EncodeError, "cannot write the header", rc));
    return ok();
}

Result<void> Joiner::write() {
    for (size_t i = 0; i < m_chunks.size(); ++i) MEDIA_TRY(write_chunk(i));
    return write_audio_until(std::nullopt);
}

// A chunk carries the timecode of its first frame: one out of order or missing shows here.
Result<void> Joiner::check_chunk_timecode(const Input& chunk) const {
    if (!m_timecode) return ok();
    const AVDictionaryEntry* tag = av_dict_get(chunk.get()->metadata, "timecode", nullptr, 0);
    if (!tag) tag = av_dict_get(chunk.format->metadata, "timecode", nullptr, 0);
    if (!tag) return ok();
    const std::string expected = (*m_timecode + m_frames).to_string();
    if (expected == tag->value) return ok();
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("the chunk starts at timecode {} but follows {} frames (expected {}): "
                             "chunks out of order or one missing",
                             tag->value, m_frames, expected))
        .with_file(chunk.path);
}

Result<void> Joiner::write_chunk(size_t index) {
    Input& chunk = m_chunks[index];
    MEDIA_TRY(check_chunk_timecode(chunk));
    m_starts.push_back(m_frames);
    const AVStream* in = chunk.get();
    const int64_t frame = av_rescale_q(1, av_inv_q(in->avg_frame_rate), m_video->time_base);
    int64_t first_pts = AV_NOPTS_VALUE;
    int64_t end = m_next_pts;
    for (;;) {
        const int rc = av_read_frame(chunk.format.get(), m_packet.get());
        if (rc == AVERROR_EOF) break;
        if (rc < 0)
            return av::make_error(ErrorCode::DecodeError, "cannot read the chunk", rc)
                .with_file(chunk.path);
        if (m_packet->stream_index != chunk.stream) {
            av_packet_unref(m_packet.get());
            continue;
        }
        av_packet_rescale_ts(m_packet.get(), in->time_base, m_video->time_base);
        if (first_pts == AV_NOPTS_VALUE) {
            if (!(m_packet->flags & AV_PKT_FLAG_KEY))
                return Error(ErrorCode::InvalidArgument, "the chunk does not start on a key frame")
                    .with_file(chunk.path);
            if (m_packet->pts == AV_NOPTS_VALUE)
                return Error(ErrorCode::UnsupportedFormat, "the chunk's packets have no timestamps")
                    .with_file(chunk.path);
            first_pts = m_packet->pts;
        }
        if (m_packet->dts == AV_NOPTS_VALUE) m_packet->dts = m_packet->pts;
        const int64_t shift = m_next_pts - first_pts;
        m_packet->pts += shift;
        m_packet->dts += shift;
        if (m_last_dts != AV_NOPTS_VALUE && m_packet->dts <= m_last_dts)
            return Error(ErrorCode::InvalidArgument,
                         "decode timestamps would go backwards where this chunk starts")
                .with_file(chunk.path);
        m_last_dts = m_packet->dts;
        ++m_frames;
        end = std::max(end, m_packet->pts + (m_packet->duration > 0 ? m_packet->duration : frame));
        MEDIA_TRY(write_audio_until(m_packet->dts));
        m_packet->stream_index = m_video->index;
        m_packet->pos = -1;
        const int wrote = av_interleaved_write_frame(m_output, m_packet.get());
        if (wrote < 0) return fail(av::make_error(ErrorCode::IoError, "cannot write", wrote));
    }
    if (first_pts == AV_NOPTS_VALUE)
        return Error(ErrorCode::InvalidArgument, "the chunk holds no video").with_file(chunk.path);
    m_next_pts = end;
    return ok();
}

// Audio packets due before the video time `video_pts` (all that are left when nullopt).
Result<void> Joiner::write_audio_until(std::optional<int64_t> video_pts) {
    if (!m_audio) return ok();
    const AVStream* in = m_audio->get();
    while (!m_audio_done) {
        if (!m_audio_pending) {
            const int rc = av_read_frame(m_audio->format.get(), m_audio_packet.get());
            if (rc == AVERROR_EOF) {
                m_audio_done = true;
                break;
            }
            if (rc < 0)
                return av::make_error(ErrorCode::DecodeError, "cannot read the audio", rc)
                    .with_file(m_audio->path);
            if (m_audio_packet->stream_index != m_audio->stream) {
                av_packet_unref(m_audio_packet.get());
                continue;
            }
            m_audio_pending = true;
        }
        const int64_t at =
            m_audio_packet->dts != AV_NOPTS_VALUE ? m_audio_packet->dts : m_audio_packet->pts;
        if (video_pts && at != AV_NOPTS_VALUE &&
            av_compare_ts(at, in->time_base, *video_pts, m_video->time_base) > 0)
            break;
        av_packet_rescale_ts(m_audio_packet.get(), in->time_base, m_audio_stream->time_base);
        m_audio_packet->stream_index = m_audio_stream->index;
        m_audio_packet->pos = -1;
        m_audio_pending = false;
        const int rc = av_interleaved_write_frame(m_output, m_audio_packet.get());
        if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot write audio", rc));
    }
    return ok();
}

Result<void> Joiner::finish() {
    int rc = av_write_trailer(m_output);
    if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot finish the file", rc));
    rc = avio_closep(&m_output->pb);
    m_file_open = false;
    if (rc < 0) return fail(av::make_error(ErrorCode::IoError, "cannot close the file", rc));
    close();
    return ok();
}

/// Every frame of a file decoded: how many, and where the timestamps do not step by one frame.
struct DecodedRun {
    int64_t frames = 0;
    int64_t gaps = 0;
    std::string first_gap;
};

Result<DecodedRun> decode_all(MediaSource& source) {
    const SourceSummary& summary = source.summary();
    const Rational step = summary.frame_rate.valid() && summary.frame_rate.num() > 0 &&
                                  summary.video_time_base.valid()
                              ? summary.frame_rate.inverse() / summary.video_time_base
                              : Rational();
    DecodedRun run;
    int64_t previous = kNoPts;
    for (;;) {
        MEDIA_TRY_ASSIGN(std::optional<Frame> frame, source.next_video_frame());
        if (!frame) break;
        if (previous != kNoPts && frame->pts() != kNoPts &&
            (!step.valid() || Rational(frame->pts() - previous, 1) != step) && run.gaps++ == 0)
            run.first_gap = fmt::format("frame {}: pts step {}, one frame is {}", run.frames,
                                        frame->pts() - previous, step.to_string());
        previous = frame->pts();
        ++run.frames;
    }
    return run;
}

/// The joined file's video packets in presentation order: one per frame, so their count is the
/// frame count; their times must step by one frame, and a key frame must open every chunk.
struct PacketRun {
    int64_t frames = 0;
    int64_t gaps = 0;
    std::string first_gap;
    std::vector<bool> key;  ///< per frame
};

Result<PacketRun> scan_packets(const std::string& file) {
    MEDIA_TRY_ASSIGN(Input input, open_stream(file, AVMEDIA_TYPE_VIDEO, "video"));
    const AVStream* stream = input.get();
    std::vector<std::pair<int64_t, bool>> packets;  // pts, key frame
    av::PacketPtr packet{av_packet_alloc()};
    for (;;) {
        const int rc = av_read_frame(input.format.get(), packet.get());
        if (rc == AVERROR_EOF) break;
        if (rc < 0)
            return av::make_error(ErrorCode::DecodeError, "cannot read the joined file", rc)
                .with_file(file);
        if (packet->stream_index == input.stream) {
            if (packet->pts == AV_NOPTS_VALUE)
                return Error(ErrorCode::UnsupportedFormat, "a packet without a timestamp")
                    .with_file(file);
            packets.emplace_back(packet->pts, (packet->flags & AV_PKT_FLAG_KEY) != 0);
        }
        av_packet_unref(packet.get());
    }
    std::sort(packets.begin(), packets.end());
    const int64_t step = av_rescale_q(1, av_inv_q(stream->avg_frame_rate), stream->time_base);
    PacketRun run;
    run.frames = static_cast<int64_t>(packets.size());
    for (size_t i = 0; i < packets.size(); ++i) {
        run.key.push_back(packets[i].second);
        const int64_t delta = i > 0 ? packets[i].first - packets[i - 1].first : step;
        if (delta != step && run.gaps++ == 0)
            run.first_gap = fmt::format("frame {}: pts step {}, one frame is {}", i, delta, step);
    }
    return run;
}

/// Decodes the frames either side of every join (seeking frame-accurately, so decoding restarts
/// at each chunk's key frame as a player's seek would): the join points decode.
void decode_joins(const std::string& file, const std::vector<int64_t>& starts,
                  std::vector<std::string>& problems) {
    auto source = MediaSource::open(file);
    if (!source) {
        problems.push_back(source.error().message());
        return;
    }
    for (int64_t start : starts) {
        for (int64_t index = std::max<int64_t>(start - 1, 0); index <= start; ++index) {
            auto sought = source->seek(index);
            auto frame =
                sought ? source->next_video_frame() : Result<std::optional<Frame>>(sought.error());
            if (!frame || !*frame) {
                problems.push_back(fmt::format("frame {} (at a join) does not decode{}", index,
                                               frame ? "" : ": " + frame.error().message()));
                return;
            }
        }
    }
    if (!source->decode_errors().empty())
        problems.push_back(fmt::format("{} decode errors at the joins (first: {})",
                                       source->decode_errors().size(),
                                       source->decode_errors().front().message));
}

/// Checks the joined file against the source: every frame decoded (full) or every frame's
/// packet plus a decode at every join; timestamps continuous; duration; start timecode.
Result<JoinResult> verify(const std::string& file, const SourceFacts& source,
                          const std::vector<int64_t>& starts, bool full) {
    JoinResult result;
    auto& problems = result.problems;
    int64_t gaps = 0;
    std::string first_gap;
    if (full) {
        MEDIA_TRY_ASSIGN(MediaSource joined, MediaSource::open(file));
        MEDIA_TRY_ASSIGN(DecodedRun run, decode_all(joined));
        result.frames = run.frames;
        gaps = run.gaps;
        first_gap = run.first_gap;
        if (!joined.decode_errors().empty())
            problems.push_back(fmt::format("{} decode errors (first: {})",
                                           joined.decode_errors().size(),
                                           joined.decode_errors().front().message));
    } else {
        MEDIA_TRY_ASSIGN(PacketRun run, scan_packets(file));
        result.frames = run.frames;
        gaps = run.gaps;
        first_gap = run.first_gap;
        for (int64_t start : starts)
            if (start < run.frames && !run.key[static_cast<size_t>(start)])
                problems.push_back(
                    fmt::format("frame {} opens a chunk but is no key frame", start));
        if (problems.empty() && gaps == 0) decode_joins(file, starts, problems);
    }
    if (result.frames != source.frames)
        problems.push_back(
            fmt::format("frame count {}, the source has {}", result.frames, source.frames));
    if (gaps > 0)
        problems.push_back(
            fmt::format("timestamps not continuous ({} steps; {})", gaps, first_gap));
    auto info = probe(file, ProbeOptions{});
    const StreamInfo* video = info ? info->first_video() : nullptr;
    if (video && video->duration_seconds) result.duration_seconds = *video->duration_seconds;
    const double frame_seconds = source.rate.valid() ? source.rate.inverse().to_double() : 0.0;
    const double expected =
        source.video_seconds.value_or(static_cast<double>(source.frames) * frame_seconds);
    if (std::abs(result.duration_seconds - expected) > frame_seconds / 2)
        problems.push_back(fmt::format("duration {:.3f} s, the source's {:.3f} s",
                                       result.duration_seconds, expected));
    if (info && !info->start_timecode.empty()) {
        auto tc = Timecode::from_string_for_rate(info->start_timecode, source.rate);
        if (tc) result.start_timecode = *tc;
    }
    const std::string found = info ? info->start_timecode : std::string();
    const std::string wanted = source.start_timecode ? source.start_timecode->to_string() : "";
    if (found != wanted)
        problems.push_back(fmt::format("start timecode '{}', the source's '{}'", found, wanted));
    return result;
}

Result<void> check_request(const JoinRequest& request) {
    if (request.chunks.empty()) return Error(ErrorCode::InvalidArgument, "no chunks to join");
    if (request.source.empty())
        return Error(ErrorCode::InvalidArgument, "no source given to verify the join against");
    if (request.output.empty()) return Error(ErrorCode::InvalidArgument, "no output given");
    MEDIA_TRY(io::check_output_folder(request.output));
    std::error_code ec;
    if (fs::exists(request.output, ec) && !request.overwrite)
        return Error(ErrorCode::InvalidArgument, "output exists (use --overwrite to replace it)")
            .with_file(request.output);
    for (const auto& chunk : request.chunks)
        if (fs::exists(chunk, ec) && fs::exists(request.output, ec) &&
            fs::equivalent(chunk, request.output, ec))
            return Error(ErrorCode::InvalidArgument, "the output is one of the chunks")
                .with_file(chunk);
    return ok();
}

std::string joined_problems(const std::vector<std::string>& problems) {
    std::string text;
    for (const auto& p : problems) text += (text.empty() ? "" : "; ") + p;
    return text;
}

}  // namespace

Result<JoinResult> join_chunks(const JoinRequest& request) {
    MEDIA_TRY(check_request(request));
    MEDIA_TRY_ASSIGN(SourceFacts source, source_facts(request.source));
    MEDIA_TRY_ASSIGN(std::vector<Input> chunks, open_chunks(request.chunks));
    std::optional<Input> audio;
    if (!request.audio.empty()) {
        MEDIA_TRY_ASSIGN(audio, open_stream(request.audio, AVMEDIA_TYPE_AUDIO, "audio"));
    }
    std::optional<Timecode> timecode = source.start_timecode;
    const Rational chunk_rate = av::to_rational(chunks.front().get()->avg_frame_rate);
    if (timecode && chunk_rate.valid() && !(chunk_rate == source.rate)) {
        // Conformed chunks keep the label at their own rate, as transcode does.
        auto relabelled = Timecode::from_string_for_rate(timecode->to_string(), chunk_rate);
        timecode = relabelled ? std::optional<Timecode>(*relabelled) : std::nullopt;
    }

    const std::string temp = io::temporary_path_for(request.output);
    struct Cleanup {
        std::string path;
        bool keep = false;
        ~Cleanup() {
            if (!keep) io::remove_quietly(path);
        }
    } cleanup{temp};
    std::vector<int64_t> starts;
    {
        Joiner joiner(std::move(chunks), std::move(audio), temp);
        MEDIA_TRY(joiner.open(request.output, timecode));
        MEDIA_TRY(joiner.write());
        MEDIA_TRY(joiner.finish());
        starts = joiner.starts();
    }
    SourceFacts expected = source;
    expected.start_timecode = timecode;
    if (chunk_rate.valid() && !(chunk_rate == source.rate)) {
        expected.rate = chunk_rate;
        expected.video_seconds.reset();
    }
    MEDIA_TRY_ASSIGN(JoinResult result, verify(temp, expected, starts, request.decode_every_frame));
    if (!result.ok())
        return Error(ErrorCode::EncodeError,
                     "join verification failed: " + joined_problems(result.problems))
            .with_file(request.output);
    MEDIA_TRY(io::commit_output(temp, request.output));
    cleanup.keep = true;
    result.output = request.output;
    return result;
}

}  // namespace media::transcode
