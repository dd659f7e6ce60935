// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace media {

/// A half-open range of frame indices [first, first + count): a chunk or a shard of a source.
struct FrameRange {
    int64_t first = 0;
    int64_t count = 0;
    int64_t end() const { return first + count; }
    friend bool operator==(const FrameRange&, const FrameRange&) = default;
};

/// Parses "START:END" (END exclusive, both frame indices, START < END) as the command line
/// writes a range; "START:" runs to the end of the source (count = INT64_MAX - START, so
/// end() == INT64_MAX). nullopt when malformed.
std::optional<FrameRange> parse_frame_range(std::string_view text);
/// "START:END", or "START:" for a range that runs to the end.
std::string format_frame_range(const FrameRange& range);

}  // namespace media
