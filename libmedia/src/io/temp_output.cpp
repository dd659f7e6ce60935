// SPDX-License-Identifier: Apache-2.0
#include "media/io/temp_output.h"

#include <filesystem>
#include <random>
#include <system_error>

namespace media::io {

namespace fs = std::filesystem;

namespace {

std::string random_tag() {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    thread_local std::mt19937 engine{std::random_device{}()};
    std::uniform_int_distribution<int> pick(0, sizeof kAlphabet - 2);
    std::string tag(6, 'x');
    for (char& c : tag) c = kAlphabet[pick(engine)];
    return tag;
}

fs::path folder_of(const std::string& final_path) {
    fs::path parent = fs::path(final_path).parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

}  // namespace

std::string temporary_path_for(const std::string& final_path) {
    const fs::path path(final_path);
    std::error_code ec;
    for (;;) {
        fs::path candidate = folder_of(final_path) / ("." + path.stem().string() + ".partial-" +
                                                      random_tag() + path.extension().string());
        if (!fs::exists(candidate, ec)) return candidate.string();
    }
}

Result<void> check_output_folder(const std::string& final_path) {
    std::error_code ec;
    const fs::path folder = folder_of(final_path);
    if (!fs::exists(folder, ec))
        return Error(ErrorCode::NotFound, "output folder does not exist").with_file(final_path);
    if (!fs::is_directory(folder, ec))
        return Error(ErrorCode::InvalidArgument, "output folder is not a directory")
            .with_file(final_path);
    if (fs::is_directory(final_path, ec))
        return Error(ErrorCode::InvalidArgument, "output path is a directory")
            .with_file(final_path);
    return ok();
}

Result<void> commit_output(const std::string& temporary, const std::string& final_path) {
    std::error_code ec;
    fs::rename(temporary, final_path, ec);
    if (ec)
        return Error(ErrorCode::IoError,
                     "cannot rename the finished output into place: " + ec.message())
            .with_file(final_path);
    return ok();
}

void remove_quietly(const std::string& path) {
    std::error_code ec;
    fs::remove(path, ec);
}

}  // namespace media::io
