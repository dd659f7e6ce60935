// SPDX-License-Identifier: Apache-2.0
// Sony Pictures Imageworks LUTs: .spi1d ("Version 1", "From a b", "Length N", "Components 1..3",
// then the values between "{" and "}") and .spi3d ("SPILUT 1.0", "3 3", "N N N", then
// "i j k r g b" lines, in any order).
#include <algorithm>
#include <array>
#include <vector>

#include "lut_parse.h"

namespace media::color::detail {
namespace {

class Spi1DParser {
public:
    Spi1DParser(std::string_view text, const std::string& path) : m_text(text), m_path(path) {}

    Result<LutFile> parse() {
        LineReader lines(m_text);
        std::string_view line;
        bool in_table = false;
        bool closed = false;
        while (lines.next(line)) {
            m_line = lines.number();
            std::array<std::string_view, 4> words;
            const size_t count = split_words(line, words);
            if (count == 0 || words[0].front() == '#') continue;
            if (closed) return error(fmt::format("stray text after '}}': {}", excerpt(line)));
            if (in_table) {
                if (words[0] == "}" && count == 1) {
                    closed = true;
                } else {
                    MEDIA_TRY(table_line(words, count));
                }
            } else if (words[0] == "{" && count == 1) {
                MEDIA_TRY(open_table());
                in_table = true;
            } else {
                MEDIA_TRY(header_line(line, words, count));
            }
        }
        m_line = std::max(1, lines.number());
        if (!in_table) return error("no '{' opening the table");
        return finish();
    }

private:
    Error error(std::string_view what) const { return lut_error(m_path, m_line, what); }

    Result<int64_t> integer_after(std::span<const std::string_view> words, size_t count) const {
        int64_t value = 0;
        if (count != 2 || !parse_integer(words[1], value))
            return error(fmt::format("{} takes one whole number", words[0]));
        return value;
    }

    Result<void> header_line(std::string_view line, std::span<const std::string_view> words,
                             size_t count) {
        const std::string_view name = words[0];
        if (iequals(name, "Version")) {
            MEDIA_TRY_ASSIGN(const int64_t version, integer_after(words, count));
            if (version != 1) return error(fmt::format("Version {}: only 1 is known", version));
            m_version_seen = true;
        } else if (iequals(name, "Length")) {
            MEDIA_TRY_ASSIGN(const int64_t length, integer_after(words, count));
            if (length < 2 || length > kMaxLut1DSize)
                return error(fmt::format("Length {} is outside 2..{}", length, kMaxLut1DSize));
            m_length = static_cast<int>(length);
        } else if (iequals(name, "Components")) {
            MEDIA_TRY_ASSIGN(const int64_t components, integer_after(words, count));
            if (components < 1 || components > 3)
                return error(fmt::format("Components {} is outside 1..3", components));
            m_components = static_cast<int>(components);
        } else if (iequals(name, "From")) {
            if (count != 3) return error("From takes two numbers");
            for (size_t i = 0; i < 2; ++i) {
                const NumberStatus status = parse_number(words[i + 1], m_from[i]);
                if (status != NumberStatus::Ok)
                    return error(bad_number_message(words[i + 1], status));
            }
            if (!(m_from[0] < m_from[1])) return error("From needs min < max");
        } else {
            return error(fmt::format("unknown keyword or stray text {}", excerpt(line)));
        }
        return ok();
    }

    Result<void> open_table() {
        if (!m_version_seen) return error("no 'Version' line before the table");
        if (m_length == 0) return error("no 'Length' line before the table");
        if (m_components == 0) return error("no 'Components' line before the table");
        // Reserve what the file can hold (an entry takes 2 bytes at least), not what it claims.
        const size_t entries = std::min(static_cast<size_t>(m_length), m_text.size() / 2 + 1);
        m_table.reserve(entries * 3);
        return ok();
    }

    Result<void> table_line(std::span<const std::string_view> words, size_t count) {
        if (count != static_cast<size_t>(m_components))
            return error(fmt::format("{} values on a table line, expected {} (Components)", count,
                                     m_components));
        if (m_table.size() / 3 >= static_cast<size_t>(m_length))
            return error(fmt::format("more entries than Length {}", m_length));
        std::array<float, 3> entry{};
        for (size_t i = 0; i < count; ++i) {
            const NumberStatus status = parse_number(words[i], entry[i]);
            if (status != NumberStatus::Ok) return error(bad_number_message(words[i], status));
        }
        // One component feeds all three channels; two leave blue at 0 (as OpenColorIO does).
        if (m_components == 1) entry[1] = entry[2] = entry[0];
        m_table.insert(m_table.end(), entry.begin(), entry.end());
        return ok();
    }

    Result<LutFile> finish() {
        const size_t found = m_table.size() / 3;
        if (found != static_cast<size_t>(m_length))
            return error(fmt::format("expected {} entries (Length), found {}", m_length, found));
        Lut1D lut;
        lut.size = m_length;
        lut.domain_min = {m_from[0], m_from[0], m_from[0]};
        lut.domain_max = {m_from[1], m_from[1], m_from[1]};
        lut.table = std::move(m_table);
        LutFile file;
        file.path = m_path;
        file.shaper = std::move(lut);
        return file;
    }

    std::string_view m_text;
    const std::string& m_path;
    int m_line = 0;
    bool m_version_seen = false;
    int m_length = 0;
    int m_components = 0;
    std::array<double, 2> m_from{0, 1};
    std::vector<float> m_table;
};

class Spi3DParser {
public:
    Spi3DParser(std::string_view text, const std::string& path) : m_text(text), m_path(path) {}

    Result<LutFile> parse() {
        LineReader lines(m_text);
        std::string_view line;
        // The three header lines are the file's first three lines.
        for (int header = 0; header < 3; ++header) {
            if (!lines.next(line)) {
                m_line = std::max(1, lines.number());
                return error("the file ends inside the 3-line SPILUT header");
            }
            m_line = lines.number();
            MEDIA_TRY(header_line(header, line));
        }
        while (lines.next(line)) {
            m_line = lines.number();
            std::array<std::string_view, 6> words;
            const size_t count = split_words(line, words);
            if (count == 0 || words[0].front() == '#') continue;
            MEDIA_TRY(table_line(words, count));
        }
        m_line = std::max(1, lines.number());
        return finish();
    }

private:
    struct Entry {
        uint32_t index;  ///< in the red-fastest table
        int line;
        std::array<float, 3> rgb;
    };

    Error error(std::string_view what) const { return lut_error(m_path, m_line, what); }

    Result<void> header_line(int header, std::string_view line) {
        std::array<std::string_view, 3> words;
        const size_t count = split_words(line, words);
        if (header == 0) {
            if (count == 0 || !(words[0].size() >= 6 && iequals(words[0].substr(0, 6), "SPILUT")))
                return error(fmt::format("expected 'SPILUT 1.0', found {}", excerpt(line)));
            return ok();
        }
        std::array<int64_t, 3> value{};
        const size_t wanted = header == 1 ? 2 : 3;
        bool numbers = count == wanted;
        for (size_t i = 0; i < wanted && numbers; ++i) numbers = parse_integer(words[i], value[i]);
        if (header == 1) {
            if (!numbers || value[0] != 3 || value[1] != 3)
                return error(
                    fmt::format("expected '3 3' (RGB in, RGB out), found {}", excerpt(line)));
            return ok();
        }
        if (!numbers)
            return error(fmt::format("expected the sizes 'N N N', found {}", excerpt(line)));
        if (value[0] != value[1] || value[0] != value[2])
            return error("sizes differ per channel; only N N N is supported");
        if (value[0] < 2 || value[0] > kMaxLut3DSize)
            return error(fmt::format("size {} is outside 2..{}", value[0], kMaxLut3DSize));
        m_size = static_cast<int>(value[0]);
        const auto n = static_cast<size_t>(m_size);
        m_expected = n * n * n;
        // Reserve what the file can hold ("0 0 0 0 0 0\n" is 12 bytes), not what it claims.
        m_entries.reserve(std::min(m_expected, m_text.size() / 12 + 1));
        return ok();
    }

    Result<void> table_line(std::span<const std::string_view> words, size_t count) {
        if (count != 6)
            return error(fmt::format("{} values on a table line, expected 6 (i j k r g b)", count));
        if (m_entries.size() >= m_expected)
            return error(fmt::format("more than the {}^3 entries the header declares", m_size));
        std::array<int64_t, 3> index{};
        for (size_t i = 0; i < 3; ++i) {
            if (!parse_integer(words[i], index[i]))
                return error(fmt::format("{} is not a whole-number index", excerpt(words[i])));
            if (index[i] < 0 || index[i] >= m_size)
                return error(
                    fmt::format("index {} is outside the cube (0..{})", index[i], m_size - 1));
        }
        Entry entry{
            static_cast<uint32_t>((index[2] * m_size + index[1]) * m_size + index[0]), m_line, {}};
        for (size_t i = 0; i < 3; ++i) {
            const NumberStatus status = parse_number(words[i + 3], entry.rgb[i]);
            if (status != NumberStatus::Ok) return error(bad_number_message(words[i + 3], status));
        }
        m_entries.push_back(entry);
        return ok();
    }

    Result<LutFile> finish() {
        if (m_entries.size() != m_expected)
            return error(fmt::format("expected {} entries ({}^3), found {}", m_expected, m_size,
                                     m_entries.size()));
        // Every entry is now known to exist, so the table is no bigger than the file.
        Lut3D cube;
        cube.size = m_size;
        cube.table.resize(m_expected * 3);
        std::vector<int> first_line(m_expected, 0);
        for (const Entry& entry : m_entries) {
            int& seen = first_line[entry.index];
            if (seen != 0) {
                m_line = entry.line;
                return error(fmt::format("the same entry as line {}", seen));
            }
            seen = entry.line;
            std::copy(entry.rgb.begin(), entry.rgb.end(),
                      cube.table.begin() + static_cast<ptrdiff_t>(entry.index) * 3);
        }
        LutFile lut;
        lut.path = m_path;
        lut.cube = std::move(cube);
        return lut;
    }

    std::string_view m_text;
    const std::string& m_path;
    int m_line = 0;
    int m_size = 0;
    size_t m_expected = 0;
    std::vector<Entry> m_entries;
};

}  // namespace

Result<LutFile> parse_spi1d_text(std::string_view text, const std::string& path) {
    return Spi1DParser(text, path).parse();
}

Result<LutFile> parse_spi3d_text(std::string_view text, const std::string& path) {
    return Spi3DParser(text, path).parse();
}

}  // namespace media::color::detail
