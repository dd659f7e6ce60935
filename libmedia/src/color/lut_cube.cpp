// SPDX-License-Identifier: Apache-2.0
// The .cube reader: IRIDAS/Adobe (TITLE, DOMAIN_MIN/MAX, one table) and Resolve (LUT_1D/3D_INPUT_
// RANGE, a 1D shaper followed by a 3D table when both sizes are given).
#include <algorithm>
#include <array>
#include <vector>

#include "lut_parse.h"

namespace media::color::detail {
namespace {

// A header value and the line it came from (0: not given).
template <typename T>
struct Given {
    T value{};
    int line = 0;
    explicit operator bool() const { return line != 0; }
};

struct ScalarRange {
    double min = 0;
    double max = 1;
};

struct CubeHeader {
    std::string title;
    Given<int> size_1d;
    Given<int> size_3d;
    Given<Vec3> domain_min;
    Given<Vec3> domain_max;
    Given<ScalarRange> range_1d;
    Given<ScalarRange> range_3d;
};

class CubeParser {
public:
    CubeParser(std::string_view text, const std::string& path) : m_text(text), m_path(path) {}

    Result<LutFile> parse() {
        LineReader lines(m_text);
        std::string_view line;
        while (lines.next(line)) {
            m_line = lines.number();
            std::array<std::string_view, 5> words;
            const size_t count = split_words(line, words);
            if (count == 0 || words[0].front() == '#') continue;
            float first = 0;
            const NumberStatus status = parse_number(words[0], first);
            if (status == NumberStatus::NotANumber) {
                MEDIA_TRY(keyword(line, words, count));
            } else {
                MEDIA_TRY(table_line(words, count, first, status));
            }
        }
        m_line = std::max(1, lines.number());
        return finish();
    }

private:
    Error error(std::string_view what) const { return lut_error(m_path, m_line, what); }

    Result<void> keyword(std::string_view line, std::span<const std::string_view> words,
                         size_t count) {
        const std::string_view name = words[0];
        const auto is = [&name](std::string_view keyword) { return iequals(name, keyword); };
        const bool known = is("TITLE") || is("LUT_1D_SIZE") || is("LUT_3D_SIZE") ||
                           is("DOMAIN_MIN") || is("DOMAIN_MAX") || is("LUT_1D_INPUT_RANGE") ||
                           is("LUT_3D_INPUT_RANGE");
        if (is("LUT_2D_SIZE")) return error("LUT_2D_SIZE (a 2D LUT) is not supported");
        if (!known) return error(fmt::format("unknown keyword or stray text {}", excerpt(line)));
        if (m_table_started)
            return error(
                fmt::format("{} after the table started (the header comes first)", excerpt(name)));
        if (is("TITLE")) {
            std::string_view title = trim(trim(line).substr(name.size()));
            if (title.size() >= 2 && title.front() == '"' && title.back() == '"')
                title = title.substr(1, title.size() - 2);
            m_header.title = std::string(title);
            return ok();
        }
        if (is("LUT_1D_SIZE")) return size(words, count, kMaxLut1DSize, m_header.size_1d);
        if (is("LUT_3D_SIZE")) return size(words, count, kMaxLut3DSize, m_header.size_3d);
        if (is("DOMAIN_MIN")) return triple(words, count, m_header.domain_min);
        if (is("DOMAIN_MAX")) return triple(words, count, m_header.domain_max);
        if (is("LUT_1D_INPUT_RANGE")) return range(words, count, m_header.range_1d);
        return range(words, count, m_header.range_3d);
    }

    Result<void> not_twice(std::string_view name, int earlier_line) const {
        if (earlier_line == 0) return ok();
        return error(fmt::format("{} given twice (first on line {})", name, earlier_line));
    }

    Result<void> size(std::span<const std::string_view> words, size_t count, int64_t limit,
                      Given<int>& out) {
        MEDIA_TRY(not_twice(words[0], out.line));
        int64_t value = 0;
        if (count != 2 || !parse_integer(words[1], value))
            return error(fmt::format("{} takes one whole number", words[0]));
        if (value < 2 || value > limit)
            return error(fmt::format("{} {} is outside 2..{}", words[0], value, limit));
        out = {static_cast<int>(value), m_line};
        return ok();
    }

    Result<void> numbers(std::span<const std::string_view> words, size_t count, size_t wanted,
                         std::span<double> out) const {
        if (count != wanted + 1)
            return error(fmt::format("{} takes {} numbers, found {}", words[0], wanted, count - 1));
        for (size_t i = 0; i < wanted; ++i) {
            const NumberStatus status = parse_number(words[i + 1], out[i]);
            if (status != NumberStatus::Ok) return error(bad_number_message(words[i + 1], status));
        }
        return ok();
    }

    Result<void> triple(std::span<const std::string_view> words, size_t count, Given<Vec3>& out) {
        MEDIA_TRY(not_twice(words[0], out.line));
        MEDIA_TRY(numbers(words, count, 3, out.value));
        out.line = m_line;
        return ok();
    }

    Result<void> range(std::span<const std::string_view> words, size_t count,
                       Given<ScalarRange>& out) {
        MEDIA_TRY(not_twice(words[0], out.line));
        std::array<double, 2> values{};
        MEDIA_TRY(numbers(words, count, 2, values));
        if (!(values[0] < values[1])) return error(fmt::format("{} needs min < max", words[0]));
        out = {{values[0], values[1]}, m_line};
        return ok();
    }

    // `first` and `first_status`: words[0], already read to tell table lines from keywords.
    Result<void> table_line(std::span<const std::string_view> words, size_t count, float first,
                            NumberStatus first_status) {
        if (!m_table_started) {
            m_table_started = true;
            if (!m_header.size_1d && !m_header.size_3d)
                return error("table before LUT_3D_SIZE or LUT_1D_SIZE");
            m_expected = expected_entries();
            // Reserve what the file can hold, not what a hostile header claims: an entry takes
            // at least 6 bytes ("0 0 0\n"), i.e. 2 bytes a value.
            m_values.reserve(std::min(m_expected * 3, m_text.size() / 2 + 3));
        }
        if (count != 3) return error(fmt::format("{} values on a table line, expected 3", count));
        if (m_values.size() / 3 >= m_expected)
            return error(
                fmt::format("more table entries than the {} the header declares", m_expected));
        if (first_status != NumberStatus::Ok)
            return error(bad_number_message(words[0], first_status));
        std::array<float, 3> entry{first, 0, 0};
        for (size_t i = 1; i < 3; ++i) {
            const NumberStatus status = parse_number(words[i], entry[i]);
            if (status != NumberStatus::Ok) return error(bad_number_message(words[i], status));
        }
        m_values.insert(m_values.end(), entry.begin(), entry.end());
        return ok();
    }

    size_t expected_entries() const {
        const auto edge = static_cast<size_t>(m_header.size_3d.value);
        return static_cast<size_t>(m_header.size_1d.value) + edge * edge * edge;
    }

    // Picks the input domain of one table from DOMAIN_MIN/MAX or its *_INPUT_RANGE (not both).
    Result<void> domain_of(const Given<ScalarRange>& range, std::string_view range_name,
                           bool domain_allowed, Vec3& min, Vec3& max) {
        const int domain_line = std::max(m_header.domain_min.line, m_header.domain_max.line);
        if (domain_line != 0 && !domain_allowed) {
            m_line = domain_line;
            return error(
                "DOMAIN_MIN/DOMAIN_MAX is ambiguous with both LUT_1D_SIZE and LUT_3D_SIZE: use "
                "LUT_1D_INPUT_RANGE and LUT_3D_INPUT_RANGE");
        }
        if (domain_line != 0 && range) {
            m_line = std::max(domain_line, range.line);
            return error(fmt::format("both DOMAIN_MIN/DOMAIN_MAX and {} given", range_name));
        }
        if (range) {
            min = {range.value.min, range.value.min, range.value.min};
            max = {range.value.max, range.value.max, range.value.max};
            return ok();
        }
        if (m_header.domain_min) min = m_header.domain_min.value;
        if (m_header.domain_max) max = m_header.domain_max.value;
        for (int c = 0; c < 3; ++c) {
            if (!(min[c] < max[c])) {
                m_line = domain_line;
                return error(
                    fmt::format("DOMAIN_MIN must be below DOMAIN_MAX (channel {}: {} >= {})", c,
                                min[c], max[c]));
            }
        }
        return ok();
    }

    Result<LutFile> finish() {
        const CubeHeader& h = m_header;
        if (!h.size_1d && !h.size_3d) return error("no LUT_3D_SIZE or LUT_1D_SIZE in the file");
        m_expected = expected_entries();
        const size_t found = m_values.size() / 3;
        if (found != m_expected) {
            std::string declared;
            if (h.size_1d) declared = fmt::format("LUT_1D_SIZE {}", h.size_1d.value);
            if (h.size_1d && h.size_3d) declared += " + ";
            if (h.size_3d) {
                const int64_t edge = h.size_3d.value;
                declared += fmt::format("LUT_3D_SIZE {} ({}^3)", edge, edge);
            }
            return error(fmt::format("expected {} table entries ({}), found {}", m_expected,
                                     declared, found));
        }
        if (h.range_1d && !h.size_1d) {
            m_line = h.range_1d.line;
            return error("LUT_1D_INPUT_RANGE without LUT_1D_SIZE");
        }
        if (h.range_3d && !h.size_3d) {
            m_line = h.range_3d.line;
            return error("LUT_3D_INPUT_RANGE without LUT_3D_SIZE");
        }
        LutFile lut;
        lut.path = m_path;
        lut.title = h.title;
        const bool both = h.size_1d && h.size_3d;
        auto values = m_values.begin();
        if (h.size_1d) {
            Lut1D shaper;
            shaper.size = h.size_1d.value;
            MEDIA_TRY(domain_of(h.range_1d, "LUT_1D_INPUT_RANGE", !both, shaper.domain_min,
                                shaper.domain_max));
            const auto count = static_cast<ptrdiff_t>(shaper.size) * 3;
            shaper.table.assign(values, values + count);
            values += count;
            lut.shaper = std::move(shaper);
        }
        if (h.size_3d) {
            Lut3D cube;
            cube.size = h.size_3d.value;
            MEDIA_TRY(domain_of(h.range_3d, "LUT_3D_INPUT_RANGE", !both, cube.domain_min,
                                cube.domain_max));
            cube.table.assign(values, m_values.end());
            lut.cube = std::move(cube);
        }
        return lut;
    }

    std::string_view m_text;
    const std::string& m_path;
    CubeHeader m_header;
    int m_line = 0;
    bool m_table_started = false;
    size_t m_expected = 0;
    std::vector<float> m_values;
};

}  // namespace

Result<LutFile> parse_cube_text(std::string_view text, const std::string& path) {
    return CubeParser(text, path).parse();
}

}  // namespace media::color::detail
