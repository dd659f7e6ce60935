// SPDX-License-Identifier: Apache-2.0
// A studio's OCIO config through Slate: listing, names checked early, config transforms applied
// by the ColorProcessor equal OpenColorIO's own processor, and configs that do not load.
#include <cstdlib>
#include <random>

#include <OpenColorIO/OpenColorIO.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "color_test_util.h"
#include "media/color/color_processor.h"
#include "media/color/color_space.h"
#include "scratch_dir.h"

namespace OCIO = OCIO_NAMESPACE;

namespace media::color {
namespace {

// A small studio-style config: scene-linear reference (ACES2065-1), ALEXA LogC as the camera
// space, an sRGB display with a plain and a graded view, a CDL look working in LogC.
constexpr const char* kConfig = R"(ocio_profile_version: 2
name: slate-test
description: Slate test config
roles:
  default: aces
  scene_linear: aces
  color_timing: logc
  compositing_log: logc
displays:
  sRGB:
    - !<View> {name: Standard, colorspace: srgb}
    - !<View> {name: Graded, colorspace: srgb, looks: +warm}
active_displays: []
active_views: []
looks:
  - !<Look>
    name: warm
    process_space: logc
    transform: !<CDLTransform> {slope: [1.1, 1.0, 0.9], offset: [0.01, 0, 0], power: [1, 1, 1.1], sat: 0.9}
colorspaces:
  - !<ColorSpace>
    name: aces
    family: scene
  - !<ColorSpace>
    name: logc
    family: camera
    to_scene_reference: !<BuiltinTransform> {style: ARRI_ALEXA-LOGC-EI800-AWG_to_ACES2065-1}
  - !<ColorSpace>
    name: srgb
    family: display
    from_scene_reference: !<GroupTransform>
      children:
        - !<BuiltinTransform> {style: UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD}
        - !<BuiltinTransform> {style: DISPLAY - CIE-XYZ-D65_to_sRGB}
)";

class OcioConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        config_path = scratch.path() / "config.ocio";
        test::write_text(config_path.string(), kConfig);
    }
    media::test::ScratchDir scratch;
    std::filesystem::path config_path;
};

ColorStep ocio_step(const std::string& config, const std::string& src, const std::string& dst,
                    const std::string& display = {}, const std::string& view = {},
                    const std::string& looks = {}) {
    ColorStep step;
    step.kind = ColorStep::Kind::Ocio;
    step.ocio = {config, src, dst, display, view, looks};
    return step;
}

OCIO::ConstCPUProcessorRcPtr reference(const std::string& config_path,
                                       const OCIO::ConstTransformRcPtr& transform) {
    auto config = OCIO::Config::CreateFromFile(config_path.c_str());
    return config->getProcessor(transform)->getOptimizedCPUProcessor(
        OCIO::BIT_DEPTH_F32, OCIO::BIT_DEPTH_F32, OCIO::OPTIMIZATION_LOSSLESS);
}

// Our processor against OCIO's (lossless optimisation, as Slate builds it) on a spread of log
// code values; relative to the value, since LogC reaches 55 in linear.
void expect_matches(const ColorProcessor& ours, const OCIO::ConstCPUProcessorRcPtr& theirs) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> dist(0.0f, 1.0f);
    std::vector<float> a(3 * 4096), b;
    for (float& v : a) v = dist(rng);
    b = a;
    ours.apply_rgb(a.data(), 4096);
    OCIO::PackedImageDesc image(b.data(), 4096, 1, 3);
    theirs->apply(image);
    double worst = 0.0;
    for (size_t i = 0; i < a.size(); ++i)
        worst =
            std::max(worst, std::abs(double(a[i]) - b[i]) / std::max(1.0, std::abs(double(b[i]))));
    EXPECT_LE(worst, 1e-6);
}

TEST_F(OcioConfigTest, ListsWhatTheConfigOffers) {
    auto listed = load_ocio_config(config_path.string());
    ASSERT_TRUE(listed) << listed.error().to_string();
    EXPECT_EQ(listed->color_spaces, (std::vector<std::string>{"aces", "logc", "srgb"}));
    ASSERT_EQ(listed->displays, std::vector<std::string>{"sRGB"});
    EXPECT_EQ(listed->views[0], (std::vector<std::string>{"Standard", "Graded"}));
    EXPECT_EQ(listed->looks, std::vector<std::string>{"warm"});
    EXPECT_EQ(listed->default_display, "sRGB");
}

TEST_F(OcioConfigTest, OcioEnvironmentVariableIsTheDefault) {
    ::setenv("OCIO", config_path.c_str(), 1);
    auto listed = load_ocio_config();
    ::unsetenv("OCIO");
    ASSERT_TRUE(listed) << listed.error().to_string();
    EXPECT_EQ(listed->path, config_path.string());
    auto none = load_ocio_config();
    ASSERT_FALSE(none);
    EXPECT_NE(none.error().message().find("--ocio-config"), std::string::npos);
}

TEST_F(OcioConfigTest, ColorSpaceTransformMatchesOcio) {
    auto ours = ColorProcessor::create(
        ColorPipelineDesc{{ocio_step(config_path.string(), "logc", "srgb")}});
    ASSERT_TRUE(ours) << ours.error().to_string();
    auto transform = OCIO::ColorSpaceTransform::Create();
    transform->setSrc("logc");
    transform->setDst("srgb");
    expect_matches(*ours, reference(config_path.string(), transform));
}

TEST_F(OcioConfigTest, DisplayViewWithLookMatchesOcio) {
    auto ours = ColorProcessor::create(
        ColorPipelineDesc{{ocio_step(config_path.string(), "logc", "", "sRGB", "Graded")}});
    ASSERT_TRUE(ours) << ours.error().to_string();
    auto transform = OCIO::DisplayViewTransform::Create();
    transform->setSrc("logc");
    transform->setDisplay("sRGB");
    transform->setView("Graded");
    expect_matches(*ours, reference(config_path.string(), transform));
}

TEST_F(OcioConfigTest, LooksBetweenColorSpacesMatchOcio) {
    auto ours = ColorProcessor::create(
        ColorPipelineDesc{{ocio_step(config_path.string(), "logc", "srgb", "", "", "warm")}});
    ASSERT_TRUE(ours) << ours.error().to_string();
    auto transform = OCIO::LookTransform::Create();
    transform->setSrc("logc");
    transform->setDst("srgb");
    transform->setLooks("warm");
    expect_matches(*ours, reference(config_path.string(), transform));
}

TEST_F(OcioConfigTest, OcioStepsMixWithSlateSteps) {
    // CDL in LogC, then the config's view: equals OCIO's CDL + view.
    CdlValues cdl;
    cdl.slope = {1.05, 1.0, 0.95};
    auto ours = ColorProcessor::create(ColorPipelineDesc{
        {test::cdl_step(cdl), ocio_step(config_path.string(), "logc", "", "sRGB", "Standard")}});
    ASSERT_TRUE(ours) << ours.error().to_string();
    auto group = OCIO::GroupTransform::Create();
    auto ocio_cdl = OCIO::CDLTransform::Create();
    ocio_cdl->setStyle(OCIO::CDL_ASC);
    ocio_cdl->setSlope(cdl.slope.data());
    group->appendTransform(ocio_cdl);
    auto view = OCIO::DisplayViewTransform::Create();
    view->setSrc("logc");
    view->setDisplay("sRGB");
    view->setView("Standard");
    group->appendTransform(view);
    expect_matches(*ours, reference(config_path.string(), group));
}

TEST_F(OcioConfigTest, UnknownNamesAreErrorsNamingThem) {
    auto space = ColorProcessor::create(
        ColorPipelineDesc{{ocio_step(config_path.string(), "logc3", "srgb")}});
    ASSERT_FALSE(space);
    EXPECT_NE(space.error().to_string().find("'logc3'"), std::string::npos)
        << space.error().to_string();
    EXPECT_NE(space.error().to_string().find("logc, "), std::string::npos);  // lists known ones
    EXPECT_NE(space.error().to_string().find("config.ocio"), std::string::npos);

    auto display = ColorProcessor::create(
        ColorPipelineDesc{{ocio_step(config_path.string(), "logc", "", "Rec.709", "Standard")}});
    ASSERT_FALSE(display);
    EXPECT_NE(display.error().to_string().find("'Rec.709'"), std::string::npos);
    auto view = ColorProcessor::create(
        ColorPipelineDesc{{ocio_step(config_path.string(), "logc", "", "sRGB", "Film")}});
    ASSERT_FALSE(view);
    EXPECT_NE(view.error().to_string().find("'Film'"), std::string::npos);
    auto look = ColorProcessor::create(
        ColorPipelineDesc{{ocio_step(config_path.string(), "logc", "srgb", "", "", "cold")}});
    ASSERT_FALSE(look);
    EXPECT_NE(look.error().to_string().find("'cold'"), std::string::npos);
}

TEST_F(OcioConfigTest, ConfigsThatDoNotLoadAreErrorsNamingTheFile) {
    const auto broken = scratch.path() / "broken.ocio";
    test::write_text(broken.string(), "ocio_profile_version: 2\ncolorspaces: [ {name: \n");
    auto bad = load_ocio_config(broken.string());
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(bad.error().to_string().find("broken.ocio"), std::string::npos)
        << bad.error().to_string();

    // Loads as YAML, fails validation (a role naming a colour space that does not exist).
    const auto invalid = scratch.path() / "invalid.ocio";
    test::write_text(invalid.string(),
                     "ocio_profile_version: 2\nroles:\n  default: nothing\n  scene_linear: "
                     "nothing\ncolorspaces:\n  - !<ColorSpace> {name: lin}\n");
    auto not_valid =
        ColorProcessor::create(ColorPipelineDesc{{ocio_step(invalid.string(), "lin", "lin")}});
    ASSERT_FALSE(not_valid);
    EXPECT_NE(not_valid.error().to_string().find("invalid.ocio"), std::string::npos)
        << not_valid.error().to_string();

    auto missing = load_ocio_config((scratch.path() / "nope.ocio").string());
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
}

}  // namespace
}  // namespace media::color
