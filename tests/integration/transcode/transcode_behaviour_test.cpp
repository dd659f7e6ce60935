// SPDX-License-Identifier: Apache-2.0
// slate transcode's promises beyond presets: timecode at every rate, geometry, looks, audio
// mapping, overwrite policy, and bad input that fails cleanly without partial outputs.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "media/transcode/transcode.h"
#include "scratch_dir.h"
#include "transcode_fixtures.h"

namespace media::transcode {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;

TranscodePreset preset_named(const std::string& name) {
    auto preset = find_preset(name);
    EXPECT_TRUE(preset) << preset.error().to_string();
    return *preset;
}

TranscodeRequest request_for(const std::string& input, const ScratchDir& scratch,
                             const std::string& preset) {
    TranscodeRequest request;
    request.input = input;
    request.output_dir = scratch.file("out");
    request.preset = preset_named(preset);
    request.threads = 2;
    return request;
}

// Names in a folder other than hidden temporary files are what a user sees.
std::vector<std::string> visible_files(const fs::path& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(folder, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->is_regular_file()) names.push_back(it->path().filename().string());
    return names;
}

double mean_luma(const std::string& path) {
    auto source = MediaSource::open(path);
    EXPECT_TRUE(source);
    auto frame = source->next_video_frame();
    EXPECT_TRUE(frame && *frame);
    const Frame& f = **frame;
    const int shift = info(f.format()).bit_depth - 8;
    double sum = 0;
    if (info(f.format()).bytes_per_sample == 1) {
        auto y = f.plane<uint8_t>(0);
        for (int r = 0; r < y.height(); ++r)
            for (int x = 0; x < y.width(); ++x) sum += y.row(r)[x];
    } else {
        auto y = f.plane<uint16_t>(0);
        for (int r = 0; r < y.height(); ++r)
            for (int x = 0; x < y.width(); ++x) sum += y.row(r)[x] >> shift;
    }
    return sum / (f.width() * f.height());
}

TEST(Transcode, DropFrameTimecodeAt2997IsCarried) {
    ScratchDir scratch;
    test::SourceClip clip;
    clip.rate = Rational(30000, 1001);
    clip.timecode = "00:59:59;28";
    clip.frames = 8;  // crosses the minute: ;28 ;29 then 01:00:00;00
    const std::string input = scratch.file("B001_C001.mov");
    test::write_source_clip(input, clip);
    for (const std::string preset : {"h264_review", "prores_proxy", "dnxhr_lb_mxf"}) {
        auto result = run_transcode(request_for(input, scratch, preset));
        ASSERT_TRUE(result) << preset << ": " << result.error().to_string();
        auto info = probe(result->plan.output);
        ASSERT_TRUE(info);
        EXPECT_EQ(info->start_timecode, "00:59:59;28") << preset;
        EXPECT_EQ(result->frames, 8) << preset;
    }
}

TEST(Transcode, ImageSequenceInputKeepsItsTimecode) {
    ScratchDir scratch;
    auto first = transcode::run_transcode([&] {
        test::SourceClip clip;
        clip.rate = Rational(25, 1);
        clip.timecode = "10:00:00:00";
        clip.frames = 5;
        clip.audio_channels = 0;
        test::write_source_clip(scratch.file("src.mov"), clip);
        TranscodeRequest request = request_for(scratch.file("src.mov"), scratch, "dpx_10bit");
        request.output_dir = scratch.file("seq");
        return request;
    }());
    ASSERT_TRUE(first) << first.error().to_string();
    // 10:00:00:00 at 25 fps is frame 900000.
    EXPECT_EQ(fs::path(first->files.front()).filename().string().find("0900000"),
              fs::path(first->files.front()).filename().string().size() - 11);
    TranscodeRequest request = request_for(first->plan.output, scratch, "prores_proxy");
    request.sequence_rate = Rational(25, 1);
    auto second = run_transcode(request);
    ASSERT_TRUE(second) << second.error().to_string();
    EXPECT_EQ(second->frames, 5);
    auto info = probe(second->plan.output);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->start_timecode, "10:00:00:00");
}

// Conform: every frame kept, played at the new rate; the timecode label is kept at that rate.
TEST(Transcode, ConformKeepsFramesAndTheTimecodeLabel) {
    ScratchDir scratch;
    const std::string input = scratch.file("conform.mov");
    test::write_source_clip(input);  // 12 frames at 24 fps from 01:00:00:00
    TranscodeRequest request = request_for(input, scratch, "prores_proxy");
    request.preset.frame_rate = FrameRatePolicy{FrameRateMode::Conform, Rational(25, 1)};
    auto result = run_transcode(request);
    ASSERT_TRUE(result) << result.error().to_string();
    EXPECT_EQ(result->frames, 12);
    EXPECT_NE(result->plan.audio.find("dropped"), std::string::npos) << result->plan.audio;
    auto info = probe(result->plan.output);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->start_timecode, "01:00:00:00");
    EXPECT_EQ(info->first_video()->video->avg_frame_rate, Rational(25, 1));
    EXPECT_NEAR(info->first_video()->duration_seconds.value_or(0), 12.0 / 25, 0.02);
    EXPECT_EQ(info->first_audio(), nullptr);
}

TEST(Transcode, GeometryFitFillPadAndAnamorphic) {
    ScratchDir scratch;
    test::SourceClip clip;
    clip.width = 400;
    clip.height = 300;  // 4:3
    clip.frames = 2;
    clip.audio_channels = 0;
    const std::string input = scratch.file("geo.mov");
    test::write_source_clip(input, clip);
    TranscodeRequest request = request_for(input, scratch, "prores_proxy");
    request.preset.scale = ScaleSpec{ScaleMode::Fit, 640, 360, true, "bicubic", false};
    auto fit = plan_transcode(request);
    ASSERT_TRUE(fit);
    EXPECT_EQ(fit->width, 480);
    EXPECT_EQ(fit->height, 360);
    request.preset.scale.mode = ScaleMode::Fill;
    auto fill = plan_transcode(request);
    ASSERT_TRUE(fill);
    EXPECT_EQ(fill->width, 640);
    EXPECT_EQ(fill->height, 360);
    request.preset.scale.mode = ScaleMode::Pad;
    auto pad = run_transcode(request);
    ASSERT_TRUE(pad) << pad.error().to_string();
    EXPECT_EQ(pad->plan.width, 640);
    EXPECT_EQ(pad->plan.height, 360);
    // Pillar box: the left columns are black (limited-range 10-bit Y = 64).
    auto source = MediaSource::open(pad->plan.output);
    ASSERT_TRUE(source);
    auto frame = source->next_video_frame();
    ASSERT_TRUE(frame && *frame);
    auto y = (*frame)->plane<uint16_t>(0);
    EXPECT_NEAR(y.row(180)[10], 64, 4);
    EXPECT_GT(y.row(180)[320], 150);
    // Odd target with even: true rounds to even sizes.
    request.preset.scale = ScaleSpec{ScaleMode::Fit, 0, 251, true, "bicubic", false};
    auto odd = plan_transcode(request);
    ASSERT_TRUE(odd);
    EXPECT_EQ(odd->width % 2, 0);
    EXPECT_EQ(odd->height % 2, 0);
}

TEST(Transcode, LutAndCdlChangeThePicture) {
    ScratchDir scratch;
    test::SourceClip clip;
    clip.frames = 2;
    clip.audio_channels = 0;
    const std::string input = scratch.file("look.mov");
    test::write_source_clip(input, clip);
    {
        std::ofstream cube(scratch.file("invert.cube"));
        cube << "TITLE \"invert\"\nLUT_3D_SIZE 2\n";
        for (int b = 0; b < 2; ++b)
            for (int g = 0; g < 2; ++g)
                for (int r = 0; r < 2; ++r) cube << 1 - r << " " << 1 - g << " " << 1 - b << "\n";
    }
    TranscodeRequest plain = request_for(input, scratch, "prores_hq");
    plain.output_name = "plain";
    auto a = run_transcode(plain);
    ASSERT_TRUE(a) << a.error().to_string();
    TranscodeRequest looked = plain;
    looked.output_name = "inverted";
    LookRequest invert;
    invert.lut = scratch.file("invert.cube");
    auto look = build_look(invert);
    ASSERT_TRUE(look) << look.error().to_string();
    looked.look = *look;
    auto b = run_transcode(looked);
    ASSERT_TRUE(b) << b.error().to_string();
    EXPECT_NE(b->plan.look, "none");
    // Inverting RGB mirrors luma around the middle of the limited range: Y' -> 235 + 16 - Y'.
    EXPECT_NEAR(mean_luma(a->plan.output) + mean_luma(b->plan.output), 251.0, 3.0);
}

TEST(Transcode, AudioMapping) {
    ScratchDir scratch;
    const std::string input = scratch.file("audio.mov");
    test::write_source_clip(input);  // 4 channels of PCM
    auto review = run_transcode(request_for(input, scratch, "h264_review"));
    ASSERT_TRUE(review) << review.error().to_string();
    auto info = probe(review->plan.output);
    ASSERT_TRUE(info && info->first_audio());
    EXPECT_EQ(info->first_audio()->codec, "aac");
    EXPECT_EQ(info->first_audio()->audio->channels, 2);
    auto proxy = run_transcode(request_for(input, scratch, "prores_proxy"));
    ASSERT_TRUE(proxy);
    auto proxy_info = probe(proxy->plan.output);
    ASSERT_TRUE(proxy_info && proxy_info->first_audio());
    EXPECT_EQ(proxy_info->first_audio()->audio->channels, 4);
    // A channel selection re-encodes PCM with just those channels, in that order.
    TranscodeRequest pick = request_for(input, scratch, "prores_proxy");
    pick.preset.audio.channels = {3, 1};
    pick.output_name = "picked";
    auto picked = run_transcode(pick);
    ASSERT_TRUE(picked) << picked.error().to_string();
    auto picked_info = probe(picked->plan.output);
    ASSERT_TRUE(picked_info && picked_info->first_audio());
    EXPECT_EQ(picked_info->first_audio()->audio->channels, 2);
    pick.preset.audio.channels = {7};
    EXPECT_FALSE(plan_transcode(pick));
}

TEST(Transcode, ExistingOutputNeedsOverwrite) {
    ScratchDir scratch;
    const std::string input = scratch.file("clip.mov");
    test::SourceClip clip;
    clip.frames = 2;
    test::write_source_clip(input, clip);
    TranscodeRequest request = request_for(input, scratch, "prores_proxy");
    auto first = run_transcode(request);
    ASSERT_TRUE(first);
    const auto before = fs::last_write_time(first->plan.output);
    auto plan = plan_transcode(request);
    ASSERT_TRUE(plan);
    EXPECT_TRUE(plan->output_exists);
    auto again = run_transcode(request);
    ASSERT_FALSE(again);
    EXPECT_NE(again.error().message().find("--overwrite"), std::string::npos);
    EXPECT_EQ(fs::last_write_time(first->plan.output), before);
    request.overwrite = true;
    EXPECT_TRUE(run_transcode(request));
}

TEST(TranscodeBadInput, CorruptMiddleFailsWithFramePositionOrIsTolerated) {
    ScratchDir scratch;
    test::SourceClip clip;
    clip.frames = 24;
    clip.audio_channels = 0;
    clip.codec = "prores_ks";
    const std::string input = scratch.file("corrupt.mov");
    test::write_source_clip(input, clip);
    {
        // Garbage over the middle of the picture data.
        std::fstream file(input, std::ios::in | std::ios::out | std::ios::binary);
        file.seekg(0, std::ios::end);
        const auto size = static_cast<int64_t>(file.tellg());
        file.seekp(size / 2);
        for (int i = 0; i < 20000; ++i) file.put(static_cast<char>((i * 7919) & 0xff));
    }
    TranscodeRequest request = request_for(input, scratch, "prores_proxy");
    auto failed = run_transcode(request);
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code(), ErrorCode::DecodeError) << failed.error().to_string();
    EXPECT_NE(failed.error().to_string().find("frame"), std::string::npos);
    EXPECT_TRUE(visible_files(scratch.file("out")).empty());
    request.tolerate_decode_errors = true;
    auto tolerated = run_transcode(request);
    ASSERT_TRUE(tolerated) << tolerated.error().to_string();
    EXPECT_GT(tolerated->decode_errors, 0);
}

TEST(TranscodeBadInput, UnreadableInputAndUnwritableFolder) {
    ScratchDir scratch;
    TranscodeRequest request;
    request.preset = preset_named("prores_proxy");
    request.output_dir = scratch.file("out");
    request.input = scratch.file("missing.mov");
    auto missing = run_transcode(request);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().to_string().find("missing.mov"), std::string::npos);
    {
        std::ofstream junk(scratch.file("junk.mov"));
        junk << "this is not a movie";
    }
    request.input = scratch.file("junk.mov");
    EXPECT_FALSE(run_transcode(request));

    test::SourceClip clip;
    clip.frames = 2;
    test::write_source_clip(scratch.file("ok.mov"), clip);
    {
        std::ofstream file(scratch.file("a_file"));
        file << "x";
    }
    request.input = scratch.file("ok.mov");
    request.output_dir = scratch.file("a_file") + "/sub";
    auto unwritable = run_transcode(request);
    ASSERT_FALSE(unwritable);
    EXPECT_EQ(unwritable.error().code(), ErrorCode::IoError) << unwritable.error().to_string();
}

// The output file system fills up part way: the job fails and leaves nothing behind. A real
// small tmpfs when this process may mount one; otherwise a file-size limit in a child process
// (EFBIG on write, as ENOSPC would be).
TEST(TranscodeBadInput, DiskFullLeavesNothing) {
    ScratchDir scratch;
    test::SourceClip clip;
    clip.width = 640;
    clip.height = 360;
    clip.frames = 24;
    test::write_source_clip(scratch.file("big.mov"), clip);
    const std::string mount_point = scratch.file("tiny");
    fs::create_directories(mount_point);
    const bool mounted =
        std::system(
            ("mount -t tmpfs -o size=256k tmpfs '" + mount_point + "' 2>/dev/null").c_str()) == 0;
    TranscodeRequest request = request_for(scratch.file("big.mov"), scratch, "prores_hq");
    request.output_dir = mount_point + "/out";
    if (mounted) {
        auto result = run_transcode(request);
        EXPECT_FALSE(result);
        EXPECT_TRUE(visible_files(mount_point).empty());
        std::error_code ec;
        bool any = false;
        for (auto it = fs::recursive_directory_iterator(mount_point, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec))
            any = any || it->is_regular_file();
        EXPECT_FALSE(any) << "temporary output left behind";
        EXPECT_EQ(std::system(("umount '" + mount_point + "'").c_str()), 0);
        return;
    }
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{256 * 1024, 256 * 1024};
        setrlimit(RLIMIT_FSIZE, &limit);
        auto result = run_transcode(request);
        _exit(result ? 10 : 0);
    }
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0) << "the transcode should have failed";
    std::error_code ec;
    bool any = false;
    for (auto it = fs::recursive_directory_iterator(mount_point, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec))
        any = any || it->is_regular_file();
    EXPECT_FALSE(any) << "output or temporary file left behind";
}

TEST(TranscodeBadInput, CancelLeavesNothing) {
    ScratchDir scratch;
    test::SourceClip clip;
    clip.frames = 24;
    test::write_source_clip(scratch.file("c.mov"), clip);
    TranscodeRequest request = request_for(scratch.file("c.mov"), scratch, "prores_proxy");
    std::atomic<bool> cancel{false};
    request.cancel = &cancel;
    request.progress = [&](int64_t frames) {
        if (frames >= 8) cancel = true;
    };
    EXPECT_FALSE(run_transcode(request));
    EXPECT_TRUE(visible_files(scratch.file("out")).empty());
}

TEST(Transcode, OutputNamesStayInsideTheFolder) {
    ScratchDir scratch;
    test::SourceClip clip;
    clip.frames = 2;
    test::write_source_clip(scratch.file("n.mov"), clip);
    TranscodeRequest request = request_for(scratch.file("n.mov"), scratch, "prores_proxy");
    request.clip = "../../escape";
    request.reel = "/etc";
    request.preset.naming = "{reel}/{clip}";
    auto plan = plan_transcode(request);
    ASSERT_TRUE(plan) << plan.error().to_string();
    const auto out = fs::weakly_canonical(plan->output).string();
    const auto root = fs::weakly_canonical(scratch.file("out")).string();
    EXPECT_EQ(out.rfind(root, 0), 0u) << out;
}

}  // namespace
}  // namespace media::transcode
