// SPDX-License-Identifier: Apache-2.0
// check_output: the written file re-probed and compared with the plan, so a transcode that
// silently lost frames, timecode or format never passes.
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "media/io/probe.h"
#include "media/transcode/chunked.h"
#include "media/transcode/transcode.h"

namespace media::transcode {
namespace {

// The decoder name ffprobe reports for what an encoder writes.
std::string decoder_for(const std::string& encoder) {
    static const std::map<std::string, std::string> names{
        {"prores_ks", "prores"}, {"prores_aw", "prores"}, {"prores", "prores"},
        {"dnxhd", "dnxhd"},      {"libx264", "h264"},     {"libx265", "hevc"},
        {"libsvtav1", "av1"},    {"libaom-av1", "av1"},   {"mjpeg", "mjpeg"},
        {"ffv1", "ffv1"},        {"libvpx-vp9", "vp9"},   {"h264_nvenc", "h264"},
        {"hevc_nvenc", "hevc"},
    };
    const auto found = names.find(encoder);
    return found == names.end() ? std::string() : found->second;
}

// The audio-only intermediate: one audio stream with the planned channels, as long as the
// source's audio.
void check_audio_only(const TranscodePlan& plan, const MediaInfo& info, OutputCheck& check) {
    const auto problem = [&](std::string text) {
        check.ok = false;
        check.problems.push_back(std::move(text));
    };
    const StreamInfo* audio = info.first_audio();
    if (info.first_video()) problem("the audio-only output has a video stream");
    if (!audio || !audio->audio) {
        problem("the output has no audio stream");
        return;
    }
    if (audio->audio->channels != static_cast<int>(plan.audio_channels.size()))
        problem(fmt::format("{} audio channels, expected {}", audio->audio->channels,
                            plan.audio_channels.size()));
    auto source = probe(plan.input, ProbeOptions{});
    const StreamInfo* source_audio = source ? source->first_audio() : nullptr;
    if (!source_audio || !source_audio->duration_seconds || !audio->duration_seconds) return;
    // Compressed audio ends on a whole codec frame (AAC: 1024 samples): 50 ms covers it.
    const double expected = *source_audio->duration_seconds;
    if (std::abs(*audio->duration_seconds - expected) > 0.05)
        problem(fmt::format("audio duration {:.3f} s, the source's {:.3f} s",
                            *audio->duration_seconds, expected));
}

}  // namespace

OutputCheck check_output(const TranscodePlan& plan, int64_t frames_written) {
    OutputCheck check;
    const auto problem = [&](std::string text) {
        check.ok = false;
        check.problems.push_back(std::move(text));
    };
    ProbeOptions options;
    auto probed = probe(plan.output, options);
    if (!probed) {
        problem("cannot re-read the output: " + probed.error().message());
        return check;
    }
    const MediaInfo& info = *probed;
    if (plan.audio_only) {
        check_audio_only(plan, info, check);
        return check;
    }
    if (plan.frames && !plan.image_sequence) {
        // A chunk is joined after others: it must open on a key frame.
        auto key = starts_with_key_frame(plan.output);
        if (!key || !*key) problem("the chunk does not start with a key frame");
    }
    const StreamInfo* video = info.first_video();
    if (!video || !video->video) {
        problem("the output has no video stream");
        return check;
    }
    if (video->video->width != plan.width || video->video->height != plan.height)
        problem(fmt::format("size {}x{}, expected {}x{}", video->video->width, video->video->height,
                            plan.width, plan.height));

    // Frame count: the container's, else counted by decoding (MXF and some MP4s omit it).
    std::optional<int64_t> frames;
    if (info.sequence) {
        frames = info.sequence->frame_count;
        if (!info.sequence->missing_frames.empty())
            problem(fmt::format("{} frames missing from the sequence",
                                info.sequence->missing_frames.size()));
    } else if (video->frame_count && *video->frame_count > 0) {
        frames = video->frame_count;
    } else if (video->duration_seconds && plan.frame_rate.valid() && plan.frame_rate.num() > 0) {
        // MXF declares no frame count but an exact duration in edit units: decoding the whole
        // output again just to count would double the cost of a proxy.
        frames = std::llround(*video->duration_seconds * plan.frame_rate.to_double());
    } else {
        options.count_frames = true;
        auto counted = probe(plan.output, options);
        if (counted && counted->first_video()) frames = counted->first_video()->decoded_frame_count;
    }
    check.frames = frames.value_or(-1);
    if (!frames)
        problem("cannot tell how many frames the output holds");
    else if (*frames != frames_written)
        problem(fmt::format("frame count {}, expected {}", *frames, frames_written));

    // Duration of the video stream (not the container's, which audio may lengthen).
    if (!info.sequence && video->duration_seconds && plan.frame_rate.valid() &&
        plan.frame_rate.num() > 0) {
        const double expected = static_cast<double>(frames_written) / plan.frame_rate.to_double();
        const double frame = 1.0 / plan.frame_rate.to_double();
        if (std::abs(*video->duration_seconds - expected) > frame * 1.01)
            problem(fmt::format("video duration {:.3f} s, expected {:.3f} s",
                                *video->duration_seconds, expected));
    }

    // Start timecode.
    if (plan.start_timecode) {
        const std::string expected = plan.start_timecode->to_string();
        std::string found = info.start_timecode;
        if (found.empty()) found = video->timecode;
        if (found != expected)
            problem(fmt::format("start timecode '{}', expected {}", found, expected));
        else
            check.start_timecode = plan.start_timecode;
    }

    // Codec and pixel format.
    if (!plan.image_sequence) {
        const std::string decoder = decoder_for(plan.codec);
        if (!decoder.empty() && video->codec != decoder)
            problem(fmt::format("codec {}, expected {}", video->codec, decoder));
        // Some decoders widen what was encoded (ProRes 4444 decodes as 12-bit): the layout
        // (planes, subsampling, alpha) must match, the depth must be at least what was written.
        const PixelFormatInfo& expected = media::info(plan.pixel_format);
        const auto found = pixel_format_from_name(video->video->pixel_format);
        const bool same_layout = found && media::info(*found).is_yuv == expected.is_yuv &&
                                 media::info(*found).log2_chroma_w == expected.log2_chroma_w &&
                                 media::info(*found).log2_chroma_h == expected.log2_chroma_h &&
                                 media::info(*found).has_alpha == expected.has_alpha &&
                                 media::info(*found).bit_depth >= expected.bit_depth;
        if (!same_layout)
            problem(fmt::format("pixel format {}, expected {}", video->video->pixel_format,
                                expected.name));
    }
    return check;
}

}  // namespace media::transcode
