// SPDX-License-Identifier: Apache-2.0
// Looks: presets/looks/<name>.yaml, schema "slate.look" version 1, a list of lut:/cdl: steps.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "file_text.h"
#include "media/color/color_pipeline.h"

namespace media::color {
namespace {

constexpr std::string_view kLookSchema = "slate.look";
constexpr int kLookVersion = 1;
// A look is a handful of lines; anything this large is not one.
constexpr int64_t kMaxLookFileBytes = int64_t{1} << 20;

namespace fs = std::filesystem;

bool is_look_name(std::string_view name) {
    if (name.empty() || name.front() == '.') return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
    });
}

// Reads one look file; every error names the file and the line of the node at fault.
class LookReader {
public:
    explicit LookReader(const std::string& path)
        : m_path(path), m_folder(fs::path(path).parent_path()) {}

    Error error(const YAML::Mark& mark, const std::string& what) const {
        if (mark.is_null()) return Error(ErrorCode::InvalidArgument, what).with_file(m_path);
        return Error(ErrorCode::InvalidArgument, fmt::format("line {}: {}", mark.line + 1, what))
            .with_file(m_path);
    }

    Result<ColorPipelineDesc> read(const YAML::Node& root) const {
        if (!root.IsMap()) return error(root.Mark(), "a look is a map (schema, version, steps)");
        MEDIA_TRY(only_keys(root, {"schema", "version", "description", "steps"}, "look"));
        MEDIA_TRY(check_header(root));
        const YAML::Node steps = root["steps"];
        if (!steps || !steps.IsSequence())
            return error(root.Mark(), "'steps' must be a list of lut:/cdl: steps");
        ColorPipelineDesc desc;
        for (const YAML::Node& step : steps) {
            MEDIA_TRY_ASSIGN(ColorStep parsed, read_step(step));
            desc.steps.push_back(std::move(parsed));
        }
        return desc;
    }

private:
    Result<void> only_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                           std::string_view where) const {
        for (auto it = map.begin(); it != map.end(); ++it) {
            const std::string key = it->first.Scalar();
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            return error(it->first.Mark(), fmt::format("unknown key '{}' in {} (expected {})", key,
                                                       where, fmt::join(allowed, ", ")));
        }
        return ok();
    }

    Result<void> check_header(const YAML::Node& root) const {
        const YAML::Node schema = root["schema"];
        if (!schema || schema.Scalar() != kLookSchema)
            return error(schema ? schema.Mark() : root.Mark(),
                         fmt::format("schema must be '{}'", kLookSchema));
        const YAML::Node version = root["version"];
        if (!version) return error(root.Mark(), "missing 'version'");
        MEDIA_TRY_ASSIGN(const int number, as<int>(version, "version"));
        if (number != kLookVersion)
            return error(version.Mark(), fmt::format("version {} is not one this build reads ({})",
                                                     number, kLookVersion));
        return ok();
    }

    Result<ColorStep> read_step(const YAML::Node& node) const {
        if (!node.IsMap()) return error(node.Mark(), "a step is a map with 'lut' or 'cdl'");
        MEDIA_TRY(only_keys(node, {"lut", "cdl", "id", "inverse", "interpolation"}, "step"));
        const YAML::Node lut = node["lut"];
        const YAML::Node cdl = node["cdl"];
        if (static_cast<bool>(lut) == static_cast<bool>(cdl))
            return error(node.Mark(), "a step has exactly one of 'lut' and 'cdl'");
        ColorStep step;
        if (const YAML::Node inverse = node["inverse"]) {
            MEDIA_TRY_ASSIGN(step.inverse, as<bool>(inverse, "inverse"));
        }
        if (lut) {
            if (node["id"]) return error(node["id"].Mark(), "'id' belongs to a cdl: file step");
            MEDIA_TRY(read_lut(node, step));
        } else {
            if (node["interpolation"])
                return error(node["interpolation"].Mark(), "'interpolation' belongs to a lut step");
            MEDIA_TRY(read_cdl(node, step));
        }
        return step;
    }

    Result<void> read_lut(const YAML::Node& node, ColorStep& step) const {
        step.kind = ColorStep::Kind::Lut;
        MEDIA_TRY_ASSIGN(step.path, file_at(node["lut"]));
        if (const YAML::Node interpolation = node["interpolation"]) {
            MEDIA_TRY_ASSIGN(step.interpolation, as<std::string>(interpolation, "interpolation"));
            if (step.interpolation != "linear" && step.interpolation != "tetrahedral" &&
                step.interpolation != "best")
                return error(interpolation.Mark(), "interpolation is linear, tetrahedral or best");
        }
        return ok();
    }

    // cdl: {slope, offset, power, saturation} inline, or cdl: FILE (.cc/.ccc/.cdl) with an id.
    Result<void> read_cdl(const YAML::Node& node, ColorStep& step) const {
        step.kind = ColorStep::Kind::Cdl;
        const YAML::Node cdl = node["cdl"];
        if (cdl.IsScalar()) {
            MEDIA_TRY_ASSIGN(const std::string path, file_at(cdl));
            std::string id;
            if (const YAML::Node id_node = node["id"]) {
                MEDIA_TRY_ASSIGN(id, as<std::string>(id_node, "id"));
            }
            MEDIA_TRY_ASSIGN(step.cdl, load_cdl(path, id));
            return ok();
        }
        if (!cdl.IsMap()) return error(cdl.Mark(), "cdl is a map of values or a file name");
        MEDIA_TRY(only_keys(cdl, {"slope", "offset", "power", "saturation"}, "cdl"));
        MEDIA_TRY(triple(cdl, "slope", step.cdl.slope));
        MEDIA_TRY(triple(cdl, "offset", step.cdl.offset));
        MEDIA_TRY(triple(cdl, "power", step.cdl.power));
        if (const YAML::Node sat = cdl["saturation"]) {
            MEDIA_TRY_ASSIGN(step.cdl.saturation, as<double>(sat, "saturation"));
        }
        if (auto checked = check_cdl(step.cdl); !checked)
            return error(cdl.Mark(), checked.error().message());
        return ok();
    }

    Result<void> triple(const YAML::Node& map, const char* key, std::array<double, 3>& out) const {
        const YAML::Node node = map[key];
        if (!node) return ok();
        if (!node.IsSequence() || node.size() != 3)
            return error(node.Mark(), fmt::format("{} is a list of 3 numbers", key));
        for (size_t i = 0; i < 3; ++i) {
            MEDIA_TRY_ASSIGN(out[i], as<double>(node[i], key));
        }
        return ok();
    }

    template <typename T>
    Result<T> as(const YAML::Node& node, std::string_view key) const {
        const Error wrong = error(node.Mark(), fmt::format("'{}' must be {}", key, kind_name<T>()));
        if (!node.IsScalar()) return wrong;
        try {
            return node.as<T>();
        } catch (const YAML::Exception&) {
            return wrong;
        }
    }

    template <typename T>
    static constexpr const char* kind_name() {
        if constexpr (std::is_same_v<T, bool>) return "true/false";
        if constexpr (std::is_same_v<T, int>) return "an integer";
        if constexpr (std::is_same_v<T, double>) return "a number";
        return "text";
    }

    // A file named in the look, relative to the look's folder; it must exist.
    Result<std::string> file_at(const YAML::Node& node) const {
        MEDIA_TRY_ASSIGN(const std::string name, as<std::string>(node, "file"));
        if (name.empty()) return error(node.Mark(), "empty file name");
        const fs::path path = fs::path(name).is_absolute() ? fs::path(name) : m_folder / name;
        std::error_code ec;
        if (!fs::is_regular_file(path, ec))
            return Error(ErrorCode::NotFound,
                         fmt::format("line {}: no file {} ({})", node.Mark().line + 1, name,
                                     path.lexically_normal().string()))
                .with_file(m_path);
        return path.lexically_normal().string();
    }

    std::string m_path;
    fs::path m_folder;
};

Result<std::string> look_path(const std::string& name_or_path) {
    const bool is_path = name_or_path.find('/') != std::string::npos ||
                         name_or_path.ends_with(".yaml") || name_or_path.ends_with(".yml");
    if (is_path) return name_or_path;
    if (!is_look_name(name_or_path))
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("'{}' is not a look name (letters, digits, _ - .)", name_or_path));
    std::string path = looks_dir() + "/" + name_or_path + ".yaml";
    std::error_code ec;
    if (fs::exists(path, ec)) return path;
    return Error(ErrorCode::NotFound, fmt::format("no look named '{}' (built-in: {})", name_or_path,
                                                  fmt::join(builtin_look_names(), ", ")));
}

}  // namespace

std::string looks_dir() {
    const char* presets = std::getenv("SLATE_PRESETS_DIR");
    if (presets != nullptr && *presets != '\0') return std::string(presets) + "/looks";
    return SLATE_PRESETS_SOURCE_DIR "/looks";
}

Result<ColorPipelineDesc> load_look(const std::string& name_or_path) {
    MEDIA_TRY_ASSIGN(const std::string path, look_path(name_or_path));
    MEDIA_TRY_ASSIGN(const std::string text, detail::read_text_file(path, kMaxLookFileBytes));
    const LookReader reader(path);
    try {
        return reader.read(YAML::Load(text));
    } catch (const YAML::Exception& e) {
        return reader.error(e.mark, e.msg);
    }
}

std::vector<std::string> builtin_look_names() {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(looks_dir(), ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path& file = it->path();
        if (file.extension() == ".yaml" && it->is_regular_file(ec)) names.push_back(file.stem());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace media::color
