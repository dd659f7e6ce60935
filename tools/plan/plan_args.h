// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/cli.h"

namespace slate {

/// What `slate plan` was asked to write.
struct PlanSettings {
    enum class Kind { Batch, Encode, Qc, Compare, Emit };
    Kind kind = Kind::Batch;
    std::vector<std::string> inputs;  ///< clips / folders / manifests, the source, masters
    std::string plan_out;             ///< -o: the plan file ("" or "-": stdout)
    std::string output_dir;           ///< --output-dir: where the plan's outputs go
    std::string name;
    std::string work_dir;
    int cores_per_task = 2;
    int memory_mb = 2048;
    int max_parallel = 0;
    int retries = 0;
    // batch / encode
    std::vector<std::string> presets;
    std::vector<std::string> transcode_args;  ///< look and burn-in options passed to each task
    int chunks = 0;
    double chunk_seconds = 0;
    bool decode_all = false;  ///< the join verifies by decoding every frame
    // qc
    std::string profile;
    int shards = 0;
    double shard_seconds = 0;
    std::vector<std::string> reports;  ///< qc: json, junit, html; compare: json, csv, xml
    // compare (inputs: reference, distorted)
    std::vector<std::string> compare_args;  ///< metric options passed to every compare task
    std::vector<std::string> merge_args;    ///< --fail-under, for the merge only
    // emit
    std::string format;     ///< openjd, opencue, deadline
    std::string plan_path;  ///< the plan as farm workers see it
    std::string slate = "slate";
    bool quiet = false;
};

/// Parses `plan batch|encode|qc|emit ...`; args[0] is "plan". Preset, profile, LUT, CDL and look
/// files that exist here become absolute paths (tasks run elsewhere); nothing else is checked.
ParseResult<PlanSettings> parse_plan_args(const std::vector<std::string>& args);

}  // namespace slate
