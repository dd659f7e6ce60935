// SPDX-License-Identifier: Apache-2.0
#include "media/core/frame_range.h"

#include <charconv>
#include <limits>

namespace media {
namespace {

std::optional<int64_t> parse_index(std::string_view text) {
    int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty() || value < 0) return std::nullopt;
    return value;
}

}  // namespace

std::optional<FrameRange> parse_frame_range(std::string_view text) {
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto start = parse_index(text.substr(0, colon));
    if (start && colon + 1 == text.size())
        return FrameRange{*start, std::numeric_limits<int64_t>::max() - *start};
    auto end = parse_index(text.substr(colon + 1));
    if (!start || !end || *end <= *start) return std::nullopt;
    return FrameRange{*start, *end - *start};
}

std::string format_frame_range(const FrameRange& range) {
    if (range.end() == std::numeric_limits<int64_t>::max())
        return std::to_string(range.first) + ":";
    return std::to_string(range.first) + ":" + std::to_string(range.end());
}

}  // namespace media
