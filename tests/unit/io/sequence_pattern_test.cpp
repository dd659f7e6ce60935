// SPDX-License-Identifier: Apache-2.0
#include "media/io/sequence_pattern.h"

#include <filesystem>
#include <fstream>
#include <random>

#include <gtest/gtest.h>

namespace media {
namespace {

TEST(SequencePattern, ParsesPrintfPadding) {
    auto p = SequencePattern::parse("/a/b/shot.%06d.exr");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->prefix, "/a/b/shot.");
    EXPECT_EQ(p->suffix, ".exr");
    EXPECT_EQ(p->padding, 6);
    EXPECT_EQ(p->path_of(101), "/a/b/shot.000101.exr");
    EXPECT_EQ(p->printf_form(), "/a/b/shot.%06d.exr");
}

TEST(SequencePattern, ParsesHashesAndAts) {
    auto hashes = SequencePattern::parse("shot.####.dpx");
    ASSERT_TRUE(hashes);
    EXPECT_EQ(hashes->padding, 4);
    EXPECT_EQ(hashes->printf_form(), "shot.%04d.dpx");
    auto ats = SequencePattern::parse("dir/shot_@@@.tif");
    ASSERT_TRUE(ats);
    EXPECT_EQ(ats->prefix, "dir/shot_");
    EXPECT_EQ(ats->padding, 3);
    EXPECT_EQ(SequencePattern::parse("shot.@.tif")->padding, SequencePattern::kAnyPadding);
    EXPECT_EQ(SequencePattern::parse("shot.#.tif")->padding, SequencePattern::kAnyPadding);
    EXPECT_EQ(SequencePattern::parse("shot.%d.tif")->padding, 0);
}

TEST(SequencePattern, UsesTheLastTokenOfTheFileNameOnly) {
    auto p = SequencePattern::parse("/renders/v%02d#/shot_%02d.%04d.exr");
    ASSERT_TRUE(p);
    EXPECT_EQ(p->prefix, "/renders/v%02d#/shot_%02d.");
    EXPECT_EQ(p->padding, 4);
    EXPECT_FALSE(SequencePattern::parse("/renders/v###/shot.exr"));
    EXPECT_FALSE(SequencePattern::parse("concat:x.mov"));
    EXPECT_FALSE(SequencePattern::parse("shot.%s.exr"));
}

TEST(SequencePattern, MatchesFrameNumbersByPadding) {
    auto p = *SequencePattern::parse("/x/shot.%04d.exr");
    EXPECT_EQ(p.match("shot.0001.exr"), 1);
    EXPECT_EQ(p.match("shot.12345.exr"), 12345);  // past the padding: more digits, no zero
    EXPECT_FALSE(p.match("shot.001.exr"));
    EXPECT_FALSE(p.match("shot.00001.exr"));
    EXPECT_FALSE(p.match("shot.0001.exr.tmp"));
    EXPECT_FALSE(p.match("shot..exr"));
    EXPECT_FALSE(p.match("shot.00a1.exr"));
    EXPECT_FALSE(p.match("shot.1234567890123456789.exr"));  // would overflow
    auto unpadded = *SequencePattern::parse("shot.%d.exr");
    EXPECT_EQ(unpadded.match("shot.7.exr"), 7);
    EXPECT_EQ(unpadded.match("shot.0.exr"), 0);
    EXPECT_FALSE(unpadded.match("shot.07.exr"));
    auto any = *SequencePattern::parse("shot.@.exr");
    EXPECT_EQ(any.match("shot.007.exr"), 7);
    EXPECT_EQ(any.match("shot.7.exr"), 7);
}

TEST(SequencePattern, MissingFramesListsGaps) {
    EXPECT_EQ(missing_frames({1, 2, 5, 7}), (std::vector<int64_t>{3, 4, 6}));
    EXPECT_TRUE(missing_frames({}).empty());
    EXPECT_TRUE(missing_frames({10}).empty());
    EXPECT_EQ(missing_frames({0, 1000000000}, 3), (std::vector<int64_t>{1, 2, 3}));
}

class SequenceFolder : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device seed;
        m_dir = std::filesystem::temp_directory_path() /
                ("slate-seq-test-" + std::to_string(seed()) + std::to_string(seed()));
        std::filesystem::create_directories(m_dir / "shot.0004.exr");  // a folder is no frame
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    void touch(const std::string& name) { std::ofstream(m_dir / name) << "x"; }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::filesystem::path m_dir;
};

TEST_F(SequenceFolder, FindsFramesAndGaps) {
    for (auto name : {"shot.0001.exr", "shot.0002.exr", "shot.0005.exr", "shot.0005.exr.tmp",
                      "shot.01.exr", "other.0003.exr"})
        touch(name);
    auto files = find_sequence_files(*SequencePattern::parse(path("shot.####.exr")));
    ASSERT_TRUE(files) << files.error().to_string();
    EXPECT_EQ(files->frames, (std::vector<int64_t>{1, 2, 5}));
    EXPECT_EQ(missing_frames(files->frames), (std::vector<int64_t>{3, 4}));
}

TEST_F(SequenceFolder, ResolvesAnyPaddingFromTheFiles) {
    for (auto name : {"plate.000998.dpx", "plate.000999.dpx", "plate.001000.dpx"}) touch(name);
    auto files = find_sequence_files(*SequencePattern::parse(path("plate.@.dpx")));
    ASSERT_TRUE(files);
    EXPECT_EQ(files->pattern.padding, 6);
    EXPECT_EQ(files->pattern.path_of(998), path("plate.000998.dpx"));
    EXPECT_EQ(files->frames.size(), 3u);
}

TEST_F(SequenceFolder, NoMatchIsNotFoundNamingThePattern) {
    auto files = find_sequence_files(*SequencePattern::parse(path("none.%04d.exr")));
    ASSERT_FALSE(files);
    EXPECT_EQ(files.error().code(), ErrorCode::NotFound);
    EXPECT_NE(files.error().to_string().find("none.%04d.exr"), std::string::npos);
    auto missing_dir = find_sequence_files(*SequencePattern::parse(path("nodir/a.%04d.exr")));
    ASSERT_FALSE(missing_dir);
    EXPECT_EQ(missing_dir.error().code(), ErrorCode::IoError);
}

}  // namespace
}  // namespace media
