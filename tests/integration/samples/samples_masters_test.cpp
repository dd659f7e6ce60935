// SPDX-License-Identifier: Apache-2.0
// Generates the masters set once and checks, with media::probe and Slate's loudness meter, the
// facts the delivery-spec tests rely on: codec, profile, size, rate, scan, colour and HDR
// metadata, channel layout, programme loudness, and the one fault each faulty master carries.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "av_check.h"
#include "media/analysis/loudness.h"
#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "slate_samples/samples.h"

namespace {

namespace fs = std::filesystem;
using media::samples::SampleSet;
using nlohmann::json;

class SamplesMasters : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<slate_test::TempDir>("masters");
        auto report = media::samples::generate_samples({s_dir->path(), SampleSet::Masters, ""});
        ASSERT_TRUE(report) << report.error().to_string();
        std::ifstream in(s_dir->path() / "manifest.json");
        s_manifest = json::parse(in);
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static fs::path path_of(const std::string& name) {
        for (const auto& entry : s_manifest["files"])
            if (entry["name"] == name) return s_dir->path() / entry["file"].get<std::string>();
        return {};
    }
    static const json& entry_of(const std::string& name) {
        for (const auto& entry : s_manifest["files"])
            if (entry["name"] == name) return entry;
        static const json none;
        return none;
    }

    static inline std::unique_ptr<slate_test::TempDir> s_dir;
    static inline json s_manifest;
};

// What probe must report for one master.
struct Expected {
    std::string codec, profile, pix_fmt;
    int width, height;
    std::string rate, field_order, transfer;
    bool hdr_metadata;
    int channels;
    std::string layout;
};

const std::map<std::string, Expected>& expectations() {
    const std::string dm = "5.1+downmix";
    static const std::map<std::string, Expected> e{
        {"m001_master_hd",
         {"prores", "HQ", "yuv422p10le", 1920, 1080, "24000/1001", "progressive", "bt709", false, 8,
          dm}},
        {"m002_master_uhd_hdr",
         {"prores", "HQ", "yuv422p10le", 3840, 2160, "24", "progressive", "smpte2084", true, 2,
          "stereo"}},
        {"m003_master_hd_50p",
         {"prores", "HQ", "yuv422p10le", 1920, 1080, "50", "progressive", "bt709", false, 8, dm}},
        {"m004_master_hd_71",
         {"prores", "HQ", "yuv422p10le", 1920, 1080, "24000/1001", "progressive", "bt709", false, 8,
          "7.1"}},
        {"m005_master_hd_51",
         {"prores", "HQ", "yuv422p10le", 1920, 1080, "24000/1001", "progressive", "bt709", false, 6,
          "5.1"}},
        {"m006_master_hd_loud",
         {"prores", "HQ", "yuv422p10le", 1920, 1080, "24000/1001", "progressive", "bt709", false, 8,
          dm}},
        {"m007_master_hd_head_black",
         {"prores", "HQ", "yuv422p10le", 1920, 1080, "24000/1001", "progressive", "bt709", false, 8,
          dm}},
        {"m008_master_uhd_hdr_nometa",
         {"prores", "HQ", "yuv422p10le", 3840, 2160, "24", "progressive", "smpte2084", false, 2,
          "stereo"}},
        // The mxf demuxer does not read a layout back: two channels without positions.
        {"m009_broadcast_1080i25",
         {"mpeg2video", "4:2:2", "yuv422p", 1920, 1080, "25", "tt", "bt709", false, 2,
          "2 channels"}},
    };
    return e;
}

// libav 5.1 has no name for FL+FR+FC+LFE+BL+BR+DL+DR and describes it channel by channel.
bool layout_matches(const std::string& got, const std::string& want) {
    if (want == "5.1+downmix") return got == want || got == "8 channels (FL+FR+FC+LFE+BL+BR+DL+DR)";
    return got == want;
}

void check_video(const media::StreamInfo& s, const Expected& want) {
    EXPECT_EQ(s.codec, want.codec);
    EXPECT_EQ(s.profile, want.profile);
    const media::VideoInfo& v = *s.video;
    EXPECT_EQ(v.pixel_format, want.pix_fmt);
    EXPECT_EQ(v.width, want.width);
    EXPECT_EQ(v.height, want.height);
    EXPECT_EQ(v.r_frame_rate.to_string(), want.rate);
    EXPECT_EQ(media::to_string(v.field_order), want.field_order);
    EXPECT_EQ(media::to_string(v.color.transfer), want.transfer);
    EXPECT_EQ(media::to_string(v.color.range), "tv");
    EXPECT_EQ(v.color.mastering_display.has_value(), want.hdr_metadata);
    EXPECT_EQ(v.color.content_light.has_value(), want.hdr_metadata);
}

TEST_F(SamplesMasters, ProbeReportsWhatEachMasterIsMadeOf) {
    ASSERT_EQ(s_manifest["files"].size(), expectations().size());
    for (const auto& [name, want] : expectations()) {
        SCOPED_TRACE(name);
        auto info = media::probe(path_of(name).string());
        ASSERT_TRUE(info) << info.error().to_string();
        EXPECT_EQ(info->start_timecode, "01:00:00:00");
        const media::StreamInfo* video = info->first_video();
        ASSERT_TRUE(video && video->video);
        check_video(*video, want);
        const media::StreamInfo* audio = info->first_audio();
        ASSERT_TRUE(audio && audio->audio);
        EXPECT_EQ(audio->codec, "pcm_s24le");
        EXPECT_EQ(audio->audio->sample_rate, 48000);
        EXPECT_EQ(audio->audio->bit_depth, 24);
        EXPECT_EQ(audio->audio->channels, want.channels);
        EXPECT_TRUE(layout_matches(audio->audio->channel_layout, want.layout))
            << audio->audio->channel_layout;
        const auto audio_streams =
            std::count_if(info->streams.begin(), info->streams.end(),
                          [](const auto& s) { return s.kind == media::StreamKind::Audio; });
        EXPECT_EQ(audio_streams, 1);
    }
}

TEST_F(SamplesMasters, HdrMetadataIsTheDeclaredOne) {
    auto info = media::probe(path_of("m002_master_uhd_hdr").string());
    ASSERT_TRUE(info) << info.error().to_string();
    const media::ColorInfo& c = info->first_video()->video->color;
    ASSERT_TRUE(c.mastering_display && c.content_light);
    EXPECT_NEAR(c.mastering_display->max_luminance, 1000.0, 1e-6);
    EXPECT_NEAR(c.mastering_display->min_luminance, 0.0001, 1e-9);
    EXPECT_NEAR(c.mastering_display->red_x, 0.680, 1e-4);     // P3
    EXPECT_NEAR(c.mastering_display->white_x, 0.3127, 1e-4);  // D65
    const json& declared = entry_of("m002_master_uhd_hdr")["video"]["color"];
    EXPECT_EQ(c.content_light->max_cll, declared["content_light_level"]["max_cll"].get<unsigned>());
    EXPECT_EQ(c.content_light->max_fall,
              declared["content_light_level"]["max_fall"].get<unsigned>());
    EXPECT_EQ(media::to_string(c.primaries), "bt2020");
    EXPECT_EQ(media::to_string(c.matrix), "bt2020nc");
}

TEST_F(SamplesMasters, BroadcastMasterIsFiftyMegabitsConstant) {
    auto info = media::probe(path_of("m009_broadcast_1080i25").string());
    ASSERT_TRUE(info) << info.error().to_string();
    EXPECT_EQ(info->format, "mxf");
    EXPECT_EQ(info->first_video()->bit_rate, 50'000'000);
    // CBR: the whole file runs at 50 Mb/s of video, 2.3 of PCM and about 0.3 of MXF packaging.
    ASSERT_TRUE(info->duration_seconds);
    const double rate = static_cast<double>(info->size_bytes) * 8.0 / *info->duration_seconds;
    EXPECT_NEAR(rate, 52.6e6, 0.4e6);
}

media::analysis::LoudnessResult measure_loudness(const fs::path& path) {
    media::SourceOptions options;
    options.video = false;
    options.audio = true;
    auto source = media::MediaSource::open(path.string(), options);
    EXPECT_TRUE(source) << source.error().to_string();
    if (!source) return {};
    const auto summary = source->summary();
    media::analysis::LoudnessOptions loudness;
    loudness.channel_layout = summary.channel_layout;
    auto meter = media::analysis::LoudnessMeter::create(summary.audio_channels, summary.sample_rate,
                                                        loudness);
    EXPECT_TRUE(meter) << meter.error().to_string();
    if (!meter) return {};
    while (true) {
        auto block = source->next_audio_block();
        EXPECT_TRUE(block) << block.error().to_string();
        if (!block || !block->has_value()) break;
        EXPECT_TRUE(meter->add(**block));
    }
    return meter->finish();
}

TEST_F(SamplesMasters, ProgrammeLoudnessIsAsStated) {
    for (const auto& entry : s_manifest["files"]) {
        const std::string name = entry["name"];
        SCOPED_TRACE(name);
        const auto result = measure_loudness(s_dir->path() / entry["file"].get<std::string>());
        ASSERT_TRUE(result.integrated && result.true_peak);
        const double stated = entry["master"]["loudness_lufs"];
        EXPECT_NEAR(*result.integrated, stated, name == "m009_broadcast_1080i25" ? 0.2 : 0.3);
        EXPECT_LE(*result.true_peak, -3.0);
    }
}

TEST_F(SamplesMasters, HeadIsBlackAndSilentForOneAndAHalfSeconds) {
    const fs::path path = path_of("m007_master_hd_head_black");
    const int64_t black_frames =
        entry_of("m007_master_hd_head_black")["master"]["head_black_frames"];
    ASSERT_EQ(black_frames, 36);
    const int64_t decoded = slate_test::decode_video(path, [&](int64_t index, const AVFrame& f) {
        if (index > black_frames) return;
        const auto [low, high] = slate_test::luma_code_range(f, 0, 0, f.width, f.height);
        if (index < black_frames) {
            EXPECT_EQ(low, 64) << index;
            EXPECT_EQ(high, 64) << index;
        } else {
            EXPECT_GT(high, 64) << "the picture after the head";
        }
    });
    EXPECT_EQ(decoded, 96);
    const slate_test::DecodedAudio audio = slate_test::decode_audio(path);
    ASSERT_EQ(audio.channels.size(), 8u);
    const std::size_t silent = 36 * 48000 * 1001 / 24000;  // 1.5015 s
    for (const auto& channel : audio.channels) {
        EXPECT_EQ(slate_test::peak(channel, 0, silent), 0.0);
        EXPECT_GT(slate_test::peak(channel, silent, 4800), 0.0);
    }
}

TEST_F(SamplesMasters, EachFaultyMasterNamesItsFault) {
    const std::map<std::string, std::string> faults{
        {"m001_master_hd", ""},
        {"m002_master_uhd_hdr", ""},
        {"m003_master_hd_50p", "frame_rate"},
        {"m004_master_hd_71", "channel_layout"},
        {"m005_master_hd_51", "channel_count"},
        {"m006_master_hd_loud", "loudness"},
        {"m007_master_hd_head_black", "head_black"},
        {"m008_master_uhd_hdr_nometa", "hdr_metadata"},
        {"m009_broadcast_1080i25", ""},
    };
    for (const auto& [name, fault] : faults) {
        const json& master = entry_of(name)["master"];
        ASSERT_TRUE(master.is_object()) << name;
        EXPECT_EQ(master["fault"].is_null() ? "" : master["fault"].get<std::string>(), fault)
            << name;
        EXPECT_EQ(entry_of(name)["set"], "masters");
    }
}

}  // namespace
