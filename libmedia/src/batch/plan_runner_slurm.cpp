// SPDX-License-Identifier: Apache-2.0
// Running a plan on Slurm: one job array per step (sbatch), chained with afterok dependencies,
// watched with squeue, and settled from the tasks' status files (what the tasks said) and
// scontrol (what Slurm did to tasks that never said anything).
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "media/core/text_file.h"
#include "plan_runner_internal.h"
#include "subprocess.h"
#include "utc_time.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

// squeue can fail for a moment while the controller is busy; this many failures in a row stop
// the run.
constexpr int kMaxQueryFailures = 20;
// After scancel, how long to wait for the jobs to leave the queue.
constexpr auto kCancelWait = std::chrono::seconds(30);

struct Submission {
    std::string step;
    std::string job_id;
    std::vector<size_t> indices;
    std::string script;
    std::string submitted;
};

// What scontrol says about one array task.
struct SlurmTaskState {
    std::string state;  // COMPLETED, FAILED, CANCELLED, TIMEOUT...
    std::string reason;
    int exit_code = -1;
};

std::string shell_quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::string trimmed(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    size_t start = 0;
    while (start < text.size() && std::isspace(static_cast<unsigned char>(text[start]))) ++start;
    return text.substr(start);
}

// "0-3,5,7-8": Slurm's --array syntax for a sorted list of indices.
std::string array_spec(const std::vector<size_t>& indices) {
    std::string spec;
    for (size_t i = 0; i < indices.size();) {
        size_t j = i;
        while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
        if (!spec.empty()) spec += ',';
        spec += j == i ? std::to_string(indices[i]) : fmt::format("{}-{}", indices[i], indices[j]);
        i = j + 1;
    }
    return spec;
}

// The inverse, for scontrol's ArrayTaskId ("2", "0-3", "2,5", "0-3%2").
std::vector<size_t> parse_array_spec(std::string spec) {
    spec = spec.substr(0, spec.find('%'));
    std::erase(spec, '[');
    std::erase(spec, ']');
    std::vector<size_t> indices;
    std::stringstream parts(spec);
    std::string part;
    while (std::getline(parts, part, ',')) {
        size_t first = 0;
        size_t last = 0;
        const size_t dash = part.find('-');
        try {
            first = std::stoul(part.substr(0, dash));
            last = dash == std::string::npos ? first : std::stoul(part.substr(dash + 1));
        } catch (const std::exception&) {
            continue;
        }
        for (size_t i = first; i <= last && i < first + 1000000; ++i) indices.push_back(i);
    }
    return indices;
}

std::string script_path(const JobPlan& plan, const std::string& step) {
    return (fs::path(plan.work_dir) / "slurm" / (step + ".sh")).string();
}

Result<std::string> write_script(const JobPlan& plan, const PlanStep& step,
                                 const RunPlanOptions& options) {
    std::string path = script_path(plan, step.id);
    std::string text = fmt::format(
        "#!/bin/sh\n# slate plan {}, step {}: one task per array index (written by slate run)\n",
        plan.name, step.id);
    text += "exec";
    for (const auto& arg : task_command(options, step.id, "")) {
        if (!arg.empty()) text += " " + shell_quote(arg);
    }
    text += " \"$SLURM_ARRAY_TASK_ID\"\n";
    MEDIA_TRY(write_text_file_atomically(path, text));
    ::chmod(path.c_str(), 0755);
    return path;
}

std::vector<std::string> sbatch_command(const JobPlan& plan, const PlanStep& step,
                                        const std::vector<size_t>& indices,
                                        const std::vector<std::string>& after,
                                        const RunPlanOptions& options, const std::string& script) {
    const auto& resources = step.resources;
    std::string array = "--array=" + array_spec(indices);
    if (step.max_parallel > 0) array += fmt::format("%{}", step.max_parallel);
    std::vector<std::string> argv = {"sbatch", "--parsable",
                                     fmt::format("--job-name=slate.{}.{}", plan.name, step.id),
                                     array, fmt::format("--cpus-per-task={}", resources.cores)};
    if (resources.memory_mb > 0) argv.push_back(fmt::format("--mem={}M", resources.memory_mb));
    if (resources.gpus > 0) argv.push_back(fmt::format("--gres=gpu:{}", resources.gpus));
    if (resources.time_limit_minutes > 0)
        argv.push_back(fmt::format("--time={}", resources.time_limit_minutes));
    argv.push_back("--output=" + (fs::path(plan.work_dir) / "logs" / step.id / "%a.log").string());
    argv.push_back("--chdir=" + plan.work_dir);
    if (!after.empty()) {
        std::string ids;
        for (const auto& id : after) ids += (ids.empty() ? "" : ":") + id;
        argv.push_back("--dependency=afterok:" + ids);
        argv.push_back("--kill-on-invalid-dep=yes");
    }
    argv.insert(argv.end(), options.sbatch_args.begin(), options.sbatch_args.end());
    argv.push_back(script);
    return argv;
}

Result<ProcessResult> run_captured(std::vector<std::string> argv) {
    ProcessOptions process;
    process.argv = std::move(argv);
    process.capture = true;
    return run_process(process);
}

// sbatch --parsable prints "id" or "id;cluster".
Result<std::string> parse_job_id(const ProcessResult& result, const std::string& step) {
    std::string id = trimmed(result.out.substr(0, result.out.find(';')));
    const bool digits = !id.empty() && std::all_of(id.begin(), id.end(), ::isdigit);
    if (result.exit_code != 0 || !digits)
        return Error(ErrorCode::IoError,
                     fmt::format("sbatch refused step {} (exit {}): {}", step, result.exit_code,
                                 trimmed(result.err + "\n" + result.out)));
    return id;
}

std::map<size_t, SlurmTaskState> query_tasks(const std::string& job_id) {
    std::map<size_t, SlurmTaskState> tasks;
    auto result = run_captured({"scontrol", "-o", "show", "job", job_id});
    if (!result || result->exit_code != 0) return tasks;
    std::istringstream lines(result->out);
    std::string line;
    while (std::getline(lines, line)) {
        std::map<std::string, std::string> fields;
        std::istringstream words(line);
        std::string word;
        while (words >> word) {
            const size_t eq = word.find('=');
            if (eq != std::string::npos) fields.emplace(word.substr(0, eq), word.substr(eq + 1));
        }
        if (fields["ArrayJobId"] != job_id) continue;
        SlurmTaskState state{fields["JobState"], fields["Reason"], -1};
        const std::string code = fields["ExitCode"];
        const size_t colon = code.find(':');
        if (colon != std::string::npos) {
            const int exit = std::atoi(code.substr(0, colon).c_str());
            const int signal = std::atoi(code.substr(colon + 1).c_str());
            state.exit_code = signal != 0 ? 128 + signal : exit;
        }
        for (size_t index : parse_array_spec(fields["ArrayTaskId"])) tasks[index] = state;
    }
    return tasks;
}

// A task whose status file says nothing final: what Slurm did to it decides.
void settle_from_slurm(TaskOutcome& task, const SlurmTaskState* slurm) {
    if (!slurm) {
        task.state = "not-run";
        return;
    }
    static const std::set<std::string> kFailed = {"FAILED",        "NODE_FAIL", "TIMEOUT",
                                                  "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE",
                                                  "PREEMPTED",     "COMPLETED"};
    if (slurm->state == "CANCELLED") {
        task.state = "cancelled";
    } else if (kFailed.count(slurm->state)) {
        task.state = "failed";
        task.exit_code = slurm->exit_code;
    } else {
        task.state = "not-run";
    }
}

// sbatch retries a missing configuration file for a minute before it gives up; say it at once.
Result<void> check_slurm_conf() {
    const char* conf = std::getenv("SLURM_CONF");
    std::error_code ec;
    if (conf && *conf) {
        if (fs::exists(conf, ec)) return ok();
        return Error(ErrorCode::NotFound,
                     "SLURM_CONF names a file that does not exist (scripts/slurm-local start DIR "
                     "prints the right one)")
            .with_file(conf);
    }
    for (const char* path : {"/etc/slurm/slurm.conf", "/run/slurm/conf/slurm.conf"})
        if (fs::exists(path, ec)) return ok();
    return Error(ErrorCode::NotFound,
                 "no Slurm configuration: set SLURM_CONF (scripts/slurm-local start DIR prints "
                 "it) or install /etc/slurm/slurm.conf");
}

class SlurmRun {
public:
    SlurmRun(const JobPlan& plan, const RunPlanOptions& options)
        : m_plan(plan), m_options(options) {}

    Result<PlanRunReport> run() {
        if (find_on_path("sbatch").empty())
            return Error(ErrorCode::NotFound,
                         "sbatch is not on PATH: install the Slurm client (slurm-client) or run "
                         "with --on local");
        MEDIA_TRY(check_slurm_conf());
        std::error_code ec;
        fs::create_directories(fs::path(m_plan.work_dir) / "slurm", ec);
        if (auto submitted = submit_all(); !submitted) {
            cancel_jobs();
            return std::move(submitted).error();
        }
        MEDIA_TRY(wait_for_jobs());
        return settle();
    }

private:
    Result<void> submit_all() {
        for (size_t index : step_order(m_plan)) {
            const PlanStep& step = m_plan.steps[index];
            std::vector<size_t> indices;
            for (size_t i = 0; i < step.tasks.size(); ++i)
                if (!m_options.resume || !task_done_before(m_plan, step, i)) indices.push_back(i);
            if (indices.empty()) {
                emit(m_options, fmt::format("step {}: nothing to run", step.id));
                continue;
            }
            MEDIA_TRY(submit(step, indices));
        }
        return ok();
    }

    Result<void> submit(const PlanStep& step, const std::vector<size_t>& indices) {
        std::vector<std::string> after;
        for (const auto& dependency : step.depends_on)
            if (auto job = m_jobs.find(dependency); job != m_jobs.end())
                after.push_back(job->second);
        for (size_t i : indices) clear_status(m_plan, step.id, i);
        MEDIA_TRY_ASSIGN(const std::string script, write_script(m_plan, step, m_options));
        MEDIA_TRY_ASSIGN(
            const ProcessResult result,
            run_captured(sbatch_command(m_plan, step, indices, after, m_options, script)));
        MEDIA_TRY_ASSIGN(const std::string job_id, parse_job_id(result, step.id));
        m_jobs[step.id] = job_id;
        m_submissions.push_back({step.id, job_id, indices, script, utc_timestamp_now()});
        emit(m_options, fmt::format("step {}: submitted {} of {} tasks as job {}{}", step.id,
                                    indices.size(), step.tasks.size(), job_id,
                                    after.empty() ? "" : " (after " + after.front() + ")"));
        return write_submissions();
    }

    Result<void> write_submissions() const {
        ordered_json list = ordered_json::array();
        for (const auto& s : m_submissions)
            list.push_back({{"step", s.step},
                            {"job_id", s.job_id},
                            {"array", array_spec(s.indices)},
                            {"script", s.script},
                            {"submitted", s.submitted}});
        const ordered_json doc = {{"schema", "slate.slurm-submissions"},
                                  {"version", 1},
                                  {"plan", m_plan.name},
                                  {"plan_file", m_options.plan_path},
                                  {"submissions", std::move(list)}};
        return write_text_file_atomically(
            (fs::path(m_plan.work_dir) / "slurm" / "submissions.json").string(),
            doc.dump(2) + "\n");
    }

    std::string job_ids() const {
        std::string ids;
        for (const auto& s : m_submissions) ids += (ids.empty() ? "" : ",") + s.job_id;
        return ids;
    }

    void cancel_jobs() {
        if (m_submissions.empty()) return;
        std::vector<std::string> argv = {"scancel"};
        for (const auto& s : m_submissions) argv.push_back(s.job_id);
        (void)run_captured(argv);
    }

    // squeue lines ("42_1 RUNNING"); nullopt when squeue failed.
    std::optional<std::vector<std::string>> queue() {
        auto result = run_captured({"squeue", "-h", "-j", job_ids(), "-o", "%i %T"});
        if (!result) return std::nullopt;
        // Jobs that already left the controller's memory make squeue refuse the list.
        if (result->exit_code != 0 && result->err.find("Invalid job id") != std::string::npos)
            return std::vector<std::string>{};
        if (result->exit_code != 0) {
            m_last_query_error = trimmed(result->err);
            return std::nullopt;
        }
        std::vector<std::string> lines;
        std::istringstream text(result->out);
        for (std::string line; std::getline(text, line);)
            if (!trimmed(line).empty()) lines.push_back(trimmed(line));
        return lines;
    }

    void report_queue(const std::vector<std::string>& lines) {
        std::map<std::string, int> counts;
        for (const auto& line : lines) ++counts[line.substr(line.find(' ') + 1)];
        std::string summary;
        for (const auto& [state, count] : counts)
            summary += fmt::format("{}{} {}", summary.empty() ? "" : ", ", count, to_lower(state));
        if (summary.empty()) summary = "all jobs finished";
        if (summary != m_last_summary) emit(m_options, "slurm: " + summary);
        m_last_summary = summary;
    }

    static std::string to_lower(std::string text) {
        std::transform(text.begin(), text.end(), text.begin(), ::tolower);
        return text;
    }

    Result<void> wait_for_jobs() {
        if (m_submissions.empty()) return ok();
        const auto interval = std::chrono::duration<double>(std::max(0.05, m_options.poll_seconds));
        int failures = 0;
        std::optional<std::chrono::steady_clock::time_point> cancelled_at;
        for (;;) {
            if (m_options.cancel && m_options.cancel->load() && !cancelled_at) {
                emit(m_options, "slurm: cancelling jobs " + job_ids());
                cancel_jobs();
                cancelled_at = std::chrono::steady_clock::now();
            }
            if (cancelled_at && std::chrono::steady_clock::now() - *cancelled_at > kCancelWait)
                return ok();
            const auto lines = queue();
            if (!lines && ++failures >= kMaxQueryFailures)
                return Error(ErrorCode::IoError, "squeue keeps failing: " + m_last_query_error);
            if (lines) {
                failures = 0;
                report_queue(*lines);
                if (lines->empty()) return ok();
            }
            std::this_thread::sleep_for(interval);
        }
    }

    PlanRunReport settle() {
        PlanRunReport report;
        report.plan = m_plan.name;
        report.engine = Engine::Slurm;
        for (const auto& step : m_plan.steps) report.steps.push_back(settle_step(step));
        return report;
    }

    StepOutcome settle_step(const PlanStep& step) {
        StepOutcome outcome;
        outcome.id = step.id;
        const auto job = m_jobs.find(step.id);
        if (job != m_jobs.end()) outcome.engine_job = job->second;
        const auto slurm =
            job != m_jobs.end() ? query_tasks(job->second) : std::map<size_t, SlurmTaskState>{};
        const Submission* submission = nullptr;
        for (const auto& s : m_submissions)
            if (s.step == step.id) submission = &s;
        for (size_t i = 0; i < step.tasks.size(); ++i) {
            TaskOutcome task = blank_outcome(m_plan, step, i);
            add_status(m_plan, task);
            const bool submitted = submission && std::count(submission->indices.begin(),
                                                            submission->indices.end(), i) > 0;
            if (!submitted) {
                task.state = "skipped";
            } else {
                settle_task(task, slurm);
            }
            outcome.tasks.push_back(std::move(task));
        }
        outcome.state = step_state(outcome);
        return outcome;
    }

    void settle_task(TaskOutcome& task, const std::map<size_t, SlurmTaskState>& slurm) {
        const auto status = read_task_status(task_status_path(m_plan, task.step, task.index));
        if (status && status->state == "done") {  // exit 0 or a code the step accepts
            task.state = "done";
        } else if (status && status->state == "failed") {
            task.state = "failed";
        } else {
            const auto found = slurm.find(task.index);
            settle_from_slurm(task, found == slurm.end() ? nullptr : &found->second);
            // A task that started and then vanished (its worker killed) failed.
            if (status && status->state == "running" && task.state == "not-run")
                task.state = "failed";
        }
    }

    const JobPlan& m_plan;
    const RunPlanOptions& m_options;
    std::map<std::string, std::string> m_jobs;  // step id -> job id, this run's submissions
    std::vector<Submission> m_submissions;
    std::string m_last_summary;
    std::string m_last_query_error;
};

}  // namespace

Result<PlanRunReport> run_plan_slurm(const JobPlan& plan, const RunPlanOptions& options) {
    return SlurmRun(plan, options).run();
}

}  // namespace media::batch
