// SPDX-License-Identifier: Apache-2.0
// The command table: one row per tools/<command>/ folder.
#include <array>

#include "batch/batch_command.h"
#include "common/cli.h"
#include "compare/compare_command.h"
#include "grade/grade_command.h"
#include "join/join_command.h"
#include "mhl/mhl_command.h"
#include "plan/plan_command.h"
#include "probe/probe_command.h"
#include "qc/qc_command.h"
#include "run/run_command.h"
#include "run/task_command.h"
#include "samples/samples_command.h"
#include "transcode/transcode_command.h"
#include "validate/validate_command.h"

namespace slate {

std::span<const Command> commands() {
    static constexpr std::array table{
        Command{"probe", "Describe media files and image sequences (like ffprobe)", run_probe},
        Command{"samples", "Generate the sample dailies (and a defects set) into a folder",
                run_samples},
        Command{"transcode", "Transcode clips with a preset: scale, look, burn-ins, timecode",
                run_transcode},
        Command{"batch", "Transcode a day's dailies in parallel: resumable, ALE, checksums, MHL",
                run_batch},
        Command{"grade",
                "Graded stills, contact sheets, before/after, scopes and previews; bake LUTs",
                run_grade},
        Command{"qc",
                "QC media files in one decode pass: verdicts, JSON/JUnit/HTML reports, evidence",
                run_qc},
        Command{"validate",
                "Validate files against a delivery spec: a verdict per rule, JSON/JUnit/HTML",
                run_validate},
        Command{"compare",
                "Compare with a reference: PSNR, SSIM, MS-SSIM, VMAF (libvmaf's numbers)",
                run_compare},
        Command{"mhl", "Create or verify ASC MHL checksum generations for a folder", run_mhl},
        Command{"join", "Join encoded chunks into one programme without re-encoding; verify it",
                run_join},
        Command{"plan",
                "Write a job plan (batch, chunked encode, sharded QC) for a farm or this machine",
                run_plan},
        Command{"run", "Run a job plan here or on Slurm; --resume re-runs only what failed",
                run_run},
        Command{"task", "Run one task of a job plan (what farm workers execute)", run_task},
    };
    return table;
}

}  // namespace slate
