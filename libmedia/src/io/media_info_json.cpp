// SPDX-License-Identifier: Apache-2.0
// MediaInfo as JSON. The layout is a public contract: docs/probe-json.md describes every field;
// change it only with a version bump.
#include "media/io/media_info_json.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace media {
namespace {

// ordered_json keeps fields in the documented order (schema and version first).
using json = nlohmann::ordered_json;

json text(const std::string& value) {
    return value.empty() ? json(nullptr) : json(value);
}

json number(std::optional<double> value) {
    return value && std::isfinite(*value) ? json(*value) : json(nullptr);
}

template <typename T>
json count(std::optional<T> value) {
    return value ? json(*value) : json(nullptr);
}

json positive(int64_t value) {
    return value > 0 ? json(value) : json(nullptr);
}

// Rates and time bases as ffprobe writes them ("24000/1001"), aspect ratios with a colon.
json ratio(Rational value, char separator = '/') {
    if (!value.valid()) return nullptr;
    return fmt::format("{}{}{}", value.num(), separator, value.den());
}

json mastering_json(const std::optional<MasteringDisplay>& md) {
    if (!md) return nullptr;
    return {{"red", {md->red_x, md->red_y}},      {"green", {md->green_x, md->green_y}},
            {"blue", {md->blue_x, md->blue_y}},   {"white_point", {md->white_x, md->white_y}},
            {"min_luminance", md->min_luminance}, {"max_luminance", md->max_luminance}};
}

json color_json(const ColorInfo& color) {
    json out = {{"primaries", to_string(color.primaries)},
                {"transfer", to_string(color.transfer)},
                {"matrix", to_string(color.matrix)},
                {"range", to_string(color.range)},
                {"chroma_location", to_string(color.chroma_location)},
                {"scene_space", text(color.scene_space)},
                {"mastering_display", mastering_json(color.mastering_display)},
                {"content_light", nullptr}};
    if (color.content_light)
        out["content_light"] = {{"max_cll", color.content_light->max_cll},
                                {"max_fall", color.content_light->max_fall}};
    return out;
}

json video_json(const VideoInfo& video) {
    return {{"width", video.width},
            {"height", video.height},
            {"sample_aspect_ratio", ratio(video.sample_aspect_ratio, ':')},
            {"display_aspect_ratio", ratio(video.display_aspect_ratio, ':')},
            {"field_order", to_string(video.field_order)},
            {"r_frame_rate", ratio(video.r_frame_rate)},
            {"avg_frame_rate", ratio(video.avg_frame_rate)},
            {"variable_frame_rate", video.variable_frame_rate},
            {"pixel_format", text(video.pixel_format)},
            {"bit_depth", positive(video.bit_depth)},
            {"chroma_subsampling", text(video.chroma_subsampling)},
            {"color", color_json(video.color)}};
}

json audio_json(const AudioInfo& audio) {
    return {{"channels", audio.channels},
            {"channel_layout", text(audio.channel_layout)},
            {"sample_rate", positive(audio.sample_rate)},
            {"sample_format", text(audio.sample_format)},
            {"bit_depth", positive(audio.bit_depth)}};
}

json stream_json(const StreamInfo& stream) {
    return {{"index", stream.index},
            {"kind", to_string(stream.kind)},
            {"codec", text(stream.codec)},
            {"codec_long", text(stream.codec_long)},
            {"codec_tag", text(stream.codec_tag)},
            {"profile", text(stream.profile)},
            {"level", stream.level == -99 ? json(nullptr) : json(stream.level)},
            {"time_base", ratio(stream.time_base)},
            {"start_pts", stream.start_pts},
            {"duration_seconds", number(stream.duration_seconds)},
            {"bit_rate", positive(stream.bit_rate)},
            {"frame_count", count(stream.frame_count)},
            {"decoded_frame_count", count(stream.decoded_frame_count)},
            {"language", text(stream.language)},
            {"timecode", text(stream.timecode)},
            {"video", stream.video ? video_json(*stream.video) : json(nullptr)},
            {"audio", stream.audio ? audio_json(*stream.audio) : json(nullptr)}};
}

json sequence_json(const std::optional<SequenceInfo>& sequence) {
    if (!sequence) return nullptr;
    const int64_t span = sequence->last_frame - sequence->first_frame + 1;
    return {{"pattern", sequence->pattern},
            {"first_frame", sequence->first_frame},
            {"last_frame", sequence->last_frame},
            {"frame_count", sequence->frame_count},
            {"missing_count", span - sequence->frame_count},
            {"missing_frames", sequence->missing_frames}};
}

json image_json(const std::optional<ImageInfo>& image) {
    if (!image) return nullptr;
    json chromaticities = nullptr;
    if (image->chromaticities) chromaticities = *image->chromaticities;
    return {{"format", image->format},
            {"channels", image->channels},
            {"channel_names", image->channel_names},
            {"data_type", text(image->data_type)},
            {"compression", text(image->compression)},
            {"chromaticities", chromaticities},
            {"transfer", text(image->transfer)},
            {"subimages", image->subimages}};
}

json file_json(const MediaInfo& info) {
    json streams = json::array();
    for (const auto& stream : info.streams) streams.push_back(stream_json(stream));
    return {{"path", info.path},
            {"format", text(info.format)},
            {"format_long", text(info.format_long)},
            {"duration_seconds", number(info.duration_seconds)},
            {"start_seconds", number(info.start_seconds)},
            {"bit_rate", positive(info.bit_rate)},
            {"size_bytes", info.size_bytes},
            {"start_timecode", text(info.start_timecode)},
            {"reel_name", text(info.reel_name)},
            {"streams", std::move(streams)},
            {"sequence", sequence_json(info.sequence)},
            {"image", image_json(info.image)}};
}

json error_json(const std::string& path, const Error& error) {
    return {{"path", path},
            {"error", {{"code", to_string(error.code())}, {"message", error.to_string()}}}};
}

json outcome_json(const ProbeOutcome& outcome) {
    return outcome.result ? file_json(*outcome.result)
                          : error_json(outcome.path, outcome.result.error());
}

json with_header(json body) {
    json out = {{"schema", kProbeJsonSchema}, {"version", kProbeJsonVersion}};
    out.update(body);
    return out;
}

// Replacement for invalid UTF-8 in tags and paths, so dumping never throws.
std::string dump(const json& document, int indent) {
    return document.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

std::string to_json(const MediaInfo& info, int indent) {
    return dump(with_header(file_json(info)), indent);
}

std::string to_json(const ProbeOutcome& outcome, int indent) {
    return dump(with_header(outcome_json(outcome)), indent);
}

std::string to_json(const std::vector<ProbeOutcome>& outcomes, int indent) {
    json files = json::array();
    for (const auto& outcome : outcomes) files.push_back(outcome_json(outcome));
    return dump(with_header({{"files", std::move(files)}}), indent);
}

}  // namespace media
