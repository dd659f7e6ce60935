// SPDX-License-Identifier: Apache-2.0
#include "media/batch/scheduler.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace media::batch {
namespace {

using namespace std::chrono_literals;

// Counts what runs at once, from inside the jobs.
struct Occupancy {
    std::atomic<int> threads{0};
    std::atomic<int> jobs{0};
    std::atomic<int> max_threads{0};
    std::atomic<int> max_jobs{0};

    void enter(int job_threads) {
        const int now_threads = threads += job_threads;
        const int now_jobs = ++jobs;
        raise(max_threads, now_threads);
        raise(max_jobs, now_jobs);
    }
    void leave(int job_threads) {
        threads -= job_threads;
        --jobs;
    }
    static void raise(std::atomic<int>& peak, int value) {
        int seen = peak.load();
        while (value > seen && !peak.compare_exchange_weak(seen, value)) {
        }
    }
};

ScheduledJob sleeping_job(std::string id, int threads, double cost, Occupancy& occupancy,
                          int counted_threads = -1) {
    const int counted = counted_threads < 0 ? threads : counted_threads;
    return {std::move(id), threads, cost, [&occupancy, counted](const std::atomic<bool>&) {
                occupancy.enter(counted);
                std::this_thread::sleep_for(3ms);
                occupancy.leave(counted);
                return ok();
            }};
}

std::vector<JobOutcome> run(std::vector<ScheduledJob> jobs, int budget, int max_jobs = 0) {
    std::atomic<bool> cancel{false};
    return run_jobs(std::move(jobs), {budget, max_jobs}, cancel);
}

TEST(Scheduler, NeverExceedsTheThreadBudget) {
    Occupancy occupancy;
    std::vector<ScheduledJob> jobs;
    const int widths[] = {1, 2, 3, 5, 1, 4};
    for (int i = 0; i < 36; ++i)
        jobs.push_back(sleeping_job("j" + std::to_string(i), widths[i % 6], i % 7, occupancy));
    const auto outcomes = run(std::move(jobs), 6);
    ASSERT_EQ(outcomes.size(), 36u);
    for (const auto& outcome : outcomes) EXPECT_TRUE(outcome.result.ok()) << outcome.id;
    EXPECT_LE(occupancy.max_threads.load(), 6);
    // It did run jobs side by side (six 1-thread-wide jobs could overlap).
    EXPECT_GE(occupancy.max_jobs.load(), 2);
    EXPECT_EQ(occupancy.threads.load(), 0);
}

TEST(Scheduler, HonoursMaxJobs) {
    Occupancy occupancy;
    std::vector<ScheduledJob> jobs;
    for (int i = 0; i < 12; ++i)
        jobs.push_back(sleeping_job("j" + std::to_string(i), 1, 1, occupancy));
    const auto outcomes = run(std::move(jobs), 8, 2);
    EXPECT_EQ(occupancy.max_jobs.load(), 2);
}

TEST(Scheduler, AJobWiderThanTheBudgetRunsAlone) {
    Occupancy occupancy;
    std::vector<ScheduledJob> jobs;
    // Counted as the whole budget (4) so that any overlap would push the peak above 4.
    jobs.push_back(sleeping_job("wide", 64, 1, occupancy, 4));
    for (int i = 0; i < 8; ++i)
        jobs.push_back(sleeping_job("n" + std::to_string(i), 1, 2, occupancy));
    const auto outcomes = run(std::move(jobs), 4);
    EXPECT_TRUE(outcomes[0].result.ok());
    EXPECT_LE(occupancy.max_threads.load(), 4);
    EXPECT_GE(occupancy.max_jobs.load(), 2);  // the narrow ones still ran side by side
}

TEST(Scheduler, StartsTheLargestCostFirst) {
    std::mutex mutex;
    std::vector<std::string> started;
    std::vector<ScheduledJob> jobs;
    const double costs[] = {5, 50, 1, 50, 20, 0.5};
    for (int i = 0; i < 6; ++i)
        jobs.push_back({"j" + std::to_string(i), 1, costs[i], [&, i](const std::atomic<bool>&) {
                            std::lock_guard lock(mutex);
                            started.push_back("j" + std::to_string(i));
                            return ok();
                        }});
    const auto outcomes = run(std::move(jobs), 1);  // one at a time: start order is visible
    // Ties keep the order given.
    EXPECT_EQ(started, (std::vector<std::string>{"j1", "j3", "j4", "j0", "j2", "j5"}));
}

TEST(Scheduler, OutcomesComeInInputOrderWithTimes) {
    std::vector<ScheduledJob> jobs;
    for (int i = 0; i < 5; ++i)
        jobs.push_back(
            {"job" + std::to_string(i), 1, static_cast<double>(i), [i](const std::atomic<bool>&) {
                 std::this_thread::sleep_for(std::chrono::milliseconds(5 * (i + 1)));
                 return ok();
             }});
    const auto outcomes = run(std::move(jobs), 3);
    ASSERT_EQ(outcomes.size(), 5u);
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(outcomes[static_cast<size_t>(i)].id, "job" + std::to_string(i));
        const double slept = 0.005 * (i + 1);
        EXPECT_GE(outcomes[static_cast<size_t>(i)].seconds, slept - 1e-4);
        EXPECT_LT(outcomes[static_cast<size_t>(i)].seconds, slept + 1.0);  // a loaded machine
    }
}

TEST(Scheduler, AFailedJobDoesNotStopTheOthers) {
    std::atomic<int> ran{0};
    std::vector<ScheduledJob> jobs;
    for (int i = 0; i < 10; ++i)
        jobs.push_back({"j" + std::to_string(i), 1, 1, [&ran, i](const std::atomic<bool>&) {
                            ++ran;
                            if (i % 3 == 0)
                                return Result<void>(Error(ErrorCode::EncodeError, "boom"));
                            return ok();
                        }});
    const auto outcomes = run(std::move(jobs), 2);
    EXPECT_EQ(ran.load(), 10);
    for (size_t i = 0; i < 10; ++i) {
        EXPECT_EQ(outcomes[i].result.ok(), i % 3 != 0) << i;
        if (i % 3 == 0) {
            EXPECT_EQ(outcomes[i].result.error().code(), ErrorCode::EncodeError);
        }
    }
}

TEST(Scheduler, AThrowingJobBecomesAnInternalError) {
    std::vector<ScheduledJob> jobs;
    jobs.push_back({"throws", 1, 3, [](const std::atomic<bool>&) -> Result<void> {
                        throw std::runtime_error("kaput");
                    }});
    jobs.push_back(
        {"throws-int", 1, 2, [](const std::atomic<bool>&) -> Result<void> { throw 42; }});
    jobs.push_back({"fine", 1, 1, [](const std::atomic<bool>&) { return ok(); }});
    jobs.push_back({"empty", 1, 0, nullptr});
    const auto outcomes = run(std::move(jobs), 2);
    ASSERT_FALSE(outcomes[0].result.ok());
    EXPECT_EQ(outcomes[0].result.error().code(), ErrorCode::Internal);
    EXPECT_NE(outcomes[0].result.error().message().find("kaput"), std::string::npos);
    ASSERT_FALSE(outcomes[1].result.ok());
    EXPECT_EQ(outcomes[1].result.error().code(), ErrorCode::Internal);
    EXPECT_TRUE(outcomes[2].result.ok());
    ASSERT_FALSE(outcomes[3].result.ok());
    EXPECT_EQ(outcomes[3].result.error().code(), ErrorCode::InvalidArgument);
}

TEST(Scheduler, CancelStopsStartingJobs) {
    std::atomic<bool> cancel{false};
    std::atomic<int> ran{0};
    std::vector<ScheduledJob> jobs;
    jobs.push_back({"first", 1, 10, [&](const std::atomic<bool>&) {
                        ++ran;
                        cancel = true;
                        return ok();
                    }});
    for (int i = 0; i < 6; ++i)
        jobs.push_back({"later" + std::to_string(i), 1, 1, [&](const std::atomic<bool>&) {
                            ++ran;
                            return ok();
                        }});
    const auto outcomes = run_jobs(std::move(jobs), {1, 0}, cancel);
    EXPECT_EQ(ran.load(), 1);
    EXPECT_TRUE(outcomes[0].result.ok());
    EXPECT_FALSE(is_cancelled(outcomes[0]));
    for (size_t i = 1; i < outcomes.size(); ++i) {
        ASSERT_FALSE(outcomes[i].result.ok());
        EXPECT_EQ(outcomes[i].result.error().message(), "cancelled");
        EXPECT_TRUE(is_cancelled(outcomes[i]));
    }
}

TEST(Scheduler, RunningJobsSeeTheCancelFlag) {
    std::atomic<bool> cancel{false};
    std::atomic<int> waiting{0};
    std::vector<ScheduledJob> jobs;
    for (int i = 0; i < 5; ++i)
        jobs.push_back({"j" + std::to_string(i), 1, 1, [&](const std::atomic<bool>& stop) {
                            ++waiting;
                            while (!stop.load()) std::this_thread::sleep_for(1ms);
                            return Result<void>(Error(ErrorCode::Internal, kCancelledMessage));
                        }});
    // Set from outside, as a signal handler would: nothing notifies the scheduler.
    std::thread canceller([&] {
        while (waiting.load() < 2) std::this_thread::sleep_for(1ms);
        cancel = true;
    });
    const auto outcomes = run_jobs(std::move(jobs), {2, 0}, cancel);
    canceller.join();
    EXPECT_EQ(waiting.load(), 2);
    for (const auto& outcome : outcomes) EXPECT_TRUE(is_cancelled(outcome)) << outcome.id;
}

TEST(Scheduler, NoJobsIsNoOutcomes) {
    EXPECT_TRUE(run({}, 4).empty());
}

TEST(Scheduler, PlanThreadsTable) {
    struct Row {
        int jobs, cores, concurrent, threads;
    };
    const Row table[] = {
        {1, 16, 1, 16},  {2, 16, 2, 8},   {3, 16, 3, 5},  {4, 16, 4, 4},
        {16, 16, 16, 1}, {40, 16, 16, 1}, {5, 8, 5, 1},   {1, 1, 1, 1},
        {0, 8, 1, 8},    {4, 0, 1, 1},    {-3, -2, 1, 1},
    };
    for (const auto& row : table) {
        const ThreadPlan plan = plan_threads(row.jobs, row.cores);
        EXPECT_EQ(plan.concurrent_jobs, row.concurrent) << row.jobs << " jobs, " << row.cores;
        EXPECT_EQ(plan.threads_per_job, row.threads) << row.jobs << " jobs, " << row.cores;
        EXPECT_LE(plan.concurrent_jobs * plan.threads_per_job, std::max(row.cores, 1));
    }
}

}  // namespace
}  // namespace media::batch
