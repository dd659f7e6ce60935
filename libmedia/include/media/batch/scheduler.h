// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "media/core/result.h"

namespace media::batch {

/// One unit of work for the scheduler.
struct ScheduledJob {
    std::string id;
    /// Threads the job keeps busy (its encoder's and decoder's own threads); the scheduler
    /// starts jobs while the sum over running jobs stays within the budget. Clamped to the budget.
    int threads = 1;
    /// Relative cost (e.g. frames x pixels) used to start the longest jobs first.
    double cost = 1.0;
    /// Does the work; its Result is the job's outcome. `cancel` turns true when the batch is
    /// being cancelled (the job should return soon).
    std::function<Result<void>(const std::atomic<bool>& cancel)> run;
};

struct JobOutcome {
    std::string id;
    Result<void> result = ok();
    double seconds = 0;
};

struct SchedulerOptions {
    int thread_budget = 0;  ///< CPU threads to fill; 0: std::thread::hardware_concurrency()
    int max_jobs = 0;       ///< most jobs at once; 0: no limit beyond the budget
};

/// Runs jobs in parallel on a thread budget: starts jobs, largest cost first, while the sum of
/// their `threads` fits the budget (one job always runs even if it wants more). A failed job
/// does not stop the others; a job that throws fails with ErrorCode::Internal. `cancel` (e.g.
/// set from a signal handler; polled every few milliseconds) stops starting new jobs and is
/// passed to running ones; jobs never started fail with the message "cancelled" (see
/// is_cancelled). The calling thread works as one of the pool's threads. Returns one outcome
/// per job, in the order given.
std::vector<JobOutcome> run_jobs(std::vector<ScheduledJob> jobs, const SchedulerOptions& options,
                                 std::atomic<bool>& cancel);

/// The message of a job that was cancelled before it started; a job that stops early because
/// of `cancel` should return an Error with this message too.
inline constexpr const char* kCancelledMessage = "cancelled";
/// True when the job failed because the batch was cancelled.
bool is_cancelled(const JobOutcome& outcome);

/// How many threads to give each job and how many jobs to run so that `jobs` jobs fill
/// `cores` cores without oversubscribing: encoders use their threads well only up to a point,
/// so several narrower jobs beat one wide one. threads_per_job >= 1.
struct ThreadPlan {
    int concurrent_jobs = 1;
    int threads_per_job = 1;
};
/// The rule: run min(jobs, cores) jobs at once, each with max(1, cores / concurrent_jobs)
/// threads (1 job on 16 cores: 1 x 16; 4 jobs: 4 x 4; 3 jobs: 3 x 5; 40 jobs: 16 x 1).
/// jobs < 1 counts as 1 and cores < 1 as 1.
ThreadPlan plan_threads(int jobs, int cores);

}  // namespace media::batch
