// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "grade/grade_args.h"

namespace slate {
namespace {

GradeSettings settings_of(const std::vector<std::string>& args) {
    auto parsed = parse_grade_args(args);
    EXPECT_TRUE(std::holds_alternative<GradeSettings>(parsed))
        << (std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).text : "");
    return std::holds_alternative<GradeSettings>(parsed) ? std::get<GradeSettings>(parsed)
                                                         : GradeSettings{};
}

ParseExit exit_of(const std::vector<std::string>& args) {
    auto parsed = parse_grade_args(args);
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed)
                                                     : ParseExit{-1, {}};
}

TEST(GradeArgs, EverythingAUserCanSay) {
    auto s = settings_of({"grade",
                          "a.mov",
                          "b.%06d.exr",
                          "-o",
                          "out",
                          "--cdl",
                          "day1.ccc",
                          "--cdl-id",
                          "sh010",
                          "--look",
                          "warm_dailies",
                          "--lut",
                          "show.cube",
                          "--lut",
                          "trim.cube",
                          "--interp",
                          "trilinear",
                          "--from",
                          "logc3",
                          "--to",
                          "rec709",
                          "--at",
                          "12",
                          "--at",
                          "01:00:00:05",
                          "--at",
                          "last",
                          "--format",
                          "tif",
                          "--contact-sheet",
                          "6",
                          "--columns",
                          "3",
                          "--before-after",
                          "side",
                          "--scopes",
                          "waveform,vectorscope",
                          "--scopes",
                          "histogram",
                          "--preview",
                          "2.5",
                          "--preview-width",
                          "1280",
                          "--bake",
                          "grade.cube",
                          "--cube-size",
                          "17",
                          "--device",
                          "cpu",
                          "--rate",
                          "25",
                          "--overwrite",
                          "--json"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"a.mov", "b.%06d.exr"}));
    EXPECT_EQ(s.output_dir, "out");
    EXPECT_EQ(s.pipeline.cdl, "day1.ccc");
    EXPECT_EQ(s.pipeline.cdl_id, "sh010");
    EXPECT_EQ(s.pipeline.look, "warm_dailies");
    EXPECT_EQ(s.pipeline.luts, (std::vector<std::string>{"show.cube", "trim.cube"}));
    EXPECT_EQ(s.pipeline.interpolation, "linear");
    EXPECT_EQ(s.pipeline.from, "logc3");
    EXPECT_EQ(s.pipeline.to, "rec709");
    EXPECT_EQ(s.at, (std::vector<std::string>{"12", "01:00:00:05", "last"}));
    EXPECT_EQ(s.format, "tif");
    EXPECT_EQ(s.contact_sheet, 6);
    EXPECT_EQ(s.columns, 3);
    ASSERT_TRUE(s.before_after);
    EXPECT_EQ(*s.before_after, media::grade::CompareLayout::SideBySide);
    EXPECT_EQ(s.scopes, (std::vector<media::grade::ScopeKind>{media::grade::ScopeKind::Waveform,
                                                              media::grade::ScopeKind::Vectorscope,
                                                              media::grade::ScopeKind::Histogram}));
    EXPECT_DOUBLE_EQ(s.preview_seconds, 2.5);
    EXPECT_EQ(s.preview_width, 1280);
    EXPECT_EQ(s.bake, "grade.cube");
    EXPECT_EQ(s.cube_size, 17);
    EXPECT_EQ(s.device, media::DevicePolicy::Cpu);
    EXPECT_EQ(s.sequence_rate, "25");
    EXPECT_TRUE(s.overwrite);
    EXPECT_TRUE(s.json);
    EXPECT_FALSE(s.describe);
}

TEST(GradeArgs, DefaultsAreTheDocumentedOnes) {
    auto s = settings_of({"grade", "a.mov", "-o", "out"});
    EXPECT_TRUE(s.at.empty());  // run_grade then writes the middle frame
    EXPECT_EQ(s.format, "png");
    EXPECT_EQ(s.contact_sheet, 0);
    EXPECT_EQ(s.columns, 4);
    EXPECT_FALSE(s.before_after);
    EXPECT_TRUE(s.scopes.empty());
    EXPECT_EQ(s.preview_seconds, 0.0);
    EXPECT_EQ(s.preview_width, 1920);
    EXPECT_EQ(s.cube_size, 33);
    EXPECT_EQ(s.pipeline.interpolation, "tetrahedral");
    EXPECT_EQ(s.device, media::DevicePolicy::Auto);
    EXPECT_FALSE(s.overwrite);
}

TEST(GradeArgs, LutTakesOneValueSoInputsStayInputs) {
    auto s =
        settings_of({"grade", "--lut", "show.cube", "a.mov", "-o", "out", "--at", "3", "b.mov"});
    EXPECT_EQ(s.pipeline.luts, std::vector<std::string>{"show.cube"});
    EXPECT_EQ(s.at, std::vector<std::string>{"3"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"a.mov", "b.mov"}));
}

TEST(GradeArgs, OcioDisplayViewAndLooks) {
    auto s = settings_of({"grade", "a.exr", "-o", "o", "--ocio-config", "cfg.ocio", "--src",
                          "ACEScg", "--display", "sRGB", "--view", "Film", "--ocio-look",
                          "+shot,-grade", "--before-after", "split"});
    EXPECT_EQ(s.pipeline.ocio_config, "cfg.ocio");
    EXPECT_EQ(s.pipeline.ocio_src, "ACEScg");
    EXPECT_EQ(s.pipeline.display, "sRGB");
    EXPECT_EQ(s.pipeline.view, "Film");
    EXPECT_EQ(s.pipeline.ocio_looks, "+shot,-grade");
    EXPECT_TRUE(s.pipeline.uses_ocio());
    EXPECT_EQ(*s.before_after, media::grade::CompareLayout::SplitWipe);
}

TEST(GradeArgs, BakeDescribeAndListNeedNoInput) {
    EXPECT_EQ(settings_of({"grade", "--lut", "a.cube", "--bake", "out.CUBE"}).bake, "out.CUBE");
    EXPECT_TRUE(settings_of({"grade", "--from", "logc3", "--to", "rec709", "--describe"}).describe);
    EXPECT_TRUE(settings_of({"grade", "--list-spaces"}).list_spaces);
    EXPECT_TRUE(settings_of({"grade", "--list-spaces", "--ocio-config", "c.ocio"}).list_spaces);
}

TEST(GradeArgs, UsageErrorsExitThreeAndSayWhy) {
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"grade"}, "no input"},
        {{"grade", "a.mov"}, "--output"},
        {{"grade", "a.mov", "-o", "o", "--from", "logc3"}, "--from and --to"},
        {{"grade", "a.mov", "-o", "o", "--to", "rec709"}, "--from and --to"},
        {{"grade", "a.mov", "-o", "o", "--from", "logc3", "--to", "rec709", "--src", "x", "--dst",
          "y"},
         "one"},
        {{"grade", "a.mov", "-o", "o", "--src", "x"}, "--dst"},
        {{"grade", "a.mov", "-o", "o", "--dst", "y"}, "--src"},
        {{"grade", "a.mov", "-o", "o", "--src", "x", "--dst", "y", "--display", "d"}, "--dst"},
        {{"grade", "a.mov", "-o", "o", "--at", "noon"}, "noon"},
        {{"grade", "a.mov", "-o", "o", "--at", "1:00:00:00"}, "1:00:00:00"},
        {{"grade", "a.mov", "-o", "o", "--scopes", "waveform,rgbparade"}, "rgbparade"},
        {{"grade", "a.mov", "-o", "o", "--format", "bmp"}, "bmp"},
        {{"grade", "a.mov", "-o", "o", "--before-after", "wipe"}, "wipe"},
        {{"grade", "a.mov", "-o", "o", "--contact-sheet", "0"}, "contact-sheet"},
        {{"grade", "a.mov", "-o", "o", "--preview", "-1"}, "preview"},
        {{"grade", "a.mov", "-o", "o", "--interp", "cubic"}, "cubic"},
        {{"grade", "a.mov", "-o", "o", "--device", "gpu"}, "gpu"},
        {{"grade", "a.mov", "-o", "o", "--rate", "fast"}, "fast"},
        {{"grade", "--lut", "a.cube", "--bake", "out.3dl"}, ".cube"},
        {{"grade", "--lut", "a.cube", "--bake", "o.cube", "--cube-size", "300"}, "cube-size"},
        {{"grade", "a.mov", "-o", "o", "--cdl-id", "x"}, "--cdl"},
        {{"grade", "a.mov", "-o", "o", "--no-such-flag"}, "no-such-flag"},
    };
    for (const auto& [args, says] : cases) {
        const ParseExit exit = exit_of(args);
        std::string line;
        for (const auto& a : args) line += a + " ";
        EXPECT_EQ(exit.code, kExitUsage) << line;
        EXPECT_NE(exit.text.find(says), std::string::npos) << line << "-> " << exit.text;
    }
}

TEST(GradeArgs, HelpExitsZeroAndDocumentsTheOrder) {
    const ParseExit exit = exit_of({"grade", "--help"});
    EXPECT_EQ(exit.code, kExitOk);
    EXPECT_NE(exit.text.find("CDL and show LUTs take the camera encoding"), std::string::npos);
    EXPECT_NE(exit.text.find("--contact-sheet"), std::string::npos);
}

}  // namespace
}  // namespace slate
