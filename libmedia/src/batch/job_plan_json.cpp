// SPDX-License-Identifier: Apache-2.0
// Job plans as JSON (schema "slate.job-plan", version 1): written by hand in a fixed key order so
// the same plan always gives the same bytes, read strictly (unknown keys and wrong types are
// errors naming the field, e.g. "steps[0].tasks[1].argv").
#include <algorithm>
#include <initializer_list>
#include <limits>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "media/batch/job_plan.h"

namespace media::batch {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// ---- writing --------------------------------------------------------------------------------

ordered_json strings_json(const std::vector<std::string>& items) {
    ordered_json list = ordered_json::array();
    for (const auto& item : items) list.push_back(item);
    return list;
}

ordered_json task_json(const PlanTask& task) {
    ordered_json out;
    out["id"] = task.id;
    out["argv"] = strings_json(task.argv);
    out["inputs"] = strings_json(task.inputs);
    out["outputs"] = strings_json(task.outputs);
    if (task.frames) out["frames"] = {{"first", task.frames->first}, {"count", task.frames->count}};
    return out;
}

ordered_json step_json(const PlanStep& step) {
    ordered_json out;
    out["id"] = step.id;
    out["title"] = step.title;
    out["depends_on"] = strings_json(step.depends_on);
    out["resources"] = {{"cores", step.resources.cores},
                        {"memory_mb", step.resources.memory_mb},
                        {"gpus", step.resources.gpus},
                        {"time_limit_minutes", step.resources.time_limit_minutes}};
    out["retry"] = {{"max_attempts", step.retry.max_attempts}};
    out["max_parallel"] = step.max_parallel;
    if (!step.success_exit_codes.empty()) out["success_exit_codes"] = step.success_exit_codes;
    out["tasks"] = ordered_json::array();
    for (const auto& task : step.tasks) out["tasks"].push_back(task_json(task));
    return out;
}

// ---- reading --------------------------------------------------------------------------------

std::string key_path(std::string_view parent, std::string_view key) {
    return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string index_path(std::string_view parent, size_t index) {
    return fmt::format("{}[{}]", parent, index);
}

Error field_error(std::string_view path, std::string_view problem) {
    return Error(ErrorCode::InvalidArgument, fmt::format("{}: {}", path, problem));
}

Error type_error(std::string_view path, std::string_view expected, const json& value) {
    return field_error(path, fmt::format("expected {}, got {}", expected, value.type_name()));
}

// One JSON object being read: keys outside `known` are errors, required keys must be present.
class ObjectReader {
public:
    ObjectReader(const json& object, std::string path)
        : m_object(object), m_path(std::move(path)) {}

    Result<void> check(std::initializer_list<std::string_view> known,
                       std::initializer_list<std::string_view> required) const {
        if (!m_object.is_object())
            return type_error(m_path.empty() ? "plan" : m_path, "an object", m_object);
        for (const auto& item : m_object.items()) {
            if (std::find(known.begin(), known.end(), item.key()) == known.end())
                return field_error(path(item.key()), "unknown key");
        }
        for (std::string_view key : required) {
            if (!m_object.contains(key)) return field_error(path(key), "missing required key");
        }
        return ok();
    }

    bool has(std::string_view key) const { return m_object.contains(key); }
    const json& at(std::string_view key) const { return m_object.at(std::string(key)); }
    std::string path(std::string_view key) const { return key_path(m_path, key); }

    Result<void> read(std::string_view key, std::string& out) const {
        if (!has(key)) return ok();
        const json& value = at(key);
        if (!value.is_string()) return type_error(path(key), "a string", value);
        out = value.get<std::string>();
        return ok();
    }

    template <typename Int>
    requires std::is_integral_v<Int> Result<void> read(std::string_view key, Int& out)
    const {
        if (!has(key)) return ok();
        const json& value = at(key);
        if (value.is_number_unsigned()) {
            const auto number = value.get<uint64_t>();
            if (number > static_cast<uint64_t>(std::numeric_limits<Int>::max()))
                return field_error(path(key), fmt::format("{} is out of range", number));
            out = static_cast<Int>(number);
            return ok();
        }
        if (!value.is_number_integer()) return type_error(path(key), "an integer", value);
        const auto number = value.get<int64_t>();
        if (number < static_cast<int64_t>(std::numeric_limits<Int>::min()))
            return field_error(path(key), fmt::format("{} is out of range", number));
        out = static_cast<Int>(number);
        return ok();
    }

    Result<void> read(std::string_view key, std::vector<std::string>& out) const {
        if (!has(key)) return ok();
        const json& value = at(key);
        const bool all_strings =
            value.is_array() && std::all_of(value.begin(), value.end(),
                                            [](const json& item) { return item.is_string(); });
        if (!all_strings) return field_error(path(key), "expected an array of strings");
        out.clear();
        for (const auto& item : value) out.push_back(item.get<std::string>());
        return ok();
    }

    Result<void> read(std::string_view key, std::vector<int>& out) const {
        if (!has(key)) return ok();
        const json& value = at(key);
        const bool all_integers =
            value.is_array() && std::all_of(value.begin(), value.end(), [](const json& item) {
                return item.is_number_integer() && item.get<int64_t>() >= 0 &&
                       item.get<int64_t>() <= 255;
            });
        if (!all_integers) return field_error(path(key), "expected an array of exit codes 0..255");
        out.clear();
        for (const auto& item : value) out.push_back(item.get<int>());
        return ok();
    }

    Result<void> read(std::string_view key, std::map<std::string, std::string>& out) const {
        if (!has(key)) return ok();
        const json& value = at(key);
        if (!value.is_object()) return type_error(path(key), "an object", value);
        out.clear();
        for (const auto& item : value.items()) {
            if (!item.value().is_string())
                return type_error(path(key) + "." + item.key(), "a string", item.value());
            out[item.key()] = item.value().get<std::string>();
        }
        return ok();
    }

private:
    const json& m_object;
    std::string m_path;
};

Result<FrameRange> read_frames(const json& value, const std::string& path) {
    const ObjectReader frames(value, path);
    MEDIA_TRY(frames.check({"first", "count"}, {"first", "count"}));
    FrameRange range;
    MEDIA_TRY(frames.read("first", range.first));
    MEDIA_TRY(frames.read("count", range.count));
    return range;
}

Result<PlanTask> read_task(const json& value, const std::string& path) {
    const ObjectReader task(value, path);
    MEDIA_TRY(task.check({"id", "argv", "inputs", "outputs", "frames"}, {"id", "argv"}));
    PlanTask out;
    MEDIA_TRY(task.read("id", out.id));
    MEDIA_TRY(task.read("argv", out.argv));
    MEDIA_TRY(task.read("inputs", out.inputs));
    MEDIA_TRY(task.read("outputs", out.outputs));
    if (task.has("frames")) {
        MEDIA_TRY_ASSIGN(out.frames, read_frames(task.at("frames"), task.path("frames")));
    }
    return out;
}

Result<void> read_resources(const ObjectReader& step, TaskResources& out) {
    if (!step.has("resources")) return ok();
    const ObjectReader resources(step.at("resources"), step.path("resources"));
    MEDIA_TRY(resources.check({"cores", "memory_mb", "gpus", "time_limit_minutes"}, {}));
    MEDIA_TRY(resources.read("cores", out.cores));
    MEDIA_TRY(resources.read("memory_mb", out.memory_mb));
    MEDIA_TRY(resources.read("gpus", out.gpus));
    return resources.read("time_limit_minutes", out.time_limit_minutes);
}

Result<void> read_retry(const ObjectReader& step, RetryPolicy& out) {
    if (!step.has("retry")) return ok();
    const ObjectReader retry(step.at("retry"), step.path("retry"));
    MEDIA_TRY(retry.check({"max_attempts"}, {}));
    return retry.read("max_attempts", out.max_attempts);
}

Result<void> read_tasks(const ObjectReader& step, std::vector<PlanTask>& out) {
    const json& tasks = step.at("tasks");
    if (!tasks.is_array()) return type_error(step.path("tasks"), "an array", tasks);
    for (size_t i = 0; i < tasks.size(); ++i) {
        MEDIA_TRY_ASSIGN(auto task, read_task(tasks[i], index_path(step.path("tasks"), i)));
        out.push_back(std::move(task));
    }
    return ok();
}

Result<PlanStep> read_step(const json& value, const std::string& path) {
    const ObjectReader step(value, path);
    MEDIA_TRY(step.check({"id", "title", "depends_on", "resources", "retry", "max_parallel",
                          "success_exit_codes", "tasks"},
                         {"id", "tasks"}));
    PlanStep out;
    MEDIA_TRY(step.read("id", out.id));
    MEDIA_TRY(step.read("title", out.title));
    MEDIA_TRY(step.read("depends_on", out.depends_on));
    MEDIA_TRY(read_resources(step, out.resources));
    MEDIA_TRY(read_retry(step, out.retry));
    MEDIA_TRY(step.read("max_parallel", out.max_parallel));
    MEDIA_TRY(step.read("success_exit_codes", out.success_exit_codes));
    MEDIA_TRY(read_tasks(step, out.tasks));
    return out;
}

// Schema and version come first: a newer plan may have keys this slate does not know, and
// "unsupported version" says more than "unknown key".
Result<void> read_header(const ObjectReader& root, JobPlan& plan) {
    if (!root.has("schema")) return field_error("schema", "missing required key");
    std::string schema;
    MEDIA_TRY(root.read("schema", schema));
    if (schema != kJobPlanSchema)
        return field_error("schema",
                           fmt::format("expected '{}', got '{}'", kJobPlanSchema, schema));
    if (!root.has("version")) return field_error("version", "missing required key");
    MEDIA_TRY(root.read("version", plan.version));
    if (plan.version > kJobPlanVersion)
        return field_error("version",
                           fmt::format("unsupported plan version {} (this slate reads {})",
                                       plan.version, kJobPlanVersion));
    if (plan.version < 1)
        return field_error("version", fmt::format("invalid version {}", plan.version));
    return ok();
}

Result<JobPlan> read_plan(const json& document) {
    const ObjectReader root(document, "");
    if (!document.is_object()) return type_error("plan", "an object", document);
    JobPlan plan;
    MEDIA_TRY(read_header(root, plan));
    MEDIA_TRY(root.check(
        {"schema", "version", "name", "kind", "work_dir", "created", "metadata", "steps"},
        {"name", "work_dir", "steps"}));
    MEDIA_TRY(root.read("name", plan.name));
    MEDIA_TRY(root.read("kind", plan.kind));
    MEDIA_TRY(root.read("work_dir", plan.work_dir));
    MEDIA_TRY(root.read("created", plan.created));
    MEDIA_TRY(root.read("metadata", plan.metadata));
    const json& steps = root.at("steps");
    if (!steps.is_array()) return type_error("steps", "an array", steps);
    for (size_t i = 0; i < steps.size(); ++i) {
        MEDIA_TRY_ASSIGN(auto step, read_step(steps[i], index_path("steps", i)));
        plan.steps.push_back(std::move(step));
    }
    return plan;
}

// nlohmann keeps the last of two equal keys; a plan edited by hand with a key twice is an error
// instead. Records the first duplicate in `found`.
json::parser_callback_t duplicate_key_finder(std::string& found) {
    auto open_objects = std::make_shared<std::vector<std::set<std::string>>>();
    return [open_objects, &found](int, json::parse_event_t event, json& parsed) {
        if (event == json::parse_event_t::object_start) open_objects->emplace_back();
        if (event == json::parse_event_t::object_end && !open_objects->empty())
            open_objects->pop_back();
        if (event == json::parse_event_t::key && !open_objects->empty() && found.empty() &&
            !open_objects->back().insert(parsed.get<std::string>()).second)
            found = parsed.get<std::string>();
        return true;
    };
}

}  // namespace

std::string plan_to_json(const JobPlan& plan) {
    ordered_json out;
    out["schema"] = kJobPlanSchema;
    out["version"] = plan.version;
    out["name"] = plan.name;
    out["kind"] = plan.kind;
    out["work_dir"] = plan.work_dir;
    out["created"] = plan.created;
    out["metadata"] = ordered_json::object();
    for (const auto& [key, value] : plan.metadata) out["metadata"][key] = value;
    out["steps"] = ordered_json::array();
    for (const auto& step : plan.steps) out["steps"].push_back(step_json(step));
    // Paths are bytes but JSON is text: invalid UTF-8 is written as U+FFFD rather than throwing.
    return out.dump(2, ' ', false, json::error_handler_t::replace) + '\n';
}

Result<JobPlan> parse_plan(std::string_view text, const std::string& source) {
    json document;
    std::string duplicate;
    try {
        document = json::parse(text, duplicate_key_finder(duplicate));
    } catch (const json::parse_error& e) {
        // what() is "[json.exception.parse_error.101] parse error at line 2, column 3: ...".
        std::string why = e.what();
        const size_t start = why.find("] ");
        if (start != std::string::npos) why = why.substr(start + 2);
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: malformed JSON: {}", source, why));
    }
    if (!duplicate.empty())
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: duplicate key '{}'", source, duplicate));
    auto plan = read_plan(document);
    if (!plan) return Error(ErrorCode::InvalidArgument, source + ": " + plan.error().message());
    return plan;
}

}  // namespace media::batch
