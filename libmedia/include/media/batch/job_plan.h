// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/core/frame_range.h"
#include "media/core/result.h"

namespace media::batch {

/// Schema name and version of a job plan document (JSON).
inline constexpr const char* kJobPlanSchema = "slate.job-plan";
inline constexpr int kJobPlanVersion = 1;

/// What one task of a step needs from the machine that runs it.
struct TaskResources {
    int cores = 1;               ///< CPU cores (Slurm --cpus-per-task)
    int64_t memory_mb = 2048;    ///< resident memory (Slurm --mem)
    int gpus = 0;                ///< GPUs (Slurm --gres=gpu:N)
    int time_limit_minutes = 0;  ///< 0: no limit
    friend bool operator==(const TaskResources&, const TaskResources&) = default;
};

/// How often a failed task is tried again before its step fails.
struct RetryPolicy {
    int max_attempts = 1;  ///< tries in all (1: no retry)
    friend bool operator==(const RetryPolicy&, const RetryPolicy&) = default;
};

/// One task: a `slate` command line as an argument array (never a shell string). argv[0] is
/// "slate" (the runner substitutes the executable it runs as).
struct PlanTask {
    std::string id;                    ///< unique within its step ("A001C002.proxy", "chunk_0003")
    std::vector<std::string> argv;     ///< {"slate", "transcode", ...}
    std::vector<std::string> inputs;   ///< files the task reads (absolute)
    std::vector<std::string> outputs;  ///< files it writes under their final names (absolute)
    std::optional<FrameRange> frames;  ///< the chunk or shard it covers
    friend bool operator==(const PlanTask&, const PlanTask&) = default;
};

/// One step: tasks that may run in parallel once every step it depends on has succeeded.
/// On Slurm a step is one job array (task index = array index).
struct PlanStep {
    std::string id;                       ///< [a-z0-9_-]+, unique in the plan
    std::string title;                    ///< one line for people
    std::vector<std::string> depends_on;  ///< ids of earlier steps
    TaskResources resources;
    RetryPolicy retry;
    int max_parallel = 0;  ///< most tasks at once (Slurm's %N); 0: no limit
    /// Exit codes besides 0 that mean the task did its job: `slate qc` exits 1 when the media
    /// failed a check, and for a QC step the written report is the result. `slate task` maps
    /// them to 0 (so farm engines see success) and records the real code in the status file.
    std::vector<int> success_exit_codes;
    std::vector<PlanTask> tasks;
    friend bool operator==(const PlanStep&, const PlanStep&) = default;
};

/// A job plan: what `slate plan` writes and `slate run` executes, locally or on a farm.
struct JobPlan {
    int version = kJobPlanVersion;
    std::string name;      ///< [A-Za-z0-9._-]+, used in farm job names
    std::string kind;      ///< "batch", "encode", "qc" (free text for hand-written plans)
    std::string work_dir;  ///< absolute: status, logs, manifests and the journal live here
    std::string created;   ///< ISO 8601 UTC, informational (not part of equality-relevant output)
    std::map<std::string, std::string> metadata;  ///< what produced the plan (source, preset...)
    std::vector<PlanStep> steps;
    friend bool operator==(const JobPlan&, const JobPlan&) = default;
};

/// Checks a plan's structure; the first problem found is an InvalidArgument whose message starts
/// with the field path:
/// - version 1; name [A-Za-z0-9._-]+; work_dir absolute; at least one step;
/// - step ids [a-z0-9_-]+ and unique ("steps[2].id: duplicate step id 'qc' (also steps[0])");
/// - each step has tasks; task ids non-empty, unique in their step, no '/' or control characters;
/// - argv non-empty, argv[0] == "slate", no NUL in any argument; inputs/outputs absolute;
///   frames (when present) first >= 0, count >= 1;
/// - resources: cores >= 1, memory_mb >= 1, gpus >= 0, time_limit_minutes >= 0;
///   retry.max_attempts in 1..10; max_parallel >= 0;
/// - depends_on names existing other steps, once each ("steps[1].depends_on[0]: unknown step
///   'encode'"), without a cycle ("steps: dependency cycle a -> b -> a", "a -> b": a depends on b);
/// - no output path (lexically normalised) written by two tasks.
/// With `check_inputs`, every task input must exist on disk ("steps[0].tasks[3].inputs[0]: missing
/// input '/x/a.mov'") unless it is an output of a step the task's step depends on (directly or
/// transitively); an image-sequence pattern (shot.%06d.dpx, shot.####.dpx) exists when its folder
/// holds at least one matching frame.
Result<void> validate_plan(const JobPlan& plan, bool check_inputs = true);

/// Steps in an order where each comes after the steps it depends on (stable: the earliest ready
/// step in plan order goes next). Indices into plan.steps, each once. Meant for valid plans:
/// unknown dependencies are ignored, and steps caught in a cycle follow in plan order.
std::vector<size_t> step_order(const JobPlan& plan);

/// The plan as JSON text (schema kJobPlanSchema; 2-space indent, keys in a fixed order, so the
/// same plan always gives the same bytes).
std::string plan_to_json(const JobPlan& plan);
/// Parses plan JSON; errors name `source` and the field ("plan.json: steps[0].tasks[1].argv:
/// expected an array of strings"). Strict: unknown keys, duplicate keys and wrong types are errors;
/// schema and version are checked first ("plan.json: version: unsupported plan version 2 (this
/// slate reads 1)"). Missing optional keys take the defaults above; required are schema, version,
/// name, work_dir, steps, each step's id and tasks, each task's id and argv. Does not call
/// validate_plan.
Result<JobPlan> parse_plan(std::string_view json, const std::string& source);
/// Reads and parses a plan file, then validates it (without checking inputs); every error message
/// starts with the path.
Result<JobPlan> load_plan(const std::string& path);
/// Writes the plan to a temporary name beside `path`, fsyncs it and renames it onto `path` (a
/// reader never sees half a plan; a failed write leaves the earlier file in place).
Result<void> save_plan(const JobPlan& plan, const std::string& path);

/// Finds a step by id (nullptr when absent).
const PlanStep* find_step(const JobPlan& plan, std::string_view id);

/// True when a plan's input or output is on disk: a file or folder, or an image-sequence
/// pattern ("shot.%06d.dpx") whose folder holds at least one of its frames.
bool plan_path_exists(const std::string& path);

}  // namespace media::batch
