// SPDX-License-Identifier: Apache-2.0
// Where transcode presets live and how one is found by name or path. Reading the YAML itself is
// preset_yaml.cpp's job.
#include "media/transcode/preset.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "preset_names.h"

namespace fs = std::filesystem;

namespace media::transcode {
namespace {

constexpr std::uintmax_t k_max_file_bytes = 1 << 20;

bool is_directory(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

// <prefix>/lib/libmedia.so -> <prefix>/share/slate/presets, for installed builds.
std::string installed_presets_root() {
    Dl_info where{};
    if (dladdr(reinterpret_cast<void*>(&presets_dir), &where) == 0 || !where.dli_fname) return {};
    return (fs::path(where.dli_fname).parent_path().parent_path() / "share/slate/presets").string();
}

std::string presets_root() {
    if (const char* env = std::getenv("SLATE_PRESETS_DIR"); env && *env) return env;
    if (is_directory(SLATE_PRESETS_SOURCE_DIR)) return SLATE_PRESETS_SOURCE_DIR;
    return installed_presets_root();
}

bool is_preset_file(const fs::path& path) {
    return path.extension() == ".yaml" || path.extension() == ".yml";
}

bool looks_like_path(const std::string& text) {
    return text.find('/') != std::string::npos || is_preset_file(text);
}

Result<std::string> read_small_file(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error(ErrorCode::NotFound, fmt::format("{}: no such preset file", path));
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec || size > k_max_file_bytes)
        return Error(
            ErrorCode::InvalidArgument,
            fmt::format("{}: not a preset (larger than {} bytes)", path, k_max_file_bytes));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return Error(ErrorCode::IoError, fmt::format("{}: cannot read", path));
    return text.str();
}

}  // namespace

Result<TranscodePreset> load_preset_file(const std::string& path) {
    MEDIA_TRY_ASSIGN(std::string text, read_small_file(path));
    return parse_preset(text, path);
}

std::string presets_dir() {
    const std::string root = presets_root();
    return root.empty() ? std::string() : (fs::path(root) / "transcode").string();
}

std::vector<std::string> builtin_preset_names() {
    std::vector<std::string> names;
    std::error_code ec;
    const std::string folder = presets_dir();
    if (folder.empty()) return names;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        const std::string stem = path.stem().string();
        if (is_preset_file(path) && !stem.starts_with('.') && it->is_regular_file(ec))
            names.push_back(stem);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

Result<TranscodePreset> find_preset(const std::string& name_or_path) {
    if (looks_like_path(name_or_path)) return load_preset_file(name_or_path);
    const std::vector<std::string> names = builtin_preset_names();
    if (std::find(names.begin(), names.end(), name_or_path) == names.end())
        return Error(ErrorCode::NotFound,
                     fmt::format("no preset named '{}' in {} (built-in presets: {})", name_or_path,
                                 presets_dir(), fmt::join(names, ", ")));
    const fs::path folder = presets_dir();
    const fs::path yaml = folder / (name_or_path + ".yaml");
    std::error_code ec;
    return load_preset_file(fs::exists(yaml, ec) ? yaml.string()
                                                 : (folder / (name_or_path + ".yml")).string());
}

std::string_view to_string(ScaleMode mode) {
    return name_of(k_scale_mode_names, mode);
}
std::string_view to_string(AudioMode mode) {
    return name_of(k_audio_mode_names, mode);
}
std::string_view to_string(OutputKind kind) {
    return name_of(k_output_kind_names, kind);
}
std::string_view to_string(FrameRateMode mode) {
    return name_of(k_frame_rate_mode_names, mode);
}

}  // namespace media::transcode
