// SPDX-License-Identifier: Apache-2.0
#include "lut_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "media/color/color_pipeline.h"
#include "ocio_adapter.h"

namespace media::color {
namespace detail {
namespace {

// A 65^3 float .cube is ~10 MB of text; 129^3 (OCIO's largest 3D LUT) stays under 100 MB.
constexpr uintmax_t kMaxLutFileBytes = uintmax_t{256} << 20;
constexpr int64_t kMax3dSize = 129;
constexpr int64_t kMax1dSize = int64_t{1} << 20;
// The shortest possible entry line: "0 0 0\n".
constexpr uintmax_t kMinEntryBytes = 6;
// The header ends at the first table line; reading this far without one means it is not a
// header we can size-check (OCIO will judge the file).
constexpr int kMaxHeaderLines = 10000;

bool has_cube_extension(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension == ".cube";
}

bool starts_table(const std::string& line) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) return false;
    const char c = line[first];
    return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '+' || c == '.';
}

// The line without leading blanks, its first word upper-cased (OCIO reads keywords in any case).
std::string keyword_first(const std::string& line) {
    const auto first = line.find_first_not_of(" \t");
    std::string out = first == std::string::npos ? std::string() : line.substr(first);
    for (char& c : out) {
        if (c == ' ' || c == '\t') break;
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

// The size after a "LUT_3D_SIZE" / "LUT_1D_SIZE" keyword, or -1 when it is not a number.
int64_t size_after(const std::string& line, size_t keyword_length) {
    const auto first = line.find_first_not_of(" \t", keyword_length);
    if (first == std::string::npos) return -1;
    int64_t value = -1;
    const char* end = line.data() + line.size();
    auto [ptr, ec] = std::from_chars(line.data() + first, end, value);
    if (ec != std::errc()) return -1;
    while (ptr != end && std::isspace(static_cast<unsigned char>(*ptr))) ++ptr;
    return ptr == end ? value : -1;
}

Error cube_error(const std::string& path, int line, const std::string& what) {
    return Error(ErrorCode::InvalidArgument, fmt::format("line {}: {}", line, what))
        .with_file(path);
}

Result<void> check_cube_header(const std::string& path, uintmax_t file_bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error(ErrorCode::IoError, "cannot read the file").with_file(path);
    uintmax_t entries = 0;
    std::string line;
    for (int number = 1; number <= kMaxHeaderLines && std::getline(in, line); ++number) {
        if (starts_table(line)) break;
        line = keyword_first(line);
        const bool is_3d = line.starts_with("LUT_3D_SIZE");
        if (!is_3d && !line.starts_with("LUT_1D_SIZE")) continue;
        const int64_t size = size_after(line, 11);
        const int64_t limit = is_3d ? kMax3dSize : kMax1dSize;
        if (size < 2 || size > limit)
            return cube_error(path, number,
                              fmt::format("{} must be 2..{}", line.substr(0, 11), limit));
        const auto n = static_cast<uintmax_t>(size);
        entries += is_3d ? n * n * n : n;
        if (entries * kMinEntryBytes > file_bytes)
            return cube_error(path, number,
                              fmt::format("declares {} entries but the file has only {} bytes",
                                          entries, file_bytes));
    }
    return ok();
}

}  // namespace

Result<void> check_lut_limits(const std::string& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        return Error(ErrorCode::NotFound, "no such LUT file").with_file(path);
    if (!std::filesystem::is_regular_file(status))
        return Error(ErrorCode::InvalidArgument, "not a regular file").with_file(path);
    const auto bytes = std::filesystem::file_size(path, ec);
    if (ec) return Error(ErrorCode::IoError, ec.message()).with_file(path);
    if (bytes > kMaxLutFileBytes)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("LUT file is {} bytes (at most {})", bytes, kMaxLutFileBytes))
            .with_file(path);
    return has_cube_extension(path) ? check_cube_header(path, bytes) : ok();
}

}  // namespace detail

std::string detail::absolute_path(const std::string& path) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

Result<void> check_lut_file(const std::string& path) {
    const std::string absolute = detail::absolute_path(path);
    MEDIA_TRY(detail::check_lut_limits(absolute));
    return detail::load_lut_with_ocio(absolute);
}

}  // namespace media::color
