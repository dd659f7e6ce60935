// SPDX-License-Identifier: Apache-2.0
// Job plans: structural validation, step order, and reading/writing plan files.
#include "media/batch/job_plan.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "media/core/text_file.h"
#include "media/io/sequence_pattern.h"

namespace media::batch {

namespace fs = std::filesystem;

namespace {

// Plans are JSON text of a few MB at most (a task per frame of a feature is ~200k tasks).
constexpr int64_t k_max_plan_bytes = int64_t{1} << 30;
constexpr int k_max_attempts_limit = 10;

Error field_error(std::string_view path, std::string_view problem) {
    return Error(ErrorCode::InvalidArgument, fmt::format("{}: {}", path, problem));
}

std::string step_path(size_t s) {
    return fmt::format("steps[{}]", s);
}
std::string task_path(size_t s, size_t t) {
    return fmt::format("steps[{}].tasks[{}]", s, t);
}

bool all_of_chars(std::string_view text, bool (*allowed)(char)) {
    return !text.empty() && std::all_of(text.begin(), text.end(), allowed);
}

bool is_step_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool is_plan_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

bool has_control_char(std::string_view text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// ---- plan-level fields ----------------------------------------------------------------------

Result<void> check_header(const JobPlan& plan) {
    if (plan.version != kJobPlanVersion)
        return field_error("version",
                           fmt::format("unsupported plan version {} (this slate reads {})",
                                       plan.version, kJobPlanVersion));
    if (!all_of_chars(plan.name, is_plan_name_char))
        return field_error("name",
                           fmt::format("'{}': use letters, digits, '.', '_' and '-'", plan.name));
    if (plan.work_dir.empty() || !fs::path(plan.work_dir).is_absolute())
        return field_error("work_dir", fmt::format("'{}' is not an absolute path", plan.work_dir));
    if (plan.steps.empty()) return field_error("steps", "a plan needs at least one step");
    return ok();
}

// ---- one step -------------------------------------------------------------------------------

Result<void> check_resources(const PlanStep& step, const std::string& path) {
    const TaskResources& r = step.resources;
    if (r.cores < 1) return field_error(path + ".resources.cores", fmt::format("{} < 1", r.cores));
    if (r.memory_mb < 1)
        return field_error(path + ".resources.memory_mb", fmt::format("{} < 1", r.memory_mb));
    if (r.gpus < 0) return field_error(path + ".resources.gpus", fmt::format("{} < 0", r.gpus));
    if (r.time_limit_minutes < 0)
        return field_error(path + ".resources.time_limit_minutes",
                           fmt::format("{} < 0", r.time_limit_minutes));
    if (step.retry.max_attempts < 1 || step.retry.max_attempts > k_max_attempts_limit)
        return field_error(
            path + ".retry.max_attempts",
            fmt::format("{} is not in 1..{}", step.retry.max_attempts, k_max_attempts_limit));
    if (step.max_parallel < 0)
        return field_error(path + ".max_parallel", fmt::format("{} < 0", step.max_parallel));
    return ok();
}

Result<void> check_paths(const std::vector<std::string>& paths, const std::string& path) {
    for (size_t i = 0; i < paths.size(); ++i) {
        const std::string where = fmt::format("{}[{}]", path, i);
        if (paths[i].find('\0') != std::string::npos)
            return field_error(where, "contains a NUL character");
        if (!fs::path(paths[i]).is_absolute())
            return field_error(where, fmt::format("'{}' is not an absolute path", paths[i]));
    }
    return ok();
}

Result<void> check_task(const PlanTask& task, const std::string& path) {
    if (task.id.empty() || has_control_char(task.id) || task.id.find('/') != std::string::npos)
        return field_error(path + ".id", "must be non-empty, without '/' or control characters");
    if (task.argv.empty()) return field_error(path + ".argv", "empty command");
    if (task.argv[0] != "slate")
        return field_error(
            path + ".argv[0]",
            fmt::format("'{}': a task runs slate (argv[0] must be \"slate\")", task.argv[0]));
    for (size_t i = 0; i < task.argv.size(); ++i) {
        if (task.argv[i].find('\0') != std::string::npos)
            return field_error(fmt::format("{}.argv[{}]", path, i), "contains a NUL character");
    }
    MEDIA_TRY(check_paths(task.inputs, path + ".inputs"));
    MEDIA_TRY(check_paths(task.outputs, path + ".outputs"));
    if (task.frames && (task.frames->first < 0 || task.frames->count < 1))
        return field_error(path + ".frames",
                           fmt::format("first {} count {}: need first >= 0 and count >= 1",
                                       task.frames->first, task.frames->count));
    return ok();
}

Result<void> check_step(const PlanStep& step, size_t s) {
    const std::string path = step_path(s);
    if (!all_of_chars(step.id, is_step_id_char))
        return field_error(path + ".id", fmt::format("'{}': use a-z, 0-9, '_' and '-'", step.id));
    MEDIA_TRY(check_resources(step, path));
    if (step.tasks.empty()) return field_error(path + ".tasks", "a step needs at least one task");
    std::set<std::string_view> task_ids;
    for (size_t t = 0; t < step.tasks.size(); ++t) {
        MEDIA_TRY(check_task(step.tasks[t], task_path(s, t)));
        if (!task_ids.insert(step.tasks[t].id).second)
            return field_error(task_path(s, t) + ".id",
                               fmt::format("duplicate task id '{}'", step.tasks[t].id));
    }
    return ok();
}

Result<void> check_step_ids(const JobPlan& plan) {
    std::map<std::string_view, size_t> first_seen;
    for (size_t s = 0; s < plan.steps.size(); ++s) {
        const auto [at, inserted] = first_seen.emplace(plan.steps[s].id, s);
        if (!inserted)
            return field_error(step_path(s) + ".id",
                               fmt::format("duplicate step id '{}' (also steps[{}])",
                                           plan.steps[s].id, at->second));
    }
    return ok();
}

// ---- dependencies ---------------------------------------------------------------------------

// Step index by id (ids already checked unique).
std::map<std::string_view, size_t> index_by_id(const JobPlan& plan) {
    std::map<std::string_view, size_t> index;
    for (size_t s = 0; s < plan.steps.size(); ++s) index.emplace(plan.steps[s].id, s);
    return index;
}

Result<void> check_dependency_names(const JobPlan& plan) {
    const auto index = index_by_id(plan);
    for (size_t s = 0; s < plan.steps.size(); ++s) {
        const auto& depends_on = plan.steps[s].depends_on;
        for (size_t d = 0; d < depends_on.size(); ++d) {
            const std::string where = fmt::format("{}.depends_on[{}]", step_path(s), d);
            if (!index.contains(depends_on[d]))
                return field_error(where, fmt::format("unknown step '{}'", depends_on[d]));
            if (depends_on[d] == plan.steps[s].id)
                return field_error(where,
                                   fmt::format("step '{}' depends on itself", depends_on[d]));
            if (std::find(depends_on.begin(), depends_on.begin() + static_cast<ptrdiff_t>(d),
                          depends_on[d]) != depends_on.begin() + static_cast<ptrdiff_t>(d))
                return field_error(where, fmt::format("'{}' listed twice", depends_on[d]));
        }
    }
    return ok();
}

// Depth-first search for a cycle; on finding one, `cycle` holds its steps, first repeated last.
class CycleFinder {
public:
    explicit CycleFinder(const JobPlan& plan) : m_plan(plan), m_index(index_by_id(plan)) {
        m_state.assign(plan.steps.size(), State::Unvisited);
    }

    std::vector<std::string> find() {
        for (size_t s = 0; s < m_plan.steps.size(); ++s) {
            if (m_state[s] == State::Unvisited && visit(s)) return m_cycle;
        }
        return {};
    }

private:
    enum class State { Unvisited, OnPath, Done };

    bool visit(size_t s) {
        m_state[s] = State::OnPath;
        m_path.push_back(s);
        for (const auto& dependency : m_plan.steps[s].depends_on) {
            const size_t d = m_index.at(dependency);
            if (m_state[d] == State::OnPath) {
                record_cycle(d);
                return true;
            }
            if (m_state[d] == State::Unvisited && visit(d)) return true;
        }
        m_path.pop_back();
        m_state[s] = State::Done;
        return false;
    }

    // m_path[i] depends on m_path[i + 1], and the last depends on `start`: "a -> b" reads "a
    // depends on b".
    void record_cycle(size_t start) {
        const auto from = std::find(m_path.begin(), m_path.end(), start);
        for (auto it = from; it != m_path.end(); ++it) m_cycle.push_back(m_plan.steps[*it].id);
        m_cycle.push_back(m_plan.steps[start].id);
    }

    const JobPlan& m_plan;
    std::map<std::string_view, size_t> m_index;
    std::vector<State> m_state;
    std::vector<size_t> m_path;
    std::vector<std::string> m_cycle;
};

Result<void> check_cycles(const JobPlan& plan) {
    const std::vector<std::string> cycle = CycleFinder(plan).find();
    if (cycle.empty()) return ok();
    return field_error("steps", fmt::format("dependency cycle {}", fmt::join(cycle, " -> ")));
}

// ---- outputs and inputs ---------------------------------------------------------------------

std::string normal(const std::string& path) {
    return fs::path(path).lexically_normal().string();
}

Result<void> check_unique_outputs(const JobPlan& plan) {
    std::map<std::string, std::string> writer;  // normal path -> "steps[i].tasks[j]"
    for (size_t s = 0; s < plan.steps.size(); ++s) {
        for (size_t t = 0; t < plan.steps[s].tasks.size(); ++t) {
            const auto& outputs = plan.steps[s].tasks[t].outputs;
            for (size_t o = 0; o < outputs.size(); ++o) {
                const auto [at, inserted] = writer.emplace(normal(outputs[o]), task_path(s, t));
                if (!inserted)
                    return field_error(
                        fmt::format("{}.outputs[{}]", task_path(s, t), o),
                        fmt::format("output '{}' is also written by {}", outputs[o], at->second));
            }
        }
    }
    return ok();
}

// Steps a step depends on, directly or through others (the plan has no cycles by now).
std::set<size_t> ancestors_of(const JobPlan& plan, size_t step) {
    const auto index = index_by_id(plan);
    std::set<size_t> seen;
    std::vector<size_t> pending{step};
    while (!pending.empty()) {
        const size_t s = pending.back();
        pending.pop_back();
        for (const auto& dependency : plan.steps[s].depends_on) {
            const size_t d = index.at(dependency);
            if (seen.insert(d).second) pending.push_back(d);
        }
    }
    return seen;
}

Result<void> check_step_inputs(const JobPlan& plan, size_t s) {
    std::set<std::string> produced;
    for (size_t a : ancestors_of(plan, s)) {
        for (const auto& task : plan.steps[a].tasks) {
            for (const auto& output : task.outputs) produced.insert(normal(output));
        }
    }
    for (size_t t = 0; t < plan.steps[s].tasks.size(); ++t) {
        const auto& inputs = plan.steps[s].tasks[t].inputs;
        for (size_t i = 0; i < inputs.size(); ++i) {
            if (produced.contains(normal(inputs[i])) || plan_path_exists(inputs[i])) continue;
            return field_error(fmt::format("{}.inputs[{}]", task_path(s, t), i),
                               fmt::format("missing input '{}'", inputs[i]));
        }
    }
    return ok();
}

// ---- writing the file -----------------------------------------------------------------------

std::string errno_text(int err) {
    return std::error_code(err, std::generic_category()).message();
}

Result<void> write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return Error(ErrorCode::IoError, "cannot write: " + errno_text(errno));
        bytes.remove_prefix(static_cast<size_t>(written));
    }
    if (::fsync(fd) != 0) return Error(ErrorCode::IoError, "cannot fsync: " + errno_text(errno));
    return ok();
}

// The rename itself is durable only once the folder's entry is on disk.
void sync_folder(const fs::path& folder) {
    const int fd =
        ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

Result<void> validate_plan(const JobPlan& plan, bool check_inputs) {
    MEDIA_TRY(check_header(plan));
    for (size_t s = 0; s < plan.steps.size(); ++s) MEDIA_TRY(check_step(plan.steps[s], s));
    MEDIA_TRY(check_step_ids(plan));
    MEDIA_TRY(check_dependency_names(plan));
    MEDIA_TRY(check_cycles(plan));
    MEDIA_TRY(check_unique_outputs(plan));
    if (check_inputs) {
        for (size_t s = 0; s < plan.steps.size(); ++s) MEDIA_TRY(check_step_inputs(plan, s));
    }
    return ok();
}

std::vector<size_t> step_order(const JobPlan& plan) {
    std::map<std::string_view, size_t> index;
    for (size_t s = 0; s < plan.steps.size(); ++s) index.emplace(plan.steps[s].id, s);
    std::vector<bool> placed(plan.steps.size(), false);
    auto ready = [&](size_t s) {
        return std::all_of(plan.steps[s].depends_on.begin(), plan.steps[s].depends_on.end(),
                           [&](const std::string& id) {
                               const auto found = index.find(id);
                               return found == index.end() || found->second == s ||
                                      placed[found->second];
                           });
    };
    std::vector<size_t> order;
    while (order.size() < plan.steps.size()) {
        size_t next = plan.steps.size();
        for (size_t s = 0; s < plan.steps.size() && next == plan.steps.size(); ++s) {
            if (!placed[s] && ready(s)) next = s;
        }
        // A cycle (not allowed by validate_plan): the rest follow in plan order.
        if (next == plan.steps.size())
            next = static_cast<size_t>(std::find(placed.begin(), placed.end(), false) -
                                       placed.begin());
        placed[next] = true;
        order.push_back(next);
    }
    return order;
}

const PlanStep* find_step(const JobPlan& plan, std::string_view id) {
    const auto found = std::find_if(plan.steps.begin(), plan.steps.end(),
                                    [id](const PlanStep& step) { return step.id == id; });
    return found == plan.steps.end() ? nullptr : &*found;
}

Result<JobPlan> load_plan(const std::string& path) {
    MEDIA_TRY_ASSIGN(const std::string text, read_text_file(path, k_max_plan_bytes));
    MEDIA_TRY_ASSIGN(JobPlan plan, parse_plan(text, path));
    const auto valid = validate_plan(plan, false);
    if (!valid) return Error(ErrorCode::InvalidArgument, path + ": " + valid.error().message());
    return plan;
}

Result<void> save_plan(const JobPlan& plan, const std::string& path) {
    const fs::path final_path(path);
    std::string temporary =
        (final_path.parent_path() / ("." + final_path.filename().string() + ".partial-XXXXXX"))
            .string();
    const int fd = ::mkstemp(temporary.data());
    if (fd < 0)
        return Error(ErrorCode::IoError, "cannot create a temporary file: " + errno_text(errno))
            .with_file(path);
    ::fchmod(fd, 0644);
    const auto written = write_all(fd, plan_to_json(plan));
    const bool closed = ::close(fd) == 0;
    if (!written || !closed) {
        ::unlink(temporary.c_str());
        return Error(ErrorCode::IoError,
                     written ? "cannot close: " + errno_text(errno) : written.error().message())
            .with_file(path);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(temporary.c_str());
        return Error(ErrorCode::IoError, "cannot rename into place: " + errno_text(err))
            .with_file(path);
    }
    sync_folder(final_path.parent_path());
    return ok();
}

bool plan_path_exists(const std::string& path) {
    std::error_code ec;
    if (fs::exists(path, ec)) return true;
    const auto pattern = SequencePattern::parse(path);
    return pattern && find_sequence_files(*pattern).ok();
}

}  // namespace media::batch
