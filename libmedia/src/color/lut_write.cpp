// SPDX-License-Identifier: Apache-2.0
// Writing .cube files: Resolve's layout (LUT_1D_SIZE shaper + LUT_3D_SIZE cube with their
// INPUT_RANGE lines) when there are both parts, IRIDAS's (DOMAIN_MIN/MAX) for one part alone.
#include <cmath>

#include "lut_parse.h"
#include "media/core/text_file.h"

namespace media::color {
namespace detail {
namespace {

bool is_unit_domain(const Vec3& min, const Vec3& max) {
    return min == Vec3{0, 0, 0} && max == Vec3{1, 1, 1};
}

bool is_scalar_domain(const Vec3& min, const Vec3& max) {
    return min[0] == min[1] && min[1] == min[2] && max[0] == max[1] && max[1] == max[2];
}

Result<void> check_domain(const Vec3& min, const Vec3& max, std::string_view part) {
    for (int c = 0; c < 3; ++c)
        if (!std::isfinite(min[c]) || !std::isfinite(max[c]) || !(min[c] < max[c]))
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("the {}'s domain is not finite with min < max", part));
    return ok();
}

Result<void> check_table(const std::vector<float>& table, size_t entries, std::string_view part) {
    if (table.size() != entries * 3)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("the {} has {} values, its size needs {}", part, table.size(),
                                 entries * 3));
    for (const float value : table)
        if (!std::isfinite(value))
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("the {} holds a NaN or infinite value", part));
    return ok();
}

// Shortest text that reads back as the same float (at most 9 significant digits).
void append_table(std::string& out, const std::vector<float>& table) {
    for (size_t i = 0; i < table.size(); i += 3)
        fmt::format_to(std::back_inserter(out), "{} {} {}\n", table[i], table[i + 1], table[i + 2]);
}

// The title on one line, without the quotes that delimit it.
std::string clean_title(const std::string& title) {
    std::string out;
    for (const char c : title) out += (c == '"' || static_cast<unsigned char>(c) < 0x20) ? ' ' : c;
    return out;
}

}  // namespace

Result<std::string> format_cube_text(const LutFile& lut) {
    if (!lut.shaper && !lut.cube)
        return Error(ErrorCode::InvalidArgument, "the LUT has neither a 1D nor a 3D table");
    std::string out;
    const bool both = lut.shaper && lut.cube;
    // OpenColorIO's Resolve reader (the one that takes a shaper) rejects TITLE: keep the title
    // as a comment there so that every OCIO-based tool can still read the file.
    if (!lut.title.empty())
        out += fmt::format("{}TITLE \"{}\"\n", both ? "# " : "", clean_title(lut.title));
    if (lut.shaper) {
        const Lut1D& shaper = *lut.shaper;
        if (shaper.size < 2 || shaper.size > kMaxLut1DSize)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("1D size {} is outside 2..{}", shaper.size, kMaxLut1DSize));
        MEDIA_TRY(check_table(shaper.table, static_cast<size_t>(shaper.size), "1D LUT"));
        MEDIA_TRY(check_domain(shaper.domain_min, shaper.domain_max, "1D LUT"));
        out += fmt::format("LUT_1D_SIZE {}\n", shaper.size);
        if (both) {
            // Resolve's shaper range is one pair for all channels.
            if (!is_scalar_domain(shaper.domain_min, shaper.domain_max))
                return Error(ErrorCode::InvalidArgument,
                             "a .cube shaper's domain must be the same for R, G and B");
            out += fmt::format("LUT_1D_INPUT_RANGE {} {}\n", shaper.domain_min[0],
                               shaper.domain_max[0]);
        }
    }
    if (lut.cube) {
        const Lut3D& cube = *lut.cube;
        if (cube.size < 2 || cube.size > kMaxLut3DSize)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("3D size {} is outside 2..{}", cube.size, kMaxLut3DSize));
        const auto n = static_cast<size_t>(cube.size);
        MEDIA_TRY(check_table(cube.table, n * n * n, "3D LUT"));
        MEDIA_TRY(check_domain(cube.domain_min, cube.domain_max, "3D LUT"));
        out += fmt::format("LUT_3D_SIZE {}\n", cube.size);
        if (both && !is_unit_domain(cube.domain_min, cube.domain_max)) {
            if (!is_scalar_domain(cube.domain_min, cube.domain_max))
                return Error(ErrorCode::InvalidArgument,
                             "with a shaper, a .cube 3D domain must be the same for R, G and B");
            out +=
                fmt::format("LUT_3D_INPUT_RANGE {} {}\n", cube.domain_min[0], cube.domain_max[0]);
        }
    }
    if (!both) {
        const Vec3& min = lut.cube ? lut.cube->domain_min : lut.shaper->domain_min;
        const Vec3& max = lut.cube ? lut.cube->domain_max : lut.shaper->domain_max;
        if (!is_unit_domain(min, max)) {
            out += fmt::format("DOMAIN_MIN {} {} {}\n", min[0], min[1], min[2]);
            out += fmt::format("DOMAIN_MAX {} {} {}\n", max[0], max[1], max[2]);
        }
    }
    if (lut.shaper) append_table(out, lut.shaper->table);
    if (lut.cube) append_table(out, lut.cube->table);
    return out;
}

}  // namespace detail

Result<void> write_cube_file(const std::string& path, const LutFile& lut) {
    auto text = detail::format_cube_text(lut);
    if (!text) return Error(std::move(text).error()).with_file(path);
    return write_text_file_atomically(path, *text);
}

}  // namespace media::color
