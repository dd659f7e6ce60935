// SPDX-License-Identifier: Apache-2.0
#include "media/color/color_processor.h"

#include <cstring>
#include <random>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "color_test_util.h"
#include "scratch_dir.h"

namespace media::color {
namespace {

using test::asc_cdl;
using test::cdl_step;
using test::lut_step;
using test::make_frame;
using test::Rgb;
using test::write_text;

// Float paths: OCIO's CPU ops compute in float32 (~1e-7 relative); 1e-4 leaves room for the
// pow() of the CDL and for LUT entries written with 8 decimals.
constexpr double kFloatTolerance = 1e-4;

// A pixel grid covering below 0, 0..1 and above 1 on every channel (exercises the clamps).
std::vector<Rgb> sample_pixels() {
    std::vector<Rgb> pixels;
    const double levels[] = {-0.25, 0.0, 0.05, 0.18, 0.5, 0.73, 0.95, 1.0, 1.4};
    for (double r : levels)
        for (double g : levels)
            for (double b : levels) pixels.push_back({r, g, b});
    return pixels;
}

Frame float_frame(const std::vector<Rgb>& pixels, PixelFormat format = PixelFormat::RgbFloat) {
    Frame frame = make_frame(format, static_cast<int>(pixels.size()), 1);
    auto view = frame.mutable_plane<float>(0);
    for (size_t x = 0; x < pixels.size(); ++x) {
        for (int c = 0; c < 3; ++c)
            view.at(static_cast<int>(x), 0, c) =
                static_cast<float>(pixels[x][static_cast<size_t>(c)]);
        if (view.components() == 4) view.at(static_cast<int>(x), 0, 3) = 0.25f;
    }
    return frame;
}

Rgb pixel_of(const Frame& frame, int x, int y = 0) {
    auto view = frame.plane<float>(0);
    return {view.at(x, y, 0), view.at(x, y, 1), view.at(x, y, 2)};
}

ColorProcessor make_processor(std::vector<ColorStep> steps) {
    auto processor = ColorProcessor::create(ColorPipelineDesc{std::move(steps)});
    EXPECT_TRUE(processor.ok()) << processor.error().to_string();
    return std::move(processor).value();
}

void expect_near_rgb(const Rgb& actual, const Rgb& expected, double tolerance,
                     const std::string& where) {
    for (size_t c = 0; c < 3; ++c)
        EXPECT_NEAR(actual[c], expected[c], tolerance) << where << " channel " << c;
}

const CdlValues kGrades[] = {
    {{1.1, 1.0, 0.9}, {0.01, -0.02, 0.0}, {1.2, 1.0, 0.8}, 0.85, ""},
    {{0.7, 1.3, 1.0}, {0.05, 0.0, -0.1}, {1.0, 2.2, 0.45}, 1.0, ""},
    {{1.0, 1.0, 1.0}, {0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}, 1.6, ""},   // saturation alone
    {{2.0, 0.5, 1.0}, {-0.2, 0.3, 0.1}, {0.9, 1.1, 1.5}, 0.0, ""},  // to grey
};

TEST(ColorProcessorCdl, FloatMatchesTheAscFormula) {
    const std::vector<Rgb> pixels = sample_pixels();
    for (const CdlValues& grade : kGrades) {
        Frame frame = float_frame(pixels);
        ColorProcessor processor = make_processor({cdl_step(grade)});
        EXPECT_FALSE(processor.is_noop());
        ASSERT_TRUE(processor.apply(frame).ok());
        for (size_t x = 0; x < pixels.size(); ++x) {
            const Rgb& in = pixels[x];
            expect_near_rgb(
                pixel_of(frame, static_cast<int>(x)), asc_cdl(grade, in), kFloatTolerance,
                fmt::format("in {},{},{} sat {}", in[0], in[1], in[2], grade.saturation));
        }
    }
}

TEST(ColorProcessorCdl, ClampsAsTheAscSpecifies) {
    CdlValues lift;
    lift.offset = {0.1, 0.1, 0.1};
    Frame frame = float_frame({{0.95, -0.5, 2.0}});
    ASSERT_TRUE(make_processor({cdl_step(lift)}).apply(frame).ok());
    expect_near_rgb(pixel_of(frame, 0), {1.0, 0.0, 1.0}, 1e-6, "clamped");
}

TEST(ColorProcessorCdl, SixteenBitWithinOneCodeValue) {
    const CdlValues& grade = kGrades[0];
    Frame frame = make_frame(PixelFormat::Rgb16, 256, 4);
    auto view = frame.mutable_plane<uint16_t>(0);
    std::mt19937 random(7);
    std::vector<Rgb> inputs;
    for (int y = 0; y < 4; ++y)
        for (int x = 0; x < 256; ++x)
            for (int c = 0; c < 3; ++c) view.at(x, y, c) = static_cast<uint16_t>(random() & 0xffff);
    ColorProcessor processor = make_processor({cdl_step(grade)});
    Frame original = *frame.clone();
    ASSERT_TRUE(processor.apply(frame).ok());
    auto in = original.plane<uint16_t>(0);
    auto out = frame.plane<uint16_t>(0);
    for (int y = 0; y < 4; ++y) {
        for (int x = 0; x < 256; ++x) {
            const Rgb rgb{in.at(x, y, 0) / 65535.0, in.at(x, y, 1) / 65535.0,
                          in.at(x, y, 2) / 65535.0};
            const Rgb expected = asc_cdl(grade, rgb);
            for (int c = 0; c < 3; ++c)
                EXPECT_NEAR(out.at(x, y, c), expected[static_cast<size_t>(c)] * 65535.0, 1.0);
        }
    }
}

TEST(ColorProcessorCdl, EightBitRgbaKeepsAlpha) {
    const CdlValues& grade = kGrades[1];
    Frame frame = make_frame(PixelFormat::Rgba8, 256, 1);
    auto view = frame.mutable_plane<uint8_t>(0);
    for (int x = 0; x < 256; ++x) {
        view.at(x, 0, 0) = static_cast<uint8_t>(x);
        view.at(x, 0, 1) = static_cast<uint8_t>(255 - x);
        view.at(x, 0, 2) = static_cast<uint8_t>((x * 7) & 0xff);
        view.at(x, 0, 3) = static_cast<uint8_t>((x * 13) & 0xff);
    }
    Frame original = *frame.clone();
    ASSERT_TRUE(make_processor({cdl_step(grade)}).apply(frame).ok());
    auto in = original.plane<uint8_t>(0);
    auto out = frame.plane<uint8_t>(0);
    for (int x = 0; x < 256; ++x) {
        const Rgb expected = asc_cdl(
            grade, {in.at(x, 0, 0) / 255.0, in.at(x, 0, 1) / 255.0, in.at(x, 0, 2) / 255.0});
        for (int c = 0; c < 3; ++c)
            EXPECT_NEAR(out.at(x, 0, c), expected[static_cast<size_t>(c)] * 255.0, 1.0);
        EXPECT_EQ(out.at(x, 0, 3), in.at(x, 0, 3));
    }
}

TEST(ColorProcessorCdl, FloatRgbaKeepsAlphaAndHalfWorks) {
    Frame frame = float_frame({{0.5, 0.25, 0.125}}, PixelFormat::RgbaFloat);
    CdlValues half_slope;
    half_slope.slope = {0.5, 0.5, 0.5};
    ColorProcessor processor = make_processor({cdl_step(half_slope)});
    ASSERT_TRUE(processor.apply(frame).ok());
    expect_near_rgb(pixel_of(frame, 0), {0.25, 0.125, 0.0625}, 1e-6, "rgba float");
    EXPECT_EQ(frame.plane<float>(0).at(0, 0, 3), 0.25f);
    // Half floats (bit patterns): 0.5 = 0x3800 -> 0.25 = 0x3400; alpha 1.0 = 0x3c00 kept.
    Frame half = make_frame(PixelFormat::RgbaHalf, 1, 1);
    auto view = half.mutable_plane<uint16_t>(0);
    for (int c = 0; c < 3; ++c) view.at(0, 0, c) = 0x3800;
    view.at(0, 0, 3) = 0x3c00;
    ASSERT_TRUE(processor.apply(half).ok());
    auto out = half.plane<uint16_t>(0);
    EXPECT_EQ(out.at(0, 0, 0), 0x3400);
    EXPECT_EQ(out.at(0, 0, 3), 0x3c00);
}

TEST(ColorProcessorCdl, InverseUndoesForward) {
    const CdlValues& grade = kGrades[0];  // saturation 0.85 is invertible
    std::vector<Rgb> pixels;
    for (double v : {0.1, 0.3, 0.5, 0.7, 0.9}) pixels.push_back({v, 0.8 - v * 0.5, 0.4});
    Frame frame = float_frame(pixels);
    ASSERT_TRUE(make_processor({cdl_step(grade)}).apply(frame).ok());
    ASSERT_TRUE(make_processor({cdl_step(grade, true)}).apply(frame).ok());
    for (size_t x = 0; x < pixels.size(); ++x)
        expect_near_rgb(pixel_of(frame, static_cast<int>(x)), pixels[x], kFloatTolerance,
                        "round trip");
}

// An affine map out = M * in + c: trilinear and tetrahedral interpolation reproduce it exactly,
// so the LUT's output anywhere in the cube is known.
constexpr double kMatrix[3][3] = {{0.5, 0.2, 0.1}, {0.1, 0.6, 0.1}, {0.05, 0.1, 0.7}};
constexpr double kBias[3] = {0.1, 0.05, 0.1};

Rgb affine(const Rgb& in) {
    Rgb out{};
    for (size_t i = 0; i < 3; ++i)
        out[i] = kMatrix[i][0] * in[0] + kMatrix[i][1] * in[1] + kMatrix[i][2] * in[2] + kBias[i];
    return out;
}

std::string affine_cube_3d(int size) {
    std::string text = fmt::format("TITLE \"affine\"\nLUT_3D_SIZE {}\n", size);
    for (int b = 0; b < size; ++b)
        for (int g = 0; g < size; ++g)
            for (int r = 0; r < size; ++r) {  // red varies fastest
                const double step = 1.0 / (size - 1);
                const Rgb out = affine({r * step, g * step, b * step});
                text += fmt::format("{:.8f} {:.8f} {:.8f}\n", out[0], out[1], out[2]);
            }
    return text;
}

std::vector<Rgb> random_pixels(int count, double low, double high) {
    std::mt19937 random(42);
    std::uniform_real_distribution<double> value(low, high);
    std::vector<Rgb> pixels(static_cast<size_t>(count));
    for (Rgb& p : pixels) p = {value(random), value(random), value(random)};
    return pixels;
}

class ColorProcessorLut : public ::testing::Test {
protected:
    media::test::ScratchDir m_dir;
};

TEST_F(ColorProcessorLut, Cube3dReproducesAnAffineMap) {
    write_text(m_dir.file("affine.cube"), affine_cube_3d(5));
    ASSERT_TRUE(check_lut_file(m_dir.file("affine.cube")).ok());
    const std::vector<Rgb> pixels = random_pixels(500, 0.0, 1.0);
    for (const char* interpolation : {"tetrahedral", "linear"}) {
        Frame frame = float_frame(pixels);
        ColorProcessor processor =
            make_processor({lut_step(m_dir.file("affine.cube"), interpolation)});
        ASSERT_TRUE(processor.apply(frame).ok());
        for (size_t x = 0; x < pixels.size(); ++x)
            expect_near_rgb(pixel_of(frame, static_cast<int>(x)), affine(pixels[x]),
                            kFloatTolerance, interpolation);
    }
}

TEST_F(ColorProcessorLut, Cube3dInverseUndoesForward) {
    write_text(m_dir.file("affine.cube"), affine_cube_3d(9));
    const std::vector<Rgb> pixels = random_pixels(200, 0.1, 0.9);
    Frame frame = float_frame(pixels);
    ASSERT_TRUE(make_processor({lut_step(m_dir.file("affine.cube"))}).apply(frame).ok());
    ASSERT_TRUE(make_processor({lut_step(m_dir.file("affine.cube"), "tetrahedral", true)})
                    .apply(frame)
                    .ok());
    // OCIO inverts a 3D LUT by resampling it into a forward LUT (OPTIMIZATION_LUT_INV_FAST):
    // its grid, not float rounding, sets the error, hence the looser tolerance.
    for (size_t x = 0; x < pixels.size(); ++x)
        expect_near_rgb(pixel_of(frame, static_cast<int>(x)), pixels[x], 2e-3, "3D round trip");
}

// Per-channel affine curves: linear interpolation between entries is exact.
Rgb curves(const Rgb& in) {
    return {0.2 + 0.6 * in[0], 0.1 + 0.8 * in[1], in[2] * 0.5};
}

TEST_F(ColorProcessorLut, Cube1dAndItsInverse) {
    std::string text = "LUT_1D_SIZE 17\n";
    for (int i = 0; i < 17; ++i) {
        const Rgb out = curves({i / 16.0, i / 16.0, i / 16.0});
        text += fmt::format("{:.8f} {:.8f} {:.8f}\n", out[0], out[1], out[2]);
    }
    write_text(m_dir.file("curves.cube"), text);
    const std::vector<Rgb> pixels = random_pixels(300, 0.0, 1.0);
    Frame frame = float_frame(pixels);
    ASSERT_TRUE(make_processor({lut_step(m_dir.file("curves.cube"))}).apply(frame).ok());
    for (size_t x = 0; x < pixels.size(); ++x)
        expect_near_rgb(pixel_of(frame, static_cast<int>(x)), curves(pixels[x]), kFloatTolerance,
                        "1D");
    ASSERT_TRUE(
        make_processor({lut_step(m_dir.file("curves.cube"), "linear", true)}).apply(frame).ok());
    // The fast 1D inverse is a resampled forward LUT too (finer than the 3D one).
    for (size_t x = 0; x < pixels.size(); ++x)
        expect_near_rgb(pixel_of(frame, static_cast<int>(x)), pixels[x], 1e-3, "1D inverse");
}

TEST_F(ColorProcessorLut, StepsApplyInOrder) {
    write_text(m_dir.file("affine.cube"), affine_cube_3d(3));
    CdlValues grade = kGrades[0];
    const std::vector<Rgb> pixels = random_pixels(100, 0.0, 1.0);
    Frame frame = float_frame(pixels);
    ASSERT_TRUE(
        make_processor({cdl_step(grade), lut_step(m_dir.file("affine.cube"))}).apply(frame).ok());
    for (size_t x = 0; x < pixels.size(); ++x)
        expect_near_rgb(pixel_of(frame, static_cast<int>(x)), affine(asc_cdl(grade, pixels[x])),
                        kFloatTolerance, "cdl then lut");
}

TEST_F(ColorProcessorLut, MalformedAndMissingFilesAreErrors) {
    const std::pair<const char*, std::string> bad[] = {
        {"garbage.cube", "this is not a LUT\n\x01\x02\n"},
        {"short.cube", "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n"},
        {"letters.cube", "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 x 1\n1 1 1\n"},
        {"huge.cube", "LUT_3D_SIZE 100000\n0 0 0\n"},
        {"big_declared.cube", "LUT_3D_SIZE 129\n0 0 0\n1 1 1\n"},
        {"negative.cube", "LUT_1D_SIZE -5\n0 0 0\n"},
        {"empty.cube", ""},
        {"few.cube", "LUT_3D_SIZE 2\n# padding padding padding padding\n0 0 0\n1 0 0\n0 1 0\n"},
        {"nan.cube", "LUT_1D_SIZE 2\nnan nan nan\n1 1 1\n"},
        {"unknown.xyz", "1 2 3\n"},
    };
    for (const auto& [name, text] : bad) {
        write_text(m_dir.file(name), text);
        auto checked = check_lut_file(m_dir.file(name));
        ASSERT_FALSE(checked.ok()) << name;
        EXPECT_EQ(checked.error().code(), ErrorCode::InvalidArgument) << name;
        EXPECT_NE(checked.error().to_string().find(name), std::string::npos)
            << checked.error().to_string();
        auto processor = ColorProcessor::create({{lut_step(m_dir.file(name))}});
        ASSERT_FALSE(processor.ok()) << name;
        EXPECT_NE(processor.error().to_string().find(name), std::string::npos)
            << processor.error().to_string();
    }
    // The parser reports the line at fault.
    auto huge = check_lut_file(m_dir.file("huge.cube"));
    EXPECT_NE(huge.error().message().find("line 1"), std::string::npos) << huge.error().message();
    auto letters = check_lut_file(m_dir.file("letters.cube"));
    EXPECT_NE(letters.error().message().find("line 8"), std::string::npos)
        << letters.error().message();
    for (const std::string& missing : {m_dir.file("missing.cube"), std::string("/no/such.cube")}) {
        EXPECT_EQ(check_lut_file(missing).error().code(), ErrorCode::NotFound);
        auto processor = ColorProcessor::create({{lut_step(missing)}});
        ASSERT_FALSE(processor.ok());
        EXPECT_EQ(processor.error().code(), ErrorCode::NotFound);
    }
    auto interp = ColorProcessor::create({{lut_step(m_dir.file("short.cube"), "cubic")}});
    EXPECT_FALSE(interp.ok());
}

TEST(ColorProcessor, NoopDeviceAndFormats) {
    auto empty = ColorProcessor::create({});
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->is_noop());
    EXPECT_EQ(empty->device(), "cpu");
    EXPECT_TRUE(make_processor({cdl_step(CdlValues{})}).is_noop());
    ColorProcessor grade = make_processor({cdl_step(kGrades[0])});
    EXPECT_FALSE(grade.is_noop());
    Frame yuv = make_frame(PixelFormat::Yuv420p8, 16, 16);
    auto wrong = grade.apply(yuv);
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().code(), ErrorCode::UnsupportedFormat);
    EXPECT_EQ(empty->apply(yuv).error().code(), ErrorCode::UnsupportedFormat);
    Frame nothing;
    EXPECT_FALSE(grade.apply(nothing).ok());
    if (cuda_devices().empty()) {
        auto cuda = ColorProcessor::create({{cdl_step(kGrades[0])}}, DevicePolicy::Cuda);
        ASSERT_FALSE(cuda.ok());
        EXPECT_EQ(cuda.error().code(), ErrorCode::DeviceError);
    }
    CdlValues insane;
    insane.power = {1.0, -1.0, 1.0};
    EXPECT_EQ(ColorProcessor::create({{cdl_step(insane)}}).error().code(),
              ErrorCode::InvalidArgument);
}

TEST(ColorProcessor, CopiesOfAFrameStayUnchanged) {
    Frame frame = float_frame({{0.5, 0.5, 0.5}});
    const Frame copy = frame;
    ASSERT_TRUE(make_processor({cdl_step(kGrades[1])}).apply(frame).ok());
    expect_near_rgb(pixel_of(copy, 0), {0.5, 0.5, 0.5}, 0.0, "shared copy");
    EXPECT_GT(std::abs(pixel_of(frame, 0)[0] - 0.5), 1e-3);
}

// UHD-sized frames take the row-band (TBB) path: every band must match the formula, and
// several threads may apply one processor at once.
TEST(ColorProcessor, LargeFramesAndConcurrentApply) {
    const CdlValues& grade = kGrades[0];
    ColorProcessor processor = make_processor({cdl_step(grade)});
    constexpr int kWidth = 1920;
    constexpr int kHeight = 544;  // 1,044,480 pixels: several bands
    auto fill = [](Frame& frame) {
        auto view = frame.mutable_plane<float>(0);
        for (int y = 0; y < kHeight; ++y)
            for (int x = 0; x < kWidth; ++x)
                for (int c = 0; c < 3; ++c)
                    view.at(x, y, c) = static_cast<float>((x * 3 + y * 7 + c * 11) % 1000) / 999.0f;
    };
    std::vector<Frame> frames;
    for (int i = 0; i < 3; ++i) {
        frames.push_back(make_frame(PixelFormat::RgbFloat, kWidth, kHeight));
        fill(frames.back());
    }
    std::vector<std::thread> threads;
    std::vector<int> ok(frames.size(), 0);
    for (size_t i = 0; i < frames.size(); ++i)
        threads.emplace_back([&, i] { ok[i] = processor.apply(frames[i]).ok() ? 1 : 0; });
    for (auto& thread : threads) thread.join();
    for (size_t i = 0; i < frames.size(); ++i) {
        ASSERT_EQ(ok[i], 1);
        for (int y = 0; y < kHeight; y += 37) {
            for (int x = 0; x < kWidth; x += 101) {
                Rgb in{};
                for (int c = 0; c < 3; ++c)
                    in[static_cast<size_t>(c)] =
                        static_cast<float>((x * 3 + y * 7 + c * 11) % 1000) / 999.0f;
                expect_near_rgb(pixel_of(frames[i], x, y), asc_cdl(grade, in), kFloatTolerance,
                                fmt::format("{},{}", x, y));
            }
        }
        EXPECT_EQ(std::memcmp(frames[i].plane_data(0) + frames[0].plane_stride(0) * (kHeight - 1),
                              frames[0].plane_data(0) + frames[0].plane_stride(0) * (kHeight - 1),
                              static_cast<size_t>(kWidth) * 3 * sizeof(float)),
                  0);
    }
}

TEST(ColorProcessor, ApplyYcbcrIsConvertGradeConvert) {
    // apply_ycbcr on the CPU: ycbcr_to_rgb, apply, rgb_to_ycbcr, exactly; any layout change.
    ColorProcessor grade = make_processor({cdl_step(kGrades[0])});
    Frame in = make_frame(PixelFormat::Yuv422p10, 33, 17);
    for (int p = 0; p < 3; ++p) {
        auto plane = in.mutable_plane<uint16_t>(p);
        for (int y = 0; y < plane.height(); ++y)
            for (int x = 0; x < plane.width(); ++x)
                plane.row(y)[x] = static_cast<uint16_t>(64 + (x * 37 + y * 11 + p * 101) % 877);
    }
    YcbcrDesc in_desc;
    YcbcrDesc out_desc;
    out_desc.matrix = YcbcrMatrix::Bt2020Ncl;
    out_desc.full_range = true;
    for (const PixelFormat format : {PixelFormat::Yuv420p10, PixelFormat::Yuv444p8}) {
        Frame out = make_frame(format, 33, 17);
        ApplyStats stats;
        ASSERT_TRUE(grade.apply_ycbcr(in, in_desc, out, out_desc, &stats));
        EXPECT_EQ(stats.pixels, 33 * 17);
        auto rgb = ycbcr_to_rgb(in, in_desc);
        ASSERT_TRUE(rgb);
        ASSERT_TRUE(grade.apply(*rgb));
        auto want = rgb_to_ycbcr(*rgb, format, out_desc);
        ASSERT_TRUE(want);
        for (int p = 0; p < 3; ++p) {
            const int w = info(format).plane_width(p, 33), h = info(format).plane_height(p, 17);
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    if (info(format).bytes_per_sample == 1)
                        ASSERT_EQ(out.plane<uint8_t>(p).row(y)[x],
                                  want->plane<uint8_t>(p).row(y)[x]);
                    else
                        ASSERT_EQ(out.plane<uint16_t>(p).row(y)[x],
                                  want->plane<uint16_t>(p).row(y)[x]);
                }
        }
    }
    Frame rgb_frame = make_frame(PixelFormat::RgbFloat, 33, 17);
    Frame wrong_size = make_frame(PixelFormat::Yuv420p10, 32, 17);
    EXPECT_EQ(grade.apply_ycbcr(rgb_frame, in_desc, wrong_size, out_desc).error().code(),
              ErrorCode::InvalidArgument);
    Frame out = make_frame(PixelFormat::Yuv420p10, 33, 17);
    EXPECT_EQ(grade.apply_ycbcr(rgb_frame, in_desc, out, out_desc).error().code(),
              ErrorCode::UnsupportedFormat);
}

}  // namespace
}  // namespace media::color
