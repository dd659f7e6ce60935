// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "comma_locale.h"
#include "media/report/frames_csv.h"
#include "scratch_dir.h"

namespace media::report {
namespace {

const char* const kHeader =
    "file,frame,timecode,seconds,corrupt,"
    "YMIN,YLOW,YAVG,YHIGH,YMAX,UMIN,ULOW,UAVG,UHIGH,UMAX,VMIN,VLOW,VAVG,VHIGH,VMAX,"
    "SATAVG,SATMAX,HUEAVG,YDIF,UDIF,VDIF,TOUT,VREP,BRNG,bit_depth,"
    "luma_below,luma_above,chroma_outside,rgb_outside,black_share,luma_min_percent,"
    "luma_max_percent,active_left,active_top,active_width,active_height,mafd,blockiness,"
    "nonfinite,max_cll,frame_average_light,comb_type,comb_score,repeated_field,flash_luminance";

analysis::VideoMeasures sample_measures() {
    analysis::VideoMeasures m;
    m.stats.bit_depth = 10;
    m.stats.y = {64, 100.25, 512.5, 900, 940};
    m.stats.u = {448, 500, 512, 524, 576};
    m.stats.v = {440, 498, 511.875, 530, 580};
    m.stats.sat_avg = 12.3456;
    m.stats.sat_max = 80;
    m.stats.hue_avg = 181.5;
    m.stats.ydif = 1.5;
    m.stats.tout = 0.0001234567;
    m.stats.brng = 0.5;
    m.levels.luma_above = 4.8e-7;  // one pixel of 1080p: must not read 0
    m.levels.black_share = 0.01;
    m.levels.luma_min_percent = -0.5;
    m.levels.luma_max_percent = 101.25;
    m.active = {0, 140, 1920, 800};
    m.mafd = 0.00075;
    m.blockiness = 1.02;
    m.light = {987.6543, 120.5};
    return m;
}

std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    return fields;
}

Result<void> write_two_rows(FramesCsvWriter& writer) {
    const analysis::VideoMeasures measures = sample_measures();
    const analysis::CombingMeasure combing{analysis::FieldType::TopFirst, 1, 0.125};
    MEDIA_TRY(
        writer.write(FrameRow{"a.mov", 0, "01:00:00:00", 0.0, false, &measures, &combing, 55.5}));
    return writer.write(FrameRow{"a.mov", 1, "", 1001.0 / 24000.0, true, nullptr, nullptr, -1.0});
}

TEST(FramesCsv, HeaderAndRowsWithFixedDecimals) {
    test::ScratchDir scratch;
    const std::string path = scratch.file("frames.csv");
    auto writer = FramesCsvWriter::create(path);
    ASSERT_TRUE(writer) << writer.error().to_string();
    ASSERT_TRUE(write_two_rows(*writer));
    ASSERT_TRUE(writer->commit());
    const auto lines = lines_of(path);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[0], kHeader);
    EXPECT_EQ(lines[1],
              "a.mov,0,01:00:00:00,0.000000,0,"
              "64,100.25,512.5,900,940,448,500,512,524,576,440,498,511.875,530,580,"
              "12.3456,80,181.5,1.5,0,0,0.000123457,0,0.5,10,"
              "0,4.8e-07,0,0,0.01,-0.5,101.25,0,140,1920,800,"
              "0.00075,1.02,0,987.654,120.5,tff,0.125,1,55.5");
    const size_t columns = fields_of(lines[0]).size();
    for (const auto& line : lines) EXPECT_EQ(fields_of(line).size(), columns) << line;
}

TEST(FramesCsv, MissingMeasuresLeaveEmptyFields) {
    test::ScratchDir scratch;
    const std::string path = scratch.file("frames.csv");
    auto writer = FramesCsvWriter::create(path);
    ASSERT_TRUE(writer);
    ASSERT_TRUE(write_two_rows(*writer));
    ASSERT_TRUE(writer->commit());
    const auto fields = fields_of(lines_of(path)[2]);
    EXPECT_EQ(fields[0], "a.mov");
    EXPECT_EQ(fields[2], "");
    EXPECT_EQ(fields[3], "0.041708");
    EXPECT_EQ(fields[4], "1");
    for (size_t i = 5; i < fields.size(); ++i) EXPECT_EQ(fields[i], "") << "column " << i;
}

TEST(FramesCsv, QuotesFieldsThatNeedIt) {
    test::ScratchDir scratch;
    const std::string path = scratch.file("frames.csv");
    auto writer = FramesCsvWriter::create(path);
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->write(FrameRow{"a, \"b\".mov", 3, "", 0.0, false, nullptr, nullptr, -1}));
    ASSERT_TRUE(writer->commit());
    EXPECT_EQ(lines_of(path)[1].substr(0, 20), "\"a, \"\"b\"\".mov\",3,,0.");
}

TEST(FramesCsv, DecimalPointWhateverTheLocale) {
    test::ScratchDir scratch;
    test::CommaLocale comma;
    const std::string path = scratch.file("frames.csv");
    auto writer = FramesCsvWriter::create(path);
    ASSERT_TRUE(writer);
    ASSERT_TRUE(write_two_rows(*writer));
    ASSERT_TRUE(writer->commit());
    const auto fields = fields_of(lines_of(path)[1]);
    EXPECT_EQ(fields[7], "512.5");
    EXPECT_EQ(fields[3], "0.000000");
    EXPECT_EQ(fields.size(), fields_of(kHeader).size());
}

TEST(FramesCsv, NothingLeftWithoutCommit) {
    test::ScratchDir scratch;
    {
        auto writer = FramesCsvWriter::create(scratch.file("frames.csv"));
        ASSERT_TRUE(writer);
        ASSERT_TRUE(write_two_rows(*writer));
        EXPECT_EQ(scratch.entries().size(), 1u);  // the hidden temporary file
    }
    EXPECT_TRUE(scratch.entries().empty());
}

TEST(FramesCsv, CommitLeavesOnlyTheDestination) {
    test::ScratchDir scratch;
    auto writer = FramesCsvWriter::create(scratch.file("frames.csv"));
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->commit());
    EXPECT_EQ(scratch.entries(), std::vector<std::string>{"frames.csv"});
    const auto again = writer->commit();
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code(), ErrorCode::InvalidArgument);
    EXPECT_FALSE(writer->write(FrameRow{}));
}

TEST(FramesCsv, MovedWriterKeepsItsFile) {
    test::ScratchDir scratch;
    auto created = FramesCsvWriter::create(scratch.file("frames.csv"));
    ASSERT_TRUE(created);
    FramesCsvWriter writer = std::move(*created);
    ASSERT_TRUE(writer.write(FrameRow{"a.mov", 0, "", 0.0, false, nullptr, nullptr, -1}));
    created = Error(ErrorCode::Internal, "drop the moved-from writer");  // must not delete
    ASSERT_TRUE(writer.commit());
    EXPECT_EQ(lines_of(scratch.file("frames.csv")).size(), 2u);
}

TEST(FramesCsv, BadDestinationsAreErrorsAndLeaveNothing) {
    test::ScratchDir scratch;
    const auto missing = FramesCsvWriter::create(scratch.file("no/such/folder/frames.csv"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    std::filesystem::create_directory(scratch.file("folder"));
    const auto folder = FramesCsvWriter::create(scratch.file("folder"));
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(scratch.entries(), std::vector<std::string>{"folder"});
}

}  // namespace
}  // namespace media::report
