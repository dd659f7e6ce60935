// SPDX-License-Identifier: Apache-2.0
// The parts of running a plan that do not depend on the engine: status files, the report, and
// run_plan's checks before it hands over to the local or Slurm engine.
#include "media/batch/plan_runner.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "media/core/text_file.h"
#include "plan_runner_internal.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

// A status file is a few hundred bytes; anything much larger is not ours.
constexpr int64_t kMaxStatusBytes = int64_t{64} * 1024;

std::string engine_name(Engine engine) {
    return engine == Engine::Slurm ? "slurm" : "local";
}

bool is_ok_state(const std::string& state) {
    return state == "done" || state == "skipped";
}

ordered_json task_json(const TaskOutcome& task) {
    return {{"index", task.index},
            {"id", task.id},
            {"state", task.state},
            {"exit_code", task.exit_code},
            {"attempts", task.attempts},
            {"seconds", task.seconds},
            {"log", task.log}};
}

ordered_json step_json(const StepOutcome& step) {
    ordered_json tasks = ordered_json::array();
    for (const auto& task : step.tasks) tasks.push_back(task_json(task));
    return {{"id", step.id},
            {"state", step.state},
            {"engine_job", step.engine_job},
            {"tasks", std::move(tasks)}};
}

size_t count_state(const StepOutcome& step, const std::string& state) {
    return static_cast<size_t>(std::count_if(step.tasks.begin(), step.tasks.end(),
                                             [&](const auto& t) { return t.state == state; }));
}

Result<std::string> resolve_slate(const std::string& slate) {
    if (!slate.empty()) return slate;
    std::error_code ec;
    const auto self = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        return Error(ErrorCode::IoError, "cannot find this executable: " + ec.message())
            .with_file("/proc/self/exe");
    return self.string();
}

}  // namespace

bool PlanRunReport::ok() const {
    for (const auto& step : steps)
        for (const auto& task : step.tasks)
            if (!is_ok_state(task.state)) return false;
    return true;
}

std::vector<std::string> PlanRunReport::failures() const {
    std::vector<std::string> lines;
    for (const auto& step : steps)
        for (const auto& task : step.tasks)
            if (task.state == "failed")
                lines.push_back(fmt::format("step {} task {} ({}) failed with exit {}; log: {}",
                                            step.id, task.index, task.id, task.exit_code,
                                            task.log));
    return lines;
}

std::string task_status_path(const JobPlan& plan, const std::string& step, size_t index) {
    return (fs::path(plan.work_dir) / "status" / step / (std::to_string(index) + ".json")).string();
}

std::string task_log_path(const JobPlan& plan, const std::string& step, size_t index) {
    return (fs::path(plan.work_dir) / "logs" / step / (std::to_string(index) + ".log")).string();
}

std::optional<TaskStatus> read_task_status(const std::string& path) {
    auto text = read_text_file(path, kMaxStatusBytes);
    if (!text) return std::nullopt;
    const json doc = json::parse(*text, nullptr, false);
    if (!doc.is_object() || !doc.contains("state") || !doc["state"].is_string())
        return std::nullopt;
    TaskStatus status;
    status.state = doc["state"].get<std::string>();
    if (doc.value("exit_code", json()).is_number_integer())
        status.exit_code = doc["exit_code"].get<int>();
    if (doc.value("attempts", json()).is_number_integer())
        status.attempts = doc["attempts"].get<int>();
    if (doc.value("seconds", json()).is_number()) status.seconds = doc["seconds"].get<double>();
    if (doc.value("host", json()).is_string()) status.host = doc["host"].get<std::string>();
    if (doc.value("started", json()).is_string())
        status.started = doc["started"].get<std::string>();
    if (doc.value("finished", json()).is_string())
        status.finished = doc["finished"].get<std::string>();
    return status;
}

Result<void> write_task_status(const std::string& path, const TaskStatus& status) {
    const ordered_json doc = {{"schema", "slate.task-status"}, {"version", 1},
                              {"state", status.state},         {"exit_code", status.exit_code},
                              {"attempts", status.attempts},   {"host", status.host},
                              {"started", status.started},     {"finished", status.finished},
                              {"seconds", status.seconds}};
    return write_text_file_atomically(
        path, doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

bool task_done_before(const JobPlan& plan, const PlanStep& step, size_t index) {
    const auto status = read_task_status(task_status_path(plan, step.id, index));
    // "done" also covers an exit code the step accepts (success_exit_codes).
    if (!status || status->state != "done") return false;
    return std::all_of(step.tasks[index].outputs.begin(), step.tasks[index].outputs.end(),
                       plan_path_exists);
}

TaskOutcome blank_outcome(const JobPlan& plan, const PlanStep& step, size_t index) {
    TaskOutcome outcome;
    outcome.step = step.id;
    outcome.index = index;
    outcome.id = step.tasks[index].id;
    outcome.state = "not-run";
    outcome.log = task_log_path(plan, step.id, index);
    return outcome;
}

void add_status(const JobPlan& plan, TaskOutcome& outcome) {
    const auto status = read_task_status(task_status_path(plan, outcome.step, outcome.index));
    if (!status) return;
    outcome.exit_code = status->exit_code;
    outcome.attempts = status->attempts;
    outcome.seconds = status->seconds;
}

std::vector<std::string> task_command(const RunPlanOptions& options, const std::string& step,
                                      const std::string& index) {
    return {options.slate, "task", "--plan", options.plan_path, "--step", step, "--index", index};
}

Result<void> make_run_dirs(const JobPlan& plan) {
    for (const auto& step : plan.steps) {
        for (const char* kind : {"status", "logs"}) {
            const fs::path dir = fs::path(plan.work_dir) / kind / step.id;
            std::error_code ec;
            fs::create_directories(dir, ec);
            if (ec)
                return Error(ErrorCode::IoError, "cannot create a folder: " + ec.message())
                    .with_file(dir.string());
        }
    }
    return ok();
}

void clear_status(const JobPlan& plan, const std::string& step, size_t index) {
    std::error_code ec;
    fs::remove(task_status_path(plan, step, index), ec);
}

std::string step_state(const StepOutcome& step) {
    if (count_state(step, "failed") > 0) return "failed";
    if (count_state(step, "cancelled") + count_state(step, "not-run") > 0) return "cancelled";
    if (!step.tasks.empty() && count_state(step, "skipped") == step.tasks.size()) return "skipped";
    return "done";
}

void emit(const RunPlanOptions& options, const std::string& line) {
    if (options.on_event) options.on_event(line);
}

Result<PlanRunReport> run_plan(const JobPlan& plan, const RunPlanOptions& options) {
    MEDIA_TRY(validate_plan(plan, true));
    if (options.plan_path.empty() || !fs::path(options.plan_path).is_absolute())
        return Error(ErrorCode::InvalidArgument,
                     "the plan's file must be given as an absolute path (tasks read it)");
    RunPlanOptions resolved = options;
    MEDIA_TRY_ASSIGN(resolved.slate, resolve_slate(options.slate));
    MEDIA_TRY(make_run_dirs(plan));
    // A fresh run trusts nothing an earlier one recorded; --resume trusts what says done.
    if (!options.resume)
        for (const auto& step : plan.steps)
            for (size_t i = 0; i < step.tasks.size(); ++i) clear_status(plan, step.id, i);
    const auto start = std::chrono::steady_clock::now();
    auto report = options.engine == Engine::Slurm ? run_plan_slurm(plan, resolved)
                                                  : run_plan_local(plan, resolved);
    if (report)
        report->seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

std::string run_report_json(const PlanRunReport& report) {
    ordered_json steps = ordered_json::array();
    for (const auto& step : report.steps) steps.push_back(step_json(step));
    ordered_json failures = report.failures();
    const ordered_json doc = {{"schema", "slate.plan-run"}, {"version", 1},
                              {"plan", report.plan},        {"engine", engine_name(report.engine)},
                              {"ok", report.ok()},          {"seconds", report.seconds},
                              {"steps", std::move(steps)},  {"failures", std::move(failures)}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::string run_report_text(const PlanRunReport& report) {
    std::string text = fmt::format("{:<16} {:<10} {:>5} {:>5} {:>7} {:>6} {:>9}  {}\n", "step",
                                   "state", "tasks", "done", "skipped", "failed", "cancelled",
                                   report.engine == Engine::Slurm ? "job" : "");
    size_t totals[5] = {};
    for (const auto& step : report.steps) {
        const size_t counts[5] = {step.tasks.size(), count_state(step, "done"),
                                  count_state(step, "skipped"), count_state(step, "failed"),
                                  count_state(step, "cancelled") + count_state(step, "not-run")};
        for (int i = 0; i < 5; ++i) totals[i] += counts[i];
        text +=
            fmt::format("{:<16} {:<10} {:>5} {:>5} {:>7} {:>6} {:>9}  {}\n", step.id, step.state,
                        counts[0], counts[1], counts[2], counts[3], counts[4], step.engine_job);
    }
    text += fmt::format("{:<16} {:<10} {:>5} {:>5} {:>7} {:>6} {:>9}  {:.1f} s ({})\n", "total",
                        report.ok() ? "ok" : "failed", totals[0], totals[1], totals[2], totals[3],
                        totals[4], report.seconds, engine_name(report.engine));
    return text;
}

}  // namespace media::batch
