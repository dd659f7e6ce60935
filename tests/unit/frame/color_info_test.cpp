// SPDX-License-Identifier: Apache-2.0
// Colour names against libavutil, with the substitutions ffprobe makes when printing them
// (print_color_range, print_primaries, ... in fftools/ffprobe.c).
#include "media/frame/color_info.h"

#include <string>

#include <gtest/gtest.h>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace media {
namespace {

std::string ffprobe_name(const char* av_name, bool unspecified, const char* fallback) {
    return av_name == nullptr || unspecified ? fallback : av_name;
}

TEST(ColorInfo, PrimariesNamesMatchFfprobeForEveryCode) {
    for (int code = 0; code < 256; ++code)
        EXPECT_EQ(to_string(static_cast<ColorPrimaries>(code)),
                  ffprobe_name(av_color_primaries_name(static_cast<AVColorPrimaries>(code)),
                               code == AVCOL_PRI_UNSPECIFIED, "unknown"))
            << code;
}

TEST(ColorInfo, TransferNamesMatchFfprobeForEveryCode) {
    for (int code = 0; code < 256; ++code)
        EXPECT_EQ(
            to_string(static_cast<TransferCharacteristic>(code)),
            ffprobe_name(av_color_transfer_name(static_cast<AVColorTransferCharacteristic>(code)),
                         code == AVCOL_TRC_UNSPECIFIED, "unknown"))
            << code;
}

TEST(ColorInfo, MatrixNamesMatchFfprobeForEveryCode) {
    for (int code = 0; code < 256; ++code)
        EXPECT_EQ(to_string(static_cast<MatrixCoefficients>(code)),
                  ffprobe_name(av_color_space_name(static_cast<AVColorSpace>(code)),
                               code == AVCOL_SPC_UNSPECIFIED, "unknown"))
            << code;
}

TEST(ColorInfo, RangeNamesMatchFfprobeForEveryCode) {
    for (int code = 0; code < 256; ++code)
        EXPECT_EQ(to_string(static_cast<ColorRange>(code)),
                  ffprobe_name(av_color_range_name(static_cast<AVColorRange>(code)),
                               code == AVCOL_RANGE_UNSPECIFIED, "unknown"))
            << code;
}

TEST(ColorInfo, ChromaLocationNamesMatchFfprobeForEveryCode) {
    for (int code = 0; code < 256; ++code)
        EXPECT_EQ(to_string(static_cast<ChromaLocation>(code)),
                  ffprobe_name(av_chroma_location_name(static_cast<AVChromaLocation>(code)),
                               code == AVCHROMA_LOC_UNSPECIFIED, "unspecified"))
            << code;
}

// Our enumerators carry libavutil's numbers, so io/ can convert by value.
TEST(ColorInfo, EnumeratorsUseTheCodePointsOfLibavutil) {
    EXPECT_EQ(int(ColorPrimaries::BT2020), AVCOL_PRI_BT2020);
    EXPECT_EQ(int(ColorPrimaries::SMPTE432), AVCOL_PRI_SMPTE432);
    EXPECT_EQ(int(ColorPrimaries::EBU3213), AVCOL_PRI_EBU3213);
    EXPECT_EQ(int(TransferCharacteristic::SMPTE2084), AVCOL_TRC_SMPTE2084);
    EXPECT_EQ(int(TransferCharacteristic::ARIB_STD_B67), AVCOL_TRC_ARIB_STD_B67);
    EXPECT_EQ(int(TransferCharacteristic::IEC61966_2_1), AVCOL_TRC_IEC61966_2_1);
    EXPECT_EQ(int(MatrixCoefficients::BT2020_NCL), AVCOL_SPC_BT2020_NCL);
    EXPECT_EQ(int(MatrixCoefficients::ICtCp), AVCOL_SPC_ICTCP);
    EXPECT_EQ(int(ColorRange::Limited), AVCOL_RANGE_MPEG);
    EXPECT_EQ(int(ColorRange::Full), AVCOL_RANGE_JPEG);
    EXPECT_EQ(int(ChromaLocation::TopLeft), AVCHROMA_LOC_TOPLEFT);
    EXPECT_EQ(int(ChromaLocation::Bottom), AVCHROMA_LOC_BOTTOM);
}

TEST(ColorInfo, CommonNames) {
    EXPECT_EQ(to_string(ColorPrimaries::BT709), "bt709");
    EXPECT_EQ(to_string(ColorPrimaries::Unspecified), "unknown");
    EXPECT_EQ(to_string(TransferCharacteristic::SMPTE2084), "smpte2084");
    EXPECT_EQ(to_string(TransferCharacteristic::ARIB_STD_B67), "arib-std-b67");
    EXPECT_EQ(to_string(MatrixCoefficients::BT2020_NCL), "bt2020nc");
    EXPECT_EQ(to_string(MatrixCoefficients::RGB), "gbr");
    EXPECT_EQ(to_string(ColorRange::Limited), "tv");
    EXPECT_EQ(to_string(ColorRange::Full), "pc");
    EXPECT_EQ(to_string(ColorRange::Unspecified), "unknown");
    EXPECT_EQ(to_string(ChromaLocation::Left), "left");
    EXPECT_EQ(to_string(ChromaLocation::Unspecified), "unspecified");
}

template <typename E, typename Parse>
void expect_names_round_trip(Parse parse) {
    for (int code = 0; code < 256; ++code) {
        const std::string_view name = to_string(static_cast<E>(code));
        const auto back = parse(name);
        ASSERT_TRUE(back.has_value()) << name;
        EXPECT_EQ(to_string(*back), name);  // "reserved" and "unknown" name several codes
    }
    EXPECT_FALSE(parse("").has_value());
    EXPECT_FALSE(parse("BT709").has_value());
    EXPECT_FALSE(parse("bt709 ").has_value());
}

TEST(ColorInfo, NamesParseBack) {
    expect_names_round_trip<ColorPrimaries>(color_primaries_from_name);
    expect_names_round_trip<TransferCharacteristic>(transfer_characteristic_from_name);
    expect_names_round_trip<MatrixCoefficients>(matrix_coefficients_from_name);
    expect_names_round_trip<ColorRange>(color_range_from_name);
    expect_names_round_trip<ChromaLocation>(chroma_location_from_name);
    EXPECT_EQ(color_primaries_from_name("bt2020"), ColorPrimaries::BT2020);
    EXPECT_EQ(color_primaries_from_name("unknown"), ColorPrimaries::Unspecified);
    EXPECT_EQ(matrix_coefficients_from_name("gbr"), MatrixCoefficients::RGB);
    EXPECT_EQ(color_range_from_name("tv"), ColorRange::Limited);
    EXPECT_EQ(chroma_location_from_name("unspecified"), ChromaLocation::Unspecified);
    EXPECT_FALSE(chroma_location_from_name("unknown").has_value());
}

TEST(ColorInfo, HdrMeansAnHdrTransfer) {
    ColorInfo c;
    EXPECT_FALSE(c.is_hdr());
    c.transfer = TransferCharacteristic::SMPTE2084;
    EXPECT_TRUE(c.is_hdr());
    c.transfer = TransferCharacteristic::ARIB_STD_B67;
    EXPECT_TRUE(c.is_hdr());
    c.transfer = TransferCharacteristic::BT2020_10;
    c.primaries = ColorPrimaries::BT2020;
    EXPECT_FALSE(c.is_hdr());  // wide gamut alone is SDR
}

}  // namespace
}  // namespace media
