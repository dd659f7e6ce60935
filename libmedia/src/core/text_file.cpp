// SPDX-License-Identifier: Apache-2.0
#include "media/core/text_file.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>

#include <fmt/format.h>

namespace media {

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

Result<void> write_text_file_atomically(const std::string& path, std::string_view content) {
    namespace fs = std::filesystem;
    const fs::path final_path(path);
    thread_local std::mt19937 engine{std::random_device{}()};
    const fs::path temporary =
        final_path.parent_path() /
        fmt::format(".{}.partial-{:06}", final_path.filename().string(), engine() % 1000000);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::error_code ignored;
            fs::remove(temporary, ignored);
            return Error(ErrorCode::IoError, "cannot write the file").with_file(path);
        }
    }
    std::error_code ec;
    fs::rename(temporary, final_path, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        return Error(ErrorCode::IoError, "cannot rename into place: " + ec.message())
            .with_file(path);
    }
    return ok();
}

}  // namespace media
