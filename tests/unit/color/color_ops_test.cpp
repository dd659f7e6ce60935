// SPDX-License-Identifier: Apache-2.0
// The compiled ops: every SIMD kernel against its scalar reference (random inputs, odd sizes,
// out-of-range and NaN values), matrix fusion, sample formats, NaN/Inf counting and baking.
#include <cmath>
#include <random>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "../../../libmedia/src/color/color_ops.h"
#include "color_test_util.h"
#include "media/color/color_processor.h"
#include "media/color/lut.h"
#include "media/color/transfer.h"
#include "media/frame/half.h"
#include "scratch_dir.h"

namespace media::color {
namespace {

using detail::Chunk;
using detail::kChunkPixels;

struct Planes {
    std::vector<float> r, g, b;
    explicit Planes(size_t n)
        : r(kChunkPixels, 0.0f), g(kChunkPixels, 0.0f), b(kChunkPixels, 0.0f) {
        (void)n;
    }
    Chunk chunk(int n) { return {r.data(), g.data(), b.data(), n}; }
};

// Random values over [-0.2, 1.3], with NaN, +-Inf and exact grid points sprinkled in.
Planes random_planes(int n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-0.2f, 1.3f);
    Planes p(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        for (auto* plane : {&p.r, &p.g, &p.b}) {
            const auto at = static_cast<size_t>(i);
            (*plane)[at] = dist(rng);
            if (i % 37 == 5) (*plane)[at] = std::nanf("");
            if (i % 53 == 7) (*plane)[at] = INFINITY;
            if (i % 61 == 9) (*plane)[at] = -INFINITY;
            if (i % 29 == 3) (*plane)[at] = 0.25f;  // on a 33-point grid line after scaling
        }
    }
    return p;
}

detail::Lut3DParams test_lut(int size) {
    Lut3D lut;
    lut.size = size;
    lut.table.resize(static_cast<size_t>(size * size * size * 3));
    size_t at = 0;
    for (int b = 0; b < size; ++b)
        for (int g = 0; g < size; ++g)
            for (int r = 0; r < size; ++r) {
                const double x = r / double(size - 1), y = g / double(size - 1),
                             z = b / double(size - 1);
                lut.table[at++] = static_cast<float>(std::pow(x, 0.8) * 0.9 + 0.1 * y);
                lut.table[at++] = static_cast<float>(y * y * 0.7 + 0.3 * z);
                lut.table[at++] = static_cast<float>(std::sqrt(z) * 0.8 + 0.2 * x * y);
            }
    return detail::lut3d_params(lut);
}

template <typename Simd, typename Scalar>
void expect_parity(Simd simd, Scalar scalar, double tolerance, const char* name) {
    for (int n : {1, 7, 16, 100, 511, kChunkPixels}) {
        for (uint32_t seed : {1u, 2u, 3u}) {
            Planes a = random_planes(n, seed), b = random_planes(n, seed);
            simd(a.chunk(n));
            scalar(b.chunk(n));
            double worst = 0.0;
            for (size_t i = 0; i < static_cast<size_t>(n); ++i) {
                for (auto [x, y] :
                     {std::pair{a.r[i], b.r[i]}, {a.g[i], b.g[i]}, {a.b[i], b.b[i]}}) {
                    if (std::isnan(y)) {
                        EXPECT_TRUE(std::isnan(x)) << name << " pixel " << i;
                        continue;
                    }
                    if (std::isinf(y)) {
                        EXPECT_EQ(x, y) << name << " pixel " << i;
                        continue;
                    }
                    worst = std::max(worst, std::abs(double(x) - double(y)));
                }
            }
            EXPECT_LE(worst, tolerance) << name << " n=" << n << " seed=" << seed;
        }
    }
}

TEST(ColorOpsSimd, MatrixMatchesScalar) {
    const Matrix3 m{{{1.2, -0.1, 0.05}, {0.02, 0.9, 0.08}, {-0.03, 0.11, 1.05}}};
    const auto params = detail::matrix_params(m, {0.01, -0.02, 0.0});
    // FMA against separate multiply-adds: a few ULP on values up to ~2.
    expect_parity([&](const Chunk& c) { detail::simd_matrix(params, c); },
                  [&](const Chunk& c) { detail::scalar_matrix(params, c); }, 1e-6, "matrix");
}

TEST(ColorOpsSimd, CdlMatchesScalar) {
    CdlValues cdl;
    cdl.slope = {1.2, 0.9, 1.05};
    cdl.offset = {0.02, -0.01, 0.0};
    cdl.power = {1.1, 0.8, 1.0};
    cdl.saturation = 0.85;
    const auto params = detail::cdl_params(cdl);
    // pow as exp(p ln x) in Highway's float Exp/Log (<= 4 ULP each) against std::pow.
    expect_parity([&](const Chunk& c) { detail::simd_cdl(params, c); },
                  [&](const Chunk& c) { detail::scalar_cdl(params, c); }, 2e-6, "cdl");
}

TEST(ColorOpsSimd, TetrahedralMatchesScalar) {
    for (int size : {2, 17, 33}) {
        const auto params = test_lut(size);
        expect_parity([&](const Chunk& c) { detail::simd_lut3d_tetrahedral(params, c); },
                      [&](const Chunk& c) { detail::scalar_lut3d_tetrahedral(params, c); }, 1e-6,
                      "tetrahedral");
    }
}

TEST(ColorOpsSimd, TrilinearMatchesScalar) {
    for (int size : {2, 33}) {
        const auto params = test_lut(size);
        expect_parity([&](const Chunk& c) { detail::simd_lut3d_trilinear(params, c); },
                      [&](const Chunk& c) { detail::scalar_lut3d_trilinear(params, c); }, 1e-6,
                      "trilinear");
    }
}

TEST(ColorOpsSimd, LutNeverReadsOutsideTheTable) {
    // NaN and infinities must clamp to the grid (a stray index would read out of bounds:
    // the sanitizer build catches it).
    const auto params = test_lut(5);
    Planes p(kChunkPixels);
    const float specials[] = {std::nanf(""), INFINITY, -INFINITY, 1e30f, -1e30f, 0.0f, 1.0f};
    for (int i = 0; i < kChunkPixels; ++i) {
        p.r[static_cast<size_t>(i)] = specials[i % 7];
        p.g[static_cast<size_t>(i)] = specials[(i / 7) % 7];
        p.b[static_cast<size_t>(i)] = specials[(i / 49) % 7];
    }
    detail::simd_lut3d_tetrahedral(params, p.chunk(kChunkPixels));
    for (int i = 0; i < kChunkPixels; ++i) EXPECT_TRUE(std::isfinite(p.r[static_cast<size_t>(i)]));
}

TEST(ColorOpsSimd, UnpackCountsNonFinitePixels) {
    std::vector<float> rgb(3 * 100, 0.5f);
    rgb[3 * 10] = std::nanf("");
    rgb[3 * 20 + 1] = INFINITY;
    rgb[3 * 99 + 2] = -INFINITY;  // in the scalar tail
    Planes p(100);
    EXPECT_EQ(detail::simd_unpack_f32(rgb.data(), 3, p.chunk(100)), 3);
    std::vector<float> back(3 * 100, 0.0f);
    detail::simd_pack_f32(p.chunk(100), 3, back.data());
    for (size_t i = 0; i < back.size(); ++i)
        if (!std::isnan(rgb[i])) {
            EXPECT_EQ(back[i], rgb[i]) << i;
        }
}

ColorStep matrix_step(const Matrix3& m, const Vec3& offset = {0, 0, 0}) {
    ColorStep step;
    step.kind = ColorStep::Kind::Matrix;
    step.matrix = m;
    step.offset = offset;
    return step;
}

TEST(ColorProcessorOps, ConsecutiveMatricesFuseIntoOne) {
    const Matrix3 a{{{2, 0, 0}, {0, 1, 0}, {0, 0, 0.5}}};
    const Matrix3 b{{{0, 1, 0}, {1, 0, 0}, {0, 0, 1}}};  // swap R and G
    auto processor =
        ColorProcessor::create(ColorPipelineDesc{{matrix_step(a, {0.1, 0, 0}), matrix_step(b)}});
    ASSERT_TRUE(processor) << processor.error().to_string();
    EXPECT_EQ(processor->describe().find('\n'), std::string::npos) << processor->describe();
    float rgb[3] = {0.2f, 0.4f, 0.6f};
    processor->apply_rgb(rgb, 1);
    // a: (0.2*2 + 0.1, 0.4, 0.3); then swap: (0.4, 0.5, 0.3).
    EXPECT_NEAR(rgb[0], 0.4, 1e-6);
    EXPECT_NEAR(rgb[1], 0.5, 1e-6);
    EXPECT_NEAR(rgb[2], 0.3, 1e-6);
}

TEST(ColorProcessorOps, InverseMatrixUndoesTheMatrix) {
    const Matrix3 m{{{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}, {0.0, 0.2, 0.8}}};
    ColorStep inv = matrix_step(m, {0.05, 0.0, -0.02});
    inv.inverse = true;
    auto processor =
        ColorProcessor::create(ColorPipelineDesc{{matrix_step(m, {0.05, 0.0, -0.02}), inv}});
    ASSERT_TRUE(processor);
    EXPECT_TRUE(processor->is_noop()) << processor->describe();  // fused to the identity
}

CdlValues sample_cdl() {
    CdlValues cdl;
    cdl.slope = {1.1, 1.0, 0.9};
    cdl.offset = {0.01, 0.0, -0.01};
    cdl.power = {1.0, 1.2, 0.9};
    cdl.saturation = 0.9;
    return cdl;
}

TEST(ColorProcessorOps, EveryPackedFormatGivesTheSameResult) {
    auto processor = ColorProcessor::create(ColorPipelineDesc{{test::cdl_step(sample_cdl())}});
    ASSERT_TRUE(processor);
    const int w = 600, h = 3;  // more than one chunk per row
    auto value = [&](int x, int y, int c) { return ((x * 7 + y * 13 + c * 29) % 256) / 255.0; };
    struct Case {
        PixelFormat format;
        double tolerance;  // quantisation of the storage
    };
    for (const Case& test_case : {Case{PixelFormat::RgbFloat, 2e-6},
                                  {PixelFormat::RgbaFloat, 2e-6},
                                  {PixelFormat::Rgb16, 1.0 / 65535},
                                  {PixelFormat::Rgba16, 1.0 / 65535},
                                  {PixelFormat::Rgb8, 1.0 / 255},
                                  {PixelFormat::Rgba8, 1.0 / 255},
                                  {PixelFormat::RgbaHalf, 1e-3}}) {
        const PixelFormat format = test_case.format;
        Frame frame = test::make_frame(format, w, h);
        const int channels = info(format).components;
        const SampleType sample = info(format).sample_type;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                for (int c = 0; c < channels; ++c) {
                    const double v = c == 3 ? 0.5 : value(x, y, c);
                    if (sample == SampleType::F32)
                        frame.mutable_plane<float>(0).at(x, y, c) = static_cast<float>(v);
                    else if (sample == SampleType::F16)
                        frame.mutable_plane<uint16_t>(0).at(x, y, c) =
                            float_to_half(static_cast<float>(v));
                    else if (sample == SampleType::U16)
                        frame.mutable_plane<uint16_t>(0).at(x, y, c) =
                            static_cast<uint16_t>(std::lround(v * 65535));
                    else
                        frame.mutable_plane<uint8_t>(0).at(x, y, c) =
                            static_cast<uint8_t>(std::lround(v * 255));
                }
        ASSERT_TRUE(processor->apply(frame)) << info(format).name;
        double worst = 0.0;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const test::Rgb want =
                    test::asc_cdl(sample_cdl(), {value(x, y, 0), value(x, y, 1), value(x, y, 2)});
                for (int c = 0; c < channels; ++c) {
                    double got = 0.0;
                    if (sample == SampleType::F32)
                        got = frame.plane<float>(0).at(x, y, c);
                    else if (sample == SampleType::F16)
                        got = half_to_float(frame.plane<uint16_t>(0).at(x, y, c));
                    else if (sample == SampleType::U16)
                        got = frame.plane<uint16_t>(0).at(x, y, c) / 65535.0;
                    else
                        got = frame.plane<uint8_t>(0).at(x, y, c) / 255.0;
                    const double expected = c == 3 ? (sample == SampleType::U8    ? 128 / 255.0
                                                      : sample == SampleType::U16 ? 32768 / 65535.0
                                                                                  : 0.5)
                                                   : want[static_cast<size_t>(c)];
                    worst = std::max(worst, std::abs(got - expected));
                }
            }
        // Inputs were quantised too: twice the storage step (CDL slopes are near 1).
        EXPECT_LE(worst, 2 * test_case.tolerance + 1e-6) << info(format).name;
    }
}

TEST(ColorProcessorOps, NonFinitePixelsPassThroughAndAreCounted) {
    auto processor = ColorProcessor::create(ColorPipelineDesc{{test::cdl_step(sample_cdl())}});
    ASSERT_TRUE(processor);
    // Large enough to run in several bands on several threads.
    Frame frame = test::make_frame(PixelFormat::RgbaFloat, 1024, 600);
    auto view = frame.mutable_plane<float>(0);
    int64_t planted = 0;
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 1024; ++x) {
            for (int c = 0; c < 4; ++c) view.at(x, y, c) = 0.5f;
            if ((x + y) % 101 == 0) {
                view.at(x, y, (x + y) % 3) = (y % 2) ? std::nanf("") : INFINITY;
                ++planted;
            }
        }
    ApplyStats stats;
    ASSERT_TRUE(processor->apply(frame, &stats));
    EXPECT_EQ(stats.pixels, 1024 * 600);
    EXPECT_EQ(stats.nonfinite_pixels, planted);
    // The CDL clamps: NaN became 0 and Inf 1 before the power.
    for (int y = 0; y < 600; ++y)
        for (int x = 0; x < 1024; ++x)
            for (int c = 0; c < 3; ++c)
                ASSERT_TRUE(std::isfinite(frame.plane<float>(0).at(x, y, c)));
}

// A CDL without kinks inside 0..1 (no clamp reached, powers over 1): what a 33-point cube can
// follow closely.
CdlValues smooth_cdl() {
    CdlValues cdl;
    cdl.slope = {0.95, 1.0, 0.9};
    cdl.offset = {0.01, 0.0, 0.02};
    cdl.power = {1.1, 1.2, 1.05};
    cdl.saturation = 0.9;
    return cdl;
}

TEST(ColorProcessorOps, AnEmptyPipelineStillCountsNonFinitePixels) {
    auto processor = ColorProcessor::create({});
    ASSERT_TRUE(processor);
    Frame frame = test::make_frame(PixelFormat::RgbaHalf, 8, 2);
    for (int x = 0; x < 8; ++x)
        for (int y = 0; y < 2; ++y)
            for (int c = 0; c < 4; ++c)
                frame.mutable_plane<uint16_t>(0).at(x, y, c) =
                    float_to_half((x == 3 && c == 1) || (x == 5 && y == 1) ? INFINITY : 0.5f);
    ApplyStats stats;
    ASSERT_TRUE(processor->apply(frame, &stats));
    EXPECT_EQ(stats.nonfinite_pixels, 3);  // (3,0), (3,1), (5,1)
}

TEST(ColorProcessorOps, BakedCubeReproducesThePipeline) {
    auto processor = ColorProcessor::create(ColorPipelineDesc{{test::cdl_step(smooth_cdl())}});
    ASSERT_TRUE(processor);
    auto baked = processor->bake(BakeOptions{33, 0.0, 1.0, "test"});
    ASSERT_TRUE(baked) << baked.error().to_string();
    ASSERT_TRUE(baked->cube);
    EXPECT_EQ(baked->cube->size, 33);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    double worst = 0.0;
    for (int i = 0; i < 2000; ++i) {
        const Vec3 in{dist(rng), dist(rng), dist(rng)};
        const Vec3 got = baked->cube->apply(in);
        const test::Rgb want = test::asc_cdl(smooth_cdl(), {in[0], in[1], in[2]});
        for (size_t c = 0; c < 3; ++c) worst = std::max(worst, std::abs(got[c] - want[c]));
    }
    // Tetrahedral interpolation of a smooth curve on a 33-point grid: about 1e-3 at worst.
    EXPECT_LT(worst, 2e-3);
    BakeOptions too_small, too_large;
    too_small.cube_size = 1;
    too_large.cube_size = 300;
    EXPECT_FALSE(processor->bake(too_small).ok());
    EXPECT_FALSE(processor->bake(too_large).ok());
}

TEST(ColorProcessorOps, TransferCurvesMatchTheExactFunctions) {
    // The ops may use a table indexed by the float's bits; it must stay within 2e-6 (absolute
    // below 1, relative above) of the exact curve over dense ramps in both directions.
    for (const TransferInfo& transfer : transfer_table()) {
        for (bool to_lin : {true, false}) {
            ColorStep step;
            step.kind = to_lin ? ColorStep::Kind::ToLinear : ColorStep::Kind::FromLinear;
            step.transfer = transfer.id;
            auto processor = ColorProcessor::create(ColorPipelineDesc{{step}});
            ASSERT_TRUE(processor) << processor.error().to_string();
            std::vector<float> rgb;
            const double top = to_lin ? 1.2 : 60.0;
            for (int i = 0; i <= 30000; ++i)
                rgb.push_back(static_cast<float>(-0.1 + (top + 0.1) * i / 30000.0));
            for (int e = -24; e < 16; ++e) rgb.push_back(std::ldexp(1.37f, e));
            while (rgb.size() % 3) rgb.push_back(0.5f);
            const std::vector<float> in = rgb;
            processor->apply_rgb(rgb.data(), static_cast<int64_t>(rgb.size() / 3));
            double worst = 0.0;
            for (size_t i = 0; i < in.size(); ++i) {
                const double want =
                    to_lin ? to_linear(transfer.id, in[i]) : from_linear(transfer.id, in[i]);
                if (!std::isfinite(static_cast<float>(want))) continue;  // beyond float
                const double error = std::abs(rgb[i] - want) / std::max(1.0, std::abs(want));
                worst = std::max(worst, error);
            }
            EXPECT_LE(worst, 3e-6) << transfer.name << (to_lin ? " to linear" : " from linear");
        }
    }
}

TEST(ColorProcessorOps, ReportsTheSimdTarget) {
    auto processor = ColorProcessor::create({});
    ASSERT_TRUE(processor);
    EXPECT_FALSE(processor->backend().empty());
    EXPECT_EQ(processor->device(), "cpu");
}

TEST(ColorProcessorOps, CudaWithoutADeviceIsAnError) {
    if (!cuda_devices().empty()) GTEST_SKIP() << "a CUDA device is present";
    auto processor = ColorProcessor::create({}, DevicePolicy::Cuda);
    ASSERT_FALSE(processor);
    EXPECT_EQ(processor.error().code(), ErrorCode::DeviceError);
    EXPECT_NE(processor.error().message().find("CUDA requested but"), std::string::npos)
        << processor.error().message();
    // Auto stays on the CPU, and says nothing about it (there was no device to fall back from).
    auto automatic = ColorProcessor::create({}, DevicePolicy::Auto);
    ASSERT_TRUE(automatic);
    EXPECT_FALSE(automatic->on_device());
    EXPECT_EQ(automatic->device(), "cpu");
    EXPECT_TRUE(automatic->fallback_reason().empty());
}

}  // namespace
}  // namespace media::color
