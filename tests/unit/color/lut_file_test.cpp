// SPDX-License-Identifier: Apache-2.0
// Reading LUT files: every malformed input is an InvalidArgument naming the file and the line at
// fault, never a crash; write -> read round trips; parse speed of a 65^3 cube.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "media/color/color_pipeline.h"
#include "media/color/lut.h"
#include "scratch_dir.h"

namespace media::color {
namespace {

void write_text(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string cube_entries(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out += fmt::format("{} 0.5 1\n", i % 2);
    return out;
}

struct BadFile {
    const char* name;
    std::string text;
    int line;             ///< the line the message must name
    const char* mention;  ///< a phrase the message must hold
};

class LutFileErrors : public ::testing::Test {
protected:
    void expect_errors(const std::vector<BadFile>& cases) {
        for (const BadFile& bad : cases) {
            const std::string path = m_dir.file(bad.name);
            write_text(path, bad.text);
            auto lut = read_lut_file(path);
            ASSERT_FALSE(lut.ok()) << bad.name;
            const Error& error = lut.error();
            EXPECT_EQ(error.code(), ErrorCode::InvalidArgument) << bad.name;
            const std::string text = error.to_string();
            EXPECT_EQ(text.rfind(path + ": line " + std::to_string(bad.line) + ": ", 0), 0u)
                << bad.name << " -> " << text;
            EXPECT_NE(text.find(bad.mention), std::string::npos) << bad.name << " -> " << text;
            auto checked = check_lut_file(path);
            ASSERT_FALSE(checked.ok()) << bad.name;
            EXPECT_EQ(checked.error().to_string(), text);
        }
    }
    media::test::ScratchDir m_dir;
};

TEST_F(LutFileErrors, Cube) {
    const std::string eight = cube_entries(8);
    expect_errors({
        {"short.cube", "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n", 4, "expected 8 table entries"},
        {"short2.cube", "LUT_3D_SIZE 2\n" + cube_entries(7), 8, "found 7"},
        {"long.cube", "LUT_3D_SIZE 2\n" + cube_entries(9), 10, "more table entries than the 8"},
        {"shaper_short.cube", "LUT_1D_SIZE 4\nLUT_3D_SIZE 2\n" + cube_entries(11), 13,
         "expected 12 table entries (LUT_1D_SIZE 4 + LUT_3D_SIZE 2"},
        {"no_size.cube", "TITLE \"x\"\n# nothing\n", 2, "no LUT_3D_SIZE or LUT_1D_SIZE"},
        {"table_first.cube", "# c\n0 0 0\nLUT_3D_SIZE 2\n", 2, "table before LUT_3D_SIZE"},
        {"empty.cube", "", 1, "no LUT_3D_SIZE"},
        {"nan.cube", "LUT_1D_SIZE 2\nnan nan nan\n1 1 1\n", 2, "'nan' is NaN, infinite"},
        {"inf.cube", "LUT_1D_SIZE 2\n0 0 0\n1 -inf 1\n", 3, "'-inf' is NaN, infinite"},
        {"overflow.cube", "LUT_1D_SIZE 2\n0 0 0\n1 1e999 1\n", 3, "out of range"},
        {"huge.cube", "LUT_3D_SIZE 100000\n0 0 0\n", 1, "LUT_3D_SIZE 100000 is outside 2..256"},
        {"over.cube", "LUT_3D_SIZE 257\n", 1, "outside 2..256"},
        {"one.cube", "LUT_3D_SIZE 1\n0 0 0\n", 1, "outside 2..256"},
        {"negative.cube", "LUT_1D_SIZE -5\n0 0 0\n", 1, "LUT_1D_SIZE -5 is outside"},
        {"huge1d.cube", "LUT_1D_SIZE 2000000\n", 1, "outside 2..1048576"},
        {"size_word.cube", "LUT_3D_SIZE two\n", 1, "LUT_3D_SIZE takes one whole number"},
        {"size_float.cube", "LUT_3D_SIZE 2.5\n", 1, "takes one whole number"},
        {"stray.cube", "LUT_3D_SIZE 2\nhello there\n" + eight, 2, "stray text 'hello there'"},
        {"unknown.cube", "LUT_4D_SIZE 2\n", 1, "unknown keyword"},
        {"lut2d.cube", "LUT_2D_SIZE 2\n", 1, "LUT_2D_SIZE"},
        {"binary.cube", std::string("LUT_3D_SIZE 2\n\x01\x02\xff\n", 18), 2, "'\\x01\\x02\\xff'"},
        {"letters.cube", "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 x 1\n1 1 1\n",
         8, "'x' is not a number"},
        {"four.cube", "LUT_3D_SIZE 2\n0 0 0 0\n", 2, "4 values on a table line, expected 3"},
        {"two.cube", "LUT_3D_SIZE 2\n0 0\n", 2, "2 values on a table line"},
        {"late.cube", "LUT_3D_SIZE 2\n0 0 0\nLUT_1D_SIZE 2\n", 3, "after the table started"},
        {"twice.cube", "LUT_3D_SIZE 2\nLUT_3D_SIZE 2\n" + eight, 2,
         "given twice (first on line 1)"},
        {"domain.cube", "LUT_3D_SIZE 2\nDOMAIN_MIN 0 0 1\nDOMAIN_MAX 1 1 1\n" + eight, 3,
         "DOMAIN_MIN must be below DOMAIN_MAX"},
        {"domain_two.cube", "LUT_3D_SIZE 2\nDOMAIN_MIN 0 0\n", 2, "DOMAIN_MIN takes 3 numbers"},
        {"domain_nan.cube", "LUT_3D_SIZE 2\nDOMAIN_MAX 1 nan 1\n", 2, "'nan' is NaN"},
        {"domain_both.cube", "LUT_1D_SIZE 2\nLUT_3D_SIZE 2\nDOMAIN_MAX 2 2 2\n" + cube_entries(10),
         3, "ambiguous"},
        {"range.cube", "LUT_3D_SIZE 2\nLUT_3D_INPUT_RANGE 1 0\n", 2, "needs min < max"},
        {"range_1d.cube", "LUT_3D_SIZE 2\nLUT_1D_INPUT_RANGE 0 2\n" + eight, 2,
         "LUT_1D_INPUT_RANGE without LUT_1D_SIZE"},
        {"range_domain.cube", "LUT_3D_SIZE 2\nLUT_3D_INPUT_RANGE 0 2\nDOMAIN_MAX 2 2 2\n" + eight,
         3, "both DOMAIN_MIN/DOMAIN_MAX and LUT_3D_INPUT_RANGE"},
    });
}

TEST_F(LutFileErrors, ThreeDL) {
    const std::string table = [] {
        std::string out;
        for (int i = 0; i < 8; ++i) out += fmt::format("{} {} {}\n", i * 100, 0, 4095);
        return out;
    }();
    expect_errors({
        {"two.3dl", "0 341 682 1023\n0 0\n", 2, "2 values on a table line, expected 3"},
        {"floats.3dl", "0 0 0\n0 0 1\n0 1 0\n0 1 1\n1 0 0\n1 0 1\n1 1 0\n1 1 1\n", 8, "below 128"},
        {"not_cube.3dl", "0 341 682 1023\n" + table + "0 0 1000\n", 10, "9 table entries"},
        {"xml.3dl", "<?xml version=\"1.0\"?>\n", 1, "XML"},
        {"negative.3dl", "0 -1 0\n", 1, "code value -1 is outside"},
        {"stray.3dl", "3DMESH\nhello\n", 2, "stray text 'hello'"},
        {"word.3dl", "0 341 682 1023\n0 7x 0\n", 2, "'7x' is not a whole number"},
        {"float_value.3dl", "0 0.5 1\n", 1, "'0.5' is not a whole number"},
        {"two_meshes.3dl", "0 341 682 1023\n0 341 682 1023\n", 2, "a second input-range line"},
        {"late_mesh.3dl", table + "0 341 682 1023\n", 9, "after the table started"},
        {"empty.3dl", "# nothing\n", 1, "no table"},
        {"huge.3dl", "0 0 99999999999\n", 1, "outside 0..2147483647"},
        {"low_mesh.3dl", "0 1 2 3\n" + table, 1, "largest input-range value 3"},
    });
}

TEST_F(LutFileErrors, Spi1D) {
    const std::string header = "Version 1\nFrom 0 1\nLength 3\nComponents 1\n";
    expect_errors({
        {"no_version.spi1d", "From 0 1\nLength 2\nComponents 1\n{\n0\n1\n}\n", 4, "no 'Version'"},
        {"version2.spi1d", "Version 2\n", 1, "Version 2: only 1"},
        {"no_length.spi1d", "Version 1\nComponents 1\n{\n", 3, "no 'Length'"},
        {"no_components.spi1d", "Version 1\nLength 2\n{\n", 3, "no 'Components'"},
        {"components.spi1d", "Version 1\nComponents 4\n", 2, "Components 4 is outside 1..3"},
        {"length.spi1d", "Version 1\nLength 1\n", 2, "Length 1 is outside"},
        {"huge.spi1d", "Version 1\nLength 99999999999\n", 2, "is outside"},
        {"short.spi1d", header + "{\n0\n1\n}\n", 8, "expected 3 entries (Length), found 2"},
        {"long.spi1d", header + "{\n0\n1\n2\n3\n}\n", 9, "more entries than Length 3"},
        {"nan.spi1d", header + "{\n0\nnan\n1\n}\n", 7, "'nan' is NaN"},
        {"wide.spi1d", header + "{\n0 1 2\n", 6, "3 values on a table line, expected 1"},
        {"letters.spi1d", header + "{\n0\nabc\n", 7, "'abc' is not a number"},
        {"after.spi1d", header + "{\n0\n1\n2\n}\nmore\n", 10, "stray text after '}'"},
        {"no_brace.spi1d", header, 4, "no '{'"},
        {"stray.spi1d", "Version 1\nBogus 3\n", 2, "unknown keyword or stray text 'Bogus 3'"},
        {"from.spi1d", "Version 1\nFrom 1 1\n", 2, "From needs min < max"},
        {"from_word.spi1d", "Version 1\nFrom a 1\n", 2, "'a' is not a number"},
    });
}

TEST_F(LutFileErrors, Spi3D) {
    const std::string header = "SPILUT 1.0\n3 3\n2 2 2\n";
    std::string full;
    for (int b = 0; b < 2; ++b)
        for (int g = 0; g < 2; ++g)
            for (int r = 0; r < 2; ++r)
                full += fmt::format("{} {} {} {} {} {}\n", r, g, b, r, g, b);
    expect_errors({
        {"magic.spi3d", "SPILOT 1.0\n3 3\n2 2 2\n", 1, "expected 'SPILUT 1.0'"},
        {"channels.spi3d", "SPILUT 1.0\n3 1\n2 2 2\n", 2, "expected '3 3'"},
        {"sizes.spi3d", "SPILUT 1.0\n3 3\n2 3 2\n", 3, "sizes differ"},
        {"size_big.spi3d", "SPILUT 1.0\n3 3\n300 300 300\n", 3, "size 300 is outside 2..256"},
        {"size_word.spi3d", "SPILUT 1.0\n3 3\nN N N\n", 3, "expected the sizes"},
        {"header.spi3d", "SPILUT 1.0\n3 3\n", 2, "ends inside the 3-line SPILUT header"},
        {"index.spi3d", header + "0 0 2 0 0 0\n", 4, "index 2 is outside the cube (0..1)"},
        {"negative.spi3d", header + "0 -1 0 0 0 0\n", 4, "index -1 is outside"},
        {"short.spi3d", header + full.substr(0, full.size() - 12), 10,
         "expected 8 entries (2^3), found 7"},
        {"long.spi3d", header + full + "0 0 0 0 0 0\n", 12, "more than the 2^3 entries"},
        {"duplicate.spi3d", header + "0 0 0 0 0 0\n" + full.substr(0, full.size() - 12), 5,
         "the same entry as line 4"},
        {"five.spi3d", header + "0 0 0 0 0\n", 4, "5 values on a table line, expected 6"},
        {"nan.spi3d", header + "0 0 0 0 nan 0\n", 4, "'nan' is NaN"},
        {"float_index.spi3d", header + "0 0.5 0 0 0 0\n", 4, "'0.5' is not a whole-number index"},
    });
}

TEST_F(LutFileErrors, MissingFilesAndUnknownExtensions) {
    const std::string missing = m_dir.file("missing.cube");
    auto lut = read_lut_file(missing);
    ASSERT_FALSE(lut.ok());
    EXPECT_EQ(lut.error().code(), ErrorCode::NotFound);
    EXPECT_NE(lut.error().to_string().find(missing), std::string::npos);
    EXPECT_EQ(check_lut_file("/no/such/dir/a.3dl").error().code(), ErrorCode::NotFound);
    write_text(m_dir.file("grade.xyz"), "LUT_3D_SIZE 2\n");
    auto unknown = read_lut_file(m_dir.file("grade.xyz"));
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(unknown.error().to_string().find("'.xyz'"), std::string::npos);
    // Extensions are matched whatever their case.
    write_text(m_dir.file("UPPER.CUBE"), "LUT_1D_SIZE 2\n0 0 0\n1 1 1\n");
    EXPECT_TRUE(read_lut_file(m_dir.file("UPPER.CUBE")).ok());
}

TEST_F(LutFileErrors, HostileHeadersAreCheapToReject) {
    // A tiny file declaring the largest cube must be rejected quickly, without filling memory.
    write_text(m_dir.file("claims.cube"), "LUT_3D_SIZE 256\n0 0 0\n");
    write_text(m_dir.file("claims.spi3d"), "SPILUT 1.0\n3 3\n256 256 256\n0 0 0 0 0 0\n");
    write_text(m_dir.file("claims.spi1d"),
               "Version 1\nLength 1048576\nComponents 3\n{\n0 0 0\n}\n");
    for (const char* name : {"claims.cube", "claims.spi3d", "claims.spi1d"}) {
        auto lut = read_lut_file(m_dir.file(name));
        ASSERT_FALSE(lut.ok()) << name;
        EXPECT_NE(lut.error().message().find("found 1"), std::string::npos)
            << lut.error().message();
    }
}

// ---- valid files ----

class LutFileRead : public ::testing::Test {
protected:
    media::test::ScratchDir m_dir;
};

TEST_F(LutFileRead, AcceptsTheFormatsVariations) {
    // CRLF line ends, tabs, keyword case, comments between entries, '+' signs, exponents, a
    // missing final newline.
    write_text(m_dir.file("loose.cube"),
               "# c\r\ntitle \"crlf\"\r\nlut_1d_size\t2\r\n\r\n+0 0.0e0 -0\r\n# mid\r\n1 1E0 .5");
    auto lut = read_lut_file(m_dir.file("loose.cube"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    EXPECT_EQ(lut->title, "crlf");
    EXPECT_EQ(lut->path, m_dir.file("loose.cube"));
    ASSERT_TRUE(lut->shaper.has_value());
    EXPECT_EQ(lut->shaper->table, (std::vector<float>{0, 0, 0, 1, 1, 0.5f}));
    // Underflowing values read as zero rather than failing.
    write_text(m_dir.file("tiny.cube"), "LUT_1D_SIZE 2\n1e-60 0 0\n1 1 1\n");
    auto tiny = read_lut_file(m_dir.file("tiny.cube"));
    ASSERT_TRUE(tiny.ok()) << tiny.error().to_string();
    EXPECT_EQ(tiny->shaper->table[0], 0.0f);
    // .spi1d with 2 components leaves blue at 0, as OCIO does.
    write_text(m_dir.file("two.spi1d"), "Version 1\nLength 2\nComponents 2\n{\n0 0\n1 0.5\n}\n");
    auto two = read_lut_file(m_dir.file("two.spi1d"));
    ASSERT_TRUE(two.ok()) << two.error().to_string();
    EXPECT_EQ(two->shaper->table, (std::vector<float>{0, 0, 0, 1, 0.5f, 0}));
}

LutFile sample_lut(bool shaper, bool cube) {
    LutFile lut;
    lut.title = "round \"trip\"";
    if (shaper) {
        Lut1D curve;
        curve.size = 257;
        curve.domain_min = {-0.125, -0.125, -0.125};
        curve.domain_max = {3.5, 3.5, 3.5};
        for (int i = 0; i < curve.size; ++i) {
            const double t = i / 256.0;
            curve.table.insert(curve.table.end(),
                               {static_cast<float>(std::sqrt(t)), static_cast<float>(t * t * 1e-3),
                                static_cast<float>(std::exp(-7 * t) / 3)});
        }
        lut.shaper = curve;
    }
    if (cube) {
        lut.cube = bake_lut3d(9, [](const Vec3& x) {
            return Vec3{std::pow(x[0], 2.2) + 1e-7, x[1] / 3, 100 * x[2] - 12.345678};
        });
        if (!shaper) {
            lut.cube->domain_min = {-0.1, 0, 0.2};
            lut.cube->domain_max = {1.1, 2, 1.2};
        }
    }
    return lut;
}

double max_table_difference(const std::vector<float>& a, const std::vector<float>& b) {
    EXPECT_EQ(a.size(), b.size());
    double worst = 0;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        worst = std::max(worst, std::abs(static_cast<double>(a[i]) - b[i]));
    return worst;
}

TEST_F(LutFileRead, WriteThenReadRoundTrips) {
    for (const auto& [name, shaper, cube] :
         {std::tuple{"both.cube", true, true}, std::tuple{"cube.cube", false, true},
          std::tuple{"curve.cube", true, false}}) {
        const LutFile original = sample_lut(shaper, cube);
        const std::string path = m_dir.file(name);
        ASSERT_TRUE(write_cube_file(path, original).ok()) << name;
        auto read = read_lut_file(path);
        ASSERT_TRUE(read.ok()) << read.error().to_string();
        EXPECT_EQ(read->shaper.has_value(), shaper) << name;
        EXPECT_EQ(read->cube.has_value(), cube) << name;
        double worst = 0;
        if (shaper) {
            worst =
                std::max(worst, max_table_difference(read->shaper->table, original.shaper->table));
            EXPECT_EQ(read->shaper->domain_min, original.shaper->domain_min) << name;
            EXPECT_EQ(read->shaper->domain_max, original.shaper->domain_max) << name;
        }
        if (cube) {
            EXPECT_EQ(read->cube->size, original.cube->size);
            worst = std::max(worst, max_table_difference(read->cube->table, original.cube->table));
            EXPECT_EQ(read->cube->domain_min, original.cube->domain_min) << name;
            EXPECT_EQ(read->cube->domain_max, original.cube->domain_max) << name;
        }
        EXPECT_LE(worst, 1e-6) << name;
        std::printf("[ measured ] %s write->read max difference %.3g\n", name, worst);
        if (!(shaper && cube)) {
            EXPECT_EQ(read->title, "round  trip ");
        }
    }
    // Rewriting replaces the file in one step and leaves no temporary behind.
    ASSERT_TRUE(write_cube_file(m_dir.file("cube.cube"), sample_lut(true, false)).ok());
    EXPECT_FALSE(read_lut_file(m_dir.file("cube.cube"))->cube.has_value());
    EXPECT_EQ(m_dir.entries().size(), 3u);
}

TEST_F(LutFileRead, WriteRejectsWhatACubeCannotHold) {
    LutFile nan = sample_lut(false, true);
    nan.cube->table[5] = std::nanf("");
    LutFile wrong_size = sample_lut(false, true);
    wrong_size.cube->size = 10;
    LutFile per_channel = sample_lut(true, true);
    per_channel.shaper->domain_max[1] = 2;
    const LutFile empty;
    for (const LutFile* lut :
         std::vector<const LutFile*>{&nan, &wrong_size, &per_channel, &empty}) {
        auto written = write_cube_file(m_dir.file("bad.cube"), *lut);
        ASSERT_FALSE(written.ok());
        EXPECT_EQ(written.error().code(), ErrorCode::InvalidArgument);
        EXPECT_NE(written.error().to_string().find("bad.cube"), std::string::npos);
    }
    EXPECT_TRUE(m_dir.entries().empty());
    auto no_folder = write_cube_file(m_dir.file("missing/dir.cube"), sample_lut(false, true));
    ASSERT_FALSE(no_folder.ok());
    EXPECT_EQ(no_folder.error().code(), ErrorCode::IoError);
    EXPECT_TRUE(m_dir.entries().empty());
}

TEST_F(LutFileRead, Parses65Cube) {
    std::string text = "TITLE \"speed\"\nLUT_3D_SIZE 65\n";
    const Lut3D baked = bake_lut3d(65, [](const Vec3& x) {
        return Vec3{std::sqrt(x[0]), x[1] * x[2], 1 - x[2]};
    });
    for (size_t i = 0; i < baked.table.size(); i += 3)
        text += fmt::format("{:.6f} {:.6f} {:.6f}\n", baked.table[i], baked.table[i + 1],
                            baked.table[i + 2]);
    write_text(m_dir.file("big.cube"), text);
    auto lut = read_lut_file(m_dir.file("big.cube"));
    ASSERT_TRUE(lut.ok()) << lut.error().to_string();
    ASSERT_EQ(lut->cube->table.size(), 65u * 65 * 65 * 3);
    EXPECT_NEAR(lut->cube->table[3 * 64], 1.0f, 1e-6);
}

}  // namespace
}  // namespace media::color
