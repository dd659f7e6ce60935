// SPDX-License-Identifier: Apache-2.0
// The .3dl reader (Autodesk Lustre / Flame, Nuke): an optional line of input-range integers (the
// "mesh"), then integer RGB triples, blue varying fastest. The output bit depth is not written
// down: like OpenColorIO, it is inferred from the largest value in the table.
#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "lut_parse.h"

namespace media::color::detail {
namespace {

// Code values this low mean the file holds normalised floats, a different format (OCIO's rule).
constexpr int64_t kLowestPlausibleMax = 128;
constexpr int64_t kMaxCodeValue = std::numeric_limits<int32_t>::max();

// 8-bit files peak at 255, 10-bit at 1023...: a maximum up to twice a depth's largest code still
// counts as that depth; 14-bit is taken as 16-bit, as nobody writes 14-bit tables.
int likely_bit_depth(int64_t max_value) {
    for (int bits = 8; bits <= 16; bits += 2) {
        const int64_t adjusted_max = (int64_t{1} << bits) * 2 - 1;
        if (max_value <= adjusted_max) return bits == 14 ? 16 : bits;
    }
    return 16;
}

double largest_code(int bits) {
    return static_cast<double>((int64_t{1} << bits) - 1);
}

bool is_keyword_line(std::span<const std::string_view> words, size_t count) {
    const std::string_view name = words[0];
    if (iequals(name, "3DMESH") || iequals(name, "LUT8") || iequals(name, "LUT10") ||
        iequals(name, "LUT12") || iequals(name, "LUT16"))
        return count == 1;
    int64_t ignored = 0;
    if (iequals(name, "Mesh"))  // "Mesh <input bits> <output bits>"
        return count == 3 && parse_integer(words[1], ignored) && parse_integer(words[2], ignored);
    double gamma = 0;
    if (iequals(name, "gamma"))
        return count == 2 && parse_number(words[1], gamma) == NumberStatus::Ok;
    return false;
}

class ThreeDLParser {
public:
    ThreeDLParser(std::string_view text, const std::string& path) : m_text(text), m_path(path) {}

    Result<LutFile> parse() {
        LineReader lines(m_text);
        std::string_view line;
        while (lines.next(line)) {
            m_line = lines.number();
            std::array<std::string_view, 3> first{};
            const size_t count = split_words(line, first);
            if (count == 0 || first[0].front() == '#') continue;
            if (first[0].front() == '<') return error("a line starting with '<' (XML, not a .3dl)");
            int64_t value = 0;
            if (!parse_integer(first[0], value)) {
                if (is_keyword_line(first, count)) continue;
                return error(fmt::format("unknown keyword or stray text {}", excerpt(line)));
            }
            if (count > 3) {
                MEDIA_TRY(mesh_line(line));
            } else {
                MEDIA_TRY(table_line(first, count));
            }
        }
        m_line = std::max(1, lines.number());
        return finish();
    }

private:
    Error error(std::string_view what) const { return lut_error(m_path, m_line, what); }

    Result<void> code_value(std::string_view word, int64_t& value) const {
        if (!parse_integer(word, value))
            return error(fmt::format("{} is not a whole number", excerpt(word)));
        if (value < 0 || value > kMaxCodeValue)
            return error(fmt::format("code value {} is outside 0..{}", value, kMaxCodeValue));
        return ok();
    }

    Result<void> mesh_line(std::string_view line) {
        if (m_mesh_line != 0)
            return error(
                fmt::format("a second input-range line (the first is line {})", m_mesh_line));
        if (!m_table.empty()) return error("the input-range line comes after the table started");
        m_mesh_line = m_line;
        std::string_view word;
        while (next_word(line, word)) {
            if (m_mesh.size() >= static_cast<size_t>(kMaxLut1DSize))
                return error(fmt::format("more than {} input-range values", kMaxLut1DSize));
            int64_t value = 0;
            MEDIA_TRY(code_value(word, value));
            m_mesh.push_back(value);
        }
        return ok();
    }

    Result<void> table_line(std::span<const std::string_view> words, size_t count) {
        if (count != 3) return error(fmt::format("{} values on a table line, expected 3", count));
        constexpr auto kMaxEntries =
            static_cast<size_t>(kMaxLut3DSize) * kMaxLut3DSize * kMaxLut3DSize;
        if (m_table.size() / 3 >= kMaxEntries)
            return error(fmt::format("more than {}^3 table entries", kMaxLut3DSize));
        for (size_t i = 0; i < 3; ++i) {
            int64_t value = 0;
            MEDIA_TRY(code_value(words[i], value));
            m_max = std::max(m_max, value);
            m_table.push_back(static_cast<int32_t>(value));
        }
        return ok();
    }

    // A mesh spreading codes evenly over the full range (within 2 codes, as OCIO allows, since
    // files round it every which way) is the identity; anything else becomes a shaper applied
    // before the cube, as OpenColorIO applies it.
    Result<std::optional<Lut1D>> shaper_from_mesh() {
        if (m_mesh.empty()) return std::optional<Lut1D>();
        m_line = m_mesh_line;
        const int64_t mesh_max = *std::max_element(m_mesh.begin(), m_mesh.end());
        if (mesh_max < kLowestPlausibleMax)
            return error(
                fmt::format("largest input-range value {} is below {}: not integer "
                            "code values",
                            mesh_max, kLowestPlausibleMax));
        const double scale = largest_code(likely_bit_depth(mesh_max));
        const double step = scale / static_cast<double>(m_mesh.size() - 1);
        bool identity = true;
        for (size_t i = 0; i < m_mesh.size() && identity; ++i)
            identity =
                std::abs(static_cast<double>(i) * step - static_cast<double>(m_mesh[i])) < 2.0;
        if (identity) return std::optional<Lut1D>();
        Lut1D shaper;
        shaper.size = static_cast<int>(m_mesh.size());
        shaper.table.reserve(m_mesh.size() * 3);
        for (const int64_t code : m_mesh)
            for (int c = 0; c < 3; ++c)
                shaper.table.push_back(static_cast<float>(static_cast<double>(code) / scale));
        return std::optional<Lut1D>(std::move(shaper));
    }

    Result<LutFile> finish() {
        if (m_table.empty()) return error("no table of RGB triples in the file");
        const size_t entries = m_table.size() / 3;
        auto edge = static_cast<size_t>(std::lround(std::cbrt(static_cast<double>(entries))));
        if (edge * edge * edge != entries || edge < 2)
            return error(
                fmt::format("{} table entries is not the cube of a whole number >= 2 "
                            "(e.g. 17^3 = 4913)",
                            entries));
        if (m_max < kLowestPlausibleMax)
            return error(
                fmt::format("largest table value {} is below {}: not integer code "
                            "values (a float table in a .3dl?)",
                            m_max, kLowestPlausibleMax));
        LutFile lut;
        lut.path = m_path;
        MEDIA_TRY_ASSIGN(lut.shaper, shaper_from_mesh());
        const double scale = largest_code(likely_bit_depth(m_max));
        Lut3D cube;
        cube.size = static_cast<int>(edge);
        cube.table.resize(m_table.size());
        // The file runs blue fastest; Lut3D runs red fastest.
        size_t at = 0;
        for (size_t r = 0; r < edge; ++r)
            for (size_t g = 0; g < edge; ++g)
                for (size_t b = 0; b < edge; ++b) {
                    const size_t to = ((b * edge + g) * edge + r) * 3;
                    for (size_t c = 0; c < 3; ++c)
                        cube.table[to + c] =
                            static_cast<float>(static_cast<double>(m_table[at++]) / scale);
                }
        lut.cube = std::move(cube);
        return lut;
    }

    std::string_view m_text;
    const std::string& m_path;
    int m_line = 0;
    int m_mesh_line = 0;
    std::vector<int64_t> m_mesh;
    std::vector<int32_t> m_table;
    int64_t m_max = 0;
};

}  // namespace

Result<LutFile> parse_3dl_text(std::string_view text, const std::string& path) {
    return ThreeDLParser(text, path).parse();
}

}  // namespace media::color::detail
