// SPDX-License-Identifier: Apache-2.0
// Private to batch/: the clip name a path gets when no manifest names it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "media/io/sequence_pattern.h"

namespace media::batch {

/// Removes separators ('.', '_', '-', ' ') left at the end of a name whose frame number was cut.
inline std::string trim_trailing_separators(std::string name) {
    while (!name.empty() && std::string_view("._- ").find(name.back()) != std::string_view::npos)
        name.pop_back();
    return name;
}

/// "A001C002.mov" -> "A001C002"; a sequence pattern "/a/shot_v2.%07d.dpx" -> "shot_v2".
inline std::string clip_name_for(const std::string& path) {
    if (auto pattern = SequencePattern::parse(path)) {
        std::string head = std::filesystem::path(pattern->prefix).filename().string();
        if (pattern->prefix.ends_with('/')) head.clear();
        std::string name = trim_trailing_separators(head);
        if (!name.empty()) return name;
    }
    return std::filesystem::path(path).stem().string();
}

}  // namespace media::batch
