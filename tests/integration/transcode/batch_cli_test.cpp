// SPDX-License-Identifier: Apache-2.0
// `slate batch` and `slate mhl` end to end through the executable: deliverables, resuming after
// kill -9, failure isolation, confinement of outputs, and MHL catching a modified byte.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "media/io/probe.h"
#include "scratch_dir.h"
#include "transcode_fixtures.h"

extern char** environ;

namespace media::test {
namespace {

namespace fs = std::filesystem;

std::string slate() {
    return quote(SLATE_BINARY);
}

void small_clip(const std::string& path, int frames = 12) {
    fs::create_directories(fs::path(path).parent_path());
    SourceClip clip;
    clip.frames = frames;
    clip.audio_channels = 2;
    write_source_clip(path, clip);
}

nlohmann::json summary_of(const std::string& out) {
    return nlohmann::json::parse(read_file(out + "/summary.json"));
}

int count_status(const nlohmann::json& summary, const std::string& status) {
    int n = 0;
    for (const auto& job : summary["jobs"]) n += job["status"] == status;
    return n;
}

std::vector<fs::path> files_named(const fs::path& root, const std::string& part) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec))
        if (it->path().filename().string().find(part) != std::string::npos)
            found.push_back(it->path());
    return found;
}

TEST(BatchCli, DeliverablesResumeAndMhl) {
    ScratchDir scratch;
    small_clip(scratch.file("card1/A001_C001_0101AB.mov"));
    small_clip(scratch.file("card1/A001_C002_0101AB.mov"));
    small_clip(scratch.file("card2/A001_C001_0101AB.mov"));  // same clip name: a collision
    small_clip(scratch.file("B002_C003 it's [x]; 100%.mov"));
    const std::string out = scratch.file("out");
    const std::string command =
        slate() + " batch " + quote(scratch.file("card1")) + " " + quote(scratch.file("card2")) +
        " " + quote(scratch.file("B002*.mov")) + " -p prores_proxy -p h264_review -o " +
        quote(out) + " -j 2 --progress json --burnin-text 'DAY 1: {x} 100%'";
    auto first = run_command(command, scratch);
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;

    // NDJSON progress on stderr: one job_done per job.
    int done_events = 0;
    std::istringstream events(first.err);
    for (std::string line; std::getline(events, line);) {
        if (line.empty() || line[0] != '{') continue;
        const auto event = nlohmann::json::parse(line);
        done_events += event["event"] == "job_done";
    }
    EXPECT_EQ(done_events, 8);

    auto summary = summary_of(out);
    EXPECT_EQ(summary["schema"], "slate.batch");
    EXPECT_EQ(count_status(summary, "done"), 8);
    std::set<std::string> outputs;
    for (const auto& job : summary["jobs"]) {
        outputs.insert(job["output"].get<std::string>());
        auto info = probe(out + "/" + job["output"].get<std::string>(), ProbeOptions{true});
        ASSERT_TRUE(info) << job["output"];
        EXPECT_EQ(info->first_video()->decoded_frame_count.value_or(-1), 12);
        EXPECT_EQ(info->start_timecode, "01:00:00:00");
    }
    EXPECT_EQ(outputs.size(), 8u) << "colliding clip names must get distinct outputs";

    // ALE per preset: Avid's sections and a row per clip with timecodes.
    const std::string ale = read_file(out + "/prores_proxy.ale");
    EXPECT_NE(ale.find("Heading"), std::string::npos);
    EXPECT_NE(ale.find("FPS\t24"), std::string::npos);
    EXPECT_NE(ale.find("01:00:00:00\t01:00:00:12"), std::string::npos) << ale;
    EXPECT_NE(ale.find("A001"), std::string::npos);
    EXPECT_NE(ale.find("B002_C003 it's [x]; 100%"), std::string::npos);
    EXPECT_TRUE(fs::exists(out + "/h264_review.ale"));
    EXPECT_NE(read_file(out + "/checksums.xxh64").find("prores_proxy.mov"), std::string::npos);
    EXPECT_NE(read_file(out + "/checksums.md5").find("h264_review.mp4"), std::string::npos);
    EXPECT_EQ(files_named(out + "/ascmhl", "0001_").size(), 1u);
    EXPECT_EQ(run_command(slate() + " mhl verify " + quote(out), scratch).exit_code, 0);

    // Again: nothing to do, nothing rewritten.
    const fs::path one = out + "/" + *outputs.begin();
    const auto written = fs::last_write_time(one);
    auto second = run_command(command, scratch);
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_EQ(count_status(summary_of(out), "skipped"), 8);
    EXPECT_EQ(fs::last_write_time(one), written);

    // One byte changed: MHL names it, and the batch redoes exactly that job.
    {
        std::fstream file(one, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(fs::file_size(one) / 2));
        file.put('\x5a');
    }
    auto verify = run_command(slate() + " mhl verify " + quote(out), scratch);
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_NE(verify.out.find(one.filename().string()), std::string::npos) << verify.out;
    auto third = run_command(command, scratch);
    ASSERT_EQ(third.exit_code, 0) << third.err;
    auto after = summary_of(out);
    EXPECT_EQ(count_status(after, "done"), 1);
    EXPECT_EQ(count_status(after, "skipped"), 7);
}

TEST(BatchCli, ResumesAfterKill9) {
    ScratchDir scratch;
    for (int i = 1; i <= 5; ++i)
        small_clip(scratch.file("card/A002_C00" + std::to_string(i) + ".mov"), 24);
    const std::string out = scratch.file("out");
    std::vector<std::string> args{SLATE_BINARY,   "batch",     scratch.file("card"),
                                  "-p",           "prores_hq", "-p",
                                  "dnxhr_lb_mov", "-o",        out,
                                  "-j",           "1",         "--progress",
                                  "none",         "--no-mhl"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    ASSERT_EQ(posix_spawn(&pid, SLATE_BINARY, &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);

    // Kill it as soon as the journal shows two finished jobs (of ten).
    const std::string journal = out + "/.slate/journal.ndjson";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    int finished = 0;
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string text = read_file(journal);
        finished = 0;
        for (size_t at = text.find("\"done\""); at != std::string::npos;
             at = text.find("\"done\"", at + 1))
            ++finished;
        if (finished >= 2) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_GE(finished, 2);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the batch finished before it could be killed";

    auto rerun = run_command(slate() + " batch " + quote(scratch.file("card")) +
                                 " -p prores_hq -p dnxhr_lb_mov -o " + quote(out) +
                                 " -j 2 --progress plain --no-mhl",
                             scratch);
    ASSERT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
    auto summary = summary_of(out);
    const int skipped = count_status(summary, "skipped");
    const int done = count_status(summary, "done");
    EXPECT_GE(skipped, 2);
    EXPECT_EQ(skipped + done, 10);
    EXPECT_LE(done, 8);
    EXPECT_TRUE(files_named(out, ".partial").empty()) << "temporary files of the killed run remain";
    for (const auto& job : summary["jobs"]) {
        auto info = probe(out + "/" + job["output"].get<std::string>(), ProbeOptions{true});
        ASSERT_TRUE(info) << job["output"];
        EXPECT_EQ(info->first_video()->decoded_frame_count.value_or(-1), 24) << job["output"];
    }
}

TEST(BatchCli, FailuresAreIsolatedAndOutputsConfined) {
    ScratchDir scratch;
    small_clip(scratch.file("in/good.mov"), 6);
    small_clip(scratch.file("in/evil.mov"), 6);
    {
        std::ofstream csv(scratch.file("in/manifest.csv"));
        csv << "path,clip,reel\n"
               "good.mov,Good Clip,A001\n"
               "missing.mov,Missing,A002\n"
               "evil.mov,\"../../escaped, \"\"quoted\"\"\",../../R\n";
    }
    const std::string out = scratch.file("deep/out");
    auto result = run_command(slate() + " batch " + quote(scratch.file("in/manifest.csv")) +
                                  " -p prores_proxy -o " + quote(out) + " --progress none",
                              scratch);
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    auto summary = summary_of(out);
    EXPECT_EQ(count_status(summary, "done"), 2);
    EXPECT_EQ(count_status(summary, "failed"), 1);
    // The hostile clip name made one output, and it is inside the output folder.
    std::vector<fs::path> movies;
    for (const auto& path : files_named(scratch.path(), "escaped"))
        if (path.extension() == ".mov") movies.push_back(path);
    ASSERT_EQ(movies.size(), 1u);
    EXPECT_EQ(movies.front().parent_path(), fs::path(out)) << movies.front();
}

TEST(TranscodeCli, PresetErrorsAndDryRun) {
    ScratchDir scratch;
    small_clip(scratch.file("c.mov"), 2);
    auto unknown = run_command(slate() + " transcode " + quote(scratch.file("c.mov")) +
                                   " -p no_such_preset -o " + quote(scratch.file("o")),
                               scratch);
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("prores_proxy"), std::string::npos) << "lists the built-ins";
    {
        std::ofstream bad(scratch.file("bad.yaml"));
        bad << "schema: slate.transcode-preset\nversion: 1\noutput: {kind: movie, container: mov, "
               "extension: .mov}\nvideo: {codec: prores_ks}\nscale: {mode: fitt}\n";
    }
    auto malformed =
        run_command(slate() + " transcode " + quote(scratch.file("c.mov")) + " -p " +
                        quote(scratch.file("bad.yaml")) + " -o " + quote(scratch.file("o")),
                    scratch);
    EXPECT_EQ(malformed.exit_code, 2);
    EXPECT_NE(malformed.err.find("bad.yaml:5"), std::string::npos) << malformed.err;
    EXPECT_NE(malformed.err.find("scale.mode"), std::string::npos) << malformed.err;
    auto dry = run_command(slate() + " transcode " + quote(scratch.file("c.mov")) +
                               " -p h264_review --lut nope.cube -o " + quote(scratch.file("o")),
                           scratch);
    EXPECT_EQ(dry.exit_code, 2) << "a missing LUT is an error before anything runs";
    auto plan = run_command(slate() + " transcode " + quote(scratch.file("c.mov")) +
                                " -p h264_review --dry-run -o " + quote(scratch.file("o")),
                            scratch);
    EXPECT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_NE(plan.out.find("c_h264_review.mp4"), std::string::npos) << plan.out;
    EXPECT_FALSE(fs::exists(scratch.file("o")));
}

}  // namespace
}  // namespace media::test
