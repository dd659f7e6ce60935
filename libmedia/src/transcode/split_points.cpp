// SPDX-License-Identifier: Apache-2.0
// Where a source can be cut for a chunked encode, found from its packets alone (no decoding),
// and how it is divided into chunks.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "io/av_common.h"
#include "media/io/media_source.h"
#include "media/io/sequence_pattern.h"
#include "media/transcode/chunked.h"

namespace media::transcode {
namespace {

struct PacketTimes {
    int64_t pts = 0;
    bool key = false;
};

int best_video_stream(AVFormatContext* format) {
    return av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
}

// Video packets in decode order; packets the demuxer marks for discarding are not frames.
Result<std::vector<PacketTimes>> read_video_packets(AVFormatContext* format, int stream,
                                                    const std::string& input) {
    for (unsigned i = 0; i < format->nb_streams; ++i)
        if (static_cast<int>(i) != stream) format->streams[i]->discard = AVDISCARD_ALL;
    av::PacketPtr packet(av_packet_alloc());
    if (!packet) return Error(ErrorCode::OutOfMemory, "cannot allocate a packet");
    std::vector<PacketTimes> packets;
    for (;;) {
        const int rc = av_read_frame(format, packet.get());
        if (rc == AVERROR_EOF) break;
        if (rc < 0)
            return av::make_error(ErrorCode::DecodeError, "cannot read packets", rc)
                .with_file(input);
        const bool mine = packet->stream_index == stream && !(packet->flags & AV_PKT_FLAG_DISCARD);
        if (mine) {
            const int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            if (pts == AV_NOPTS_VALUE)
                return Error(ErrorCode::UnsupportedFormat,
                             fmt::format("video packet {} has no timestamp", packets.size()))
                    .with_file(input);
            packets.push_back({pts, (packet->flags & AV_PKT_FLAG_KEY) != 0});
        }
        av_packet_unref(packet.get());
    }
    return packets;
}

// Closed-GOP key frames, as presentation indices: nothing decoded after the key frame is shown
// before it (open-GOP leading pictures would need the previous GOP).
std::vector<int64_t> clean_starts(const std::vector<PacketTimes>& packets) {
    const size_t n = packets.size();
    std::vector<int64_t> later_min(n + 1, std::numeric_limits<int64_t>::max());
    for (size_t i = n; i-- > 0;) later_min[i] = std::min(later_min[i + 1], packets[i].pts);
    std::vector<int64_t> order;
    order.reserve(n);
    for (const auto& p : packets) order.push_back(p.pts);
    std::sort(order.begin(), order.end());
    std::vector<int64_t> starts;
    for (size_t i = 0; i < n; ++i) {
        if (!packets[i].key || later_min[i + 1] < packets[i].pts) continue;
        const auto at = std::lower_bound(order.begin(), order.end(), packets[i].pts);
        starts.push_back(at - order.begin());
    }
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    return starts;
}

std::optional<Timecode> timecode_tag(AVFormatContext* format, int stream, Rational rate) {
    const AVDictionaryEntry* tag =
        av_dict_get(format->streams[stream]->metadata, "timecode", nullptr, 0);
    if (!tag) tag = av_dict_get(format->metadata, "timecode", nullptr, 0);
    if (!tag) return std::nullopt;
    auto timecode = Timecode::from_string_for_rate(tag->value, rate);
    return timecode ? std::optional<Timecode>(*timecode) : std::nullopt;
}

// Image sequences: every file is a picture of its own.
Result<SplitPoints> sequence_split_points(const std::string& input) {
    MEDIA_TRY_ASSIGN(MediaSource source, MediaSource::open(input));
    const SourceSummary& summary = source.summary();
    SplitPoints points;
    points.every_frame = true;
    points.frames = summary.frame_count.value_or(0);
    points.frame_rate = summary.frame_rate;
    points.start_timecode = summary.start_timecode;
    for (int64_t i = 0; i < points.frames; ++i) points.starts.push_back(i);
    return points;
}

}  // namespace

Result<SplitPoints> find_split_points(const std::string& input) {
    if (auto pattern = SequencePattern::parse(input)) return sequence_split_points(input);
    MEDIA_TRY_ASSIGN(av::FormatInputPtr format, av::open_input(input));
    const int stream = best_video_stream(format.get());
    if (stream < 0) return Error(ErrorCode::UnsupportedFormat, "no video stream").with_file(input);
    const AVStream* video = format->streams[stream];
    SplitPoints points;
    points.frame_rate = av::to_rational(video->avg_frame_rate);
    if (!points.frame_rate.valid() || points.frame_rate.num() <= 0)
        points.frame_rate = av::to_rational(video->r_frame_rate);
    points.start_timecode = timecode_tag(format.get(), stream, points.frame_rate);
    const AVCodecDescriptor* codec = avcodec_descriptor_get(video->codecpar->codec_id);
    const bool intra = codec && (codec->props & AV_CODEC_PROP_INTRA_ONLY);
    MEDIA_TRY_ASSIGN(auto packets, read_video_packets(format.get(), stream, input));
    if (packets.empty()) return Error(ErrorCode::DecodeError, "no video packets").with_file(input);
    points.frames = static_cast<int64_t>(packets.size());
    points.every_frame =
        intra || std::all_of(packets.begin(), packets.end(), [](const auto& p) { return p.key; });
    if (points.every_frame) {
        for (int64_t i = 0; i < points.frames; ++i) points.starts.push_back(i);
    } else {
        points.starts = clean_starts(packets);
        if (points.starts.empty() || points.starts.front() != 0)
            return Error(ErrorCode::UnsupportedFormat,
                         "the video does not start with a clean key frame")
                .with_file(input);
    }
    return points;
}

Result<bool> starts_with_key_frame(const std::string& file) {
    MEDIA_TRY_ASSIGN(av::FormatInputPtr format, av::open_input(file));
    const int stream = best_video_stream(format.get());
    if (stream < 0) return Error(ErrorCode::UnsupportedFormat, "no video stream").with_file(file);
    for (unsigned i = 0; i < format->nb_streams; ++i)
        if (static_cast<int>(i) != stream) format->streams[i]->discard = AVDISCARD_ALL;
    av::PacketPtr packet(av_packet_alloc());
    if (!packet) return Error(ErrorCode::OutOfMemory, "cannot allocate a packet");
    for (;;) {
        const int rc = av_read_frame(format.get(), packet.get());
        if (rc < 0) return false;
        const bool key = (packet->flags & AV_PKT_FLAG_KEY) != 0;
        const bool mine = packet->stream_index == stream;
        av_packet_unref(packet.get());
        if (mine) return key;
    }
}

namespace {

int64_t wanted_chunks(const SplitPoints& points, const ChunkOptions& options) {
    if (options.chunks > 0) return options.chunks;
    const double rate = points.frame_rate.valid() && points.frame_rate.num() > 0
                            ? points.frame_rate.to_double()
                            : 24.0;
    const double frames_per_chunk = std::max(1.0, options.chunk_seconds * rate);
    return std::max<int64_t>(
        1, std::llround(std::ceil(static_cast<double>(points.frames) / frames_per_chunk)));
}

// The split point nearest `target` within [low, high]; -1 when there is none.
int64_t nearest_start(const SplitPoints& points, int64_t target, int64_t low, int64_t high) {
    if (low > high) return -1;
    if (points.every_frame) return std::clamp(target, low, high);
    const auto& s = points.starts;
    auto from = std::lower_bound(s.begin(), s.end(), low);
    auto to = std::upper_bound(s.begin(), s.end(), high);
    if (from == to) return -1;
    auto at = std::lower_bound(from, to, target);
    int64_t best = at != to ? *at : *(to - 1);
    if (at != from && at != to && target - *(at - 1) <= *at - target) best = *(at - 1);
    return best;
}

}  // namespace

Result<std::vector<FrameRange>> plan_chunks(const SplitPoints& points,
                                            const ChunkOptions& options) {
    if (points.frames <= 0)
        return Error(ErrorCode::InvalidArgument, "the source has no frames to divide");
    if (options.chunks < 0 || (options.chunks == 0 && !(options.chunk_seconds > 0)))
        return Error(ErrorCode::InvalidArgument,
                     "chunks: give a chunk count or a chunk length in seconds");
    const int64_t min_frames = std::max<int64_t>(1, options.min_frames);
    const int64_t count = std::clamp<int64_t>(wanted_chunks(points, options), 1,
                                              std::max<int64_t>(1, points.frames / min_frames));
    std::vector<int64_t> cuts{0};
    for (int64_t i = 1; i < count; ++i) {
        const int64_t target = (points.frames * i + count / 2) / count;
        const int64_t cut =
            nearest_start(points, target, cuts.back() + min_frames, points.frames - min_frames);
        if (cut > cuts.back()) cuts.push_back(cut);
    }
    std::vector<FrameRange> chunks;
    for (size_t i = 0; i < cuts.size(); ++i) {
        const int64_t end = i + 1 < cuts.size() ? cuts[i + 1] : points.frames;
        chunks.push_back(FrameRange{cuts[i], end - cuts[i]});
    }
    return chunks;
}

}  // namespace media::transcode
