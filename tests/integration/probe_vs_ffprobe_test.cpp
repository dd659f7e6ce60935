// SPDX-License-Identifier: Apache-2.0
// probe() against ffprobe, field by field, on every media file of $SLATE_SAMPLES_DIR or, when it is
// unset, on fixtures made here with the ffmpeg CLI: ProRes 4444 + 4ch 24-bit PCM + timecode in
// MOV, H.264 29.97 + AAC + drop-frame timecode in MP4, DNxHR + PCM in MXF, HEVC 10-bit PQ with
// mastering metadata in MP4. ffprobe is the reference; only durations have a tolerance (1 ms,
// ffprobe prints six decimals).
#include <cstdlib>
#include <filesystem>
#include <set>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/io/probe.h"
#include "test_support.h"

namespace media {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string ratio(Rational r, char separator = '/') {
    return r.valid() ? std::to_string(r.num()) + separator + std::to_string(r.den()) : "0/0";
}

double parse_ratio(const std::string& text) {
    auto value = Rational::parse(text);
    return value ? value->to_double() : std::stod(text);
}

// ffprobe omits a field it has no value for; `fallback` is what probe reports then.
std::string text(const json& object, const char* key, const std::string& fallback = "") {
    if (!object.contains(key)) return fallback;
    return object[key].is_string() ? object[key].get<std::string>() : object[key].dump();
}

std::string tag(const json& object, const char* key) {
    return object.contains("tags") ? text(object["tags"], key) : "";
}

json run_json(const std::string& args, const test::ScratchDir& scratch) {
    auto result = test::run_command("ffprobe -v error " + args + " -of json", scratch);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out, nullptr, false);
}

void expect_duration(const json& object, std::optional<double> actual) {
    if (!object.contains("duration")) {
        EXPECT_FALSE(actual.has_value());
        return;
    }
    ASSERT_TRUE(actual.has_value());
    EXPECT_NEAR(std::stod(object["duration"].get<std::string>()), *actual, 1e-3);
}

void expect_optional_count(const json& object, const char* key, std::optional<int64_t> actual) {
    if (!object.contains(key)) {
        EXPECT_FALSE(actual.has_value()) << key;
        return;
    }
    ASSERT_TRUE(actual.has_value()) << key;
    EXPECT_EQ(std::stoll(text(object, key)), *actual) << key;
}

void compare_color(const json& s, const ColorInfo& color) {
    EXPECT_EQ(text(s, "color_range", "unknown"), to_string(color.range));
    EXPECT_EQ(text(s, "color_space", "unknown"), to_string(color.matrix));
    EXPECT_EQ(text(s, "color_transfer", "unknown"), to_string(color.transfer));
    EXPECT_EQ(text(s, "color_primaries", "unknown"), to_string(color.primaries));
    if (s.contains("chroma_location")) {
        EXPECT_EQ(text(s, "chroma_location"), to_string(color.chroma_location));
    }
}

void compare_video(const json& s, const StreamInfo& stream) {
    ASSERT_TRUE(stream.video);
    const VideoInfo& v = *stream.video;
    EXPECT_EQ(s["width"], v.width);
    EXPECT_EQ(s["height"], v.height);
    EXPECT_EQ(text(s, "r_frame_rate"), ratio(v.r_frame_rate));
    EXPECT_EQ(text(s, "avg_frame_rate"), ratio(v.avg_frame_rate));
    EXPECT_EQ(text(s, "pix_fmt"), v.pixel_format);
    if (s.contains("sample_aspect_ratio") && text(s, "sample_aspect_ratio") != "N/A") {
        EXPECT_EQ(text(s, "sample_aspect_ratio"), ratio(v.sample_aspect_ratio, ':'));
        EXPECT_EQ(text(s, "display_aspect_ratio"), ratio(v.display_aspect_ratio, ':'));
    }
    if (s.contains("bits_per_raw_sample")) {
        EXPECT_EQ(std::stoi(text(s, "bits_per_raw_sample")), v.bit_depth);
    }
    EXPECT_EQ(s.value("level", -99), stream.level);
    compare_color(s, v.color);
    expect_optional_count(s, "nb_read_frames", stream.decoded_frame_count);
}

void compare_audio(const json& s, const StreamInfo& stream) {
    ASSERT_TRUE(stream.audio);
    const AudioInfo& a = *stream.audio;
    EXPECT_EQ(s["channels"], a.channels);
    if (text(s, "channel_layout", "unknown") != "unknown") {
        EXPECT_EQ(text(s, "channel_layout"), a.channel_layout);
    }
    EXPECT_EQ(std::stoi(text(s, "sample_rate")), a.sample_rate);
    EXPECT_EQ(text(s, "sample_fmt"), a.sample_format);
    if (s.contains("bits_per_raw_sample")) {
        EXPECT_EQ(std::stoi(text(s, "bits_per_raw_sample")), a.bit_depth);
    }
}

void compare_stream(const json& s, const StreamInfo& stream) {
    SCOPED_TRACE("stream " + std::to_string(stream.index));
    EXPECT_EQ(text(s, "codec_name"), stream.codec);
    if (s.contains("profile")) {
        EXPECT_EQ(text(s, "profile"), stream.profile);
    }
    std::string tag_string = text(s, "codec_tag_string");
    EXPECT_EQ(tag_string == "[0][0][0][0]" ? "" : tag_string, stream.codec_tag);
    EXPECT_EQ(text(s, "time_base"), ratio(stream.time_base));
    expect_duration(s, stream.duration_seconds);
    expect_optional_count(s, "nb_frames", stream.frame_count);
    EXPECT_EQ(tag(s, "timecode"), stream.timecode);
    if (s.contains("bit_rate")) {
        EXPECT_EQ(std::stoll(text(s, "bit_rate")), stream.bit_rate);
    }
    const std::string type = text(s, "codec_type");
    if (type == "video") compare_video(s, stream);
    if (type == "audio") compare_audio(s, stream);
}

void compare_side_data(const json& list, const ColorInfo& color) {
    for (const auto& sd : list) {
        const std::string type = text(sd, "side_data_type");
        if (type == "Mastering display metadata") {
            ASSERT_TRUE(color.mastering_display);
            const MasteringDisplay& md = *color.mastering_display;
            EXPECT_NEAR(parse_ratio(text(sd, "red_x")), md.red_x, 1e-9);
            EXPECT_NEAR(parse_ratio(text(sd, "green_y")), md.green_y, 1e-9);
            EXPECT_NEAR(parse_ratio(text(sd, "white_point_x")), md.white_x, 1e-9);
            EXPECT_NEAR(parse_ratio(text(sd, "min_luminance")), md.min_luminance, 1e-9);
            EXPECT_NEAR(parse_ratio(text(sd, "max_luminance")), md.max_luminance, 1e-9);
        }
        if (type == "Content light level metadata") {
            ASSERT_TRUE(color.content_light);
            EXPECT_EQ(sd["max_content"], color.content_light->max_cll);
            EXPECT_EQ(sd["max_average"], color.content_light->max_fall);
        }
    }
}

// HDR metadata as ffprobe sees it: on the stream, else on the first decoded frame.
void compare_hdr(const std::string& file, const StreamInfo& stream, const json& s,
                 const test::ScratchDir& scratch) {
    if (s.contains("side_data_list"))
        return compare_side_data(s["side_data_list"], stream.video->color);
    json frames = run_json("-select_streams " + std::to_string(stream.index) +
                               " -read_intervals %+#1 -show_frames -show_entries "
                               "frame=side_data_list " +
                               test::quote(file),
                           scratch);
    ASSERT_TRUE(frames.contains("frames") && !frames["frames"].empty());
    const json& frame = frames["frames"][0];
    if (frame.contains("side_data_list")) {
        compare_side_data(frame["side_data_list"], stream.video->color);
    } else {
        EXPECT_FALSE(stream.video->color.mastering_display || stream.video->color.content_light);
    }
}

void compare_file(const std::string& file, const test::ScratchDir& scratch) {
    SCOPED_TRACE(file);
    // probe reads up to 32 MiB to detect streams (av::OpenLimits::probe_size); ffprobe's default
    // 5 MB leaves the rates of a UHD intra-frame MXF at 0/0. Same input, same answer.
    json ref = run_json(
        "-probesize 32M -count_frames -show_streams -show_format " + test::quote(file), scratch);
    ASSERT_TRUE(ref.contains("streams")) << "ffprobe could not read it";
    auto info = probe(file, ProbeOptions{.count_frames = true});
    ASSERT_TRUE(info) << info.error().to_string();
    const json& format = ref["format"];
    EXPECT_EQ(text(format, "format_name"), info->format);
    EXPECT_EQ(text(format, "format_long_name"), info->format_long);
    expect_duration(format, info->duration_seconds);
    EXPECT_EQ(std::stoll(text(format, "size")), info->size_bytes);
    if (format.contains("bit_rate")) {
        EXPECT_EQ(std::stoll(text(format, "bit_rate")), info->bit_rate);
    }
    if (!tag(format, "timecode").empty()) {
        EXPECT_EQ(tag(format, "timecode"), info->start_timecode);
    }
    ASSERT_EQ(ref["streams"].size(), info->streams.size());
    for (size_t i = 0; i < info->streams.size(); ++i) {
        compare_stream(ref["streams"][i], info->streams[i]);
        if (info->streams[i].video && info->streams[i].video->color.is_hdr())
            compare_hdr(file, info->streams[i], ref["streams"][i], scratch);
    }
}

bool make_fixtures(const test::ScratchDir& dir) {
    const std::string tone = "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=1 ";
    return test::ffmpeg(
               "-f lavfi -i testsrc2=size=1920x1080:rate=24:duration=0.5 " + tone +
               "-shortest -c:v prores_ks -profile:v 4444 -pix_fmt yuv444p10le -c:a pcm_s24le "
               "-ac 4 -timecode 01:00:00:00 " +
               test::quote(dir.file("prores4444.mov"))) &&
           test::ffmpeg("-f lavfi -i testsrc2=size=640x360:rate=30000/1001:duration=1 " + tone +
                        "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac "
                        "-timecode '00:59:59;28' " +
                        test::quote(dir.file("h264_2997df.mp4"))) &&
           test::ffmpeg("-f lavfi -i testsrc2=size=1280x720:rate=25:duration=1 " + tone +
                        "-c:v dnxhd -profile:v dnxhr_hq -pix_fmt yuv422p -c:a pcm_s24le "
                        "-timecode 10:00:00:00 " +
                        test::quote(dir.file("dnxhr.mxf"))) &&
           test::ffmpeg(
               "-f lavfi -i testsrc2=size=640x360:rate=24:duration=0.5 -c:v libx265 "
               "-pix_fmt yuv420p10le -x265-params log-level=error:colorprim=bt2020:"
               "transfer=smpte2084:colormatrix=bt2020nc:master-display="
               "'G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1)':"
               "max-cll=1000,400 -color_primaries bt2020 -color_trc smpte2084 "
               "-colorspace bt2020nc -tag:v hvc1 " +
               test::quote(dir.file("hevc_pq.mp4")));
}

std::vector<std::string> media_files(const fs::path& dir) {
    const std::set<std::string> extensions = {".mov", ".mp4", ".m4v", ".mxf",  ".mkv", ".webm",
                                              ".avi", ".wav", ".ts",  ".m2ts", ".mts"};
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file() && extensions.count(entry.path().extension().string()))
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

TEST(ProbeVsFfprobe, EveryFieldMatches) {
    if (!test::have_program("ffprobe")) GTEST_SKIP() << "ffprobe is not installed";
    test::ScratchDir scratch;
    fs::path dir = scratch.path();
    if (const char* samples = std::getenv("SLATE_SAMPLES_DIR"); samples && *samples) {
        dir = samples;
    } else {
        if (!test::have_program("ffmpeg")) GTEST_SKIP() << "no SLATE_SAMPLES_DIR and no ffmpeg CLI";
        ASSERT_TRUE(make_fixtures(scratch)) << "the ffmpeg CLI failed to make the fixtures";
    }
    auto files = media_files(dir);
    ASSERT_FALSE(files.empty()) << "no media files in " << dir;
    for (const auto& file : files) compare_file(file, scratch);
}

// The team's sample dailies (`slate samples`), made here: the clips every other test uses.
TEST(ProbeVsFfprobe, SampleDailiesMatch) {
    if (!test::have_program("ffprobe")) GTEST_SKIP() << "ffprobe is not installed";
    test::ScratchDir scratch;
    const std::string out = scratch.file("dailies");
    auto made = test::run_command(std::string(SLATE_BINARY) + " samples " + test::quote(out),
                                  scratch);
    ASSERT_EQ(made.exit_code, 0) << made.err;
    auto files = media_files(out);
    ASSERT_GE(files.size(), 3u) << "too few movies in " << out;
    for (const auto& file : files) compare_file(file, scratch);
}

}  // namespace
}  // namespace media
