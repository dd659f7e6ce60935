// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace media {

/// ITU-T H.273 colour primaries code points (the values FFmpeg and the bitstreams use).
enum class ColorPrimaries : uint8_t {
    Reserved0 = 0,
    BT709 = 1,
    Unspecified = 2,
    BT470M = 4,
    BT470BG = 5,
    SMPTE170M = 6,
    SMPTE240M = 7,
    Film = 8,
    BT2020 = 9,
    SMPTE428 = 10,
    SMPTE431 = 11,
    SMPTE432 = 12,
    EBU3213 = 22,
};

/// ITU-T H.273 transfer characteristics code points.
enum class TransferCharacteristic : uint8_t {
    Reserved0 = 0,
    BT709 = 1,
    Unspecified = 2,
    Gamma22 = 4,
    Gamma28 = 5,
    SMPTE170M = 6,
    SMPTE240M = 7,
    Linear = 8,
    Log100 = 9,
    Log316 = 10,
    IEC61966_2_4 = 11,
    BT1361 = 12,
    IEC61966_2_1 = 13,
    BT2020_10 = 14,
    BT2020_12 = 15,
    SMPTE2084 = 16,
    SMPTE428 = 17,
    ARIB_STD_B67 = 18,
};

/// ITU-T H.273 matrix coefficients code points.
enum class MatrixCoefficients : uint8_t {
    RGB = 0,
    BT709 = 1,
    Unspecified = 2,
    FCC = 4,
    BT470BG = 5,
    SMPTE170M = 6,
    SMPTE240M = 7,
    YCgCo = 8,
    BT2020_NCL = 9,
    BT2020_CL = 10,
    SMPTE2085 = 11,
    ChromaDerivedNCL = 12,
    ChromaDerivedCL = 13,
    ICtCp = 14,
};

enum class ColorRange : uint8_t { Unspecified = 0, Limited = 1, Full = 2 };

/// Chroma sample siting, as AVChromaLocation numbers it.
enum class ChromaLocation : uint8_t {
    Unspecified = 0,
    Left = 1,
    Center = 2,
    TopLeft = 3,
    Top = 4,
    BottomLeft = 5,
    Bottom = 6,
};

/// SMPTE ST 2086 mastering display colour volume. Chromaticities in CIE 1931 xy, luminance cd/m².
struct MasteringDisplay {
    double red_x = 0, red_y = 0, green_x = 0, green_y = 0, blue_x = 0, blue_y = 0;
    double white_x = 0, white_y = 0;
    double min_luminance = 0, max_luminance = 0;
    friend bool operator==(const MasteringDisplay&, const MasteringDisplay&) = default;
};

/// CTA-861.3 content light level: MaxCLL and MaxFALL in cd/m².
struct ContentLightLevel {
    unsigned max_cll = 0;
    unsigned max_fall = 0;
    friend bool operator==(const ContentLightLevel&, const ContentLightLevel&) = default;
};

/// Full colour signalling of a picture, carried on every frame and stream description.
struct ColorInfo {
    ColorPrimaries primaries = ColorPrimaries::Unspecified;
    TransferCharacteristic transfer = TransferCharacteristic::Unspecified;
    MatrixCoefficients matrix = MatrixCoefficients::Unspecified;
    ColorRange range = ColorRange::Unspecified;
    ChromaLocation chroma_location = ChromaLocation::Unspecified;
    std::string scene_space;  ///< optional scene-referred name, e.g. an OCIO colour space
    std::optional<MasteringDisplay> mastering_display;
    std::optional<ContentLightLevel> content_light;

    /// True for an HDR transfer: SMPTE ST 2084 (PQ) or ARIB STD-B67 (HLG).
    bool is_hdr() const;
    friend bool operator==(const ColorInfo&, const ColorInfo&) = default;
};

/// Names exactly as ffprobe prints them: libavutil's av_color_*_name / av_chroma_location_name,
/// with "unknown" for unspecified or unnamed code points ("bt709", "smpte2084", "tv", "gbr"),
/// except chroma location, where ffprobe prints "unspecified". Any code point is accepted, also
/// ones without an enumerator (primaries 3 prints "reserved", as ffprobe does).
std::string_view to_string(ColorPrimaries v);
std::string_view to_string(TransferCharacteristic v);
std::string_view to_string(MatrixCoefficients v);
std::string_view to_string(ColorRange v);
std::string_view to_string(ChromaLocation v);

/// Inverse of to_string (e.g. for specs and presets naming "bt2020nc"); nullopt for text that
/// to_string never prints. "unknown" ("unspecified" for chroma) gives Unspecified, and
/// "reserved" the lowest reserved code point.
std::optional<ColorPrimaries> color_primaries_from_name(std::string_view name);
std::optional<TransferCharacteristic> transfer_characteristic_from_name(std::string_view name);
std::optional<MatrixCoefficients> matrix_coefficients_from_name(std::string_view name);
std::optional<ColorRange> color_range_from_name(std::string_view name);
std::optional<ChromaLocation> chroma_location_from_name(std::string_view name);

/// Luma coefficients of a Y'CbCr matrix: Y' = kr R' + (1 - kr - kb) G' + kb B'.
struct LumaCoefficients {
    double kr = 0.2126;
    double kb = 0.0722;
    double kg() const { return 1.0 - kr - kb; }
};

/// The matrix a Y'CbCr picture of `height` lines was made with: its tag, or for an untagged
/// picture the convention players and ffmpeg follow: BT.601 below 720 lines, BT.709 from 720 up.
MatrixCoefficients assumed_matrix(MatrixCoefficients tagged, int height);

/// Coefficients of a matrix (BT.601 for BT470BG/SMPTE170M, BT.2020 for both 2020 variants,
/// SMPTE 240M, FCC); BT.709's for BT.709 and every other code point (RGB, YCgCo...).
LumaCoefficients luma_coefficients(MatrixCoefficients matrix);

}  // namespace media
