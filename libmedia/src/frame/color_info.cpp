// SPDX-License-Identifier: Apache-2.0
// Colour code point names. Kept free of libav so frame/ stays dependency-free; the tables copy
// libavutil's (FFmpeg 5.1) and tests/unit/frame/color_info_test.cpp checks all 256 code points of
// each against av_color_*_name, so they cannot drift.
#include "media/frame/color_info.h"

#include <array>
#include <cstddef>

namespace media {
namespace {

using Names = std::string_view;

// Indexed by H.273 code point; an empty entry has no name in libavutil.
constexpr std::array<Names, 23> k_primaries{
    "reserved", "bt709",  "unknown",  "reserved", "bt470m",   "bt470bg", "smpte170m", "smpte240m",
    "film",     "bt2020", "smpte428", "smpte431", "smpte432", "",        "",          "",
    "",         "",       "",         "",         "",         "",        "ebu3213",
};

constexpr std::array<Names, 19> k_transfer{
    "reserved",  "bt709",     "unknown",   "reserved", "bt470m",       "bt470bg", "smpte170m",
    "smpte240m", "linear",    "log100",    "log316",   "iec61966-2-4", "bt1361e", "iec61966-2-1",
    "bt2020-10", "bt2020-12", "smpte2084", "smpte428", "arib-std-b67",
};

constexpr std::array<Names, 15> k_matrix{"gbr",
                                         "bt709",
                                         "unknown",
                                         "reserved",
                                         "fcc",
                                         "bt470bg",
                                         "smpte170m",
                                         "smpte240m",
                                         "ycgco",
                                         "bt2020nc",
                                         "bt2020c",
                                         "smpte2085",
                                         "chroma-derived-nc",
                                         "chroma-derived-c",
                                         "ictcp"};

constexpr std::array<Names, 3> k_range{"unknown", "tv", "pc"};

constexpr std::array<Names, 7> k_chroma{
    "unspecified", "left", "center", "topleft", "top", "bottomleft", "bottom",
};

// ffprobe prints a fixed word where libavutil has no name (print_color_range & co. in ffprobe.c).
template <typename E, std::size_t N>
std::string_view name_of(const std::array<Names, N>& table, E value, std::string_view fallback) {
    const auto code = static_cast<std::size_t>(value);
    return code < N && !table[code].empty() ? table[code] : fallback;
}

template <typename E, std::size_t N>
std::optional<E> code_of(const std::array<Names, N>& table, std::string_view name) {
    if (name.empty()) return std::nullopt;
    for (std::size_t code = 0; code < N; ++code)
        if (table[code] == name) return static_cast<E>(code);
    return std::nullopt;
}

}  // namespace

bool ColorInfo::is_hdr() const {
    return transfer == TransferCharacteristic::SMPTE2084 ||
           transfer == TransferCharacteristic::ARIB_STD_B67;
}

std::string_view to_string(ColorPrimaries v) {
    return name_of(k_primaries, v, "unknown");
}
std::string_view to_string(TransferCharacteristic v) {
    return name_of(k_transfer, v, "unknown");
}
std::string_view to_string(MatrixCoefficients v) {
    return name_of(k_matrix, v, "unknown");
}
std::string_view to_string(ColorRange v) {
    return name_of(k_range, v, "unknown");
}
std::string_view to_string(ChromaLocation v) {
    return name_of(k_chroma, v, "unspecified");
}

std::optional<ColorPrimaries> color_primaries_from_name(std::string_view name) {
    return code_of<ColorPrimaries>(k_primaries, name);
}
std::optional<TransferCharacteristic> transfer_characteristic_from_name(std::string_view name) {
    return code_of<TransferCharacteristic>(k_transfer, name);
}
std::optional<MatrixCoefficients> matrix_coefficients_from_name(std::string_view name) {
    return code_of<MatrixCoefficients>(k_matrix, name);
}
std::optional<ColorRange> color_range_from_name(std::string_view name) {
    return code_of<ColorRange>(k_range, name);
}
std::optional<ChromaLocation> chroma_location_from_name(std::string_view name) {
    return code_of<ChromaLocation>(k_chroma, name);
}

MatrixCoefficients assumed_matrix(MatrixCoefficients tagged, int height) {
    if (tagged != MatrixCoefficients::Unspecified) return tagged;
    return height < 720 ? MatrixCoefficients::SMPTE170M : MatrixCoefficients::BT709;
}

LumaCoefficients luma_coefficients(MatrixCoefficients matrix) {
    switch (matrix) {
        case MatrixCoefficients::BT470BG:
        case MatrixCoefficients::SMPTE170M:
            return {0.299, 0.114};
        case MatrixCoefficients::BT2020_NCL:
        case MatrixCoefficients::BT2020_CL:
            return {0.2627, 0.0593};
        case MatrixCoefficients::SMPTE240M:
            return {0.212, 0.087};
        case MatrixCoefficients::FCC:
            return {0.30, 0.11};
        default:
            return {0.2126, 0.0722};
    }
}

}  // namespace media
