// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "media/color/matrix.h"

namespace media::color {

struct Chromaticity {
    double x = 0.0;
    double y = 0.0;
};

/// An RGB colour space's primaries and white point (CIE 1931 xy).
struct Chromaticities {
    Chromaticity red, green, blue, white;
};

enum class Gamut : uint8_t {
    Rec709,
    P3D65,
    Rec2020,
    Ap0,
    Ap1,
    AwG3,
    AwG4,
    SGamut3,
    SGamut3Cine,
    RedWideGamut,
    VGamut,
    CinemaGamut,
    CieXyzD65,
    Count
};

struct GamutInfo {
    Gamut id;
    std::string_view name;   ///< "rec709", "p3d65", "ap0", "awg3", "sgamut3cine", "rwg"...
    std::string_view title;  ///< "ARRI Wide Gamut 3"
    Chromaticities chromaticities;
};

std::span<const GamutInfo> gamut_table();
const GamutInfo& info(Gamut gamut);
/// By name, case-insensitive, with aliases ("bt709", "rec.2020", "aces2065", "acescg", "awg",
/// "redwidegamutrgb"...); nullopt when unknown.
std::optional<Gamut> gamut_from_name(std::string_view name);

/// The white point's XYZ with Y = 1.
Vec3 white_xyz(Chromaticity white);
/// Normalised primary matrix (SMPTE RP 177): linear RGB -> XYZ, RGB (1,1,1) -> the white with Y
/// = 1. Primaries on the XYZ axes (red (1, 0), green (0, 1), blue (0, 0), as CieXyzD65 has) give
/// the identity whatever the white: the values already are XYZ; the white says which white they are
/// relative to (D65 for CieXyzD65, as OCIO's "CIE-XYZ-D65"), for the adaptation.
Matrix3 rgb_to_xyz(const Chromaticities& chromaticities);
/// Bradford chromatic adaptation of XYZ from one white to another (identity when equal).
Matrix3 bradford_adaptation(Chromaticity from_white, Chromaticity to_white);
/// Linear RGB in `from` -> linear RGB in `to`: RGB->XYZ, Bradford when the whites differ
/// (AP0/AP1's ACES white, S-Gamut's D65...), XYZ->RGB.
Matrix3 gamut_conversion(const Chromaticities& from, const Chromaticities& to);
Matrix3 gamut_conversion(Gamut from, Gamut to);

/// Von Kries chromatic adaptation transforms. Bradford is Slate's default; CAT02 is what several
/// camera makers' IDTs (ARRI, Sony, Canon) and OCIO's built-ins for them use.
enum class ChromaticAdaptation : uint8_t { None, Bradford, Cat02 };
/// XYZ from one white to another with `method` (identity when the whites are equal or for None).
Matrix3 chromatic_adaptation(Chromaticity from_white, Chromaticity to_white,
                             ChromaticAdaptation method);
/// gamut_conversion with a chosen adaptation (None: no adaptation, XYZ passes through).
Matrix3 gamut_conversion(const Chromaticities& from, const Chromaticities& to,
                         ChromaticAdaptation method);
Matrix3 gamut_conversion(Gamut from, Gamut to, ChromaticAdaptation method);

}  // namespace media::color
