// SPDX-License-Identifier: Apache-2.0
// Where VMAF model files are found: a path is used as given; a name is looked up as NAME.json in
// the folders of $SLATE_VMAF_MODEL_PATH, then in the folders libvmaf's meson install puts its
// models in (<prefix>/share/vmaf/model for current trees, <prefix>/share/model for older ones).
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "media/metrics/vmaf_model.h"

namespace fs = std::filesystem;

namespace media::metrics {
namespace {

bool looks_like_path(std::string_view text) {
    return text.find('/') != std::string_view::npos || text.ends_with(".json");
}

bool is_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

std::vector<std::string> split_path_list(const char* list) {
    std::vector<std::string> out;
    if (!list) return out;
    std::string_view rest(list);
    while (true) {
        const size_t colon = rest.find(':');
        const std::string_view part = rest.substr(0, colon);
        if (!part.empty()) out.emplace_back(part);
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
    }
    return out;
}

constexpr const char* k_how_to_provide =
    "give a model file with --vmaf-model FILE, or put NAME.json in a folder listed in "
    "SLATE_VMAF_MODEL_PATH (':'-separated); libvmaf's models are in its source tree's model/ "
    "folder";

}  // namespace

std::vector<std::string> vmaf_model_search_folders() {
    std::vector<std::string> folders = split_path_list(std::getenv("SLATE_VMAF_MODEL_PATH"));
    for (const char* folder : {"/usr/local/share/vmaf/model", "/usr/share/vmaf/model",
                               "/usr/local/share/model", "/usr/share/model"})
        folders.emplace_back(folder);
    return folders;
}

Result<std::string> find_vmaf_model(std::string_view name_or_path) {
    if (name_or_path.empty())
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("no VMAF model named; {}", k_how_to_provide));
    const std::string text(name_or_path);
    if (looks_like_path(text)) {
        if (is_file(text)) return text;
        return Error(ErrorCode::NotFound,
                     fmt::format("{}: no such VMAF model file; {}", text, k_how_to_provide));
    }
    const std::vector<std::string> folders = vmaf_model_search_folders();
    for (const std::string& folder : folders) {
        const fs::path candidate = fs::path(folder) / (text + ".json");
        if (is_file(candidate)) return candidate.string();
    }
    return Error(ErrorCode::NotFound,
                 fmt::format("no VMAF model '{}': looked for {}.json in {}; {}", text, text,
                             fmt::join(folders, ", "), k_how_to_provide));
}

}  // namespace media::metrics
