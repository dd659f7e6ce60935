// SPDX-License-Identifier: Apache-2.0
// Y'CbCr <-> R'G'B' against the standards: the matrices of ITU-R BT.601-7 (Kr .299, Kb .114),
// BT.709-6 (.2126, .0722) and BT.2020-2 (.2627, .0593), the code levels of BT.709/BT.2020
// (narrow: 16..235 luma, 16..240 chroma at 8 bits, times 2^(n-8)), SMPTE RP 219 colour bars, and
// an independent double-precision model of the chroma siting (sample k at luma 2k + phase,
// linear interpolation) for the frame conversions.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "media/color/ycbcr.h"
#include "media/frame/half.h"
#include "scratch_dir.h"

namespace media::color {
namespace {

using Sample = std::function<int(int x, int y)>;

Frame allocate(PixelFormat format, int width, int height, ColorInfo color = {}) {
    auto frame = Frame::allocate(FrameSpec{width, height, format, std::move(color)});
    EXPECT_TRUE(frame.ok());
    return frame.ok() ? *frame : Frame{};
}

int get_sample(const Frame& frame, int plane, int x, int y) {
    if (info(frame.format()).bytes_per_sample == 1) return frame.plane<uint8_t>(plane).at(x, y);
    return frame.plane<uint16_t>(plane).at(x, y);
}

void fill_plane(Frame& frame, int plane, const Sample& value) {
    const PixelFormatInfo& fi = info(frame.format());
    const int w = fi.plane_width(plane, frame.width());
    const int h = fi.plane_height(plane, frame.height());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (fi.bytes_per_sample == 1)
                frame.mutable_plane<uint8_t>(plane).at(x, y) = static_cast<uint8_t>(value(x, y));
            else
                frame.mutable_plane<uint16_t>(plane).at(x, y) = static_cast<uint16_t>(value(x, y));
        }
}

Frame ycbcr_frame(PixelFormat format, int width, int height, const Sample& y, const Sample& cb,
                  const Sample& cr) {
    Frame frame = allocate(format, width, height);
    fill_plane(frame, 0, y);
    fill_plane(frame, 1, cb);
    fill_plane(frame, 2, cr);
    return frame;
}

Frame random_ycbcr(PixelFormat format, int width, int height, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> code(0, (1 << info(format).bit_depth) - 1);
    const Sample random = [&](int, int) { return code(rng); };
    return ycbcr_frame(format, width, height, random, random, random);
}

// An RgbFloat frame from a function of (x, y) giving R'G'B'.
Frame rgb_frame(int width, int height, const std::function<Vec3(int, int)>& rgb) {
    Frame frame = allocate(PixelFormat::RgbFloat, width, height);
    auto view = frame.mutable_plane<float>(0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const Vec3 v = rgb(x, y);
            for (int c = 0; c < 3; ++c) view.at(x, y, c) = static_cast<float>(v[c]);
        }
    return frame;
}

Vec3 scaled(const Vec3& v, double s) {
    return {v[0] * s, v[1] * s, v[2] * s};
}

Vec3 rgb_at(const Frame& rgb, int x, int y) {
    const auto view = rgb.plane<float>(0);
    return {view.at(x, y, 0), view.at(x, y, 1), view.at(x, y, 2)};
}

// E'CbCr phases of the sitings, as the model below uses them (H.273 / AVChromaLocation).
struct Phase {
    double h;
    double v;
};
Phase phase_of(ChromaLocation siting) {
    switch (siting) {
        case ChromaLocation::Center:
            return {0.5, 0.5};
        case ChromaLocation::TopLeft:
            return {0.0, 0.0};
        default:
            return {0.0, 0.5};  // Left: co-sited horizontally, between rows vertically
    }
}

// Reference decode in double: chroma sample k of a subsampled axis at luma 2k + phase, bilinear
// between the two nearest samples with the edge samples repeated.
Vec3 reference_decode(const Frame& frame, const YcbcrDesc& desc, int x, int y) {
    const PixelFormatInfo& fi = info(frame.format());
    const YcbcrLevels levels = ycbcr_levels(fi.bit_depth, desc.full_range);
    const Phase phase = phase_of(desc.siting);
    const int cw = fi.plane_width(1, frame.width());
    const int ch = fi.plane_height(1, frame.height());
    const auto axis = [](int luma, bool sub, double ph, int size, int& i0, int& i1, double& t) {
        const double pos = sub ? (luma - ph) / 2.0 : luma;
        const double base = std::floor(pos);
        t = pos - base;
        i0 = std::clamp(static_cast<int>(base), 0, size - 1);
        i1 = std::clamp(static_cast<int>(base) + 1, 0, size - 1);
    };
    int x0, x1, y0, y1;
    double tx, ty;
    axis(x, fi.log2_chroma_w > 0, phase.h, cw, x0, x1, tx);
    axis(y, fi.log2_chroma_h > 0, phase.v, ch, y0, y1, ty);
    const auto chroma = [&](int plane) {
        const double top =
            (1 - tx) * get_sample(frame, plane, x0, y0) + tx * get_sample(frame, plane, x1, y0);
        const double bottom =
            (1 - tx) * get_sample(frame, plane, x0, y1) + tx * get_sample(frame, plane, x1, y1);
        return ((1 - ty) * top + ty * bottom - levels.c_offset) / levels.c_range;
    };
    const Vec3 ycc{(get_sample(frame, 0, x, y) - levels.y_offset) / levels.y_range, chroma(1),
                   chroma(2)};
    return multiply(ycbcr_to_rgb_matrix(desc.matrix), ycc);
}

double max_difference_to_reference(const Frame& ycbcr, const YcbcrDesc& desc) {
    auto rgb = ycbcr_to_rgb(ycbcr, desc);
    EXPECT_TRUE(rgb.ok()) << rgb.error().to_string();
    if (!rgb.ok()) return 1e9;
    EXPECT_EQ(rgb->format(), PixelFormat::RgbFloat);
    double worst = 0;
    for (int y = 0; y < ycbcr.height(); ++y)
        for (int x = 0; x < ycbcr.width(); ++x) {
            const Vec3 want = reference_decode(ycbcr, desc, x, y);
            const Vec3 got = rgb_at(*rgb, x, y);
            for (size_t c = 0; c < 3; ++c) worst = std::max(worst, std::abs(got[c] - want[c]));
        }
    return worst;
}

// ---------------------------------------------------------------------------------------------

constexpr YcbcrMatrix kMatrices[] = {YcbcrMatrix::Bt601, YcbcrMatrix::Bt709,
                                     YcbcrMatrix::Bt2020Ncl};

TEST(YcbcrMatrices, MatchThePublishedEquations) {
    // Forward rows as the standards print them: E'Cb = (B' - E'Y) / (2 (1 - Kb)) and
    // E'Cr = (R' - E'Y) / (2 (1 - Kr)), i.e. BT.709: /1.8556 and /1.5748; BT.601: /1.772 and
    // /1.402; BT.2020: /1.8814 and /1.4746. Values below are those divisions to 6 places.
    struct Published {
        YcbcrMatrix matrix;
        Matrix3 forward;
        double r_cr, g_cb, g_cr, b_cb;  // R' = Y + r_cr Cr; G' = Y - g_cb Cb - g_cr Cr; ...
    };
    const Published published[] = {
        {YcbcrMatrix::Bt601,
         {{{0.299, 0.587, 0.114}, {-0.168736, -0.331264, 0.5}, {0.5, -0.418688, -0.081312}}},
         1.402,
         0.344136,
         0.714136,
         1.772},
        {YcbcrMatrix::Bt709,
         {{{0.2126, 0.7152, 0.0722}, {-0.114572, -0.385428, 0.5}, {0.5, -0.454153, -0.045847}}},
         1.5748,
         0.187324,
         0.468124,
         1.8556},
        {YcbcrMatrix::Bt2020Ncl,
         {{{0.2627, 0.678, 0.0593}, {-0.139630, -0.360370, 0.5}, {0.5, -0.459786, -0.040214}}},
         1.4746,
         0.164553,
         0.571353,
         1.8814},
    };
    for (const Published& p : published) {
        const Matrix3 forward = rgb_to_ycbcr_matrix(p.matrix);
        const Matrix3 back = ycbcr_to_rgb_matrix(p.matrix);
        for (size_t r = 0; r < 3; ++r)
            for (size_t c = 0; c < 3; ++c)
                EXPECT_NEAR(forward[r][c], p.forward[r][c], 1e-6) << r << "," << c;
        const Matrix3 inverse_published{{{1, 0, p.r_cr}, {1, -p.g_cb, -p.g_cr}, {1, p.b_cb, 0}}};
        for (size_t r = 0; r < 3; ++r)
            for (size_t c = 0; c < 3; ++c)
                EXPECT_NEAR(back[r][c], inverse_published[r][c], 1e-6) << r << "," << c;
        // Each is the other's inverse (to double precision, not just to 6 places).
        const Matrix3 product = multiply(back, forward);
        for (size_t r = 0; r < 3; ++r)
            for (size_t c = 0; c < 3; ++c) EXPECT_NEAR(product[r][c], r == c ? 1.0 : 0.0, 1e-14);
    }
}

TEST(YcbcrLevels, NarrowAndFullCodes) {
    // BT.709 / BT.2020 narrow: black 16, white 235, chroma 16..240 around 128 at 8 bits.
    const YcbcrLevels n8 = ycbcr_levels(8, false);
    EXPECT_EQ(n8.y_offset, 16);
    EXPECT_EQ(n8.y_offset + n8.y_range, 235);
    EXPECT_EQ(n8.c_offset, 128);
    EXPECT_EQ(n8.c_offset + 0.5 * n8.c_range, 240);
    EXPECT_EQ(n8.c_offset - 0.5 * n8.c_range, 16);
    // 10 bit: 64, 940, chroma 64..960 (64, 876, 512, 896).
    const YcbcrLevels n10 = ycbcr_levels(10, false);
    EXPECT_EQ(n10.y_offset, 64);
    EXPECT_EQ(n10.y_range, 876);
    EXPECT_EQ(n10.y_offset + n10.y_range, 940);
    EXPECT_EQ(n10.c_offset, 512);
    EXPECT_EQ(n10.c_range, 896);
    EXPECT_EQ(n10.c_offset + 0.5 * n10.c_range, 960);
    // 12 bit (BT.2020): 256, 3760, chroma 256..3840.
    const YcbcrLevels n12 = ycbcr_levels(12, false);
    EXPECT_EQ(n12.y_offset + n12.y_range, 3760);
    EXPECT_EQ(n12.c_offset + 0.5 * n12.c_range, 3840);
    const YcbcrLevels n16 = ycbcr_levels(16, false);
    EXPECT_EQ(n16.y_offset, 4096);
    EXPECT_EQ(n16.y_offset + n16.y_range, 60160);
    // Full (BT.2100 full range): 0..2^n - 1, chroma around 2^(n-1).
    const YcbcrLevels f10 = ycbcr_levels(10, true);
    EXPECT_EQ(f10.y_offset, 0);
    EXPECT_EQ(f10.y_range, 1023);
    EXPECT_EQ(f10.c_offset, 512);
    EXPECT_EQ(f10.c_range, 1023);
    const YcbcrLevels f8 = ycbcr_levels(8, true);
    EXPECT_EQ(f8.y_range, 255);
    EXPECT_EQ(f8.c_offset, 128);
}

TEST(YcbcrDesc, FromTheFrameTags) {
    ColorInfo color;
    EXPECT_EQ(ycbcr_desc_from(color, 1080).matrix, YcbcrMatrix::Bt709);
    EXPECT_EQ(ycbcr_desc_from(color, 720).matrix, YcbcrMatrix::Bt709);
    EXPECT_EQ(ycbcr_desc_from(color, 576).matrix, YcbcrMatrix::Bt601);
    EXPECT_EQ(ycbcr_desc_from(color, 480).matrix, YcbcrMatrix::Bt601);
    EXPECT_FALSE(ycbcr_desc_from(color, 1080).full_range);
    EXPECT_EQ(ycbcr_desc_from(color, 1080).siting, ChromaLocation::Left);
    color.primaries = ColorPrimaries::BT2020;  // untagged matrix on a BT.2020 master
    EXPECT_EQ(ycbcr_desc_from(color, 2160).matrix, YcbcrMatrix::Bt2020Ncl);
    color = {};
    color.matrix = MatrixCoefficients::BT2020_NCL;
    color.range = ColorRange::Full;
    color.chroma_location = ChromaLocation::TopLeft;
    const YcbcrDesc hdr = ycbcr_desc_from(color, 2160);
    EXPECT_EQ(hdr.matrix, YcbcrMatrix::Bt2020Ncl);
    EXPECT_TRUE(hdr.full_range);
    EXPECT_EQ(hdr.siting, ChromaLocation::TopLeft);
    color.matrix = MatrixCoefficients::BT2020_CL;
    EXPECT_EQ(ycbcr_desc_from(color, 2160).matrix, YcbcrMatrix::Bt2020Ncl);
    color.matrix = MatrixCoefficients::SMPTE170M;  // tags win over the size
    EXPECT_EQ(ycbcr_desc_from(color, 1080).matrix, YcbcrMatrix::Bt601);
    color.matrix = MatrixCoefficients::BT470BG;
    EXPECT_EQ(ycbcr_desc_from(color, 1080).matrix, YcbcrMatrix::Bt601);
    color.matrix = MatrixCoefficients::BT709;
    EXPECT_EQ(ycbcr_desc_from(color, 480).matrix, YcbcrMatrix::Bt709);
}

// SMPTE RP 219 75 % bars in 10-bit narrow BT.709, computed from the standard's equations:
// e.g. yellow R' = G' = 0.75, B' = 0: E'Y = 0.75 (0.2126 + 0.7152) = 0.69585 -> 64 + 876 E'Y =
// 673.56 -> 674; E'Cb = -0.69585 / 1.8556 = -0.375 -> 512 - 336 = 176; E'Cr = (0.75 - 0.69585) /
// 1.5748 = 0.034385 -> 512 + 30.81 -> 543. Also the classic 100 % bars of 8-bit BT.601.
struct Bar {
    const char* name;
    Vec3 rgb;  // at 100 %
    std::array<int, 3> bt709_75_10bit;
    std::array<int, 3> bt601_100_8bit;
};
constexpr Bar kBars[] = {
    {"white", {1, 1, 1}, {721, 512, 512}, {235, 128, 128}},
    {"yellow", {1, 1, 0}, {674, 176, 543}, {210, 16, 146}},
    {"cyan", {0, 1, 1}, {581, 589, 176}, {170, 166, 16}},
    {"green", {0, 1, 0}, {534, 253, 207}, {145, 54, 34}},
    {"magenta", {1, 0, 1}, {251, 771, 817}, {106, 202, 222}},
    {"red", {1, 0, 0}, {204, 435, 848}, {81, 90, 240}},
    {"blue", {0, 0, 1}, {111, 848, 481}, {41, 240, 110}},
};

TEST(YcbcrFrames, ColourBarsGiveTheirCodeValues) {
    // Bars 16 pixels wide, so 4:2:2 chroma inside each bar sees one colour only.
    constexpr int kBarWidth = 16;
    const int width = kBarWidth * static_cast<int>(std::size(kBars));
    for (const PixelFormat format : {PixelFormat::Yuv444p10, PixelFormat::Yuv422p10}) {
        const Frame bars =
            rgb_frame(width, 4, [](int x, int) { return scaled(kBars[x / kBarWidth].rgb, 0.75); });
        auto ycbcr = rgb_to_ycbcr(bars, format, YcbcrDesc{YcbcrMatrix::Bt709, false});
        ASSERT_TRUE(ycbcr.ok()) << ycbcr.error().to_string();
        const int cshift = info(format).log2_chroma_w;
        for (size_t b = 0; b < std::size(kBars); ++b) {
            const int x = static_cast<int>(b) * kBarWidth + kBarWidth / 2;
            const auto& want = kBars[b].bt709_75_10bit;
            EXPECT_EQ(get_sample(*ycbcr, 0, x, 1), want[0]) << kBars[b].name;
            EXPECT_EQ(get_sample(*ycbcr, 1, x >> cshift, 1), want[1]) << kBars[b].name;
            EXPECT_EQ(get_sample(*ycbcr, 2, x >> cshift, 1), want[2]) << kBars[b].name;
        }
    }
    const Frame full_bars =
        rgb_frame(width, 2, [](int x, int) { return kBars[x / kBarWidth].rgb; });
    auto sd = rgb_to_ycbcr(full_bars, PixelFormat::Yuv444p8, YcbcrDesc{YcbcrMatrix::Bt601, false});
    ASSERT_TRUE(sd.ok());
    for (size_t b = 0; b < std::size(kBars); ++b) {
        const int x = static_cast<int>(b) * kBarWidth;
        for (int p = 0; p < 3; ++p)
            EXPECT_EQ(get_sample(*sd, p, x, 0), kBars[b].bt601_100_8bit[static_cast<size_t>(p)])
                << kBars[b].name << " plane " << p;
    }
    // And back: the 10-bit yellow codes decode to 0.75, 0.75, 0 within the 10-bit rounding.
    const Frame yellow = ycbcr_frame(
        PixelFormat::Yuv444p10, 2, 2, [](int, int) { return 674; }, [](int, int) { return 176; },
        [](int, int) { return 543; });
    auto rgb = ycbcr_to_rgb(yellow, YcbcrDesc{YcbcrMatrix::Bt709, false});
    ASSERT_TRUE(rgb.ok());
    const Vec3 got = rgb_at(*rgb, 1, 1);
    EXPECT_NEAR(got[0], 0.75, 1.5e-3);
    EXPECT_NEAR(got[1], 0.75, 1.5e-3);
    EXPECT_NEAR(got[2], 0.0, 1.5e-3);
}

TEST(YcbcrFrames, FullRangeBlackAndWhite) {
    const Frame bw = rgb_frame(4, 2, [](int x, int) {
        return x < 2 ? Vec3{0, 0, 0} : Vec3{1, 1, 1};
    });
    auto full = rgb_to_ycbcr(bw, PixelFormat::Yuv444p10, YcbcrDesc{YcbcrMatrix::Bt2020Ncl, true});
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(get_sample(*full, 0, 0, 0), 0);
    EXPECT_EQ(get_sample(*full, 0, 3, 0), 1023);
    EXPECT_EQ(get_sample(*full, 1, 3, 0), 512);
    EXPECT_EQ(get_sample(*full, 2, 0, 1), 512);
    EXPECT_EQ(full->color().range, ColorRange::Full);
    EXPECT_EQ(full->color().matrix, MatrixCoefficients::BT2020_NCL);
}

// Y'CbCr -> R'G'B' -> Y'CbCr at 4:4:4 is exact for every code value, inside or outside the
// nominal range (narrow-range excursions are kept as R'G'B' below 0 or above 1).
TEST(YcbcrFrames, RoundTripOf444CodesIsExact) {
    for (const PixelFormat format : {PixelFormat::Yuv444p8, PixelFormat::Yuv444p10,
                                     PixelFormat::Yuv444p12, PixelFormat::Yuv444p16})
        for (const YcbcrMatrix matrix : kMatrices)
            for (const bool full : {false, true}) {
                const YcbcrDesc desc{matrix, full};
                const Frame codes = random_ycbcr(format, 67, 33, 7);
                auto rgb = ycbcr_to_rgb(codes, desc);
                ASSERT_TRUE(rgb.ok());
                auto back = rgb_to_ycbcr(*rgb, format, desc);
                ASSERT_TRUE(back.ok());
                int worst = 0;
                for (int p = 0; p < 3; ++p)
                    for (int y = 0; y < codes.height(); ++y)
                        for (int x = 0; x < codes.width(); ++x)
                            worst = std::max(worst, std::abs(get_sample(*back, p, x, y) -
                                                             get_sample(codes, p, x, y)));
                EXPECT_EQ(worst, 0) << info(format).name << " matrix " << static_cast<int>(matrix)
                                    << " full " << full;
            }
}

// Smooth pictures survive upsampling and the matching downsampling filter to within one code
// (luma exactly: the chroma filters never touch it). Up then down gives c + (c[k-1] - 2 c[k] +
// c[k+1]) / 8 inside the picture and c + (c[1] - c[0]) / 8 at the edges (the edge sample is
// repeated), so "smooth" means chroma changing by a few codes per sample: here at most 2.9.
TEST(YcbcrFrames, RoundTripOfSubsampledSmoothContentWithinOneCode) {
    const int width = 96, height = 54;
    for (const PixelFormat format : {PixelFormat::Yuv420p10, PixelFormat::Yuv422p10,
                                     PixelFormat::Yuv420p8, PixelFormat::Yuv422p16})
        for (const ChromaLocation siting :
             {ChromaLocation::Left, ChromaLocation::Center, ChromaLocation::TopLeft}) {
            const int neutral = 1 << (info(format).bit_depth - 1);
            // 120 codes * 0.012 rad per luma row * 2 rows per chroma sample = 2.9 codes.
            const auto smooth = [&](double fx, double fy, double amplitude) {
                return [=](int x, int y) {
                    return static_cast<int>(std::lround(
                        neutral + amplitude * std::sin(x * fx + 0.3) * std::cos(y * fy + 1.0)));
                };
            };
            const Frame codes = ycbcr_frame(format, width, height, smooth(0.3, 0.2, 60),
                                            smooth(0.01, 0.012, 120), smooth(0.012, 0.01, 120));
            const YcbcrDesc desc{YcbcrMatrix::Bt709, false, siting};
            auto rgb = ycbcr_to_rgb(codes, desc);
            ASSERT_TRUE(rgb.ok());
            auto back = rgb_to_ycbcr(*rgb, format, desc);
            ASSERT_TRUE(back.ok());
            std::array<int, 3> worst{};
            for (int p = 0; p < 3; ++p) {
                const PixelFormatInfo& fi = info(format);
                for (int y = 0; y < fi.plane_height(p, height); ++y)
                    for (int x = 0; x < fi.plane_width(p, width); ++x)
                        worst[static_cast<size_t>(p)] = std::max(
                            worst[static_cast<size_t>(p)],
                            std::abs(get_sample(*back, p, x, y) - get_sample(codes, p, x, y)));
            }
            EXPECT_EQ(worst[0], 0) << info(format).name << " siting " << static_cast<int>(siting);
            EXPECT_LE(worst[1], 1) << info(format).name << " siting " << static_cast<int>(siting);
            EXPECT_LE(worst[2], 1) << info(format).name << " siting " << static_cast<int>(siting);
        }
}

// R'G'B' -> Y'CbCr -> R'G'B' at 4:4:4: the only loss is rounding each of Y', Cb, Cr to a code,
// so |error| <= 0.5 / y_range + 0.5 * (largest chroma coefficient of a row) / c_range, e.g.
// 8-bit narrow BT.709: 0.5 / 219 + 0.5 * 1.8556 / 224 = 0.0064; 10 bit: 0.0016; 16 bit: 2.5e-5.
TEST(YcbcrFrames, RgbRoundTripWithinTheQuantisation) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const Frame rgb = rgb_frame(61, 29, [&](int, int) {
        return Vec3{unit(rng), unit(rng), unit(rng)};
    });
    for (const PixelFormat format : {PixelFormat::Yuv444p8, PixelFormat::Yuv444p10,
                                     PixelFormat::Yuv444p12, PixelFormat::Yuv444p16})
        for (const YcbcrMatrix matrix : kMatrices)
            for (const bool full : {false, true}) {
                const YcbcrDesc desc{matrix, full};
                const YcbcrLevels levels = ycbcr_levels(info(format).bit_depth, full);
                const Matrix3 m = ycbcr_to_rgb_matrix(matrix);
                double chroma_gain = 0;
                for (const Vec3& row : m)
                    chroma_gain = std::max(chroma_gain, std::abs(row[1]) + std::abs(row[2]));
                const double bound = 0.5 / levels.y_range + 0.5 * chroma_gain / levels.c_range;
                auto ycbcr = rgb_to_ycbcr(rgb, format, desc);
                ASSERT_TRUE(ycbcr.ok());
                auto back = ycbcr_to_rgb(*ycbcr, desc);
                ASSERT_TRUE(back.ok());
                double worst = 0;
                for (int y = 0; y < rgb.height(); ++y)
                    for (int x = 0; x < rgb.width(); ++x) {
                        const Vec3 a = rgb_at(rgb, x, y), b = rgb_at(*back, x, y);
                        for (size_t c = 0; c < 3; ++c)
                            worst = std::max(worst, std::abs(a[c] - b[c]));
                    }
                EXPECT_LE(worst, bound + 1e-6) << info(format).name;
                // The bound is not slack: random colours come close to it.
                EXPECT_GE(worst, 0.4 * bound) << info(format).name;
            }
}

// A single chroma sample away from neutral, upsampled: which luma columns and rows it reaches,
// and with what weight, tells the siting. Weights per axis (sample at chroma (2, 2)):
//   co-sited (luma 4):        columns 3, 4, 5 get 1/2, 1, 1/2;
//   centred (luma 4.5):       columns 3, 4, 5, 6 get 1/4, 3/4, 3/4, 1/4.
// Left = co-sited across, centred down; Center = centred both ways; TopLeft = co-sited both.
TEST(YcbcrFrames, ChromaImpulseLandsWhereTheSitingSays) {
    const std::vector<double> cosited{0, 0, 0, 0.5, 1, 0.5, 0, 0, 0, 0, 0, 0};
    const std::vector<double> centred{0, 0, 0, 0.25, 0.75, 0.75, 0.25, 0, 0, 0, 0, 0};
    const std::vector<double> row_two{0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};  // 4:2:2: no vertical
    struct Case {
        PixelFormat format;
        ChromaLocation siting;
        const std::vector<double>* columns;
        const std::vector<double>* rows;
    };
    const Case cases[] = {
        {PixelFormat::Yuv420p10, ChromaLocation::Left, &cosited, &centred},
        {PixelFormat::Yuv420p10, ChromaLocation::Center, &centred, &centred},
        {PixelFormat::Yuv420p10, ChromaLocation::TopLeft, &cosited, &cosited},
        {PixelFormat::Yuv420p10, ChromaLocation::Unspecified, &cosited, &centred},
        {PixelFormat::Yuv422p10, ChromaLocation::Left, &cosited, &row_two},
        {PixelFormat::Yuv422p8, ChromaLocation::Center, &centred, &row_two},
    };
    for (const Case& c : cases) {
        const int neutral = 1 << (info(c.format).bit_depth - 1);
        const int lift = neutral / 2;
        const Frame impulse = ycbcr_frame(
            c.format, 12, 12, [&](int, int) { return neutral; },
            [&](int x, int y) { return x == 2 && y == 2 ? neutral + lift : neutral; },
            [&](int, int) { return neutral; });
        const YcbcrDesc desc{YcbcrMatrix::Bt709, false, c.siting};
        auto rgb = ycbcr_to_rgb(impulse, desc);
        ASSERT_TRUE(rgb.ok());
        const YcbcrLevels levels = ycbcr_levels(info(c.format).bit_depth, false);
        const Matrix3 to_ycbcr = rgb_to_ycbcr_matrix(YcbcrMatrix::Bt709);
        double worst = 0;
        for (int y = 0; y < 12; ++y)
            for (int x = 0; x < 12; ++x) {
                const double cb = multiply(to_ycbcr, rgb_at(*rgb, x, y))[1];
                const double weight = cb * levels.c_range / lift;
                const double want =
                    (*c.columns)[static_cast<size_t>(x)] * (*c.rows)[static_cast<size_t>(y)];
                worst = std::max(worst, std::abs(weight - want));
            }
        EXPECT_LT(worst, 1e-5) << info(c.format).name << " siting " << static_cast<int>(c.siting);
    }
}

// The other way: one luma pixel with chroma, downsampled. Filters centred on the chroma sample:
// [1 2 1]/4 over columns 2k-1..2k+1 (co-sited), [1 1]/2 over 2k, 2k+1 (centred); down, [1 1]/2
// over rows 2j, 2j+1 (centred) or [1 2 1]/4 over 2j-1..2j+1 (co-sited).
TEST(YcbcrFrames, DownsamplingFiltersCentreOnTheSiting) {
    // E'Cb = 0.25 at luma (5, 5): 0.25 * 896 = 224 codes above 512 at full weight.
    const Matrix3 to_rgb = ycbcr_to_rgb_matrix(YcbcrMatrix::Bt709);
    const Frame rgb = rgb_frame(12, 12, [&](int x, int y) {
        return multiply(to_rgb, Vec3{0.5, x == 5 && y == 5 ? 0.25 : 0.0, 0.0});
    });
    struct Expect {
        ChromaLocation siting;
        std::vector<std::array<int, 3>> samples;  // k, j, code; every other sample is 512
    };
    const Expect expected[] = {
        // columns: x = 5 is 2k+1 for k = 2 and 2k-1 for k = 3 (1/4 each); rows: j = 2 (1/2).
        {ChromaLocation::Left, {{2, 2, 512 + 28}, {3, 2, 512 + 28}}},
        // columns: k = 2 (1/2); rows: j = 2 (1/2).
        {ChromaLocation::Center, {{2, 2, 512 + 56}}},
        // columns as Left; rows: y = 5 is 2j+1 for j = 2 and 2j-1 for j = 3 (1/4 each).
        {ChromaLocation::TopLeft,
         {{2, 2, 512 + 14}, {3, 2, 512 + 14}, {2, 3, 512 + 14}, {3, 3, 512 + 14}}},
    };
    for (const Expect& e : expected) {
        auto ycbcr = rgb_to_ycbcr(rgb, PixelFormat::Yuv420p10,
                                  YcbcrDesc{YcbcrMatrix::Bt709, false, e.siting});
        ASSERT_TRUE(ycbcr.ok());
        EXPECT_EQ(ycbcr->color().chroma_location, e.siting);
        for (int j = 0; j < 6; ++j)
            for (int k = 0; k < 6; ++k) {
                int want = 512;
                for (const auto& s : e.samples)
                    if (s[0] == k && s[1] == j) want = s[2];
                EXPECT_EQ(get_sample(*ycbcr, 1, k, j), want)
                    << "siting " << static_cast<int>(e.siting) << " at " << k << "," << j;
                EXPECT_EQ(get_sample(*ycbcr, 2, k, j), 512);
            }
        EXPECT_EQ(get_sample(*ycbcr, 0, 5, 5), 64 + 438);  // Y' 0.5 -> 64 + 876 / 2
    }
}

// The frame conversion against the double-precision model, on random codes: odd sizes, every
// subsampling and siting, and a frame large enough to run in parallel bands.
TEST(YcbcrFrames, DecodeMatchesTheReferenceModel) {
    struct Case {
        PixelFormat format;
        int width, height;
    };
    const Case cases[] = {{PixelFormat::Yuv420p8, 7, 5},   {PixelFormat::Yuv420p10, 9, 7},
                          {PixelFormat::Yuv422p12, 11, 3}, {PixelFormat::Yuv444p16, 5, 4},
                          {PixelFormat::Yuva444p10, 6, 3}, {PixelFormat::Yuv420p16, 1, 1},
                          {PixelFormat::Yuv422p8, 1, 3},   {PixelFormat::Yuv420p12, 2, 1}};
    for (const Case& c : cases)
        for (const ChromaLocation siting :
             {ChromaLocation::Left, ChromaLocation::Center, ChromaLocation::TopLeft})
            for (const YcbcrMatrix matrix : kMatrices) {
                const Frame codes = random_ycbcr(c.format, c.width, c.height, 3);
                const YcbcrDesc desc{matrix, siting == ChromaLocation::Center, siting};
                EXPECT_LT(max_difference_to_reference(codes, desc), 2e-6)
                    << info(c.format).name << " " << c.width << "x" << c.height;
            }
    // 1031 x 517 4:2:0 (533k pixels): cut into bands, odd in both directions.
    const Frame large = random_ycbcr(PixelFormat::Yuv420p10, 1031, 517, 5);
    EXPECT_LT(max_difference_to_reference(large, YcbcrDesc{YcbcrMatrix::Bt2020Ncl, false}), 2e-6);
}

// The encoder against a double-precision model of the same filters, on a frame large enough for
// parallel bands: codes agree but for the odd value within 1e-4 of a rounding boundary.
TEST(YcbcrFrames, EncodeMatchesTheReferenceModel) {
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> unit(-0.05, 1.05);
    const int width = 1001, height = 533;
    const Frame rgb = rgb_frame(width, height, [&](int, int) {
        return Vec3{unit(rng), unit(rng), unit(rng)};
    });
    for (const ChromaLocation siting : {ChromaLocation::Left, ChromaLocation::TopLeft}) {
        const YcbcrDesc desc{YcbcrMatrix::Bt709, false, siting};
        auto ycbcr = rgb_to_ycbcr(rgb, PixelFormat::Yuv420p10, desc);
        ASSERT_TRUE(ycbcr.ok());
        const YcbcrLevels levels = ycbcr_levels(10, false);
        const Matrix3 m = rgb_to_ycbcr_matrix(desc.matrix);
        const auto e = [&](int x, int y) {
            x = std::clamp(x, 0, width - 1);
            y = std::clamp(y, 0, height - 1);
            return multiply(m, rgb_at(rgb, x, y));
        };
        const auto code = [](double v) {
            return static_cast<int>(std::lround(std::clamp(v, 0.0, 1023.0)));
        };
        int mismatches = 0, worst = 0, samples = 0;
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const int want = code(levels.y_offset + levels.y_range * e(x, y)[0]);
                const int diff = std::abs(get_sample(*ycbcr, 0, x, y) - want);
                worst = std::max(worst, diff);
                mismatches += diff != 0;
                ++samples;
            }
        const bool cosited_rows = siting == ChromaLocation::TopLeft;
        for (int j = 0; j < (height + 1) / 2; ++j)
            for (int k = 0; k < (width + 1) / 2; ++k) {
                Vec3 sum{};
                const std::vector<std::pair<int, double>> rows =
                    cosited_rows
                        ? std::vector<std::pair<int, double>>{{2 * j - 1, 0.25},
                                                              {2 * j, 0.5},
                                                              {2 * j + 1, 0.25}}
                        : std::vector<std::pair<int, double>>{{2 * j, 0.5}, {2 * j + 1, 0.5}};
                for (const auto& [y, wy] : rows)
                    for (const auto& [x, wx] : std::vector<std::pair<int, double>>{
                             {2 * k - 1, 0.25}, {2 * k, 0.5}, {2 * k + 1, 0.25}}) {
                        const Vec3 v = e(x, y);
                        for (size_t i = 0; i < 3; ++i) sum[i] += wx * wy * v[i];
                    }
                for (int p = 1; p < 3; ++p) {
                    const int want =
                        code(levels.c_offset + levels.c_range * sum[static_cast<size_t>(p)]);
                    const int diff = std::abs(get_sample(*ycbcr, p, k, j) - want);
                    worst = std::max(worst, diff);
                    mismatches += diff != 0;
                    ++samples;
                }
            }
        EXPECT_LE(worst, 1);
        EXPECT_LT(mismatches, samples / 1000) << mismatches << " of " << samples;
    }
}

TEST(YcbcrFrames, EncodeClipsAndSurvivesNonFiniteInput) {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    Frame rgb = allocate(PixelFormat::RgbaFloat, 4, 2);
    const float pixels[4][4] = {
        {2, 2, 2, 1}, {-1, -1, -1, 1}, {nan, nan, nan, 1}, {inf, -inf, inf, 1}};
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 4; ++x)
            for (int c = 0; c < 4; ++c) rgb.mutable_plane<float>(0).at(x, y, c) = pixels[x][c];
    auto ycbcr = rgb_to_ycbcr(rgb, PixelFormat::Yuv444p10, YcbcrDesc{});
    ASSERT_TRUE(ycbcr.ok());
    EXPECT_EQ(get_sample(*ycbcr, 0, 0, 0), 1023);  // 64 + 876 * 2, clipped to the code range
    EXPECT_EQ(get_sample(*ycbcr, 0, 1, 0), 0);     // 64 - 876, clipped
    EXPECT_EQ(get_sample(*ycbcr, 0, 2, 0), 64);    // NaN -> 0 -> black
    EXPECT_EQ(get_sample(*ycbcr, 1, 2, 0), 512);
    for (int p = 0; p < 3; ++p) {
        const int v = get_sample(*ycbcr, p, 3, 1);
        EXPECT_TRUE(v >= 0 && v <= 1023);
    }
}

TEST(YcbcrFrames, EncodesEveryRgbInputAndAlpha) {
    // Mid grey with alpha 0.25 in each RGB layout -> Y' about 502 (64 + 876 * 0.5), Cb = Cr = 512.
    const PixelFormat inputs[] = {PixelFormat::Rgb8,     PixelFormat::Rgba8,    PixelFormat::Rgb16,
                                  PixelFormat::Rgba16,   PixelFormat::Gbrp10,   PixelFormat::Gbrp12,
                                  PixelFormat::RgbaHalf, PixelFormat::RgbaFloat};
    for (const PixelFormat format : inputs) {
        const PixelFormatInfo& fi = info(format);
        Frame rgb = allocate(format, 3, 2);
        const double max = std::ldexp(1.0, fi.bit_depth) - 1;
        const auto grey = [&](double v) { return static_cast<int>(std::lround(v * max)); };
        for (int y = 0; y < 2; ++y)
            for (int x = 0; x < 3; ++x)
                for (int c = 0; c < fi.components; ++c) {
                    const double v = c == 3 ? 0.25 : 0.5;
                    switch (fi.sample_type) {
                        case SampleType::U8:
                            rgb.mutable_plane<uint8_t>(0).at(x, y, c) =
                                static_cast<uint8_t>(grey(v));
                            break;
                        case SampleType::U16:
                            if (fi.is_packed)
                                rgb.mutable_plane<uint16_t>(0).at(x, y, c) =
                                    static_cast<uint16_t>(grey(v));
                            else
                                rgb.mutable_plane<uint16_t>(c).at(x, y) =
                                    static_cast<uint16_t>(grey(v));
                            break;
                        case SampleType::F16:
                            rgb.mutable_plane<uint16_t>(0).at(x, y, c) =
                                float_to_half(static_cast<float>(v));
                            break;
                        case SampleType::F32:
                            rgb.mutable_plane<float>(0).at(x, y, c) = static_cast<float>(v);
                            break;
                    }
                }
        auto ycbcr = rgb_to_ycbcr(rgb, PixelFormat::Yuva444p10, YcbcrDesc{});
        ASSERT_TRUE(ycbcr.ok()) << fi.name;
        // Y' = 64 + 876 * (the grey as stored: 128 / 255 for 8 bits, 0.5 for float).
        const double stored = fi.sample_type == SampleType::U8 || fi.sample_type == SampleType::U16
                                  ? grey(0.5) / max
                                  : 0.5;
        EXPECT_EQ(get_sample(*ycbcr, 0, 2, 1), std::lround(64 + 876 * stored)) << fi.name;
        EXPECT_EQ(get_sample(*ycbcr, 1, 2, 1), 512) << fi.name;
        EXPECT_EQ(get_sample(*ycbcr, 2, 2, 1), 512) << fi.name;
        EXPECT_NEAR(get_sample(*ycbcr, 3, 2, 1), fi.has_alpha ? 256 : 1023, 1) << fi.name;
    }
}

TEST(YcbcrFrames, RejectsWrongFormats) {
    const Frame rgb = allocate(PixelFormat::Rgb8, 4, 4);
    auto decoded = ycbcr_to_rgb(rgb, YcbcrDesc{});
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.error().code(), ErrorCode::UnsupportedFormat);
    const Frame gray = allocate(PixelFormat::Gray10, 4, 4);
    EXPECT_EQ(ycbcr_to_rgb(gray, YcbcrDesc{}).error().code(), ErrorCode::UnsupportedFormat);
    const Frame yuv = allocate(PixelFormat::Yuv420p8, 4, 4);
    EXPECT_EQ(rgb_to_ycbcr(yuv, PixelFormat::Yuv444p8, YcbcrDesc{}).error().code(),
              ErrorCode::UnsupportedFormat);
    const Frame rgbf = allocate(PixelFormat::RgbFloat, 4, 4);
    EXPECT_EQ(rgb_to_ycbcr(rgbf, PixelFormat::Rgb16, YcbcrDesc{}).error().code(),
              ErrorCode::UnsupportedFormat);
    EXPECT_EQ(ycbcr_to_rgb(Frame{}, YcbcrDesc{}).error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(to_rgb_float(Frame{}).error().code(), ErrorCode::InvalidArgument);
}

TEST(YcbcrFrames, AlphaIsDroppedAndPropertiesCarried) {
    ColorInfo color;
    color.matrix = MatrixCoefficients::BT709;
    color.transfer = TransferCharacteristic::BT709;
    Frame yuva = random_ycbcr(PixelFormat::Yuva444p12, 8, 4, 9);
    fill_plane(yuva, 3, [](int x, int) { return x * 100; });
    yuva.set_color(color);
    yuva.set_pts(42, Rational{1, 24});
    yuva.set_metadata("reel", "A001");
    Frame yuv = allocate(PixelFormat::Yuv444p12, 8, 4);
    for (int p = 0; p < 3; ++p)
        fill_plane(yuv, p, [&](int x, int y) { return get_sample(yuva, p, x, y); });
    auto a = ycbcr_to_rgb(yuva, YcbcrDesc{});
    auto b = ycbcr_to_rgb(yuv, YcbcrDesc{});
    ASSERT_TRUE(a.ok() && b.ok());
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 8; ++x) EXPECT_EQ(rgb_at(*a, x, y), rgb_at(*b, x, y));
    EXPECT_EQ(a->color(), color);
    EXPECT_EQ(a->pts(), 42);
    EXPECT_EQ(a->metadata().at("reel"), "A001");
}

TEST(ToRgbFloat, ScalesEveryLayout) {
    // Rgb8: 0..255 -> 0..1.
    Frame rgb8 = allocate(PixelFormat::Rgb8, 2, 1);
    const uint8_t bytes[6] = {0, 51, 255, 128, 1, 2};
    for (int i = 0; i < 6; ++i) rgb8.mutable_plane<uint8_t>(0).row(0)[i] = bytes[i];
    auto a = to_rgb_float(rgb8);
    ASSERT_TRUE(a.ok());
    EXPECT_EQ(a->format(), PixelFormat::RgbFloat);
    EXPECT_NEAR(rgb_at(*a, 0, 0)[1], 0.2, 1e-7);
    EXPECT_NEAR(rgb_at(*a, 0, 0)[2], 1.0, 1e-7);
    EXPECT_NEAR(rgb_at(*a, 1, 0)[0], 128.0 / 255, 1e-7);

    // Rgba16: alpha dropped.
    Frame rgba16 = allocate(PixelFormat::Rgba16, 1, 1);
    const uint16_t words[4] = {65535, 0, 32768, 7};
    for (int i = 0; i < 4; ++i) rgba16.mutable_plane<uint16_t>(0).row(0)[i] = words[i];
    auto b = to_rgb_float(rgba16);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(rgb_at(*b, 0, 0)[0], 1.0);
    EXPECT_EQ(rgb_at(*b, 0, 0)[1], 0.0);
    EXPECT_NEAR(rgb_at(*b, 0, 0)[2], 32768.0 / 65535, 1e-7);

    // Gbrp10: planes G, B, R.
    Frame gbrp = allocate(PixelFormat::Gbrp10, 1, 1);
    gbrp.mutable_plane<uint16_t>(0).at(0, 0) = 1023;  // G
    gbrp.mutable_plane<uint16_t>(1).at(0, 0) = 0;     // B
    gbrp.mutable_plane<uint16_t>(2).at(0, 0) = 341;   // R
    auto c = to_rgb_float(gbrp);
    ASSERT_TRUE(c.ok());
    EXPECT_NEAR(rgb_at(*c, 0, 0)[0], 341.0 / 1023, 1e-7);
    EXPECT_EQ(rgb_at(*c, 0, 0)[1], 1.0);
    EXPECT_EQ(rgb_at(*c, 0, 0)[2], 0.0);

    // Half and float: values as they are, NaN and over-range kept.
    Frame half = allocate(PixelFormat::RgbaHalf, 1, 1);
    const float hv[4] = {2.5f, -0.25f, std::numeric_limits<float>::quiet_NaN(), 1};
    for (int i = 0; i < 4; ++i) half.mutable_plane<uint16_t>(0).row(0)[i] = float_to_half(hv[i]);
    auto d = to_rgb_float(half);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(rgb_at(*d, 0, 0)[0], 2.5);
    EXPECT_EQ(rgb_at(*d, 0, 0)[1], -0.25);
    EXPECT_TRUE(std::isnan(rgb_at(*d, 0, 0)[2]));

    // RgbFloat: the same pixels, shared.
    const Frame same = rgb_frame(3, 3, [](int x, int y) { return Vec3{x * 0.1, y * 0.1, 7}; });
    auto e = to_rgb_float(same);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->plane_data(0), same.plane_data(0));

    // Gray: R' = G' = B'; narrow levels when tagged so.
    Frame gray = allocate(PixelFormat::Gray10, 2, 1);
    gray.mutable_plane<uint16_t>(0).at(0, 0) = 64;
    gray.mutable_plane<uint16_t>(0).at(1, 0) = 940;
    auto full = to_rgb_float(gray);
    ASSERT_TRUE(full.ok());
    EXPECT_NEAR(rgb_at(*full, 1, 0)[2], 940.0 / 1023, 1e-7);
    ColorInfo limited;
    limited.range = ColorRange::Limited;
    gray.set_color(limited);
    auto narrow = to_rgb_float(gray);
    ASSERT_TRUE(narrow.ok());
    EXPECT_EQ(rgb_at(*narrow, 0, 0), (Vec3{0, 0, 0}));
    EXPECT_EQ(rgb_at(*narrow, 1, 0), (Vec3{1, 1, 1}));
    EXPECT_EQ(narrow->color(), limited);
}

TEST(ToRgbFloat, YcbcrFollowsTheTagsOrTheGivenDesc) {
    // Pure Cr: R' - Y' differs between BT.709 (1.5748) and BT.2020 (1.4746). 720 lines:
    // untagged is BT.709 (at 576 lines and below it would be BT.601).
    Frame frame = ycbcr_frame(
        PixelFormat::Yuv444p10, 2, 720, [](int, int) { return 502; }, [](int, int) { return 512; },
        [](int, int) { return 512 + 224; });
    const double cr = 224.0 / 896;
    const double y = 438.0 / 876;
    auto untagged = to_rgb_float(frame);
    ASSERT_TRUE(untagged.ok());
    EXPECT_NEAR(rgb_at(*untagged, 0, 0)[0], y + 1.5748 * cr, 1e-6);
    ColorInfo color;
    color.matrix = MatrixCoefficients::BT2020_NCL;
    frame.set_color(color);
    auto tagged = to_rgb_float(frame);
    ASSERT_TRUE(tagged.ok());
    EXPECT_NEAR(rgb_at(*tagged, 0, 0)[0], y + 1.4746 * cr, 1e-6);
    EXPECT_EQ(tagged->color(), color);
    const YcbcrDesc sd{YcbcrMatrix::Bt601, false};
    auto given = to_rgb_float(frame, &sd);
    ASSERT_TRUE(given.ok());
    EXPECT_NEAR(rgb_at(*given, 0, 0)[0], y + 1.402 * cr, 1e-6);
}

TEST(YcbcrFrames, ConvertsIntoCallersFrames) {
    const Frame codes = random_ycbcr(PixelFormat::Yuv420p10, 10, 6, 21);
    Frame reused = allocate(PixelFormat::RgbFloat, 10, 6);
    reused.set_metadata("stale", "from an older picture");
    Frame source = codes;
    source.set_metadata("reel", "B002");
    source.set_pts(7, Rational{1, 25});
    ASSERT_TRUE(ycbcr_to_rgb(source, YcbcrDesc{}, reused).ok());
    auto fresh = ycbcr_to_rgb(source, YcbcrDesc{});
    ASSERT_TRUE(fresh.ok());
    for (int y = 0; y < 6; ++y)
        for (int x = 0; x < 10; ++x) EXPECT_EQ(rgb_at(reused, x, y), rgb_at(*fresh, x, y));
    EXPECT_EQ(reused.metadata().count("stale"), 0u);
    EXPECT_EQ(reused.metadata().at("reel"), "B002");
    EXPECT_EQ(reused.pts(), 7);

    Frame encoded = allocate(PixelFormat::Yuv420p10, 10, 6);
    ASSERT_TRUE(rgb_to_ycbcr(reused, YcbcrDesc{}, encoded).ok());
    EXPECT_EQ(encoded.color().range, ColorRange::Limited);
    EXPECT_EQ(encoded.color().chroma_location, ChromaLocation::Left);

    Frame wrong_size = allocate(PixelFormat::RgbFloat, 10, 8);
    EXPECT_EQ(ycbcr_to_rgb(codes, YcbcrDesc{}, wrong_size).error().code(),
              ErrorCode::InvalidArgument);
    Frame wrong_format = allocate(PixelFormat::RgbaFloat, 10, 6);
    EXPECT_EQ(ycbcr_to_rgb(codes, YcbcrDesc{}, wrong_format).error().code(),
              ErrorCode::InvalidArgument);
    EXPECT_EQ(rgb_to_ycbcr(reused, YcbcrDesc{}, wrong_format).error().code(),
              ErrorCode::UnsupportedFormat);
    Frame empty;
    EXPECT_FALSE(ycbcr_to_rgb(codes, YcbcrDesc{}, empty).ok());
}

// FFmpeg's swscale as an outside reference for the 4:4:4 decode (no chroma filtering
// involved): `ffmpeg -vf scale=in_color_matrix=...:in_range=...,format=gbrpf32le` with exact
// rounding. swscale clips R'G'B' to 0..1 and works with about 12-bit coefficients, so the
// comparison is to the clipped result within 0.005 (measured: 0.0039 for each case).
TEST(YcbcrFrames, AgreesWithSwscaleOn444) {
    if (std::system("command -v ffmpeg >/dev/null 2>&1") != 0) GTEST_SKIP() << "no ffmpeg CLI";
    media::test::ScratchDir dir;
    struct Case {
        PixelFormat format;
        YcbcrMatrix matrix;
        bool full;
        const char* ffmpeg_matrix;
    };
    const Case cases[] = {{PixelFormat::Yuv444p10, YcbcrMatrix::Bt709, false, "bt709"},
                          {PixelFormat::Yuv444p8, YcbcrMatrix::Bt709, false, "bt709"},
                          {PixelFormat::Yuv444p8, YcbcrMatrix::Bt601, true, "bt601"},
                          {PixelFormat::Yuv444p10, YcbcrMatrix::Bt2020Ncl, false, "bt2020"}};
    const int width = 64, height = 16;
    for (const Case& c : cases) {
        const PixelFormatInfo& fi = info(c.format);
        const Frame codes = random_ycbcr(c.format, width, height, 13);
        {
            std::ofstream raw(dir.file("in.yuv"), std::ios::binary);
            for (int p = 0; p < 3; ++p)
                for (int y = 0; y < height; ++y)
                    for (int x = 0; x < width; ++x) {
                        const int v = get_sample(codes, p, x, y);
                        raw.put(static_cast<char>(v & 0xff));
                        if (fi.bytes_per_sample == 2) raw.put(static_cast<char>(v >> 8));
                    }
        }
        const std::string command =
            "ffmpeg -hide_banner -nostdin -loglevel error -y -f rawvideo -pix_fmt " +
            std::string(fi.name) + " -s " + std::to_string(width) + "x" + std::to_string(height) +
            " -i '" + dir.file("in.yuv") + "' -vf scale=in_color_matrix=" + c.ffmpeg_matrix +
            ":in_range=" + (c.full ? "pc" : "tv") +
            ":flags=accurate_rnd+full_chroma_int+bitexact,format=gbrpf32le -f rawvideo '" +
            dir.file("out.raw") + "' >/dev/null 2>&1";
        ASSERT_EQ(std::system(command.c_str()), 0) << command;
        std::ifstream in(dir.file("out.raw"), std::ios::binary);
        std::vector<float> planes(static_cast<size_t>(3 * width * height));
        in.read(reinterpret_cast<char*>(planes.data()),
                static_cast<std::streamsize>(planes.size() * sizeof(float)));
        ASSERT_TRUE(in.good());
        auto rgb = ycbcr_to_rgb(codes, YcbcrDesc{c.matrix, c.full});
        ASSERT_TRUE(rgb.ok());
        double worst = 0;
        const size_t n = static_cast<size_t>(width * height);
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x) {
                const size_t i = static_cast<size_t>(y * width + x);
                const Vec3 theirs{planes[2 * n + i], planes[i], planes[n + i]};  // G, B, R planes
                const Vec3 ours = rgb_at(*rgb, x, y);
                for (size_t k = 0; k < 3; ++k)
                    worst = std::max(worst, std::abs(std::clamp(ours[k], 0.0, 1.0) - theirs[k]));
            }
        EXPECT_LT(worst, 0.005) << fi.name << " " << c.ffmpeg_matrix;
        std::cout << fi.name << " " << c.ffmpeg_matrix << (c.full ? " full" : " narrow")
                  << ": max |ours - swscale| = " << worst << "\n";
    }
}

// UHD 10-bit 4:2:2 -> RgbFloat is the decode the grade previews and the pipeline run per frame:
// into a fresh frame (whose 100 MB the kernel must first fault in and zero) and into a reused
// one (a FramePool's steady state).
// Both entry points on a UHD frame (several row bands on the worker pool) give the same picture.
// Speed is a benchmark's business, not a test's.
TEST(YcbcrFrames, UhdDecodeIntoNewAndReusedFrames) {
    const int width = 3840, height = 2160;
    Frame uhd = allocate(PixelFormat::Yuv422p10, width, height);
    for (int p = 0; p < 3; ++p) {
        auto plane = uhd.mutable_plane<uint16_t>(p);
        for (int y = 0; y < plane.height(); ++y)
            for (int x = 0; x < plane.width(); ++x)
                plane.row(y)[x] = static_cast<uint16_t>(64 + (x * 7 + y * 3 + p * 100) % 876);
    }
    auto fresh = ycbcr_to_rgb(uhd, YcbcrDesc{});
    ASSERT_TRUE(fresh.ok());
    Frame out = allocate(PixelFormat::RgbFloat, width, height);
    ASSERT_TRUE(ycbcr_to_rgb(uhd, YcbcrDesc{}, out).ok());
    for (int y = 0; y < height; y += 97)
        for (int x = 0; x < width * 3; x += 31)
            ASSERT_EQ(fresh->plane<float>(0).row(y)[x], out.plane<float>(0).row(y)[x]);
}

}  // namespace
}  // namespace media::color
