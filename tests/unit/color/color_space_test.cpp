// SPDX-License-Identifier: Apache-2.0
// Built-in colour spaces: names, H.273 tags, and the pipelines between them -- their steps, their
// results against OpenColorIO 2.1 chains where OCIO has one, and round trips.
#include <OpenColorIO/OpenColorIO.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "media/color/color_space.h"

namespace OCIO = OCIO_NAMESPACE;

namespace media::color {
namespace {

using Kind = ColorStep::Kind;

// What each step means (the processor's job; written out here to check the descriptions).
Vec3 run_step(const ColorStep& step, const Vec3& in) {
    switch (step.kind) {
        case Kind::ToLinear:
            return {to_linear(step.transfer, in[0]), to_linear(step.transfer, in[1]),
                    to_linear(step.transfer, in[2])};
        case Kind::FromLinear:
            return {from_linear(step.transfer, in[0]), from_linear(step.transfer, in[1]),
                    from_linear(step.transfer, in[2])};
        case Kind::Matrix: {
            const Vec3 out = multiply(step.matrix, in);
            return {out[0] + step.offset[0], out[1] + step.offset[1], out[2] + step.offset[2]};
        }
        case Kind::ToneMap:
            return ToneMapper(step.tone_map).apply(in);
        case Kind::HlgOotf:
            return step.inverse ? hlg_inverse_ootf(in, step.hlg_peak_nits, step.hlg_system_gamma)
                                : hlg_ootf(in, step.hlg_peak_nits, step.hlg_system_gamma);
        default:
            ADD_FAILURE() << "unexpected step kind";
            return in;
    }
}

Vec3 run(const ColorPipelineDesc& desc, Vec3 v) {
    for (const ColorStep& step : desc.steps) v = run_step(step, v);
    return v;
}

ColorPipelineDesc conversion(std::string_view from, std::string_view to,
                             const ConversionOptions& options = {}) {
    auto result = builtin_conversion(from, to, options);
    EXPECT_TRUE(result.ok()) << from << " -> " << to << ": "
                             << (result.ok() ? "" : result.error().message());
    return result.ok() ? *result : ColorPipelineDesc{};
}

std::vector<Kind> kinds(const ColorPipelineDesc& desc) {
    std::vector<Kind> out;
    for (const ColorStep& step : desc.steps) out.push_back(step.kind);
    return out;
}

// ---- Names and tags --------------------------------------------------------------------------

TEST(ColorSpaceNames, TableAndAliases) {
    std::set<std::string_view> names;
    for (const ColorSpaceInfo& space : color_space_table()) {
        EXPECT_TRUE(names.insert(space.name).second) << "duplicate " << space.name;
        const auto found = find_color_space(space.name);
        ASSERT_TRUE(found.has_value()) << space.name;
        EXPECT_EQ(found->name, space.name);
        std::string upper(space.name);
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        EXPECT_TRUE(find_color_space(upper).has_value()) << upper;
        EXPECT_EQ(space.hdr, space.transfer == Transfer::Pq || space.transfer == Transfer::Hlg);
        EXPECT_FALSE(space.title.empty());
    }
    for (const char* name :
         {"logc3", "logc4", "slog3", "slog3-sgamut3", "log3g10", "vlog", "clog3", "acescct",
          "acescc", "acescg", "aces2065-1", "rec709", "srgb", "p3-d65", "rec2100-pq", "rec2100-hlg",
          "linear-rec709", "linear-rec2020", "linear-p3d65"})
        EXPECT_TRUE(names.count(name)) << name << " is documented in color_space.h";
    EXPECT_EQ(find_color_space("ALEXA")->name, "logc3");
    EXPECT_EQ(find_color_space("bt709")->name, "rec709");
    EXPECT_EQ(find_color_space("PQ")->name, "rec2100-pq");
    EXPECT_EQ(find_color_space("aces")->name, "aces2065-1");
    EXPECT_EQ(find_color_space("HLG")->name, "rec2100-hlg");
    EXPECT_EQ(find_color_space("slog3")->gamut, Gamut::SGamut3Cine);
    EXPECT_EQ(find_color_space("slog3-sgamut3")->gamut, Gamut::SGamut3);
    EXPECT_FALSE(find_color_space("rec601").has_value());
    EXPECT_FALSE(find_color_space("").has_value());
}

TEST(ColorSpaceTags, FromH273) {
    auto from_tags = [](ColorPrimaries p, TransferCharacteristic t) {
        ColorInfo info;
        info.primaries = p;
        info.transfer = t;
        const auto space = color_space_from_tags(info);
        return space ? std::string(space->name) : std::string("none");
    };
    using P = ColorPrimaries;
    using T = TransferCharacteristic;
    EXPECT_EQ(from_tags(P::BT2020, T::SMPTE2084), "rec2100-pq");
    EXPECT_EQ(from_tags(P::Unspecified, T::SMPTE2084), "rec2100-pq");
    EXPECT_EQ(from_tags(P::BT2020, T::ARIB_STD_B67), "rec2100-hlg");
    EXPECT_EQ(from_tags(P::BT709, T::BT709), "rec709");
    EXPECT_EQ(from_tags(P::Unspecified, T::Unspecified), "rec709");
    EXPECT_EQ(from_tags(P::BT2020, T::BT2020_10), "rec2020");
    EXPECT_EQ(from_tags(P::Unspecified, T::BT2020_10), "rec2020");
    EXPECT_EQ(from_tags(P::BT709, T::IEC61966_2_1), "srgb");
    EXPECT_EQ(from_tags(P::BT709, T::Linear), "linear-rec709");
    EXPECT_EQ(from_tags(P::BT2020, T::Linear), "linear-rec2020");
    EXPECT_EQ(from_tags(P::SMPTE432, T::Linear), "linear-p3d65");
    EXPECT_EQ(from_tags(P::BT709, T::SMPTE2084), "none");  // no such built-in
    EXPECT_EQ(from_tags(P::BT709, T::Gamma28), "none");
    EXPECT_EQ(from_tags(P::BT470BG, T::BT709), "none");
    ColorInfo camera;
    camera.scene_space = "LogC3";
    camera.transfer = T::BT709;
    EXPECT_EQ(color_space_from_tags(camera)->name, "logc3");  // the scene space wins
}

// ---- Pipeline shapes -------------------------------------------------------------------------

TEST(BuiltinConversion, IdentityAndUnknown) {
    EXPECT_TRUE(conversion("rec709", "rec709").empty());
    EXPECT_TRUE(conversion("rec709", "BT709").empty());
    EXPECT_TRUE(conversion("alexa", "logc3").empty());
    const auto bad = builtin_conversion("logc9", "rec709");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(bad.error().message().find("logc9"), std::string::npos);
    EXPECT_NE(bad.error().message().find("rec2100-pq"), std::string::npos);  // lists the known
    const auto bad_to = builtin_conversion("rec709", "nope");
    ASSERT_FALSE(bad_to.ok());
    EXPECT_NE(bad_to.error().message().find("nope"), std::string::npos);
}

TEST(BuiltinConversion, CameraToDisplay) {
    const ColorPipelineDesc desc = conversion("logc3", "rec709");
    ASSERT_EQ(kinds(desc), (std::vector{Kind::ToLinear, Kind::Matrix, Kind::FromLinear}));
    EXPECT_EQ(desc.steps[0].transfer, Transfer::LogC3);
    EXPECT_EQ(desc.steps[0].label, "LogC3 -> linear");
    EXPECT_EQ(desc.steps[1].label, "AWG3 -> Rec.709");
    EXPECT_EQ(desc.steps[1].matrix, gamut_conversion(Gamut::AwG3, Gamut::Rec709));
    EXPECT_EQ(desc.steps[2].transfer, Transfer::Bt1886);
    EXPECT_EQ(desc.steps[2].label, "linear -> BT.1886");
    // Grey 0.18 stays grey: LogC3 0.391 -> 0.18 -> BT.1886 0.18^(1/2.4).
    const Vec3 out = run(desc, {0.391007, 0.391007, 0.391007});
    for (double v : out) EXPECT_NEAR(v, std::pow(0.18, 1.0 / 2.4), 1e-5);
    // Same gamut, other transfer: no matrix.
    EXPECT_EQ(kinds(conversion("acescct", "acescg")), (std::vector{Kind::ToLinear}));
    EXPECT_EQ(kinds(conversion("acescg", "acescc")), (std::vector{Kind::FromLinear}));
    EXPECT_EQ(kinds(conversion("acescg", "aces2065-1")), (std::vector{Kind::Matrix}));
}

TEST(BuiltinConversion, PqToSdrToneMaps) {
    ConversionOptions options;
    options.tone_map.source_peak_nits = 1000.0;
    const ColorPipelineDesc desc = conversion("rec2100-pq", "rec709", options);
    ASSERT_EQ(kinds(desc),
              (std::vector{Kind::ToLinear, Kind::ToneMap, Kind::Matrix, Kind::FromLinear}));
    EXPECT_EQ(desc.steps[0].label, "PQ -> linear");
    EXPECT_EQ(desc.steps[1].label, "BT.2390 1000 -> 100 cd/m2");
    EXPECT_EQ(desc.steps[2].label, "Rec.2020 -> Rec.709");
    // 1000 cd/m² white -> SDR white; 10 cd/m² (below the knee) -> 0.1 of white.
    const double pq1000 = from_linear(Transfer::Pq, 10.0);
    for (double v : run(desc, {pq1000, pq1000, pq1000})) EXPECT_NEAR(v, 1.0, 1e-9);
    const double pq10 = from_linear(Transfer::Pq, 0.1);
    for (double v : run(desc, {pq10, pq10, pq10})) EXPECT_NEAR(v, std::pow(0.1, 1.0 / 2.4), 1e-9);
    // Without tone mapping: 100 cd/m² is white, above it goes past 1.
    options.tone_map_hdr = false;
    const ColorPipelineDesc plain = conversion("rec2100-pq", "rec709", options);
    EXPECT_EQ(kinds(plain), (std::vector{Kind::ToLinear, Kind::Matrix, Kind::FromLinear}));
    const double pq100 = from_linear(Transfer::Pq, 1.0);
    for (double v : run(plain, {pq100, pq100, pq100})) EXPECT_NEAR(v, 1.0, 1e-9);
}

TEST(BuiltinConversion, HlgToSdrGoesThroughTheOotf) {
    ConversionOptions options;
    options.hlg_peak_nits = 1000.0;
    const ColorPipelineDesc desc = conversion("rec2100-hlg", "srgb", options);
    ASSERT_EQ(kinds(desc), (std::vector{Kind::ToLinear, Kind::HlgOotf, Kind::ToneMap, Kind::Matrix,
                                        Kind::FromLinear}));
    EXPECT_FALSE(desc.steps[1].inverse);
    EXPECT_EQ(desc.steps[1].hlg_peak_nits, 1000.0);
    EXPECT_EQ(desc.steps[2].tone_map.source_peak_nits, 1000.0);  // the OOTF's peak
    EXPECT_EQ(desc.steps[2].label, "BT.2390 1000 -> 100 cd/m2");
    // HLG signal 1.0 = the display peak -> SDR white.
    for (double v : run(desc, {1.0, 1.0, 1.0})) EXPECT_NEAR(v, 1.0, 1e-9);
}

TEST(BuiltinConversion, SdrToHdrPlacesWhiteAt100Nits) {
    const ColorPipelineDesc pq = conversion("rec709", "rec2100-pq");
    EXPECT_EQ(kinds(pq), (std::vector{Kind::ToLinear, Kind::Matrix, Kind::FromLinear}));
    for (double v : run(pq, {1.0, 1.0, 1.0})) EXPECT_NEAR(v, 0.508078, 1e-6);  // PQ of 100 cd/m²
    const ColorPipelineDesc hlg = conversion("srgb", "rec2100-hlg");
    ASSERT_EQ(kinds(hlg),
              (std::vector{Kind::ToLinear, Kind::Matrix, Kind::HlgOotf, Kind::FromLinear}));
    EXPECT_TRUE(hlg.steps[2].inverse);
    // 100 cd/m² on a 1000 cd/m² HLG display: scene Ys = (100/1000)^(1/1.2).
    const double scene = std::pow(0.1, 1.0 / 1.2);
    for (double v : run(hlg, {1.0, 1.0, 1.0}))
        EXPECT_NEAR(v, from_linear(Transfer::Hlg, scene), 1e-9);
}

TEST(BuiltinConversion, HdrToHdrDoesNotToneMap) {
    const ColorPipelineDesc desc = conversion("rec2100-pq", "rec2100-hlg");
    EXPECT_EQ(kinds(desc), (std::vector{Kind::ToLinear, Kind::HlgOotf, Kind::FromLinear}));
    const ColorPipelineDesc back = conversion("rec2100-hlg", "rec2100-pq");
    EXPECT_EQ(kinds(back), (std::vector{Kind::ToLinear, Kind::HlgOotf, Kind::FromLinear}));
    // 1000 cd/m² PQ <-> HLG 1.0 on a 1000 cd/m² display.
    const double pq1000 = from_linear(Transfer::Pq, 10.0);
    for (double v : run(desc, {pq1000, pq1000, pq1000})) EXPECT_NEAR(v, 1.0, 1e-6);
}

TEST(BuiltinConversion, EveryStepHasALabel) {
    for (const ColorSpaceInfo& from : color_space_table())
        for (const ColorSpaceInfo& to : color_space_table())
            for (const ColorStep& step : conversion(from.name, to.name).steps)
                EXPECT_FALSE(step.label.empty()) << from.name << " -> " << to.name;
}

// ---- Results against OCIO chains -------------------------------------------------------------

OCIO::ConstCPUProcessorRcPtr ocio_chain(std::initializer_list<const char*> styles) {
    auto group = OCIO::GroupTransform::Create();
    for (const char* style : styles) {
        auto transform = OCIO::BuiltinTransform::Create();
        transform->setStyle(style);
        group->appendTransform(transform);
    }
    return OCIO::Config::CreateRaw()->getProcessor(group)->getOptimizedCPUProcessor(
        OCIO::BIT_DEPTH_F32, OCIO::BIT_DEPTH_F32, OCIO::OPTIMIZATION_LOSSLESS);
}

TEST(BuiltinConversion, MatchesOcioChains) {
    struct Case {
        const char* from;
        const char* to;
        std::initializer_list<const char*> styles;
        double low, high;
    };
    const Case cases[] = {
        // OCIO builds these with Bradford, as Slate does (ARRI/Sony/Canon use CAT02 there).
        {"log3g10", "aces2065-1", {"RED_LOG3G10-RWG_to_ACES2065-1"}, 0.0, 1.0},
        {"vlog", "aces2065-1", {"PANASONIC_VLOG-VGAMUT_to_ACES2065-1"}, 0.0, 1.0},
        {"acescct", "aces2065-1", {"ACEScct_to_ACES2065-1"}, 0.0, 1.0},
        {"aces2065-1",
         "rec709",
         {"UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD", "DISPLAY - CIE-XYZ-D65_to_REC.1886-REC.709"},
         0.05,
         1.0},
        {"acescg",
         "srgb",
         {"UTILITY - ACES-AP1_to_CIE-XYZ-D65_BFD", "DISPLAY - CIE-XYZ-D65_to_sRGB"},
         0.05,
         1.0},
        {"aces2065-1",
         "rec2100-pq",
         {"UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD", "DISPLAY - CIE-XYZ-D65_to_REC.2100-PQ"},
         0.05,
         50.0},
    };
    for (const Case& c : cases) {
        const ColorPipelineDesc desc = conversion(c.from, c.to);
        const auto processor = ocio_chain(c.styles);
        std::mt19937 rng(11);
        // Near-neutral colours so that every display channel stays in gamut (OCIO's display
        // gammas clamp negatives, Slate's mirror them).
        std::uniform_real_distribution<double> level(c.low, c.high);
        std::uniform_real_distribution<double> tint(0.9, 1.1);
        double worst = 0.0;
        for (int i = 0; i < 3000; ++i) {
            const double l = level(rng);
            const Vec3 in{static_cast<float>(l * tint(rng)), static_cast<float>(l * tint(rng)),
                          static_cast<float>(l * tint(rng))};
            const Vec3 ours = run(desc, in);
            float rgb[3] = {static_cast<float>(in[0]), static_cast<float>(in[1]),
                            static_cast<float>(in[2])};
            processor->applyRGB(rgb);
            const double scale = std::max({1.0, std::fabs(double(rgb[0])),
                                           std::fabs(double(rgb[1])), std::fabs(double(rgb[2]))});
            for (size_t k = 0; k < 3; ++k)
                worst = std::max(worst, std::fabs(ours[k] - rgb[k]) / scale);
        }
        std::cout << "[ OCIO     ] " << c.from << " -> " << c.to << ": max error " << worst << "\n";
        EXPECT_LE(worst, 1e-4) << c.from << " -> " << c.to;
    }
}

// ---- Round trips between every pair ----------------------------------------------------------

TEST(BuiltinConversion, EveryPairRoundTrips) {
    ConversionOptions options;
    options.tone_map_hdr = false;  // tone mapping is one way
    for (const ColorSpaceInfo& a : color_space_table()) {
        for (const ColorSpaceInfo& b : color_space_table()) {
            const ColorPipelineDesc there = conversion(a.name, b.name, options);
            const ColorPipelineDesc back = conversion(b.name, a.name, options);
            double worst = 0.0;
            // Neutral greys (they stay positive in every gamut) from 1 % to 100 % of a's linear.
            for (int i = 1; i <= 100; ++i) {
                const double lin = i / 100.0;
                const double e = from_linear(a.transfer, lin);
                const Vec3 in{e, e, e};
                const Vec3 out = run(back, run(there, in));
                for (size_t k = 0; k < 3; ++k)
                    worst = std::max(worst, std::fabs(out[k] - in[k]) / std::max(1.0, in[k]));
            }
            // 1e-6: V-Log's published pieces (5.6 x + 0.125 and its log) miss each other by
            // 2e-6 at the join, so code values in that sliver do not come back exactly.
            EXPECT_LE(worst, 1e-6) << a.name << " -> " << b.name << " -> " << a.name;
        }
    }
}

}  // namespace
}  // namespace media::color
