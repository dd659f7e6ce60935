// SPDX-License-Identifier: Apache-2.0
// What the plan runner's parts share: task status files, paths, the task command line, and the
// two engines.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "media/batch/job_plan.h"
#include "media/batch/plan_runner.h"
#include "media/core/result.h"

namespace media::batch {

/// The content of <work_dir>/status/<step>/<index>.json.
struct TaskStatus {
    std::string state;  ///< "running", "done", "failed"
    int exit_code = -1;
    int attempts = 0;
    std::string host;
    std::string started;   ///< ISO 8601 UTC
    std::string finished;  ///< "" while running
    double seconds = 0;
};

/// The status file's content; nullopt when it is missing or unreadable (never written, or
/// written by something else).
std::optional<TaskStatus> read_task_status(const std::string& path);
/// Writes a status file atomically (temporary name, then rename).
Result<void> write_task_status(const std::string& path, const TaskStatus& status);

/// <work_dir>/logs/<step>/<index>.log
std::string task_log_path(const JobPlan& plan, const std::string& step, size_t index);

/// True when the task's status says done (exit 0) and every output it lists exists.
bool task_done_before(const JobPlan& plan, const PlanStep& step, size_t index);

/// A task as it starts: step, index, id and log filled in, state "not-run".
TaskOutcome blank_outcome(const JobPlan& plan, const PlanStep& step, size_t index);
/// Fills exit code, attempts and seconds from the task's status file (when there is one).
void add_status(const JobPlan& plan, TaskOutcome& outcome);

/// `<slate> task --plan <plan> --step <step> --index <index>`: what runs a task.
std::vector<std::string> task_command(const RunPlanOptions& options, const std::string& step,
                                      const std::string& index);

/// Creates <work_dir>/status/<step> and <work_dir>/logs/<step> for every step.
Result<void> make_run_dirs(const JobPlan& plan);

/// Removes a task's status file (before it runs again).
void clear_status(const JobPlan& plan, const std::string& step, size_t index);

/// "done" when every task is done or skipped (and at least one done), "skipped" when all were
/// skipped, else "failed" when one failed, else "cancelled".
std::string step_state(const StepOutcome& step);

/// Sends a progress line when the options ask for them.
void emit(const RunPlanOptions& options, const std::string& line);

Result<PlanRunReport> run_plan_local(const JobPlan& plan, const RunPlanOptions& options);
Result<PlanRunReport> run_plan_slurm(const JobPlan& plan, const RunPlanOptions& options);

}  // namespace media::batch
