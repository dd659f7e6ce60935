// SPDX-License-Identifier: Apache-2.0
#include "probe/probe_text.h"

#include <cmath>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace slate {
namespace {

using namespace media;

// Joins the non-empty parts with ", ".
std::string join(const std::vector<std::string>& parts, std::string_view separator = ", ") {
    std::string out;
    for (const auto& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

// "24", "29.97", "23.976": at most three decimals, no trailing zeros.
std::string decimal(double value) {
    std::string text = fmt::format("{:.3f}", value);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

std::string bytes_text(int64_t bytes) {
    if (bytes < 1000) return fmt::format("{} B", bytes);
    if (bytes < 1000 * 1000) return fmt::format("{:.1f} kB", static_cast<double>(bytes) / 1e3);
    if (bytes < int64_t{1000} * 1000 * 1000)
        return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
    return fmt::format("{:.2f} GB", static_cast<double>(bytes) / 1e9);
}

std::string bit_rate_text(int64_t bits) {
    if (bits <= 0) return "";
    if (bits < 1000 * 1000) return fmt::format("{:.0f} kb/s", static_cast<double>(bits) / 1e3);
    return fmt::format("{:.1f} Mb/s", static_cast<double>(bits) / 1e6);
}

std::string duration_text(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "unknown";
    auto millis = static_cast<int64_t>(std::llround(seconds * 1000.0));
    return fmt::format("{:02}:{:02}:{:02}.{:03} ({} s)", millis / 3600000, millis / 60000 % 60,
                       millis / 1000 % 60, millis % 1000, decimal(seconds));
}

std::string ratio_text(Rational r) {
    return fmt::format("{}:{}", r.num(), r.den());
}

std::string codec_text(const StreamInfo& stream) {
    if (stream.codec.empty()) return stream.codec_tag.empty() ? "unknown codec" : stream.codec_tag;
    std::string out = stream.codec;
    if (!stream.profile.empty()) out += " (" + stream.profile + ")";
    // ffprobe writes unprintable tag bytes as "[2][0][0][0]": noise in a summary.
    if (!stream.codec_tag.empty() && stream.codec_tag.find('[') == std::string::npos)
        out += " " + stream.codec_tag;
    return out;
}

std::string geometry_text(const VideoInfo& video) {
    std::string out = fmt::format("{}x{}", video.width, video.height);
    if (video.sample_aspect_ratio.valid())
        out += fmt::format(" SAR {} DAR {}", ratio_text(video.sample_aspect_ratio),
                           ratio_text(video.display_aspect_ratio));
    if (video.field_order == FieldOrder::TopFirst ||
        video.field_order == FieldOrder::TopCodedBottomFirst)
        out += " interlaced TFF";
    if (video.field_order == FieldOrder::BottomFirst ||
        video.field_order == FieldOrder::BottomCodedTopFirst)
        out += " interlaced BFF";
    return out;
}

std::string rate_text(const VideoInfo& video) {
    Rational rate = video.avg_frame_rate.valid() && video.avg_frame_rate.num() > 0
                        ? video.avg_frame_rate
                        : video.r_frame_rate;
    if (!rate.valid() || rate.num() <= 0) return "";
    std::string out = decimal(rate.to_double()) + " fps";
    if (video.variable_frame_rate)
        out += fmt::format(" VFR (base {} fps)", decimal(video.r_frame_rate.to_double()));
    return out;
}

std::string pixel_text(const VideoInfo& video) {
    std::string out = video.pixel_format.empty() ? "unknown pixels" : video.pixel_format;
    if (video.bit_depth > 0) out += fmt::format(" {}-bit", video.bit_depth);
    if (!video.chroma_subsampling.empty()) out += " " + video.chroma_subsampling;
    return out;
}

std::string color_text(const ColorInfo& color) {
    ColorInfo unknown;
    unknown.range = color.range;
    std::string out;
    if (color.primaries != unknown.primaries || color.transfer != unknown.transfer ||
        color.matrix != unknown.matrix)
        out = fmt::format("{}/{}/{}", to_string(color.primaries), to_string(color.transfer),
                          to_string(color.matrix));
    if (color.range != ColorRange::Unspecified)
        out += (out.empty() ? "" : " ") + std::string(to_string(color.range));
    return out;
}

std::string hdr_text(const ColorInfo& color) {
    std::vector<std::string> parts;
    if (const auto& md = color.mastering_display)
        parts.push_back(
            fmt::format("mastering {:g}-{:g} cd/m2", md->min_luminance, md->max_luminance));
    if (const auto& cll = color.content_light)
        parts.push_back(fmt::format("MaxCLL {} MaxFALL {}", cll->max_cll, cll->max_fall));
    return join(parts);
}

std::string frames_text(const StreamInfo& stream) {
    auto frames = [](int64_t n) { return fmt::format("{} frame{}", n, n == 1 ? "" : "s"); };
    if (stream.decoded_frame_count) return frames(*stream.decoded_frame_count) + " decoded";
    if (stream.frame_count) return frames(*stream.frame_count);
    return "";
}

std::string video_text(const StreamInfo& stream) {
    const VideoInfo& video = *stream.video;
    return join({codec_text(stream), geometry_text(video), rate_text(video), pixel_text(video),
                 color_text(video.color), hdr_text(video.color), frames_text(stream)});
}

// "5.1(side) (6 ch)"; a bare count ("4 channels") is not repeated.
std::string layout_text(const AudioInfo& audio) {
    const std::string count = fmt::format("{} channels", audio.channels);
    if (audio.channel_layout.empty() || audio.channel_layout == count) return count;
    return fmt::format("{} ({} ch)", audio.channel_layout, audio.channels);
}

std::string audio_text(const StreamInfo& stream) {
    const AudioInfo& audio = *stream.audio;
    std::string format = audio.sample_format;
    if (audio.bit_depth > 0) format += fmt::format(" {}-bit", audio.bit_depth);
    std::string language =
        stream.language.empty() || stream.language == "und" ? "" : "language " + stream.language;
    return join({codec_text(stream), fmt::format("{} Hz", audio.sample_rate), layout_text(audio),
                 format, language});
}

std::string other_text(const StreamInfo& stream) {
    return join({codec_text(stream), stream.timecode.empty() ? "" : "timecode " + stream.timecode});
}

void add_sequence(const MediaInfo& info, std::vector<std::string>& lines) {
    const SequenceInfo& seq = *info.sequence;
    std::string missing = "no gaps";
    if (const auto gaps = seq.last_frame - seq.first_frame + 1 - seq.frame_count; gaps > 0) {
        std::vector<std::string> shown;
        for (size_t i = 0; i < seq.missing_frames.size() && i < 10; ++i)
            shown.push_back(std::to_string(seq.missing_frames[i]));
        if (static_cast<size_t>(gaps) > shown.size()) shown.push_back("...");
        missing = fmt::format("{} missing: {}", gaps, join(shown, " "));
    }
    lines.push_back(fmt::format("sequence:  {} frames {}-{}, {} files, {}", seq.pattern,
                                seq.first_frame, seq.last_frame, seq.frame_count, missing));
}

void add_image(const ImageInfo& image, std::vector<std::string>& lines) {
    std::string names = join(image.channel_names, ",");
    std::string compression = image.compression.empty() ? "" : image.compression + " compression";
    std::string transfer = image.transfer.empty() ? "" : "transfer " + image.transfer;
    lines.push_back("image:     " + join({fmt::format("{} channels ({})", image.channels, names),
                                          image.data_type, compression, transfer}));
    if (const auto& c = image.chromaticities)
        lines.push_back(
            fmt::format("chromaticities: R {:g} {:g}  G {:g} {:g}  B {:g} {:g}  W {:g} {:g}",
                        (*c)[0], (*c)[1], (*c)[2], (*c)[3], (*c)[4], (*c)[5], (*c)[6], (*c)[7]));
}

}  // namespace

std::string format_stream(const StreamInfo& stream) {
    std::string body = stream.video   ? video_text(stream)
                       : stream.audio ? audio_text(stream)
                                      : other_text(stream);
    return fmt::format("#{} {}: {}", stream.index, to_string(stream.kind), body);
}

std::string format_summary(const MediaInfo& info) {
    std::vector<std::string> lines;
    std::string format =
        info.format_long.empty() ? info.format : info.format + " (" + info.format_long + ")";
    lines.push_back("container: " +
                    join({format, bytes_text(info.size_bytes), bit_rate_text(info.bit_rate)}));
    if (info.duration_seconds)
        lines.push_back("duration:  " + duration_text(*info.duration_seconds));
    if (!info.start_timecode.empty() || !info.reel_name.empty())
        lines.push_back("timecode:  " +
                        join({info.start_timecode.empty() ? "none" : info.start_timecode,
                              info.reel_name.empty() ? "" : "reel " + info.reel_name}));
    if (info.sequence) add_sequence(info, lines);
    if (info.image) add_image(*info.image, lines);
    for (const auto& stream : info.streams) lines.push_back(format_stream(stream));
    std::string out = info.path + "\n";
    for (const auto& line : lines) out += "  " + line + "\n";
    return out;
}

}  // namespace slate
