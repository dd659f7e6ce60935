// SPDX-License-Identifier: Apache-2.0
#include "file_text.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

namespace media::color::detail {

Result<std::string> read_text_file(const std::string& path, int64_t max_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        return Error(ErrorCode::NotFound, "no such file").with_file(path);
    if (!std::filesystem::is_regular_file(status))
        return Error(ErrorCode::InvalidArgument, "not a regular file").with_file(path);
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) return Error(ErrorCode::IoError, ec.message()).with_file(path);
    if (size > static_cast<uintmax_t>(max_bytes))
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("file is {} bytes, more than the {} this kind of file may have",
                                 size, max_bytes))
            .with_file(path);
    std::ifstream in(path, std::ios::binary);
    std::string text(static_cast<size_t>(size), '\0');
    if (!in || !in.read(text.data(), static_cast<std::streamsize>(size)))
        return Error(ErrorCode::IoError, "cannot read the file").with_file(path);
    return text;
}

int line_at(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    const auto newlines =
        std::count(text.begin(), text.begin() + static_cast<ptrdiff_t>(offset), '\n');
    return static_cast<int>(newlines) + 1;
}

}  // namespace media::color::detail
