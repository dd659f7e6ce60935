// SPDX-License-Identifier: Apache-2.0
// Reads field values from probe facts (MediaInfo) and from the QC analysis of a file. Each name
// here is in the field catalog (field_catalog.cpp); a catalog field without a reader here is a
// bug the field tests catch.
#include "field_values.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <functional>

#include <fmt/format.h>

#include "media/qc/file_analysis.h"
#include "spec_internal.h"

namespace media::spec::detail {
namespace {

namespace fs = std::filesystem;

bool has_format(const std::string& demuxer, std::string_view name) {
    size_t start = 0;
    while (start <= demuxer.size()) {
        const size_t comma = std::min(demuxer.find(',', start), demuxer.size());
        if (std::string_view(demuxer).substr(start, comma - start) == name) return true;
        start = comma + 1;
    }
    return false;
}

std::string extension_of(const MediaInfo& info) {
    std::string ext = fs::path(info.path).extension().string();
    if (!ext.empty() && ext.front() == '.') ext.erase(0, 1);
    return lowercase(std::move(ext));
}

// One word per container a delivery spec names; libav's demuxer names are families
// ("mov,mp4,m4a,3gp,3g2,mj2"), so MOV and MP4 are told apart by extension.
std::string canonical_container(const MediaInfo& info) {
    const std::string ext = extension_of(info);
    if (info.sequence || info.image) {
        const std::string format = info.image ? info.image->format : ext;
        return format == "openexr" ? "exr" : format;
    }
    const std::string& d = info.format;
    if (has_format(d, "mov")) {
        if (ext == "mp4" || ext == "m4v" || ext == "m4a") return "mp4";
        if (ext == "3gp" || ext == "3g2") return "3gp";
        return "mov";
    }
    if (has_format(d, "matroska")) return ext == "webm" ? "webm" : "matroska";
    const size_t comma = d.find(',');
    return comma == std::string::npos ? d : d.substr(0, comma);
}

std::string scan_type(FieldOrder order) {
    switch (order) {
        case FieldOrder::Progressive:
            return "progressive";
        case FieldOrder::TopFirst:
        case FieldOrder::BottomFirst:
        case FieldOrder::TopCodedBottomFirst:
        case FieldOrder::BottomCodedTopFirst:
            return "interlaced";
        case FieldOrder::Unknown:
            break;
    }
    return "unknown";
}

// The field shown first: ffmpeg's "tb" is top coded first, bottom displayed first.
std::string field_order(FieldOrder order) {
    switch (order) {
        case FieldOrder::Progressive:
            return "progressive";
        case FieldOrder::TopFirst:
        case FieldOrder::BottomCodedTopFirst:
            return "tff";
        case FieldOrder::BottomFirst:
        case FieldOrder::TopCodedBottomFirst:
            return "bff";
        case FieldOrder::Unknown:
            break;
    }
    return "unknown";
}

bool near(double a, double b) {
    return std::abs(a - b) < 0.002;
}

// Mastering display primaries by their chromaticities (ST 2086 carries numbers, specs name
// gamuts): within 0.002 in x and y of every primary and the white point.
std::string display_primaries(const MasteringDisplay& m) {
    struct Gamut {
        const char* name;
        double rx, ry, gx, gy, bx, by, wx, wy;
    };
    static constexpr Gamut k_gamuts[] = {
        {"bt709", 0.640, 0.330, 0.300, 0.600, 0.150, 0.060, 0.3127, 0.3290},
        {"p3-d65", 0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3127, 0.3290},
        {"p3-dci", 0.680, 0.320, 0.265, 0.690, 0.150, 0.060, 0.3140, 0.3510},
        {"bt2020", 0.708, 0.292, 0.170, 0.797, 0.131, 0.046, 0.3127, 0.3290},
    };
    for (const Gamut& g : k_gamuts)
        if (near(m.red_x, g.rx) && near(m.red_y, g.ry) && near(m.green_x, g.gx) &&
            near(m.green_y, g.gy) && near(m.blue_x, g.bx) && near(m.blue_y, g.by) &&
            near(m.white_x, g.wx) && near(m.white_y, g.wy))
            return g.name;
    return "custom";
}

Value text_or_none(const std::string& text) {
    return text.empty() ? Value::none() : Value::of(text);
}

Value positive_or_none(double n) {
    return n > 0 ? Value::of(n) : Value::none();
}

Value rate_or_none(Rational r) {
    return r.valid() && r.num() > 0 ? Value::of(r) : Value::none();
}

Value optional_number(const std::optional<double>& n) {
    return n ? Value::of(*n) : Value::none();
}

Value video_field(const StreamInfo& stream, const std::string& name) {
    const VideoInfo* v = stream.video ? &*stream.video : nullptr;
    if (name == "video.codec") return text_or_none(stream.codec);
    if (name == "video.codec_tag") return text_or_none(stream.codec_tag);
    if (name == "video.profile") return text_or_none(stream.profile);
    if (name == "video.level")
        return stream.level == -99 ? Value::none() : Value::of(int64_t{stream.level});
    if (name == "video.bit_rate") return positive_or_none(static_cast<double>(stream.bit_rate));
    if (name == "video.duration") return optional_number(stream.duration_seconds);
    if (name == "video.frame_count")
        return stream.frame_count ? Value::of(*stream.frame_count) : Value::none();
    if (!v) return Value::none();
    const ColorInfo& c = v->color;
    if (name == "video.width") return Value::of(int64_t{v->width});
    if (name == "video.height") return Value::of(int64_t{v->height});
    if (name == "video.sar") return rate_or_none(v->sample_aspect_ratio);
    if (name == "video.dar") return rate_or_none(v->display_aspect_ratio);
    if (name == "video.scan_type") return Value::of(scan_type(v->field_order));
    if (name == "video.field_order") return Value::of(field_order(v->field_order));
    if (name == "video.frame_rate")
        return rate_or_none(v->avg_frame_rate.valid() && v->avg_frame_rate.num() > 0
                                ? v->avg_frame_rate
                                : v->r_frame_rate);
    if (name == "video.pixel_format") return text_or_none(v->pixel_format);
    if (name == "video.bit_depth")
        return v->bit_depth > 0 ? Value::of(int64_t{v->bit_depth}) : Value::none();
    if (name == "video.chroma_subsampling") return Value::of(v->chroma_subsampling);
    if (name == "video.color_primaries") return Value::of(std::string(to_string(c.primaries)));
    if (name == "video.color_transfer") return Value::of(std::string(to_string(c.transfer)));
    if (name == "video.color_matrix") return Value::of(std::string(to_string(c.matrix)));
    if (name == "video.color_range") return Value::of(std::string(to_string(c.range)));
    if (name == "video.hdr") return Value::of(c.is_hdr());
    if (name == "video.mastering_display") return Value::of(c.mastering_display.has_value());
    if (name == "video.mastering_display.primaries")
        return c.mastering_display ? Value::of(display_primaries(*c.mastering_display))
                                   : Value::none();
    if (name == "video.mastering_display.max_luminance")
        return c.mastering_display ? Value::of(c.mastering_display->max_luminance) : Value::none();
    if (name == "video.mastering_display.min_luminance")
        return c.mastering_display ? Value::of(c.mastering_display->min_luminance) : Value::none();
    if (name == "video.max_cll")
        return c.content_light ? Value::of(int64_t{c.content_light->max_cll}) : Value::none();
    if (name == "video.max_fall")
        return c.content_light ? Value::of(int64_t{c.content_light->max_fall}) : Value::none();
    return Value::none();
}

Value audio_field(const StreamInfo& stream, const std::string& name) {
    if (name == "audio.codec") return text_or_none(stream.codec);
    if (name == "audio.language") return text_or_none(stream.language);
    if (!stream.audio) return Value::none();
    const AudioInfo& a = *stream.audio;
    if (name == "audio.channels") return Value::of(int64_t{a.channels});
    if (name == "audio.channel_layout") return text_or_none(a.channel_layout);
    if (name == "audio.sample_rate") return Value::of(int64_t{a.sample_rate});
    if (name == "audio.bit_depth")
        return a.bit_depth > 0 ? Value::of(int64_t{a.bit_depth}) : Value::none();
    if (name == "audio.sample_format") return text_or_none(a.sample_format);
    return Value::none();
}

int64_t count_streams(const MediaInfo& info, StreamKind kind) {
    return std::count_if(info.streams.begin(), info.streams.end(),
                         [kind](const StreamInfo& s) { return s.kind == kind; });
}

Value file_field(const MediaInfo& info, const std::string& name) {
    if (name == "file.name") return Value::of(fs::path(info.path).filename().string());
    if (name == "file.extension") return Value::of(extension_of(info));
    if (name == "file.size") return Value::of(info.size_bytes);
    if (name == "container.format") return Value::of(canonical_container(info));
    if (name == "container.demuxer") return text_or_none(info.format);
    if (name == "container.duration") return optional_number(info.duration_seconds);
    if (name == "container.bit_rate") return positive_or_none(static_cast<double>(info.bit_rate));
    if (name == "container.start_timecode") return text_or_none(info.start_timecode);
    if (name == "container.reel") return text_or_none(info.reel_name);
    if (name == "container.stream_count")
        return Value::of(static_cast<int64_t>(info.streams.size()));
    if (name == "container.video_streams") return Value::of(count_streams(info, StreamKind::Video));
    if (name == "container.audio_streams") return Value::of(count_streams(info, StreamKind::Audio));
    if (name == "container.subtitle_streams")
        return Value::of(count_streams(info, StreamKind::Subtitle));
    if (name == "container.stream_order") {
        std::vector<Value> kinds;
        for (const StreamInfo& s : info.streams)
            if (s.kind == StreamKind::Video || s.kind == StreamKind::Audio ||
                s.kind == StreamKind::Subtitle)
                kinds.push_back(Value::of(std::string(to_string(s.kind))));
        return Value::of(std::move(kinds));
    }
    if (name == "audio.total_channels") {
        int64_t total = 0;
        for (const StreamInfo& s : info.streams)
            if (s.kind == StreamKind::Audio && s.audio) total += s.audio->channels;
        return Value::of(total);
    }
    if (name == "audio.channel_order") {
        if (count_streams(info, StreamKind::Audio) == 0) return Value::none();
        std::vector<Value> names;
        for (const StreamInfo& s : info.streams) {
            if (s.kind != StreamKind::Audio || !s.audio) continue;
            for (int c = 0; c < s.audio->channels; ++c)
                names.push_back(Value::of(c < static_cast<int>(s.audio->channel_names.size())
                                              ? s.audio->channel_names[c]
                                              : std::string("UNK")));
        }
        return Value::of(std::move(names));
    }
    if (name.starts_with("image.")) {
        const bool seq = info.sequence.has_value();
        if (!seq && !info.image) return Value::none();
        if (name == "image.data_type")
            return text_or_none(seq ? info.sequence->data_type : info.image->data_type);
        if (name == "image.compression")
            return text_or_none(seq ? info.sequence->compression : info.image->compression);
        if (name == "image.channels")
            return Value::of(int64_t{seq ? info.sequence->channels : info.image->channels});
    }
    if (name.starts_with("sequence.")) {
        if (!info.sequence) return Value::none();
        const SequenceInfo& s = *info.sequence;
        if (name == "sequence.first_frame") return Value::of(s.first_frame);
        if (name == "sequence.frame_count") return Value::of(s.frame_count);
        if (name == "sequence.missing_frames")
            return Value::of(static_cast<int64_t>(s.missing_frames.size()));
    }
    if (name.starts_with("video.")) {
        const StreamInfo* video = info.first_video();
        return video ? video_field(*video, name) : Value::none();
    }
    return Value::none();
}

// ---- measurements ------------------------------------------------------------------------------

double frame_seconds(const qc::FileAnalysis& a, int64_t frames) {
    const Rational rate = a.facts.frame_rate;
    if (!rate.valid() || rate.num() <= 0) return static_cast<double>(frames) / 25.0;
    return static_cast<double>(frames) * rate.inverse().to_double();
}

Value longest(const qc::FileAnalysis& a, const std::optional<std::vector<analysis::Segment>>& s) {
    if (!s) return Value::none();
    int64_t frames = 0;
    for (const analysis::Segment& segment : *s) frames = std::max(frames, segment.length());
    return Value::of(frame_seconds(a, frames));
}

Value edge_black(const qc::FileAnalysis& a, bool head) {
    if (!a.black) return Value::none();
    const int64_t last = a.stream.frames_decoded - 1;
    for (const analysis::Segment& s : *a.black)
        if ((head && s.first == 0) || (!head && last >= 0 && s.last == last))
            return Value::of(frame_seconds(a, s.length()));
    return Value::of(0.0);
}

// Longest span of black picture with silence on every channel (QC's black_silence spans).
Value black_silence(const qc::FileAnalysis& a) {
    if (!a.black || !a.audio_levels || !a.facts.has_audio || !a.facts.has_video)
        return Value::none();
    double worst = 0.0;
    for (const qc::TimeSpan& span : qc::black_silence_spans(a))
        worst = std::max(worst, span.end - span.start);
    return Value::of(worst);
}

Value measure_field(const qc::FileReport& report, const std::string& name) {
    const qc::FileAnalysis& a = report.analysis;
    const auto& loudness = a.loudness;
    if (name == "measure.loudness_integrated")
        return loudness ? optional_number(loudness->integrated) : Value::none();
    if (name == "measure.loudness_range")
        return loudness ? optional_number(loudness->range) : Value::none();
    if (name == "measure.true_peak")
        return loudness ? optional_number(loudness->true_peak) : Value::none();
    if (name == "measure.head_black") return edge_black(a, true);
    if (name == "measure.tail_black") return edge_black(a, false);
    if (name == "measure.longest_black") return longest(a, a.black);
    if (name == "measure.longest_freeze") return longest(a, a.freeze);
    if (name == "measure.black_silence") return black_silence(a);
    if (name == "measure.flash_test")
        return a.flash ? Value::of(std::string(a.flash->failures.empty() ? "pass" : "fail"))
                       : Value::none();
    if (name == "measure.flashes_per_second")
        return a.flash ? Value::of(static_cast<double>(a.flash->max_flashes_per_second))
                       : Value::none();
    if (name == "measure.av_duration_delta") {
        if (!a.stream.video_seconds || !a.stream.audio_seconds) return Value::none();
        return Value::of(std::abs(*a.stream.video_seconds - *a.stream.audio_seconds));
    }
    if (name == "measure.timecode_breaks")
        return Value::of(static_cast<int64_t>(a.stream.timecode_breaks.size()));
    if (name == "measure.decode_errors") {
        int64_t count = static_cast<int64_t>(a.stream.decode_errors.size());
        for (const analysis::Segment& s : a.stream.corrupt_frames) count += s.length();
        return Value::of(count);
    }
    if (name == "measure.frames_decoded") return Value::of(a.stream.frames_decoded);
    if (name == "measure.max_cll" || name == "measure.max_fall") {
        if (!a.picture || a.picture->light.pq_frames == 0) return Value::none();
        const auto& light = a.picture->light;
        return Value::of(name == "measure.max_cll" ? light.max_cll_robust : light.max_fall);
    }
    return Value::none();
}

}  // namespace

Value probe_field(const MediaInfo& info, const std::string& field) {
    if (field.starts_with("audio.") && field != "audio.total_channels" &&
        field != "audio.channel_order") {
        const StreamInfo* audio = info.first_audio();
        return audio ? audio_field(*audio, field) : Value::none();
    }
    return file_field(info, field);
}

std::vector<Value> field_values(const FileFields& file, const std::string& field) {
    if (field.starts_with("param.")) {
        const auto found = file.params->find(field.substr(6));
        return {found != file.params->end() ? found->second : Value::none()};
    }
    if (field.starts_with("measure."))
        return {file.measured ? measure_field(*file.measured, field) : Value::none()};
    if (field.starts_with("audio.") && field != "audio.total_channels" &&
        field != "audio.channel_order") {
        std::vector<Value> values;
        for (const StreamInfo& s : file.info->streams)
            if (s.kind == StreamKind::Audio) values.push_back(audio_field(s, field));
        if (values.empty()) values.push_back(Value::none());
        return values;
    }
    return {file_field(*file.info, field)};
}

}  // namespace media::spec::detail
