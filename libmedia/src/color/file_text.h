// SPDX-License-Identifier: Apache-2.0
// Reading the small text files the colour module parses (CDL XML, looks, LUT headers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "media/core/result.h"

namespace media::color::detail {

/// The whole of a text file of at most max_bytes. NotFound when it does not exist, IoError when
/// it cannot be read, InvalidArgument when it is larger (a hostile or wrong file, not a look).
Result<std::string> read_text_file(const std::string& path, int64_t max_bytes);

/// 1-based line number of byte `offset` in text.
int line_at(std::string_view text, size_t offset);

}  // namespace media::color::detail
