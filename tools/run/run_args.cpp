// SPDX-License-Identifier: Apache-2.0
#include "run/run_args.h"

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kRunFooter = R"(Engines:
  local  this machine: each step's tasks run in parallel on the cores (-j),
         each as `slate task ...` writing to <work_dir>/logs/<step>/<i>.log.
  slurm  one job array per step (sbatch --array), steps chained with
         --dependency=afterok and --kill-on-invalid-dep=yes, watched with
         squeue/scontrol. Needs sbatch on PATH and SLURM_CONF set where the
         controller is not the default (scripts/slurm-local start DIR).
         Pass sbatch options with --sbatch-arg=--partition=debug.

State:
  Every task records <work_dir>/status/<step>/<i>.json (running, done,
  failed; exit code, attempts, host). A task is done only after its command
  exited 0. --resume skips tasks that are done and whose outputs exist, and
  runs (Slurm: re-submits) only the rest; without it every task runs again.

Exit codes:
  0  every task done (or done earlier)
  1  a task failed or was cancelled (each failure is printed with its log)
  2  the plan could not run (invalid plan, sbatch missing or refusing)
  3  usage error)";

constexpr const char* kTaskFooter =
    R"(Runs the task's argv (its "slate" replaced by this executable), retrying per
the step's policy, records <work_dir>/status/<step>/<index>.json and exits with
the task's exit code (so a farm sees the failure). Exit 2 when the plan or
the task cannot be found.)";

}  // namespace

ParseResult<RunSettings> parse_run_args(const std::vector<std::string>& args) {
    RunSettings settings;
    CLI::App app("Run a job plan on this machine or on Slurm.", "slate run");
    app.add_option("plan", settings.plan, "Job plan (JSON, from slate plan)")->required();
    app.add_option("--on", settings.on, "Engine: local (default) or slurm")
        ->check(CLI::IsMember({"local", "slurm"}));
    app.add_flag("--resume", settings.resume, "Run only tasks not done before");
    app.add_option("-j,--cores", settings.cores, "local: CPU cores to fill (0: all)")
        ->check(CLI::Range(0, 4096));
    app.add_option("--json", settings.json, "Write the run report as JSON to FILE (-: stdout)");
    app.add_option("--sbatch-arg", settings.sbatch_args,
                   "slurm: an extra sbatch option, e.g. --sbatch-arg=--partition=debug")
        ->allow_extra_args(false);
    app.add_flag("-q,--quiet", settings.quiet, "No progress lines and no table");
    app.add_option("--slate", settings.slate, "The slate executable tasks run (default: this)");
    app.add_option("--poll", settings.poll_seconds, "slurm: seconds between squeue polls")
        ->check(CLI::Range(0.05, 60.0));
    app.footer(kRunFooter);
    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;
    return settings;
}

ParseResult<TaskSettings> parse_task_args(const std::vector<std::string>& args) {
    TaskSettings settings;
    CLI::App app("Run one task of a job plan (what farm workers execute).", "slate task");
    app.add_option("--plan", settings.plan, "Job plan file")->required();
    app.add_option("--step", settings.step, "Step id")->required();
    app.add_option("--index", settings.index, "Task index in the step (Slurm array index)")
        ->required();
    app.add_option("--slate", settings.slate, "The slate executable the task runs");
    app.footer(kTaskFooter);
    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;
    return settings;
}

}  // namespace slate
