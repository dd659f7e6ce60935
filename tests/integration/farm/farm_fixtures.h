// SPDX-License-Identifier: Apache-2.0
// Small job plans built by hand (sample clips, probes, a task that fails), running `slate run`,
// reading its JSON report and status files, and finding a task's process to kill.
#pragma once

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "media/batch/job_plan.h"
#include "media/batch/plan_runner.h"
#include "scratch_dir.h"

extern char** environ;

namespace media::test {

namespace fs = std::filesystem;

// Two sample clips that generate in about a second each.
inline constexpr const char* kH264Clip = "b001_c001_h264";
inline constexpr const char* kProresClip = "a001_c001_prores4444";

inline batch::PlanTask samples_task(const std::string& id, const std::string& dir,
                                    const std::string& clip, const std::string& ext) {
    batch::PlanTask task;
    task.id = id;
    task.argv = {"slate", "samples", dir, "--only", clip};
    task.outputs = {dir + "/" + clip + ext};
    return task;
}

inline batch::PlanTask probe_task(const std::string& id, const std::string& file) {
    batch::PlanTask task;
    task.id = id;
    task.argv = {"slate", "probe", file, "--json"};
    task.inputs = {file};
    return task;
}

// Exits 3 (a usage error) at once.
inline batch::PlanTask failing_task(const std::string& id) {
    batch::PlanTask task;
    task.id = id;
    task.argv = {"slate", "transcode", "--no-such-flag"};
    return task;
}

inline batch::PlanStep plan_step(const std::string& id, std::vector<batch::PlanTask> tasks,
                                 std::vector<std::string> depends_on = {}) {
    batch::PlanStep step;
    step.id = id;
    step.title = id;
    step.depends_on = std::move(depends_on);
    step.resources.memory_mb = 512;
    step.tasks = std::move(tasks);
    return step;
}

/// A two-step plan under `root`: "gen" writes the H.264 clip (task 0) and the ProRes clip
/// (task 1, or a task failing with exit 3), "probe" (after gen) probes the H.264 clip.
inline batch::JobPlan gen_probe_plan(const std::string& name, const std::string& root,
                                     bool second_fails = false) {
    batch::JobPlan plan;
    plan.name = name;
    plan.kind = "batch";
    plan.work_dir = root + "/work";
    const std::string h264 = root + "/out/h264";
    plan.steps.push_back(plan_step(
        "gen", {samples_task("h264", h264, kH264Clip, ".mp4"),
                second_fails ? failing_task("prores")
                             : samples_task("prores", root + "/out/prores", kProresClip, ".mov")}));
    plan.steps.push_back(
        plan_step("probe", {probe_task("probe_h264", h264 + "/" + kH264Clip + ".mp4")}, {"gen"}));
    return plan;
}

inline void save(const batch::JobPlan& plan, const std::string& path) {
    auto saved = batch::save_plan(plan, path);
    ASSERT_TRUE(saved) << saved.error().to_string();
}

/// `slate run PLAN --json REPORT EXTRA`; the report is left at `report`.
inline CommandResult slate_run(const std::string& plan, const std::string& report,
                               const std::string& extra, const ScratchDir& scratch) {
    return run_command(
        quote(SLATE_BINARY) + " run " + quote(plan) + " --json " + quote(report) + " " + extra,
        scratch);
}

inline nlohmann::json read_json(const std::string& path) {
    return nlohmann::json::parse(read_file(path), nullptr, false);
}

inline const nlohmann::json& report_task(const nlohmann::json& report, const std::string& step,
                                         size_t index) {
    static const nlohmann::json kNone;
    for (const auto& s : report["steps"])
        if (s["id"] == step && index < s["tasks"].size()) return s["tasks"][index];
    return kNone;
}

inline std::string task_state(const nlohmann::json& report, const std::string& step, size_t index) {
    const auto& task = report_task(report, step, index);
    return task.is_object() ? task["state"].get<std::string>() : "absent";
}

inline std::string status_state(const batch::JobPlan& plan, const std::string& step, size_t index) {
    const auto status = read_json(batch::task_status_path(plan, step, index));
    return status.is_object() ? status.value("state", "") : "absent";
}

inline int64_t mtime_ns(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return -1;
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

/// FNV-1a 64 of a file's bytes (0 when unreadable).
inline uint64_t file_checksum(const std::string& path) {
    if (!fs::exists(path)) return 0;
    uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : read_file(path)) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

/// Processes whose command line has both `a` and `b` among its arguments.
inline std::vector<pid_t> processes_with(const std::string& a, const std::string& b) {
    std::vector<pid_t> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        const std::string cmdline = read_file(entry.path().string() + "/cmdline");
        std::vector<std::string> args;
        for (size_t at = 0; at < cmdline.size();) {
            const size_t end = cmdline.find('\0', at);
            args.push_back(cmdline.substr(at, end - at));
            at = end == std::string::npos ? cmdline.size() : end + 1;
        }
        const auto has = [&](const std::string& s) {
            return std::find(args.begin(), args.end(), s) != args.end();
        };
        if (has(a) && has(b)) found.push_back(std::stoi(name));
    }
    return found;
}

/// The failure-and-resume story every engine must tell: task 1 of step "gen" fails with exit
/// 3, the run fails naming it, the dependent step is cancelled; with the task fixed, the resumed
/// run (`resume_args`) runs it and its dependant but not the task that was done. Returns the
/// fixed plan.
inline batch::JobPlan expect_failure_then_resume(const std::string& name, const std::string& root,
                                                 const std::string& plan_path,
                                                 const std::string& run_args,
                                                 const std::string& resume_args,
                                                 const ScratchDir& scratch) {
    save(gen_probe_plan(name, root, true), plan_path);
    const auto failed = slate_run(plan_path, scratch.file("r1.json"), run_args, scratch);
    EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
    EXPECT_NE(failed.err.find("step gen task 1 (prores) failed with exit 3; log: "),
              std::string::npos)
        << failed.err;
    const auto first = read_json(scratch.file("r1.json"));
    EXPECT_EQ(task_state(first, "gen", 0), "done");
    EXPECT_EQ(task_state(first, "gen", 1), "failed");
    EXPECT_EQ(report_task(first, "gen", 1)["exit_code"], 3);
    EXPECT_EQ(task_state(first, "probe", 0), "cancelled");
    EXPECT_EQ(first["steps"][1]["state"], "cancelled");

    const auto plan = gen_probe_plan(name, root, false);
    save(plan, plan_path);
    const std::string done_status = batch::task_status_path(plan, "gen", 0);
    const int64_t done_mtime = mtime_ns(done_status);
    const int64_t done_output_mtime = mtime_ns(plan.steps[0].tasks[0].outputs[0]);
    const auto resumed = slate_run(plan_path, scratch.file("r2.json"), resume_args, scratch);
    EXPECT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
    const auto second = read_json(scratch.file("r2.json"));
    EXPECT_EQ(task_state(second, "gen", 0), "skipped");
    EXPECT_EQ(task_state(second, "gen", 1), "done");
    EXPECT_EQ(task_state(second, "probe", 0), "done");
    EXPECT_EQ(mtime_ns(done_status), done_mtime) << "the done task ran again";
    EXPECT_EQ(mtime_ns(plan.steps[0].tasks[0].outputs[0]), done_output_mtime);
    EXPECT_TRUE(fs::exists(plan.steps[0].tasks[1].outputs[0]));
    return plan;
}

/// Starts `slate run ...` in the background, its output to `log`.
inline pid_t spawn_slate_run(std::vector<std::string> args, const std::string& log) {
    args.insert(args.begin(), {SLATE_BINARY, "run"});
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = -1;
    if (posix_spawn(&pid, SLATE_BINARY, &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

inline int wait_exit_code(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// Waits (up to `limit`) until the `slate samples` task writing into `dir` has a ".partial"
/// file there, then SIGKILLs that task's process: a worker dying mid-write. True when it did.
inline bool kill_samples_mid_write(const std::string& dir, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto pids = processes_with("samples", dir);
        std::error_code ec;
        bool partial = false;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            partial |= entry.path().filename().string().find(".partial") != std::string::npos;
        if (partial && !pids.empty()) {
            for (pid_t pid : pids) ::kill(pid, SIGKILL);
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

}  // namespace media::test
