// SPDX-License-Identifier: Apache-2.0
// CDLs in CMX3600 EDLs: reading the events, picking one through load_cdl, and errors that name
// the file and the line.
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "color_test_util.h"
#include "media/color/cdl.h"
#include "media/color/color_pipeline.h"
#include "scratch_dir.h"

namespace media::color {
namespace {

using test::write_text;

// Three events: 1 and 3 carry a CDL (3 without *ASC_SAT), 2 has none. Line numbers matter for
// the tests below: the *ASC_SOP of event 1 is on line 6, that of event 3 on line 13.
constexpr const char* kEdl =
    "TITLE: DAILIES_DAY_01\n"                                                         // 1
    "FCM: NON-DROP FRAME\n"                                                           // 2
    "\n"                                                                              // 3
    "001  A001C003 V     C        01:00:00:00 01:00:05:00 00:00:00:00 00:00:05:00\n"  // 4
    "* FROM CLIP NAME: A001C003_220101_R1AB.mov\n"                                    // 5
    "*ASC_SOP (1.1 1.0 0.9)(0.01 0 -0.02)(1 1 1.2)\n"                                 // 6
    "*ASC_SAT 0.9\n"                                                                  // 7
    "\n"                                                                              // 8
    "002  A001C004 V     C        02:10:00:00 02:10:03:00 00:00:05:00 00:00:08:00\n"  // 9
    "* FROM CLIP NAME: A001C004_220101_R1AB.mov\n"                                    // 10
    "\n"                                                                              // 11
    "003  B002C001 V     C        03:00:00:12 03:00:02:00 00:00:08:00 00:00:09:12\n"  // 12
    "*ASC_SOP (0.8 0.8 0.8)(0.1 0.1 0.1)(1 1 1)\n"                                    // 13
    "* FROM CLIP NAME: B002C001_220101_R2CD.mov\n";                                   // 14

class EdlCdlTest : public ::testing::Test {
protected:
    std::string write(const std::string& text, const std::string& name = "day01.edl") {
        const std::string path = m_dir.file(name);
        write_text(path, text);
        return path;
    }
    // read_edl_cdls of the text must fail naming the file and the line.
    void expect_error_at(const std::string& text, int line, const std::string& mentions = {}) {
        const std::string path = write(text, "bad.edl");
        auto result = read_edl_cdls(path);
        ASSERT_FALSE(result.ok()) << text;
        EXPECT_EQ(result.error().code(), ErrorCode::InvalidArgument);
        EXPECT_EQ(result.error().context().file, path);
        EXPECT_NE(result.error().message().find("line " + std::to_string(line) + ":"),
                  std::string::npos)
            << result.error().message();
        EXPECT_NE(result.error().message().find(mentions), std::string::npos)
            << result.error().message();
    }
    media::test::ScratchDir m_dir;
};

TEST_F(EdlCdlTest, ReadsTheEventsThatCarryACdl) {
    auto events = read_edl_cdls(write(kEdl));
    ASSERT_TRUE(events.ok()) << events.error().to_string();
    ASSERT_EQ(events->size(), 2u);
    const EdlCdl& first = (*events)[0];
    EXPECT_EQ(first.event, 1);
    EXPECT_EQ(first.reel, "A001C003");
    EXPECT_EQ(first.clip, "A001C003_220101_R1AB.mov");
    EXPECT_EQ(first.source_in, "01:00:00:00");
    EXPECT_EQ(first.line, 6);
    EXPECT_EQ(first.cdl.id, "A001C003_220101_R1AB.mov");
    EXPECT_EQ(first.cdl.slope, (std::array{1.1, 1.0, 0.9}));
    EXPECT_EQ(first.cdl.offset, (std::array{0.01, 0.0, -0.02}));
    EXPECT_EQ(first.cdl.power, (std::array{1.0, 1.0, 1.2}));
    EXPECT_EQ(first.cdl.saturation, 0.9);
    const EdlCdl& third = (*events)[1];
    EXPECT_EQ(third.event, 3);
    EXPECT_EQ(third.reel, "B002C001");
    EXPECT_EQ(third.clip, "B002C001_220101_R2CD.mov");  // clip name after the SOP still counts
    EXPECT_EQ(third.source_in, "03:00:00:12");
    EXPECT_EQ(third.line, 13);
    EXPECT_EQ(third.cdl.slope, (std::array{0.8, 0.8, 0.8}));
    EXPECT_EQ(third.cdl.saturation, 1.0);  // no *ASC_SAT
}

TEST_F(EdlCdlTest, LoadCdlPicksByClipReelOrEventNumber) {
    const std::string path = write(kEdl);
    auto first = load_cdl(path);  // no id: the first event with a CDL
    ASSERT_TRUE(first.ok()) << first.error().to_string();
    EXPECT_EQ(first->slope[0], 1.1);
    EXPECT_EQ(first->id, "A001C003_220101_R1AB.mov");
    for (const std::string id : {"B002C001_220101_R2CD.mov", "B002C001", "3", "003"}) {
        auto third = load_cdl(path, id);
        ASSERT_TRUE(third.ok()) << id << ": " << third.error().to_string();
        EXPECT_EQ(third->slope[0], 0.8) << id;
        EXPECT_EQ(third->offset[2], 0.1) << id;
    }
    // Event 2 exists but has no CDL; unknown names list what is there.
    for (const std::string id : {"2", "A001C004", "nothing"}) {
        auto missing = load_cdl(path, id);
        ASSERT_FALSE(missing.ok()) << id;
        EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
        EXPECT_EQ(missing.error().context().file, path);
        EXPECT_NE(missing.error().message().find("'" + id + "'"), std::string::npos);
        EXPECT_NE(missing.error().message().find("001 A001C003_220101_R1AB.mov"), std::string::npos)
            << missing.error().message();
        EXPECT_NE(missing.error().message().find("003 B002C001_220101_R2CD.mov"),
                  std::string::npos);
    }
    // The extension decides, in any case.
    const std::string upper = write(kEdl, "DAY01.EDL");
    auto by_reel = load_cdl(upper, "A001C003");
    ASSERT_TRUE(by_reel.ok()) << by_reel.error().to_string();
    EXPECT_EQ(by_reel->saturation, 0.9);
}

TEST_F(EdlCdlTest, ListsAtMostTenIds) {
    std::string edl = "TITLE: LONG\n";
    for (int e = 1; e <= 14; ++e)
        edl += fmt::format(
            "{:03}  R{:03} V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n"
            "*ASC_SOP (1 1 1)(0 0 0)(1 1 1)\n",
            e, e);
    auto missing = load_cdl(write(edl), "R999");
    ASSERT_FALSE(missing.ok());
    const std::string& message = missing.error().message();
    EXPECT_NE(message.find("010 R010"), std::string::npos) << message;
    EXPECT_EQ(message.find("011 R011"), std::string::npos) << message;
    EXPECT_NE(message.find("4 more"), std::string::npos) << message;
}

TEST_F(EdlCdlTest, ToleratesCommonVariants) {
    // CRLF, lowercase keywords, spaces inside and between the parentheses, "* ASC_SOP",
    // '+' signs, drop-frame timecode, a dissolve (event repeated for the incoming clip), M2 lines.
    const std::string edl =
        "title: variants\r\n"
        "fcm: drop frame\r\n"
        "001  AX       V     C        00:59:59;28 01:00:02;00 01:00:00;00 01:00:02;02\r\n"
        "*asc_sop ( 1.05 1 0.95 ) ( -0.01 +0.02 0 ) ( 1.0 1.0 1.0 )\r\n"
        "*asc_sat 1.2\r\n"
        "002  BL       V     C        00:00:00:00 00:00:00:00 01:00:02:02 01:00:02:02\r\n"
        "002  C003     V     D    024 04:00:00:00 04:00:03:00 01:00:02:02 01:00:05:02\r\n"
        "M2   C003       050.0                04:00:00:00\r\n"
        "* FROM CLIP NAME: BLACK\r\n"
        "* TO CLIP NAME: C003_CLIP\r\n"
        "* ASC_SOP (2 2 2) (0 0 0) (1 1 1)\r\n"
        "*ASC_SAT: 0.5\r\n";
    auto events = read_edl_cdls(write(edl));
    ASSERT_TRUE(events.ok()) << events.error().to_string();
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[0].source_in, "00:59:59;28");
    EXPECT_EQ((*events)[0].cdl.slope, (std::array{1.05, 1.0, 0.95}));
    EXPECT_EQ((*events)[0].cdl.offset, (std::array{-0.01, 0.02, 0.0}));
    EXPECT_EQ((*events)[0].cdl.saturation, 1.2);
    EXPECT_EQ((*events)[0].cdl.id, "AX");  // no clip name: the reel
    EXPECT_EQ((*events)[1].event, 2);
    EXPECT_EQ((*events)[1].reel, "C003");
    EXPECT_EQ((*events)[1].clip, "C003_CLIP");
    EXPECT_EQ((*events)[1].source_in, "04:00:00:00");
    EXPECT_EQ((*events)[1].cdl.slope[1], 2.0);
    EXPECT_EQ((*events)[1].cdl.saturation, 0.5);
    EXPECT_EQ((*events)[1].line, 11);
}

TEST_F(EdlCdlTest, MalformedCdlsNameTheLine) {
    const std::string head =
        "TITLE: BAD\n"
        "001  A001 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n";  // lines 1-2
    // SOP split over two lines: the *ASC_SOP line lacks its power.
    expect_error_at(head + "*ASC_SOP (1 1 1)(0 0 0)\n*(1 1 1)\n", 3, "one line");
    expect_error_at(head + "*ASC_SOP (1 1 1)\n(0 0 0)(1 1 1)\n", 3, "found 1");
    expect_error_at(head + "*ASC_SOP (1 1)(0 0 0)(1 1 1)\n", 3, "slope needs 3");
    expect_error_at(head + "*ASC_SOP (1 1 1)(0 0 0)(1 1 1 1)\n", 3, "power needs 3");
    expect_error_at(head + "*ASC_SOP (1 x 1)(0 0 0)(1 1 1)\n", 3, "\"x\"");
    expect_error_at(head + "*ASC_SOP (1 1 1)(0 0 0)(1 1 1\n", 3, "')'");
    expect_error_at(head + "*ASC_SOP (1 1 1)(0 0 0)(1 1 1) junk\n", 3, "junk");
    expect_error_at(head + "*ASC_SOP (1 nan 1)(0 0 0)(1 1 1)\n", 3, "nan");
    expect_error_at(head + "*ASC_SOP (1 1e999 1)(0 0 0)(1 1 1)\n", 3);
    expect_error_at(head + "*ASC_SOP (1 1 1)(0 0 0)(1 0 1)\n", 3, "power");
    expect_error_at(head + "*ASC_SOP (-1 1 1)(0 0 0)(1 1 1)\n", 3, "slope");
    expect_error_at(head + "*ASC_SOP\n", 3);
    expect_error_at(head + "\n*ASC_SAT\n", 4, "one number");
    expect_error_at(head + "*ASC_SAT 0.5 0.6\n", 3, "one number");
    expect_error_at(head + "*ASC_SAT half\n", 3, "half");
    expect_error_at(head + "*ASC_SAT -2\n", 3, "saturation");
    expect_error_at(head + "*ASC_SOP (1 1 1)(0 0 0)(1 1 1)\n*ASC_SOP (1 1 1)(0 0 0)(1 1 1)\n", 4,
                    "line 3");
    expect_error_at("TITLE: X\n*ASC_SOP (1 1 1)(0 0 0)(1 1 1)\n", 2, "before the first event");
    expect_error_at("TITLE: X\n99999999999 A V C\n", 2, "event number");
}

TEST_F(EdlCdlTest, FilesWithoutCdlsAndOtherFailures) {
    auto none = read_edl_cdls(write("TITLE: X\n001  A V C 01:00:00:00 01:00:01:00\n"));
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
    auto load_none = load_cdl(write("TITLE: X\n", "empty.edl"));
    ASSERT_FALSE(load_none.ok());
    EXPECT_EQ(load_none.error().code(), ErrorCode::NotFound);
    auto missing = read_edl_cdls(m_dir.file("nope.edl"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    // Binary junk is not an EDL with CDLs, and does not crash.
    auto junk = read_edl_cdls(write(std::string("\x00\xff\x01(((\r\r\n*ASC", 14), "junk.edl"));
    ASSERT_TRUE(junk.ok());
    EXPECT_TRUE(junk->empty());
    // The .cdl/.cc/.ccc reader is not used for .edl and vice versa: an EDL named .cc is
    // XML-checked.
    auto wrong = load_cdl(write(kEdl, "grade.cc"));
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().message().find("XML"), std::string::npos);
}

}  // namespace
}  // namespace media::color
