// SPDX-License-Identifier: Apache-2.0
// Transcode presets: every shipped preset loads and is accepted by libav through MediaSink
// (checked back with ffprobe); bad files give "<file>:<line>: key '<path>': <problem>" errors;
// presets are found by name and by path.
#include "media/transcode/preset.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../io/media_io_fixtures.h"
#include "media/io/media_sink.h"

namespace fs = std::filesystem;

namespace media::transcode {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string k_source_presets = SLATE_SOURCE_DIR "/presets";

std::vector<fs::path> shipped_preset_files() {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(k_source_presets + "/transcode"))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// Points $SLATE_PRESETS_DIR somewhere for one test and restores it after.
class PresetsDirOverride {
public:
    explicit PresetsDirOverride(const std::optional<std::string>& dir) {
        if (const char* old = std::getenv("SLATE_PRESETS_DIR")) m_old = old;
        if (dir)
            setenv("SLATE_PRESETS_DIR", dir->c_str(), 1);
        else
            unsetenv("SLATE_PRESETS_DIR");
    }
    ~PresetsDirOverride() {
        if (m_old)
            setenv("SLATE_PRESETS_DIR", m_old->c_str(), 1);
        else
            unsetenv("SLATE_PRESETS_DIR");
    }

private:
    std::optional<std::string> m_old;
};

TranscodePreset shipped(const std::string& name) {
    auto preset = load_preset_file(k_source_presets + "/transcode/" + name + ".yaml");
    EXPECT_TRUE(preset.ok()) << preset.error().to_string();
    return preset.ok() ? *preset : TranscodePreset{};
}

// ---- shipped presets ------------------------------------------------------------------------

TEST(ShippedPresets, EveryFileLoadsAndValidates) {
    const auto files = shipped_preset_files();
    ASSERT_GE(files.size(), 14u);
    for (const fs::path& file : files) {
        EXPECT_EQ(file.extension(), ".yaml") << file;
        auto preset = load_preset_file(file.string());
        ASSERT_TRUE(preset.ok()) << preset.error().to_string();
        EXPECT_EQ(preset->name, file.stem().string());
        EXPECT_EQ(preset->source_file, file.string());
        EXPECT_FALSE(preset->description.empty()) << file;
        EXPECT_EQ(preset->naming, "{clip}_{preset}") << file;
        if (preset->kind == OutputKind::Movie) {
            EXPECT_FALSE(preset->codec.empty()) << file;
        } else {
            EXPECT_EQ(preset->audio.mode, AudioMode::None) << file;
            EXPECT_TRUE(preset->pixel_format.has_value()) << file;
        }
    }
}

TEST(ShippedPresets, TheRequiredSetShips) {
    const std::set<std::string> required{
        "dnxhd_36_mxf",      "dnxhd_36_mov", "dnxhr_lb_mxf", "dnxhr_lb_mov", "prores_proxy",
        "prores_lt",         "prores_422",   "prores_hq",    "prores_4444",  "h264_review",
        "hevc_10bit_review", "dpx_10bit",    "exr_half",     "match_source"};
    PresetsDirOverride dir(k_source_presets);
    const auto names = builtin_preset_names();
    for (const std::string& name : required)
        EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

TEST(ShippedPresets, AvidProxiesAreWhatTheirNamesSay) {
    const TranscodePreset dnxhd = shipped("dnxhd_36_mxf");
    EXPECT_EQ(dnxhd.codec, "dnxhd");
    EXPECT_EQ(dnxhd.codec_options.at("b"), "36M");
    EXPECT_EQ(dnxhd.pixel_format, PixelFormat::Yuv422p8);
    EXPECT_EQ(dnxhd.scale.mode, ScaleMode::Pad);  // DNxHD 36 exists at 1920x1080 only
    EXPECT_EQ(dnxhd.scale.width, 1920);
    EXPECT_EQ(dnxhd.scale.height, 1080);
    EXPECT_EQ(dnxhd.container, "mxf");
    EXPECT_EQ(dnxhd.audio.mode, AudioMode::Pcm);
    EXPECT_EQ(dnxhd.audio.codec, "pcm_s24le");
    EXPECT_TRUE(dnxhd.audio.channels.empty());  // every source channel kept

    const TranscodePreset dnxhr = shipped("dnxhr_lb_mov");
    EXPECT_EQ(dnxhr.codec_options.at("profile"), "dnxhr_lb");
    EXPECT_EQ(dnxhr.scale.mode, ScaleMode::Fit);
    EXPECT_EQ(dnxhr.extension, ".mov");
    EXPECT_EQ(dnxhr.color.tags.matrix, MatrixCoefficients::BT709);
    EXPECT_EQ(dnxhr.color.tags.range, ColorRange::Limited);
    EXPECT_EQ(dnxhr.color.tags.primaries, ColorPrimaries::Unspecified);  // "source"
}

TEST(ShippedPresets, ReviewCopiesCarryBurnInsAndStereoAac) {
    const TranscodePreset h264 = shipped("h264_review");
    EXPECT_EQ(h264.container_options.at("movflags"), "+faststart");
    EXPECT_EQ(h264.audio.mode, AudioMode::Aac);
    EXPECT_EQ(h264.audio.bitrate, 192000);
    EXPECT_EQ(h264.audio.channels, (std::vector<int>{0, 1}));
    ASSERT_EQ(h264.burnin.elements.size(), 2u);
    EXPECT_EQ(h264.burnin.elements[0].field, BurnInField::Timecode);
    EXPECT_EQ(h264.burnin.elements[0].anchor, Anchor::BottomLeft);
    EXPECT_EQ(h264.burnin.elements[0].prefix, "TC ");
    EXPECT_DOUBLE_EQ(h264.burnin.elements[0].size, 0.045);
    EXPECT_EQ(h264.burnin.elements[1].field, BurnInField::ClipName);
    EXPECT_EQ(h264.burnin.elements[1].anchor, Anchor::BottomRight);

    const TranscodePreset hevc = shipped("hevc_10bit_review");
    EXPECT_EQ(hevc.codec_tag, "hvc1");
    EXPECT_EQ(hevc.pixel_format, PixelFormat::Yuv420p10);
}

TEST(ShippedPresets, ImageSequencesAndMatchSource) {
    const TranscodePreset dpx = shipped("dpx_10bit");
    EXPECT_EQ(dpx.kind, OutputKind::ImageSequence);
    EXPECT_EQ(dpx.pixel_format, PixelFormat::Rgb16);
    EXPECT_EQ(dpx.image_attributes.at("oiio:BitsPerSample"), "10");
    EXPECT_TRUE(dpx.codec.empty());

    const TranscodePreset exr = shipped("exr_half");
    EXPECT_EQ(exr.pixel_format, PixelFormat::RgbaHalf);
    EXPECT_EQ(exr.image_attributes.at("compression"), "zip");

    const TranscodePreset match = shipped("match_source");
    EXPECT_FALSE(match.pixel_format.has_value());
    EXPECT_EQ(match.scale.mode, ScaleMode::None);
    EXPECT_TRUE(match.scale.keep_sar);
    EXPECT_EQ(match.frame_rate.mode, FrameRateMode::Keep);
    EXPECT_EQ(match.audio.mode, AudioMode::Copy);
    EXPECT_EQ(match.color.tags, ColorInfo{});  // every tag copied from the source
}

// What ffprobe must report for the video stream each movie preset writes.
struct ProbeExpectation {
    std::string codec_name;
    std::string profile;
    std::string pix_fmt;
};

const std::map<std::string, ProbeExpectation>& probe_expectations() {
    // ProRes 4444 decodes as 12-bit in libavcodec whatever the encoder was given.
    static const std::map<std::string, ProbeExpectation> table{
        {"dnxhd_36_mxf", {"dnxhd", "DNXHD", "yuv422p"}},
        {"dnxhd_36_mov", {"dnxhd", "DNXHD", "yuv422p"}},
        {"dnxhr_lb_mxf", {"dnxhd", "DNXHR LB", "yuv422p"}},
        {"dnxhr_lb_mov", {"dnxhd", "DNXHR LB", "yuv422p"}},
        {"prores_proxy", {"prores", "Proxy", "yuv422p10le"}},
        {"prores_lt", {"prores", "LT", "yuv422p10le"}},
        {"prores_422", {"prores", "Standard", "yuv422p10le"}},
        {"prores_hq", {"prores", "HQ", "yuv422p10le"}},
        {"prores_4444", {"prores", "4444", "yuv444p12le"}},
        {"match_source", {"prores", "HQ", "yuv422p10le"}},
        {"h264_review", {"h264", "High", "yuv420p"}},
        {"hevc_10bit_review", {"hevc", "Main 10", "yuv420p10le"}},
    };
    return table;
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

SinkOptions sink_options_for(const TranscodePreset& preset) {
    SinkOptions options;
    VideoEncodeSettings video;
    video.codec = preset.codec;
    video.options = preset.codec_options;
    video.pixel_format = preset.pixel_format.value_or(PixelFormat::Yuv422p10);  // a 4:2:2 source
    // Fixed-size presets at their size; the rest at a small size that keeps the test quick.
    const bool fixed =
        preset.scale.mode == ScaleMode::Pad || preset.scale.mode == ScaleMode::Stretch;
    video.width = fixed ? preset.scale.width : 640;
    video.height = fixed ? preset.scale.height : 360;
    video.frame_rate = Rational(24, 1);  // DNxHD 36 and MXF take 24 fps
    video.codec_tag = preset.codec_tag;
    options.video = video;
    if (preset.audio.mode == AudioMode::Pcm || preset.audio.mode == AudioMode::Aac) {
        AudioEncodeSettings audio;
        audio.codec = preset.audio.codec;
        audio.bit_rate = preset.audio.bitrate;
        options.audio = audio;
    }
    options.container = preset.container;
    options.container_options = preset.container_options;
    return options;
}

// The reference: libav itself must accept each preset's encoder, options, pixel format, muxer
// and muxer options, and ffprobe must find the codec profile the preset is named after.
TEST(ShippedPresets, MoviePresetsEncodeThroughMediaSink) {
    constexpr int k_frames = 6;
    test::ScratchDir scratch;
    size_t checked = 0;
    for (const fs::path& file : shipped_preset_files()) {
        auto preset = load_preset_file(file.string());
        ASSERT_TRUE(preset.ok()) << preset.error().to_string();
        if (preset->kind != OutputKind::Movie) continue;
        SCOPED_TRACE(preset->name);
        const std::string out = scratch.file(preset->name + preset->extension);
        const SinkOptions options = sink_options_for(*preset);
        auto sink = MediaSink::create(out, options);
        ASSERT_TRUE(sink.ok()) << sink.error().to_string();
        auto frame = Frame::allocate(FrameSpec{
            options.video->width, options.video->height, options.video->pixel_format, {}});
        ASSERT_TRUE(frame.ok());
        // More frames than x265's B-frame delay: with fewer, its first dts is garbage and mp4
        // refuses the packet ("pts/dts pair unsupported").
        for (int n = 0; n < k_frames; ++n) {
            ASSERT_TRUE(sink->write_video(*frame).ok());
            if (!options.audio) continue;
            auto block = AudioBlock::allocate(2, 2000, 48000, "stereo");  // one 24 fps frame
            ASSERT_TRUE(sink->write_audio(*block).ok());
        }
        auto finished = sink->finish();
        ASSERT_TRUE(finished.ok()) << finished.error().to_string();

        const auto expected = probe_expectations().find(preset->name);
        ASSERT_NE(expected, probe_expectations().end())
            << "add an expectation for " << preset->name;
        // One ffprobe run per file (each costs a process start): video then audio, in
        // ffprobe's field order codec_name, profile, codec_tag_string, pix_fmt (audio streams
        // have no pix_fmt).
        const std::vector<std::string> lines = split_lines(
            test::run("ffprobe -v error -show_entries stream=codec_name,profile,codec_tag_string,"
                      "pix_fmt -of default=nw=1:nk=1 " +
                      test::quote(out)));
        ASSERT_EQ(lines.size(), options.audio ? 7u : 4u) << test::quote(out);
        EXPECT_EQ(lines[0], expected->second.codec_name);
        EXPECT_EQ(lines[1], expected->second.profile);
        if (!preset->codec_tag.empty()) {
            EXPECT_EQ(lines[2], preset->codec_tag);
        }
        EXPECT_EQ(lines[3], expected->second.pix_fmt);
        if (options.audio) {
            EXPECT_EQ(lines[4], preset->audio.codec);
        }
        ++checked;
    }
    EXPECT_EQ(checked, probe_expectations().size());
}

// ---- parsing and defaults -------------------------------------------------------------------

const std::string k_minimal = R"(schema: slate.transcode-preset
version: 1
output: {container: mov}
video: {codec: prores_ks}
)";

TEST(ParsePreset, MinimalPresetTakesTheDefaults) {
    auto preset = parse_preset(k_minimal, "presets/my_proxy.yaml");
    ASSERT_TRUE(preset.ok()) << preset.error().to_string();
    EXPECT_EQ(preset->name, "my_proxy");
    EXPECT_EQ(preset->kind, OutputKind::Movie);
    EXPECT_EQ(preset->extension, ".mov");
    EXPECT_FALSE(preset->pixel_format.has_value());
    EXPECT_EQ(preset->scale.mode, ScaleMode::None);
    EXPECT_EQ(preset->frame_rate.mode, FrameRateMode::Keep);
    EXPECT_EQ(preset->audio.mode, AudioMode::None);
    EXPECT_EQ(preset->naming, "{clip}_{preset}");
    EXPECT_TRUE(preset->burnin.empty());
}

TEST(ParsePreset, ReadsEveryKey) {
    const std::string yaml = k_minimal + R"(name: custom
description: every key
scale: {mode: fill, width: 1280, height: 0, even: false, filter: lanczos, keep_sar: true}
frame_rate: {mode: conform, rate: 24000/1001}
audio: {mode: aac, channels: [2, 3], bitrate: 1.5M, sample_rate: 44100}
color: {primaries: bt2020, transfer: smpte2084, matrix: bt2020nc, range: pc,
        chroma_location: topleft, convert_matrix: false}
naming: "{reel}/{clip}_{tc}"
burnin:
  - {field: watermark, text: "NOT FOR DISTRIBUTION"}
  - {field: frame, anchor: top-right, counter_start: 86400, counter_digits: 7, margin: 0.05,
     color: [1, 1, 0], box: false, box_color: [0, 0, 0.5, 0.25], opacity: 0.8,
     font: "DejaVu Sans:style=Bold"}
)";
    auto preset = parse_preset(yaml, "x.yaml");
    ASSERT_TRUE(preset.ok()) << preset.error().to_string();
    EXPECT_EQ(preset->name, "custom");
    EXPECT_EQ(preset->scale.mode, ScaleMode::Fill);
    EXPECT_EQ(preset->scale.width, 1280);
    EXPECT_FALSE(preset->scale.even);
    EXPECT_EQ(preset->scale.filter, "lanczos");
    EXPECT_TRUE(preset->scale.keep_sar);
    EXPECT_EQ(preset->frame_rate.rate, Rational(24000, 1001));
    EXPECT_EQ(preset->audio.codec, "aac");
    EXPECT_EQ(preset->audio.bitrate, 1'500'000);
    EXPECT_EQ(preset->audio.sample_rate, 44100);
    EXPECT_EQ(preset->color.tags.transfer, TransferCharacteristic::SMPTE2084);
    EXPECT_EQ(preset->color.tags.matrix, MatrixCoefficients::BT2020_NCL);
    EXPECT_EQ(preset->color.tags.range, ColorRange::Full);
    EXPECT_EQ(preset->color.tags.chroma_location, ChromaLocation::TopLeft);
    EXPECT_FALSE(preset->color.convert_matrix);
    ASSERT_EQ(preset->burnin.elements.size(), 2u);
    const BurnInElement& mark = preset->burnin.elements[0];
    EXPECT_EQ(mark.anchor, Anchor::Center);  // watermark defaults
    EXPECT_FALSE(mark.box);
    EXPECT_EQ(mark.text, "NOT FOR DISTRIBUTION");
    const BurnInElement& counter = preset->burnin.elements[1];
    EXPECT_EQ(counter.field, BurnInField::FrameCounter);
    EXPECT_EQ(counter.counter_start, 86400);
    EXPECT_EQ(counter.counter_digits, 7);
    EXPECT_EQ(counter.color, (std::array<double, 4>{1, 1, 0, 1}));
    EXPECT_EQ(counter.box_color, (std::array<double, 4>{0, 0, 0.5, 0.25}));
    EXPECT_DOUBLE_EQ(counter.opacity, 0.8);
    EXPECT_EQ(counter.font, "DejaVu Sans:style=Bold");
}

TEST(ParsePreset, PixelFormatNamesAreFfmpegs) {
    for (const auto& [name, format] : std::vector<std::pair<std::string, PixelFormat>>{
             {"yuv422p10le", PixelFormat::Yuv422p10},
             {"yuv422p10", PixelFormat::Yuv422p10},  // ffmpeg's native-endian alias
             {"yuv420p", PixelFormat::Yuv420p8},
             {"yuva444p10le", PixelFormat::Yuva444p10}}) {
        const std::string yaml =
            "schema: slate.transcode-preset\nversion: 1\n"
            "output: {container: mov}\n"
            "video: {codec: prores_ks, pixel_format: " +
            name + "}\n";
        auto parsed = parse_preset(yaml, "x.yaml");
        ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
        EXPECT_EQ(parsed->pixel_format, format) << name;
    }
}

// ---- errors: "<file>:<line>: key '<path>': <problem>" ---------------------------------------

void expect_error(const std::string& yaml, const std::string& where, const std::string& problem) {
    auto preset = parse_preset(yaml, "bad.yaml");
    ASSERT_FALSE(preset.ok()) << "accepted:\n" << yaml;
    EXPECT_EQ(preset.error().code(), ErrorCode::InvalidArgument);
    EXPECT_THAT(preset.error().message(), StartsWith(where)) << yaml;
    EXPECT_THAT(preset.error().message(), HasSubstr(problem)) << yaml;
}

TEST(PresetErrors, UnknownKeyAtANestedLevel) {
    expect_error(k_minimal + "scale:\n  mode: fit\n  width: 1920\n  widht: 1080\n",
                 "bad.yaml:8: key 'scale.widht': ", "unknown key (allowed: mode, width, height");
    expect_error(k_minimal + "burnin:\n  - {field: clip}\n  - {field: reel, anchr: top}\n",
                 "bad.yaml:7: key 'burnin[1].anchr': ", "unknown key");
    expect_error(k_minimal + "colour: source\n", "bad.yaml:5: key 'colour': ", "unknown key");
}

TEST(PresetErrors, BadEnumValueListsTheAllowedOnes) {
    expect_error(k_minimal + "scale: {mode: fitt, width: 1920}\n", "bad.yaml:5: key 'scale.mode': ",
                 "unknown value 'fitt' (fit, fill, pad, stretch, none)");
    expect_error(k_minimal + "audio: {mode: mp3}\n",
                 "bad.yaml:5: key 'audio.mode': ", "(none, copy, pcm, aac)");
    expect_error(k_minimal + "scale: {mode: fit, width: 8, filter: sinc}\n",
                 "bad.yaml:5: key 'scale.filter': ", "(bilinear, bicubic, lanczos, spline, point)");
    expect_error(k_minimal + "color: {matrix: rec709}\n",
                 "bad.yaml:5: key 'color.matrix': ", "unknown value 'rec709' (source, gbr, bt709");
    expect_error(k_minimal + "burnin:\n  - field: clip\n    anchor: middle\n",
                 "bad.yaml:7: key 'burnin[0].anchor': ", "unknown value 'middle'");
    expect_error(k_minimal + "burnin:\n  - {field: shot}\n", "bad.yaml:6: key 'burnin[0].field': ",
                 "(timecode, frame, clip, reel, text, watermark)");
    expect_error(
        "schema: slate.transcode-preset\nversion: 1\noutput: {container: mov}\n"
        "video: {codec: prores_ks, pixel_format: yuv422p9}\n",
        "bad.yaml:4: key 'video.pixel_format': ",
        "unknown pixel format 'yuv422p9' (source, yuv420p");
}

TEST(PresetErrors, WrongTypes) {
    expect_error(k_minimal + "scale: {mode: fit, width: wide}\n",
                 "bad.yaml:5: key 'scale.width': ", "expected an integer, got 'wide'");
    expect_error(k_minimal + "scale: [fit]\n",
                 "bad.yaml:5: key 'scale': ", "expected a mapping, got a list");
    expect_error(k_minimal + "scale:\n",
                 "bad.yaml:5: key 'scale': ", "expected a mapping, got nothing");
    expect_error(k_minimal + "scale: {mode: fit, width: 8, even: maybe}\n",
                 "bad.yaml:5: key 'scale.even': ", "expected true or false");
    expect_error(k_minimal + "audio: {mode: pcm, codec: pcm_s16le, channels: 2}\n",
                 "bad.yaml:5: key 'audio.channels': ", "expected a list");
    expect_error(k_minimal + "audio: {mode: pcm, codec: pcm_s16le, channels: [0, left]}\n",
                 "bad.yaml:5: key 'audio.channels[1]': ", "expected a channel number");
    expect_error(k_minimal + "description: [a, b]\n",
                 "bad.yaml:5: key 'description': ", "expected text");
    expect_error(k_minimal + "burnin:\n  - {field: clip, color: [1, 1, 2]}\n",
                 "bad.yaml:6: key 'burnin[0].color[2]': ", "out of range (0 to 1)");
}

TEST(PresetErrors, SchemaAndVersion) {
    expect_error("version: 1\noutput: {container: mov}\nvideo: {codec: prores_ks}\n",
                 "bad.yaml:1: key 'schema': ", "missing required key");
    expect_error("schema: slate.qc-profile\nversion: 1\nchecks: []\n", "bad.yaml:1: key 'schema': ",
                 "expected 'slate.transcode-preset', got 'slate.qc-profile'");
    expect_error("schema: slate.transcode-preset\nversion: 2\n",
                 "bad.yaml:2: key 'version': ", "unsupported version 2 (this build reads 1)");
    expect_error("schema: slate.transcode-preset\nversion: one\n",
                 "bad.yaml:2: key 'version': ", "expected an integer");
    expect_error("schema: slate.transcode-preset\noutput: {container: mov}\n",
                 "bad.yaml:1: key 'version': ", "missing required key");
}

TEST(PresetErrors, MalformedYamlNamesTheLine) {
    expect_error(k_minimal + "scale: {mode: fit, width: [1920\n", "bad.yaml:", "malformed YAML");
    expect_error("schema: slate.transcode-preset\nversion: 1\noutput: container: mov\n",
                 "bad.yaml:3: ", "malformed YAML");
    expect_error("", "bad.yaml:1: ", "empty file");
    expect_error("- schema\n- version\n", "bad.yaml:1: expected a mapping", "got a list");
    expect_error(k_minimal + "---\n" + k_minimal, "bad.yaml:5: ", "more than one YAML document");
    // yaml-cpp's LoadAll turns a stray top-level ',' into empty documents until memory runs out.
    expect_error(",x\n" + k_minimal, "bad.yaml:1: ", "expected a mapping, got nothing");
    expect_error(std::string(100000, '[') + std::string(100000, ']'), "bad.yaml:", "YAML");
    expect_error(std::string("schema: \xff\xfe\x00\x01 garbage\n", 22), "bad.yaml:", "");
}

TEST(PresetErrors, BadNumbers) {
    expect_error(k_minimal + "scale: {mode: fit, width: 1919, height: 1080}\n",
                 "bad.yaml:5: key 'scale.width': ", "odd size 1919 with even: true");
    expect_error(k_minimal + "scale:\n  mode: pad\n  width: 1920\n  height: 1081\n",
                 "bad.yaml:8: key 'scale.height': ", "odd size 1081");
    expect_error(k_minimal + "scale: {mode: fit, width: -1920}\n",
                 "bad.yaml:5: key 'scale.width': ", "-1920 is out of range (0 to 32768)");
    expect_error(k_minimal + "scale: {mode: pad, width: 1920}\n",
                 "bad.yaml:5: key 'scale.height': ", "needs a width and a height");
    expect_error(k_minimal + "scale: {mode: none, width: 1920}\n",
                 "bad.yaml:5: key 'scale.width': ", "not used with mode 'none'");
    expect_error(k_minimal + "frame_rate: {mode: conform, rate: fast}\n",
                 "bad.yaml:5: key 'frame_rate.rate': ", "'fast' is not a frame rate");
    expect_error(k_minimal + "frame_rate: {mode: conform, rate: 0/1}\n",
                 "bad.yaml:5: key 'frame_rate.rate': ", "not a frame rate");
    expect_error(k_minimal + "frame_rate: {mode: conform}\n",
                 "bad.yaml:5: key 'frame_rate.rate': ", "missing required key");
    expect_error(k_minimal + "frame_rate: {mode: keep, rate: 25}\n",
                 "bad.yaml:5: key 'frame_rate.rate': ", "not used with mode 'keep'");
    expect_error(k_minimal + "audio: {mode: aac, bitrate: lots}\n",
                 "bad.yaml:5: key 'audio.bitrate': ", "not a bitrate");
    expect_error(k_minimal + "burnin:\n  - {field: clip, size: -0.1}\n",
                 "bad.yaml:6: key 'burnin[0].size': ", "out of range");
}

TEST(PresetErrors, KeysThatDoNotBelong) {
    expect_error(k_minimal + "scale: {mode: fit, width: 8}\nscale: {mode: fit, width: 8}\n",
                 "bad.yaml:6: key 'scale': ", "duplicate key");
    expect_error(k_minimal + "audio: {mode: pcm, codec: pcm_s24le, bitrate: 192k}\n",
                 "bad.yaml:5: key 'audio.bitrate': ", "not used with mode 'pcm'");
    expect_error(k_minimal + "audio: {mode: pcm, codec: aac}\n",
                 "bad.yaml:5: key 'audio.codec': ", "not a PCM codec");
    expect_error(k_minimal + "audio: {mode: pcm}\n",
                 "bad.yaml:5: key 'audio.codec': ", "missing required key");
    expect_error(k_minimal + "burnin:\n  - {field: timecode, text: hello}\n",
                 "bad.yaml:6: key 'burnin[0].text': ", "not used by field 'timecode'");
    expect_error(k_minimal + "burnin:\n  - {field: text}\n",
                 "bad.yaml:6: key 'burnin[0].text': ", "missing required key");
    expect_error(k_minimal + "naming: \"{clip}_{shot}\"\n",
                 "bad.yaml:5: key 'naming': ", "unknown field '{shot}'");
    expect_error(
        "schema: slate.transcode-preset\nversion: 1\noutput: {container: mov}\nvideo: {}\n",
        "bad.yaml:4: key 'video.codec': ", "missing required key");
    expect_error("schema: slate.transcode-preset\nversion: 1\noutput: {container: mov}\n",
                 "bad.yaml:1: key 'video': ", "missing required key");
    expect_error(
        "schema: slate.transcode-preset\nversion: 1\noutput: {container: avi}\n"
        "video: {codec: mpeg4}\n",
        "bad.yaml:3: key 'output.extension': ", "no default for container 'avi'");
    expect_error(k_minimal + "video: {codec: x264, tag: hvc}\n",
                 "bad.yaml:5: key 'video': ", "duplicate key");
}

TEST(PresetErrors, ImageSequenceRules) {
    const std::string head =
        "schema: slate.transcode-preset\nversion: 1\noutput: {kind: image-sequence, container: "
        "dpx}\n";
    expect_error(head + "video: {pixel_format: rgb48le}\naudio: {mode: pcm, codec: pcm_s16le}\n",
                 "bad.yaml:5: key 'audio.mode': ", "image sequences cannot hold audio");
    expect_error(
        head + "video: {codec: dpx, pixel_format: rgb48le}\n",
        "bad.yaml:4: key 'video.codec': ", "image sequences are written by the dpx writer");
    expect_error(head + "video: {pixel_format: yuv422p10le}\n",
                 "bad.yaml:4: key 'video.pixel_format': ", "packed RGB(A)");
    expect_error(head + "video: {pixel_format: rgbaf16le}\n",
                 "bad.yaml:4: key 'video.pixel_format': ", "DPX takes integer formats");
    expect_error(head + "video: {}\n",
                 "bad.yaml:4: key 'video.pixel_format': ", "missing required key");
    expect_error(
        "schema: slate.transcode-preset\nversion: 1\n"
        "output: {kind: image-sequence, container: exr, extension: .dpx}\n"
        "video: {pixel_format: rgbaf16le}\n",
        "bad.yaml:3: key 'output.extension': ", "'.dpx' does not suit container 'exr'");
    expect_error(
        "schema: slate.transcode-preset\nversion: 1\noutput: {kind: image-sequence, container: "
        "png}\n"
        "video: {pixel_format: rgb24}\n",
        "bad.yaml:3: key 'output.container': ", "unknown value 'png' (dpx, exr, tiff)");
}

// ---- files, names and the presets folder ----------------------------------------------------

TEST(FindPreset, ByNameFromThePresetsFolder) {
    PresetsDirOverride dir(k_source_presets);
    EXPECT_EQ(presets_dir(), k_source_presets + "/transcode");
    auto preset = find_preset("prores_hq");
    ASSERT_TRUE(preset.ok()) << preset.error().to_string();
    EXPECT_EQ(preset->name, "prores_hq");
    EXPECT_EQ(preset->codec_options.at("profile"), "hq");

    auto missing = find_preset("prores_hqq");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_THAT(missing.error().message(), HasSubstr("no preset named 'prores_hqq'"));
    EXPECT_THAT(missing.error().message(), HasSubstr("prores_hq, prores_lt"));
}

TEST(FindPreset, ByPathAndFromAnOverriddenFolder) {
    test::ScratchDir scratch;
    fs::create_directories(scratch.path() / "transcode");
    const std::string custom = (scratch.path() / "transcode" / "house_proxy.yaml").string();
    std::ofstream(custom) << k_minimal << "description: the house proxy\n";
    std::ofstream((scratch.path() / "transcode" / "notes.txt").string()) << "not a preset\n";

    auto by_path = find_preset(custom);
    ASSERT_TRUE(by_path.ok()) << by_path.error().to_string();
    EXPECT_EQ(by_path->name, "house_proxy");
    EXPECT_EQ(by_path->source_file, custom);

    PresetsDirOverride dir(scratch.path().string());
    EXPECT_EQ(builtin_preset_names(), std::vector<std::string>{"house_proxy"});
    auto by_name = find_preset("house_proxy");
    ASSERT_TRUE(by_name.ok()) << by_name.error().to_string();
    EXPECT_EQ(by_name->description, "the house proxy");
    EXPECT_FALSE(find_preset("prores_hq").ok());  // the built-ins are elsewhere now

    auto missing_file = find_preset(scratch.file("nope.yaml"));
    ASSERT_FALSE(missing_file.ok());
    EXPECT_EQ(missing_file.error().code(), ErrorCode::NotFound);
    auto folder = load_preset_file(scratch.path().string());
    ASSERT_FALSE(folder.ok());
}

TEST(FindPreset, ErrorsFromAFileNameIt) {
    test::ScratchDir scratch;
    const std::string path = scratch.file("broken.yaml");
    std::ofstream(path) << k_minimal << "scale: {mode: stretch, width: 1920, height: 0}\n";
    auto preset = find_preset(path);
    ASSERT_FALSE(preset.ok());
    EXPECT_THAT(preset.error().message(), StartsWith(path + ":5: key 'scale.height': "));
}

TEST(FindPreset, DefaultFolderIsTheSourceTree) {
    PresetsDirOverride dir(std::nullopt);
    EXPECT_EQ(fs::path(presets_dir()), fs::path(k_source_presets) / "transcode");
    EXPECT_FALSE(builtin_preset_names().empty());
}

TEST(PresetNames, ToString) {
    EXPECT_EQ(to_string(ScaleMode::Fit), "fit");
    EXPECT_EQ(to_string(AudioMode::Aac), "aac");
    EXPECT_EQ(to_string(OutputKind::ImageSequence), "image-sequence");
    EXPECT_EQ(to_string(FrameRateMode::Conform), "conform");
}

}  // namespace
}  // namespace media::transcode
