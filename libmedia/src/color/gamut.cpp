// SPDX-License-Identifier: Apache-2.0
// RGB gamuts by their chromaticities, RP 177 primary matrices and von Kries (Bradford / CAT02)
// adaptation between whites. Chromaticities from the makers' documents (as OCIO 2.1 has them).
#include "media/color/gamut.h"
#include "names.h"

#include <array>

namespace media::color {

using detail::same_ignoring_case;
namespace {

constexpr Chromaticity kD65{0.3127, 0.3290};
constexpr Chromaticity kAcesWhite{0.32168, 0.33767};  // SMPTE ST 2065-1, "approximately D60"

constexpr std::array<GamutInfo, static_cast<size_t>(Gamut::Count)> kGamuts{{
    {Gamut::Rec709, "rec709", "Rec.709", {{0.64, 0.33}, {0.30, 0.60}, {0.15, 0.06}, kD65}},
    {Gamut::P3D65, "p3d65", "P3-D65", {{0.680, 0.320}, {0.265, 0.690}, {0.150, 0.060}, kD65}},
    {Gamut::Rec2020, "rec2020", "Rec.2020", {{0.708, 0.292}, {0.170, 0.797}, {0.131, 0.046}, kD65}},
    {Gamut::Ap0,
     "ap0",
     "ACES AP0",
     {{0.7347, 0.2653}, {0.0000, 1.0000}, {0.0001, -0.0770}, kAcesWhite}},
    {Gamut::Ap1, "ap1", "ACES AP1", {{0.713, 0.293}, {0.165, 0.830}, {0.128, 0.044}, kAcesWhite}},
    {Gamut::AwG3,
     "awg3",
     "ARRI Wide Gamut 3",
     {{0.6840, 0.3130}, {0.2210, 0.8480}, {0.0861, -0.1020}, kD65}},
    {Gamut::AwG4,
     "awg4",
     "ARRI Wide Gamut 4",
     {{0.7347, 0.2653}, {0.1424, 0.8576}, {0.0991, -0.0308}, kD65}},
    {Gamut::SGamut3,
     "sgamut3",
     "Sony S-Gamut3",
     {{0.730, 0.280}, {0.140, 0.855}, {0.100, -0.050}, kD65}},
    {Gamut::SGamut3Cine,
     "sgamut3cine",
     "Sony S-Gamut3.Cine",
     {{0.766, 0.275}, {0.225, 0.800}, {0.089, -0.087}, kD65}},
    {Gamut::RedWideGamut,
     "rwg",
     "RED Wide Gamut RGB",
     {{0.780308, 0.304253}, {0.121595, 1.493994}, {0.095612, -0.084589}, kD65}},
    {Gamut::VGamut,
     "vgamut",
     "Panasonic V-Gamut",
     {{0.730, 0.280}, {0.165, 0.840}, {0.100, -0.030}, kD65}},
    {Gamut::CinemaGamut,
     "cinemagamut",
     "Canon Cinema Gamut",
     {{0.740, 0.270}, {0.170, 1.140}, {0.080, -0.100}, kD65}},
    // XYZ itself: primaries on the axes (rgb_to_xyz gives the identity), D65 as its white.
    {Gamut::CieXyzD65, "xyz-d65", "CIE XYZ (D65)", {{1.0, 0.0}, {0.0, 1.0}, {0.0, 0.0}, kD65}},
}};

struct Alias {
    std::string_view name;
    Gamut gamut;
};

constexpr std::array kAliases{
    Alias{"bt709", Gamut::Rec709},
    Alias{"rec.709", Gamut::Rec709},
    Alias{"bt.709", Gamut::Rec709},
    Alias{"srgb", Gamut::Rec709},
    Alias{"p3-d65", Gamut::P3D65},
    Alias{"displayp3", Gamut::P3D65},
    Alias{"bt2020", Gamut::Rec2020},
    Alias{"rec.2020", Gamut::Rec2020},
    Alias{"bt.2020", Gamut::Rec2020},
    Alias{"aces2065", Gamut::Ap0},
    Alias{"aces2065-1", Gamut::Ap0},
    Alias{"aces", Gamut::Ap0},
    Alias{"acescg", Gamut::Ap1},
    Alias{"acescct", Gamut::Ap1},
    Alias{"acescc", Gamut::Ap1},
    Alias{"awg", Gamut::AwG3},
    Alias{"alexawidegamut", Gamut::AwG3},
    Alias{"arriwidegamut3", Gamut::AwG3},
    Alias{"arriwidegamut4", Gamut::AwG4},
    Alias{"s-gamut3", Gamut::SGamut3},
    Alias{"s-gamut3.cine", Gamut::SGamut3Cine},
    Alias{"sgamut3.cine", Gamut::SGamut3Cine},
    Alias{"redwidegamutrgb", Gamut::RedWideGamut},
    Alias{"redwidegamut", Gamut::RedWideGamut},
    Alias{"v-gamut", Gamut::VGamut},
    Alias{"cgamut", Gamut::CinemaGamut},
    Alias{"canoncinemagamut", Gamut::CinemaGamut},
    Alias{"cinema-gamut", Gamut::CinemaGamut},
    Alias{"xyz", Gamut::CieXyzD65},
    Alias{"ciexyz", Gamut::CieXyzD65},
    Alias{"cie-xyz-d65", Gamut::CieXyzD65},
    Alias{"ciexyzd65", Gamut::CieXyzD65},
};

// Cone response matrices (XYZ -> LMS-like space).
constexpr Matrix3 kBradford{
    {{0.8951, 0.2664, -0.1614}, {-0.7502, 1.7135, 0.0367}, {0.0389, -0.0685, 1.0296}}};
constexpr Matrix3 kCat02{
    {{0.7328, 0.4296, -0.1624}, {-0.7036, 1.6975, 0.0061}, {0.0030, 0.0136, 0.9834}}};

bool operator==(const Chromaticity& a, const Chromaticity& b) {
    return a.x == b.x && a.y == b.y;
}

bool on_xyz_axes(const Chromaticities& c) {
    return c.red == Chromaticity{1.0, 0.0} && c.green == Chromaticity{0.0, 1.0} &&
           c.blue == Chromaticity{0.0, 0.0};
}

}  // namespace

std::span<const GamutInfo> gamut_table() {
    return kGamuts;
}

const GamutInfo& info(Gamut gamut) {
    const auto index = static_cast<size_t>(gamut);
    return index < kGamuts.size() ? kGamuts[index] : kGamuts[0];
}

std::optional<Gamut> gamut_from_name(std::string_view name) {
    for (const GamutInfo& entry : kGamuts)
        if (same_ignoring_case(entry.name, name)) return entry.id;
    for (const Alias& alias : kAliases)
        if (same_ignoring_case(alias.name, name)) return alias.gamut;
    return std::nullopt;
}

Vec3 white_xyz(Chromaticity white) {
    return {white.x / white.y, 1.0, (1.0 - white.x - white.y) / white.y};
}

Matrix3 rgb_to_xyz(const Chromaticities& c) {
    if (on_xyz_axes(c)) return identity_matrix();
    // Columns: each primary's XYZ up to a scale (x, y, z = 1 - x - y); the scales make RGB white
    // land on the white point with Y = 1.
    const Matrix3 primaries{
        {{c.red.x, c.green.x, c.blue.x},
         {c.red.y, c.green.y, c.blue.y},
         {1.0 - c.red.x - c.red.y, 1.0 - c.green.x - c.green.y, 1.0 - c.blue.x - c.blue.y}}};
    const Vec3 scale = multiply(inverse(primaries), white_xyz(c.white));
    Matrix3 out = primaries;
    for (auto& row : out)
        for (size_t col = 0; col < 3; ++col) row[col] *= scale[col];
    return out;
}

Matrix3 chromatic_adaptation(Chromaticity from_white, Chromaticity to_white,
                             ChromaticAdaptation method) {
    if (method == ChromaticAdaptation::None || from_white == to_white) return identity_matrix();
    const Matrix3& cone = method == ChromaticAdaptation::Cat02 ? kCat02 : kBradford;
    const Vec3 from_cone = multiply(cone, white_xyz(from_white));
    const Vec3 to_cone = multiply(cone, white_xyz(to_white));
    Matrix3 gain{};
    for (size_t i = 0; i < 3; ++i) gain[i][i] = to_cone[i] / from_cone[i];
    return multiply(inverse(cone), multiply(gain, cone));
}

Matrix3 bradford_adaptation(Chromaticity from_white, Chromaticity to_white) {
    return chromatic_adaptation(from_white, to_white, ChromaticAdaptation::Bradford);
}

Matrix3 gamut_conversion(const Chromaticities& from, const Chromaticities& to,
                         ChromaticAdaptation method) {
    const Matrix3 adapt = chromatic_adaptation(from.white, to.white, method);
    return multiply(inverse(rgb_to_xyz(to)), multiply(adapt, rgb_to_xyz(from)));
}

Matrix3 gamut_conversion(const Chromaticities& from, const Chromaticities& to) {
    return gamut_conversion(from, to, ChromaticAdaptation::Bradford);
}

Matrix3 gamut_conversion(Gamut from, Gamut to, ChromaticAdaptation method) {
    if (from == to) return identity_matrix();
    return gamut_conversion(info(from).chromaticities, info(to).chromaticities, method);
}

Matrix3 gamut_conversion(Gamut from, Gamut to) {
    return gamut_conversion(from, to, ChromaticAdaptation::Bradford);
}

}  // namespace media::color
