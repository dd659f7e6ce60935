// SPDX-License-Identifier: Apache-2.0
#include <cmath>

#include "media/io/probe.h"
#include "qc_internal.h"

namespace media::qc::detail {
namespace {

void take_video(const StreamInfo& stream, FileFacts& facts) {
    facts.has_video = true;
    facts.video_codec = stream.codec;
    facts.declared_frames = stream.frame_count;
    if (!stream.video) return;
    const VideoInfo& video = *stream.video;
    facts.width = video.width;
    facts.height = video.height;
    facts.frame_rate = video.avg_frame_rate.num() > 0 ? video.avg_frame_rate : video.r_frame_rate;
    facts.pixel_format = video.pixel_format;
    facts.color = video.color;
}

void take_audio(const StreamInfo& stream, FileFacts& facts) {
    facts.has_audio = true;
    facts.audio_codec = stream.codec;
    if (!stream.audio) return;
    facts.audio_channels = stream.audio->channels;
    facts.sample_rate = stream.audio->sample_rate;
    facts.channel_layout = stream.audio->channel_layout;
}

}  // namespace

}  // namespace media::qc::detail

namespace media::qc {

FileFacts file_facts_from(const MediaInfo& info) {
    FileFacts facts;
    facts.path = info.path;
    facts.container = info.format;
    facts.duration_seconds = info.duration_seconds;
    facts.size_bytes = info.size_bytes;
    if (const StreamInfo* video = info.first_video()) detail::take_video(*video, facts);
    if (const StreamInfo* audio = info.first_audio()) detail::take_audio(*audio, facts);
    if (info.sequence)
        facts.declared_frames = info.sequence->last_frame - info.sequence->first_frame + 1;
    if (!info.start_timecode.empty() && facts.frame_rate.num() > 0) {
        if (auto tc = Timecode::from_string_for_rate(info.start_timecode, facts.frame_rate))
            facts.start_timecode = *tc;
    }
    return facts;
}

}  // namespace media::qc

namespace media::qc::detail {

Result<FileFacts> read_file_facts(const std::string& input) {
    MEDIA_TRY_ASSIGN(const MediaInfo info, probe(input));
    FileFacts facts = file_facts_from(info);
    facts.path = input;
    return facts;
}

Rational working_rate(const FileFacts& facts) {
    return facts.frame_rate.num() > 0 && facts.frame_rate.den() > 0 ? facts.frame_rate
                                                                    : Rational(25, 1);
}

int64_t seconds_to_frames(double seconds, Rational rate) {
    const double frames = std::ceil(seconds * rate.to_double() - 1e-9);
    return frames < 1.0 ? 1 : static_cast<int64_t>(frames);
}

}  // namespace media::qc::detail
