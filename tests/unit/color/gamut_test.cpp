// SPDX-License-Identifier: Apache-2.0
// Gamut matrices against published ones (Academy TB-2014-004, ITU-R BT.2087 / BT.2407, the luma
// rows of BT.709 / BT.2020, the OCIO ACES config) and OpenColorIO 2.1's built-in matrices.
#include <OpenColorIO/OpenColorIO.h>

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "media/color/gamut.h"

namespace OCIO = OCIO_NAMESPACE;

namespace media::color {
namespace {

void expect_matrix_near(const Matrix3& actual, const Matrix3& expected, double tolerance,
                        const std::string& what) {
    for (size_t r = 0; r < 3; ++r)
        for (size_t c = 0; c < 3; ++c)
            EXPECT_NEAR(actual[r][c], expected[r][c], tolerance)
                << what << " [" << r << "][" << c << "]";
}

// A matrix-only OCIO built-in as a matrix: its images of the unit vectors (float precision).
Matrix3 ocio_matrix(const char* style) {
    auto transform = OCIO::BuiltinTransform::Create();
    transform->setStyle(style);
    const auto processor =
        OCIO::Config::CreateRaw()->getProcessor(transform)->getOptimizedCPUProcessor(
            OCIO::BIT_DEPTH_F32, OCIO::BIT_DEPTH_F32, OCIO::OPTIMIZATION_LOSSLESS);
    Matrix3 m{};
    for (size_t c = 0; c < 3; ++c) {
        float rgb[3] = {0.0f, 0.0f, 0.0f};
        rgb[c] = 1.0f;
        processor->applyRGB(rgb);
        for (size_t r = 0; r < 3; ++r) m[r][c] = rgb[r];
    }
    return m;
}

const Chromaticities& chroma(Gamut gamut) {
    return info(gamut).chromaticities;
}

constexpr Chromaticity kD65{0.3127, 0.3290};
constexpr Chromaticity kAcesWhite{0.32168, 0.33767};

// Academy TB-2014-004 (ACES primaries and conversion matrices), 10 decimals.
constexpr Matrix3 kAp0ToXyz{{{0.9525523959, 0.0000000000, 0.0000936786},
                             {0.3439664498, 0.7281660966, -0.0721325464},
                             {0.0000000000, 0.0000000000, 1.0088251844}}};
constexpr Matrix3 kAp1ToXyz{{{0.6624541811, 0.1340042065, 0.1561876870},
                             {0.2722287168, 0.6740817658, 0.0536895174},
                             {-0.0055746495, 0.0040607335, 1.0103391003}}};
constexpr Matrix3 kAp0ToAp1{{{1.4514393161, -0.2365107469, -0.2149285693},
                             {-0.0765537734, 1.1762296998, -0.0996759264},
                             {0.0083161484, -0.0060324498, 0.9977163014}}};
constexpr Matrix3 kAp1ToAp0{{{0.6954522414, 0.1406786965, 0.1638690622},
                             {0.0447945634, 0.8596711185, 0.0955343182},
                             {-0.0055258826, 0.0040252103, 1.0015006723}}};

TEST(GamutPublished, AcesMatricesFromTb2014004) {
    expect_matrix_near(rgb_to_xyz(chroma(Gamut::Ap0)), kAp0ToXyz, 1e-9, "AP0 -> XYZ");
    expect_matrix_near(rgb_to_xyz(chroma(Gamut::Ap1)), kAp1ToXyz, 1e-9, "AP1 -> XYZ");
    expect_matrix_near(gamut_conversion(Gamut::Ap0, Gamut::Ap1), kAp0ToAp1, 1e-9, "AP0 -> AP1");
    expect_matrix_near(gamut_conversion(Gamut::Ap1, Gamut::Ap0), kAp1ToAp0, 1e-9, "AP1 -> AP0");
}

TEST(GamutPublished, Rec709AndRec2020) {
    // ITU-R BT.2087-0 (Rec.709 -> Rec.2020) and BT.2407-0 (Rec.2020 -> Rec.709): 4 decimals.
    constexpr Matrix3 k709To2020{
        {{0.6274, 0.3293, 0.0433}, {0.0691, 0.9195, 0.0114}, {0.0164, 0.0880, 0.8956}}};
    constexpr Matrix3 k2020To709{
        {{1.6605, -0.5876, -0.0728}, {-0.1246, 1.1329, -0.0083}, {-0.0182, -0.1006, 1.1187}}};
    expect_matrix_near(gamut_conversion(Gamut::Rec709, Gamut::Rec2020), k709To2020, 5e-5,
                       "BT.2087");
    expect_matrix_near(gamut_conversion(Gamut::Rec2020, Gamut::Rec709), k2020To709, 5e-5,
                       "BT.2407");
    // The Y rows are the luma coefficients of BT.709 and BT.2020 (4 decimals).
    const Matrix3 m709 = rgb_to_xyz(chroma(Gamut::Rec709));
    EXPECT_NEAR(m709[1][0], 0.2126, 5e-5);
    EXPECT_NEAR(m709[1][1], 0.7152, 5e-5);
    EXPECT_NEAR(m709[1][2], 0.0722, 5e-5);
    const Matrix3 m2020 = rgb_to_xyz(chroma(Gamut::Rec2020));
    EXPECT_NEAR(m2020[1][0], 0.2627, 5e-5);
    EXPECT_NEAR(m2020[1][1], 0.6780, 5e-5);
    EXPECT_NEAR(m2020[1][2], 0.0593, 5e-5);
}

TEST(GamutPublished, Rec709ToAp0WithBradford) {
    // The ACES studio config for OCIO, "Linear Rec.709 (sRGB)" -> ACES2065-1 (Bradford D65 to
    // the ACES white), 15 digits.
    constexpr Matrix3 kRec709ToAp0{{{0.439632981919491, 0.382988698151554, 0.177378319928955},
                                    {0.0897764429588424, 0.813439428748981, 0.0967841282921771},
                                    {0.0175411703831727, 0.111546553302387, 0.87091227631444}}};
    expect_matrix_near(gamut_conversion(Gamut::Rec709, Gamut::Ap0), kRec709ToAp0, 1e-9,
                       "Rec.709 -> AP0");
}

TEST(GamutOcio, BradfordAgainstBuiltins) {
    // OCIO builds these with Bradford; they are matrices, read back in float.
    expect_matrix_near(gamut_conversion(Gamut::Ap0, Gamut::CieXyzD65),
                       ocio_matrix("UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD"), 1e-6,
                       "AP0 -> XYZ D65");
    expect_matrix_near(gamut_conversion(Gamut::Ap1, Gamut::CieXyzD65),
                       ocio_matrix("UTILITY - ACES-AP1_to_CIE-XYZ-D65_BFD"), 1e-6,
                       "AP1 -> XYZ D65");
    expect_matrix_near(gamut_conversion(Gamut::Ap1, Gamut::Rec709),
                       ocio_matrix("UTILITY - ACES-AP1_to_LINEAR-REC709_BFD"), 1e-6,
                       "AP1 -> Rec.709");
    expect_matrix_near(gamut_conversion(Gamut::Ap1, Gamut::Ap0),
                       ocio_matrix("ACEScg_to_ACES2065-1"), 1e-6, "AP1 -> AP0");
}

TEST(GamutOcio, BradfordD65ToAcesWhite) {
    // OCIO's AP0 -> XYZ (D65, Bradford) times TB-2014-004's XYZ -> AP0 leaves the Bradford
    // adaptation from the ACES white to D65; D65 -> ACES white ("D60") is its inverse.
    const Matrix3 aces_to_d65 =
        multiply(ocio_matrix("UTILITY - ACES-AP0_to_CIE-XYZ-D65_BFD"), inverse(kAp0ToXyz));
    expect_matrix_near(bradford_adaptation(kAcesWhite, kD65), aces_to_d65, 1e-6,
                       "Bradford ACES white -> D65");
    expect_matrix_near(bradford_adaptation(kD65, kAcesWhite), inverse(aces_to_d65), 1e-6,
                       "Bradford D65 -> ACES white");
    // The D65 -> D60 Bradford matrix the ACES output transform ports quote ("D65_2_D60_CAT"),
    // 6 significant digits.
    constexpr Matrix3 kD65ToD60{{{1.01303, 0.00610531, -0.014971},
                                 {0.00769823, 0.998165, -0.00503203},
                                 {-0.00284131, 0.00468516, 0.924507}}};
    expect_matrix_near(bradford_adaptation(kD65, kAcesWhite), kD65ToD60, 5e-6, "D65 -> D60");
}

TEST(GamutAdaptation, MapsWhiteToWhite) {
    const Vec3 d65 = white_xyz(kD65);
    EXPECT_NEAR(d65[0], 0.3127 / 0.3290, 1e-15);
    EXPECT_EQ(d65[1], 1.0);
    EXPECT_NEAR(d65[2], (1.0 - 0.3127 - 0.3290) / 0.3290, 1e-15);
    for (ChromaticAdaptation method : {ChromaticAdaptation::Bradford, ChromaticAdaptation::Cat02}) {
        const Matrix3 m = chromatic_adaptation(kD65, kAcesWhite, method);
        const Vec3 mapped = multiply(m, d65);
        const Vec3 aces = white_xyz(kAcesWhite);
        for (size_t i = 0; i < 3; ++i) EXPECT_NEAR(mapped[i], aces[i], 1e-12);
        const Matrix3 round = multiply(chromatic_adaptation(kAcesWhite, kD65, method), m);
        expect_matrix_near(round, identity_matrix(), 1e-12, "there and back");
    }
    // Bradford and CAT02 differ (so picking the right one is visible to the OCIO tests).
    const Matrix3 b = chromatic_adaptation(kD65, kAcesWhite, ChromaticAdaptation::Bradford);
    const Matrix3 c = chromatic_adaptation(kD65, kAcesWhite, ChromaticAdaptation::Cat02);
    EXPECT_GT(std::fabs(b[0][0] - c[0][0]) + std::fabs(b[2][1] - c[2][1]), 1e-4);
    expect_matrix_near(chromatic_adaptation(kD65, kD65, ChromaticAdaptation::Bradford),
                       identity_matrix(), 0.0, "same white");
    expect_matrix_near(chromatic_adaptation(kD65, kAcesWhite, ChromaticAdaptation::None),
                       identity_matrix(), 0.0, "no adaptation");
}

TEST(GamutConversion, EveryPairKeepsWhiteAndInverts) {
    for (const GamutInfo& from : gamut_table()) {
        for (const GamutInfo& to : gamut_table()) {
            const Matrix3 m = gamut_conversion(from.id, to.id);
            // RGB white -> RGB white (adapted): (1, 1, 1) stays (1, 1, 1) -- except XYZ, whose
            // white is the D65 XYZ rather than (1, 1, 1).
            Vec3 white{1.0, 1.0, 1.0};
            if (from.id == Gamut::CieXyzD65) white = white_xyz(kD65);
            Vec3 expected{1.0, 1.0, 1.0};
            if (to.id == Gamut::CieXyzD65) expected = white_xyz(kD65);
            const Vec3 mapped = multiply(m, white);
            for (size_t i = 0; i < 3; ++i)
                EXPECT_NEAR(mapped[i], expected[i], 1e-9) << from.name << " -> " << to.name;
            const Matrix3 back = multiply(gamut_conversion(to.id, from.id), m);
            expect_matrix_near(back, identity_matrix(), 1e-9,
                               std::string(from.name) + " -> " + std::string(to.name));
        }
    }
}

TEST(GamutConversion, XyzIsTheIdentityPrimaries) {
    expect_matrix_near(rgb_to_xyz(chroma(Gamut::CieXyzD65)), identity_matrix(), 0.0, "XYZ");
    expect_matrix_near(gamut_conversion(Gamut::Rec709, Gamut::CieXyzD65),
                       rgb_to_xyz(chroma(Gamut::Rec709)), 1e-15, "Rec.709 -> XYZ");
    expect_matrix_near(gamut_conversion(Gamut::CieXyzD65, Gamut::Rec2020),
                       inverse(rgb_to_xyz(chroma(Gamut::Rec2020))), 1e-12, "XYZ -> Rec.2020");
}

TEST(GamutConversion, AdaptationChoiceOverload) {
    // S-Gamut3 (D65) -> AP0 with CAT02 is what Sony's IDT and OCIO use; the default is Bradford.
    const Matrix3 bradford = gamut_conversion(Gamut::SGamut3, Gamut::Ap0);
    expect_matrix_near(bradford,
                       gamut_conversion(Gamut::SGamut3, Gamut::Ap0, ChromaticAdaptation::Bradford),
                       0.0, "default is Bradford");
    const Matrix3 none = gamut_conversion(Gamut::SGamut3, Gamut::Ap0, ChromaticAdaptation::None);
    const Matrix3 expected =
        multiply(inverse(rgb_to_xyz(chroma(Gamut::Ap0))), rgb_to_xyz(chroma(Gamut::SGamut3)));
    expect_matrix_near(none, expected, 1e-12, "no adaptation");
}

TEST(GamutNames, TableAndAliases) {
    ASSERT_EQ(gamut_table().size(), static_cast<size_t>(Gamut::Count));
    for (size_t i = 0; i < gamut_table().size(); ++i) {
        const GamutInfo& entry = gamut_table()[i];
        EXPECT_EQ(static_cast<size_t>(entry.id), i);
        EXPECT_EQ(&info(entry.id), &entry);
        EXPECT_EQ(gamut_from_name(entry.name), entry.id) << entry.name;
        std::string upper(entry.name);
        for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        EXPECT_EQ(gamut_from_name(upper), entry.id) << upper;
        EXPECT_FALSE(entry.title.empty());
    }
    EXPECT_EQ(gamut_from_name("BT709"), Gamut::Rec709);
    EXPECT_EQ(gamut_from_name("Rec.2020"), Gamut::Rec2020);
    EXPECT_EQ(gamut_from_name("ACES2065"), Gamut::Ap0);
    EXPECT_EQ(gamut_from_name("ACEScg"), Gamut::Ap1);
    EXPECT_EQ(gamut_from_name("AWG"), Gamut::AwG3);
    EXPECT_EQ(gamut_from_name("REDWideGamutRGB"), Gamut::RedWideGamut);
    EXPECT_EQ(gamut_from_name("S-Gamut3.Cine"), Gamut::SGamut3Cine);
    EXPECT_FALSE(gamut_from_name("rec601").has_value());
    EXPECT_FALSE(gamut_from_name("").has_value());
    EXPECT_EQ(info(static_cast<Gamut>(99)).id, Gamut::Rec709);
}

}  // namespace
}  // namespace media::color
