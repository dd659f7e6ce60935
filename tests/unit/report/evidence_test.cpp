// SPDX-License-Identifier: Apache-2.0
// Evidence pictures from the defects sample: strips named as documented and written atomically,
// thumbnails of the right frames, nothing for audio events, and no file for an unreadable input.
#include "media/report/evidence.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "media/io/media_source.h"
#include "scratch_dir.h"
#include "slate_samples/samples.h"

namespace media::report {
namespace {

namespace fs = std::filesystem;
using qc::CheckResult;
using qc::Event;
using qc::FileReport;

constexpr int kTile = 240;
constexpr int kMargin = 12;  // evidence.cpp's strip margin

class Evidence : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_samples = new test::ScratchDir();
        auto written = samples::generate_samples(
            {s_samples->path(), samples::SampleSet::Defects, "x001_c001_defects"});
        ASSERT_TRUE(written) << written.error().to_string();
    }
    static void TearDownTestSuite() {
        delete s_samples;
        s_samples = nullptr;
    }
    static std::string clip() { return s_samples->file("x001_c001_defects.mov"); }

    static test::ScratchDir* s_samples;
};
test::ScratchDir* Evidence::s_samples = nullptr;

std::string read_bytes(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

uint32_t be32(const std::string& bytes, size_t at) {
    return uint32_t(uint8_t(bytes[at])) << 24 | uint32_t(uint8_t(bytes[at + 1])) << 16 |
           uint32_t(uint8_t(bytes[at + 2])) << 8 | uint32_t(uint8_t(bytes[at + 3]));
}

bool is_png(const std::string& bytes) {
    return bytes.size() > 24 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
}

int png_width(const std::string& bytes) {
    return static_cast<int>(be32(bytes, 16));
}

// A strip of n tiles is n tiles and n + 1 margins wide (grade::contact_sheet_layout).
int strip_width(int tiles) {
    return tiles * kTile + (tiles + 1) * kMargin;
}

Event frames(int64_t first, int64_t last) {
    Event e;
    e.first_frame = first;
    e.last_frame = last;
    e.start_seconds = double(first) / 25.0;
    e.end_seconds = double(last + 1) / 25.0;
    return e;
}

FileReport defects_report(const std::string& path) {
    FileReport report;
    report.analysis.facts.path = path;
    report.analysis.facts.has_video = true;
    report.analysis.stream.frames_decoded = 250;
    CheckResult black;
    black.id = "black";
    black.category = "video";
    black.verdict = qc::Verdict::Fail;
    black.threshold_text = "none \u2265 0 s";
    Event planted = frames(50, 54);
    planted.first_timecode = "10:00:02:00";
    planted.last_timecode = "10:00:02:04";
    planted.detail = "black share 1.000 \u2265 0.98";
    // The planted run, then two made-up runs at the ends of the file to exercise the clamping.
    black.events = {planted, frames(0, 2), frames(248, 249)};
    CheckResult silence;
    silence.id = "silence";
    silence.category = "audio";
    silence.verdict = qc::Verdict::Fail;
    silence.events = {frames(200, 209)};
    CheckResult freeze;
    freeze.id = "freeze";
    freeze.category = "video";
    freeze.verdict = qc::Verdict::Pass;
    report.checks = {black, silence, freeze};
    return report;
}

// Mean of the first plane of the decoded picture, 0..1 (the thumbnail as MediaSource reads it).
std::optional<double> mean_level(const std::string& png_path) {
    auto source = MediaSource::open(png_path);
    if (!source) return std::nullopt;
    auto frame = source->next_video_frame();
    if (!frame || !*frame) return std::nullopt;
    const Frame& f = **frame;
    if (info(f.format()).bytes_per_sample != 1) return std::nullopt;
    const auto plane = f.plane<uint8_t>(0);
    double sum = 0.0;
    for (int y = 0; y < plane.height(); ++y)
        for (int64_t i = 0; i < plane.row_samples(); ++i) sum += plane.row(y)[i];
    return sum / (double(plane.row_samples()) * plane.height() * 255.0);
}

TEST_F(Evidence, WritesNamedStripsAndThumbnails) {
    test::ScratchDir out;
    FileReport report = defects_report(clip());
    EvidenceOptions options;
    options.dir = out.file("evidence");  // created by collect_evidence
    auto done = collect_evidence(report, options);
    ASSERT_TRUE(done) << done.error().to_string();

    const std::vector<std::string> expected{out.file("evidence/x001_c001_defects.black.1.png"),
                                            out.file("evidence/x001_c001_defects.black.2.png"),
                                            out.file("evidence/x001_c001_defects.black.3.png")};
    EXPECT_EQ(report.checks[0].evidence, expected);
    // 49, 50, 52, 54, 55; at the start 0 (before, clamped), 0, 1, 2, 3; at the end 247, 248,
    // 249 (the middle rounds to 249 and the frame after is clamped to it).
    const int tiles[] = {5, 4, 3};
    for (size_t i = 0; i < expected.size(); ++i) {
        const std::string png = read_bytes(expected[i]);
        ASSERT_TRUE(is_png(png)) << expected[i];
        EXPECT_EQ(png_width(png), strip_width(tiles[i])) << expected[i];
    }
    EXPECT_TRUE(report.checks[1].evidence.empty()) << "audio events get no pictures";
    EXPECT_TRUE(report.checks[2].evidence.empty());
    for (const auto& entry : fs::directory_iterator(options.dir))
        EXPECT_NE(entry.path().filename().string().front(), '.') << "temporary file left";

    ASSERT_EQ(report.thumbnails.size(), 3u);
    const qc::Thumbnail& black = report.thumbnails[0];
    EXPECT_EQ(black.check, "black");
    EXPECT_EQ(black.frame, 52);
    EXPECT_EQ(black.timecode, "10:00:02:02");
    ASSERT_TRUE(is_png(black.png));
    EXPECT_LE(png_width(black.png), options.thumbnail_width);
}

TEST_F(Evidence, ThumbnailShowsTheEventFrame) {
    FileReport report = defects_report(clip());
    report.checks[0].events.resize(1);
    EvidenceOptions options;  // no folder: thumbnails only
    ASSERT_TRUE(collect_evidence(report, options));
    EXPECT_TRUE(report.checks[0].evidence.empty());
    ASSERT_EQ(report.thumbnails.size(), 1u);
    test::ScratchDir out;
    const std::string path = out.file("thumb.png");
    std::ofstream(path, std::ios::binary) << report.thumbnails[0].png;
    const std::optional<double> level = mean_level(path);
    ASSERT_TRUE(level) << "the thumbnail decodes";
    // Frame 52 is planted black (Y' = 64 of 10-bit, RGB 0): a few code values at most.
    EXPECT_LT(*level, 0.02);
}

// The tests below need no decodable input (the clip is generated only for the fixture's).
TEST(EvidenceInput, MissingInputIsAnErrorAndWritesNothing) {
    test::ScratchDir out;
    FileReport report = defects_report(out.file("missing.mov"));
    const FileReport before = report;
    EvidenceOptions options;
    options.dir = out.path().string();
    EXPECT_FALSE(collect_evidence(report, options));
    EXPECT_TRUE(out.entries().empty());
    EXPECT_TRUE(report.thumbnails.empty());
    for (size_t i = 0; i < report.checks.size(); ++i)
        EXPECT_EQ(report.checks[i].evidence, before.checks[i].evidence);
}

TEST(EvidenceInput, NothingToShowReadsNothing) {
    test::ScratchDir out;
    // Only passing or audio checks: the input is not even opened, so a missing one is fine.
    FileReport report = defects_report(out.file("missing.mov"));
    report.checks.erase(report.checks.begin());
    EvidenceOptions options;
    options.dir = out.path().string();
    EXPECT_TRUE(collect_evidence(report, options));
    EXPECT_TRUE(out.entries().empty());
    EXPECT_TRUE(report.thumbnails.empty());
}

TEST(EvidenceInput, BadOptionsAreRejectedBeforeReading) {
    FileReport report = defects_report("missing.mov");
    EvidenceOptions options;
    options.strip_frames = 0;
    EXPECT_EQ(collect_evidence(report, options).error().code(), ErrorCode::InvalidArgument);
    options.strip_frames = 5;
    options.tile_width = 8;
    EXPECT_EQ(collect_evidence(report, options).error().code(), ErrorCode::InvalidArgument);
}

TEST_F(Evidence, LimitsEventsPerCheck) {
    test::ScratchDir out;
    FileReport report = defects_report(clip());
    EvidenceOptions options;
    options.dir = out.path().string();
    options.max_events_per_check = 1;
    options.thumbnails = false;
    ASSERT_TRUE(collect_evidence(report, options));
    EXPECT_EQ(report.checks[0].evidence,
              std::vector<std::string>{out.file("x001_c001_defects.black.1.png")});
    EXPECT_TRUE(report.thumbnails.empty());
}

}  // namespace
}  // namespace media::report
