// SPDX-License-Identifier: Apache-2.0
// Private to the colour module: parsing LUT files from text already in memory (the readers behind
// read_lut_file, and the entry point the fuzzer drives), and the small tokenising helpers the
// four formats share.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "media/color/lut.h"
#include "media/core/result.h"

namespace media::color::detail {

enum class LutFormat : uint8_t { Cube, ThreeDL, Spi1D, Spi3D };

/// The format a file name's extension names (case-insensitive), or nothing for another one.
std::optional<LutFormat> lut_format_of(const std::string& path);

/// Parses a whole LUT file's text. `path` only names the file in errors and in LutFile::path.
Result<LutFile> parse_lut_text(std::string_view text, LutFormat format, const std::string& path);

Result<LutFile> parse_cube_text(std::string_view text, const std::string& path);
Result<LutFile> parse_3dl_text(std::string_view text, const std::string& path);
Result<LutFile> parse_spi1d_text(std::string_view text, const std::string& path);
Result<LutFile> parse_spi3d_text(std::string_view text, const std::string& path);

/// A .cube file's text for `lut` (what write_cube_file writes). InvalidArgument when the LUT is
/// not one a .cube can hold (bad sizes, non-finite values, a per-channel shaper domain).
Result<std::string> format_cube_text(const LutFile& lut);

// ---- shared tokenising helpers ----

/// The lines of a text, numbered from 1, without their "\n" (a "\r" before it is whitespace).
class LineReader {
public:
    explicit LineReader(std::string_view text) : m_rest(text) {}
    bool next(std::string_view& line) {
        if (m_done) return false;
        const size_t end = m_rest.find('\n');
        if (end == std::string_view::npos) {
            line = m_rest;
            m_done = true;
            if (line.empty()) return false;  // the text ended with "\n": no further line
        } else {
            line = m_rest.substr(0, end);
            m_rest.remove_prefix(end + 1);
        }
        ++m_number;
        return true;
    }
    /// The number of the last line returned (0 before the first); after the end, the last line.
    int number() const { return m_number; }

private:
    std::string_view m_rest;
    int m_number = 0;
    bool m_done = false;
};

inline bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/// Takes the next whitespace-separated word off the front of `line`; false when none is left.
inline bool next_word(std::string_view& line, std::string_view& word) {
    size_t begin = 0;
    while (begin < line.size() && is_blank(line[begin])) ++begin;
    if (begin == line.size()) {
        line = {};
        return false;
    }
    size_t end = begin;
    while (end < line.size() && !is_blank(line[end])) ++end;
    word = line.substr(begin, end - begin);
    line.remove_prefix(end);
    return true;
}

/// Splits a line into words: stores the first `out.size()`, returns how many there are in all.
inline size_t split_words(std::string_view line, std::span<std::string_view> out) {
    size_t count = 0;
    std::string_view word;
    while (next_word(line, word)) {
        if (count < out.size()) out[count] = word;
        ++count;
    }
    return count;
}

inline std::string_view trim(std::string_view text) {
    while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
    return text;
}

inline bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

enum class NumberStatus : uint8_t { Ok, NotANumber, NotFinite };

/// A whole word as a number (an optional leading '+' allowed). NaN, infinities and values past
/// the type's range are NotFinite; anything else that is not entirely a number is NotANumber.
template <typename Float>
NumberStatus parse_number(std::string_view word, Float& out) {
    if (word.size() > 1 && word[0] == '+' && word[1] != '-' && word[1] != '+')
        word.remove_prefix(1);
    const char* end = word.data() + word.size();
    auto [ptr, ec] = std::from_chars(word.data(), end, out);
    if (ptr != end || word.empty()) return NumberStatus::NotANumber;
    if (ec == std::errc::result_out_of_range) {
        // Underflow (a denormal-small value) is zero; overflow is not a usable entry.
        double wide = 0;
        auto [wide_ptr, wide_ec] = std::from_chars(word.data(), end, wide);
        if (wide_ec == std::errc() && wide_ptr == end && std::abs(wide) < 1.0) {
            out = static_cast<Float>(0);
            return NumberStatus::Ok;
        }
        return NumberStatus::NotFinite;
    }
    if (ec != std::errc()) return NumberStatus::NotANumber;
    return std::isfinite(out) ? NumberStatus::Ok : NumberStatus::NotFinite;
}

/// A whole word as a decimal integer (an optional leading '+' allowed).
inline bool parse_integer(std::string_view word, int64_t& out) {
    if (word.size() > 1 && word[0] == '+' && word[1] != '-') word.remove_prefix(1);
    const char* end = word.data() + word.size();
    auto [ptr, ec] = std::from_chars(word.data(), end, out);
    return ec == std::errc() && ptr == end && !word.empty();
}

/// A short printable quote of file text for messages (control bytes escaped, long text cut).
inline std::string excerpt(std::string_view text) {
    constexpr size_t kMaxChars = 40;
    std::string out = "'";
    for (size_t i = 0; i < text.size() && i < kMaxChars; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f)
            out += static_cast<char>(c);
        else
            out += fmt::format("\\x{:02x}", c);
    }
    if (text.size() > kMaxChars) out += "...";
    return out + "'";
}

/// The error every LUT parser returns: "FILE: line N: what".
inline Error lut_error(const std::string& path, int line, std::string_view what) {
    return Error(ErrorCode::InvalidArgument, fmt::format("line {}: {}", line, what))
        .with_file(path);
}

/// The message for a word that should have been a number.
inline std::string bad_number_message(std::string_view word, NumberStatus status) {
    return status == NumberStatus::NotFinite
               ? fmt::format("{} is NaN, infinite or out of range", excerpt(word))
               : fmt::format("{} is not a number", excerpt(word));
}

}  // namespace media::color::detail
