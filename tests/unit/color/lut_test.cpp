// SPDX-License-Identifier: Apache-2.0
// LUT application against the functions the LUTs were baked from and against OpenColorIO 2.1's
// own reading and application of the same files (.cube IRIDAS and Resolve, .3dl, .spi1d, .spi3d).
#include <gtest/gtest.h>

#include <OpenColorIO/OpenColorIO.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "media/color/lut.h"
#include "scratch_dir.h"

namespace OCIO = OCIO_NAMESPACE;

namespace media::color {
namespace {

// OCIO computes in float32 on tables of float32: 1e-5 is a few float ulps of values near 1.
constexpr double kOcioTolerance = 1e-5;

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

double max_abs_difference(const Vec3& a, const Vec3& b) {
    return std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])});
}

// A smooth function with cross-channel mixing: a channel mix followed by a 2.2 power.
Vec3 smooth_grade(const Vec3& in) {
    const Matrix3 mix{{{0.80, 0.15, 0.05}, {0.10, 0.80, 0.10}, {0.05, 0.15, 0.80}}};
    const Vec3 mixed = multiply(mix, in);
    Vec3 out{};
    for (int c = 0; c < 3; ++c) out[c] = std::pow(std::max(mixed[c], 0.0), 2.2);
    return out;
}

// A cube's table lines, red fastest; 9 significant digits so every reader gets the same floats.
std::string table_text(const std::vector<float>& table) {
    std::string out;
    for (size_t i = 0; i < table.size(); i += 3)
        out += fmt::format("{:.9g} {:.9g} {:.9g}\n", table[i], table[i + 1], table[i + 2]);
    return out;
}

std::vector<Vec3> random_colours(int count, double low, double high, unsigned seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> value(low, high);
    std::vector<Vec3> colours(static_cast<size_t>(count));
    for (Vec3& c : colours) c = {value(random), value(random), value(random)};
    return colours;
}

// Every node of a size^3 grid over [low, high]^3 plus the centres of the cells between them.
std::vector<Vec3> grid_colours(int size, double low, double high) {
    std::vector<Vec3> colours;
    const double step = (high - low) / (size - 1);
    for (int b = 0; b < size; ++b)
        for (int g = 0; g < size; ++g)
            for (int r = 0; r < size; ++r) {
                colours.push_back({low + r * step, low + g * step, low + b * step});
                colours.push_back(
                    {low + (r + 0.5) * step, low + (g + 0.25) * step, low + (b + 0.75) * step});
            }
    return colours;
}

class OcioReference {
public:
    OcioReference(const std::string& path, OCIO::Interpolation interpolation) {
        auto config = OCIO::Config::CreateRaw();
        auto file = OCIO::FileTransform::Create();
        file->setSrc(path.c_str());
        file->setInterpolation(interpolation);
        m_cpu = config->getProcessor(file)->getOptimizedCPUProcessor(
            OCIO::BIT_DEPTH_F32, OCIO::BIT_DEPTH_F32, OCIO::OPTIMIZATION_NONE);
    }
    Vec3 apply(const Vec3& in) const {
        float pixel[3] = {static_cast<float>(in[0]), static_cast<float>(in[1]),
                          static_cast<float>(in[2])};
        m_cpu->applyRGB(pixel);
        return {pixel[0], pixel[1], pixel[2]};
    }

private:
    OCIO::ConstCPUProcessorRcPtr m_cpu;
};

// The largest difference between our application of `path` and OCIO's on `colours`.
double max_error_against_ocio(const std::string& path, const std::vector<Vec3>& colours,
                              LutInterpolation interpolation) {
    auto lut = read_lut_file(path);
    EXPECT_TRUE(lut.ok()) << (lut ? "" : lut.error().to_string());
    if (!lut) return std::numeric_limits<double>::infinity();
    // OCIO warns about tetrahedral on a 1D-only file: ask it for linear there (the same thing).
    const bool tetrahedral = interpolation == LutInterpolation::Tetrahedral && lut->cube;
    const OcioReference ocio(path, tetrahedral ? OCIO::INTERP_TETRAHEDRAL : OCIO::INTERP_LINEAR);
    double worst = 0;
    for (const Vec3& c : colours) {
        // OCIO reads float pixels: give both sides the same input.
        const Vec3 in{static_cast<float>(c[0]), static_cast<float>(c[1]), static_cast<float>(c[2])};
        worst = std::max(worst, max_abs_difference(lut->apply(in, interpolation), ocio.apply(in)));
    }
    return worst;
}

class LutFiles : public ::testing::Test {
protected:
    // Checks `name` (already written) against OCIO, tetrahedral and trilinear, on random colours
    // (some outside the domain, to exercise clamping) and on grid nodes and cell centres.
    void expect_matches_ocio(const std::string& name, double low, double high, int grid) {
        const std::string path = m_dir.file(name);
        const std::vector<Vec3> random = random_colours(2000, low, high, 7);
        const std::vector<Vec3> nodes = grid_colours(grid, low, high);
        for (const auto interpolation :
             {LutInterpolation::Tetrahedral, LutInterpolation::Trilinear}) {
            const char* label =
                interpolation == LutInterpolation::Tetrahedral ? "tetra" : "trilinear";
            const double random_error = max_error_against_ocio(path, random, interpolation);
            const double grid_error = max_error_against_ocio(path, nodes, interpolation);
            EXPECT_LE(random_error, kOcioTolerance) << name << " " << label << " random";
            EXPECT_LE(grid_error, kOcioTolerance) << name << " " << label << " grid";
            std::printf("[ measured ] %s %s vs OCIO: random %.3g, grid %.3g\n", name.c_str(), label,
                        random_error, grid_error);
        }
    }

    media::test::ScratchDir m_dir;
};

TEST_F(LutFiles, CubeTetrahedralFollowsTheBakedFunction) {
    const Lut3D baked = bake_lut3d(33, smooth_grade);
    write_text(m_dir.file("smooth.cube"),
               "# baked from a mix + 2.2 power\nTITLE \"smooth\"\nLUT_3D_SIZE 33\n" +
                   table_text(baked.table));
    auto lut = read_lut_file(m_dir.file("smooth.cube"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    EXPECT_EQ(lut->title, "smooth");
    ASSERT_TRUE(lut->cube.has_value());
    EXPECT_FALSE(lut->shaper.has_value());
    double worst = 0;
    for (const Vec3& c : random_colours(20000, 0.0, 1.0, 1))
        worst = std::max(worst, max_abs_difference(lut->apply(c), smooth_grade(c)));
    std::printf("[ measured ] 33^3 tetrahedral vs analytic: %.3g\n", worst);
    EXPECT_LE(worst, 1e-3);
    // A coarser grid must do measurably worse, or the check above proves nothing.
    const Lut3D coarse = bake_lut3d(5, smooth_grade);
    double coarse_worst = 0;
    for (const Vec3& c : random_colours(2000, 0.0, 1.0, 2))
        coarse_worst = std::max(coarse_worst, max_abs_difference(coarse.apply(c), smooth_grade(c)));
    EXPECT_GT(coarse_worst, 1e-3);
}

TEST_F(LutFiles, CubeMatchesOcio) {
    write_text(m_dir.file("smooth.cube"), "TITLE \"smooth\"\nLUT_3D_SIZE 33\n" +
                                              table_text(bake_lut3d(33, smooth_grade).table));
    expect_matches_ocio("smooth.cube", -0.1, 1.1, 9);
}

TEST_F(LutFiles, CubeWithDomainMatchesOcio) {
    // IRIDAS DOMAIN_MIN/MAX: the grid spans a per-channel box rather than [0, 1]^3.
    const Vec3 min{-0.1, -0.2, 0.0};
    const Vec3 max{1.5, 2.0, 1.25};
    const Lut3D baked = bake_lut3d(17, [&](const Vec3& unit) {
        Vec3 in{};
        for (int c = 0; c < 3; ++c) in[c] = min[c] + unit[c] * (max[c] - min[c]);
        return smooth_grade({std::max(in[0], 0.0), std::max(in[1], 0.0), std::max(in[2], 0.0)});
    });
    write_text(m_dir.file("domain.cube"),
               "LUT_3D_SIZE 17\nDOMAIN_MIN -0.1 -0.2 0\n"
               "DOMAIN_MAX 1.5 2.0 1.25\n" +
                   table_text(baked.table));
    auto lut = read_lut_file(m_dir.file("domain.cube"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    EXPECT_EQ(lut->cube->domain_min, min);
    EXPECT_EQ(lut->cube->domain_max, max);
    expect_matches_ocio("domain.cube", -0.3, 2.2, 7);
}

TEST_F(LutFiles, Cube1DWithDomainMatchesOcio) {
    std::string text = "LUT_1D_SIZE 64\nDOMAIN_MIN -0.5 0 0.25\nDOMAIN_MAX 2 1 1.5\n";
    for (int i = 0; i < 64; ++i) {
        const double t = i / 63.0;
        text += fmt::format("{:.9g} {:.9g} {:.9g}\n", std::sqrt(t), t * t, std::sin(t));
    }
    write_text(m_dir.file("curves.cube"), text);
    auto lut = read_lut_file(m_dir.file("curves.cube"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    ASSERT_TRUE(lut->shaper.has_value());
    EXPECT_FALSE(lut->cube.has_value());
    expect_matches_ocio("curves.cube", -1.0, 2.5, 9);
}

TEST_F(LutFiles, ResolveShaperAndCubeMatchOcio) {
    // A log-like shaper over [-0.01, 4] into a 33^3 cube, as Resolve writes for scene-linear input.
    std::string text =
        "# shaper + cube\nLUT_1D_SIZE 1024\nLUT_1D_INPUT_RANGE -0.01 4.0\nLUT_3D_SIZE 33\n"
        "LUT_3D_INPUT_RANGE 0.0 1.0\n";
    for (int i = 0; i < 1024; ++i) {
        const double x = -0.01 + 4.01 * i / 1023.0;
        const float y = static_cast<float>(std::log2(std::max(x, 0.0) + 0.05) / 6.0 + 0.75);
        text += fmt::format("{:.9g} {:.9g} {:.9g}\n", y, y, y);
    }
    text += table_text(bake_lut3d(33, smooth_grade).table);
    write_text(m_dir.file("resolve.cube"), text);
    auto lut = read_lut_file(m_dir.file("resolve.cube"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    ASSERT_TRUE(lut->shaper.has_value() && lut->cube.has_value());
    EXPECT_EQ(lut->shaper->size, 1024);
    EXPECT_EQ(lut->shaper->domain_min, (Vec3{-0.01, -0.01, -0.01}));
    EXPECT_EQ(lut->shaper->domain_max, (Vec3{4.0, 4.0, 4.0}));
    expect_matches_ocio("resolve.cube", -0.05, 4.5, 9);
}

// A .3dl of `edge`^3 integer codes at `bits` output depth, blue varying fastest, after `mesh`.
std::string three_dl_text(int edge, int bits, const std::string& mesh) {
    const double scale = std::ldexp(1.0, bits) - 1;
    std::string text = "3DMESH\nMesh 4 " + std::to_string(bits) + "\n" + mesh + "\n";
    for (int r = 0; r < edge; ++r)
        for (int g = 0; g < edge; ++g)
            for (int b = 0; b < edge; ++b) {
                const Vec3 out =
                    smooth_grade({r / (edge - 1.0), g / (edge - 1.0), b / (edge - 1.0)});
                text += fmt::format("{} {} {}\n", std::lround(out[0] * scale),
                                    std::lround(out[1] * scale), std::lround(out[2] * scale));
            }
    return text + "\nLUT8\ngamma 1.0\n";
}

TEST_F(LutFiles, ThreeDLMatchesOcio) {
    const std::string mesh = "0 64 128 192 256 320 384 448 512 576 640 704 768 832 896 960 1023";
    for (const int bits : {10, 12, 16}) {
        const std::string name = fmt::format("grade{}.3dl", bits);
        write_text(m_dir.file(name), three_dl_text(17, bits, mesh));
        auto lut = read_lut_file(m_dir.file(name));
        ASSERT_TRUE(lut.ok()) << lut.error().to_string();
        EXPECT_FALSE(lut->shaper.has_value()) << "an even mesh is the identity";
        ASSERT_TRUE(lut->cube.has_value());
        EXPECT_EQ(lut->cube->size, 17);
        // The output depth is inferred from the largest code: the top corner is (1, 1, 1).
        EXPECT_NEAR(lut->apply({1, 1, 1})[0], 1.0, 1e-6) << name;
        // Blue fastest in the file, red fastest in Lut3D: a pure-red input must give the
        // function's red response.
        const Vec3 red = lut->apply({1, 0, 0});
        EXPECT_NEAR(red[0], smooth_grade({1, 0, 0})[0], 1e-3) << name;
        EXPECT_NEAR(red[2], smooth_grade({1, 0, 0})[2], 1e-3) << name;
        expect_matches_ocio(name, -0.1, 1.1, 9);
    }
    // An uneven mesh is a shaper, applied as OCIO applies it.
    std::string uneven = "0";
    for (int i = 1; i < 17; ++i)
        uneven += " " + std::to_string(std::lround(1023 * std::pow(i / 16.0, 1.5)));
    write_text(m_dir.file("uneven.3dl"), three_dl_text(17, 12, uneven));
    auto lut = read_lut_file(m_dir.file("uneven.3dl"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    EXPECT_TRUE(lut->shaper.has_value());
    expect_matches_ocio("uneven.3dl", -0.1, 1.1, 9);
}

TEST_F(LutFiles, Spi1DMatchesOcio) {
    std::string one = "Version 1\nFrom -0.125 1.125\nLength 256\nComponents 1\n{\n";
    std::string three = "Version 1\nFrom 0 2\nLength 100\nComponents 3\n{\n";
    for (int i = 0; i < 256; ++i) one += fmt::format("  {:.9g}\n", std::sin(i / 80.0));
    for (int i = 0; i < 100; ++i) {
        const double t = i / 99.0;
        three += fmt::format("    {:.9g} {:.9g} {:.9g}\n", t * t, std::sqrt(t), 1 - t);
    }
    write_text(m_dir.file("one.spi1d"), one + "}\n");
    write_text(m_dir.file("three.spi1d"), three + "}\n");
    auto lut = read_lut_file(m_dir.file("one.spi1d"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    ASSERT_TRUE(lut->shaper.has_value());
    EXPECT_EQ(lut->shaper->domain_min, (Vec3{-0.125, -0.125, -0.125}));
    expect_matches_ocio("one.spi1d", -0.5, 1.5, 9);
    expect_matches_ocio("three.spi1d", -0.5, 2.5, 9);
}

TEST_F(LutFiles, Spi3DMatchesOcio) {
    // Entries in a shuffled order: .spi3d names each entry's indices.
    const int edge = 17;
    std::vector<std::string> lines;
    for (int r = 0; r < edge; ++r)
        for (int g = 0; g < edge; ++g)
            for (int b = 0; b < edge; ++b) {
                const Vec3 out = smooth_grade({r / 16.0, g / 16.0, b / 16.0});
                lines.push_back(fmt::format("{} {} {} {:.9g} {:.9g} {:.9g}\n", r, g, b,
                                            static_cast<float>(out[0]), static_cast<float>(out[1]),
                                            static_cast<float>(out[2])));
            }
    std::shuffle(lines.begin(), lines.end(), std::mt19937(3));
    std::string text = "SPILUT 1.0\n3 3\n17 17 17\n";
    for (const std::string& line : lines) text += line;
    write_text(m_dir.file("grade.spi3d"), text);
    auto lut = read_lut_file(m_dir.file("grade.spi3d"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    ASSERT_TRUE(lut->cube.has_value());
    EXPECT_NEAR(lut->apply({1, 0, 0})[0], smooth_grade({1, 0, 0})[0], 1e-6);
    expect_matches_ocio("grade.spi3d", -0.1, 1.1, 9);
}

// ---- interpolation on hand-built LUTs ----

TEST(Lut3DApply, TetrahedralIsExactForAffineMaps) {
    // Both interpolations reproduce an affine map exactly (up to float storage).
    const auto affine = [](const Vec3& x) {
        return Vec3{0.1 + 0.7 * x[0] + 0.2 * x[1], 0.9 * x[1] - 0.1 * x[2] + 0.05,
                    0.3 * x[0] + 0.3 * x[1] + 0.4 * x[2]};
    };
    const Lut3D lut = bake_lut3d(5, affine);
    for (const Vec3& c : random_colours(1000, 0.0, 1.0, 5)) {
        EXPECT_LE(max_abs_difference(lut.apply(c, LutInterpolation::Tetrahedral), affine(c)), 1e-6);
        EXPECT_LE(max_abs_difference(lut.apply(c, LutInterpolation::Trilinear), affine(c)), 1e-6);
    }
}

TEST(Lut3DApply, TrilinearIsExactForMultilinearMapsAndTetrahedralIsNot) {
    // r*g*b is linear along each axis: trilinear reproduces it, tetrahedral cannot.
    const auto product = [](const Vec3& x) { return Vec3{x[0] * x[1] * x[2], x[0] * x[1], 0}; };
    const Lut3D lut = bake_lut3d(2, product);
    double tetra_worst = 0;
    for (const Vec3& c : random_colours(1000, 0.0, 1.0, 6)) {
        EXPECT_LE(max_abs_difference(lut.apply(c, LutInterpolation::Trilinear), product(c)), 1e-6);
        tetra_worst =
            std::max(tetra_worst,
                     max_abs_difference(lut.apply(c, LutInterpolation::Tetrahedral), product(c)));
    }
    EXPECT_GT(tetra_worst, 0.05);
    // Along the main diagonal a tetrahedral lookup uses only the two diagonal corners.
    EXPECT_NEAR(lut.apply({0.5, 0.5, 0.5})[0], 0.5, 1e-9);
}

TEST(Lut3DApply, ClampsToTheDomainAndTakesNanAsTheMinimum) {
    Lut3D lut = bake_lut3d(9, smooth_grade);
    lut.domain_min = {-1, 0, 0.5};
    lut.domain_max = {1, 2, 1.5};
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_EQ(lut.apply({nan, nan, nan}), lut.apply(lut.domain_min));
    EXPECT_EQ(lut.apply({-5, -inf, 0}), lut.apply(lut.domain_min));
    EXPECT_EQ(lut.apply({5, inf, 7}), lut.apply(lut.domain_max));
    EXPECT_EQ(lut.apply({nan, 1, 1}), lut.apply({-1, 1, 1}));
    // The domain maps linearly onto the grid: the domain's centre is the grid's centre node.
    const Vec3 centre = lut.apply({0, 1, 1});
    const size_t node = ((4 * 9 + 4) * 9 + 4) * 3;
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(centre[c], lut.table[node + c], 1e-7);
    // A LUT whose table does not fit its size is left alone rather than read out of bounds.
    Lut3D broken;
    broken.size = 4;
    broken.table.assign(10, 0.5f);
    EXPECT_EQ(broken.apply({0.2, 0.3, 0.4}), (Vec3{0.2, 0.3, 0.4}));
}

TEST(Lut1DApply, InterpolatesLinearlyAndClamps) {
    Lut1D lut;
    lut.size = 3;
    lut.domain_min = {0, -1, 0};
    lut.domain_max = {2, 1, 1};
    lut.table = {0, 10, 100, 1, 20, 200, 4, 40, 400};
    const Vec3 out = lut.apply({0.5, 0.5, 0.25});
    EXPECT_NEAR(out[0], 0.5, 1e-12);   // a quarter of the way from 0 to 1
    EXPECT_NEAR(out[1], 30.0, 1e-12);  // 0.5 lies three quarters along [-1, 1]
    EXPECT_NEAR(out[2], 150.0, 1e-12);
    EXPECT_EQ(lut.apply({-3, -3, -3}), (Vec3{0, 10, 100}));
    EXPECT_EQ(lut.apply({9, 9, 9}), (Vec3{4, 40, 400}));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(lut.apply({nan, nan, nan}), (Vec3{0, 10, 100}));
}

TEST(LutFileApply, ShaperThenCube) {
    LutFile file;
    Lut1D shaper;
    shaper.size = 2;
    shaper.table = {0, 0, 0, 0.5f, 0.5f, 0.5f};  // halves every channel
    file.shaper = shaper;
    file.cube = bake_lut3d(17, smooth_grade);
    const Vec3 in{0.8, 0.4, 0.6};
    const Vec3 expected = file.cube->apply({0.4, 0.2, 0.3});
    EXPECT_EQ(file.apply(in), expected);
}

TEST(BakeLut3D, SamplesTheUnitCubeRedFastest) {
    const auto fn = [](const Vec3& x) { return Vec3{x[0], 10 * x[1], 100 * x[2]}; };
    const Lut3D lut = bake_lut3d(4, fn);
    ASSERT_EQ(lut.size, 4);
    ASSERT_EQ(lut.table.size(), 4u * 4 * 4 * 3);
    EXPECT_EQ(lut.domain_min, (Vec3{0, 0, 0}));
    EXPECT_EQ(lut.domain_max, (Vec3{1, 1, 1}));
    for (int b = 0; b < 4; ++b)
        for (int g = 0; g < 4; ++g)
            for (int r = 0; r < 4; ++r) {
                const size_t at = static_cast<size_t>(((b * 4 + g) * 4 + r) * 3);
                EXPECT_FLOAT_EQ(lut.table[at], static_cast<float>(r / 3.0));
                EXPECT_FLOAT_EQ(lut.table[at + 1], static_cast<float>(10 * g / 3.0));
                EXPECT_FLOAT_EQ(lut.table[at + 2], static_cast<float>(100 * b / 3.0));
            }
}

}  // namespace
}  // namespace media::color
