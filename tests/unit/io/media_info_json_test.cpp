// SPDX-License-Identifier: Apache-2.0
#include "media/io/media_info_json.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace media {
namespace {

using nlohmann::json;

MediaInfo sample_info() {
    MediaInfo info;
    info.path = "/media/a.mov";
    info.format = "mov,mp4,m4a,3gp,3g2,mj2";
    info.duration_seconds = 2.5;
    info.start_timecode = "01:00:00:00";
    info.size_bytes = 1234;
    StreamInfo video;
    video.index = 0;
    video.kind = StreamKind::Video;
    video.codec = "prores";
    video.profile = "4444";
    video.time_base = Rational(1, 24000);
    video.frame_count = 60;
    VideoInfo v;
    v.width = 1920;
    v.height = 1080;
    v.sample_aspect_ratio = Rational(1, 1);
    v.display_aspect_ratio = Rational(16, 9);
    v.r_frame_rate = Rational(24000, 1001);
    v.avg_frame_rate = Rational(24000, 1001);
    v.color.primaries = ColorPrimaries::BT709;
    v.color.range = ColorRange::Limited;
    v.color.content_light = ContentLightLevel{1000, 400};
    video.video = v;
    StreamInfo audio;
    audio.index = 1;
    audio.kind = StreamKind::Audio;
    audio.codec = "pcm_s24le";
    audio.duration_seconds = std::numeric_limits<double>::quiet_NaN();
    audio.audio = AudioInfo{4, "4.0", 48000, "s32", 24, {}};
    info.streams = {video, audio};
    return info;
}

TEST(MediaInfoJson, HasSchemaVersionAndFields) {
    json doc = json::parse(to_json(sample_info()));
    EXPECT_EQ(doc["schema"], "slate.probe");
    EXPECT_EQ(doc["version"], 1);
    EXPECT_EQ(doc["path"], "/media/a.mov");
    EXPECT_EQ(doc["duration_seconds"], 2.5);
    EXPECT_EQ(doc["start_timecode"], "01:00:00:00");
    EXPECT_TRUE(doc["reel_name"].is_null());
    EXPECT_TRUE(doc["bit_rate"].is_null());
    EXPECT_TRUE(doc["sequence"].is_null());
    ASSERT_EQ(doc["streams"].size(), 2u);
    const json& v = doc["streams"][0];
    EXPECT_EQ(v["kind"], "video");
    EXPECT_EQ(v["time_base"], "1/24000");
    EXPECT_EQ(v["frame_count"], 60);
    EXPECT_TRUE(v["level"].is_null());  // -99: unknown
    EXPECT_TRUE(v["audio"].is_null());
    EXPECT_EQ(v["video"]["r_frame_rate"], "24000/1001");
    EXPECT_EQ(v["video"]["display_aspect_ratio"], "16:9");
    EXPECT_EQ(v["video"]["color"]["primaries"], "bt709");
    EXPECT_EQ(v["video"]["color"]["transfer"], "unknown");
    EXPECT_EQ(v["video"]["color"]["range"], "tv");
    EXPECT_EQ(v["video"]["color"]["content_light"]["max_cll"], 1000);
    EXPECT_TRUE(v["video"]["color"]["mastering_display"].is_null());
}

TEST(MediaInfoJson, NanAndUnknownAreNull) {
    json doc = json::parse(to_json(sample_info()));
    const json& a = doc["streams"][1];
    EXPECT_TRUE(a["duration_seconds"].is_null());
    EXPECT_TRUE(a["frame_count"].is_null());
    EXPECT_TRUE(a["time_base"].is_null());  // 0/0
    EXPECT_EQ(a["audio"]["channel_layout"], "4.0");
    EXPECT_EQ(a["audio"]["bit_depth"], 24);
}

TEST(MediaInfoJson, SequenceReportsMissingFrames) {
    MediaInfo info = sample_info();
    SequenceInfo seq;
    seq.pattern = "a.%04d.exr";
    seq.first_frame = 1;
    seq.last_frame = 10;
    seq.frame_count = 8;
    seq.missing_frames = {4, 5};
    info.sequence = seq;
    info.image = ImageInfo{"openexr", 3, {"R", "G", "B"}, "half", "zip", std::nullopt, "", 1};
    json doc = json::parse(to_json(info));
    EXPECT_EQ(doc["sequence"]["missing_count"], 2);
    EXPECT_EQ(doc["sequence"]["missing_frames"], json({4, 5}));
    EXPECT_EQ(doc["image"]["channel_names"], json({"R", "G", "B"}));
    EXPECT_TRUE(doc["image"]["chromaticities"].is_null());
}

TEST(MediaInfoJson, SeveralInputsMakeOneDocumentWithErrors) {
    std::vector<ProbeOutcome> outcomes;
    outcomes.push_back({"/media/a.mov", sample_info()});
    outcomes.push_back(
        {"/media/b.mov", Error(ErrorCode::NotFound, "no such file").with_file("/media/b.mov")});
    json doc = json::parse(to_json(outcomes, -1));
    EXPECT_EQ(doc["schema"], "slate.probe");
    ASSERT_EQ(doc["files"].size(), 2u);
    EXPECT_EQ(doc["files"][0]["path"], "/media/a.mov");
    EXPECT_FALSE(doc["files"][0].contains("schema"));
    EXPECT_EQ(doc["files"][1]["error"]["code"], "NotFound");
    EXPECT_NE(doc["files"][1]["error"]["message"].get<std::string>().find("/media/b.mov"),
              std::string::npos);
    json single = json::parse(to_json(outcomes[1]));
    EXPECT_EQ(single["version"], 1);
    EXPECT_EQ(single["path"], "/media/b.mov");
}

TEST(MediaInfoJson, InvalidUtf8InTagsStillDumps) {
    MediaInfo info = sample_info();
    info.reel_name = std::string("A\xff\xfe", 3);
    EXPECT_NO_THROW(json::parse(to_json(info)));
}

}  // namespace
}  // namespace media
