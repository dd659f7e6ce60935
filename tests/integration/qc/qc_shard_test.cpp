// SPDX-License-Identifier: Apache-2.0
// Sharded QC: the defects clip measured in frame-range shards whose boundaries cut through the
// planted freeze (75-99) and flash (150-174), merged, gives the report one process writes, byte
// for byte (the reports carry no run time or host: RunInfo is empty in both); shards that do
// not belong together are refused, naming the shard file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../test_support.h"
#include "media/qc/qc_run.h"
#include "media/qc/qc_shard.h"
#include "media/report/qc_writers.h"
#include "slate_samples/samples.h"

namespace media::test {
namespace {

namespace fs = std::filesystem;

constexpr int kThreads = 2;

qc::QcProfile profile_named(const std::string& name) {
    auto profile = qc::load_profile(name);
    EXPECT_TRUE(profile) << profile.error().message();
    return profile ? *profile : qc::QcProfile{};
}

// Every report the CLI writes, as text.
struct ReportTexts {
    std::string json, junit, text, html;
};

ReportTexts texts_of(const qc::QcReport& report) {
    return {report::qc_report_json(report, {true, true}), report::qc_report_junit(report),
            report::qc_report_text(report, true), report::qc_report_html(report)};
}

class QcShards : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir;
        auto generated =
            samples::generate_samples({s_dir->path(), samples::SampleSet::Defects, ""});
        ASSERT_TRUE(generated) << generated.error().message();
        s_profile = profile_named("default");
        qc::QcRequest request;
        request.inputs = {input()};
        request.profile = s_profile;
        request.threads = kThreads;
        auto report = qc::run_qc(request);
        ASSERT_TRUE(report) << report.error().message();
        s_single = new qc::QcReport(std::move(*report));
        s_shards = {shard(0, 85, "a"), shard(85, 160, "b"), shard(160, 300, "c")};
    }
    static void TearDownTestSuite() {
        delete s_single;
        delete s_dir;
        s_single = nullptr;
        s_dir = nullptr;
    }

    static std::string input() { return s_dir->file("x001_c001_defects.mov"); }

    static Result<void> make_shard(int64_t first, int64_t end, const std::string& path,
                                   const qc::QcProfile& profile,
                                   const std::string& file = input()) {
        qc::QcShardRequest request;
        request.input = file;
        request.profile = profile;
        request.frames = {first, end - first};
        request.output = path;
        request.threads = kThreads;
        return qc::run_qc_shard(request);
    }
    static std::string shard(int64_t first, int64_t end, const std::string& name) {
        const std::string path = s_dir->file("shard_" + name + ".qcs");
        auto made = make_shard(first, end, path, s_profile);
        EXPECT_TRUE(made) << made.error().message();
        return path;
    }
    static Result<qc::QcReport> merge(const std::vector<std::string>& shards,
                                      const qc::QcProfile& profile = s_profile) {
        qc::QcMergeRequest request;
        request.input = input();
        request.profile = profile;
        request.shards = shards;
        request.threads = kThreads;
        return qc::merge_qc_shards(request);
    }
    static void expect_refused(const Result<qc::QcReport>& merged, const std::string& names) {
        ASSERT_FALSE(merged);
        EXPECT_NE(merged.error().message().find(names), std::string::npos)
            << merged.error().message();
    }

    static inline ScratchDir* s_dir = nullptr;
    static inline qc::QcProfile s_profile;
    static inline qc::QcReport* s_single = nullptr;
    static inline std::vector<std::string> s_shards;
};

TEST_F(QcShards, MergedReportIsTheOneProcessReportByteForByte) {
    auto merged = merge(s_shards);
    ASSERT_TRUE(merged) << merged.error().message();
    const ReportTexts one = texts_of(*s_single), sharded = texts_of(*merged);
    EXPECT_EQ(sharded.json, one.json);
    EXPECT_EQ(sharded.junit, one.junit);
    EXPECT_EQ(sharded.text, one.text);
    EXPECT_EQ(sharded.html, one.html);
}

TEST_F(QcShards, EventsAcrossABoundaryAreOneEvent) {
    auto merged = merge(s_shards);
    ASSERT_TRUE(merged) << merged.error().message();
    const qc::FileReport& file = merged->files.at(0);
    ASSERT_TRUE(file.analysis.freeze);
    bool found = false;
    for (const qc::CheckResult& check : file.checks)
        if (check.id == "freeze")
            for (const qc::Event& event : check.events)
                found |= event.first_frame == 75 && event.last_frame == 99;
    EXPECT_TRUE(found) << "the freeze 75-99 (cut at 85) is one event";
    EXPECT_EQ(file.analysis.stream.frames_decoded, 250);
}

TEST_F(QcShards, LoudnessIsGatedOverTheWholeProgramme) {
    auto merged = merge(s_shards);
    ASSERT_TRUE(merged) << merged.error().message();
    const auto& one = s_single->files.at(0).analysis.loudness;
    const auto& sharded = merged->files.at(0).analysis.loudness;
    ASSERT_TRUE(one && sharded);
    EXPECT_EQ(sharded->integrated, one->integrated);
    EXPECT_EQ(sharded->range, one->range);
    EXPECT_EQ(sharded->true_peak, one->true_peak);
}

TEST_F(QcShards, ShardsInAnyOrderAndEndingExactlyAtTheEndMerge) {
    const std::vector<std::string> exact = {shard(125, 250, "exact2"), shard(0, 125, "exact1")};
    auto merged = merge(exact);
    ASSERT_TRUE(merged) << merged.error().message();
    EXPECT_EQ(texts_of(*merged).json, texts_of(*s_single).json);
}

TEST_F(QcShards, AnAudioOnlyProfileMergesWithoutVideoRecords) {
    qc::QcProfile audio = s_profile;
    for (const qc::CheckInfo& check : qc::check_catalog())
        if (check.category != "audio") audio.checks[check.id].enabled = false;
    qc::QcRequest request;
    request.inputs = {input()};
    request.profile = audio;
    auto one = qc::run_qc(request);
    ASSERT_TRUE(one) << one.error().message();
    const std::string path = s_dir->file("audio_only.qcs");
    ASSERT_TRUE(make_shard(0, 100, path, audio));
    auto merged = merge({path}, audio);
    ASSERT_TRUE(merged) << merged.error().message();
    EXPECT_EQ(texts_of(*merged).json, texts_of(*one).json);
}

TEST_F(QcShards, AGapIsRefusedNamingTheShard) {
    expect_refused(merge({s_shards[0], s_shards[2]}), s_shards[2]);
}

TEST_F(QcShards, AnOverlapIsRefusedNamingTheShard) {
    const std::string overlapping = shard(80, 300, "overlap");
    expect_refused(merge({s_shards[0], overlapping}), overlapping);
}

TEST_F(QcShards, MissingTheEndIsRefusedNamingTheLastShard) {
    expect_refused(merge({s_shards[0], s_shards[1]}), s_shards[1]);
}

TEST_F(QcShards, AShardOfAnotherInputIsRefused) {
    const std::string other = s_dir->file("other.qcs");
    ASSERT_TRUE(make_shard(0, 300, other, s_profile, s_dir->file("x001_c001_defects_part2.mov")));
    expect_refused(merge({other}), other);
}

TEST_F(QcShards, AShardOfAnotherProfileIsRefused) {
    const std::string other = s_dir->file("profile.qcs");
    ASSERT_TRUE(make_shard(0, 300, other, profile_named("broadcast-ebu-r128")));
    expect_refused(merge({other}), other);
    expect_refused(merge(s_shards, profile_named("broadcast-ebu-r128")), s_shards[0]);
}

TEST_F(QcShards, ATruncatedOrDamagedShardIsAnErrorNamingIt) {
    const std::string truncated = s_dir->file("truncated.qcs");
    fs::copy_file(s_shards[2], truncated, fs::copy_options::overwrite_existing);
    fs::resize_file(truncated, fs::file_size(truncated) / 2);
    expect_refused(merge({s_shards[0], s_shards[1], truncated}), truncated);

    const std::string damaged = s_dir->file("damaged.qcs");
    fs::copy_file(s_shards[1], damaged, fs::copy_options::overwrite_existing);
    {
        std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(200);
        file.put('\x7f');
    }
    expect_refused(merge({s_shards[0], damaged, s_shards[2]}), damaged);

    const std::string empty = s_dir->file("empty.qcs");
    std::ofstream(empty).put('x');
    expect_refused(merge({empty}), empty);
}

TEST_F(QcShards, AShardStartingPastTheEndIsAnError) {
    const std::string path = s_dir->file("past.qcs");
    auto made = make_shard(400, 500, path, s_profile);
    ASSERT_FALSE(made);
    EXPECT_NE(made.error().message().find("400:500"), std::string::npos) << made.error().message();
    EXPECT_FALSE(fs::exists(path));
    for (const std::string& name : s_dir->entries())
        EXPECT_EQ(name.find("past.qcs.partial"), std::string::npos) << name;
}

TEST_F(QcShards, TheCliMergesToTheSameReportAsOneRun) {
    const std::string slate = quote(SLATE_BINARY);
    const std::string file = quote(input());
    const auto reports = [&](const std::string& name) {
        return fmt::format("--json {} --junit {} --html {}", quote(s_dir->file(name + ".json")),
                           quote(s_dir->file(name + ".xml")), quote(s_dir->file(name + ".html")));
    };
    const CommandResult one =
        run_command(fmt::format("{} qc {} -j 2 {} -q", slate, file, reports("one")), *s_dir);
    std::vector<std::string> shards;
    for (const char* range : {"160:400", "0:90", "90:160"}) {
        const std::string path = s_dir->file(fmt::format("cli_{}.qcs", range));
        const CommandResult made = run_command(
            fmt::format("{} qc {} -j 2 --shard {} --shard-out {}", slate, file, range, quote(path)),
            *s_dir);
        EXPECT_EQ(made.exit_code, 0) << made.err;
        EXPECT_NE(made.out.find(range), std::string::npos) << made.out;
        shards.push_back(quote(path));
    }
    const CommandResult merged =
        run_command(fmt::format("{} qc {} -j 2 --merge-shards {} {} {} {} -q", slate, file,
                                shards[0], shards[1], shards[2], reports("merged")),
                    *s_dir);
    EXPECT_EQ(one.exit_code, 1) << one.err;  // the defects fail their checks
    EXPECT_EQ(merged.exit_code, one.exit_code) << merged.err;
    for (const char* ext : {".json", ".xml", ".html"}) {
        const std::string report = read_file(s_dir->file(std::string("one") + ext));
        EXPECT_FALSE(report.empty()) << ext;
        EXPECT_EQ(read_file(s_dir->file(std::string("merged") + ext)), report) << ext;
    }

    const CommandResult gap = run_command(
        fmt::format("{} qc {} --merge-shards {} {} -q", slate, file, shards[0], shards[1]), *s_dir);
    EXPECT_EQ(gap.exit_code, 2);
    EXPECT_NE(gap.err.find("cli_160:400.qcs"), std::string::npos) << gap.err;
}

TEST_F(QcShards, CliUsageErrorsExitThree) {
    const std::string slate = quote(SLATE_BINARY);
    const std::string file = quote(input());
    for (const std::string& args :
         {fmt::format("{} --shard 0:10", file), fmt::format("{} --shard 10:5 --shard-out s", file),
          fmt::format("{} {} --shard 0:10 --shard-out s", file, file),
          fmt::format("{} --shard 0:10 --shard-out s --merge-shards s", file),
          fmt::format("{} --shard 0:10 --shard-out s --json r.json", file)}) {
        const CommandResult run = run_command(fmt::format("{} qc {}", slate, args), *s_dir);
        EXPECT_EQ(run.exit_code, 3) << args << "\n" << run.err;
    }
}

}  // namespace
}  // namespace media::test
