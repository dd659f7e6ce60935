// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace media::batch {

enum class ProgressStyle {
    Auto,   ///< Tty when the stream is a terminal, else Plain
    Tty,    ///< live multi-line display redrawn in place (per job and overall, fps, ETA)
    Plain,  ///< a line per job start/finish and an overall line every few seconds
    Json,   ///< NDJSON events: {"event":"job_start"|"job_progress"|"job_done"|"job_failed"|
            ///< "job_skipped"|"batch_done", "job":..., "frames":..., "total":..., "fps":...}
    None,
};

/// Seconds on a monotonic clock (only differences are used).
using ProgressClock = std::function<double()>;

/// Thread-safe progress reporting for a batch, written to one stream (stderr by default).
/// Tty redraws at most 10 times a second; Plain prints an overall line at most every 5 s;
/// Json emits "job_progress" at most once a second per job. Every Json event carries "event"
/// and "time" (UTC, ISO 8601). fps is frames over the job's elapsed time; a job's ETA is its
/// remaining frames at that rate; the batch ETA extrapolates the elapsed time over the
/// fraction of non-skipped jobs finished (running jobs counted by their frame fraction).
class ProgressReporter {
public:
    explicit ProgressReporter(ProgressStyle style, int total_jobs, std::FILE* stream = stderr);
    /// As above with an injected clock (tests).
    ProgressReporter(ProgressStyle style, int total_jobs, std::FILE* stream, ProgressClock clock);
    ~ProgressReporter();
    ProgressReporter(const ProgressReporter&) = delete;
    ProgressReporter& operator=(const ProgressReporter&) = delete;

    void job_started(const std::string& job, std::optional<int64_t> total_frames);
    /// Frames done so far; cheap to call per frame (output is rate-limited).
    void job_progress(const std::string& job, int64_t frames);
    void job_finished(const std::string& job, bool ok, const std::string& message = {});
    void job_skipped(const std::string& job, const std::string& reason);
    /// Final line / event.
    void batch_finished(int done, int failed, int skipped, double seconds);

    /// The style in use (Auto resolved to Tty or Plain; a null stream gives None).
    ProgressStyle style() const;

    class Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

/// "auto", "tty", "plain", "json", "none".
std::optional<ProgressStyle> progress_style_from_name(const std::string& name);

}  // namespace media::batch
