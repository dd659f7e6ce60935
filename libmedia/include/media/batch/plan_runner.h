// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "media/batch/job_plan.h"
#include "media/core/result.h"

namespace media::batch {

/// Where a plan runs.
enum class Engine {
    Local,  ///< this machine, through the batch scheduler (run_jobs)
    Slurm,  ///< one job array per step (sbatch), chained with afterok dependencies
};

struct RunPlanOptions {
    Engine engine = Engine::Local;
    /// The plan file (absolute); tasks read their argv from it (`slate task --plan ...`).
    std::string plan_path;
    /// The slate executable tasks run (absolute; default: this process's own executable).
    std::string slate;
    bool resume = false;  ///< run only tasks not recorded as done (status files)
    int cores = 0;        ///< local: CPU cores to fill (0: all)
    /// slurm: extra sbatch arguments (e.g. {"--partition=debug"}), added before the script.
    std::vector<std::string> sbatch_args;
    double poll_seconds = 0.5;            ///< slurm: squeue polling interval
    std::atomic<bool>* cancel = nullptr;  ///< set (SIGINT) to stop: slurm jobs are scancel'ed
    /// Progress lines ("step encode: 3/8 done", "submitted step join as job 42").
    std::function<void(const std::string&)> on_event;
};

/// One task as the run left it.
struct TaskOutcome {
    std::string step;
    size_t index = 0;
    std::string id;
    /// "done", "skipped" (done before, --resume), "failed", "cancelled" (a dependency failed or
    /// the run was cancelled), "not-run".
    std::string state;
    int exit_code = -1;  ///< the command's exit status (-1: never ran / killed)
    int attempts = 0;
    double seconds = 0;
    std::string log;  ///< path of its log file
};

struct StepOutcome {
    std::string id;
    std::string state;  ///< "done", "failed", "cancelled", "skipped"
    std::string engine_job;  ///< slurm job id of the step's array ("" locally)
    std::vector<TaskOutcome> tasks;
};

struct PlanRunReport {
    std::string plan;
    Engine engine = Engine::Local;
    std::vector<StepOutcome> steps;  ///< in plan order
    double seconds = 0;
    bool ok() const;
    /// "step chunks task 2 (chunk_0002) failed with exit 3; log: ..." for every failed task.
    std::vector<std::string> failures() const;
};

/// Runs a plan to the end (waiting for the farm). Task state is kept in status files under
/// <work_dir>/status/<step>/<index>.json (written by `slate task`), logs under
/// <work_dir>/logs/<step>/<index>.log; with `resume`, tasks whose status says done (exit 0) and
/// whose outputs exist are skipped and only the rest are submitted (Slurm: --array=2,5).
/// A failed task fails its step; steps depending on a failed step are cancelled (Slurm:
/// --kill-on-invalid-dep=yes). Errors only for what stops the run as a whole (plan invalid,
/// sbatch missing or refusing, work_dir not writable).
Result<PlanRunReport> run_plan(const JobPlan& plan, const RunPlanOptions& options);

/// What `slate task --plan P --step S --index I` does on a worker: records "running" in the
/// task's status file, runs the task's argv (argv[0] replaced by `slate`) with stdout/stderr to
/// the caller's, retries per the step's policy, records the exit code and returns it.
/// Unknown step / index out of range: InvalidArgument naming them.
Result<int> run_plan_task(const std::string& plan_path, const std::string& step, size_t index,
                          const std::string& slate);

/// The status file path of a task.
std::string task_status_path(const JobPlan& plan, const std::string& step, size_t index);

/// JSON summary of a run (schema slate.plan-run).
std::string run_report_json(const PlanRunReport& report);
/// A readable table of the run.
std::string run_report_text(const PlanRunReport& report);

}  // namespace media::batch
