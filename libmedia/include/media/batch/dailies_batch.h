// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "media/batch/manifest.h"
#include "media/batch/progress.h"
#include "media/core/result.h"
#include "media/transcode/transcode.h"

namespace media::batch {

/// A day's dailies: every clip through every preset, in parallel, resumable.
struct DailiesBatchOptions {
    std::vector<ClipEntry> clips;
    std::vector<transcode::TranscodePreset> presets;
    /// Shared by every job: output_dir, look, overwrite, verify, tolerate_decode_errors,
    /// sequence_rate, output_name. Input, clip, reel, preset, burn-ins and threads are per job.
    transcode::TranscodeRequest job;
    transcode::BurnInRequest burnin;
    int cores = 0;     ///< CPU threads to keep busy; 0: all
    int max_jobs = 0;  ///< most jobs at once; 0: from cores and the number of jobs
    ProgressStyle progress = ProgressStyle::Auto;
    bool dry_run = false;
    bool ale = true;                      ///< write <preset>.ale per preset
    bool checksums = true;                ///< xxh64 + MD5 lists of the outputs
    bool mhl = true;                      ///< a new ASC MHL generation of the output folder
    std::atomic<bool>* cancel = nullptr;  ///< set (e.g. on SIGINT) to stop starting jobs
};

/// One clip x preset job, as it ended.
struct BatchJobReport {
    std::string id;
    std::string input;
    std::string clip;
    std::string reel;
    std::string preset;
    std::string output;  ///< relative to the output folder
    std::string status;  ///< "done", "skipped" (done in an earlier run), "failed", "planned"
    std::string message;
    int64_t frames = 0;
    int64_t decode_errors = 0;
    double seconds = 0;
    std::string start_timecode;
    std::string fps;
};

/// What a batch did.
struct DailiesBatchReport {
    std::vector<BatchJobReport> jobs;
    int done = 0;
    int skipped = 0;
    int failed = 0;
    double seconds = 0;
    double cpu_seconds = 0;  ///< process CPU time over the batch (for utilisation)
    std::vector<std::string> ale_files;
    std::string summary_json;
    std::string summary_text;
    std::string mhl_manifest;
    std::string journal;
    bool ok() const { return failed == 0; }
};

/// Runs the batch. Jobs whose output the journal (<out>/.slate/journal.ndjson) records as done
/// with the same inputs and parameters, and whose output is still there with the recorded
/// digest, are skipped; so a batch killed at any moment finishes by running it again. Leftover
/// temporary files of a killed run are removed first. Two outputs that would share a name get
/// "_2", "_3"... suffixes. A failed job does not stop the others. Per-job logs go to
/// <out>/.slate/logs/. Errors only for what stops the whole batch (no clips, output folder not
/// writable, another batch running in the same folder).
Result<DailiesBatchReport> run_dailies_batch(const DailiesBatchOptions& options);

/// A readable table of the jobs (what summary.txt holds).
std::string format_batch_table(const DailiesBatchReport& report);

}  // namespace media::batch
