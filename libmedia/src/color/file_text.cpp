// SPDX-License-Identifier: Apache-2.0
#include "file_text.h"

#include <algorithm>

namespace media::color::detail {

int line_at(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    const auto newlines =
        std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(offset), '\n');
    return static_cast<int>(newlines) + 1;
}

}  // namespace media::color::detail
