// SPDX-License-Identifier: Apache-2.0
#include "lut_file.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "file_text.h"
#include "lut_parse.h"
#include "media/color/color_pipeline.h"
#include "media/color/lut.h"

namespace media::color {
namespace detail {
namespace {

// read_lut_file's ceiling: a 256^3 .cube with 7-digit values is about 450 MB of text.
constexpr int64_t kMaxLutTextBytes = int64_t{1} << 30;

}  // namespace
}  // namespace detail

std::string detail::absolute_path(const std::string& path) {
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

std::optional<detail::LutFormat> detail::lut_format_of(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (extension == ".cube") return LutFormat::Cube;
    if (extension == ".3dl") return LutFormat::ThreeDL;
    if (extension == ".spi1d") return LutFormat::Spi1D;
    if (extension == ".spi3d") return LutFormat::Spi3D;
    return std::nullopt;
}

Result<LutFile> detail::parse_lut_text(std::string_view text, LutFormat format,
                                       const std::string& path) {
    switch (format) {
        case LutFormat::Cube:
            return parse_cube_text(text, path);
        case LutFormat::ThreeDL:
            return parse_3dl_text(text, path);
        case LutFormat::Spi1D:
            return parse_spi1d_text(text, path);
        case LutFormat::Spi3D:
            return parse_spi3d_text(text, path);
    }
    return Error(ErrorCode::Internal, "unknown LUT format").with_file(path);
}

Result<LutFile> read_lut_file(const std::string& path) {
    const auto format = detail::lut_format_of(path);
    if (!format)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("unknown LUT file extension '{}' (expected .cube, .3dl, .spi1d "
                                 "or .spi3d)",
                                 std::filesystem::path(path).extension().string()))
            .with_file(path);
    MEDIA_TRY_ASSIGN(const std::string text,
                     detail::read_text_file(path, detail::kMaxLutTextBytes));
    return detail::parse_lut_text(text, *format, path);
}

Result<void> check_lut_file(const std::string& path) {
    MEDIA_TRY(read_lut_file(path));
    return ok();
}

}  // namespace media::color
