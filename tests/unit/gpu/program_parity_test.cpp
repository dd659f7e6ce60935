// SPDX-License-Identifier: Apache-2.0
// A ColorProcessor exported as a slate_gpu::ColorProgram (libmedia/src/color/color_ops.h) against
// the processor's own CPU path: slate_gpu::apply_color_program is the per-pixel evaluator that
// the scalar reference and the CUDA kernels run, so what it computes here on the host is what
// the kernels must compute. Also: the shared transfer curves (gpu/include/slate_gpu/
// transfer_curves.h) are libmedia's to_linear / from_linear, bit for bit.
//
// Tolerances, per op family (|cpu - program| <= abs + rel * max(|cpu|, |program|, |input|)):
// - transfer curves alone: 0 (bit-exact). Both sides read the op's own CurveTable through the
//   same curve_lookup and fall back to the same double formula; separately, the program is
//   checked against the exact double curve within the table's 2e-6 (absolute below 1, relative
//   above) plus the float rounding of the output.
// - 1D LUT: 0. Lut1DOp::apply is scalar host code with the same float operations (the export
//   takes its scale from the same function), and the host build contracts nothing (-std=c++20).
// - matrices: 4 ulp relative to the largest of input and output (5e-7): the SIMD kernel runs the
//   same chain of MulAdd as the program's fma chain (bit-exact on FMA targets); on targets
//   without FMA (SSE4, EMU128) each MulAdd rounds twice, and with cancellation the error scales
//   with the terms, not the result.
// - CDL: 1e-6 absolute on 0..1 outputs. The SIMD kernel raises to the power as
//   Exp(power * Log(x)) with Highway's polynomials (a few ulp each) where the program calls
//   powf, and it fuses the saturation's luma and mix where the program rounds each step.
// - 3D LUT: 1e-6 absolute (entries within about -0.1..1.3): the SIMD kernels sum the corners
//   with MulAdd and compute the tetrahedral weights in another order than the scalar formula.
// - chains: 5e-6 absolute on 0..1 outputs: the CDL's and LUT's differences above, carried
//   through an encoding curve with slopes of a few units and a LUT with slope about 1.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "../../../libmedia/src/color/color_ops.h"
#include "media/color/color_processor.h"
#include "media/color/gamut.h"
#include "media/color/transfer.h"
#include "scratch_dir.h"
#include "slate_gpu/color_program.h"
#include "slate_gpu/transfer_curves.h"

namespace media::color {
namespace {

using detail::exported_program;
using detail::ExportedProgram;

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// ---- inputs ----------------------------------------------------------------------------------

/// Random triples: plenty in -0.5..1.5 (code values), log-spread magnitudes of both signs from
/// 1e-9 to 1e6 (linear light, the tables' edges), exact table bucket edges, and specials (NaN,
/// infinities, zeros of both signs, subnormals, FLT_MAX) mixed into otherwise ordinary pixels.
std::vector<float> test_pixels(uint32_t seed, int count = 30000) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> code(-0.5f, 1.5f);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    std::uniform_real_distribution<double> exponent(-9.0, 6.0);
    std::uniform_int_distribution<int> kind(0, 9);
    const float specials[] = {kNaN,
                              kInf,
                              -kInf,
                              0.0f,
                              -0.0f,
                              1.0f,
                              -1.0f,
                              1e-40f,
                              -1e-40f,
                              std::numeric_limits<float>::denorm_min(),
                              std::numeric_limits<float>::max(),
                              -std::numeric_limits<float>::max(),
                              1e30f,
                              -1e30f,
                              0.5f,
                              1.5f,
                              -0.5f,
                              std::ldexp(1.0f, -24),
                              std::ldexp(1.0f, 16),
                              0.18f};
    std::uniform_int_distribution<size_t> special(0, std::size(specials) - 1);
    std::vector<float> rgb(static_cast<size_t>(count) * 3);
    for (float& v : rgb) {
        const int k = kind(rng);
        if (k <= 4) {
            v = code(rng);
        } else if (k <= 6) {
            v = unit(rng);
        } else if (k <= 8) {
            const auto magnitude = static_cast<float>(std::pow(10.0, exponent(rng)));
            v = unit(rng) < 0.8f ? magnitude : -magnitude;
        } else if (unit(rng) < 0.3f) {
            v = specials[special(rng)];
        } else {
            // A table bucket edge: a float with a short mantissa, or a uniform-table edge.
            const int e = static_cast<int>(unit(rng) * 40.0f) - 24;
            v = unit(rng) < 0.5f
                    ? std::ldexp(1.0f + static_cast<float>(static_cast<int>(unit(rng) * 1024.0f)) /
                                            1024.0f,
                                 e)
                    : -0.5f + static_cast<float>(static_cast<int>(unit(rng) * 16384)) / 8192.0f;
        }
    }
    return rgb;
}

/// Triples in 0..1 only (what a CDL or LUT chain after a display encoding sees).
std::vector<float> unit_pixels(uint32_t seed, int count = 20000) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    std::vector<float> rgb(static_cast<size_t>(count) * 3);
    for (float& v : rgb) v = unit(rng);
    return rgb;
}

// ---- comparing -------------------------------------------------------------------------------

struct Tolerance {
    double abs = 0.0;
    double rel = 0.0;
};

bool same_value(float a, float b, float in, Tolerance tol) {
    if (a != a || b != b) return a != a && b != b;  // NaN on both sides, or neither
    if (std::isinf(a) || std::isinf(b)) return a == b;
    if (tol.abs == 0.0 && tol.rel == 0.0)
        return std::bit_cast<uint32_t>(a) == std::bit_cast<uint32_t>(b) || (a == 0.0f && b == 0.0f);
    const double scale = std::max({std::fabs(double{a}), std::fabs(double{b}),
                                   std::isfinite(in) ? std::fabs(double{in}) : 0.0});
    return std::fabs(double{a} - double{b}) <= tol.abs + tol.rel * scale;
}

ColorProcessor make_processor(const std::vector<ColorStep>& steps) {
    auto processor = ColorProcessor::create(ColorPipelineDesc{steps});
    EXPECT_TRUE(processor.ok()) << processor.error().to_string();
    return std::move(processor).value();
}

/// Runs `pixels` through the processor's CPU path and its exported program; expects every
/// component within `tol`. Returns the number of mismatching components.
int expect_parity(const std::vector<ColorStep>& steps, const std::vector<float>& pixels,
                  Tolerance tol, const std::string& what) {
    SCOPED_TRACE(what);
    const ColorProcessor processor = make_processor(steps);
    const ExportedProgram& exported = exported_program(processor);
    EXPECT_EQ(exported.unsupported, "") << what << ": every op should have a GPU form";
    EXPECT_TRUE(slate_gpu::program_valid(exported.program)) << what;
    EXPECT_GT(exported.program.count, 0) << what << ": " << processor.describe();

    std::vector<float> cpu = pixels;
    processor.apply_rgb(cpu.data(), static_cast<int64_t>(cpu.size() / 3));
    std::vector<float> gpu = pixels;
    for (size_t i = 0; i < gpu.size(); i += 3)
        slate_gpu::apply_color_program(exported.program, gpu[i], gpu[i + 1], gpu[i + 2]);

    int mismatches = 0;
    double worst = 0.0, worst_seen = 0.0;
    for (size_t i = 0; i < pixels.size(); ++i) {
        if (std::isfinite(cpu[i]) && std::isfinite(gpu[i]))
            worst_seen = std::max(worst_seen, std::fabs(double{cpu[i]} - double{gpu[i]}));
        // Matrices mix channels: an output's rounding scales with the pixel's largest input.
        const size_t first = i / 3 * 3;
        float in = 0.0f;
        for (size_t c = first; c < first + 3; ++c)
            if (std::isfinite(pixels[c])) in = std::max(in, std::fabs(pixels[c]));
        if (same_value(cpu[i], gpu[i], in, tol)) continue;
        if (std::isfinite(cpu[i]) && std::isfinite(gpu[i]))
            worst = std::max(worst, std::fabs(double{cpu[i]} - double{gpu[i]}));
        if (++mismatches <= 5) {
            const size_t p = i / 3 * 3;
            ADD_FAILURE() << fmt::format(
                "{}: pixel {} channel {}: in ({:.9g}, {:.9g}, {:.9g}) cpu {:.9g} program {:.9g} "
                "(tolerance {} abs + {} rel)",
                what, i / 3, i % 3, pixels[p], pixels[p + 1], pixels[p + 2], cpu[i], gpu[i],
                tol.abs, tol.rel);
        }
    }
    if (std::getenv("SLATE_PARITY_VERBOSE") != nullptr)
        fmt::print("{}: largest difference {:.3g}\n", what, worst_seen);
    EXPECT_EQ(mismatches, 0) << what << ": components outside the tolerance (worst finite " << worst
                             << ")\n"
                             << processor.describe();
    return mismatches;
}

ColorStep transfer_step(Transfer transfer, bool to_linear) {
    ColorStep step;
    step.kind = to_linear ? ColorStep::Kind::ToLinear : ColorStep::Kind::FromLinear;
    step.transfer = transfer;
    return step;
}

ColorStep matrix_step(const Matrix3& m, const Vec3& offset = {0, 0, 0}, std::string label = "") {
    ColorStep step;
    step.kind = ColorStep::Kind::Matrix;
    step.matrix = m;
    step.offset = offset;
    step.label = std::move(label);
    return step;
}

ColorStep cdl_step(const CdlValues& cdl, bool inverse = false) {
    ColorStep step;
    step.kind = ColorStep::Kind::Cdl;
    step.cdl = cdl;
    step.inverse = inverse;
    return step;
}

ColorStep lut_step(const std::string& path, const std::string& interpolation = "tetrahedral",
                   bool inverse = false) {
    ColorStep step;
    step.kind = ColorStep::Kind::Lut;
    step.path = path;
    step.interpolation = interpolation;
    step.inverse = inverse;
    return step;
}

// ---- LUT files -------------------------------------------------------------------------------

/// A smooth, non-separable 3D LUT (a grade with cross-talk and a soft curve), entries about
/// -0.1..1.3, with an optional 1D shaper and a domain other than 0..1.
std::string cube_text(int size, int shaper_size, double domain_max) {
    std::ostringstream out;
    out.precision(9);
    out << "TITLE \"parity\"\n";
    if (shaper_size > 0) {
        out << "LUT_1D_SIZE " << shaper_size << "\nLUT_1D_INPUT_RANGE 0 " << domain_max << "\n";
        out << "LUT_3D_SIZE " << size << "\nLUT_3D_INPUT_RANGE 0 1\n";
        for (int i = 0; i < shaper_size; ++i) {
            const double x = static_cast<double>(i) / (shaper_size - 1);
            out << std::pow(x, 0.6) << ' ' << std::pow(x, 0.55) << ' ' << std::sqrt(x) << '\n';
        }
    } else {
        out << "LUT_3D_SIZE " << size << "\n";
        if (domain_max != 1.0)
            out << "DOMAIN_MIN 0 0 0\nDOMAIN_MAX " << domain_max << ' ' << domain_max << ' '
                << domain_max << '\n';
    }
    for (int b = 0; b < size; ++b)
        for (int g = 0; g < size; ++g)
            for (int r = 0; r < size; ++r) {
                const double x = static_cast<double>(r) / (size - 1),
                             y = static_cast<double>(g) / (size - 1),
                             z = static_cast<double>(b) / (size - 1);
                const double luma = 0.3 * x + 0.6 * y + 0.1 * z;
                out << 1.2 * x - 0.1 * y + 0.05 * std::sin(6 * z) << ' '
                    << luma + 0.3 * (y - luma) * (1 - x) << ' ' << z * z * 0.8 + 0.2 * x * y - 0.05
                    << '\n';
            }
    return out.str();
}

std::string lut1d_text(int size, double domain_min, double domain_max) {
    std::ostringstream out;
    out.precision(9);
    out << "LUT_1D_SIZE " << size << "\nDOMAIN_MIN " << domain_min << ' ' << domain_min << ' '
        << domain_min << "\nDOMAIN_MAX " << domain_max << ' ' << domain_max << ' ' << domain_max
        << "\n";
    for (int i = 0; i < size; ++i) {
        const double x = static_cast<double>(i) / (size - 1);
        out << x * x << ' ' << std::sqrt(x) << ' ' << 1 - x << '\n';
    }
    return out.str();
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    ASSERT_TRUE(out.good()) << path;
}

// ---- grades ----------------------------------------------------------------------------------

const CdlValues kGrades[] = {
    {{1.1, 1.0, 0.9}, {0.01, -0.02, 0.0}, {1.2, 1.0, 0.8}, 0.85, ""},
    {{0.7, 1.3, 1.0}, {0.05, 0.0, -0.1}, {1.0, 2.2, 0.45}, 1.0, ""},
    {{1.0, 1.0, 1.0}, {0.0, 0.0, 0.0}, {1.0, 1.0, 1.0}, 1.6, ""},   // saturation alone
    {{2.0, 0.5, 1.0}, {-0.2, 0.3, 0.1}, {0.9, 1.1, 1.5}, 0.0, ""},  // to grey
    {{1.3, 0.8, 1.05}, {-0.03, 0.02, 0.0}, {3.5, 0.3, 1.7}, 1.25, ""},
};

constexpr Tolerance kExact{0.0, 0.0};
constexpr Tolerance kMatrixTolerance{0.0, 5e-7};
constexpr Tolerance kCdlTolerance{1e-6, 0.0};
constexpr Tolerance kLut3DTolerance{1e-6, 0.0};
constexpr Tolerance kChainTolerance{5e-6, 0.0};

// ---- the shared curves -----------------------------------------------------------------------

bool same_bits(double a, double b) {
    return std::bit_cast<uint64_t>(a) == std::bit_cast<uint64_t>(b) || (a != a && b != b);
}

TEST(ProgramParityCurves, SharedCurvesAreLibmediasBitForBit) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> code(-0.6, 1.6);
    std::uniform_real_distribution<double> exponent(-12.0, 8.0);
    std::vector<double> inputs = {0.0,
                                  -0.0,
                                  1.0,
                                  -1.0,
                                  0.18,
                                  1e-300,
                                  -1e-300,
                                  1e300,
                                  -1e300,
                                  std::numeric_limits<double>::infinity(),
                                  -std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::quiet_NaN()};
    for (int i = 0; i < 4000; ++i) {
        inputs.push_back(code(rng));
        const double magnitude = std::pow(10.0, exponent(rng));
        inputs.push_back(i % 4 == 0 ? -magnitude : magnitude);
    }
    for (const TransferInfo& t : transfer_table()) {
        const auto id = static_cast<slate_gpu::TransferId>(t.id);
        for (double x : inputs) {
            const double dec = slate_gpu::transfer_to_linear(id, x);
            const double enc = slate_gpu::transfer_from_linear(id, x);
            ASSERT_TRUE(same_bits(dec, to_linear(t.id, x)))
                << t.name << " to_linear(" << x << "): shared " << dec << " libmedia "
                << to_linear(t.id, x);
            ASSERT_TRUE(same_bits(enc, from_linear(t.id, x)))
                << t.name << " from_linear(" << x << "): shared " << enc << " libmedia "
                << from_linear(t.id, x);
        }
    }
    // Unknown ids return the input.
    EXPECT_EQ(slate_gpu::transfer_to_linear(slate_gpu::TransferId::Count, 0.3), 0.3);
    EXPECT_EQ(slate_gpu::transfer_from_linear(slate_gpu::TransferId::Count, 0.3), 0.3);
}

TEST(ProgramParityCurves, SharedCurvesRoundTrip) {
    for (const TransferInfo& t : transfer_table()) {
        const auto id = static_cast<slate_gpu::TransferId>(t.id);
        // Encoded side: 0.01..1 (PQ's decoding floors codes below c1^m2 ~ 7e-7 to 0).
        for (int i = 1; i <= 100; ++i) {
            const double e = i / 100.0;
            const double back =
                slate_gpu::transfer_from_linear(id, slate_gpu::transfer_to_linear(id, e));
            EXPECT_NEAR(back, e, 1e-9) << t.name << " encoded " << e;
        }
        // Linear side: 1e-4..16, spread in log.
        for (int i = 0; i <= 100; ++i) {
            const double x = std::pow(10.0, -4.0 + 5.2 * i / 100.0);
            const double back =
                slate_gpu::transfer_to_linear(id, slate_gpu::transfer_from_linear(id, x));
            EXPECT_NEAR(back, x, 1e-9 * x) << t.name << " linear " << x;
        }
    }
}

// ---- op families -----------------------------------------------------------------------------

TEST(ProgramParityCurves, EveryTransferBothWaysIsBitExact) {
    const std::vector<float> pixels = test_pixels(11);
    for (const TransferInfo& t : transfer_table()) {
        if (t.id == Transfer::Linear) continue;  // compiles to no op
        for (bool to_lin : {true, false})
            expect_parity({transfer_step(t.id, to_lin)}, pixels, kExact,
                          fmt::format("{} {}", t.name, to_lin ? "to linear" : "from linear"));
    }
}

// The program's curve against the exact double curve: the table's 2e-6 (absolute below 1,
// relative above) plus the float rounding of the output (a few 1e-8 relative).
TEST(ProgramParityCurves, ProgramCurvesFollowTheExactCurve) {
    const std::vector<float> pixels = test_pixels(12, 20000);
    for (const TransferInfo& t : transfer_table()) {
        if (t.id == Transfer::Linear) continue;
        for (bool to_lin : {true, false}) {
            const ColorProcessor processor = make_processor({transfer_step(t.id, to_lin)});
            const ExportedProgram& exported = exported_program(processor);
            ASSERT_EQ(exported.program.count, 1) << t.name;
            const slate_gpu::CurveOpData& curve = exported.program.ops[0].curve;
            EXPECT_EQ(exported.program.ops[0].kind, slate_gpu::ColorOpKind::Curve) << t.name;
            EXPECT_EQ(curve.to_linear, to_lin) << t.name;
            EXPECT_EQ(curve.transfer, static_cast<slate_gpu::TransferId>(t.id)) << t.name;
            int bad = 0;
            for (float x : pixels) {
                const double want = to_lin ? to_linear(t.id, x) : from_linear(t.id, x);
                const double got = slate_gpu::detail::apply_curve1(curve, x);
                if (!std::isfinite(want) || !std::isfinite(static_cast<float>(want))) {
                    EXPECT_TRUE(
                        same_value(static_cast<float>(got), static_cast<float>(want), x, kExact))
                        << t.name << " at " << x;
                    continue;
                }
                const double tol = 2e-6 * std::max(1.0, std::fabs(want)) + 1e-7 * std::fabs(want);
                if (!(std::fabs(got - want) <= tol) && ++bad <= 3)
                    ADD_FAILURE() << fmt::format("{} {} at {:.9g}: program {:.9g} exact {:.9g}",
                                                 t.name, to_lin ? "decode" : "encode", x, got,
                                                 want);
            }
            EXPECT_EQ(bad, 0) << t.name << (to_lin ? " decode" : " encode")
                              << ": outside the table's 2e-6 of the exact curve";
        }
    }
}

TEST(ProgramParityMatrix, GamutConversionsAndOffsets) {
    const std::vector<float> pixels = test_pixels(21);
    expect_parity({matrix_step(gamut_conversion(Gamut::AwG3, Gamut::Rec709), {0, 0, 0}, "awg3")},
                  pixels, kMatrixTolerance, "AWG3 -> Rec.709");
    expect_parity({matrix_step(gamut_conversion(Gamut::Rec2020, Gamut::P3D65))}, pixels,
                  kMatrixTolerance, "Rec.2020 -> P3-D65");
    // Two matrices fuse into one op; an offset rides along.
    expect_parity({matrix_step(gamut_conversion(Gamut::SGamut3Cine, Gamut::Ap0)),
                   matrix_step(gamut_conversion(Gamut::Ap0, Gamut::Ap1), {0.01, -0.02, 0.5})},
                  pixels, kMatrixTolerance, "S-Gamut3.Cine -> AP0 -> AP1 + offset");
    Matrix3 scale = identity_matrix();
    scale[0][0] = 2.0;
    scale[1][1] = 0.25;
    scale[2][2] = -1.5;
    expect_parity({matrix_step(scale, {0.1, 0.0, -0.1})}, pixels, kMatrixTolerance,
                  "diagonal with offset");
}

TEST(ProgramParityCdl, GradesWithPowerAndSaturation) {
    const std::vector<float> pixels = test_pixels(31);
    for (size_t i = 0; i < std::size(kGrades); ++i)
        expect_parity({cdl_step(kGrades[i])}, pixels, kCdlTolerance, fmt::format("grade {}", i));
}

TEST(ProgramParityLut, Cube3DTetrahedralAndTrilinear) {
    test::ScratchDir dir;
    const std::vector<float> pixels = test_pixels(41);
    const std::vector<float> unit = unit_pixels(42);
    for (int size : {17, 33}) {
        const std::string path = dir.file(fmt::format("grade{}.cube", size));
        write_file(path, cube_text(size, 0, 1.0));
        for (const char* interpolation : {"tetrahedral", "trilinear"}) {
            const std::string what = fmt::format("{}^3 {}", size, interpolation);
            expect_parity({lut_step(path, interpolation)}, pixels, kLut3DTolerance, what);
            expect_parity({lut_step(path, interpolation)}, unit, kLut3DTolerance, what + " 0..1");
        }
    }
    // A domain other than 0..1 (scale != size - 1).
    const std::string wide = dir.file("wide.cube");
    write_file(wide, cube_text(17, 0, 4.0));
    expect_parity({lut_step(wide, "tetrahedral")}, pixels, kLut3DTolerance, "17^3 over 0..4");
    expect_parity({lut_step(wide, "trilinear")}, pixels, kLut3DTolerance, "17^3 trilinear 0..4");
}

TEST(ProgramParityLut, ShaperAnd1D) {
    test::ScratchDir dir;
    const std::vector<float> pixels = test_pixels(51);
    // Resolve style: a 1D shaper over 0..16 then a 33^3 cube: two ops.
    const std::string shaper = dir.file("shaper.cube");
    write_file(shaper, cube_text(33, 1024, 16.0));
    {
        const ColorProcessor processor = make_processor({lut_step(shaper)});
        EXPECT_EQ(exported_program(processor).program.count, 2) << processor.describe();
        EXPECT_EQ(exported_program(processor).program.ops[0].kind, slate_gpu::ColorOpKind::Lut1D);
        EXPECT_EQ(exported_program(processor).program.ops[1].kind, slate_gpu::ColorOpKind::Lut3D);
    }
    // 1D and 3D differ in their families' tolerances; the cube's is the larger.
    expect_parity({lut_step(shaper)}, pixels, kLut3DTolerance, "1D shaper + 33^3");
    expect_parity({lut_step(shaper, "trilinear")}, pixels, kLut3DTolerance,
                  "1D shaper + 33^3 trilinear");
    // A 1D LUT alone, over a domain that starts below 0.
    const std::string one_d = dir.file("curve.cube");
    write_file(one_d, lut1d_text(4096, -0.25, 1.75));
    expect_parity({lut_step(one_d)}, pixels, kExact, "1D 4096 over -0.25..1.75");
    const std::string small = dir.file("small.cube");
    write_file(small, lut1d_text(2, 0.0, 1.0));
    expect_parity({lut_step(small)}, pixels, kExact, "1D of 2 entries");
}

// ---- chains ----------------------------------------------------------------------------------

TEST(ProgramParityChain, CameraToDisplayGrade) {
    test::ScratchDir dir;
    const std::string cube = dir.file("look.cube");
    write_file(cube, cube_text(33, 0, 1.0));
    // LogC3 -> linear -> AWG3 to Rec.709 -> sRGB -> CDL -> 33^3 look: six ops.
    const std::vector<ColorStep> steps = {
        transfer_step(Transfer::LogC3, true),
        matrix_step(gamut_conversion(Gamut::AwG3, Gamut::Rec709)),
        transfer_step(Transfer::Srgb, false),
        cdl_step(kGrades[0]),
        lut_step(cube),
    };
    {
        const ColorProcessor processor = make_processor(steps);
        EXPECT_EQ(exported_program(processor).program.count, 5) << processor.describe();
    }
    expect_parity(steps, unit_pixels(61), kChainTolerance, "LogC3 -> Rec.709 sRGB graded");
    expect_parity(steps, test_pixels(62), kChainTolerance, "same, wild inputs");
}

TEST(ProgramParityChain, HdrPqToAcescct) {
    // PQ -> linear -> Rec.2020 to AP1 -> ACEScct -> CDL -> ACEScct decode -> AP1 to Rec.709 ->
    // gamma 2.4: curves on both sides of the CDL.
    const auto steps = [](const CdlValues& cdl) {
        return std::vector<ColorStep>{
            transfer_step(Transfer::Pq, true),
            matrix_step(gamut_conversion(Gamut::Rec2020, Gamut::Ap1)),
            transfer_step(Transfer::AcesCct, false),
            cdl_step(cdl),
            transfer_step(Transfer::AcesCct, true),
            matrix_step(gamut_conversion(Gamut::Ap1, Gamut::Rec709)),
            transfer_step(Transfer::Bt1886, false),
        };
    };
    // With powers of 1 the CDL is one fused multiply-add and a clamp on both sides: only the
    // matrices' FMA differences remain (none on FMA targets).
    const CdlValues linear_grade{{0.7, 1.3, 1.0}, {0.05, 0.0, -0.1}, {1.0, 1.0, 1.0}, 1.0, ""};
    expect_parity(steps(linear_grade), unit_pixels(71), Tolerance{1e-6, 1e-6},
                  "PQ -> ACEScct slope/offset -> BT.1886");
    // With powers, the CDL's ~1e-7 (Highway's Exp/Log against powf) is amplified by the chain:
    // ACEScct decoding (slope ln 2 * 17.52 * linear, ~12 near 1), the AP1 -> Rec.709 matrix
    // cancelling to results near 0 (absolute errors ~1e-5 on values ~3e-3), then gamma 1/2.4
    // whose slope there is ~12: up to ~2e-4 on a few pixels in 20000.
    expect_parity(steps(kGrades[1]), unit_pixels(72), Tolerance{5e-4, 0.0},
                  "PQ -> ACEScct grade -> BT.1886");
}

// ---- what has no GPU form --------------------------------------------------------------------

/// Line `index` of the processor's describe().
std::string describe_line(const ColorProcessor& processor, int index) {
    std::istringstream lines(processor.describe());
    std::string line;
    for (int i = 0; i <= index; ++i) std::getline(lines, line);
    return line;
}

void expect_unsupported(const std::vector<ColorStep>& steps, int op_index,
                        const std::string& what) {
    const ColorProcessor processor = make_processor(steps);
    const ExportedProgram& exported = exported_program(processor);
    EXPECT_EQ(exported.unsupported, describe_line(processor, op_index))
        << what << ": should name op " << op_index << " of\n"
        << processor.describe();
    EXPECT_FALSE(exported.unsupported.empty()) << what;
    EXPECT_EQ(exported.program.count, 0) << what << ": an unsupported pipeline exports no ops";
}

TEST(ProgramParityUnsupported, NamesTheFirstOpWithoutAGpuForm) {
    ColorStep tone_map;
    tone_map.kind = ColorStep::Kind::ToneMap;
    ColorStep ootf;
    ootf.kind = ColorStep::Kind::HlgOotf;
    ColorStep inverse_ootf = ootf;
    inverse_ootf.inverse = true;

    expect_unsupported({transfer_step(Transfer::Pq, true), tone_map}, 1, "tone map");
    expect_unsupported({transfer_step(Transfer::Hlg, true), ootf}, 1, "HLG OOTF");
    expect_unsupported({inverse_ootf, transfer_step(Transfer::Hlg, false)}, 0, "inverse OOTF");
    expect_unsupported({cdl_step(kGrades[0], true)}, 0, "inverse CDL");
    expect_unsupported({cdl_step(kGrades[0]), cdl_step(kGrades[1], true), tone_map}, 1,
                       "inverse CDL before a tone map");

    // An inverse LUT becomes an OpenColorIO op.
    test::ScratchDir dir;
    const std::string cube = dir.file("inv.cube");
    write_file(cube, lut1d_text(64, 0.0, 1.0));
    expect_unsupported({transfer_step(Transfer::Srgb, true), lut_step(cube, "tetrahedral", true)},
                       1, "inverse LUT (OpenColorIO)");
}

TEST(ProgramParityUnsupported, AtMostTwelveOps) {
    // Alternating decode/encode of different curves: nothing fuses, nothing drops.
    std::vector<ColorStep> steps;
    const Transfer curves[] = {Transfer::Srgb, Transfer::Pq, Transfer::LogC3, Transfer::SLog3};
    for (int i = 0; i < slate_gpu::kMaxColorOps; ++i)
        steps.push_back(transfer_step(curves[i % 4], i % 2 == 0));
    {
        const ColorProcessor processor = make_processor(steps);
        const ExportedProgram& exported = exported_program(processor);
        EXPECT_EQ(exported.unsupported, "") << "12 ops fit";
        EXPECT_EQ(exported.program.count, slate_gpu::kMaxColorOps);
    }
    steps.push_back(transfer_step(Transfer::VLog, true));
    const ColorProcessor processor = make_processor(steps);
    const ExportedProgram& exported = exported_program(processor);
    EXPECT_EQ(exported.unsupported, "more than 12 ops");
    EXPECT_EQ(exported.program.count, 0);
    // An op without a GPU form is named rather than the count.
    ColorStep ootf;
    ootf.kind = ColorStep::Kind::HlgOotf;
    steps.push_back(ootf);
    expect_unsupported(steps, slate_gpu::kMaxColorOps + 1, "13 ops and an OOTF");
}

TEST(ProgramParityUnsupported, EmptyPipelineExportsNothing) {
    const ColorProcessor processor = make_processor({});
    EXPECT_EQ(exported_program(processor).unsupported, "");
    EXPECT_EQ(exported_program(processor).program.count, 0);
    EXPECT_TRUE(slate_gpu::program_valid(exported_program(processor).program));
}

}  // namespace
}  // namespace media::color
