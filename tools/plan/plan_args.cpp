// SPDX-License-Identifier: Apache-2.0
#include "plan/plan_args.h"

#include <filesystem>
#include <optional>
#include <system_error>

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kFooter =
    R"(A job plan is a JSON file (schema slate.job-plan) of steps, each a list of
`slate` command lines (argument arrays) with the resources they need and the
steps they wait for. `slate run PLAN --on local|slurm` executes it; `slate plan
emit` turns it into an Open Job Description template (AWS Deadline Cloud,
OpenCue's OpenJD backend), an OpenCue job XML or Deadline 10 job files.

  slate plan batch CLIPS... --preset P -d OUT -o plan.json
      every clip x preset through `slate transcode`, then an ASC MHL of OUT
  slate plan encode SOURCE --preset P --chunks N -d OUT -o plan.json
      chunks cut on closed-GOP key frames, encoded in parallel, audio encoded
      once, joined without re-encoding and verified (`slate join`)
  slate plan qc MASTERS... --profile P --shards N -d OUT -o plan.json
      frame-range shards QC'd in parallel, merged into the report one process
      would write (events across shard boundaries, loudness over the programme)
  slate plan compare REF DIST -m psnr,vmaf --shards N -d OUT -o plan.json
      a long comparison in shards (one frame of overlap each side), merged into
      exactly the per-frame scores and pooled statistics of one run
  slate plan emit plan.json --format openjd|opencue|deadline -o FILE|DIR

Exit codes: 0 plan written, 2 an input or preset could not be read, 3 usage error)";

ParseExit usage(const std::string& message) {
    return ParseExit{kExitUsage, "slate plan: " + message + "\n"};
}

/// Tasks run in the plan's work folder, maybe on another machine: a file named relative to
/// here must travel as an absolute path. Names that are not files here (built-in presets,
/// looks, profiles) stay as they are.
std::string absolute_if_file(const std::string& name) {
    std::error_code ec;
    if (name.empty() || !std::filesystem::exists(name, ec)) return name;
    return std::filesystem::absolute(name, ec).lexically_normal().string();
}

/// Options every plan kind shares.
void add_common(CLI::App& app, PlanSettings& s) {
    app.add_option("-o,--plan-out", s.plan_out, "Write the plan here (default: stdout)");
    app.add_option("-d,--output-dir", s.output_dir, "Folder the plan's outputs go to")->required();
    app.add_option("--name", s.name, "Plan name (farm job names); default from kind and input");
    app.add_option("--work-dir", s.work_dir,
                   "Status, logs and intermediates (default OUT/.slate/farm/NAME)");
    app.add_option("--cores-per-task", s.cores_per_task, "CPU cores each task asks for")
        ->check(CLI::Range(1, 1024));
    app.add_option("--memory-mb", s.memory_mb, "Memory each task asks for (MiB)")
        ->check(CLI::Range(64, 1 << 24));
    app.add_option("--max-parallel", s.max_parallel, "Most tasks of a step at once (0: any)")
        ->check(CLI::Range(0, 100000));
    app.add_option("--retries", s.retries, "Tries again after a failed task")
        ->check(CLI::Range(0, 9));
    app.add_flag("-q,--quiet", s.quiet, "Print nothing but errors");
}

/// Look and burn-in options, passed through to each `slate transcode` task unchanged.
struct TranscodePassthrough {
    std::string cdl, cdl_id, look, lut, from, to, watermark;
    std::vector<std::string> burnin_text;
    bool no_burnin = false;
    bool tolerate_decode_errors = false;

    void add(CLI::App& app) {
        app.add_option("--cdl", cdl, "ASC CDL / CMX3600 EDL, passed to each transcode");
        app.add_option("--cdl-id", cdl_id, "Correction id inside a .ccc/.cdl");
        app.add_option("--look", look, "Look name or file, passed to each transcode");
        app.add_option("--lut", lut, "LUT file, passed to each transcode");
        app.add_option("--from", from, "Source colour space");
        app.add_option("--to", to, "Target colour space");
        app.add_option("--burnin-text", burnin_text, "Free-text burn-in (repeatable)")
            ->allow_extra_args(false);
        app.add_option("--watermark", watermark, "Centred watermark text");
        app.add_flag("--no-burnin", no_burnin, "Drop the preset's burn-ins");
        app.add_flag("--tolerate-decode-errors", tolerate_decode_errors,
                     "Finish despite decode errors");
    }
    std::vector<std::string> args() const {
        std::vector<std::string> out;
        auto pair = [&](const char* flag, const std::string& value) {
            if (!value.empty()) out.insert(out.end(), {flag, value});
        };
        pair("--cdl", absolute_if_file(cdl));
        pair("--cdl-id", cdl_id);
        pair("--look", absolute_if_file(look));
        pair("--lut", absolute_if_file(lut));
        pair("--from", from);
        pair("--to", to);
        for (const std::string& text : burnin_text) pair("--burnin-text", text);
        pair("--watermark", watermark);
        if (no_burnin) out.push_back("--no-burnin");
        if (tolerate_decode_errors) out.push_back("--tolerate-decode-errors");
        return out;
    }
};

std::optional<ParseExit> check(const PlanSettings& s) {
    switch (s.kind) {
        case PlanSettings::Kind::Batch:
            if (s.inputs.empty()) return usage("plan batch: no clips given");
            if (s.presets.empty()) return usage("plan batch: --preset is required");
            break;
        case PlanSettings::Kind::Encode:
            if (s.inputs.size() != 1) return usage("plan encode: give exactly one source");
            if (s.presets.size() != 1) return usage("plan encode: give exactly one --preset");
            if (s.chunks > 0 && s.chunk_seconds > 0)
                return usage("plan encode: --chunks and --chunk-seconds exclude each other");
            break;
        case PlanSettings::Kind::Qc:
            if (s.inputs.empty()) return usage("plan qc: no files given");
            if (s.profile.empty()) return usage("plan qc: --profile is required");
            if (s.shards > 0 && s.shard_seconds > 0)
                return usage("plan qc: --shards and --shard-seconds exclude each other");
            break;
        case PlanSettings::Kind::Compare:
            if (s.inputs.size() != 2)
                return usage("plan compare: give a reference and a distorted file");
            if (s.shards > 0 && s.shard_seconds > 0)
                return usage("plan compare: --shards and --shard-seconds exclude each other");
            break;
        case PlanSettings::Kind::Emit:
            if (s.inputs.size() != 1) return usage("plan emit: give exactly one plan file");
            if (s.format.empty()) return usage("plan emit: --format is required");
            if (s.format == "deadline" && (s.plan_out.empty() || s.plan_out == "-"))
                return usage("plan emit --format deadline: -o names the folder for the job files");
            break;
    }
    return std::nullopt;
}

}  // namespace

ParseResult<PlanSettings> parse_plan_args(const std::vector<std::string>& args) {
    PlanSettings s;
    TranscodePassthrough passthrough;
    CLI::App app("Write a job plan for a farm or this machine (run it with `slate run`).",
                 "slate plan");
    app.require_subcommand(1);
    app.footer(kFooter);

    CLI::App* batch = app.add_subcommand("batch", "Every clip x preset, then checksums");
    batch->add_option("inputs", s.inputs, "Clips, folders, globs, CSV/ALE manifests");
    batch->add_option("-p,--preset", s.presets, "Preset name or file (repeatable)")
        ->allow_extra_args(false);
    add_common(*batch, s);
    passthrough.add(*batch);

    CLI::App* encode = app.add_subcommand("encode", "One long source encoded in chunks");
    encode->add_option("inputs", s.inputs, "The source (file or image sequence)");
    encode->add_option("-p,--preset", s.presets, "Preset name or file")->allow_extra_args(false);
    encode->add_option("--chunks", s.chunks, "Number of chunks")->check(CLI::Range(1, 10000));
    encode->add_option("--chunk-seconds", s.chunk_seconds, "Chunk length (default 60 s)")
        ->check(CLI::PositiveNumber);
    encode->add_flag("--decode-all", s.decode_all,
                     "The join decodes every frame to verify (default: every packet, and a "
                     "decode at each join)");
    add_common(*encode, s);
    passthrough.add(*encode);

    CLI::App* qc = app.add_subcommand("qc", "Long masters QC'd in frame-range shards");
    qc->add_option("inputs", s.inputs, "Media files");
    qc->add_option("--profile", s.profile, "QC profile: built-in name or .yaml file");
    qc->add_option("--shards", s.shards, "Shards per file")->check(CLI::Range(1, 10000));
    qc->add_option("--shard-seconds", s.shard_seconds, "Shard length (default 300 s)")
        ->check(CLI::PositiveNumber);
    qc->add_option("--report", s.reports, "Reports per file: json, junit, html (repeatable)")
        ->check(CLI::IsMember({"json", "junit", "html"}))
        ->allow_extra_args(false);
    add_common(*qc, s);

    CLI::App* compare = app.add_subcommand("compare", "A long comparison in frame-range shards");
    compare->add_option("inputs", s.inputs, "Reference and distorted files");
    std::string metrics, fail_under, ref_offset, dist_offset, frames, ssim_scale;
    std::vector<std::string> models;
    bool allow_mismatch = false, no_scale = false;
    compare->add_option("-m,--metrics", metrics, "Comma-separated: psnr,ssim,ms_ssim,vmaf");
    compare->add_option("--vmaf-model", models, "VMAF model name or .json file (repeatable)")
        ->allow_extra_args(false);
    compare->add_option("--ref-offset", ref_offset, "Skip this many reference frames");
    compare->add_option("--dist-offset", dist_offset, "Skip this many distorted frames");
    compare->add_option("--frames", frames, "Compare at most this many frames");
    compare->add_option("--ssim-scale", ssim_scale, "float_ssim downscale");
    compare->add_flag("--allow-length-mismatch", allow_mismatch, "Compare the common part");
    compare->add_flag("--no-scale", no_scale, "A size difference is an error");
    compare->add_option("--fail-under", fail_under, "The merge exits 1 below this mean");
    compare->add_option("--shards", s.shards, "Shards")->check(CLI::Range(1, 10000));
    compare->add_option("--shard-seconds", s.shard_seconds, "Shard length (default 300 s)")
        ->check(CLI::PositiveNumber);
    compare->add_option("--report", s.reports, "Reports: json, csv, xml (repeatable)")
        ->check(CLI::IsMember({"json", "csv", "xml"}))
        ->allow_extra_args(false);
    add_common(*compare, s);

    CLI::App* emit = app.add_subcommand("emit", "A plan as another farm engine's job files");
    emit->add_option("inputs", s.inputs, "The plan file");
    emit->add_option("--format", s.format, "openjd, opencue or deadline")
        ->check(CLI::IsMember({"openjd", "opencue", "deadline"}));
    emit->add_option("-o", s.plan_out, "Output file (deadline: folder); default stdout");
    emit->add_option("--plan-path", s.plan_path,
                     "The plan's path as workers see it (default: its absolute path here)");
    emit->add_option("--slate", s.slate, "The slate executable on workers (default: slate)");
    emit->add_flag("-q,--quiet", s.quiet, "Print nothing but errors");

    if (ParseExit exit = parse_with(app, args); exit.code != -1) return exit;
    if (batch->parsed()) s.kind = PlanSettings::Kind::Batch;
    if (encode->parsed()) s.kind = PlanSettings::Kind::Encode;
    if (qc->parsed()) s.kind = PlanSettings::Kind::Qc;
    if (emit->parsed()) s.kind = PlanSettings::Kind::Emit;
    if (compare->parsed()) {
        s.kind = PlanSettings::Kind::Compare;
        auto pass = [&](const char* flag, const std::string& value) {
            if (!value.empty()) s.compare_args.insert(s.compare_args.end(), {flag, value});
        };
        pass("-m", metrics);
        for (const std::string& model : models) pass("--vmaf-model", absolute_if_file(model));
        pass("--ref-offset", ref_offset);
        pass("--dist-offset", dist_offset);
        pass("--frames", frames);
        pass("--ssim-scale", ssim_scale);
        if (allow_mismatch) s.compare_args.push_back("--allow-length-mismatch");
        if (no_scale) s.compare_args.push_back("--no-scale");
        if (!fail_under.empty()) s.merge_args = {"--fail-under", fail_under};
    }
    s.transcode_args = passthrough.args();
    for (std::string& preset : s.presets) preset = absolute_if_file(preset);
    s.profile = absolute_if_file(s.profile);
    if (auto problem = check(s)) return *problem;
    return s;
}

}  // namespace slate
