// SPDX-License-Identifier: Apache-2.0
// ALE against the layout Avid Media Composer writes and reads (Heading / Column / Data, tabs).
#include "media/batch/ale.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "scratch_dir.h"

namespace media::batch {
namespace {

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

AleDocument sample_document() {
    AleDocument ale;
    ale.fps = "23.976";
    AleClip a{"A001C001",
              "A001",
              "01:00:00:00",
              "01:00:10:00",
              "VA1A2",
              "A001C001_230101.mov",
              {{"Scene", "12A"}, {"Comments", "good\ttake\r\nprint"}}};
    AleClip b{"A001C002",        "A001", "01:00:10:00", "01:00:12:05", "V", "A001C002_230101.mov",
              {{"Scene", "12B"}}};
    ale.clips = {a, b};
    return ale;
}

TEST(Ale, WritesTheAvidLayout) {
    test::ScratchDir dir;
    ASSERT_TRUE(write_ale(dir.file("day1.ale"), sample_document()));
    const std::string expected =
        "Heading\r\nFIELD_DELIM\tTABS\r\nVIDEO_FORMAT\t1080\r\nAUDIO_FORMAT\t48khz\r\n"
        "FPS\t23.976\r\n\r\nColumn\r\nName\tTape\tStart\tEnd\tTracks\tSource "
        "File\tComments\tScene\r\n\r\nData\r\n"
        "A001C001\tA001\t01:00:00:00\t01:00:10:00\tVA1A2\tA001C001_230101.mov\tgood take  "
        "print\t12A\r\n"
        "A001C002\tA001\t01:00:10:00\t01:00:12:05\tV\tA001C002_230101.mov\t\t12B\r\n";
    EXPECT_EQ(read_all(dir.file("day1.ale")), expected);
    EXPECT_EQ(dir.entries().size(), 1u) << "the temporary file was left behind";
}

TEST(Ale, RoundTrips) {
    test::ScratchDir dir;
    AleDocument written = sample_document();
    ASSERT_TRUE(write_ale(dir.file("day1.ale"), written));
    auto read = read_ale(dir.file("day1.ale"));
    ASSERT_TRUE(read) << read.error().to_string();
    EXPECT_EQ(read->fps, "23.976");
    EXPECT_EQ(read->video_format, "1080");
    EXPECT_EQ(read->audio_format, "48khz");
    ASSERT_EQ(read->clips.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
        const AleClip& w = written.clips[i];
        const AleClip& r = read->clips[i];
        EXPECT_EQ(r.name, w.name);
        EXPECT_EQ(r.tape, w.tape);
        EXPECT_EQ(r.start, w.start);
        EXPECT_EQ(r.end, w.end);
        EXPECT_EQ(r.tracks, w.tracks);
        EXPECT_EQ(r.source_file, w.source_file);
        EXPECT_EQ(r.extra.at("Scene"), w.extra.at("Scene"));
    }
    EXPECT_EQ(read->clips[0].extra.at("Comments"), "good take  print");
    EXPECT_EQ(read->clips[1].extra.at("Comments"), "");
}

TEST(Ale, ReadsHandWrittenFilesWithReorderedColumns) {
    test::ScratchDir dir;
    // LF line ends, columns in another order, no Tracks / End, a trailing tab on one row.
    std::ofstream(dir.file("hand.ale"), std::ios::binary)
        << "Heading\nFIELD_DELIM\tTABS\nVIDEO_FORMAT\t2160\nFPS\t25\n\n"
           "Column\nSource File\tScene\tName\tStart\tTape\n\n"
           "Data\n"
           "B002C003.mxf\t4\tB002C003\t10:00:00:00\tB002\t\n"
           "B002C004.mxf\t5\tB002C004\t10:01:00:00\n\n";
    auto ale = read_ale(dir.file("hand.ale"));
    ASSERT_TRUE(ale) << ale.error().to_string();
    EXPECT_EQ(ale->fps, "25");
    EXPECT_EQ(ale->video_format, "2160");
    EXPECT_EQ(ale->audio_format, "48khz");  // absent: the default
    ASSERT_EQ(ale->clips.size(), 2u);
    EXPECT_EQ(ale->clips[0].name, "B002C003");
    EXPECT_EQ(ale->clips[0].source_file, "B002C003.mxf");
    EXPECT_EQ(ale->clips[0].tape, "B002");
    EXPECT_EQ(ale->clips[0].start, "10:00:00:00");
    EXPECT_EQ(ale->clips[0].end, "");
    EXPECT_EQ(ale->clips[0].extra.at("Scene"), "4");
    EXPECT_EQ(ale->clips[1].tape, "");
}

TEST(Ale, ErrorsNameFileAndLine) {
    test::ScratchDir dir;
    std::ofstream(dir.file("bad.ale"), std::ios::binary)
        << "Heading\r\nFIELD_DELIM\tTABS\r\n\r\nColumn\r\nName\tTape\r\n\r\nData\r\n"
           "a\tb\r\na\tb\tc\r\n";
    auto bad = read_ale(dir.file("bad.ale"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(bad.error().context().file, dir.file("bad.ale") + ":9");
    std::ofstream(dir.file("csv.ale")) << "path,clip\nx.mov,x\n";
    auto not_ale = read_ale(dir.file("csv.ale"));
    ASSERT_FALSE(not_ale);
    EXPECT_EQ(not_ale.error().context().file, dir.file("csv.ale") + ":1");
    EXPECT_EQ(read_ale(dir.file("none.ale")).error().code(), ErrorCode::NotFound);
}

}  // namespace
}  // namespace media::batch
