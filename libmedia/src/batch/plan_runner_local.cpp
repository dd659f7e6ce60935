// SPDX-License-Identifier: Apache-2.0
// Running a plan on this machine: each step's tasks go through the batch scheduler (run_jobs),
// each task a `slate task` child process writing to the task's log.
#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "media/batch/scheduler.h"
#include "plan_runner_internal.h"
#include "subprocess.h"

namespace media::batch {
namespace {

// One step's run: the jobs handed to the scheduler and what each left behind.
class LocalStep {
public:
    LocalStep(const JobPlan& plan, const PlanStep& step, const RunPlanOptions& options)
        : m_plan(plan), m_step(step), m_options(options) {
        m_outcome.id = step.id;
        for (size_t i = 0; i < step.tasks.size(); ++i)
            m_outcome.tasks.push_back(blank_outcome(plan, step, i));
        m_exit_codes.resize(step.tasks.size());
    }

    void cancel_all() {
        for (auto& task : m_outcome.tasks) task.state = "cancelled";
    }

    /// The jobs still to run (tasks done before are skipped with --resume).
    std::vector<ScheduledJob> prepare() {
        std::vector<ScheduledJob> jobs;
        m_indices.clear();
        for (size_t i = 0; i < m_step.tasks.size(); ++i) {
            if (m_options.resume && task_done_before(m_plan, m_step, i)) {
                m_outcome.tasks[i].state = "skipped";
                add_status(m_plan, m_outcome.tasks[i]);
                ++m_done;
                continue;
            }
            m_indices.push_back(i);
            jobs.push_back(job_for(i));
        }
        emit(m_options, fmt::format("step {}: running {} of {} tasks", m_step.id, jobs.size(),
                                    m_step.tasks.size()));
        return jobs;
    }

    /// Takes the outcomes of prepare()'s jobs, in the same order.
    void finish(std::span<const JobOutcome> outcomes) {
        for (size_t j = 0; j < outcomes.size(); ++j) settle(m_indices[j], outcomes[j]);
    }

    int max_parallel() const { return m_step.max_parallel; }

    StepOutcome take() {
        m_outcome.state = step_state(m_outcome);
        return std::move(m_outcome);
    }

private:
    ScheduledJob job_for(size_t index) {
        ScheduledJob job;
        job.id = m_step.tasks[index].id;
        job.threads = m_step.resources.cores;
        job.run = [this, index](const std::atomic<bool>& cancel) -> Result<void> {
            return run_task(index, cancel);
        };
        return job;
    }

    Result<void> run_task(size_t index, const std::atomic<bool>& cancel) {
        ProcessOptions process;
        process.argv = task_command(m_options, m_step.id, std::to_string(index));
        process.output_file = m_outcome.tasks[index].log;
        process.new_process_group = true;
        process.cancel = &cancel;
        clear_status(m_plan, m_step.id, index);
        MEDIA_TRY_ASSIGN(const ProcessResult result, run_process(process));
        m_exit_codes[index] = result.exit_code;
        if (result.cancelled) return Error(ErrorCode::Internal, kCancelledMessage);
        report_progress(result.exit_code);
        if (result.exit_code != 0)
            return Error(ErrorCode::Internal, fmt::format("exit {}", result.exit_code));
        return ok();
    }

    void report_progress(int exit_code) {
        std::lock_guard lock(m_mutex);
        ++(exit_code == 0 ? m_done : m_failed);
        emit(m_options, fmt::format("step {}: {}/{} done{}", m_step.id, m_done, m_step.tasks.size(),
                                    m_failed ? fmt::format(", {} failed", m_failed) : ""));
    }

    void settle(size_t index, const JobOutcome& outcome) {
        TaskOutcome& task = m_outcome.tasks[index];
        add_status(m_plan, task);
        if (m_exit_codes[index]) task.exit_code = *m_exit_codes[index];
        if (outcome.result.ok()) {
            task.state = "done";
        } else if (is_cancelled(outcome)) {
            task.state = "cancelled";
        } else {
            task.state = "failed";
            // The task could not even start (slate missing): say why in its log's place.
            if (!m_exit_codes[index])
                emit(m_options, fmt::format("step {}: task {}: {}", m_step.id, index,
                                            outcome.result.error().to_string()));
        }
    }

    const JobPlan& m_plan;
    const PlanStep& m_step;
    const RunPlanOptions& m_options;
    StepOutcome m_outcome;
    std::vector<size_t> m_indices;  // task index of each prepared job
    std::mutex m_mutex;
    std::vector<std::optional<int>> m_exit_codes;  // each written by its own job's thread
    size_t m_done = 0;
    size_t m_failed = 0;
};

bool blocked(const PlanStep& step, const std::map<std::string, std::string>& states) {
    for (const auto& dependency : step.depends_on) {
        const auto state = states.find(dependency);
        if (state != states.end() && (state->second == "failed" || state->second == "cancelled"))
            return true;
    }
    return false;
}

/// Steps grouped in waves: a step is in the wave after the latest of its dependencies, so the
/// steps of one wave are independent of each other (an encode's chunks and its audio).
std::vector<std::vector<size_t>> waves_of(const JobPlan& plan) {
    std::map<std::string, size_t> wave_of;
    std::vector<std::vector<size_t>> waves;
    for (size_t index : step_order(plan)) {
        size_t wave = 0;
        for (const auto& dependency : plan.steps[index].depends_on)
            wave = std::max(wave, wave_of[dependency] + 1);
        wave_of[plan.steps[index].id] = wave;
        if (waves.size() <= wave) waves.resize(wave + 1);
        waves[wave].push_back(index);
    }
    return waves;
}

/// Runs the steps' jobs through one scheduler call, so independent steps share the cores.
void run_together(std::vector<LocalStep*>& steps, const RunPlanOptions& options,
                  std::atomic<bool>& cancel, int max_jobs) {
    std::vector<ScheduledJob> jobs;
    std::vector<size_t> counts;
    for (LocalStep* step : steps) {
        auto prepared = step->prepare();
        counts.push_back(prepared.size());
        for (auto& job : prepared) jobs.push_back(std::move(job));
    }
    SchedulerOptions scheduler;
    scheduler.thread_budget = options.cores;
    scheduler.max_jobs = max_jobs;
    const auto outcomes = run_jobs(std::move(jobs), scheduler, cancel);
    size_t first = 0;
    for (size_t s = 0; s < steps.size(); ++s) {
        steps[s]->finish(std::span(outcomes).subspan(first, counts[s]));
        first += counts[s];
    }
}

}  // namespace

Result<PlanRunReport> run_plan_local(const JobPlan& plan, const RunPlanOptions& options) {
    std::atomic<bool> own_cancel{false};
    std::atomic<bool>& cancel = options.cancel ? *options.cancel : own_cancel;
    std::map<std::string, StepOutcome> outcomes;
    std::map<std::string, std::string> states;
    for (const auto& wave : waves_of(plan)) {
        std::vector<std::unique_ptr<LocalStep>> runs;
        std::vector<LocalStep*> ready;
        bool limited = false;
        for (size_t index : wave) {
            const PlanStep& step = plan.steps[index];
            runs.push_back(std::make_unique<LocalStep>(plan, step, options));
            if (cancel.load() || blocked(step, states)) {
                runs.back()->cancel_all();
                emit(options, fmt::format("step {}: cancelled", step.id));
            } else {
                ready.push_back(runs.back().get());
                limited = limited || step.max_parallel > 0;
            }
        }
        // A step's max_parallel is a limit on the scheduler as a whole: such steps run alone.
        if (limited || ready.size() == 1) {
            for (LocalStep* step : ready) {
                std::vector<LocalStep*> one{step};
                run_together(one, options, cancel, step->max_parallel());
            }
        } else if (!ready.empty()) {
            run_together(ready, options, cancel, 0);
        }
        for (size_t w = 0; w < wave.size(); ++w) {
            StepOutcome outcome = runs[w]->take();
            states[outcome.id] = outcome.state;
            outcomes[outcome.id] = std::move(outcome);
        }
    }
    PlanRunReport report;
    report.plan = plan.name;
    report.engine = Engine::Local;
    for (const auto& step : plan.steps) report.steps.push_back(std::move(outcomes[step.id]));
    return report;
}

}  // namespace media::batch
