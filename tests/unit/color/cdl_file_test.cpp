// SPDX-License-Identifier: Apache-2.0
#include <string>

#include <gtest/gtest.h>

#include "color_test_util.h"
#include "media/color/color_pipeline.h"
#include "scratch_dir.h"

namespace media::color {
namespace {

using test::write_text;

constexpr const char* kCorrection = R"(<?xml version="1.0" encoding="UTF-8"?>
<ColorCorrection id="shot_010">
  <SOPNode>
    <Slope>1.1 1.0 0.9</Slope>
    <Offset>0.01 -0.02 0.0</Offset>
    <Power>1.2 1.0 0.8</Power>
  </SOPNode>
  <SATNode><Saturation>0.85</Saturation></SATNode>
</ColorCorrection>
)";

constexpr const char* kCollection = R"(<ColorCorrectionCollection xmlns="urn:ASC:CDL:v1.01">
  <ColorCorrection id="a">
    <SOPNode><Slope>2 2 2</Slope><Offset>0 0 0</Offset><Power>1 1 1</Power></SOPNode>
  </ColorCorrection>
  <ColorCorrection id="b">
    <SopNode><Slope>3 3 3</Slope><Offset>0 0 0</Offset><Power>1 1 1</Power></SopNode>
    <SatNode><Saturation>0.5</Saturation></SatNode>
  </ColorCorrection>
</ColorCorrectionCollection>
)";

class CdlFile : public ::testing::Test {
protected:
    // Writes text as NAME in the scratch folder and loads it.
    Result<CdlValues> load(const std::string& text, const std::string& id = {},
                           const std::string& name = "grade.cc") {
        write_text(m_dir.file(name), text);
        return load_cdl(m_dir.file(name), id);
    }
    // A .cc whose SOP has the given Slope text.
    Result<CdlValues> load_slope(const std::string& slope) {
        return load("<ColorCorrection id='x'><SOPNode><Slope>" + slope +
                    "</Slope><Offset>0 0 0</Offset><Power>1 1 1</Power></SOPNode>"
                    "</ColorCorrection>");
    }
    void expect_invalid(const Result<CdlValues>& result, const std::string& mentions) {
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error().code(), ErrorCode::InvalidArgument);
        EXPECT_NE(result.error().message().find(mentions), std::string::npos)
            << result.error().to_string();
        EXPECT_FALSE(result.error().context().file.empty());
    }
    media::test::ScratchDir m_dir;
};

TEST_F(CdlFile, ReadsAColorCorrection) {
    auto cdl = load(kCorrection);
    ASSERT_TRUE(cdl.ok()) << cdl.error().to_string();
    EXPECT_EQ(cdl->id, "shot_010");
    EXPECT_EQ(cdl->slope, (std::array{1.1, 1.0, 0.9}));
    EXPECT_EQ(cdl->offset, (std::array{0.01, -0.02, 0.0}));
    EXPECT_EQ(cdl->power, (std::array{1.2, 1.0, 0.8}));
    EXPECT_DOUBLE_EQ(cdl->saturation, 0.85);
    EXPECT_FALSE(cdl->is_identity());
}

TEST_F(CdlFile, PicksFromACollectionById) {
    auto first = load(kCollection, {}, "show.ccc");
    ASSERT_TRUE(first.ok()) << first.error().to_string();
    EXPECT_EQ(first->id, "a");
    EXPECT_EQ(first->slope[0], 2.0);
    EXPECT_EQ(first->saturation, 1.0);  // no SATNode: identity saturation
    auto second = load(kCollection, "b", "show.ccc");
    ASSERT_TRUE(second.ok()) << second.error().to_string();
    EXPECT_EQ(second->slope[2], 3.0);
    EXPECT_EQ(second->saturation, 0.5);
    auto missing = load(kCollection, "zz", "show.ccc");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.error().message().find("a, b"), std::string::npos);
}

TEST_F(CdlFile, ReadsADecisionList) {
    auto cdl = load(R"(<ColorDecisionList><ColorDecision><ColorCorrection id="d1">
      <SOPNode><Slope>1 1 1</Slope><Offset>0.1 0.1 0.1</Offset><Power>1 1 1</Power></SOPNode>
      </ColorCorrection></ColorDecision></ColorDecisionList>)",
                    "d1", "edit.cdl");
    ASSERT_TRUE(cdl.ok()) << cdl.error().to_string();
    EXPECT_EQ(cdl->offset[1], 0.1);
}

TEST_F(CdlFile, RejectsWrongNumbersNamingTheElement) {
    expect_invalid(load_slope("1 1"), "Slope");
    expect_invalid(load_slope("1 1 1 1"), "Slope");
    expect_invalid(load_slope("1 one 1"), "Slope");
    expect_invalid(load_slope("nan 1 1"), "Slope");
    expect_invalid(load_slope("1e400 1 1"), "Slope");  // overflows a double
    expect_invalid(load_slope("1e30 1 1"), "slope");   // finite but not a grade
    expect_invalid(load_slope("-1 1 1"), "slope");
    expect_invalid(load_slope(""), "Slope");
    expect_invalid(load("<ColorCorrection><SOPNode><Slope>1 1 1</Slope><Offset>0 0 0</Offset>"
                        "<Power>1 0 1</Power></SOPNode></ColorCorrection>"),
                   "power");
    expect_invalid(load("<ColorCorrection><SOPNode><Slope>1 1 1</Slope><Offset>0 0 0</Offset>"
                        "<Power>1 -2 1</Power></SOPNode></ColorCorrection>"),
                   "power");
    expect_invalid(load("<ColorCorrection><SOPNode><Slope>1 1 1</Slope>"
                        "<Power>1 1 1</Power></SOPNode></ColorCorrection>"),
                   "Offset");
    expect_invalid(load("<ColorCorrection><SATNode><Saturation>-1</Saturation></SATNode>"
                        "</ColorCorrection>"),
                   "saturation");
}

TEST_F(CdlFile, ErrorsGiveTheLine) {
    auto bad = load(
        "<ColorCorrection id='x'>\n<SOPNode>\n<Slope>1 1</Slope>\n</SOPNode>\n"
        "</ColorCorrection>");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message().find("line 3"), std::string::npos) << bad.error().message();
}

TEST_F(CdlFile, HostileXmlFailsCleanly) {
    const std::string truncated = std::string(kCorrection).substr(0, 120);
    expect_invalid(load(truncated), "XML");
    expect_invalid(load(""), "XML");
    expect_invalid(load(std::string("\x00\xff\xfe<<<>>>\x01", 10)), "XML");
    expect_invalid(load("<Something/>"), "not an ASC CDL");
    expect_invalid(load("<ColorCorrectionCollection/>"), "no ColorCorrection");
    expect_invalid(load("<ColorCorrection id='x'/>"), "neither");
    // Entity expansion ("billion laughs") is not performed: the document stays small and fails.
    expect_invalid(load(R"(<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">
      <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
      <ColorCorrection><SOPNode><Slope>&c;</Slope><Offset>0 0 0</Offset><Power>1 1 1</Power>
      </SOPNode></ColorCorrection>)"),
                   "Slope");
    // Deep nesting: pugixml parses without recursion; we look one level at a time.
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "<ColorCorrection>";
    expect_invalid(load(deep), "XML");
    std::string nested_ok = "<ColorCorrection><SATNode><Saturation>1</Saturation></SATNode>";
    for (int i = 0; i < 100000; ++i) nested_ok += "<x>";
    for (int i = 0; i < 100000; ++i) nested_ok += "</x>";
    EXPECT_TRUE(load(nested_ok + "</ColorCorrection>").ok());
    // Huge: a slope of a million digits, then a file over the size limit.
    expect_invalid(load_slope(std::string(1000000, '9') + " 1 1"), "Slope");
    expect_invalid(load(std::string(17 << 20, ' ')), "bytes");
}

// A .edl goes to the CMX3600 reader (edl_cdl_test.cpp covers it in full): `id` picks an event by
// clip name, reel name or event number.
TEST_F(CdlFile, ReadsAnEdlByItsExtension) {
    const std::string edl =
        "TITLE: T\n"
        "001  A001 V C 01:00:00:00 01:00:01:00 01:00:00:00 01:00:01:00\n"
        "*ASC_SOP (1.2 1 1)(0 0 0)(1 1 1)\n"
        "002  B002 V C 02:00:00:00 02:00:01:00 01:00:01:00 01:00:02:00\n"
        "* FROM CLIP NAME: B002_CLIP\n"
        "*ASC_SOP (0.9 1 1)(0 0 0)(1 1 1)\n"
        "*ASC_SAT 0.7\n";
    auto first = load(edl, {}, "cut.edl");
    ASSERT_TRUE(first.ok()) << first.error().to_string();
    EXPECT_EQ(first->slope[0], 1.2);
    EXPECT_EQ(first->id, "A001");
    for (const std::string id : {"B002_CLIP", "B002", "2", "002"}) {
        auto second = load(edl, id, "cut.edl");
        ASSERT_TRUE(second.ok()) << id;
        EXPECT_EQ(second->saturation, 0.7) << id;
        EXPECT_EQ(second->id, "B002_CLIP");
    }
    auto missing = load(edl, "C003", "cut.edl");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.error().message().find("001 A001, 002 B002_CLIP"), std::string::npos)
        << missing.error().message();
    expect_invalid(load("001  A V C\n*ASC_SOP (1 1 1)(0 0 0)\n", {}, "bad.edl"), "line 2");
}

TEST_F(CdlFile, MissingFileIsNotFound) {
    auto missing = load_cdl(m_dir.file("nope.cc"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_EQ(missing.error().context().file, m_dir.file("nope.cc"));
}

TEST(CdlValues, CheckedForSaneRanges) {
    CdlValues cdl;
    EXPECT_TRUE(cdl.is_identity());
    EXPECT_TRUE(check_cdl(cdl).ok());
    cdl.offset = {-0.5, 0.2, 1.0};
    cdl.slope = {0.0, 4.0, 1.0};
    EXPECT_TRUE(check_cdl(cdl).ok());
    cdl.power[1] = 0.0;
    EXPECT_FALSE(check_cdl(cdl).ok());
    cdl.power[1] = 1.0;
    cdl.saturation = std::numeric_limits<double>::infinity();
    EXPECT_FALSE(check_cdl(cdl).ok());
    cdl.saturation = 1.0;
    cdl.offset[0] = 11.0;
    EXPECT_FALSE(check_cdl(cdl).ok());
}

}  // namespace
}  // namespace media::color
