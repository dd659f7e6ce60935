// SPDX-License-Identifier: Apache-2.0
// Chunked encode end to end: split points (intra: every frame; H.264: closed-GOP key frames
// only), chunk plans, `slate transcode --frames/--no-audio/--audio-only` and `slate join`
// through the executable, the joined programme against a single encode, and bad input.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "media/io/probe.h"
#include "media/transcode/chunked.h"
#include "scratch_dir.h"
#include "transcode_fixtures.h"

extern char** environ;

namespace media::test {
namespace {

namespace fs = std::filesystem;
using transcode::find_split_points;
using transcode::plan_chunks;

std::string slate() {
    return quote(SLATE_BINARY);
}

/// The fixture clip: ProRes 422 HQ 320x180 at 24 fps, TC 01:00:00:00, reel A001, 2 ch PCM.
std::string make_source(const ScratchDir& scratch, const std::string& name, int frames = 48,
                        int audio_channels = 2) {
    SourceClip clip;
    clip.frames = frames;
    clip.audio_channels = audio_channels;
    const std::string path = scratch.file(name);
    write_source_clip(path, clip);
    return path;
}

/// A long-GOP H.264 copy of `source` (B-frames, a key frame every 12 frames; open GOPs with
/// `open_gop`), timecode kept.
std::string make_h264(const ScratchDir& scratch, const std::string& source, const std::string& name,
                      bool open_gop) {
    const std::string path = scratch.file(name);
    const std::string params = open_gop ? "scenecut=0:open-gop=1" : "scenecut=0";
    EXPECT_TRUE(
        ffmpeg("-i " + quote(source) +
               " -map 0:v -map 0:a -c:v libx264 -preset veryfast -g 12 -bf 2 -x264-params " +
               params + " -c:a aac -timecode 01:00:00:00 " + quote(path)));
    return path;
}

/// A quick long-GOP H.264 preset (B-frames, AAC) at the source's size, with a timecode burn-in
/// (which must show each chunk's own frames).
std::string h264_preset(const ScratchDir& scratch) {
    const std::string path = scratch.file("h264_chunks.yaml");
    std::ofstream(path) << R"(schema: slate.transcode-preset
version: 1
description: H.264 for chunk tests
output: {kind: movie, container: mp4, extension: .mp4}
video:
  codec: libx264
  options: {profile: high, preset: veryfast, crf: 23, bf: 2}
  pixel_format: yuv420p
scale: {mode: none}
frame_rate: {mode: keep}
audio: {mode: aac, codec: aac, bitrate: 128k, channels: [0, 1]}
color: {primaries: source, transfer: source, matrix: bt709, range: tv}
naming: "{clip}_{preset}"
burnin:
  - {field: timecode, anchor: bottom-left, size: 0.08}
)";
    return path;
}

CommandResult transcode_chunk(const ScratchDir& scratch, const std::string& source,
                              const std::string& preset, const std::string& out,
                              const std::string& name, const FrameRange& range) {
    return run_command(slate() + " transcode " + quote(source) + " --preset " + preset + " -o " +
                           quote(out) + " --name " + name + " --frames " +
                           format_frame_range(range) + " --no-audio",
                       scratch);
}

/// Encodes `chunks` of `source` and its audio, and joins them into out/joined<ext>.
CommandResult chunked_encode(const ScratchDir& scratch, const std::string& source,
                             const std::string& preset, const std::string& ext,
                             const std::vector<FrameRange>& chunks, const std::string& out) {
    std::string list;
    for (size_t i = 0; i < chunks.size(); ++i) {
        const std::string name = fmt::format("chunk_{:04}", i);
        auto encoded = transcode_chunk(scratch, source, preset, out, name, chunks[i]);
        EXPECT_EQ(encoded.exit_code, 0) << encoded.out << encoded.err;
        list += " " + quote(out + "/" + name + ext);
    }
    auto audio = run_command(slate() + " transcode " + quote(source) + " --preset " + preset +
                                 " -o " + quote(out) + " --name audio --audio-only",
                             scratch);
    EXPECT_EQ(audio.exit_code, 0) << audio.out << audio.err;
    return run_command(slate() + " join" + list + " --audio " + quote(out + "/audio.mov") +
                           " --source " + quote(source) + " -o " + quote(out + "/joined" + ext) +
                           " --json",
                       scratch);
}

/// Per-frame checksums of the decoded video (ffmpeg's framemd5).
std::vector<std::string> frame_checksums(const ScratchDir& scratch, const std::string& file) {
    auto result = run_command("ffmpeg -hide_banner -nostdin -loglevel error -i " + quote(file) +
                                  " -map 0:v -f framemd5 -",
                              scratch);
    std::vector<std::string> sums;
    std::istringstream lines(result.out);
    for (std::string line; std::getline(lines, line);)
        if (!line.empty() && line[0] != '#') sums.push_back(line.substr(line.rfind(',') + 1));
    return sums;
}

std::vector<fs::path> files_named(const fs::path& root, const std::string& part) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec))
        if (entry.path().filename().string().find(part) != std::string::npos)
            found.push_back(entry.path());
    return found;
}

TEST(SplitPoints, IntraSourceSplitsAnywhere) {
    ScratchDir scratch;
    const std::string source = make_source(scratch, "A001_C001.mov", 30);
    auto points = find_split_points(source);
    ASSERT_TRUE(points) << points.error().to_string();
    EXPECT_TRUE(points->every_frame);
    EXPECT_EQ(points->frames, 30);
    ASSERT_EQ(points->starts.size(), 30u);
    EXPECT_EQ(points->starts.front(), 0);
    EXPECT_EQ(points->starts.back(), 29);
    EXPECT_EQ(points->frame_rate, Rational(24, 1));
    ASSERT_TRUE(points->start_timecode);
    EXPECT_EQ(points->start_timecode->to_string(), "01:00:00:00");

    if (!have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg not installed: no image sequence";
    fs::create_directories(scratch.file("seq"));
    ASSERT_TRUE(ffmpeg("-i " + quote(source) + " -frames:v 10 -start_number 1001 " +
                       quote(scratch.file("seq/shot.%06d.dpx"))));
    auto sequence = find_split_points(scratch.file("seq/shot.%06d.dpx"));
    ASSERT_TRUE(sequence) << sequence.error().to_string();
    EXPECT_TRUE(sequence->every_frame);
    EXPECT_EQ(sequence->frames, 10);
    EXPECT_EQ(sequence->starts.size(), 10u);
}

TEST(SplitPoints, LongGopSplitsOnlyOnClosedGopKeyFrames) {
    if (!have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg not installed";
    ScratchDir scratch;
    const std::string source = make_source(scratch, "A001_C001.mov", 48);
    auto closed = find_split_points(make_h264(scratch, source, "closed.mp4", false));
    ASSERT_TRUE(closed) << closed.error().to_string();
    EXPECT_FALSE(closed->every_frame);
    EXPECT_EQ(closed->frames, 48);
    EXPECT_EQ(closed->starts, (std::vector<int64_t>{0, 12, 24, 36}));
    // Open GOPs: the later key frames have leading B-frames that need the GOP before.
    auto open = find_split_points(make_h264(scratch, source, "open.mp4", true));
    ASSERT_TRUE(open) << open.error().to_string();
    EXPECT_EQ(open->frames, 48);
    EXPECT_EQ(open->starts, (std::vector<int64_t>{0}));

    auto missing = find_split_points(scratch.file("missing.mov"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
}

TEST(PlanChunks, EvenContiguousOnSplitPointsAndLongEnough) {
    transcode::SplitPoints intra;
    intra.frames = 100;
    intra.every_frame = true;
    intra.frame_rate = Rational(25, 1);
    auto even = plan_chunks(intra, {4, 0.0, 12});
    ASSERT_TRUE(even);
    EXPECT_EQ(*even, (std::vector<FrameRange>{{0, 25}, {25, 25}, {50, 25}, {75, 25}}));
    // By length: 1.5 s of 25 fps = 37.5 frames -> 3 chunks.
    auto by_seconds = plan_chunks(intra, {0, 1.5, 12});
    ASSERT_TRUE(by_seconds);
    EXPECT_EQ(by_seconds->size(), 3u);
    // Never shorter than min_frames: 100 frames in chunks of >= 40 is two chunks.
    auto few = plan_chunks(intra, {10, 0.0, 40});
    ASSERT_TRUE(few);
    EXPECT_EQ(*few, (std::vector<FrameRange>{{0, 50}, {50, 50}}));

    transcode::SplitPoints gop;
    gop.frames = 100;
    gop.frame_rate = Rational(25, 1);
    gop.starts = {0, 12, 24, 36, 48, 60, 72, 84, 96};
    auto chunks = plan_chunks(gop, {3, 0.0, 12});
    ASSERT_TRUE(chunks);
    ASSERT_EQ(chunks->size(), 3u);
    int64_t next = 0;
    for (const auto& chunk : *chunks) {
        EXPECT_EQ(chunk.first, next);
        EXPECT_GE(chunk.count, 12);
        EXPECT_TRUE(std::find(gop.starts.begin(), gop.starts.end(), chunk.first) !=
                    gop.starts.end());
        next = chunk.end();
    }
    EXPECT_EQ(next, 100);
    EXPECT_EQ(*chunks, (std::vector<FrameRange>{{0, 36}, {36, 36}, {72, 28}}));
    // A source with one split point is one chunk.
    transcode::SplitPoints single = gop;
    single.starts = {0};
    auto one = plan_chunks(single, {4, 0.0, 12});
    ASSERT_TRUE(one);
    EXPECT_EQ(*one, (std::vector<FrameRange>{{0, 100}}));
    EXPECT_FALSE(plan_chunks(transcode::SplitPoints{}, {2, 0.0, 12}));
    EXPECT_FALSE(plan_chunks(intra, {0, 0.0, 12}));
}

TEST(ChunkedEncode, IntraJoinIsBitIdenticalToOneEncode) {
    Watchdog watchdog("intra chunked encode", std::chrono::seconds(120));
    ScratchDir scratch;
    const std::string source = make_source(scratch, "A001_C001.mov", 48);
    const std::string out = scratch.file("out");
    auto points = find_split_points(source);
    ASSERT_TRUE(points) << points.error().to_string();
    auto chunks = plan_chunks(*points, {3, 0.0, 12});
    ASSERT_TRUE(chunks);
    ASSERT_EQ(chunks->size(), 3u);

    auto joined = chunked_encode(scratch, source, "prores_hq", ".mov", *chunks, out);
    ASSERT_EQ(joined.exit_code, 0) << joined.out << joined.err;
    const auto report = nlohmann::json::parse(joined.out);
    EXPECT_EQ(report["schema"], "slate.join");
    EXPECT_EQ(report["frames"], 48);
    EXPECT_NEAR(report["duration_seconds"].get<double>(), 2.0, 1e-6);
    EXPECT_EQ(report["start_timecode"], "01:00:00:00");
    EXPECT_EQ(report["verified"], true);

    // Each chunk is stamped with its own first frame's timecode.
    auto second = probe(out + "/chunk_0001.mov", ProbeOptions{});
    ASSERT_TRUE(second);
    EXPECT_EQ(second->start_timecode, "01:00:00:16");
    EXPECT_FALSE(second->first_audio());

    auto info = probe(out + "/joined.mov", ProbeOptions{true});
    ASSERT_TRUE(info);
    EXPECT_EQ(info->first_video()->decoded_frame_count.value_or(-1), 48);
    EXPECT_EQ(info->start_timecode, "01:00:00:00");
    EXPECT_EQ(info->reel_name, "A001");
    ASSERT_TRUE(info->first_audio());
    EXPECT_EQ(info->first_audio()->audio->channels, 2);
    EXPECT_EQ(info->first_video()->codec_tag, "apch");

    if (!have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg not installed: no checksums";
    auto whole = run_command(slate() + " transcode " + quote(source) + " --preset prores_hq -o " +
                                 quote(out) + " --name whole",
                             scratch);
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    const auto expected = frame_checksums(scratch, out + "/whole.mov");
    ASSERT_EQ(expected.size(), 48u);
    EXPECT_EQ(frame_checksums(scratch, out + "/joined.mov"), expected);
}

TEST(ChunkedEncode, LongGopSourceAndOutputJoinWithContinuousTimestamps) {
    if (!have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg not installed";
    Watchdog watchdog("H.264 chunked encode", std::chrono::seconds(180));
    ScratchDir scratch;
    const std::string prores = make_source(scratch, "A001_C001.mov", 36);
    const std::string source = make_h264(scratch, prores, "A001_C001.mp4", false);
    const std::string out = scratch.file("out");
    auto points = find_split_points(source);
    ASSERT_TRUE(points) << points.error().to_string();
    ASSERT_TRUE(points->start_timecode);
    auto chunks = plan_chunks(*points, {3, 0.0, 6});
    ASSERT_TRUE(chunks);
    EXPECT_EQ(*chunks, (std::vector<FrameRange>{{0, 12}, {12, 12}, {24, 12}}));

    auto joined =
        chunked_encode(scratch, source, quote(h264_preset(scratch)), ".mp4", *chunks, out);
    ASSERT_EQ(joined.exit_code, 0) << joined.out << joined.err;
    const auto report = nlohmann::json::parse(joined.out);
    EXPECT_EQ(report["frames"], 36);
    EXPECT_NEAR(report["duration_seconds"].get<double>(), 1.5, 1e-6);
    EXPECT_EQ(report["start_timecode"], points->start_timecode->to_string());

    // Decoding every frame (--decode-all) agrees with the packet count and the joins' decode.
    std::string chunk_files;
    for (int i = 0; i < 3; ++i)
        chunk_files += " " + quote(out + fmt::format("/chunk_{:04}.mp4", i));
    auto full = run_command(slate() + " join" + chunk_files + " --audio " +
                                quote(out + "/audio.mov") + " --source " + quote(source) + " -o " +
                                quote(out + "/full.mp4") + " --decode-all --json",
                            scratch);
    ASSERT_EQ(full.exit_code, 0) << full.out << full.err;
    EXPECT_EQ(nlohmann::json::parse(full.out)["frames"], 36);

    // A last chunk left out is found by the verification, and nothing is left behind.
    auto short_join = run_command(slate() + " join " + quote(out + "/chunk_0000.mp4") + " " +
                                      quote(out + "/chunk_0001.mp4") + " --source " +
                                      quote(source) + " -o " + quote(out + "/short.mp4"),
                                  scratch);
    EXPECT_EQ(short_join.exit_code, 2);
    EXPECT_NE(short_join.err.find("frame count 24, the source has 36"), std::string::npos)
        << short_join.err;
    EXPECT_FALSE(std::filesystem::exists(out + "/short.mp4"));

    auto info = probe(out + "/joined.mp4", ProbeOptions{true});
    ASSERT_TRUE(info);
    EXPECT_EQ(info->first_video()->codec, "h264");
    EXPECT_EQ(info->first_video()->decoded_frame_count.value_or(-1), 36);
    ASSERT_TRUE(info->first_audio());
    EXPECT_EQ(info->first_audio()->codec, "aac");
    EXPECT_NEAR(info->first_audio()->duration_seconds.value_or(0), 1.5, 0.05);
}

TEST(ChunkedEncode, BadInputFailsCleanly) {
    Watchdog watchdog("chunked encode bad input", std::chrono::seconds(120));
    ScratchDir scratch;
    const std::string source = make_source(scratch, "A001_C001.mov", 24);
    const std::string out = scratch.file("out");
    const std::string h264 = quote(h264_preset(scratch));
    ASSERT_EQ(transcode_chunk(scratch, source, "prores_lt", out, "a", {0, 12}).exit_code, 0);
    ASSERT_EQ(transcode_chunk(scratch, source, "prores_lt", out, "b", {12, 12}).exit_code, 0);
    ASSERT_EQ(transcode_chunk(scratch, source, h264, out, "c", {12, 12}).exit_code, 0);
    const std::string join = slate() + " join " + quote(out + "/a.mov") + " ";
    const std::string tail = " --source " + quote(source) + " -o " + quote(out + "/joined.mov");

    auto missing = run_command(join + quote(out + "/nope.mov") + tail, scratch);
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("nope.mov"), std::string::npos) << missing.err;

    auto mixed = run_command(join + quote(out + "/c.mp4") + tail, scratch);
    EXPECT_EQ(mixed.exit_code, 2);
    EXPECT_NE(mixed.err.find("c.mp4"), std::string::npos) << mixed.err;
    EXPECT_NE(mixed.err.find("codec"), std::string::npos) << mixed.err;

    // Out of order: each chunk carries its first frame's timecode.
    auto swapped = run_command(
        slate() + " join " + quote(out + "/b.mov") + " " + quote(out + "/a.mov") + tail, scratch);
    EXPECT_EQ(swapped.exit_code, 2);
    EXPECT_NE(swapped.err.find("out of order"), std::string::npos) << swapped.err;

    // A chunk missing from the list: the join does not match the source.
    auto short_join = run_command(join + tail, scratch);
    EXPECT_EQ(short_join.exit_code, 2);
    EXPECT_NE(short_join.err.find("frame count 12, the source has 24"), std::string::npos)
        << short_join.err;
    EXPECT_FALSE(fs::exists(out + "/joined.mov"));
    EXPECT_TRUE(files_named(out, ".partial").empty());

    auto no_source =
        run_command(join + quote(out + "/b.mov") + " -o " + quote(out + "/j.mov"), scratch);
    EXPECT_EQ(no_source.exit_code, 3);

    for (const std::string bad : {"10:5", "abc", "5", "-1:4", "3:3"}) {
        auto usage =
            run_command(slate() + " transcode " + quote(source) + " --preset prores_lt -o " +
                            quote(out) + " --name x --no-audio --frames " + quote(bad),
                        scratch);
        EXPECT_EQ(usage.exit_code, 3) << bad << ": " << usage.err;
    }
    auto beyond = transcode_chunk(scratch, source, "prores_lt", out, "late", {100, 20});
    EXPECT_EQ(beyond.exit_code, 2);
    EXPECT_NE(beyond.err.find("starts past the end of the source (24 frames)"), std::string::npos)
        << beyond.err;
    EXPECT_FALSE(fs::exists(out + "/late.mov"));
    // END past the end stops at the end.
    auto tail_chunk = transcode_chunk(scratch, source, "prores_lt", out, "tail", {20, 100});
    EXPECT_EQ(tail_chunk.exit_code, 0) << tail_chunk.err;
    EXPECT_NE(tail_chunk.out.find("4 frames, TC 01:00:00:20"), std::string::npos) << tail_chunk.out;

    auto with_audio =
        run_command(slate() + " transcode " + quote(source) + " --preset prores_lt -o " +
                        quote(out) + " --name y --frames 0:4",
                    scratch);
    EXPECT_EQ(with_audio.exit_code, 2);
    EXPECT_NE(with_audio.err.find("--no-audio"), std::string::npos) << with_audio.err;

    const std::string silent = make_source(scratch, "silent.mov", 4, 0);
    auto no_audio =
        run_command(slate() + " transcode " + quote(silent) + " --preset prores_lt -o " +
                        quote(out) + " --name silent_audio --audio-only",
                    scratch);
    EXPECT_EQ(no_audio.exit_code, 2);
    EXPECT_NE(no_audio.err.find("no audio"), std::string::npos) << no_audio.err;
    EXPECT_FALSE(fs::exists(out + "/silent_audio.mov"));
}

TEST(ChunkedEncode, KilledChunkLeavesNothingUnderItsName) {
    Watchdog watchdog("killed chunk", std::chrono::seconds(120));
    ScratchDir scratch;
    const std::string source = make_source(scratch, "A001_C001.mov", 240, 0);
    const std::string out = scratch.file("out");
    fs::create_directories(out);
    const std::string preset = h264_preset(scratch);
    std::vector<std::string> args{SLATE_BINARY, "transcode",  source,      "--preset",   preset,
                                  "-o",         out,          "--name",    "chunk_0000", "--frames",
                                  "0:240",      "--no-audio", "--threads", "1"};
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    ASSERT_EQ(posix_spawn(&pid, SLATE_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    // Kill it once it is writing (its temporary file exists).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (files_named(out, ".partial").empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the chunk finished before it could be killed";
    EXPECT_FALSE(fs::exists(out + "/chunk_0000.mp4"));
    // Redone (shorter here, to stay quick): the chunk appears whole under its name.
    auto redone = transcode_chunk(scratch, source, quote(preset), out, "chunk_0000", {0, 12});
    EXPECT_EQ(redone.exit_code, 0) << redone.err;
    auto info = probe(out + "/chunk_0000.mp4", ProbeOptions{true});
    ASSERT_TRUE(info);
    EXPECT_EQ(info->first_video()->decoded_frame_count.value_or(-1), 12);
}

}  // namespace
}  // namespace media::test
