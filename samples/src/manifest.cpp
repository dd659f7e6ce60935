// SPDX-License-Identifier: Apache-2.0
#include "manifest.h"

#include <fstream>

#include <fmt/format.h>

#include "atomic_output.h"

namespace media::samples {
namespace {

using nlohmann::json;

json color_json(const ColorInfo& c) {
    json out{{"primaries", to_string(c.primaries)},
             {"transfer", to_string(c.transfer)},
             {"matrix", to_string(c.matrix)},
             {"range", to_string(c.range)}};
    if (const auto& md = c.mastering_display)
        out["mastering_display"] = {
            {"red", {md->red_x, md->red_y}},      {"green", {md->green_x, md->green_y}},
            {"blue", {md->blue_x, md->blue_y}},   {"white_point", {md->white_x, md->white_y}},
            {"min_luminance", md->min_luminance}, {"max_luminance", md->max_luminance}};
    if (const auto& cll = c.content_light)
        out["content_light_level"] = {{"max_cll", cll->max_cll}, {"max_fall", cll->max_fall}};
    return out;
}

json tones_json(const std::vector<Tone>& tones) {
    json out = json::array();
    for (std::size_t c = 0; c < tones.size(); ++c)
        out.push_back({{"channel", c + 1},
                       {"frequency_hz", tones[c].frequency_hz},
                       {"level_dbfs", tones[c].level_dbfs}});
    return out;
}

bool is_pcm(const AudioEncoding& a) {
    return a.encoder.rfind("pcm_", 0) == 0;
}

std::string layout_label(const AudioEncoding& a) {
    const auto channels = static_cast<int>(a.tones.size());
    if (!a.layout.empty()) return a.layout;
    if (a.discrete) return fmt::format("{} discrete", channels);
    return channels == 2 ? std::string("stereo") : fmt::format("{} channels", channels);
}

json audio_json(const AudioEncoding& a, const ClipSpec& clip) {
    const auto channels = static_cast<int>(a.tones.size());
    json out{{"codec", a.encoder},
             {"channels", channels},
             {"layout", layout_label(a)},
             {"sample_rate", a.sample_rate},
             {"samples", samples_before_frame(clip.frames, clip.video.rate, a.sample_rate)},
             {"tones", tones_json(a.tones)}};
    if (is_pcm(a)) out["bits"] = a.bits;
    return out;
}

json timecode_json(const Timecode& tc, int64_t frames) {
    return {{"start", tc.to_string()},
            {"end", (tc + (frames - 1)).to_string()},
            {"drop_frame", tc.rate().drop}};
}

json counter_json(int width, int height) {
    const FrameCounterLayout c = frame_counter_layout(width, height);
    return {{"x", c.x},       {"y", c.y},        {"cell", c.cell},
            {"bits", c.bits}, {"one_luma", 0.9}, {"zero_luma", 0.1}};
}

json clip_json(const ClipSpec& c) {
    const VideoEncoding& v = c.video;
    json out{{"kind", "movie"}, {"container", c.container}};
    out["video"] = {{"codec", v.codec},
                    {"encoder", v.encoder},
                    {"profile", v.profile},
                    {"pix_fmt", v.pixel_format},
                    {"width", v.width},
                    {"height", v.height},
                    {"frame_rate", v.rate.to_string()},
                    {"frames", c.frames},
                    {"color", color_json(v.color)},
                    {"frame_counter", counter_json(v.width, v.height)}};
    if (!v.codec_tag.empty()) out["video"]["codec_tag"] = v.codec_tag;
    out["video"]["field_order"] = v.interlaced ? "tt" : "progressive";
    out["timecode"] = c.start_timecode ? timecode_json(*c.start_timecode, c.frames) : json(nullptr);
    out["reel"] = c.reel.empty() ? json(nullptr) : json(c.reel);
    out["audio"] = c.audio ? audio_json(*c.audio, c) : json(nullptr);
    return out;
}

json sequence_json(const SequenceSpec& s) {
    json out{{"kind", "sequence"}, {"format", s.format}};
    out["video"] = {{"width", s.width},
                    {"height", s.height},
                    {"channels", s.channels == 4 ? "RGBA" : "RGB"},
                    {"bits", s.bits},
                    {"sample_type", s.half_float ? "half" : "uint"},
                    {"scene_linear", s.scene_linear},
                    {"frame_rate", s.rate.to_string()},
                    {"frames", s.frames},
                    {"first_number", s.first_number},
                    {"last_number", s.first_number + s.frames - 1},
                    {"frame_counter", counter_json(s.width, s.height)}};
    if (!s.compression.empty()) out["compression"] = s.compression;
    if (s.rec709_chromaticities) out["chromaticities"] = "rec709";
    for (const auto& [key, value] : s.attributes) out["attributes"][key] = value;
    out["timecode"] = timecode_json(s.start_timecode, s.frames);
    out["audio"] = nullptr;
    return out;
}

json master_json(const MasterFacts& m) {
    return {{"fault", m.fault.empty() ? json(nullptr) : json(m.fault)},
            {"loudness_lufs", m.loudness_lufs},
            {"head_black_frames", m.head_black_frames},
            {"signal_scale", m.signal_scale}};
}

}  // namespace

std::string rate_label(Rational rate) {
    if (rate.den() == 1) return std::to_string(rate.num());
    std::string text = fmt::format("{:.3f}", rate.to_double());
    while (text.back() == '0') text.pop_back();
    return text;
}

std::string summarize(const ClipSpec& c) {
    std::string text = fmt::format("{} {}x{} {} fps {}, {} frames", c.video.label, c.video.width,
                                   c.video.height, rate_label(c.video.rate), c.container, c.frames);
    if (c.video.interlaced) text += ", interlaced TFF";
    if (c.start_timecode) text += ", TC " + c.start_timecode->to_string();
    if (c.audio)
        text += fmt::format(", {} ch {} {} kHz", c.audio->tones.size(), c.audio->encoder,
                            c.audio->sample_rate / 1000);
    return text;
}

std::string summarize(const SequenceSpec& s) {
    return fmt::format("{} {}x{} {} fps, frames {}-{}, TC {}", s.label, s.width, s.height,
                       rate_label(s.rate), s.first_number, s.first_number + s.frames - 1,
                       s.start_timecode.to_string());
}

nlohmann::json manifest_json(const std::vector<ManifestItem>& items) {
    json files = json::array();
    for (const auto& item : items) {
        json entry = std::visit(
            [](const auto& spec) {
                if constexpr (std::is_same_v<std::decay_t<decltype(spec)>, ClipSpec>)
                    return clip_json(spec);
                else
                    return sequence_json(spec);
            },
            item.spec);
        entry["name"] = item.name;
        entry["set"] = to_string(item.set);
        entry["description"] = item.description;
        entry["file"] = item.file;
        entry["defects_sidecar"] = item.sidecar.empty() ? json(nullptr) : json(item.sidecar);
        if (item.master) entry["master"] = master_json(*item.master);
        files.push_back(std::move(entry));
    }
    return {{"schema", "slate.samples"}, {"version", 1}, {"files", std::move(files)}};
}

Result<void> write_json(const std::filesystem::path& path, const nlohmann::json& doc) {
    std::ofstream out(path, std::ios::binary);
    out << doc.dump(2) << '\n';
    out.close();
    if (!out) return Error(ErrorCode::IoError, "cannot write").with_file(path.string());
    return ok();
}

Result<void> write_json_file(const std::filesystem::path& path, const nlohmann::json& doc) {
    PendingOutput pending(path, false);
    MEDIA_TRY(write_json(pending.temp_path(), doc));
    return pending.commit();
}

}  // namespace media::samples
