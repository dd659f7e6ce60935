// SPDX-License-Identifier: Apache-2.0
// Every built-in preset transcodes a clip with frame count, start timecode and (where the
// container has one) reel name intact, as ffprobe sees the result.
#include <gtest/gtest.h>

#include <filesystem>

#include "media/io/probe.h"
#include "media/io/sequence_pattern.h"
#include "media/transcode/transcode.h"
#include "scratch_dir.h"
#include "transcode_fixtures.h"

namespace media::transcode {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;

class EveryPreset : public ::testing::TestWithParam<std::string> {
protected:
    static void SetUpTestSuite() {
        s_scratch = new ScratchDir();
        test::write_source_clip(s_scratch->file("A001_C005_0612XY.mov"));
    }
    static void TearDownTestSuite() {
        delete s_scratch;
        s_scratch = nullptr;
    }
    static ScratchDir* s_scratch;
};
ScratchDir* EveryPreset::s_scratch = nullptr;

TEST_P(EveryPreset, KeepsFramesTimecodeAndReel) {
    auto preset = find_preset(GetParam());
    ASSERT_TRUE(preset) << preset.error().to_string();
    TranscodeRequest request;
    request.input = s_scratch->file("A001_C005_0612XY.mov");
    request.output_dir = s_scratch->file("out");
    request.preset = *preset;
    request.threads = 2;
    auto result = run_transcode(request);
    ASSERT_TRUE(result) << result.error().to_string();
    EXPECT_EQ(result->frames, 12);
    EXPECT_TRUE(result->check.ok);
    EXPECT_EQ(result->plan.reel, "A001");
    ASSERT_TRUE(result->plan.start_timecode);
    EXPECT_EQ(result->plan.start_timecode->to_string(), "01:00:00:00");

    auto info = probe(result->plan.output);
    ASSERT_TRUE(info) << info.error().to_string();
    EXPECT_EQ(info->start_timecode, "01:00:00:00");
    if (result->plan.image_sequence) {
        ASSERT_TRUE(info->sequence);
        EXPECT_EQ(info->sequence->frame_count, 12);
        // Frame numbers follow the timecode: 01:00:00:00 at 24 fps is frame 86400.
        EXPECT_EQ(info->sequence->first_frame, 86400);
        EXPECT_EQ(result->files.size(), 12u);
    } else {
        const StreamInfo* video = info->first_video();
        ASSERT_NE(video, nullptr);
        auto counted = probe(result->plan.output, ProbeOptions{true});
        ASSERT_TRUE(counted);
        EXPECT_EQ(counted->first_video()->decoded_frame_count.value_or(-1), 12);
        const std::string ext = fs::path(result->plan.output).extension().string();
        if (ext == ".mov" || ext == ".mxf") {
            EXPECT_EQ(info->reel_name, "A001");
        }
        EXPECT_NEAR(video->duration_seconds.value_or(0), 0.5, 0.021);
    }
}

INSTANTIATE_TEST_SUITE_P(Builtin, EveryPreset, ::testing::ValuesIn(builtin_preset_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace media::transcode
