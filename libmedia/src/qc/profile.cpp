// SPDX-License-Identifier: Apache-2.0
// Where QC profiles live and how one is found by name or path; severity names. Reading the YAML
// itself is profile_yaml.cpp's job.
#include "media/qc/profile.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "media/transcode/preset.h"
#include "profile_internal.h"

namespace fs = std::filesystem;

namespace media::qc {
namespace {

bool is_profile_file(const fs::path& path) {
    return path.extension() == ".yaml" || path.extension() == ".yml";
}

bool looks_like_path(const std::string& text) {
    return text.find('/') != std::string::npos || is_profile_file(text);
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

Result<std::string> read_small_file(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error(ErrorCode::NotFound, fmt::format("{}: no such QC profile file", path));
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec || size > detail::k_max_profile_bytes)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: not a QC profile (larger than {} bytes)", path,
                                 detail::k_max_profile_bytes));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return Error(ErrorCode::IoError, fmt::format("{}: cannot read", path));
    return text.str();
}

Result<QcProfile> load_file(const std::string& path, int depth) {
    MEDIA_TRY_ASSIGN(std::string text, read_small_file(path));
    return detail::parse_profile_nested(text, path, depth);
}

Result<QcProfile> load_builtin(const std::string& name, int depth) {
    const std::vector<std::string> names = builtin_profile_names();
    if (std::find(names.begin(), names.end(), name) == names.end())
        return Error(ErrorCode::NotFound,
                     fmt::format("no QC profile named '{}' in {} (built-in profiles: {})", name,
                                 qc_profiles_dir(), fmt::join(names, ", ")));
    const fs::path folder = qc_profiles_dir();
    const fs::path yaml = folder / (name + ".yaml");
    std::error_code ec;
    const fs::path file = fs::exists(yaml, ec) ? yaml : folder / (name + ".yml");
    MEDIA_TRY_ASSIGN(QcProfile profile, load_file(file.string(), depth));
    // Reports name shipped profiles without the install path, so they match across machines.
    profile.source = "builtin:" + name;
    return profile;
}

}  // namespace

std::optional<Severity> severity_from_name(std::string_view name) {
    for (const Severity severity : {Severity::Info, Severity::Warning, Severity::Error})
        for (const SeverityStyle style : {SeverityStyle::Standard, SeverityStyle::Netflix})
            if (equal_ignoring_case(name, to_string(severity, style))) return severity;
    return std::nullopt;
}

std::map<std::string, CheckPolicy> catalog_policies() {
    std::map<std::string, CheckPolicy> policies;
    for (const CheckInfo& check : check_catalog())
        policies.emplace(check.id, CheckPolicy{true, check.default_severity});
    return policies;
}

std::string qc_profiles_dir() {
    // presets_dir() is <presets>/transcode; QC profiles sit beside it in <presets>/qc.
    const std::string transcode_dir = transcode::presets_dir();
    if (transcode_dir.empty()) return {};
    return (fs::path(transcode_dir).parent_path() / "qc").string();
}

std::vector<std::string> builtin_profile_names() {
    std::vector<std::string> names;
    const std::string folder = qc_profiles_dir();
    if (folder.empty()) return names;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& path = it->path();
        const std::string stem = path.stem().string();
        if (is_profile_file(path) && !stem.starts_with('.') && it->is_regular_file(ec))
            names.push_back(stem);
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

Result<QcProfile> parse_profile(const std::string& text, const std::string& source) {
    return detail::parse_profile_nested(text, source, 0);
}

Result<QcProfile> load_profile(const std::string& name_or_path) {
    return detail::load_profile_nested(name_or_path, 0);
}

namespace detail {

Result<QcProfile> load_profile_nested(const std::string& name_or_path, int depth) {
    if (looks_like_path(name_or_path)) return load_file(name_or_path, depth);
    return load_builtin(name_or_path, depth);
}

}  // namespace detail

bool QcProfile::enabled(const std::string& id) const {
    const auto it = checks.find(id);
    return it != checks.end() && it->second.enabled;
}

}  // namespace media::qc
