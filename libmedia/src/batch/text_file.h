// SPDX-License-Identifier: Apache-2.0
// Private to batch/: whole-file reads and writes through a temporary name renamed into place.
#pragma once

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <system_error>

#include "media/core/result.h"

namespace media::batch {

/// The whole file as bytes. NotFound / IoError name it.
inline Result<std::string> read_text_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return Error(ErrorCode::NotFound, "no such file").with_file(path);
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(ErrorCode::IoError, std::strerror(errno)).with_file(path);
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return Error(ErrorCode::IoError, "read error").with_file(path);
    return content.str();
}

/// Writes content to a hidden ".<name>.partial-XXXXXX" beside path, then renames it onto path,
/// so a reader never sees half a file.
inline Result<void> write_text_file_atomically(const std::string& path,
                                               const std::string& content) {
    namespace fs = std::filesystem;
    const fs::path final_path(path);
    thread_local std::mt19937 engine{std::random_device{}()};
    const fs::path temporary =
        final_path.parent_path() /
        ("." + final_path.filename().string() + ".partial-" + std::to_string(engine() % 1000000));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
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

}  // namespace media::batch
