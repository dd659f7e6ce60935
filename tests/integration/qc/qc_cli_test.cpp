// SPDX-License-Identifier: Apache-2.0
// `slate qc` end to end: every plant of the sample generator's defects clip is found at its
// exact frames (and nothing else is), the clean dailies pass, reports are stable, and bad input
// gets a report and exit 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "../test_support.h"
#include "slate_samples/samples.h"

namespace media::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string slate() {
    return quote(SLATE_BINARY);
}

void generate(const ScratchDir& dir, samples::SampleSet set, const std::string& only = {}) {
    auto report = samples::generate_samples({dir.path(), set, only});
    ASSERT_TRUE(report) << report.error().message();
}

const json* check_of(const json& file, const std::string& id) {
    for (const json& check : file["checks"])
        if (check["id"] == id) return &check;
    return nullptr;
}

// The check a plant must surface in, by the plant's kind (and the frames it is listed at).
std::string check_for(const json& plant) {
    const std::string kind = plant["kind"];
    if (kind == "out_of_range") return "luma_range";
    if (kind == "repeated_frame") return "cadence";
    if (kind == "silence") return "silence";
    if (kind == "loudness_spike") return "peak_level";
    if (kind == "timecode_break") return "timecode_continuity";
    return kind;  // black, freeze, flash, letterbox, clipping
}

bool has_event_at(const json& check, int64_t first, int64_t last) {
    return std::any_of(check["events"].begin(), check["events"].end(), [&](const json& e) {
        return e["first_frame"] == first && e["last_frame"] == last;
    });
}

class QcDefects : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir;
        generate(*s_dir, samples::SampleSet::Defects);
        s_sidecar = json::parse(read_file(s_dir->file("x001_c001_defects.defects.json")));
        s_run = run_command(fmt::format("{} qc {} {} --continuous --json - --junit {} --html {}",
                                        slate(), quote(s_dir->file("x001_c001_defects.mov")),
                                        quote(s_dir->file("x001_c001_defects_part2.mov")),
                                        quote(s_dir->file("r.xml")), quote(s_dir->file("r.html"))),
                            *s_dir);
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static json report() { return json::parse(s_run.out); }

    static inline ScratchDir* s_dir = nullptr;
    static inline json s_sidecar;
    static inline CommandResult s_run;
};

TEST_F(QcDefects, FailsWithExitOne) {
    EXPECT_EQ(s_run.exit_code, 1) << s_run.err;
    const json r = report();
    EXPECT_EQ(r["schema"], "slate.qc-report");
    ASSERT_EQ(r["files"].size(), 2u);
}

TEST_F(QcDefects, EveryPlantIsFoundAtItsExactFrames) {
    const json r = report();
    for (const json& plant : s_sidecar["plants"]) {
        const bool part2 = plant["file"] == s_sidecar["continuation"];
        const json& file = r["files"][part2 ? 1 : 0];
        const std::string id = check_for(plant);
        SCOPED_TRACE(fmt::format("{} frames {}-{} in check {}", plant["kind"].get<std::string>(),
                                 plant["first_frame"].get<int64_t>(),
                                 plant["last_frame"].get<int64_t>(), id));
        const json* check = check_of(file, id);
        ASSERT_NE(check, nullptr);
        EXPECT_EQ((*check)["verdict"], "fail");
        EXPECT_TRUE(has_event_at(*check, plant["first_frame"], plant["last_frame"]))
            << check->dump(1);
    }
}

// No false findings: every event of the defects clip overlaps a plant.
TEST_F(QcDefects, NothingIsFoundOutsideThePlants) {
    const json r = report();
    const json& file = r["files"][0];
    for (const json& check : file["checks"]) {
        for (const json& event : check["events"]) {
            if (event["first_frame"].get<int64_t>() < 0) continue;  // programme-level finding
            const bool planted = std::any_of(s_sidecar["plants"].begin(), s_sidecar["plants"].end(),
                                             [&](const json& p) {
                                                 return p["file"] == s_sidecar["clip"] &&
                                                        event["first_frame"] <= p["last_frame"] &&
                                                        event["last_frame"] >= p["first_frame"];
                                             });
            EXPECT_TRUE(planted) << check["id"] << " " << event.dump();
        }
    }
}

TEST_F(QcDefects, JUnitAndHtmlAreWritten) {
    pugi::xml_document junit;
    ASSERT_TRUE(junit.load_file(s_dir->file("r.xml").c_str()));
    EXPECT_EQ(std::distance(junit.child("testsuites").children("testsuite").begin(),
                            junit.child("testsuites").children("testsuite").end()),
              2);
    EXPECT_TRUE(junit.select_node("//testcase/failure"));
    const std::string html = read_file(s_dir->file("r.html"));
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("x001_c001_defects.mov"), std::string::npos);
    EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // self-contained
}

TEST(QcClean, TheDailiesPassWithNoFindings) {
    ScratchDir dir;
    generate(dir, samples::SampleSet::Dailies);
    const auto run = run_command(
        fmt::format("{} qc {} {} {} {} {} {} --json -", slate(),
                    quote(dir.file("a001_c001_prores4444.mov")),
                    quote(dir.file("a001_c002_dnxhr_hqx.mxf")),
                    quote(dir.file("b001_c001_h264.mp4")), quote(dir.file("c001_c001_hevc_pq.mov")),
                    quote(dir.file("d001_dpx10/d001_dpx10.%06d.dpx")),
                    quote(dir.file("e001_exr_half/e001_exr_half.%06d.exr"))),
        dir);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const json r = json::parse(run.out);
    for (const json& file : r["files"]) {
        SCOPED_TRACE(file["path"].get<std::string>());
        EXPECT_EQ(file["verdict"], "pass");
        for (const json& check : file["checks"]) {
            EXPECT_NE(check["verdict"], "fail") << check.dump(1);
            EXPECT_TRUE(check["events"].empty()) << check.dump(1);
        }
    }
}

TEST(QcReports, BodiesAreByteIdenticalAcrossRunsAndLocales) {
    ScratchDir dir;
    generate(dir, samples::SampleSet::Dailies, "b001_c001_h264");
    const std::string input = quote(dir.file("b001_c001_h264.mp4"));
    const auto body = [&](const std::string& env, const std::string& name) {
        run_command(fmt::format("{} {} qc {} --json {} --html {} --junit {} -q", env, slate(),
                                input, quote(dir.file(name + ".json")),
                                quote(dir.file(name + ".html")), quote(dir.file(name + ".xml"))),
                    dir);
        json r = json::parse(read_file(dir.file(name + ".json")));
        r.erase("run");
        return r.dump();
    };
    EXPECT_EQ(body("", "a"), body("LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8", "b"));
    const auto without_run = [](std::string html) {
        return html.substr(0, html.find("id=\"run\""));
    };
    EXPECT_EQ(without_run(read_file(dir.file("a.html"))),
              without_run(read_file(dir.file("b.html"))));
}

TEST(QcBadInput, TruncatedAndCorruptFilesExitTwoWithAReport) {
    ScratchDir dir;
    generate(dir, samples::SampleSet::Dailies, "b001_c001_h264");
    const std::string good = read_file(dir.file("b001_c001_h264.mp4"));
    {
        std::ofstream cut(dir.file("cut.mp4"), std::ios::binary);
        cut.write(good.data(), static_cast<std::streamsize>(good.size() * 2 / 3));
    }
    std::string damaged = good;
    for (size_t i = good.size() / 3; i < good.size() / 3 + 4000; i += 7) damaged[i] ^= 0x5a;
    {
        std::ofstream bad(dir.file("damaged.mp4"), std::ios::binary);
        bad.write(damaged.data(), static_cast<std::streamsize>(damaged.size()));
    }
    {
        std::ofstream junk(dir.file("junk.mov"), std::ios::binary);
        junk << "not a movie at all";
    }
    for (const char* name : {"cut.mp4", "damaged.mp4", "junk.mov"}) {
        SCOPED_TRACE(name);
        const auto run =
            run_command(fmt::format("{} qc {} --json -", slate(), quote(dir.file(name))), dir);
        EXPECT_EQ(run.exit_code, 2) << run.err;
        const json r = json::parse(run.out);
        EXPECT_EQ(r["files"][0]["verdict"], "error");
    }
}

TEST(QcBadInput, AudioOnlyAndVideoOnlyRunTheApplicableChecks) {
    if (!have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg CLI not installed";
    ScratchDir dir;
    ASSERT_TRUE(
        ffmpeg("-f lavfi -i sine=frequency=1000:duration=3 -ac 2 " + quote(dir.file("tone.wav"))));
    ASSERT_TRUE(
        ffmpeg("-f lavfi -i testsrc2=size=320x240:rate=25:duration=2 -c:v libx264 "
               "-pix_fmt yuv420p " +
               quote(dir.file("video.mp4"))));
    const auto verdict_of = [&](const std::string& name, const std::string& id) {
        const auto run =
            run_command(fmt::format("{} qc {} --json -", slate(), quote(dir.file(name))), dir);
        EXPECT_NE(run.exit_code, 2) << run.err;
        const json report = json::parse(run.out);
        const json* check = check_of(report["files"][0], id);
        return check ? (*check)["verdict"].get<std::string>() : std::string("absent");
    };
    EXPECT_EQ(verdict_of("tone.wav", "black"), "not_checked");
    EXPECT_NE(verdict_of("tone.wav", "silence"), "not_checked");
    EXPECT_EQ(verdict_of("video.mp4", "silence"), "not_checked");
    EXPECT_NE(verdict_of("video.mp4", "black"), "not_checked");
}

TEST(QcBadInput, NoTimestampsMeansTimingIsNotChecked) {
    if (!have_program("ffmpeg")) GTEST_SKIP() << "ffmpeg CLI not installed";
    ScratchDir dir;
    // A raw H.264 elementary stream carries no container timestamps.
    ASSERT_TRUE(
        ffmpeg("-f lavfi -i testsrc2=size=320x240:rate=25:duration=1 -c:v libx264 "
               "-bsf:v h264_mp4toannexb -f h264 " +
               quote(dir.file("raw.264"))));
    const auto run =
        run_command(fmt::format("{} qc {} --json -", slate(), quote(dir.file("raw.264"))), dir);
    ASSERT_NE(run.exit_code, 2) << run.err;
    const json report = json::parse(run.out);
    const json* check = check_of(report["files"][0], "timestamps");
    ASSERT_NE(check, nullptr);
    EXPECT_EQ((*check)["verdict"], "not_checked");
}

TEST(QcBadInput, MalformedProfileIsAnErrorWithFileAndLine) {
    ScratchDir dir;
    {
        std::ofstream profile(dir.file("p.yaml"));
        profile << "schema: slate.qc-profile\nversion: 1\nname: x\nvideo:\n  black:\n"
                   "    min_secs: 2\n";
    }
    const auto run =
        run_command(fmt::format("{} qc {} --profile {}", slate(), quote(dir.file("nothing.mov")),
                                quote(dir.file("p.yaml"))),
                    dir);
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("p.yaml:6"), std::string::npos) << run.err;
}

TEST(QcCli, UsageErrorsExitThree) {
    ScratchDir dir;
    EXPECT_EQ(run_command(slate() + " qc", dir).exit_code, 3);
    EXPECT_EQ(run_command(slate() + " qc x.mov --html -", dir).exit_code, 3);
    const auto list = run_command(slate() + " qc --list-profiles", dir);
    EXPECT_EQ(list.exit_code, 0);
    for (const char* name :
         {"default", "broadcast-ebu-r128", "atsc-a85", "streaming-originals", "dailies"})
        EXPECT_NE(list.out.find(name), std::string::npos) << name;
}

}  // namespace
}  // namespace media::test
