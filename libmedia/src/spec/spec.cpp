// SPDX-License-Identifier: Apache-2.0
// Finding and loading specs: built-in names, paths, MediaConch policies; cyclic extends.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "media/transcode/preset.h"
#include "spec_internal.h"

namespace media::spec {
namespace {

namespace fs = std::filesystem;

// A spec is a page of YAML; anything this large is not one.
constexpr std::uintmax_t k_max_spec_bytes = 1 << 20;

bool looks_like_path(const std::string& text) {
    const fs::path path(text);
    return text.find('/') != std::string::npos || path.extension() == ".yaml" ||
           path.extension() == ".yml" || path.extension() == ".xml";
}

Result<std::string> read_spec_text(const std::string& path) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec))
        return Error(ErrorCode::NotFound, fmt::format("{}: no such spec file", path));
    if (fs::file_size(path, ec) > k_max_spec_bytes || ec)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: too large for a spec (over 1 MiB)", path));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in && !in.eof())
        return Error(ErrorCode::IoError, fmt::format("{}: cannot read the spec", path));
    return text.str();
}

}  // namespace

const Rule* Spec::find_rule(std::string_view id) const {
    for (const Rule& rule : rules)
        if (rule.id == id) return &rule;
    return nullptr;
}

const Parameter* Spec::find_parameter(std::string_view name) const {
    for (const Parameter& parameter : parameters)
        if (parameter.name == name) return &parameter;
    return nullptr;
}

void collect_fields(const Condition& condition, std::vector<std::string>& fields,
                    std::vector<std::string>& qc_checks) {
    switch (condition.kind) {
        case Condition::Kind::Test:
            fields.push_back(condition.field);
            if (condition.expected.kind == Operand::Kind::Field)
                fields.push_back(condition.expected.name);
            break;
        case Condition::Kind::QcCheck:
            qc_checks.push_back(condition.qc_check);
            break;
        case Condition::Kind::AllOf:
        case Condition::Kind::AnyOf:
        case Condition::Kind::Not:
            for (const Condition& child : condition.children)
                collect_fields(child, fields, qc_checks);
            break;
    }
}

std::string specs_dir() {
    const std::string transcode = transcode::presets_dir();
    if (transcode.empty()) return {};
    return (fs::path(transcode).parent_path() / "specs").string();
}

std::vector<std::string> builtin_spec_names() {
    std::vector<std::string> names;
    const std::string folder = specs_dir();
    std::error_code ec;
    if (folder.empty()) return names;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".yaml") names.push_back(it->path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

Result<Spec> parse_spec(const std::string& text, const std::string& source) {
    std::error_code ec;
    detail::LoadChain chain{fs::weakly_canonical(source, ec).string()};
    return detail::parse_spec_text(text, source, chain);
}

Result<Spec> load_spec(const std::string& name_or_path) {
    detail::LoadChain chain;
    return detail::load_spec_file(name_or_path, {}, chain);
}

namespace detail {

Result<Spec> load_spec_file(const std::string& name_or_path, const std::string& base_dir,
                            LoadChain& chain) {
    std::string path = name_or_path;
    const bool builtin = !looks_like_path(name_or_path);
    if (builtin) {
        const std::vector<std::string> names = builtin_spec_names();
        if (std::find(names.begin(), names.end(), name_or_path) == names.end())
            return Error(ErrorCode::NotFound,
                         fmt::format("no built-in spec '{}' (built-in: {}; or give a .yaml path)",
                                     name_or_path, fmt::join(names, ", ")));
        path = (fs::path(specs_dir()) / (name_or_path + ".yaml")).string();
    } else if (fs::path(path).is_relative() && !base_dir.empty()) {
        path = (fs::path(base_dir) / path).string();
    }
    std::error_code ec;
    const std::string real = fs::weakly_canonical(path, ec).string();
    if (std::find(chain.begin(), chain.end(), real) != chain.end()) {
        std::vector<std::string> loop(chain.begin(), chain.end());
        loop.push_back(real);
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("cyclic extends: {}", fmt::join(loop, " -> ")));
    }
    MEDIA_TRY_ASSIGN(const std::string text, read_spec_text(path));
    if (fs::path(path).extension() == ".xml") return import_mediaconch_policy(text, path);
    chain.push_back(real);
    auto spec = parse_spec_text(text, path, chain);
    chain.pop_back();
    if (spec && builtin) spec->info.source = "builtin:" + name_or_path;
    return spec;
}

}  // namespace detail
}  // namespace media::spec
