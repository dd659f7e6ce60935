// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/core/result.h"

namespace media {

/// A file-name pattern for an image sequence: the text before and after the frame number and
/// the number's zero padding. Written as name.%06d.exr or name.######.exr (six digits),
/// name.%d.exr (no padding), name.@@@@.tif (each @ one digit) or name.@.tif / name.#.tif (any
/// padding: taken from the files found).
struct SequencePattern {
    static constexpr int kAnyPadding = -1;

    std::string prefix;  ///< everything before the frame number, directory included
    std::string suffix;  ///< everything after it
    int padding = 0;     ///< digits with leading zeros; 0: unpadded; kAnyPadding: any width

    /// Parses the last frame-number token in the file-name part of path; nullopt when none.
    static std::optional<SequencePattern> parse(std::string_view path);
    /// The path of one frame, e.g. "/a/shot.000101.exr" (unpadded when padding is kAnyPadding).
    std::string path_of(int64_t frame) const;
    /// The printf form, e.g. "/a/shot.%06d.exr".
    std::string printf_form() const;
    /// The frame number when file_name (no directory) fits this pattern's file-name part.
    std::optional<int64_t> match(std::string_view file_name) const;
};

/// The files found on disk for a pattern.
struct SequenceFiles {
    SequencePattern pattern;      ///< the pattern, with kAnyPadding resolved from the files
    std::vector<int64_t> frames;  ///< frame numbers present, sorted, unique
};

/// Lists the regular files matching a pattern. NotFound when none match, IoError when the
/// directory cannot be listed.
Result<SequenceFiles> find_sequence_files(const SequencePattern& pattern);

/// Frame numbers missing in [frames.front(), frames.back()] of a sorted, unique frame list; the
/// first `limit` of them (a typo'd frame number can open a gap of billions).
std::vector<int64_t> missing_frames(const std::vector<int64_t>& sorted_frames,
                                    size_t limit = 100000);

/// The clip name outputs are named after: the file name without extension, or for an image
/// sequence ("shot.%06d.exr") its name without the frame number and its separator ("shot"),
/// else its folder's name. A regular file whose name merely looks like a pattern is a file.
std::string clip_name_of(const std::string& input);

}  // namespace media
