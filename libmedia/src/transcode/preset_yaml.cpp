// SPDX-License-Identifier: Apache-2.0
// Reads and validates transcode preset YAML (schema "slate.transcode-preset", version 1).
// docs/presets.md documents every key read here.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/yaml_reader.h"
#include "media/transcode/naming.h"
#include "media/transcode/preset.h"
#include "preset_names.h"

namespace media::transcode {
namespace {

using yaml::MapReader;

// Presets are a few hundred bytes; anything this large is not one.
constexpr size_t k_max_preset_bytes = 1 << 20;
constexpr int k_max_dimension = 32768;

template <typename E, size_t N>
Result<void> read_choice(const MapReader& map, std::string_view key, const NameTable<E, N>& table,
                         E& out) {
    if (!map.has(key)) return ok();
    std::string text;
    MEDIA_TRY(map.read_text(key, text));
    const std::optional<E> value = value_of(table, text);
    if (!value)
        return map.error(key, fmt::format("unknown value '{}' ({})", text, names_of(table)));
    out = *value;
    return ok();
}

template <typename Names>
Result<void> check_one_of(const MapReader& map, std::string_view key, const std::string& value,
                          const Names& names) {
    if (std::find(names.begin(), names.end(), value) != names.end()) return ok();
    return map.error(key, fmt::format("unknown value '{}' ({})", value, yaml::join(names)));
}

// ---- schema, version, name ------------------------------------------------------------------

Result<void> read_header(const MapReader& root, TranscodePreset& preset) {
    return yaml::read_schema_version(root, kPresetSchema, kPresetVersion, preset.version);
}

Result<void> read_name(const MapReader& root, TranscodePreset& preset) {
    MEDIA_TRY(root.read_text("name", preset.name));
    if (root.has("name") && !yaml::is_plain_name(preset.name))
        return root.error("name", "use letters, digits, '_', '-' and '.' (not first)");
    return root.read_text("description", preset.description);
}

// ---- output ---------------------------------------------------------------------------------

std::optional<std::string> default_extension(OutputKind kind, std::string_view container) {
    static const std::map<std::string_view, std::string_view> movies{
        {"mov", ".mov"}, {"mxf", ".mxf"}, {"mp4", ".mp4"}, {"matroska", ".mkv"}};
    static const std::map<std::string_view, std::string_view> images{
        {"dpx", ".dpx"}, {"exr", ".exr"}, {"tiff", ".tif"}};
    const auto& table = kind == OutputKind::Movie ? movies : images;
    const auto found = table.find(container);
    if (found == table.end()) return std::nullopt;
    return std::string(found->second);
}

// The image writer is chosen by extension, so it has to agree with the container.
bool extension_fits_image(std::string_view container, std::string_view extension) {
    if (container == "tiff") return extension == ".tif" || extension == ".tiff";
    return extension.size() > 1 && extension.substr(1) == container;
}

Result<void> read_extension(const MapReader& output, TranscodePreset& preset) {
    MEDIA_TRY(output.read_name("extension", preset.extension));
    if (preset.extension.empty()) {
        const auto derived = default_extension(preset.kind, preset.container);
        if (!derived)
            return output.error("extension", fmt::format("missing (no default for container '{}')",
                                                         preset.container));
        preset.extension = *derived;
    }
    const std::string& ext = preset.extension;
    if (ext.size() < 2 || ext.front() != '.' || ext.find('/') != std::string::npos ||
        ext.find('.', 1) != std::string::npos)
        return output.error("extension", fmt::format("'{}' is not an extension like '.mov'", ext));
    if (preset.kind == OutputKind::ImageSequence && !extension_fits_image(preset.container, ext))
        return output.error(
            "extension", fmt::format("'{}' does not suit container '{}'", ext, preset.container));
    return ok();
}

Result<void> read_image_keys(const MapReader& output, TranscodePreset& preset) {
    MEDIA_TRY(check_one_of(output, "container", preset.container, k_image_container_names));
    MEDIA_TRY(output.forbid("options", "muxer options are for movies (images take 'attributes')"));
    MEDIA_TRY(output.read_int("digits", preset.sequence_digits, 1, 10));
    return output.read_text_map("attributes", preset.image_attributes);
}

Result<void> read_output(const MapReader& root, TranscodePreset& preset) {
    MEDIA_TRY_ASSIGN(MapReader output, root.map("output"));
    MEDIA_TRY(output.only({"kind", "container", "extension", "options", "digits", "attributes"}));
    MEDIA_TRY(read_choice(output, "kind", k_output_kind_names, preset.kind));
    MEDIA_TRY(output.require("container"));
    MEDIA_TRY(output.read_name("container", preset.container));
    if (preset.kind == OutputKind::ImageSequence) {
        MEDIA_TRY(read_image_keys(output, preset));
    } else {
        MEDIA_TRY(output.forbid("digits", "only image sequences have frame numbers"));
        MEDIA_TRY(output.forbid("attributes", "image attributes are for image sequences"));
        MEDIA_TRY(output.read_text_map("options", preset.container_options));
    }
    return read_extension(output, preset);
}

// ---- video ----------------------------------------------------------------------------------

std::string pixel_format_names() {
    std::vector<std::string_view> names;
    for (int i = 0; i < static_cast<int>(PixelFormat::Count); ++i)
        names.push_back(info(static_cast<PixelFormat>(i)).name);
    return yaml::join(names);
}

// FFmpeg's own names, and (as the ffmpeg CLI accepts) "yuv422p10" for "yuv422p10le".
std::optional<PixelFormat> pixel_format_named(const std::string& name) {
    if (auto format = pixel_format_from_name(name)) return format;
    return pixel_format_from_name(name + "le");
}

// Which formats each kind of output can take: the image writer takes packed RGB(A) or gray
// only, EXR stores half/float, DPX integers; encoders never get packed float frames.
std::optional<std::string> pixel_format_problem(const TranscodePreset& preset, PixelFormat format) {
    const PixelFormatInfo& fi = info(format);
    const bool is_float = fi.sample_type == SampleType::F16 || fi.sample_type == SampleType::F32;
    if (preset.kind == OutputKind::Movie)
        return is_float ? std::optional<std::string>("float formats are for image sequences")
                        : std::nullopt;
    if (fi.planes != 1) return "image sequences take packed RGB(A) or gray formats";
    if (preset.container == "exr" && !is_float) return "EXR takes half or float formats";
    if (preset.container == "dpx" && is_float) return "DPX takes integer formats";
    return std::nullopt;
}

Result<void> read_pixel_format(const MapReader& video, TranscodePreset& preset) {
    if (preset.kind == OutputKind::ImageSequence)
        MEDIA_TRY(video.require("pixel_format", "image sequences name their format"));
    std::string name = "source";
    MEDIA_TRY(video.read_name("pixel_format", name));
    if (name == "source") {
        if (preset.kind == OutputKind::ImageSequence)
            return video.error("pixel_format", "image sequences need a packed RGB(A) format");
        preset.pixel_format.reset();
        return ok();
    }
    const std::optional<PixelFormat> format = pixel_format_named(name);
    if (!format)
        return video.error("pixel_format", fmt::format("unknown pixel format '{}' (source, {})",
                                                       name, pixel_format_names()));
    if (auto problem = pixel_format_problem(preset, *format))
        return video.error("pixel_format", fmt::format("'{}': {}", name, *problem));
    preset.pixel_format = format;
    return ok();
}

Result<void> read_codec_tag(const MapReader& video, TranscodePreset& preset) {
    MEDIA_TRY(video.read_text("tag", preset.codec_tag));
    const std::string& tag = preset.codec_tag;
    const bool printable =
        std::all_of(tag.begin(), tag.end(), [](char c) { return c > ' ' && c < 0x7f; });
    if (video.has("tag") && (tag.size() != 4 || !printable))
        return video.error("tag",
                           fmt::format("'{}' is not a four-character code like 'hvc1'", tag));
    return ok();
}

Result<void> read_video(const MapReader& root, TranscodePreset& preset) {
    MEDIA_TRY(root.require("video", "the codec or image format"));
    MEDIA_TRY_ASSIGN(MapReader video, root.map("video"));
    MEDIA_TRY(video.only({"codec", "options", "pixel_format", "tag"}));
    if (preset.kind == OutputKind::ImageSequence) {
        const std::string why =
            fmt::format("image sequences are written by the {} writer", preset.container);
        MEDIA_TRY(video.forbid("codec", why));
        MEDIA_TRY(video.forbid("options", why + " (use output.attributes)"));
        MEDIA_TRY(video.forbid("tag", why));
    } else {
        MEDIA_TRY(video.require("codec", "the libav encoder name"));
        MEDIA_TRY(video.read_name("codec", preset.codec));
        MEDIA_TRY(video.read_text_map("options", preset.codec_options));
        MEDIA_TRY(read_codec_tag(video, preset));
    }
    return read_pixel_format(video, preset);
}

// ---- scale ----------------------------------------------------------------------------------

Result<void> check_scale_sizes(const MapReader& scale, const ScaleSpec& spec) {
    if (spec.mode == ScaleMode::None) {
        MEDIA_TRY(scale.forbid("width", "not used with mode 'none' (the source size is kept)"));
        return scale.forbid("height", "not used with mode 'none' (the source size is kept)");
    }
    const bool both = spec.mode == ScaleMode::Pad || spec.mode == ScaleMode::Stretch;
    const std::string mode(name_of(k_scale_mode_names, spec.mode));
    for (std::string_view key : {"width", "height"}) {
        const int size = key == "width" ? spec.width : spec.height;
        if (both && size == 0)
            return scale.error(key,
                               fmt::format("mode '{}' needs a width and a height above 0", mode));
        if (spec.even && size % 2 != 0)
            return scale.error(key, fmt::format("odd size {} with even: true", size));
    }
    if (spec.width == 0 && spec.height == 0)
        return scale.error_here(fmt::format("mode '{}' needs a width or a height above 0", mode));
    return ok();
}

Result<void> read_scale(const MapReader& root, TranscodePreset& preset) {
    if (!root.has("scale")) return ok();
    MEDIA_TRY_ASSIGN(MapReader scale, root.map("scale"));
    MEDIA_TRY(scale.only({"mode", "width", "height", "even", "filter", "keep_sar"}));
    MEDIA_TRY(scale.require("mode"));
    ScaleSpec& spec = preset.scale;
    MEDIA_TRY(read_choice(scale, "mode", k_scale_mode_names, spec.mode));
    MEDIA_TRY(scale.read_int("width", spec.width, 0, k_max_dimension));
    MEDIA_TRY(scale.read_int("height", spec.height, 0, k_max_dimension));
    MEDIA_TRY(scale.read_bool("even", spec.even));
    MEDIA_TRY(scale.read_text("filter", spec.filter));
    MEDIA_TRY(check_one_of(scale, "filter", spec.filter, k_scale_filter_names));
    MEDIA_TRY(scale.read_bool("keep_sar", spec.keep_sar));
    return check_scale_sizes(scale, spec);
}

// ---- frame rate -----------------------------------------------------------------------------

Result<void> read_frame_rate(const MapReader& root, TranscodePreset& preset) {
    if (!root.has("frame_rate")) return ok();
    MEDIA_TRY_ASSIGN(MapReader rate, root.map("frame_rate"));
    MEDIA_TRY(rate.only({"mode", "rate"}));
    MEDIA_TRY(rate.require("mode"));
    FrameRatePolicy& policy = preset.frame_rate;
    MEDIA_TRY(read_choice(rate, "mode", k_frame_rate_mode_names, policy.mode));
    if (policy.mode == FrameRateMode::Keep)
        return rate.forbid("rate", "not used with mode 'keep' (use mode: conform)");
    MEDIA_TRY(rate.require("rate", "mode 'conform' plays frames at this rate"));
    std::string text;
    MEDIA_TRY(rate.read_text("rate", text));
    const std::optional<Rational> parsed = Rational::parse(text);
    if (!parsed || !parsed->valid() || parsed->num() <= 0 || *parsed > Rational(1000, 1))
        return rate.error("rate", fmt::format("'{}' is not a frame rate like 24000/1001, 25 or "
                                              "23.976 (above 0, at most 1000)",
                                              text));
    policy.rate = *parsed;
    return ok();
}

// ---- audio ----------------------------------------------------------------------------------

// "192000", "192k", "1.5M".
std::optional<int64_t> parse_bitrate(std::string_view text) {
    double scale = 1;
    if (!text.empty() && (text.back() == 'k' || text.back() == 'K')) scale = 1e3;
    if (!text.empty() && text.back() == 'M') scale = 1e6;
    if (scale != 1) text.remove_suffix(1);
    if (text.empty() || text.find_first_not_of("0123456789.") != std::string_view::npos)
        return std::nullopt;
    double value = 0;
    try {
        value = std::stod(std::string(text)) * scale;
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (!std::isfinite(value) || value < 1 || value > 1e9) return std::nullopt;
    return static_cast<int64_t>(std::llround(value));
}

Result<void> read_bitrate(const MapReader& audio, AudioSpec& spec) {
    if (!audio.has("bitrate")) return ok();
    std::string text;
    MEDIA_TRY(audio.read_text("bitrate", text));
    const std::optional<int64_t> bits = parse_bitrate(text);
    if (!bits || *bits < 8000 || *bits > 2'000'000)
        return audio.error("bitrate",
                           fmt::format("'{}' is not a bitrate like 192k (8k to 2M)", text));
    spec.bitrate = *bits;
    return ok();
}

Result<void> read_channels(const MapReader& audio, AudioSpec& spec) {
    MEDIA_TRY_ASSIGN(auto items, audio.list("channels"));
    std::set<int> seen;
    for (const yaml::ListItem& item : items) {
        long long channel = -1;
        if (!item.node.IsScalar() || !YAML::convert<long long>::decode(item.node, channel) ||
            channel < 0 || channel > 63)
            return yaml::error_at(audio.source(), item.line, item.path,
                                  fmt::format("expected a channel number 0 to 63, got {}",
                                              yaml::describe(item.node)));
        if (!seen.insert(static_cast<int>(channel)).second)
            return yaml::error_at(audio.source(), item.line, item.path,
                                  fmt::format("channel {} is listed twice", channel));
        spec.channels.push_back(static_cast<int>(channel));
    }
    return ok();
}

// Which keys each mode uses beside `mode`: anything else is a mistake worth reporting.
Result<void> check_audio_keys(const MapReader& audio, AudioMode mode) {
    const std::string why =
        fmt::format("not used with mode '{}'", name_of(k_audio_mode_names, mode));
    if (mode == AudioMode::None) MEDIA_TRY(audio.forbid("channels", why));
    if (mode == AudioMode::None || mode == AudioMode::Copy) {
        MEDIA_TRY(audio.forbid("codec", why));
        MEDIA_TRY(audio.forbid("sample_rate", why));
    }
    if (mode != AudioMode::Aac) MEDIA_TRY(audio.forbid("bitrate", why));
    return ok();
}

Result<void> read_audio_codec(const MapReader& audio, AudioSpec& spec) {
    if (spec.mode == AudioMode::Aac) {
        spec.codec = "aac";
        return audio.read_name("codec", spec.codec);
    }
    if (spec.mode != AudioMode::Pcm) return ok();
    MEDIA_TRY(audio.require("codec", "pcm_s16le, pcm_s24le, pcm_s32le..."));
    MEDIA_TRY(audio.read_name("codec", spec.codec));
    if (!spec.codec.starts_with("pcm_"))
        return audio.error(
            "codec", fmt::format("'{}' is not a PCM codec (pcm_s16le, pcm_s24le...)", spec.codec));
    return ok();
}

Result<void> read_audio(const MapReader& root, TranscodePreset& preset) {
    if (!root.has("audio")) return ok();
    MEDIA_TRY_ASSIGN(MapReader audio, root.map("audio"));
    MEDIA_TRY(audio.only({"mode", "channels", "codec", "bitrate", "sample_rate"}));
    MEDIA_TRY(audio.require("mode"));
    AudioSpec& spec = preset.audio;
    MEDIA_TRY(read_choice(audio, "mode", k_audio_mode_names, spec.mode));
    if (preset.kind == OutputKind::ImageSequence && spec.mode != AudioMode::None)
        return audio.error("mode", "image sequences cannot hold audio (use mode: none)");
    MEDIA_TRY(check_audio_keys(audio, spec.mode));
    MEDIA_TRY(read_channels(audio, spec));
    MEDIA_TRY(read_audio_codec(audio, spec));
    MEDIA_TRY(read_bitrate(audio, spec));
    return audio.read_int("sample_rate", spec.sample_rate, 8000, 384000);
}

// ---- colour ---------------------------------------------------------------------------------

// The names a colour key accepts: every name to_string prints for a code point, plus "source".
template <typename E>
std::string color_names(std::optional<E> (*from_name)(std::string_view)) {
    std::vector<std::string_view> names{"source"};
    for (int code = 0; code < 256; ++code) {
        const std::string_view name = to_string(static_cast<E>(code));
        if (name == "reserved" || name == "unknown" || name == "unspecified") continue;
        if (std::find(names.begin(), names.end(), name) != names.end()) continue;
        if (from_name(name)) names.push_back(name);
    }
    return yaml::join(names);
}

template <typename E>
Result<void> read_color_name(const MapReader& color, std::string_view key,
                             std::optional<E> (*from_name)(std::string_view), E& out) {
    if (!color.has(key)) return ok();
    std::string name;
    MEDIA_TRY(color.read_text(key, name));
    if (name == "source") {
        out = E::Unspecified;
        return ok();
    }
    const std::optional<E> value = from_name(name);
    if (!value)
        return color.error(key,
                           fmt::format("unknown value '{}' ({})", name, color_names(from_name)));
    out = *value;
    return ok();
}

Result<void> read_color(const MapReader& root, TranscodePreset& preset) {
    if (!root.has("color")) return ok();
    const YAML::Node& node = root.node("color");
    if (node.IsScalar()) {
        if (node.Scalar() == "source") return ok();
        return root.error(
            "color", fmt::format("expected 'source' or a mapping, got {}", yaml::describe(node)));
    }
    MEDIA_TRY_ASSIGN(MapReader color, root.map("color"));
    MEDIA_TRY(color.only(
        {"primaries", "transfer", "matrix", "range", "chroma_location", "convert_matrix"}));
    ColorInfo& tags = preset.color.tags;
    MEDIA_TRY(read_color_name(color, "primaries", &color_primaries_from_name, tags.primaries));
    MEDIA_TRY(
        read_color_name(color, "transfer", &transfer_characteristic_from_name, tags.transfer));
    MEDIA_TRY(read_color_name(color, "matrix", &matrix_coefficients_from_name, tags.matrix));
    MEDIA_TRY(read_color_name(color, "range", &color_range_from_name, tags.range));
    MEDIA_TRY(read_color_name(color, "chroma_location", &chroma_location_from_name,
                              tags.chroma_location));
    return color.read_bool("convert_matrix", preset.color.convert_matrix);
}

// ---- naming ---------------------------------------------------------------------------------

Result<void> read_naming(const MapReader& root, TranscodePreset& preset) {
    MEDIA_TRY(root.read_name("naming", preset.naming));
    Result<void> checked = check_naming(preset.naming);
    if (!checked) return root.error("naming", checked.error().message());
    return ok();
}

// ---- burn-in --------------------------------------------------------------------------------

Result<void> read_rgba(const MapReader& element, std::string_view key, std::array<double, 4>& out) {
    MEDIA_TRY_ASSIGN(auto items, element.list(key));
    if (!element.has(key)) return ok();
    if (items.size() != 3 && items.size() != 4)
        return element.error(key, "expected [r, g, b] or [r, g, b, a] with values 0 to 1");
    std::array<double, 4> rgba{0, 0, 0, 1};
    for (size_t i = 0; i < items.size(); ++i) {
        MEDIA_TRY_ASSIGN(rgba[i], element.number_of(items[i].node, items[i].path));
        if (rgba[i] < 0 || rgba[i] > 1)
            return yaml::error_at(element.source(), items[i].line, items[i].path,
                                  fmt::format("{} is out of range (0 to 1)", rgba[i]));
    }
    out = rgba;
    return ok();
}

Result<void> read_field(const MapReader& element, BurnInElement& out) {
    MEDIA_TRY(element.require("field", "timecode, frame, clip, reel, text or watermark"));
    std::string name;
    MEDIA_TRY(element.read_text("field", name));
    const std::optional<BurnInField> field = burnin_field_from_name(name);
    if (!field)
        return element.error("field", fmt::format("unknown value '{}' (timecode, frame, clip, "
                                                  "reel, text, watermark)",
                                                  name));
    out.field = *field;
    // A watermark is large, translucent and centred unless the preset says otherwise.
    if (out.field == BurnInField::Watermark) {
        out.anchor = Anchor::Center;
        out.box = false;
        out.size = 0.1;
        out.opacity = 0.3;
    }
    return ok();
}

Result<void> read_field_keys(const MapReader& element, BurnInElement& out) {
    const bool has_text = out.field == BurnInField::Text || out.field == BurnInField::Watermark;
    const std::string field(to_string(out.field));
    if (has_text) {
        MEDIA_TRY(element.require("text", fmt::format("field '{}' draws it", field)));
        MEDIA_TRY(element.read_name("text", out.text));
    } else {
        MEDIA_TRY(element.forbid("text", fmt::format("not used by field '{}'", field)));
    }
    if (out.field != BurnInField::FrameCounter) {
        MEDIA_TRY(element.forbid("counter_start", "used by field 'frame' only"));
        MEDIA_TRY(element.forbid("counter_digits", "used by field 'frame' only"));
    }
    MEDIA_TRY(element.read_int("counter_start", out.counter_start, int64_t{0},
                               int64_t{1'000'000'000'000}));
    return element.read_int("counter_digits", out.counter_digits, 0, 12);
}

Result<void> read_anchor(const MapReader& element, BurnInElement& out) {
    if (!element.has("anchor")) return ok();
    std::string name;
    MEDIA_TRY(element.read_text("anchor", name));
    const std::optional<Anchor> anchor = anchor_from_name(name);
    if (!anchor)
        return element.error("anchor", fmt::format("unknown value '{}' (top-left, top, top-right, "
                                                   "left, center, right, bottom-left, bottom, "
                                                   "bottom-right)",
                                                   name));
    out.anchor = *anchor;
    return ok();
}

Result<void> read_look(const MapReader& element, BurnInElement& out) {
    MEDIA_TRY(element.read_text("prefix", out.prefix));
    MEDIA_TRY(read_anchor(element, out));
    MEDIA_TRY(element.read_number("size", out.size, 0.005, 0.5));
    MEDIA_TRY(element.read_number("margin", out.margin, 0.0, 0.5));
    MEDIA_TRY(read_rgba(element, "color", out.color));
    MEDIA_TRY(element.read_bool("box", out.box));
    MEDIA_TRY(read_rgba(element, "box_color", out.box_color));
    MEDIA_TRY(element.read_number("opacity", out.opacity, 0.0, 1.0));
    return element.read_name("font", out.font);
}

Result<BurnInElement> read_burnin_element(const std::string& source, const yaml::ListItem& item) {
    MEDIA_TRY_ASSIGN(MapReader element, MapReader::open(source, item.node, item.path, item.line));
    MEDIA_TRY(element.only({"field", "text", "prefix", "anchor", "size", "margin", "color", "box",
                            "box_color", "opacity", "font", "counter_start", "counter_digits"}));
    BurnInElement out;
    MEDIA_TRY(read_field(element, out));
    MEDIA_TRY(read_field_keys(element, out));
    MEDIA_TRY(read_look(element, out));
    return out;
}

Result<void> read_burnin(const MapReader& root, TranscodePreset& preset) {
    MEDIA_TRY_ASSIGN(auto items, root.list("burnin"));
    for (const yaml::ListItem& item : items) {
        MEDIA_TRY_ASSIGN(BurnInElement element, read_burnin_element(root.source(), item));
        preset.burnin.elements.push_back(std::move(element));
    }
    return ok();
}

// ---- the document ---------------------------------------------------------------------------

Result<TranscodePreset> read_preset(const YAML::Node& document, const std::string& source) {
    MEDIA_TRY_ASSIGN(MapReader root, MapReader::open(source, document, "", 0));
    TranscodePreset preset;
    preset.source_file = source;
    preset.name = std::filesystem::path(source).stem().string();
    // Schema first: a QC profile given as a preset should say so, not list unknown keys.
    MEDIA_TRY(read_header(root, preset));
    MEDIA_TRY(root.only({"schema", "version", "name", "description", "output", "video", "scale",
                         "frame_rate", "audio", "color", "naming", "burnin"}));
    MEDIA_TRY(read_name(root, preset));
    MEDIA_TRY(read_output(root, preset));
    MEDIA_TRY(read_video(root, preset));
    MEDIA_TRY(read_scale(root, preset));
    MEDIA_TRY(read_frame_rate(root, preset));
    MEDIA_TRY(read_audio(root, preset));
    MEDIA_TRY(read_color(root, preset));
    MEDIA_TRY(read_naming(root, preset));
    MEDIA_TRY(read_burnin(root, preset));
    return preset;
}

Error file_error(const std::string& source, int line, std::string_view problem) {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}:{}: {}", source, std::max(line, 0) + 1, problem));
}

Result<YAML::Node> load_single_document(std::string_view yaml, const std::string& source) {
    const std::string text(yaml);
    yaml::DocumentCount count;
    YAML::Node document;
    try {
        count = yaml::documents_in(text);
        if (count.documents > 0) document = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        return file_error(source, e.mark.line,
                          fmt::format("malformed YAML: {} (column {})", e.msg, e.mark.column + 1));
    }
    if (count.documents == 0)
        return file_error(
            source, 0,
            fmt::format("empty file (a preset starts with 'schema: {}')", kPresetSchema));
    // A document that is not a mapping gets the clearer "expected a mapping" from the reader.
    if (count.documents > 1 && document.IsMap())
        return file_error(source, count.second_line,
                          "more than one YAML document (one preset per file)");
    return document;
}

}  // namespace

Result<TranscodePreset> parse_preset(std::string_view yaml, const std::string& source_name) {
    if (yaml.size() > k_max_preset_bytes)
        return file_error(source_name, 0,
                          fmt::format("{} bytes is too large for a preset (limit {})", yaml.size(),
                                      k_max_preset_bytes));
    // yaml-cpp reports through exceptions; none may leave this function.
    try {
        MEDIA_TRY_ASSIGN(YAML::Node document, load_single_document(yaml, source_name));
        return read_preset(document, source_name);
    } catch (const YAML::Exception& e) {
        return file_error(source_name, e.mark.line, fmt::format("YAML error: {}", e.msg));
    } catch (const std::exception& e) {
        return file_error(source_name, 0, fmt::format("cannot read preset: {}", e.what()));
    }
}

}  // namespace media::transcode
