// SPDX-License-Identifier: Apache-2.0
// Output naming templates: "{reel}/{clip}_{preset}" -> a relative path that stays inside the
// output folder whatever the clip metadata holds.
#include "media/transcode/naming.h"

#include <array>

#include <fmt/format.h>

namespace media::transcode {
namespace {

constexpr std::array<std::string_view, 12> k_field_names{"clip",   "reel", "tc",    "preset",
                                                         "date",   "time", "codec", "width",
                                                         "height", "fps",  "ext",   "index"};

bool is_ascii_control(unsigned char byte) {
    return byte < 0x20 || byte == 0x7f;
}

// U+0080..U+009F are encoded C2 80..C2 9F in UTF-8.
bool is_c1_control_at(std::string_view text, size_t at) {
    return at + 1 < text.size() && static_cast<unsigned char>(text[at]) == 0xC2 &&
           static_cast<unsigned char>(text[at + 1]) >= 0x80 &&
           static_cast<unsigned char>(text[at + 1]) <= 0x9F;
}

Error naming_error(std::string_view pattern, std::string_view problem) {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("naming pattern '{}': {}", pattern, problem));
}

std::string field_list(const NamingFields& fields) {
    std::string names;
    for (const auto& [name, value] : fields) names += (names.empty() ? "" : ", ") + name;
    return names;
}

// Splits on '/', dropping empty and "." components (so no leading '/'), refusing "..".
Result<std::string> normalise_relative(std::string_view expanded, std::string_view pattern) {
    std::string out;
    size_t begin = 0;
    while (begin <= expanded.size()) {
        size_t end = expanded.find('/', begin);
        if (end == std::string_view::npos) end = expanded.size();
        const std::string_view part = expanded.substr(begin, end - begin);
        if (part == "..")
            return naming_error(pattern, "a '..' component would leave the output folder");
        if (!part.empty() && part != ".") out += (out.empty() ? "" : "/") + std::string(part);
        begin = end + 1;
    }
    if (out.empty()) return naming_error(pattern, "the name is empty");
    return out;
}

struct Expansion {
    std::string text;
    size_t next = 0;  ///< index in the pattern after what was consumed
};

// A '{' at pattern[at]: "{{" or a field.
Result<Expansion> expand_brace(std::string_view pattern, size_t at, const NamingFields& fields) {
    if (at + 1 < pattern.size() && pattern[at + 1] == '{') return Expansion{"{", at + 2};
    const size_t close = pattern.find_first_of("{}", at + 1);
    if (close == std::string_view::npos || pattern[close] != '}')
        return naming_error(pattern, fmt::format("unclosed '{{' at column {}", at + 1));
    const std::string_view name = pattern.substr(at + 1, close - at - 1);
    const auto field = fields.find(name);
    if (field == fields.end())
        return naming_error(
            pattern, fmt::format("unknown field '{{{}}}' (fields: {})", name, field_list(fields)));
    return Expansion{sanitize_file_component(field->second), close + 1};
}

}  // namespace

std::string sanitize_file_component(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (size_t i = 0; i < value.size(); ++i) {
        const auto byte = static_cast<unsigned char>(value[i]);
        if (is_c1_control_at(value, i)) {
            out += '_';
            ++i;
        } else if (byte == '/' || byte == '\\' || is_ascii_control(byte)) {
            out += '_';
        } else {
            out += byte == ':' ? '-' : value[i];
        }
    }
    // Leading dots would make "..", "." or a hidden file.
    const size_t first = out.find_first_not_of('.');
    return first == std::string::npos ? std::string() : out.substr(first);
}

Result<std::string> expand_naming(std::string_view pattern, const NamingFields& fields) {
    std::string expanded;
    for (size_t i = 0; i < pattern.size();) {
        const char c = pattern[i];
        if (c == '{') {
            MEDIA_TRY_ASSIGN(Expansion part, expand_brace(pattern, i, fields));
            expanded += part.text;
            i = part.next;
        } else if (c == '}') {
            if (i + 1 >= pattern.size() || pattern[i + 1] != '}')
                return naming_error(pattern, fmt::format("unmatched '}}' at column {}", i + 1));
            expanded += '}';
            i += 2;
        } else {
            // Literal text is the preset author's, but a control character is never wanted.
            expanded += is_ascii_control(static_cast<unsigned char>(c)) ? '_' : c;
            ++i;
        }
    }
    return normalise_relative(expanded, pattern);
}

std::span<const std::string_view> naming_field_names() {
    return k_field_names;
}

Result<void> check_naming(std::string_view pattern) {
    NamingFields fields;
    for (std::string_view name : k_field_names) fields.emplace(std::string(name), "x");
    MEDIA_TRY(expand_naming(pattern, fields));
    return ok();
}

}  // namespace media::transcode
