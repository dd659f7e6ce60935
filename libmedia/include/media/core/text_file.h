// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "media/core/result.h"

namespace media {

/// The whole of a file as bytes, at most max_bytes. NotFound when it does not exist,
/// InvalidArgument when it is not a regular file or is larger (a hostile or wrong file), IoError
/// when it cannot be read; each names the file.
Result<std::string> read_text_file(const std::string& path,
                                   int64_t max_bytes = std::numeric_limits<int64_t>::max());

/// Writes content to a hidden ".<name>.partial-XXXXXX" beside path, then renames it onto path:
/// a reader never sees half a file, and a failed write leaves any earlier file in place.
Result<void> write_text_file_atomically(const std::string& path, std::string_view content);

}  // namespace media
