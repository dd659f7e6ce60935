// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "media/batch/job_plan.h"
#include "media/batch/manifest.h"
#include "media/core/result.h"

namespace media::batch {

/// Shared by every plan builder.
struct PlanCommon {
    std::string name;        ///< plan name; empty: from the kind and first input
    std::string output_dir;  ///< absolute; outputs go here, work_dir defaults to <out>/.slate/farm
    std::string work_dir;    ///< empty: <output_dir>/.slate/farm/<name>
    int cores_per_task = 2;
    int64_t memory_mb = 2048;
    int max_parallel = 0;
    int max_attempts = 1;
};

/// Every clip x preset through `slate transcode` (one task each), like `slate batch`.
struct BatchPlanRequest {
    PlanCommon common;
    std::vector<ClipEntry> clips;
    std::vector<std::string> presets;
    /// Extra `slate transcode` options passed to every task (--lut X, --no-burnin, ...).
    std::vector<std::string> transcode_args;
};
Result<JobPlan> make_batch_plan(const BatchPlanRequest& request);

/// One long source encoded in chunks: step "chunks" (`slate transcode --frames A:B
/// --no-audio`), step "audio" (`slate transcode --audio-only`, when the preset keeps audio and
/// the source has some), step "join" (`slate join`, after both).
struct EncodePlanRequest {
    PlanCommon common;
    std::string input;
    std::string preset;
    int chunks = 0;              ///< 0: from chunk_seconds
    double chunk_seconds = 0.0;  ///< used when chunks == 0 (default 60 s)
    bool decode_all = false;  ///< the join decodes every frame to verify (slate join --decode-all)
    std::vector<std::string> transcode_args;
};
Result<JobPlan> make_encode_plan(const EncodePlanRequest& request);

/// Long masters QC'd in frame-range shards: step "shards" (`slate qc --shard A:B
/// --shard-out F`), step "merge" (`slate qc --merge-shards ...` writing the reports).
struct QcPlanRequest {
    PlanCommon common;
    std::vector<std::string> inputs;
    std::string profile;                      ///< QC profile name or file
    int shards = 0;                           ///< per input; 0: from shard_seconds
    double shard_seconds = 0.0;               ///< used when shards == 0 (default 300 s)
    std::vector<std::string> report_formats;  ///< of "json", "junit", "html" (default json)
};
Result<JobPlan> make_qc_plan(const QcPlanRequest& request);

/// A long comparison in frame-range shards: step "shards" (`slate compare REF DIST --shard
/// A:B --shard-out F`), step "merge" (`slate compare REF DIST --merge-shards ...` writing the
/// reports; exit 1, a --fail-under miss, is a finished merge).
struct ComparePlanRequest {
    PlanCommon common;
    std::string reference;
    std::string distorted;
    /// `slate compare` options given to every task (-m, --vmaf-model, offsets, --frames...).
    std::vector<std::string> compare_args;
    std::vector<std::string> merge_args;      ///< only for the merge (--fail-under)
    int shards = 0;                           ///< 0: from shard_seconds
    double shard_seconds = 0.0;               ///< used when shards == 0 (default 300 s)
    std::vector<std::string> report_formats;  ///< of "json", "csv", "xml" (default json)
};
Result<JobPlan> make_compare_plan(const ComparePlanRequest& request);

}  // namespace media::batch
