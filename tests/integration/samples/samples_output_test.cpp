// SPDX-License-Identifier: Apache-2.0
// Repeatability and failure behaviour of the generator: byte-identical reruns, nothing left under
// a final name (or as a temporary) when a write fails, and argument errors before any writing.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "av_check.h"
#include "slate_samples/samples.h"

namespace {

namespace fs = std::filesystem;
using media::samples::SampleSet;
using slate_test::TempDir;

// Relative path -> contents of every file under a folder.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> files;
    for (const auto& file : fs::recursive_directory_iterator(dir))
        if (file.is_regular_file())
            files[fs::relative(file.path(), dir).string()] = slate_test::read_bytes(file.path());
    return files;
}

// The clips most at risk of varying: x264 (threads), MXF (UIDs, timestamps), DPX (header names
// and dates). The two runs write into differently named folders on purpose.
TEST(SamplesOutput, RerunsAreByteIdentical) {
    TempDir first("rerun_a"), second("rerun_b_longer_name");
    for (const char* name : {"b001_c001_h264", "a001_c002_dnxhr_hqx", "d001_dpx10"}) {
        SCOPED_TRACE(name);
        ASSERT_TRUE(media::samples::generate_samples({first.path(), SampleSet::All, name}));
        ASSERT_TRUE(media::samples::generate_samples({second.path(), SampleSet::All, name}));
    }
    const auto a = snapshot(first.path()), b = snapshot(second.path());
    EXPECT_EQ(a.size(), 2u + 24u + 1u);  // two movies, 24 DPX frames, the manifest
    ASSERT_EQ(a.size(), b.size());
    for (const auto& [name, bytes] : a) {
        ASSERT_TRUE(b.count(name)) << name;
        EXPECT_TRUE(bytes == b.at(name)) << name << " differs between runs";
    }
}

TEST(SamplesOutput, OnlyRunsAddUpInTheManifest) {
    TempDir out("merge");
    ASSERT_TRUE(media::samples::generate_samples({out.path(), SampleSet::All, "b001_c001_h264"}));
    ASSERT_TRUE(
        media::samples::generate_samples({out.path(), SampleSet::All, "c001_c001_hevc_pq"}));
    std::ifstream in(out.path() / "manifest.json");
    const auto manifest = nlohmann::json::parse(in);
    ASSERT_EQ(manifest["files"].size(), 2u);
    EXPECT_EQ(manifest["files"][0]["name"], "b001_c001_h264");
    EXPECT_EQ(manifest["files"][1]["name"], "c001_c001_hevc_pq");
}

TEST(SamplesOutput, FailedWriteLeavesNoFileAndNoTemporary) {
    TempDir out("fail");
    // A non-empty folder squats on the clip's final name, so moving the finished file there fails.
    fs::create_directories(out.path() / "b001_c001_h264.mp4" / "keep");
    auto report = media::samples::generate_samples({out.path(), SampleSet::All, "b001_c001_h264"});
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code(), media::ErrorCode::IoError);
    EXPECT_TRUE(fs::is_directory(out.path() / "b001_c001_h264.mp4" / "keep"));
    EXPECT_FALSE(fs::exists(out.path() / "b001_c001_h264.mp4.partial"));
    EXPECT_FALSE(fs::exists(out.path() / "manifest.json"));
}

TEST(SamplesOutput, UnknownClipIsRefusedBeforeWriting) {
    TempDir parent("unknown");
    const fs::path dir = parent.path() / "not_created";
    auto report = media::samples::generate_samples({dir, SampleSet::Dailies, "x001_c001_defects"});
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code(), media::ErrorCode::InvalidArgument);
    EXPECT_FALSE(fs::exists(dir));
}

TEST(SamplesOutput, CatalogListsEverySet) {
    const auto dailies = media::samples::list_samples(SampleSet::Dailies);
    const auto defects = media::samples::list_samples(SampleSet::Defects);
    const auto masters = media::samples::list_samples(SampleSet::Masters);
    const auto all = media::samples::list_samples(SampleSet::All);
    EXPECT_EQ(dailies.size(), 6u);
    EXPECT_EQ(defects.size(), 1u);
    EXPECT_EQ(masters.size(), 9u);
    EXPECT_EQ(all.size(), dailies.size() + defects.size() + masters.size());
    for (const auto& clip : dailies) EXPECT_EQ(clip.set, SampleSet::Dailies);
    for (const auto& clip : masters) EXPECT_EQ(clip.set, SampleSet::Masters);
}

// The MXF muxer writes random-looking UIDs unless told otherwise, and the MPEG-2 encoder's rate
// control must not depend on the machine.
TEST(SamplesOutput, BroadcastMasterRerunsAreByteIdentical) {
    TempDir first("rerun_mxf_a"), second("rerun_mxf_b");
    const char* name = "m009_broadcast_1080i25";
    ASSERT_TRUE(media::samples::generate_samples({first.path(), SampleSet::Masters, name}));
    ASSERT_TRUE(media::samples::generate_samples({second.path(), SampleSet::Masters, name}));
    const std::string file = std::string(name) + ".mxf";
    EXPECT_TRUE(slate_test::read_bytes(first.path() / file) ==
                slate_test::read_bytes(second.path() / file));
}

}  // namespace
