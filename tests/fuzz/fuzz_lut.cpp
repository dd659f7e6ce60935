// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the LUT readers (.cube, .3dl, .spi1d, .spi3d): every input is parsed as
// each of the four formats, from memory (parse_lut_text, what read_lut_file runs on a file's
// text). Beyond "no crash", a LUT that parses must be well formed, apply to finite values, and
// write as a .cube that reads back identically.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "lut_parse.h"
#include "media/color/lut.h"

namespace {

using namespace media::color;

void check(bool condition) {
    if (!condition) __builtin_trap();
}

bool finite_table(const std::vector<float>& table) {
    for (const float value : table)
        if (!std::isfinite(value)) return false;
    return true;
}

void check_domain(const Vec3& min, const Vec3& max) {
    for (int c = 0; c < 3; ++c)
        check(std::isfinite(min[c]) && std::isfinite(max[c]) && min[c] < max[c]);
}

void check_applies(const LutFile& lut) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const Vec3& in : {Vec3{0, 0, 0}, Vec3{1, 1, 1}, Vec3{0.3, 0.6, 0.9}, Vec3{-1e30, 5, nan},
                           Vec3{nan, nan, nan}})
        for (const auto interpolation :
             {LutInterpolation::Tetrahedral, LutInterpolation::Trilinear})
            for (const double value : lut.apply(in, interpolation)) check(std::isfinite(value));
}

void check_lut(const LutFile& lut) {
    check(lut.shaper || lut.cube);
    if (lut.shaper) {
        check(lut.shaper->size >= 2 && lut.shaper->size <= kMaxLut1DSize);
        check(lut.shaper->table.size() == static_cast<size_t>(lut.shaper->size) * 3);
        check(finite_table(lut.shaper->table));
        check_domain(lut.shaper->domain_min, lut.shaper->domain_max);
    }
    if (lut.cube) {
        const auto n = static_cast<size_t>(lut.cube->size);
        check(lut.cube->size >= 2 && lut.cube->size <= kMaxLut3DSize);
        check(lut.cube->table.size() == n * n * n * 3);
        check(finite_table(lut.cube->table));
        check_domain(lut.cube->domain_min, lut.cube->domain_max);
    }
    check_applies(lut);
    // Everything the readers accept is something a .cube can hold, and reads back the same.
    auto text = detail::format_cube_text(lut);
    check(text.ok());
    auto again = detail::parse_cube_text(*text, "again.cube");
    check(again.ok());
    check(again->shaper.has_value() == lut.shaper.has_value());
    check(again->cube.has_value() == lut.cube.has_value());
    if (lut.shaper) {
        check(again->shaper->table == lut.shaper->table);
        check(again->shaper->domain_min == lut.shaper->domain_min);
        check(again->shaper->domain_max == lut.shaper->domain_max);
    }
    if (lut.cube) {
        check(again->cube->table == lut.cube->table);
        check(again->cube->domain_min == lut.cube->domain_min);
        check(again->cube->domain_max == lut.cube->domain_max);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string path = "fuzz";
    for (const auto format : {detail::LutFormat::Cube, detail::LutFormat::ThreeDL,
                              detail::LutFormat::Spi1D, detail::LutFormat::Spi3D}) {
        auto lut = detail::parse_lut_text(text, format, path);
        if (lut) {
            check_lut(*lut);
        } else {
            // Every rejection names the file and a line.
            check(lut.error().context().file == path);
            check(lut.error().message().rfind("line ", 0) == 0);
        }
    }
    return 0;
}
