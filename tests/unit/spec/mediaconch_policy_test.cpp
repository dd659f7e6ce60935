// SPDX-License-Identifier: Apache-2.0
// MediaConch policy import: the XML policy tree becomes spec rules (one per member of an "and"
// root, one any-of rule for an "or" root), MediaInfo field names and values are translated onto
// Slate's probe fields, and whatever cannot be translated fails with "file:line: problem".
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "media/spec/fields.h"
#include "media/spec/spec.h"

namespace media::spec {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string xml_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else if (c == '&')
            out += "&amp;";
        else
            out += c;
    }
    return out;
}

// One <rule> line.
std::string rule(const std::string& track, const std::string& field, const std::string& op,
                 const std::string& value, const std::string& name = "r") {
    return "  <rule name=\"" + name + "\" value=\"" + field + "\" tracktype=\"" + track +
           "\" occurrence=\"*\" operator=\"" + xml_escape(op) + "\">" + xml_escape(value) +
           "</rule>\n";
}

// A policy document: line 1 the XML declaration, line 2 the root, members from line 3.
std::string policy(const std::string& members, const std::string& root = "type=\"and\"") {
    return "<?xml version=\"1.0\"?>\n<policy " + root + " name=\"Delivery\">\n" + members +
           "</policy>\n";
}

Spec import(const std::string& xml) {
    auto spec = import_mediaconch_policy(xml, "policies/delivery.xml");
    EXPECT_TRUE(spec.ok()) << spec.error().message() << "\n" << xml;
    return spec.ok() ? *spec : Spec{};
}

std::string error_of(const std::string& xml) {
    auto spec = import_mediaconch_policy(xml, "policies/delivery.xml");
    EXPECT_FALSE(spec.ok()) << "imported:\n" << xml;
    return spec.ok() ? std::string() : spec.error().message();
}

// The single condition a one-rule policy translates to.
Condition check_of(const std::string& track, const std::string& field, const std::string& op,
                   const std::string& value) {
    const Spec spec = import(policy(rule(track, field, op, value)));
    return spec.rules.size() == 1 ? spec.rules[0].check : Condition{};
}

Value text(const char* t) {
    return Value::of(std::string(t));
}

Value texts(std::initializer_list<const char*> items) {
    std::vector<Value> list;
    for (const char* item : items) list.push_back(text(item));
    return Value::of(std::move(list));
}

void expect_test(const Condition& c, const std::string& field, Op op,
                 const Value& value = Value::none()) {
    EXPECT_EQ(c.kind, Condition::Kind::Test);
    EXPECT_EQ(c.field, field);
    EXPECT_EQ(c.op, op) << field;
    EXPECT_EQ(c.expected.kind, Operand::Kind::Literal);
    EXPECT_EQ(c.expected.literal, value) << field << ": " << c.expected.literal.text;
}

// ---- structure ----------------------------------------------------------------------------------

TEST(MediaConchImport, EachMemberOfAnAndRootIsOneRule) {
    const Spec spec = import(
        "<?xml version=\"1.0\"?>\n"
        "<policy type=\"and\" name=\"Broadcast HD\" version=\"2\">\n"
        "  <description>HD masters</description>\n"
        "  <rule name=\"Video/Width is 1920\" value=\"Width\" tracktype=\"Video\" "
        "occurrence=\"*\" operator=\"=\">1920</rule>\n"
        "  <rule name=\"Audio Format is PCM\" value=\"Format\" tracktype=\"Audio\" "
        "operator=\"=\">PCM</rule>\n"
        "  <rule name=\"Container\" value=\"FileExtension\" tracktype=\"General\" "
        "operator=\"=\">MOV</rule>\n"
        "</policy>\n");
    EXPECT_EQ(spec.info.name, "Broadcast HD");
    EXPECT_EQ(spec.info.version, "2");
    EXPECT_EQ(spec.info.issuer, "MediaConch policy");
    EXPECT_EQ(spec.info.description, "HD masters");
    EXPECT_EQ(spec.info.source, "policies/delivery.xml");
    ASSERT_EQ(spec.rules.size(), 3u);

    const Rule& width = spec.rules[0];
    EXPECT_EQ(width.id, "video_width_is_1920");
    EXPECT_EQ(width.title, "Video/Width is 1920");
    EXPECT_EQ(width.severity, qc::Severity::Error);
    EXPECT_EQ(width.category, "video");
    EXPECT_EQ(width.source, "policies/delivery.xml");
    EXPECT_EQ(width.line, 3);  // 0-based
    EXPECT_FALSE(width.when.has_value());
    expect_test(width.check, "video.width", Op::Eq, Value::of(1920.0, 0));
    EXPECT_EQ(width.check.line, 3);
    EXPECT_THAT(width.notes, HasSubstr("Video Width = 1920"));

    EXPECT_EQ(spec.rules[1].id, "audio_format_is_pcm");
    EXPECT_EQ(spec.rules[1].category, "audio");
    expect_test(spec.rules[1].check, "audio.codec", Op::In,
                texts({"pcm_s16le", "pcm_s16be", "pcm_s24le", "pcm_s24be", "pcm_s32le", "pcm_s32be",
                       "pcm_f32le", "pcm_f32be", "pcm_f64le", "pcm_f64be", "pcm_s8", "pcm_u8"}));
    EXPECT_EQ(spec.rules[2].category, "container");
    expect_test(spec.rules[2].check, "file.extension", Op::Eq, text("mov"));
}

TEST(MediaConchImport, AnOrRootIsOneAnyOfRule) {
    const Spec spec = import(policy(rule("Video", "Format", "=", "ProRes", "ProRes") +
                                        rule("Video", "Format", "=", "VC-3", "DNx"),
                                    "type=\"or\""));
    ASSERT_EQ(spec.rules.size(), 1u);
    const Rule& r = spec.rules[0];
    EXPECT_EQ(r.id, "delivery");
    EXPECT_EQ(r.title, "Delivery");
    EXPECT_EQ(r.category, "video");
    EXPECT_EQ(r.line, 1);
    ASSERT_EQ(r.check.kind, Condition::Kind::AnyOf);
    ASSERT_EQ(r.check.children.size(), 2u);
    expect_test(r.check.children[0], "video.codec", Op::Eq, text("prores"));
    expect_test(r.check.children[1], "video.codec", Op::Eq, text("dnxhd"));
    EXPECT_EQ(r.check.children[1].line, 3);
}

TEST(MediaConchImport, NestedGroupsBecomeOneRuleWithAConditionTree) {
    const Spec spec = import(
        policy(rule("General", "FileExtension", "=", "mov", "Extension") +
               "  <policy type=\"or\" name=\"Frame size\">\n" +
               "    <policy type=\"and\" name=\"HD\">\n" + rule("Video", "Width", "=", "1920") +
               rule("Video", "Height", "=", "1080") + "    </policy>\n" +
               "    <policy type=\"and\" name=\"UHD\">\n" + rule("Video", "Width", "=", "3840") +
               rule("General", "AudioCount", ">=", "1") + "    </policy>\n" + "  </policy>\n"));
    ASSERT_EQ(spec.rules.size(), 2u);
    const Rule& group = spec.rules[1];
    EXPECT_EQ(group.id, "frame_size");
    EXPECT_EQ(group.title, "Frame size");
    EXPECT_EQ(group.category, "policy");  // video and container rules
    EXPECT_EQ(group.line, 3);
    ASSERT_EQ(group.check.kind, Condition::Kind::AnyOf);
    ASSERT_EQ(group.check.children.size(), 2u);
    const Condition& hd = group.check.children[0];
    ASSERT_EQ(hd.kind, Condition::Kind::AllOf);
    ASSERT_EQ(hd.children.size(), 2u);
    expect_test(hd.children[0], "video.width", Op::Eq, Value::of(1920.0, 0));
    expect_test(hd.children[1], "video.height", Op::Eq, Value::of(1080.0, 0));
    const Condition& uhd = group.check.children[1];
    ASSERT_EQ(uhd.children.size(), 2u);
    expect_test(uhd.children[1], "container.audio_streams", Op::Ge, Value::of(1.0, 0));
    EXPECT_EQ(uhd.children[1].line, 10);
}

TEST(MediaConchImport, IdsComeFromNamesAndAreUnique) {
    const Spec spec = import(policy(rule("Video", "Width", "=", "1920", "") +
                                    rule("Video", "Height", "=", "1080", "Size: OK!") +
                                    rule("Video", "Height", "<=", "2160", "size ok")));
    ASSERT_EQ(spec.rules.size(), 3u);
    EXPECT_EQ(spec.rules[0].id, "rule_1");
    EXPECT_EQ(spec.rules[0].title, "Video Width = 1920");
    EXPECT_EQ(spec.rules[1].id, "size_ok");
    EXPECT_EQ(spec.rules[2].id, "size_ok_2");
}

TEST(MediaConchImport, NameFallsBackToTheFileStem) {
    auto spec = import_mediaconch_policy(
        "<policy type=\"and\">" + rule("Video", "Width", "=", "1920") + "</policy>",
        "/x/netflix_ime.xml");
    ASSERT_TRUE(spec.ok()) << spec.error().message();
    EXPECT_EQ(spec->info.name, "netflix_ime");
}

TEST(MediaConchImport, LevelsBecomeSeverities) {
    const Spec spec = import(
        policy("  <rule name=\"a\" value=\"Width\" tracktype=\"Video\" level=\"warn\">1920</rule>\n"
               "  <rule name=\"b\" value=\"Width\" tracktype=\"Video\" level=\"fail\">1920</rule>\n"
               "  <rule name=\"c\" value=\"Width\" tracktype=\"Video\">1920</rule>\n",
               "type=\"and\" level=\"info\""));
    ASSERT_EQ(spec.rules.size(), 3u);
    EXPECT_EQ(spec.rules[0].severity, qc::Severity::Warning);
    EXPECT_EQ(spec.rules[1].severity, qc::Severity::Error);
    EXPECT_EQ(spec.rules[2].severity, qc::Severity::Info);
}

// ---- values ---------------------------------------------------------------------------------

TEST(MediaConchImport, MediaInfoNamesAreTranslated) {
    expect_test(check_of("Video", "Format", "=", "AVC"), "video.codec", Op::Eq, text("h264"));
    expect_test(check_of("Video", "Format", "=", "HEVC"), "video.codec", Op::Eq, text("hevc"));
    expect_test(check_of("Video", "Format", "=", "VC-3"), "video.codec", Op::Eq, text("dnxhd"));
    expect_test(check_of("Video", "Format", "=", "FFV1"), "video.codec", Op::Eq, text("ffv1"));
    expect_test(check_of("Video", "Format", "=", "MPEG Video"), "video.codec", Op::In,
                texts({"mpeg1video", "mpeg2video"}));
    expect_test(check_of("General", "Format", "=", "MPEG-4"), "container.format", Op::In,
                texts({"mov", "mp4"}));
    expect_test(check_of("General", "Format_Profile", "=", "QuickTime"), "container.format", Op::Eq,
                text("mov"));
    expect_test(check_of("General", "Format", "=", "MXF"), "container.format", Op::Eq, text("mxf"));
    expect_test(check_of("Audio", "Format", "=", "AAC"), "audio.codec", Op::Eq, text("aac"));
    expect_test(check_of("Video", "ScanType", "=", "Progressive"), "video.scan_type", Op::Eq,
                text("progressive"));
    expect_test(check_of("Video", "ScanType", "=", "Interlaced"), "video.scan_type", Op::Eq,
                text("interlaced"));
    expect_test(check_of("Video", "colour_primaries", "=", "BT.709"), "video.color_primaries",
                Op::Eq, text("bt709"));
    expect_test(check_of("Video", "colour_primaries", "=", "BT.601 NTSC"), "video.color_primaries",
                Op::Eq, text("smpte170m"));
    expect_test(check_of("Video", "transfer_characteristics", "=", "PQ"), "video.color_transfer",
                Op::Eq, text("smpte2084"));
    expect_test(check_of("Video", "transfer_characteristics", "=", "HLG"), "video.color_transfer",
                Op::Eq, text("arib-std-b67"));
    expect_test(check_of("Video", "matrix_coefficients", "=", "BT.2020 non-constant"),
                "video.color_matrix", Op::Eq, text("bt2020nc"));
    expect_test(check_of("Video", "colour_range", "=", "Limited"), "video.color_range", Op::Eq,
                text("tv"));
    expect_test(check_of("Video", "colour_range", "=", "Full"), "video.color_range", Op::Eq,
                text("pc"));
}

TEST(MediaConchImport, NumbersKeepTheirDecimalsAndMediaInfoPrecision) {
    expect_test(check_of("Video", "Width", "=", " 1920 "), "video.width", Op::Eq,
                Value::of(1920.0, 0));
    expect_test(check_of("Audio", "SamplingRate", "=", "48000"), "audio.sample_rate", Op::Eq,
                Value::of(48000.0, 0));
    expect_test(check_of("Audio", "Channels", ">", "1"), "audio.channels", Op::Gt,
                Value::of(1.0, 0));
    expect_test(check_of("Video", "BitDepth", ">=", "10"), "video.bit_depth", Op::Ge,
                Value::of(10.0, 0));
    // MediaInfo writes frame rates, aspect ratios and durations with three decimals, and
    // MediaConch compares those: "24" means 24.000, which 23.976 is not.
    expect_test(check_of("Video", "FrameRate", "=", "23.976"), "video.frame_rate", Op::Eq,
                Value::of(23.976, 3));
    expect_test(check_of("Video", "FrameRate", "=", "24"), "video.frame_rate", Op::Eq,
                Value::of(24.0, 3));
    expect_test(check_of("Video", "DisplayAspectRatio", "=", "1.778"), "video.dar", Op::Eq,
                Value::of(1.778, 3));
    expect_test(check_of("Video", "FrameRate", "=", "29.97002"), "video.frame_rate", Op::Eq,
                Value::of(29.97002, 5));
    // MediaInfo's XML (and so MediaConch) gives durations in seconds.
    expect_test(check_of("General", "Duration", "<", "60.5"), "container.duration", Op::Lt,
                Value::of(60.5, 3));
    expect_test(check_of("General", "FileSize", "<=", "1e9"), "file.size", Op::Le,
                Value::of(1e9, 0));
}

TEST(MediaConchImport, OperatorsFollowMediaConchSemantics) {
    expect_test(check_of("Video", "Width", "!=", "1280"), "video.width", Op::Ne,
                Value::of(1280.0, 0));
    expect_test(check_of("Video", "Width", "<", "4096"), "video.width", Op::Lt,
                Value::of(4096.0, 0));
    expect_test(check_of("Video", "Format", "!=", "AVC"), "video.codec", Op::Ne, text("h264"));
    expect_test(check_of("Audio", "Format", "!=", "MPEG Audio"), "audio.codec", Op::NotIn,
                texts({"mp2", "mp3"}));
    expect_test(check_of("Video", "Format", "exists", ""), "video.codec", Op::Exists,
                Value::of(true));

    // No operator: exists.
    const Spec bare = import(
        policy("  <rule name=\"r\" value=\"Format\" tracktype=\"Audio\" occurrence=\"*\"/>\n"));
    ASSERT_EQ(bare.rules.size(), 1u);
    expect_test(bare.rules[0].check, "audio.codec", Op::Exists, Value::of(true));

    expect_test(check_of("Video", "ScanOrder", "must not exist", ""), "video.field_order",
                Op::Exists, Value::of(false));
}

TEST(MediaConchImport, TextOperatorsOnNamesPickEveryMatchingName) {
    expect_test(check_of("Audio", "Format", "contains", "AC-3"), "audio.codec", Op::In,
                texts({"ac3", "eac3"}));
    expect_test(check_of("Video", "transfer_characteristics", "starts with", "BT.2020"),
                "video.color_transfer", Op::In, texts({"bt2020-10", "bt2020-12"}));
    expect_test(check_of("Video", "Format", "must not contain", "MPEG"), "video.codec", Op::NotIn,
                texts({"mpeg1video", "mpeg2video", "mpeg4"}));
    // MediaConch passes "must not start with" on a missing field: not(in), not not_in.
    const Condition c = check_of("Video", "Format", "must not start with", "Pro");
    ASSERT_EQ(c.kind, Condition::Kind::Not);
    ASSERT_EQ(c.children.size(), 1u);
    expect_test(c.children[0], "video.codec", Op::Eq, text("prores"));
}

TEST(MediaConchImport, TextOperatorsOnTextBecomeRegexes) {
    expect_test(check_of("Video", "ChromaSubsampling", "=", "4:2:2"), "video.chroma_subsampling",
                Op::Eq, text("4:2:2"));
    expect_test(check_of("Video", "ChromaSubsampling", "starts with", "4:2"),
                "video.chroma_subsampling", Op::Matches, text("^4:2"));
    expect_test(check_of("Video", "CodecID", "contains", "a.c"), "video.codec_tag", Op::Matches,
                text("a\\.c"));
    expect_test(check_of("General", "FileExtension", "starts with", "M"), "file.extension",
                Op::Matches, text("^m"));
    const Condition not_start = check_of("Video", "CodecID", "must not start with", "ap");
    ASSERT_EQ(not_start.kind, Condition::Kind::Not);
    ASSERT_EQ(not_start.children.size(), 1u);
    expect_test(not_start.children[0], "video.codec_tag", Op::Matches, text("^ap"));
    // MediaConch fails "must not contain" on a missing field.
    const Condition not_contain = check_of("Video", "CodecID", "must not contain", "4");
    ASSERT_EQ(not_contain.kind, Condition::Kind::AllOf);
    ASSERT_EQ(not_contain.children.size(), 2u);
    expect_test(not_contain.children[0], "video.codec_tag", Op::Exists, Value::of(true));
    ASSERT_EQ(not_contain.children[1].kind, Condition::Kind::Not);
    expect_test(not_contain.children[1].children.at(0), "video.codec_tag", Op::Matches, text("4"));
}

// Every field the importer can emit is one the evaluator knows.
TEST(MediaConchImport, EveryTranslatedFieldIsInTheCatalog) {
    if (field_catalog().empty()) GTEST_SKIP() << "field catalog not available";
    const std::vector<std::pair<std::string, std::string>> fields = {
        {"General", "Format"},
        {"General", "Format_Profile"},
        {"General", "FileExtension"},
        {"General", "FileSize"},
        {"General", "Duration"},
        {"General", "OverallBitRate"},
        {"General", "FrameRate"},
        {"General", "VideoCount"},
        {"General", "AudioCount"},
        {"General", "TextCount"},
        {"Video", "Format"},
        {"Video", "CodecID"},
        {"Video", "Width"},
        {"Video", "Height"},
        {"Video", "PixelAspectRatio"},
        {"Video", "DisplayAspectRatio"},
        {"Video", "FrameRate"},
        {"Video", "FrameCount"},
        {"Video", "Duration"},
        {"Video", "BitRate"},
        {"Video", "ScanType"},
        {"Video", "ScanOrder"},
        {"Video", "BitDepth"},
        {"Video", "ChromaSubsampling"},
        {"Video", "colour_primaries"},
        {"Video", "transfer_characteristics"},
        {"Video", "matrix_coefficients"},
        {"Video", "colour_range"},
        {"Audio", "Format"},
        {"Audio", "Channels"},
        {"Audio", "SamplingRate"},
        {"Audio", "BitDepth"},
    };
    for (const auto& [track, field] : fields) {
        const Condition c = check_of(track, field, "exists", "");
        EXPECT_NE(find_field(c.field), nullptr) << track << "/" << field << " -> " << c.field;
    }
}

// ---- errors ---------------------------------------------------------------------------------

TEST(MediaConchImportErrors, UnknownFieldNamesTheLineAndTheSupportedFields) {
    const std::string message = error_of(
        policy(rule("Video", "Width", "=", "1920") + rule("Video", "Format_Commercial", "=", "x")));
    EXPECT_THAT(message, StartsWith("policies/delivery.xml:4: "));
    EXPECT_THAT(message, HasSubstr("unsupported field Video/Format_Commercial"));
    EXPECT_THAT(message, HasSubstr("Width, Height"));
}

TEST(MediaConchImportErrors, UnknownOperatorNamesTheLineAndTheSupportedOperators) {
    const std::string message = error_of(policy(rule("Video", "Width", "=~", "19")));
    EXPECT_THAT(message, StartsWith("policies/delivery.xml:3: "));
    EXPECT_THAT(message, HasSubstr("unsupported operator '=~'"));
    EXPECT_THAT(message, HasSubstr("=, !=, <, <=, >, >=, exists, must not exist, starts with"));
}

TEST(MediaConchImportErrors, MalformedXmlNamesTheLine) {
    const std::string message = error_of(
        "<?xml version=\"1.0\"?>\n<policy type=\"and\">\n  <rule name=\"a\">1</rule>\n"
        "  <rule name=\"b\" value=\"Width\n</policy>\n");
    EXPECT_THAT(message, StartsWith("policies/delivery.xml:"));
    EXPECT_THAT(message, HasSubstr("malformed XML"));
    EXPECT_TRUE(message.starts_with("policies/delivery.xml:4:") ||
                message.starts_with("policies/delivery.xml:5:") ||
                message.starts_with("policies/delivery.xml:6:"))
        << message;
    EXPECT_THAT(error_of(""), HasSubstr("malformed XML"));
}

TEST(MediaConchImportErrors, UntranslatableRulesAreErrors) {
    // Unknown tracktype.
    EXPECT_THAT(error_of(policy(rule("Text", "Format", "=", "SRT"))),
                HasSubstr("unsupported tracktype 'Text' (supported: General, Video, Audio)"));
    // A MediaInfo value Slate has no name for.
    const std::string unknown = error_of(policy(rule("Video", "Format", "=", "Prores")));
    EXPECT_THAT(unknown, HasSubstr("no Video Format known to Slate matches 'Prores'"));
    EXPECT_THAT(unknown, HasSubstr("ProRes, AVC"));
    // Numbers must be numbers; names and text take no ordering.
    EXPECT_THAT(error_of(policy(rule("Video", "Width", "=", "wide"))),
                HasSubstr("Video Width is a number; 'wide' is not one"));
    EXPECT_THAT(error_of(policy(rule("Video", "Format", "<", "B"))),
                HasSubstr("operator '<' does not apply to Video Format"));
    EXPECT_THAT(error_of(policy(rule("Video", "Width", "starts with", "19"))),
                HasSubstr("operator 'starts with' does not apply to Video Width"));
    // A particular audio track cannot be addressed.
    EXPECT_THAT(error_of(policy("  <rule name=\"x\" value=\"Channels\" tracktype=\"Audio\" "
                                "occurrence=\"2\" operator=\"=\">2</rule>\n")),
                HasSubstr("occurrence '2' is not supported for Audio"));
    // MediaTrace and reference-file comparisons.
    EXPECT_THAT(error_of(policy("  <rule name=\"x\" scope=\"mmt\" value=\"ebml/x\" "
                                "tracktype=\"General\" operator=\"exists\"/>\n")),
                HasSubstr("scope 'mmt' is not supported"));
    EXPECT_THAT(error_of(policy(rule("Video", "Width", "=", "compare"))),
                HasSubstr("comparing with another file"));
}

TEST(MediaConchImportErrors, MalformedPoliciesAreErrors) {
    EXPECT_THAT(error_of(policy(rule("Video", "Width", "=", "1920"), "type=\"xor\"")),
                HasSubstr("policy 'Delivery': type 'xor' is not 'and' or 'or'"));
    EXPECT_THAT(error_of(policy("")), HasSubstr("policy 'Delivery' holds no rule"));
    EXPECT_THAT(error_of(policy("  <check/>\n")), HasSubstr("delivery.xml:3: unexpected <check>"));
    EXPECT_THAT(
        error_of(policy(rule("Video", "Width", "=", "1920"), "type=\"and\" level=\"severe\"")),
        HasSubstr("level 'severe' is not fail, warn or info"));
    EXPECT_THAT(error_of(policy("  <policy type=\"and\" name=\"g\">\n"
                                "    <rule name=\"w\" value=\"Width\" tracktype=\"Video\" "
                                "level=\"warn\">1920</rule>\n  </policy>\n")),
                HasSubstr("delivery.xml:4: rule 'w': a level inside a group is not supported"));
    EXPECT_THAT(error_of("<xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"/>"),
                HasSubstr("XSL and Schematron policies are not supported"));
}

}  // namespace
}  // namespace media::spec
