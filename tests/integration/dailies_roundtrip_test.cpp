// SPDX-License-Identifier: Apache-2.0
// End to end on the sample dailies: every clip's decoded frame count equals what probe (and the
// container) says, and a clip encoded with MediaSink re-probes with the settings it was given.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "media/io/media_sink.h"
#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "slate_samples/samples.h"

namespace media {
namespace {

namespace fs = std::filesystem;

class DailiesRoundTrip : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = fs::temp_directory_path() / ("slate-roundtrip-" + std::to_string(::getpid()));
        auto report = samples::generate_samples({s_dir, samples::SampleSet::Dailies, {}});
        ASSERT_TRUE(report.ok()) << report.error().to_string();
        s_report = std::move(report).value();
    }
    static void TearDownTestSuite() { fs::remove_all(s_dir); }

    static bool is_media(const fs::path& path) {
        auto ext = path.extension().string();
        return ext == ".mov" || ext == ".mxf" || ext == ".mp4" || ext == ".dpx" || ext == ".exr";
    }

    static inline fs::path s_dir;
    static inline samples::SampleReport s_report;
};

// Decodes every video frame; fails the test on a decode error.
int64_t decode_all(const std::string& path) {
    auto source = MediaSource::open(path);
    EXPECT_TRUE(source.ok()) << source.error().to_string();
    if (!source) return -1;
    int64_t count = 0;
    while (true) {
        auto frame = source->next_video_frame();
        EXPECT_TRUE(frame.ok()) << path << ": " << frame.error().to_string();
        if (!frame || !frame->has_value()) break;
        ++count;
    }
    EXPECT_TRUE(source->decode_errors().empty())
        << path << ": " << source->decode_errors().front().message;
    return count;
}

TEST_F(DailiesRoundTrip, DecodedFrameCountEqualsProbe) {
    int checked = 0;
    for (const auto& written : s_report.files) {
        if (!is_media(written.path)) continue;
        std::string path = written.path.string();
        SCOPED_TRACE(path);
        auto info = probe(path, {.count_frames = true});
        ASSERT_TRUE(info.ok()) << info.error().to_string();
        const StreamInfo* video = info->first_video();
        ASSERT_NE(video, nullptr);
        int64_t decoded = decode_all(path);
        EXPECT_GT(decoded, 0);
        if (info->sequence) {
            // A sequence's count is the files present (gaps are listed apart).
            EXPECT_EQ(decoded, info->sequence->frame_count);
        } else {
            ASSERT_TRUE(video->decoded_frame_count.has_value());
            EXPECT_EQ(decoded, *video->decoded_frame_count);
        }
        if (video->frame_count) {
            EXPECT_EQ(decoded, *video->frame_count);
        }
        ++checked;
    }
    EXPECT_EQ(checked, 6) << "every dailies clip and sequence is checked";
}

struct Encode {
    std::string name;
    VideoEncodeSettings video;
    std::string codec;    // as probe reports it
    std::string profile;  // as probe reports it
};

TEST_F(DailiesRoundTrip, EncodedClipReprobesWithItsSettings) {
    std::string input = (s_dir / "a001_c001_prores4444.mov").string();
    auto tc = Timecode::parse("01:00:00:00", *TimecodeRate::make({24, 1}, false));
    ASSERT_TRUE(tc.ok());
    ColorInfo bt709;
    bt709.primaries = ColorPrimaries::BT709;
    bt709.transfer = TransferCharacteristic::BT709;
    bt709.matrix = MatrixCoefficients::BT709;
    bt709.range = ColorRange::Limited;
    const Encode encodes[] = {
        {"proxy.mov",
         {"prores_ks",
          {{"profile", "0"}},
          PixelFormat::Yuv422p10,
          1920,
          1080,
          {24, 1},
          bt709,
          *tc,
          {1, 1},
          0,
          ""},
         "prores",
         "Proxy"},
        {"review.mp4",
         {"libx264",
          {{"preset", "veryfast"}, {"crf", "23"}},
          PixelFormat::Yuv420p8,
          1920,
          1080,
          {24, 1},
          bt709,
          *tc,
          {1, 1},
          0,
          ""},
         "h264",
         "High"},
    };
    for (const auto& encode : encodes) {
        SCOPED_TRACE(encode.name);
        auto source = MediaSource::open(input);
        ASSERT_TRUE(source.ok()) << source.error().to_string();
        std::string output = (s_dir / encode.name).string();
        SinkOptions options;
        options.video = encode.video;
        auto sink = MediaSink::create(output, options);
        ASSERT_TRUE(sink.ok()) << sink.error().to_string();
        int64_t frames = 0;
        while (auto frame = source->next_video_frame()) {
            ASSERT_TRUE(frame.ok());
            if (!frame->has_value()) break;
            ASSERT_TRUE(sink->write_video(**frame).ok());
            ++frames;
        }
        ASSERT_EQ(frames, 48);
        ASSERT_FALSE(fs::exists(output)) << "nothing under the final name before finish()";
        ASSERT_TRUE(sink->finish().ok());
        auto info = probe(output);
        ASSERT_TRUE(info.ok()) << info.error().to_string();
        const StreamInfo* video = info->first_video();
        ASSERT_NE(video, nullptr);
        EXPECT_EQ(video->codec, encode.codec);
        EXPECT_EQ(video->profile, encode.profile);
        EXPECT_EQ(video->video->width, 1920);
        EXPECT_EQ(video->video->height, 1080);
        EXPECT_EQ(video->video->avg_frame_rate, Rational(24, 1));
        EXPECT_EQ(video->video->color.primaries, ColorPrimaries::BT709);
        EXPECT_EQ(info->start_timecode, "01:00:00:00");
        ASSERT_TRUE(video->frame_count.has_value());
        EXPECT_EQ(*video->frame_count, frames);
        EXPECT_EQ(decode_all(output), frames);
    }
}

}  // namespace
}  // namespace media
