// SPDX-License-Identifier: Apache-2.0
// The plans `slate plan` writes: each is a list of `slate` command lines, so what runs on a farm
// is exactly what a person would run by hand, and every engine (local, Slurm, the emitted
// OpenJD/OpenCue/Deadline jobs) runs the same commands.
#include "media/batch/plan_builders.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "clip_name.h"
#include "media/io/probe.h"
#include "media/transcode/chunked.h"
#include "media/transcode/preset.h"
#include "media/transcode/transcode.h"
#include "utc_time.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

/// Keeps [A-Za-z0-9._-]; anything else becomes '_' (plan and task ids, farm job names).
std::string safe_id(std::string_view text) {
    std::string id;
    for (char c : text) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        id += keep ? c : '_';
    }
    return id.empty() ? std::string("plan") : id;
}

Result<fs::path> absolute_dir(const std::string& dir, std::string_view what) {
    if (dir.empty())
        return Error(ErrorCode::InvalidArgument, fmt::format("plan: no {} given", what));
    std::error_code ec;
    fs::path path = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    if (ec) return Error(ErrorCode::IoError, fmt::format("{}: {}", dir, ec.message()));
    return path;
}

/// The skeleton every builder fills: name, folders, metadata.
Result<JobPlan> start_plan(const PlanCommon& common, std::string_view kind,
                           std::string_view first_input) {
    auto out = absolute_dir(common.output_dir, "output folder (-o)");
    if (!out) return out.error();
    if (common.cores_per_task < 1 || common.memory_mb < 1 || common.max_attempts < 1)
        return Error(ErrorCode::InvalidArgument,
                     "plan: cores, memory and attempts per task must be at least 1");
    JobPlan plan;
    plan.kind = std::string(kind);
    plan.name = !common.name.empty()
                    ? safe_id(common.name)
                    : safe_id(fmt::format("{}-{}", kind, clip_name_for(std::string(first_input))));
    if (!common.work_dir.empty()) {
        auto work = absolute_dir(common.work_dir, "work folder");
        if (!work) return work.error();
        plan.work_dir = work->string();
    } else {
        plan.work_dir = (*out / ".slate" / "farm" / plan.name).string();
    }
    plan.created = utc_timestamp_now();
    plan.metadata["output_dir"] = out->string();
    return plan;
}

PlanStep make_step(std::string id, std::string title, const PlanCommon& common, int cores) {
    PlanStep step;
    step.id = std::move(id);
    step.title = std::move(title);
    step.resources.cores = cores;
    step.resources.memory_mb = common.memory_mb;
    step.retry.max_attempts = common.max_attempts;
    step.max_parallel = common.max_parallel;
    return step;
}

std::string absolute_input(const std::string& input) {
    std::error_code ec;
    fs::path path = fs::absolute(input, ec);
    return ec ? input : path.lexically_normal().string();
}

void append(std::vector<std::string>& argv, const std::vector<std::string>& more) {
    argv.insert(argv.end(), more.begin(), more.end());
}

/// "name" -> "name_2", "name_3"... until unused.
std::string unique_name(const std::string& name, std::set<std::string>& used) {
    std::string candidate = name;
    for (int n = 2; !used.insert(candidate).second; ++n) candidate = fmt::format("{}_{}", name, n);
    return candidate;
}

/// Frame ranges splitting a file's video into `shards` pieces (or pieces of about
/// `shard_seconds`, default 300 s); the last is open ended, so it runs to the file's real end
/// whatever the header said. No video, or too short to split: one range over everything.
Result<std::vector<FrameRange>> shard_ranges(const std::string& input, int shards,
                                             double shard_seconds) {
    auto info = probe(input);
    if (!info) return info.error();
    const StreamInfo* video = info->first_video();
    int64_t frames = 0;
    double fps = 0.0;
    if (video) {
        const Rational rate = video->video ? video->video->avg_frame_rate : Rational();
        fps = rate.num() > 0 && rate.den() > 0 ? rate.to_double() : 0.0;
        if (video->frame_count)
            frames = *video->frame_count;
        else if (info->sequence)
            frames = info->sequence->frame_count;
        else if (info->duration_seconds && fps > 0)
            frames = static_cast<int64_t>(std::llround(*info->duration_seconds * fps));
    }
    int64_t count = shards;
    if (count <= 0) {
        const double seconds = shard_seconds > 0 ? shard_seconds : 300.0;
        const double duration = fps > 0 ? static_cast<double>(frames) / fps : 0.0;
        count = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(duration / seconds)));
    }
    count = std::clamp<int64_t>(count, 1, std::max<int64_t>(frames, 1));
    std::vector<FrameRange> ranges;
    for (int64_t k = 0; k < count; ++k) {
        const int64_t first = frames * k / count;
        ranges.push_back(k + 1 == count
                             ? FrameRange{first, std::numeric_limits<int64_t>::max() - first}
                             : FrameRange{first, frames * (k + 1) / count - first});
    }
    return ranges;
}

}  // namespace

Result<JobPlan> make_batch_plan(const BatchPlanRequest& request) {
    if (request.clips.empty()) return Error(ErrorCode::InvalidArgument, "plan batch: no clips");
    if (request.presets.empty())
        return Error(ErrorCode::InvalidArgument, "plan batch: no preset (--preset)");
    auto plan = start_plan(request.common, "batch", request.clips.front().path);
    if (!plan) return plan.error();
    const std::string out = plan->metadata["output_dir"];
    plan->metadata["presets"] = fmt::format("{}", fmt::join(request.presets, ","));

    PlanStep transcode = make_step("transcode",
                                   fmt::format("Transcode {} clip(s) x {} preset(s)",
                                               request.clips.size(), request.presets.size()),
                                   request.common, request.common.cores_per_task);
    std::set<std::string> used_outputs;
    std::set<std::string> used_ids;
    // Each preset is read once, not once per clip.
    std::vector<transcode::TranscodePreset> presets;
    for (const std::string& name : request.presets) {
        auto preset = transcode::find_preset(name);
        if (!preset) return preset.error();
        presets.push_back(std::move(*preset));
    }
    for (const ClipEntry& clip : request.clips) {
        for (size_t p = 0; p < presets.size(); ++p) {
            const transcode::TranscodePreset& preset = presets[p];
            const std::string& preset_name = request.presets[p];
            transcode::TranscodeRequest job;
            job.input = clip.path;
            job.output_dir = out;
            job.preset = preset;
            job.clip = clip.clip;
            job.reel = clip.reel;
            job.overwrite = true;
            auto planned = transcode::plan_transcode(job);
            if (!planned) return planned.error();

            PlanTask task;
            task.id = unique_name(safe_id(clip.clip + "." + preset.name), used_ids);
            task.argv = {"slate", "transcode", clip.path, "--preset", preset_name,
                         "-o",    out,         "--clip",  clip.clip};
            if (!clip.reel.empty()) append(task.argv, {"--reel", clip.reel});
            append(task.argv,
                   {"--threads", std::to_string(request.common.cores_per_task), "--overwrite"});
            // Two clips that would write the same file: the later one gets a suffix, as in
            // `slate batch`.
            std::string output = planned->output;
            if (used_outputs.count(output)) {
                if (planned->image_sequence)
                    return Error(ErrorCode::InvalidArgument,
                                 fmt::format("plan batch: {} and an earlier clip would both write "
                                             "the image sequence {}",
                                             clip.path, output));
                const fs::path relative = fs::path(output).lexically_relative(out);
                const std::string stem = (relative.parent_path() / relative.stem()).string();
                std::string name;
                for (int n = 2; used_outputs.count(output); ++n) {
                    name = fmt::format("{}_{}", stem, n);
                    output = (fs::path(out) / (name + relative.extension().string())).string();
                }
                append(task.argv, {"--name", name});
            }
            used_outputs.insert(output);
            append(task.argv, request.transcode_args);
            task.inputs = {clip.path};
            task.outputs = {output};
            transcode.tasks.push_back(std::move(task));
        }
    }

    PlanStep checksums =
        make_step("checksums", "ASC MHL generation of the output folder", request.common, 1);
    checksums.depends_on = {"transcode"};
    PlanTask mhl;
    mhl.id = "mhl";
    mhl.argv = {"slate", "mhl", "create", out};
    for (const PlanTask& task : transcode.tasks)
        mhl.inputs.insert(mhl.inputs.end(), task.outputs.begin(), task.outputs.end());
    checksums.tasks.push_back(std::move(mhl));

    plan->steps = {std::move(transcode), std::move(checksums)};
    return plan;
}

Result<JobPlan> make_encode_plan(const EncodePlanRequest& request) {
    if (request.input.empty())
        return Error(ErrorCode::InvalidArgument, "plan encode: no input file");
    if (request.preset.empty())
        return Error(ErrorCode::InvalidArgument, "plan encode: no preset (--preset)");
    const std::string input = absolute_input(request.input);
    auto plan = start_plan(request.common, "encode", input);
    if (!plan) return plan.error();
    const std::string out = plan->metadata["output_dir"];

    auto preset = transcode::find_preset(request.preset);
    if (!preset) return preset.error();
    if (preset->kind != transcode::OutputKind::Movie)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("plan encode: preset '{}' writes an image sequence; chunked "
                                 "encoding joins movie files (use `slate plan batch`)",
                                 preset->name));
    transcode::TranscodeRequest job;
    job.input = input;
    job.output_dir = out;
    job.preset = *preset;
    job.overwrite = true;
    auto planned = transcode::plan_transcode(job);
    if (!planned) return planned.error();
    if (planned->frame_rate != planned->source_rate)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("plan encode: preset '{}' changes the frame rate ({} to {}); "
                                 "chunks are cut in source frames, so the preset must keep it",
                                 preset->name, planned->source_rate.to_string(),
                                 planned->frame_rate.to_string()));

    auto points = transcode::find_split_points(input);
    if (!points) return points.error();
    transcode::ChunkOptions options;
    options.chunks = request.chunks;
    options.chunk_seconds =
        request.chunks > 0 ? 0.0 : (request.chunk_seconds > 0 ? request.chunk_seconds : 60.0);
    auto chunks = transcode::plan_chunks(*points, options);
    if (!chunks) return chunks.error();

    plan->metadata["input"] = input;
    plan->metadata["preset"] = request.preset;
    plan->metadata["frames"] = std::to_string(points->frames);
    plan->metadata["chunks"] = std::to_string(chunks->size());
    plan->metadata["split_points"] =
        points->every_frame ? "every frame" : std::to_string(points->starts.size());

    // Where the chunks and the audio land, as `slate transcode` itself names them.
    const fs::path chunk_dir = fs::path(plan->work_dir) / "chunks";
    job.output_dir = chunk_dir.string();
    job.output_name = "chunk_0000";
    job.audio = transcode::AudioScope::None;
    job.frames = chunks->front();
    auto chunk_plan = transcode::plan_transcode(job);
    if (!chunk_plan) return chunk_plan.error();
    const std::string extension = fs::path(chunk_plan->output).extension().string();
    const std::string threads = std::to_string(request.common.cores_per_task);

    PlanStep encode = make_step("chunks",
                                fmt::format("Encode {} chunk(s) of {} frames with '{}'",
                                            chunks->size(), points->frames, preset->name),
                                request.common, request.common.cores_per_task);
    std::vector<std::string> chunk_files;
    for (size_t i = 0; i < chunks->size(); ++i) {
        const FrameRange& range = (*chunks)[i];
        const std::string name = fmt::format("chunk_{:04d}", i);
        PlanTask task;
        task.id = name;
        task.argv = {"slate",
                     "transcode",
                     input,
                     "--preset",
                     request.preset,
                     "-o",
                     chunk_dir.string(),
                     "--name",
                     name,
                     "--frames",
                     format_frame_range(range),
                     "--no-audio",
                     "--threads",
                     threads,
                     "--overwrite"};
        append(task.argv, request.transcode_args);
        task.inputs = {input};
        task.outputs = {(chunk_dir / (name + extension)).string()};
        task.frames = range;
        chunk_files.push_back(task.outputs.front());
        encode.tasks.push_back(std::move(task));
    }

    const bool audio = planned->source_audio_channels > 0 && !planned->audio_channels.empty();
    std::string audio_file;
    if (audio) {
        job.output_name = "audio";
        job.audio = transcode::AudioScope::Only;
        job.frames.reset();
        auto audio_plan = transcode::plan_transcode(job);
        if (!audio_plan) return audio_plan.error();
        audio_file = audio_plan->output;
        PlanStep step = make_step("audio", "Encode the programme's audio once", request.common, 1);
        PlanTask task;
        task.id = "audio";
        task.argv = {"slate",      "transcode",        input,    "--preset", request.preset,
                     "-o",         chunk_dir.string(), "--name", "audio",    "--audio-only",
                     "--overwrite"};
        append(task.argv, request.transcode_args);
        task.inputs = {input};
        task.outputs = {audio_file};
        step.tasks.push_back(std::move(task));
        plan->steps.push_back(std::move(step));
    }
    // The audio step goes first: an engine that starts steps in submission order then encodes
    // it beside the first chunks instead of after the last.
    plan->steps.push_back(std::move(encode));

    PlanStep join =
        make_step("join", "Join the chunks without re-encoding and verify", request.common, 1);
    join.depends_on = {"chunks"};
    if (audio) join.depends_on.push_back("audio");
    PlanTask task;
    task.id = "join";
    task.argv = {"slate", "join"};
    append(task.argv, chunk_files);
    if (audio) append(task.argv, {"--audio", audio_file});
    append(task.argv, {"--source", input, "-o", planned->output, "--overwrite"});
    if (request.decode_all) task.argv.push_back("--decode-all");
    task.inputs = chunk_files;
    if (audio) task.inputs.push_back(audio_file);
    task.inputs.push_back(input);
    task.outputs = {planned->output};
    join.tasks.push_back(std::move(task));
    plan->steps.push_back(std::move(join));
    return plan;
}

Result<JobPlan> make_qc_plan(const QcPlanRequest& request) {
    if (request.inputs.empty()) return Error(ErrorCode::InvalidArgument, "plan qc: no inputs");
    if (request.profile.empty())
        return Error(ErrorCode::InvalidArgument, "plan qc: no QC profile (--profile)");
    std::vector<std::string> formats = request.report_formats;
    if (formats.empty()) formats = {"json"};
    for (const std::string& format : formats)
        if (format != "json" && format != "junit" && format != "html")
            return Error(
                ErrorCode::InvalidArgument,
                fmt::format("plan qc: unknown report format '{}' (json, junit, html)", format));
    auto plan = start_plan(request.common, "qc", request.inputs.front());
    if (!plan) return plan.error();
    const fs::path out = plan->metadata["output_dir"];
    plan->metadata["profile"] = request.profile;
    const fs::path shard_dir = fs::path(plan->work_dir) / "shards";

    PlanStep shards =
        make_step("shards", "QC frame-range shards", request.common, request.common.cores_per_task);
    PlanStep merge =
        make_step("merge", "Merge each file's shards into its reports", request.common, 1);
    merge.depends_on = {"shards"};
    // A QC verdict of "failed" is a finished merge: the report is the result.
    merge.success_exit_codes = {1};
    std::set<std::string> stems;
    for (const std::string& given : request.inputs) {
        const std::string input = absolute_input(given);
        MEDIA_TRY_ASSIGN(const std::vector<FrameRange> ranges,
                         shard_ranges(input, request.shards, request.shard_seconds));
        const std::string stem = unique_name(safe_id(clip_name_for(input)), stems);

        std::vector<std::string> shard_files;
        for (size_t k = 0; k < ranges.size(); ++k) {
            const FrameRange& range = ranges[k];
            PlanTask task;
            task.id = fmt::format("{}.{:03d}", stem, k);
            task.frames = range;
            const std::string file =
                (shard_dir / fmt::format("{}.{:03d}.qcshard", stem, k)).string();
            task.argv = {"slate",
                         "qc",
                         input,
                         "--profile",
                         request.profile,
                         "--shard",
                         format_frame_range(range),
                         "--shard-out",
                         file,
                         "-j",
                         std::to_string(request.common.cores_per_task)};
            task.inputs = {input};
            task.outputs = {file};
            shard_files.push_back(file);
            shards.tasks.push_back(std::move(task));
        }

        PlanTask task;
        task.id = stem;
        task.argv = {"slate", "qc", input, "--profile", request.profile, "--merge-shards"};
        append(task.argv, shard_files);
        task.inputs = shard_files;
        task.inputs.push_back(input);
        for (const std::string& format : formats) {
            const std::string name = format == "json"    ? stem + ".qc.json"
                                     : format == "junit" ? stem + ".qc.junit.xml"
                                                         : stem + ".qc.html";
            const std::string path = (out / name).string();
            append(task.argv, {"--" + format, path});
            task.outputs.push_back(path);
        }
        task.argv.push_back("-q");
        merge.tasks.push_back(std::move(task));
    }
    plan->steps = {std::move(shards), std::move(merge)};
    return plan;
}

Result<JobPlan> make_compare_plan(const ComparePlanRequest& request) {
    if (request.reference.empty() || request.distorted.empty())
        return Error(ErrorCode::InvalidArgument,
                     "plan compare: give a reference and a distorted file");
    std::vector<std::string> formats = request.report_formats;
    if (formats.empty()) formats = {"json"};
    for (const std::string& format : formats)
        if (format != "json" && format != "csv" && format != "xml")
            return Error(
                ErrorCode::InvalidArgument,
                fmt::format("plan compare: unknown report format '{}' (json, csv, xml)", format));
    const std::string reference = absolute_input(request.reference);
    const std::string distorted = absolute_input(request.distorted);
    auto plan = start_plan(request.common, "compare", distorted);
    if (!plan) return plan.error();
    const fs::path out = plan->metadata["output_dir"];
    plan->metadata["reference"] = reference;
    plan->metadata["distorted"] = distorted;
    // Shards count the reference's frames (with offsets the pairs may be fewer: the last shard
    // is open ended, and the merge checks that the shards cover every pair).
    MEDIA_TRY_ASSIGN(const std::vector<FrameRange> ranges,
                     shard_ranges(reference, request.shards, request.shard_seconds));
    const fs::path shard_dir = fs::path(plan->work_dir) / "shards";
    const std::string stem = safe_id(clip_name_for(distorted));

    PlanStep shards = make_step("shards", "Compare frame-range shards", request.common,
                                request.common.cores_per_task);
    std::vector<std::string> shard_files;
    for (size_t k = 0; k < ranges.size(); ++k) {
        PlanTask task;
        task.id = fmt::format("{}.{:03d}", stem, k);
        task.frames = ranges[k];
        const std::string file = (shard_dir / fmt::format("{}.{:03d}.cmpshard", stem, k)).string();
        task.argv = {"slate", "compare", reference, distorted};
        append(task.argv, request.compare_args);
        append(task.argv, {"--shard", format_frame_range(ranges[k]), "--shard-out", file, "-j",
                           std::to_string(request.common.cores_per_task), "-q"});
        task.inputs = {reference, distorted};
        task.outputs = {file};
        shard_files.push_back(file);
        shards.tasks.push_back(std::move(task));
    }
    PlanStep merge = make_step("merge", "Merge the shards into the reports", request.common, 1);
    merge.depends_on = {"shards"};
    merge.success_exit_codes = {1};  // a --fail-under miss: the reports are the result
    PlanTask task;
    task.id = stem;
    task.argv = {"slate", "compare", reference, distorted};
    append(task.argv, request.compare_args);
    append(task.argv, request.merge_args);
    for (const std::string& format : formats) {
        const std::string path = (out / fmt::format("{}.compare.{}", stem, format)).string();
        append(task.argv, {"--" + format, path});
        task.outputs.push_back(path);
    }
    task.argv.push_back("-q");
    // --merge-shards takes every word after it, so it comes last.
    task.argv.push_back("--merge-shards");
    append(task.argv, shard_files);
    task.inputs = shard_files;
    merge.tasks.push_back(std::move(task));
    plan->steps = {std::move(shards), std::move(merge)};
    return plan;
}

}  // namespace media::batch
