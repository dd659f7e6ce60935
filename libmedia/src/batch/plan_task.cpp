// SPDX-License-Identifier: Apache-2.0
// The worker side of a plan: one task run by `slate task`, locally or on a farm node.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <fmt/format.h>

#include "media/batch/plan_runner.h"
#include "plan_runner_internal.h"
#include "subprocess.h"
#include "utc_time.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return {};
    return name;
}

std::string joined(const std::vector<std::string>& argv) {
    std::string text;
    for (const auto& arg : argv) text += (text.empty() ? "" : " ") + arg;
    return text;
}

Result<const PlanTask*> find_task(const JobPlan& plan, const std::string& plan_path,
                                  const std::string& step_id, size_t index) {
    const PlanStep* step = find_step(plan, step_id);
    if (!step)
        return Error(ErrorCode::InvalidArgument, "unknown step '" + step_id + "'")
            .with_file(plan_path);
    if (index >= step->tasks.size())
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("step '{}' has {} tasks; there is no index {}", step_id,
                                 step->tasks.size(), index))
            .with_file(plan_path);
    return &step->tasks[index];
}

// Runs the command once; a command that cannot start counts as exit 127 (the shell's
// "not found") so that it is retried and recorded like any other failure.
int run_once(const std::vector<std::string>& argv) {
    ProcessOptions options;
    options.argv = argv;
    auto result = run_process(options);
    if (!result) {
        std::cerr << "slate task: " << result.error().to_string() << '\n';
        return 127;
    }
    return result->exit_code;
}

/// Folders the outputs go into (a task's command may expect them), and no temporary file of
/// an earlier attempt that was killed (io::temporary_path_for names them
/// ".<stem>.partial-XXXXXX<ext>" beside the output).
void prepare_outputs(const PlanTask& task) {
    std::error_code ec;
    for (const std::string& output : task.outputs) {
        const fs::path folder = fs::path(output).parent_path();
        fs::create_directories(folder, ec);
        const std::string prefix = "." + fs::path(output).stem().string() + ".partial-";
        for (const auto& entry : fs::directory_iterator(folder, ec))
            if (entry.path().filename().string().starts_with(prefix))
                fs::remove_all(entry.path(), ec);
    }
}

bool accepted(const PlanStep& step, int exit_code) {
    return exit_code == 0 ||
           std::find(step.success_exit_codes.begin(), step.success_exit_codes.end(), exit_code) !=
               step.success_exit_codes.end();
}

}  // namespace

Result<int> run_plan_task(const std::string& plan_path, const std::string& step_id, size_t index,
                          const std::string& slate) {
    MEDIA_TRY_ASSIGN(const JobPlan plan, load_plan(plan_path));
    MEDIA_TRY_ASSIGN(const PlanTask* task, find_task(plan, plan_path, step_id, index));
    const PlanStep& step = *find_step(plan, step_id);
    const RetryPolicy retry = step.retry;
    std::vector<std::string> argv = task->argv;
    argv[0] = slate;
    const std::string status_path = task_status_path(plan, step_id, index);
    std::error_code ec;
    fs::create_directories(fs::path(status_path).parent_path(), ec);

    TaskStatus status;
    status.host = host_name();
    status.started = utc_timestamp_now();
    const auto start = Clock::now();
    const int attempts = std::max(1, retry.max_attempts);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        status.state = "running";
        status.attempts = attempt;
        MEDIA_TRY(write_task_status(status_path, status));
        prepare_outputs(*task);
        std::cerr << fmt::format("slate task: {} {} ({}) attempt {}/{} on {}: {}\n", step_id, index,
                                 task->id, attempt, attempts, status.host, joined(task->argv))
                  << std::flush;
        status.exit_code = run_once(argv);
        if (accepted(step, status.exit_code)) break;
        std::cerr << fmt::format("slate task: {} {} exited with {}\n", step_id, index,
                                 status.exit_code);
    }
    const bool done = accepted(step, status.exit_code);
    status.state = done ? "done" : "failed";
    status.finished = utc_timestamp_now();
    status.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    MEDIA_TRY(write_task_status(status_path, status));
    // An accepted code is success to the engine (Slurm's afterok); the status keeps the real one.
    return done ? 0 : status.exit_code;
}

}  // namespace media::batch
