// SPDX-License-Identifier: Apache-2.0
#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "color_test_util.h"
#include "media/color/color_pipeline.h"
#include "media/color/color_processor.h"
#include "scratch_dir.h"

namespace media::color {
namespace {

using test::write_text;

class Look : public ::testing::Test {
protected:
    Result<ColorPipelineDesc> load(const std::string& yaml) {
        write_text(m_dir.file("look.yaml"), yaml);
        return load_look(m_dir.file("look.yaml"));
    }
    void expect_error(const Result<ColorPipelineDesc>& look, ErrorCode code,
                      const std::string& mentions) {
        ASSERT_FALSE(look.ok()) << "expected an error mentioning " << mentions;
        EXPECT_EQ(look.error().code(), code) << look.error().to_string();
        EXPECT_NE(look.error().to_string().find(mentions), std::string::npos)
            << look.error().to_string();
        EXPECT_EQ(look.error().context().file, m_dir.file("look.yaml"));
    }
    media::test::ScratchDir m_dir;
};

constexpr const char* kHeader = "schema: slate.look\nversion: 1\n";

TEST_F(Look, ReadsStepsResolvingFilesAgainstItsFolder) {
    std::filesystem::create_directories(m_dir.path() / "luts");
    write_text(m_dir.file("luts/a.cube"), "LUT_1D_SIZE 2\n0 0 0\n1 1 1\n");
    write_text(m_dir.file("grade.ccc"),
               "<ColorCorrectionCollection><ColorCorrection id='one'><SATNode><Saturation>0.5"
               "</Saturation></SATNode></ColorCorrection></ColorCorrectionCollection>");
    auto look = load(std::string(kHeader) + R"(description: test look
steps:
  - cdl: {slope: [1.1, 1, 0.9], offset: [0, 0, 0.01], power: [1, 1, 1], saturation: 0.9}
  - lut: luts/a.cube
    interpolation: linear
    inverse: true
  - cdl: grade.ccc
    id: one
)");
    ASSERT_TRUE(look.ok()) << look.error().to_string();
    ASSERT_EQ(look->steps.size(), 3u);
    EXPECT_EQ(look->steps[0].kind, ColorStep::Kind::Cdl);
    EXPECT_EQ(look->steps[0].cdl.slope, (std::array{1.1, 1.0, 0.9}));
    EXPECT_EQ(look->steps[0].cdl.offset[2], 0.01);
    EXPECT_EQ(look->steps[0].cdl.saturation, 0.9);
    EXPECT_EQ(look->steps[1].kind, ColorStep::Kind::Lut);
    EXPECT_EQ(look->steps[1].path, (m_dir.path() / "luts/a.cube").string());
    EXPECT_EQ(look->steps[1].interpolation, "linear");
    EXPECT_TRUE(look->steps[1].inverse);
    EXPECT_EQ(look->steps[2].cdl.saturation, 0.5);
    EXPECT_EQ(look->steps[2].cdl.id, "one");
    EXPECT_TRUE(ColorProcessor::create(*look).ok());
}

TEST_F(Look, UnknownKeysNameTheLine) {
    expect_error(load(std::string(kHeader) + "steps:\n  - cdl: {slope: [1, 1, 1]}\n"
                                             "    lutt: x.cube\n"),
                 ErrorCode::InvalidArgument, "line 5: unknown key 'lutt'");
    expect_error(load(std::string(kHeader) + "steps:\n  - cdl:\n      slope: [1, 1, 1]\n"
                                             "      sat: 0.5\n"),
                 ErrorCode::InvalidArgument, "line 6: unknown key 'sat'");
    expect_error(load(std::string(kHeader) + "colour: blue\nsteps: []\n"),
                 ErrorCode::InvalidArgument, "line 3: unknown key 'colour'");
}

TEST_F(Look, RejectsWrongHeadersAndValues) {
    expect_error(load("schema: slate.preset\nversion: 1\nsteps: []\n"), ErrorCode::InvalidArgument,
                 "schema");
    expect_error(load("schema: slate.look\nversion: 2\nsteps: []\n"), ErrorCode::InvalidArgument,
                 "line 2: version 2");
    expect_error(load("schema: slate.look\nsteps: []\n"), ErrorCode::InvalidArgument, "version");
    expect_error(load(std::string(kHeader)), ErrorCode::InvalidArgument, "steps");
    expect_error(load(std::string(kHeader) + "steps:\n  - cdl: {slope: [1, 1]}\n"),
                 ErrorCode::InvalidArgument, "line 4: slope is a list of 3 numbers");
    expect_error(load(std::string(kHeader) + "steps:\n  - cdl: {power: [1, 0, 1]}\n"),
                 ErrorCode::InvalidArgument, "power");
    expect_error(load(std::string(kHeader) + "steps:\n  - cdl: {slope: [1, .nan, 1]}\n"),
                 ErrorCode::InvalidArgument, "slope");
    expect_error(load(std::string(kHeader) + "steps:\n  - cdl: {saturation: lots}\n"),
                 ErrorCode::InvalidArgument, "'saturation' must be a number");
    expect_error(load(std::string(kHeader) + "steps:\n  - {}\n"), ErrorCode::InvalidArgument,
                 "exactly one");
    expect_error(load(std::string(kHeader) + "steps:\n  - lut: missing.cube\n"),
                 ErrorCode::NotFound, "line 4: no file missing.cube");
    expect_error(load(std::string(kHeader) + "steps:\n  - cdl: {slope: [1, 1, 1]\n"),
                 ErrorCode::InvalidArgument, "line");
}

TEST_F(Look, HostileYamlFailsCleanly) {
    expect_error(load(std::string(50000, '[') + std::string(50000, ']')),
                 ErrorCode::InvalidArgument, "look.yaml");
    expect_error(load("\x01\x02\xff\xfe: ["), ErrorCode::InvalidArgument, "look.yaml");
    expect_error(load(std::string(2 << 20, '#')), ErrorCode::InvalidArgument, "bytes");
    expect_error(load("- just\n- a list\n"), ErrorCode::InvalidArgument, "map");
}

TEST_F(Look, ByNameFromThePresetsFolder) {
    std::filesystem::create_directories(m_dir.path() / "looks");
    write_text(m_dir.file("looks/mine.yaml"), std::string(kHeader) + "steps: []\n");
    const char* old = std::getenv("SLATE_PRESETS_DIR");
    const std::string saved = old ? old : "";
    ::setenv("SLATE_PRESETS_DIR", m_dir.path().c_str(), 1);
    EXPECT_EQ(looks_dir(), (m_dir.path() / "looks").string());
    EXPECT_EQ(builtin_look_names(), std::vector<std::string>{"mine"});
    auto mine = load_look("mine");
    EXPECT_TRUE(mine.ok() && mine->empty());
    auto missing = load_look("other");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_NE(missing.error().message().find("mine"), std::string::npos);
    EXPECT_EQ(load_look("..").error().code(), ErrorCode::InvalidArgument);
    if (old)
        ::setenv("SLATE_PRESETS_DIR", saved.c_str(), 1);
    else
        ::unsetenv("SLATE_PRESETS_DIR");
}

TEST(BuiltinLooks, EveryOneLoadsAndBuilds) {
    ::unsetenv("SLATE_PRESETS_DIR");
    const std::vector<std::string> names = builtin_look_names();
    EXPECT_NE(std::find(names.begin(), names.end(), "warm_dailies"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "show_contrast"), names.end());
    for (const std::string& name : names) {
        auto look = load_look(name);
        ASSERT_TRUE(look.ok()) << look.error().to_string();
        EXPECT_FALSE(look->empty()) << name;
        auto processor = ColorProcessor::create(*look);
        ASSERT_TRUE(processor.ok()) << processor.error().to_string();
        EXPECT_FALSE(processor->is_noop()) << name;
        for (const ColorStep& step : look->steps) {
            if (step.kind == ColorStep::Kind::Lut) {
                EXPECT_TRUE(check_lut_file(step.path).ok());
            }
        }
    }
}

// show_contrast.cube holds make_show_contrast_cube.py's formula at its 17^3 nodes; at a node the
// interpolation returns the entry, so the formula (5 decimals in the file) is the reference.
test::Rgb show_contrast(const test::Rgb& in) {
    test::Rgb curved{};
    for (size_t i = 0; i < 3; ++i)
        curved[i] = in[i] + 0.15 * (in[i] * in[i] * (3 - 2 * in[i]) - in[i]);
    const double luma = 0.2126 * curved[0] + 0.7152 * curved[1] + 0.0722 * curved[2];
    test::Rgb out{};
    for (size_t i = 0; i < 3; ++i) out[i] = test::clamp01(luma + 1.05 * (curved[i] - luma));
    return out;
}

TEST(BuiltinLooks, ShowContrastFollowsItsFormula) {
    ::unsetenv("SLATE_PRESETS_DIR");
    auto processor = ColorProcessor::create(*load_look("show_contrast"));
    ASSERT_TRUE(processor.ok());
    Frame frame = test::make_frame(PixelFormat::RgbFloat, 17, 17);
    auto view = frame.mutable_plane<float>(0);
    for (int y = 0; y < 17; ++y)
        for (int x = 0; x < 17; ++x) {
            view.at(x, y, 0) = static_cast<float>(x / 16.0);
            view.at(x, y, 1) = static_cast<float>(y / 16.0);
            view.at(x, y, 2) = static_cast<float>(((x + y) % 17) / 16.0);
        }
    ASSERT_TRUE(processor->apply(frame).ok());
    for (int y = 0; y < 17; ++y)
        for (int x = 0; x < 17; ++x) {
            const test::Rgb expected = show_contrast({x / 16.0, y / 16.0, ((x + y) % 17) / 16.0});
            for (int c = 0; c < 3; ++c)
                EXPECT_NEAR(frame.plane<float>(0).at(x, y, c), expected[static_cast<size_t>(c)],
                            2e-5)
                    << x << "," << y;
        }
    // A mid grey keeps its value within the curve's pivot region, deep shadows go down.
    EXPECT_LT(show_contrast({0.2, 0.2, 0.2})[0], 0.2);
    EXPECT_GT(show_contrast({0.8, 0.8, 0.8})[0], 0.8);
}

}  // namespace
}  // namespace media::color
