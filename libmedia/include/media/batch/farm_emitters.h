// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "media/batch/job_plan.h"
#include "media/core/result.h"

namespace media::batch {

/// Where the emitted job finds things on the farm's shared storage, and who submits it.
struct EmitOptions {
    std::string plan_path;        ///< the plan file as farm workers see it (absolute)
    std::string slate = "slate";  ///< the slate executable on the workers ("slate": from PATH)
    // OpenCue's spec header: the show must exist on the cuebot; shot and names of 3+ characters.
    std::string show = "slate";
    std::string shot = "default";
    std::string user = "slate";     ///< never "root" (cuebot refuses it)
    std::string service = "shell";  ///< OpenCue service whose defaults a layer starts from
};

/// Every emitter's job: each step becomes the engine's unit of work with one task per plan task,
/// each running `<slate> task --plan <plan_path> --step <step> --index <i>` (the task reads its
/// argv from the plan: inputs never travel in command strings), with the step's resources and
/// dependencies. Emitters expect a plan that passes validate_plan. Text that a format cannot
/// carry is replaced, never left to break the file: invalid UTF-8 becomes U+FFFD, and control
/// characters become '?' where no escape exists (XML 1.0 text, Deadline's key=value lines).

/// Open Job Description job template (specificationVersion jobtemplate-2023-09, YAML; reaches
/// AWS Deadline Cloud and OpenCue's OpenJD backend). Job parameters SlatePlan (PATH, so path
/// mapping applies; default plan_path) and SlateExecutable (STRING, default slate), so those
/// values never pass through format-string expansion. One step per plan step, in step_order:
/// `dependencies: [{dependsOn: <id>}]`, an INT task parameter "Index" over "0-(n-1)", onRun
/// `command: "{{Param.SlateExecutable}}"` with args as a list ending in "{{Task.Param.Index}}"
/// (timeout in seconds from time_limit_minutes), hostRequirements amounts amount.worker.vcpu
/// (min cores), amount.worker.memory (min MiB) and amount.worker.gpu (when gpus > 0). Every string
/// is a YAML double-quoted scalar. Not expressed (the spec has no field): retry and max_parallel,
/// which the queue's settings decide.
std::string emit_openjd(const JobPlan& plan, const EmitOptions& options);

/// OpenCue job spec XML (cjsl-1.13 DOCTYPE; elements in the DTD's order): one job named after
/// the plan; one <layer type="Render"> per step, in step_order, named after the step id ('-' as
/// '_', padded to 3 characters with "_step", made unique), with <cmd> a shell command line (each
/// word single-quoted) ending in OpenCue's integer frame token #IFRAME#, <range>0-(n-1)</range>,
/// <chunk>1</chunk>, <cores>N.0</cores> (a decimal: cuebot reads a plain integer as
/// hundredths of a core), <memory>NNNNm</memory>, <gpus> when > 0, <timeout> (minutes) when set,
/// and <services>; <depends> holds a LAYER_ON_LAYER dependency per depends_on entry. The job's
/// <maxretries> is the largest retry.max_attempts - 1 (cuebot caps it). Not expressed:
/// max_parallel (OpenCue limits are named and admin-defined).
std::string emit_opencue(const JobPlan& plan, const EmitOptions& options);

/// One Deadline 10 submission: the job-info and plugin-info file texts of one step.
struct DeadlineJob {
    std::string step;
    std::string job_info;            ///< "Plugin=CommandLine\nName=...\n..." (key=value lines)
    std::string plugin_info;         ///< "Executable=...\nArguments=...\n"
    std::vector<size_t> depends_on;  ///< indices of earlier jobs in the same list
};

/// One DeadlineJob per step, in step_order. Job info: Plugin=CommandLine, Name, Comment (the step
/// title), BatchName (the plan name, grouping the jobs in the Monitor), Frames=0-(n-1),
/// ChunkSize=1, ConcurrentTasks=1, MachineLimit (max_parallel; 0 means none),
/// OverrideTaskFailureDetection + FailureDetectionTaskErrors (retry.max_attempts),
/// TaskTimeoutMinutes when set, and the resources as ExtraInfoKeyValueN=SlateCores=...,
/// SlateMemoryMB, SlateGpus (Deadline has no per-task core/memory/GPU request in job info: map them
/// to pools, groups or limits on the farm). Plugin info: Executable, Arguments (each argument
/// quoted the way the CommandLine plugin splits them; the index is <STARTFRAME>), Shell=default,
/// ShellExecute=False, SingleFramesOnly=False.
///
/// Dependencies: a Deadline job depends on other jobs by ID (JobDependencies=<id>,<id>), and IDs
/// exist only once jobs are submitted, so the files carry none. Submit them in list order either
/// - with `deadlinecommand -SubmitMultipleJobs -dependent -job <job_info> <plugin_info> -job ...`:
///   each job then depends on the one before it, which honours every plan dependency (the list is
///   in dependency order) but serialises steps that could run side by side; or
/// - one at a time, reading the job ID deadlinecommand prints and adding
///   `JobDependencies=<ids of depends_on>` to each later job's info before submitting it (exact).
std::vector<DeadlineJob> emit_deadline(const JobPlan& plan, const EmitOptions& options);

}  // namespace media::batch
