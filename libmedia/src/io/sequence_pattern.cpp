// SPDX-License-Identifier: Apache-2.0
#include "media/io/sequence_pattern.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <system_error>

#include <fmt/format.h>

namespace media {
namespace {

struct Token {
    size_t begin = 0;
    size_t end = 0;
    int padding = 0;
};

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// "%d", "%4d", "%04d" starting at name[at]; the printf flags we accept are only '0'.
std::optional<Token> printf_token(std::string_view name, size_t at) {
    size_t i = at + 1;
    if (i < name.size() && name[i] == '0') ++i;
    int width = 0;
    while (i < name.size() && is_digit(name[i]) && width < 100)
        width = width * 10 + (name[i++] - '0');
    if (i >= name.size() || name[i] != 'd') return std::nullopt;
    return Token{at, i + 1, width};
}

// A run of '#' or '@': one digit each, except that a lone one means "any padding".
Token run_token(std::string_view name, size_t at) {
    size_t end = at;
    while (end < name.size() && name[end] == name[at]) ++end;
    int length = static_cast<int>(end - at);
    return Token{at, end, length == 1 ? SequencePattern::kAnyPadding : length};
}

std::optional<Token> last_token(std::string_view name) {
    std::optional<Token> found;
    for (size_t i = 0; i < name.size();) {
        std::optional<Token> token;
        if (name[i] == '%') token = printf_token(name, i);
        if (name[i] == '#' || name[i] == '@') token = run_token(name, i);
        if (token) found = token;
        i = token ? token->end : i + 1;
    }
    return found;
}

bool padding_fits(std::string_view digits, int padding) {
    if (padding == SequencePattern::kAnyPadding) return true;
    if (digits.size() > 1 && digits[0] == '0') return static_cast<int>(digits.size()) == padding;
    return static_cast<int>(digits.size()) >= padding;
}

std::string directory_of(const std::string& prefix) {
    auto slash = prefix.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : prefix.substr(0, slash);
}

// The digit run of file_name where the pattern has its frame number, if the name fits.
std::optional<std::string_view> frame_digits(const SequencePattern& pattern,
                                             std::string_view file_name) {
    std::string_view head = pattern.prefix;
    if (auto slash = head.rfind('/'); slash != std::string_view::npos)
        head = head.substr(slash + 1);
    const std::string_view tail = pattern.suffix;
    if (file_name.size() <= head.size() + tail.size()) return std::nullopt;
    if (!file_name.starts_with(head) || !file_name.ends_with(tail)) return std::nullopt;
    auto digits = file_name.substr(head.size(), file_name.size() - head.size() - tail.size());
    // 18 digits always fit an int64_t; longer runs are not frame numbers.
    if (digits.size() > 18 || !std::all_of(digits.begin(), digits.end(), is_digit))
        return std::nullopt;
    if (!padding_fits(digits, pattern.padding)) return std::nullopt;
    return digits;
}

}  // namespace

std::optional<SequencePattern> SequencePattern::parse(std::string_view path) {
    size_t name_at = path.rfind('/');
    name_at = name_at == std::string_view::npos ? 0 : name_at + 1;
    auto token = last_token(path.substr(name_at));
    if (!token) return std::nullopt;
    SequencePattern pattern;
    pattern.prefix = std::string(path.substr(0, name_at + token->begin));
    pattern.suffix = std::string(path.substr(name_at + token->end));
    pattern.padding = token->padding;
    return pattern;
}

std::string SequencePattern::path_of(int64_t frame) const {
    return fmt::format("{}{:0{}}{}", prefix, frame, std::max(padding, 0), suffix);
}

std::string SequencePattern::printf_form() const {
    if (padding <= 1) return prefix + "%d" + suffix;
    return fmt::format("{}%0{}d{}", prefix, padding, suffix);
}

std::optional<int64_t> SequencePattern::match(std::string_view file_name) const {
    auto digits = frame_digits(*this, file_name);
    if (!digits) return std::nullopt;
    int64_t frame = 0;
    for (char c : *digits) frame = frame * 10 + (c - '0');
    return frame;
}

Result<SequenceFiles> find_sequence_files(const SequencePattern& pattern) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::directory_iterator it(directory_of(pattern.prefix), ec);
    if (ec)
        return Error(ErrorCode::IoError, "cannot list the folder: " + ec.message())
            .with_file(pattern.printf_form());
    // Frame number -> its digits, to resolve "any padding" from the lowest frame's file name.
    std::map<int64_t, std::string> found;
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        auto digits = frame_digits(pattern, name);
        if (digits && it->is_regular_file(ec))
            found.emplace(*pattern.match(name), std::string(*digits));
    }
    if (found.empty())
        return Error(ErrorCode::NotFound, "no files match this image sequence pattern")
            .with_file(pattern.printf_form());
    SequenceFiles files{pattern, {}};
    if (pattern.padding == SequencePattern::kAnyPadding) {
        const std::string& lowest = found.begin()->second;
        files.pattern.padding = lowest.size() > 1 && lowest[0] == '0' ? int(lowest.size()) : 0;
    }
    for (const auto& entry : found) files.frames.push_back(entry.first);
    return files;
}

std::string clip_name_of(const std::string& input) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto pattern = SequencePattern::parse(input);
    if (!pattern || fs::is_regular_file(input, ec)) return fs::path(input).stem().string();
    std::string stem = fs::path(pattern->prefix).filename().string();
    while (!stem.empty() &&
           (stem.back() == '.' || stem.back() == '_' || stem.back() == '-' || stem.back() == ' '))
        stem.pop_back();
    if (!stem.empty()) return stem;
    return fs::path(pattern->prefix).parent_path().filename().string();
}

std::vector<int64_t> missing_frames(const std::vector<int64_t>& sorted_frames, size_t limit) {
    std::vector<int64_t> missing;
    for (size_t i = 1; i < sorted_frames.size(); ++i)
        for (int64_t f = sorted_frames[i - 1] + 1; f < sorted_frames[i]; ++f) {
            if (missing.size() >= limit) return missing;
            missing.push_back(f);
        }
    return missing;
}

}  // namespace media
