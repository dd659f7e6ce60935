// SPDX-License-Identifier: Apache-2.0
// MediaConch policy import. A MediaConch XML policy is a tree of <policy type="and|or"> groups
// whose leaves are <rule value="Width" tracktype="Video" occurrence="*" operator="=">1920</rule>
// tests on MediaInfo fields. The tables below map the MediaInfo fields (and their values) that
// have a Slate probe field onto it; anything else is an error naming the line, never dropped.
// Comparison semantics follow MediaConch's checker: a rule on a missing field fails (except
// "must not exist" and "must not start with"), numbers compare as numbers.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "media/spec/spec.h"
#include "spec_internal.h"

namespace media::spec {
namespace {

// ---- MediaInfo values -> Slate values -------------------------------------------------------

// One MediaInfo value and the Slate value it stands for. A MediaInfo value listed twice stands
// for either Slate value ("MPEG-4" is a .mov or a .mp4).
struct Alias {
    std::string_view mediainfo;
    std::string_view slate;
};

// General Format. MediaInfo calls both QuickTime and ISO base media files "MPEG-4" (Format_Profile
// tells them apart); Slate calls the mov family "mp4" for .mp4/.m4v/.m4a files, else "mov".
constexpr Alias kContainerFormats[] = {
    {"MPEG-4", "mov"},        {"MPEG-4", "mp4"}, {"QuickTime", "mov"}, {"MXF", "mxf"},
    {"Matroska", "matroska"}, {"WebM", "webm"},  {"AVI", "avi"},       {"MPEG-TS", "mpegts"},
    {"Wave", "wav"},          {"DPX", "dpx"},    {"EXR", "exr"},
};

// General Format_Profile of MPEG-4 files.
constexpr Alias kContainerProfiles[] = {
    {"QuickTime", "mov"},
    {"Base Media", "mp4"},
    {"Base Media / Version 1", "mp4"},
    {"Base Media / Version 2", "mp4"},
};

// Video Format -> ffmpeg codec name. MediaInfo says "VC-3" for DNxHD and DNxHR alike, and
// "MPEG Video" for MPEG-1 and MPEG-2.
constexpr Alias kVideoCodecs[] = {
    {"ProRes", "prores"},
    {"AVC", "h264"},
    {"HEVC", "hevc"},
    {"MPEG Video", "mpeg1video"},
    {"MPEG Video", "mpeg2video"},
    {"VC-3", "dnxhd"},
    {"FFV1", "ffv1"},
    {"JPEG 2000", "jpeg2000"},
    {"MPEG-4 Visual", "mpeg4"},
    {"AV1", "av1"},
    {"VP8", "vp8"},
    {"VP9", "vp9"},
    {"DV", "dvvideo"},
    {"JPEG", "mjpeg"},
    {"VC-1", "vc1"},
    {"CineForm", "cfhd"},
    {"HuffYUV", "huffyuv"},
    {"Theora", "theora"},
    {"DPX", "dpx"},
    {"EXR", "exr"},
};

// Audio Format -> ffmpeg codec name. "PCM" is every integer and float PCM flavour.
constexpr Alias kAudioCodecs[] = {
    {"PCM", "pcm_s16le"},  {"PCM", "pcm_s16be"}, {"PCM", "pcm_s24le"}, {"PCM", "pcm_s24be"},
    {"PCM", "pcm_s32le"},  {"PCM", "pcm_s32be"}, {"PCM", "pcm_f32le"}, {"PCM", "pcm_f32be"},
    {"PCM", "pcm_f64le"},  {"PCM", "pcm_f64be"}, {"PCM", "pcm_s8"},    {"PCM", "pcm_u8"},
    {"AAC", "aac"},        {"AC-3", "ac3"},      {"E-AC-3", "eac3"},   {"MPEG Audio", "mp2"},
    {"MPEG Audio", "mp3"}, {"FLAC", "flac"},     {"Opus", "opus"},     {"Vorbis", "vorbis"},
    {"ALAC", "alac"},      {"DTS", "dts"},
};

constexpr Alias kScanTypes[] = {
    {"Progressive", "progressive"}, {"Interlaced", "interlaced"}, {"MBAFF", "interlaced"}};

constexpr Alias kScanOrders[] = {{"TFF", "tff"}, {"BFF", "bff"}};

// colour_primaries / transfer_characteristics / matrix_coefficients: MediaInfo's names for the
// ISO/IEC 23091-4 code points -> ffprobe's names for the same code points.
constexpr Alias kPrimaries[] = {
    {"BT.709", "bt709"},          {"BT.470 System M", "bt470m"}, {"BT.601 PAL", "bt470bg"},
    {"BT.601 NTSC", "smpte170m"}, {"SMPTE 240M", "smpte240m"},   {"Generic film", "film"},
    {"BT.2020", "bt2020"},        {"XYZ", "smpte428"},           {"DCI P3", "smpte431"},
    {"Display P3", "smpte432"},   {"EBU Tech 3213", "ebu3213"},
};

constexpr Alias kTransfers[] = {
    {"BT.709", "bt709"},
    {"BT.470 System M", "bt470m"},
    {"BT.470 System B/G", "bt470bg"},
    {"BT.601", "smpte170m"},
    {"SMPTE 240M", "smpte240m"},
    {"Linear", "linear"},
    {"Logarithmic (100:1)", "log100"},
    {"Logarithmic (316.22777:1)", "log316"},
    {"xvYCC", "iec61966-2-4"},
    {"BT.1361", "bt1361e"},
    {"sRGB/sYCC", "iec61966-2-1"},
    {"BT.2020 (10-bit)", "bt2020-10"},
    {"BT.2020 (12-bit)", "bt2020-12"},
    {"PQ", "smpte2084"},
    {"SMPTE 428M", "smpte428"},
    {"HLG", "arib-std-b67"},
};

constexpr Alias kMatrices[] = {
    {"Identity", "gbr"},
    {"BT.709", "bt709"},
    {"FCC 73.682", "fcc"},
    {"BT.470 System B/G", "bt470bg"},
    {"BT.601", "smpte170m"},
    {"SMPTE 240M", "smpte240m"},
    {"YCgCo", "ycgco"},
    {"BT.2020 non-constant", "bt2020nc"},
    {"BT.2020 constant", "bt2020c"},
    {"Chromaticity-derived non-constant", "chroma-derived-nc"},
    {"Chromaticity-derived constant", "chroma-derived-c"},
    {"ICtCp", "ictcp"},
};

constexpr Alias kRanges[] = {{"Limited", "tv"}, {"Full", "pc"}};

// ---- MediaInfo fields -> Slate fields -------------------------------------------------------

enum class Convert : uint8_t {
    Number,     // a count or a size: compared as written
    Decimal3,   // MediaInfo writes three decimals (23.976, 1.778, 2.000 s): compared at least there
    Text,       // compared as written
    Lowercase,  // file extensions: Slate's are lower case
    Names,      // through an alias table
};

struct FieldMap {
    std::string_view track;      // MediaInfo track type
    std::string_view mediainfo;  // MediaInfo field
    std::string_view slate;      // Slate field
    Convert convert = Convert::Number;
    std::span<const Alias> names = {};
};

constexpr FieldMap kFields[] = {
    {"General", "Format", "container.format", Convert::Names, kContainerFormats},
    {"General", "Format_Profile", "container.format", Convert::Names, kContainerProfiles},
    {"General", "FileExtension", "file.extension", Convert::Lowercase},
    {"General", "FileSize", "file.size"},
    {"General", "Duration", "container.duration", Convert::Decimal3},
    {"General", "OverallBitRate", "container.bit_rate"},
    {"General", "FrameRate", "video.frame_rate", Convert::Decimal3},
    {"General", "VideoCount", "container.video_streams"},
    {"General", "AudioCount", "container.audio_streams"},
    {"General", "TextCount", "container.subtitle_streams"},
    {"Video", "Format", "video.codec", Convert::Names, kVideoCodecs},
    {"Video", "CodecID", "video.codec_tag", Convert::Text},
    {"Video", "Width", "video.width"},
    {"Video", "Height", "video.height"},
    {"Video", "PixelAspectRatio", "video.sar", Convert::Decimal3},
    {"Video", "DisplayAspectRatio", "video.dar", Convert::Decimal3},
    {"Video", "FrameRate", "video.frame_rate", Convert::Decimal3},
    {"Video", "FrameCount", "video.frame_count"},
    {"Video", "Duration", "video.duration", Convert::Decimal3},
    {"Video", "BitRate", "video.bit_rate"},
    {"Video", "ScanType", "video.scan_type", Convert::Names, kScanTypes},
    {"Video", "ScanOrder", "video.field_order", Convert::Names, kScanOrders},
    {"Video", "BitDepth", "video.bit_depth"},
    {"Video", "ChromaSubsampling", "video.chroma_subsampling", Convert::Text},
    {"Video", "colour_primaries", "video.color_primaries", Convert::Names, kPrimaries},
    {"Video", "transfer_characteristics", "video.color_transfer", Convert::Names, kTransfers},
    {"Video", "matrix_coefficients", "video.color_matrix", Convert::Names, kMatrices},
    {"Video", "colour_range", "video.color_range", Convert::Names, kRanges},
    {"Audio", "Format", "audio.codec", Convert::Names, kAudioCodecs},
    {"Audio", "Channels", "audio.channels"},
    {"Audio", "SamplingRate", "audio.sample_rate"},
    {"Audio", "BitDepth", "audio.bit_depth"},
};

// Track types and the rule category each gives.
struct Track {
    std::string_view name;
    std::string_view category;
};
constexpr Track kTracks[] = {{"General", "container"}, {"Video", "video"}, {"Audio", "audio"}};

constexpr std::string_view kOperators[] = {"=",           "!=",
                                           "<",           "<=",
                                           ">",           ">=",
                                           "exists",      "must not exist",
                                           "starts with", "must not start with",
                                           "contains",    "must not contain"};

// ---- helpers --------------------------------------------------------------------------------

template <typename T, typename Name>
std::string names_of(std::span<const T> items, Name name) {
    std::vector<std::string_view> names;
    for (const T& item : items)
        if (std::find(names.begin(), names.end(), name(item)) == names.end())
            names.push_back(name(item));
    return fmt::format("{}", fmt::join(names, ", "));
}

std::string supported_fields(std::string_view track) {
    std::vector<std::string_view> names;
    for (const FieldMap& field : kFields)
        if (field.track == track) names.push_back(field.mediainfo);
    return fmt::format("{}", fmt::join(names, ", "));
}

const FieldMap* find_field_map(std::string_view track, std::string_view field) {
    for (const FieldMap& map : kFields)
        if (map.track == track && map.mediainfo == field) return &map;
    return nullptr;
}

const Track* find_track(std::string_view name) {
    for (const Track& track : kTracks)
        if (track.name == name) return &track;
    return nullptr;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

std::string regex_escape(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) escaped += '\\';
        escaped += c;
    }
    return escaped;
}

Condition test(std::string_view field, Op op, Value value = Value::none()) {
    Condition condition;
    condition.kind = Condition::Kind::Test;
    condition.field = std::string(field);
    condition.op = op;
    condition.expected.literal = std::move(value);
    return condition;
}

Condition combine(Condition::Kind kind, std::vector<Condition> children) {
    Condition condition;
    condition.kind = kind;
    condition.children = std::move(children);
    return condition;
}

Condition negate(Condition child) {
    return combine(Condition::Kind::Not, {std::move(child)});
}

void set_line(Condition& condition, int line) {
    condition.line = line;
    for (Condition& child : condition.children) set_line(child, line);
}

// "Video Format": how a rule's field is named in messages.
std::string field_name(const FieldMap& field) {
    return fmt::format("{} {}", field.track, field.mediainfo);
}

// ---- one rule -------------------------------------------------------------------------------

// The Slate values whose MediaInfo name passes `matches`.
template <typename Match>
std::vector<std::string_view> aliases(std::span<const Alias> table, Match matches) {
    std::vector<std::string_view> found;
    for (const Alias& alias : table)
        if (matches(alias.mediainfo) &&
            std::find(found.begin(), found.end(), alias.slate) == found.end())
            found.push_back(alias.slate);
    return found;
}

// `field == v` for one value, `field in [...]` for several (`!=` / not_in when `negated`).
Condition one_of(std::string_view field, const std::vector<std::string_view>& values,
                 bool negated) {
    if (values.size() == 1)
        return test(field, negated ? Op::Ne : Op::Eq, Value::of(std::string(values[0])));
    std::vector<Value> list;
    for (std::string_view value : values) list.push_back(Value::of(std::string(value)));
    return test(field, negated ? Op::NotIn : Op::In, Value::of(std::move(list)));
}

Result<Condition> translate_names(const FieldMap& field, std::string_view op,
                                  const std::string& value) {
    std::vector<std::string_view> values;
    if (op == "=" || op == "!=")
        values = aliases(field.names, [&](std::string_view name) { return name == value; });
    else if (op == "starts with" || op == "must not start with")
        values =
            aliases(field.names, [&](std::string_view name) { return name.starts_with(value); });
    else if (op == "contains" || op == "must not contain")
        values = aliases(field.names, [&](std::string_view name) {
            return name.find(value) != std::string_view::npos;
        });
    else
        return Error(ErrorCode::UnsupportedFormat,
                     fmt::format("operator '{}' does not apply to {} (names: use =, !=, starts "
                                 "with, contains and their negations, exists, must not exist)",
                                 op, field_name(field)));
    if (values.empty())
        return Error(
            ErrorCode::InvalidArgument,
            fmt::format("no {} known to Slate matches '{}' {} (known: {})", field_name(field),
                        value, op,
                        names_of(field.names, [](const Alias& a) { return a.mediainfo; })));
    // MediaConch passes "must not start with" on a missing field, fails the others.
    if (op == "must not start with") return negate(one_of(field.slate, values, false));
    return one_of(field.slate, values, op == "!=" || op == "must not contain");
}

Result<Condition> translate_text(const FieldMap& field, std::string_view op, std::string value) {
    if (field.convert == Convert::Lowercase) value = detail::lowercase(std::move(value));
    if (op == "=") return test(field.slate, Op::Eq, Value::of(value));
    if (op == "!=") return test(field.slate, Op::Ne, Value::of(value));
    if (op == "starts with")
        return test(field.slate, Op::Matches, Value::of("^" + regex_escape(value)));
    if (op == "contains") return test(field.slate, Op::Matches, Value::of(regex_escape(value)));
    if (op == "must not start with")
        return negate(test(field.slate, Op::Matches, Value::of("^" + regex_escape(value))));
    if (op == "must not contain")
        return combine(Condition::Kind::AllOf,
                       {test(field.slate, Op::Exists, Value::of(true)),
                        negate(test(field.slate, Op::Matches, Value::of(regex_escape(value))))});
    return Error(ErrorCode::UnsupportedFormat,
                 fmt::format("operator '{}' does not apply to {} (text: use =, !=, starts with, "
                             "contains and their negations, exists, must not exist)",
                             op, field_name(field)));
}

Result<Condition> translate_number(const FieldMap& field, std::string_view op,
                                   const std::string& text) {
    constexpr std::pair<std::string_view, Op> kNumberOps[] = {{"=", Op::Eq}, {"!=", Op::Ne},
                                                              {"<", Op::Lt}, {"<=", Op::Le},
                                                              {">", Op::Gt}, {">=", Op::Ge}};
    const auto found = std::find_if(std::begin(kNumberOps), std::end(kNumberOps),
                                    [&](const auto& entry) { return entry.first == op; });
    if (found == std::end(kNumberOps))
        return Error(ErrorCode::UnsupportedFormat,
                     fmt::format("operator '{}' does not apply to {} (numbers: use =, !=, <, <=, "
                                 ">, >=, exists, must not exist)",
                                 op, field_name(field)));
    std::optional<Value> value = detail::number_from_text(text);
    if (!value)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{} is a number; '{}' is not one", field_name(field), text));
    if (field.convert == Convert::Decimal3) value->decimals = std::max(value->decimals, 3);
    return test(field.slate, found->second, std::move(*value));
}

Result<Condition> translate(const FieldMap& field, std::string_view op, const std::string& value) {
    if (op.empty() || op == "exists") return test(field.slate, Op::Exists, Value::of(true));
    if (op == "must not exist") return test(field.slate, Op::Exists, Value::of(false));
    switch (field.convert) {
        case Convert::Number:
        case Convert::Decimal3:
            return translate_number(field, op, value);
        case Convert::Text:
        case Convert::Lowercase:
            return translate_text(field, op, value);
        case Convert::Names:
            return translate_names(field, op, value);
    }
    return Error(ErrorCode::Internal, "unhandled field conversion");
}

// ---- the policy tree ------------------------------------------------------------------------

std::optional<qc::Severity> severity_of(std::string_view level) {
    if (level.empty() || level == "fail") return qc::Severity::Error;
    if (level == "warn") return qc::Severity::Warning;
    if (level == "info") return qc::Severity::Info;
    return std::nullopt;
}

// "Video/Width is 1920" -> "video_width_is_1920".
std::string slug(std::string_view name) {
    std::string id;
    for (const char c : name) {
        if (std::isalnum(static_cast<unsigned char>(c)))
            id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!id.empty() && id.back() != '_')
            id += '_';
    }
    while (!id.empty() && id.back() == '_') id.pop_back();
    return id;
}

// A translated subtree: its condition and the categories of the rules in it.
struct Translated {
    Condition condition;
    std::vector<std::string_view> categories;
};

class PolicyReader {
public:
    PolicyReader(const std::string& xml, const std::string& source)
        : m_xml(xml), m_source(source) {}

    Result<Spec> read() {
        pugi::xml_document doc;
        const pugi::xml_parse_result parsed =
            doc.load_buffer(m_xml.data(), m_xml.size(), pugi::parse_default, pugi::encoding_utf8);
        if (!parsed)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("{}:{}: malformed XML: {}", m_source,
                                     line_of(parsed.offset) + 1, parsed.description()));
        const pugi::xml_node root = doc.document_element();
        if (std::string_view(root.name()) != "policy")
            return error(root, ErrorCode::UnsupportedFormat,
                         fmt::format("root element <{}> is not a MediaConch XML policy "
                                     "(<policy>); XSL and Schematron policies are not supported",
                                     root.name()));
        return read_root(root);
    }

private:
    int line_of(ptrdiff_t offset) const {
        const auto end = m_xml.begin() + std::clamp<ptrdiff_t>(offset, 0, ptrdiff_t(m_xml.size()));
        return static_cast<int>(std::count(m_xml.begin(), end, '\n'));
    }
    int line_of(const pugi::xml_node& node) const { return line_of(node.offset_debug()); }

    Error error(const pugi::xml_node& node, ErrorCode code, const std::string& what) const {
        return Error(code, fmt::format("{}:{}: {}", m_source, line_of(node) + 1, what));
    }

    // "rule 'Video/Width is 1920'" / "policy 'Delivery'".
    static std::string what(const pugi::xml_node& node) {
        return fmt::format("{} '{}'", node.name(), node.attribute("name").value());
    }

    Result<Spec> read_root(const pugi::xml_node& root) {
        Spec spec;
        spec.info.name = root.attribute("name").value();
        if (spec.info.name.empty())
            spec.info.name = std::filesystem::path(m_source).stem().string();
        spec.info.version = root.attribute("version").value();
        spec.info.issuer = "MediaConch policy";
        spec.info.document = std::filesystem::path(m_source).filename().string();
        spec.info.description = trim(root.child_value("description"));
        spec.info.source = m_source;
        MEDIA_TRY_ASSIGN(const std::string type, group_type(root));
        MEDIA_TRY_ASSIGN(const qc::Severity severity, level_of(root));
        MEDIA_TRY_ASSIGN(const std::vector<pugi::xml_node> children, members(root));
        if (type == "or") {
            MEDIA_TRY_ASSIGN(Translated group, read_group(root));
            spec.rules.push_back(make_rule(root, std::move(group), severity, 1));
            return spec;
        }
        for (size_t i = 0; i < children.size(); ++i) {
            const pugi::xml_node& node = children[i];
            MEDIA_TRY_ASSIGN(const qc::Severity own, level_of(node));
            const qc::Severity chosen = node.attribute("level") ? own : severity;
            MEDIA_TRY_ASSIGN(Translated part, read_member(node));
            spec.rules.push_back(make_rule(node, std::move(part), chosen, int(i) + 1));
        }
        make_ids_unique(spec.rules);
        return spec;
    }

    Rule make_rule(const pugi::xml_node& node, Translated part, qc::Severity severity,
                   int index) const {
        Rule rule;
        const std::string name = node.attribute("name").value();
        rule.id = slug(name);
        if (rule.id.empty()) rule.id = fmt::format("rule_{}", index);
        rule.title = name.empty() ? describe_original(node) : name;
        rule.severity = severity;
        rule.category = category_of(part.categories);
        rule.check = std::move(part.condition);
        rule.reference = m_source;
        rule.notes = fmt::format("MediaConch: {}", describe_original(node));
        rule.source = m_source;
        rule.line = line_of(node);
        return rule;
    }

    static std::string category_of(const std::vector<std::string_view>& categories) {
        if (!categories.empty() &&
            std::all_of(categories.begin(), categories.end(),
                        [&](std::string_view c) { return c == categories.front(); }))
            return std::string(categories.front());
        return "policy";
    }

    static void make_ids_unique(std::vector<Rule>& rules) {
        for (size_t i = 0; i < rules.size(); ++i) {
            const std::string base = rules[i].id;
            for (int n = 2; std::any_of(rules.begin(), rules.begin() + ptrdiff_t(i),
                                        [&](const Rule& r) { return r.id == rules[i].id; });
                 ++n)
                rules[i].id = fmt::format("{}_{}", base, n);
        }
    }

    // The original rule for notes: "Video Width = 1920", "and of 3 rules".
    static std::string describe_original(const pugi::xml_node& node) {
        if (std::string_view(node.name()) == "policy")
            return fmt::format("{} group '{}'", node.attribute("type").value(),
                               node.attribute("name").value());
        std::string op = node.attribute("operator").value();
        if (op.empty()) op = "exists";
        return trim(fmt::format("{} {} {} {}", node.attribute("tracktype").value(),
                                node.attribute("value").value(), op, trim(node.child_value())));
    }

    Result<std::string> group_type(const pugi::xml_node& policy) const {
        const std::string type = policy.attribute("type").value();
        if (type == "and" || type == "or") return type;
        return error(policy, ErrorCode::InvalidArgument,
                     fmt::format("{}: type '{}' is not 'and' or 'or'", what(policy), type));
    }

    Result<qc::Severity> level_of(const pugi::xml_node& node) const {
        const std::string level = node.attribute("level").value();
        if (auto severity = severity_of(level)) return *severity;
        return error(node, ErrorCode::InvalidArgument,
                     fmt::format("{}: level '{}' is not fail, warn or info", what(node), level));
    }

    // The <rule> and <policy> children; <description> and <tag> are metadata.
    Result<std::vector<pugi::xml_node>> members(const pugi::xml_node& policy) const {
        std::vector<pugi::xml_node> found;
        for (const pugi::xml_node& child : policy.children()) {
            if (child.type() != pugi::node_element) continue;
            const std::string_view name = child.name();
            if (name == "rule" || name == "policy")
                found.push_back(child);
            else if (name != "description" && name != "tag")
                return error(child, ErrorCode::InvalidArgument,
                             fmt::format("unexpected <{}> in {} (a policy holds <policy>, <rule>, "
                                         "<description> and <tag>)",
                                         name, what(policy)));
        }
        if (found.empty())
            return error(policy, ErrorCode::InvalidArgument,
                         fmt::format("{} holds no rule", what(policy)));
        return found;
    }

    Result<Translated> read_member(const pugi::xml_node& node) const {
        if (std::string_view(node.name()) == "policy") return read_group(node);
        return read_rule(node);
    }

    // A nested group becomes one condition: all of / any of its members. Levels inside a group
    // are refused: MediaConch lets a warn/info member change the group's outcome in ways a
    // single pass/fail condition cannot express.
    Result<Translated> read_group(const pugi::xml_node& policy) const {
        MEDIA_TRY_ASSIGN(const std::string type, group_type(policy));
        MEDIA_TRY_ASSIGN(const std::vector<pugi::xml_node> children, members(policy));
        Translated group;
        group.condition.kind = type == "and" ? Condition::Kind::AllOf : Condition::Kind::AnyOf;
        group.condition.line = line_of(policy);
        for (const pugi::xml_node& child : children) {
            if (child.attribute("level"))
                return error(child, ErrorCode::UnsupportedFormat,
                             fmt::format("{}: a level inside a group is not supported (only on "
                                         "the root policy and its direct members)",
                                         what(child)));
            MEDIA_TRY_ASSIGN(Translated part, read_member(child));
            group.condition.children.push_back(std::move(part.condition));
            group.categories.insert(group.categories.end(), part.categories.begin(),
                                    part.categories.end());
        }
        return group;
    }

    Result<Translated> read_rule(const pugi::xml_node& rule) const {
        MEDIA_TRY(check_rule_scope(rule));
        const std::string track_name = rule.attribute("tracktype").value();
        const Track* track = find_track(track_name);
        if (!track)
            return error(rule, ErrorCode::UnsupportedFormat,
                         fmt::format("{}: unsupported tracktype '{}' (supported: {})", what(rule),
                                     track_name, names_of<Track>(kTracks, [](const Track& t) {
                                         return t.name;
                                     })));
        MEDIA_TRY(check_occurrence(rule, track_name));
        const std::string field_text = rule.attribute("value").value();
        const FieldMap* field = find_field_map(track_name, field_text);
        if (!field)
            return error(
                rule, ErrorCode::UnsupportedFormat,
                fmt::format("{}: unsupported field {}/{} (supported {} fields: {})", what(rule),
                            track_name, field_text, track_name, supported_fields(track_name)));
        const std::string op = rule.attribute("operator").value();
        if (!op.empty() &&
            std::find(std::begin(kOperators), std::end(kOperators), op) == std::end(kOperators))
            return error(rule, ErrorCode::UnsupportedFormat,
                         fmt::format("{}: unsupported operator '{}' (supported: {})", what(rule),
                                     op, fmt::join(kOperators, ", ")));
        auto condition = translate(*field, op, trim(rule.child_value()));
        if (!condition)
            return error(rule, condition.error().code(),
                         fmt::format("{}: {}", what(rule), condition.error().message()));
        set_line(*condition, line_of(rule));
        return Translated{std::move(*condition), {track->category}};
    }

    // MediaTrace rules (scope="mmt") and comparisons with a reference file (<source>, the
    // value "compare") look at things probe does not see.
    Result<void> check_rule_scope(const pugi::xml_node& rule) const {
        const std::string scope = rule.attribute("scope").value();
        if (!scope.empty() && scope != "mi")
            return error(rule, ErrorCode::UnsupportedFormat,
                         fmt::format("{}: scope '{}' is not supported (only MediaInfo fields)",
                                     what(rule), scope));
        if (rule.child("source") || trim(rule.child_value()) == "compare")
            return error(rule, ErrorCode::UnsupportedFormat,
                         fmt::format("{}: comparing with another file or field is not supported",
                                     what(rule)));
        return ok();
    }

    // "*", "any" or "all" tracks: Slate tests the first video stream and every audio stream,
    // which agree with MediaConch on files with one stream of each. "1" names the first track,
    // which only the General and Video fields can honour.
    Result<void> check_occurrence(const pugi::xml_node& rule, std::string_view track) const {
        const std::string occurrence = rule.attribute("occurrence").value();
        if (occurrence.empty() || occurrence == "*" || occurrence == "any" || occurrence == "all")
            return ok();
        if (occurrence == "1" && track != "Audio") return ok();
        return error(rule, ErrorCode::UnsupportedFormat,
                     fmt::format("{}: occurrence '{}' is not supported for {} (use *, any or "
                                 "all{})",
                                 what(rule), occurrence, track, track == "Audio" ? "" : ", or 1"));
    }

    const std::string& m_xml;
    const std::string& m_source;
};

}  // namespace

Result<Spec> import_mediaconch_policy(const std::string& xml, const std::string& source) {
    return PolicyReader(xml, source).read();
}

}  // namespace media::spec
