// SPDX-License-Identifier: Apache-2.0
// Reading the small text files the colour module parses (CDL XML, looks, LUT headers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "media/core/result.h"
#include "media/core/text_file.h"

namespace media::color::detail {

using media::read_text_file;  // media/core/text_file.h

/// 1-based line number of byte `offset` in text.
int line_at(std::string_view text, size_t offset);

}  // namespace media::color::detail
