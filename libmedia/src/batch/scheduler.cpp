// SPDX-License-Identifier: Apache-2.0
#include "media/batch/scheduler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <numeric>
#include <optional>
#include <system_error>
#include <thread>

namespace media::batch {
namespace {

using SteadyClock = std::chrono::steady_clock;

// `cancel` may be set from a signal handler, which cannot notify a condition variable.
constexpr auto kCancelPoll = std::chrono::milliseconds(10);

int resolve_budget(const SchedulerOptions& options) {
    if (options.thread_budget > 0) return options.thread_budget;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

double sort_key(double cost) {
    return std::isnan(cost) ? 0.0 : cost;  // NaN would break the sort's ordering
}

std::vector<size_t> largest_cost_first(const std::vector<ScheduledJob>& jobs) {
    std::vector<size_t> order(jobs.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return sort_key(jobs[a].cost) > sort_key(jobs[b].cost);
    });
    return order;
}

Result<void> run_guarded(const ScheduledJob& job, const std::atomic<bool>& cancel) {
    if (!job.run) return Error(ErrorCode::InvalidArgument, "job has nothing to run");
    try {
        return job.run(cancel);
    } catch (const std::exception& e) {
        return Error(ErrorCode::Internal, std::string("job threw an exception: ") + e.what());
    } catch (...) {
        return Error(ErrorCode::Internal, "job threw an unknown exception");
    }
}

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// The shared state of the pool: which job starts next, and what is running.
class Dispatcher {
public:
    Dispatcher(const std::vector<ScheduledJob>& jobs, const SchedulerOptions& options,
               std::atomic<bool>& cancel)
        : m_jobs(jobs),
          m_order(largest_cost_first(jobs)),
          m_budget(resolve_budget(options)),
          m_max_jobs(options.max_jobs > 0 ? options.max_jobs : std::numeric_limits<int>::max()),
          m_cancel(cancel) {
        m_outcomes.reserve(jobs.size());
        for (const auto& job : jobs) m_outcomes.push_back({job.id, ok(), 0.0});
    }

    // Every job needs at least one thread, so more workers than this would only wait.
    size_t worker_count() const {
        const auto limit = static_cast<size_t>(std::min(m_budget, m_max_jobs));
        return std::max<size_t>(1, std::min(m_jobs.size(), limit));
    }

    void work() {
        while (auto index = claim_next()) {
            const auto start = SteadyClock::now();
            Result<void> result = run_guarded(m_jobs[*index], m_cancel);
            release(*index, std::move(result), seconds_since(start));
        }
    }

    std::vector<JobOutcome> take_outcomes() { return std::move(m_outcomes); }

private:
    int threads_of(size_t index) const { return std::clamp(m_jobs[index].threads, 1, m_budget); }

    bool head_fits() const {
        return m_running_jobs < m_max_jobs &&
               m_running_threads + threads_of(m_order[m_next]) <= m_budget;
    }

    // Blocks until the next job (in cost order) fits; nullopt when none is left to start.
    std::optional<size_t> claim_next() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            if (m_next >= m_order.size()) return std::nullopt;
            if (m_cancel.load()) {
                cancel_pending();
                return std::nullopt;
            }
            if (head_fits()) break;
            m_changed.wait_for(lock, kCancelPoll);
        }
        const size_t index = m_order[m_next++];
        m_running_threads += threads_of(index);
        ++m_running_jobs;
        return index;
    }

    void cancel_pending() {
        for (; m_next < m_order.size(); ++m_next)
            m_outcomes[m_order[m_next]].result = Error(ErrorCode::Internal, kCancelledMessage);
        m_changed.notify_all();
    }

    void release(size_t index, Result<void> result, double seconds) {
        {
            std::lock_guard lock(m_mutex);
            m_outcomes[index].result = std::move(result);
            m_outcomes[index].seconds = seconds;
            m_running_threads -= threads_of(index);
            --m_running_jobs;
        }
        m_changed.notify_all();
    }

    const std::vector<ScheduledJob>& m_jobs;
    std::vector<JobOutcome> m_outcomes;
    std::vector<size_t> m_order;
    size_t m_next = 0;
    int m_budget;
    int m_max_jobs;
    int m_running_threads = 0;
    int m_running_jobs = 0;
    std::atomic<bool>& m_cancel;
    std::mutex m_mutex;
    std::condition_variable m_changed;
};

}  // namespace

std::vector<JobOutcome> run_jobs(std::vector<ScheduledJob> jobs, const SchedulerOptions& options,
                                 std::atomic<bool>& cancel) {
    Dispatcher dispatcher(jobs, options, cancel);
    std::vector<std::thread> helpers;
    for (size_t i = 1; i < dispatcher.worker_count(); ++i) {
        try {
            helpers.emplace_back([&dispatcher] { dispatcher.work(); });
        } catch (const std::system_error&) {
            break;  // fewer threads than hoped: the ones we have still run every job
        }
    }
    dispatcher.work();
    for (auto& helper : helpers) helper.join();
    return dispatcher.take_outcomes();
}

bool is_cancelled(const JobOutcome& outcome) {
    return !outcome.result.ok() && outcome.result.error().message() == kCancelledMessage;
}

ThreadPlan plan_threads(int jobs, int cores) {
    jobs = std::max(jobs, 1);
    cores = std::max(cores, 1);
    const int concurrent = std::min(jobs, cores);
    return {concurrent, std::max(1, cores / concurrent)};
}

}  // namespace media::batch
