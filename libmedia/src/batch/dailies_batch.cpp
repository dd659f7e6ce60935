// SPDX-License-Identifier: Apache-2.0
// run_dailies_batch: clips x presets as jobs on the scheduler, journalled for resumption, then
// the deliverables of the day: ALE per preset, checksum lists, a summary and an ASC MHL generation.
#include "media/batch/dailies_batch.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <xxhash.h>
#include <nlohmann/json.hpp>

#include "media/batch/ale.h"
#include "media/batch/ascmhl.h"
#include "media/batch/checksum.h"
#include "media/batch/journal.h"
#include "media/batch/scheduler.h"
#include "media/core/text_file.h"
#include "media/core/version.h"
#include "media/io/probe.h"
#include "media/io/sequence_pattern.h"

namespace media::batch {
namespace fs = std::filesystem;
namespace tc = transcode;

namespace {

std::string hex64(uint64_t value) {
    return fmt::format("{:016x}", value);
}

std::string hash_text(const std::string& text) {
    return hex64(XXH64(text.data(), text.size(), 0));
}

// Missing files hash as empty: the job itself reports them.
std::string file_text(const std::string& path) {
    return read_text_file(path).value_or("");
}

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

/// Everything that decides a job's output, hashed: a change re-runs the job.
std::string params_hash(const tc::TranscodeRequest& request) {
    std::string text = "slate-batch-1\n";
    text += file_text(request.preset.source_file) + "\n";
    text += "name=" + request.output_name + "\nclip=" + request.clip + "\nreel=" + request.reel;
    for (const auto& step : request.look.steps) {
        text += fmt::format("\nstep {} {} {}", static_cast<int>(step.kind), step.path,
                            hash_text(file_text(step.path)));
        text += fmt::format(" {} {} {} {}", step.cdl.slope[0], step.cdl.slope[1], step.cdl.slope[2],
                            step.cdl.saturation);
        text += fmt::format(" {} {} {} {} {} {}", step.cdl.offset[0], step.cdl.offset[1],
                            step.cdl.offset[2], step.cdl.power[0], step.cdl.power[1],
                            step.cdl.power[2]);
    }
    if (request.burnin)
        for (const auto& e : request.burnin->elements)
            text += fmt::format("\nburnin {} {} {} {} {} {}", static_cast<int>(e.field), e.text,
                                e.prefix, static_cast<int>(e.anchor), e.size, e.opacity);
    text += fmt::format("\nrate={}\ntolerate={}", request.sequence_rate.to_string(),
                        request.tolerate_decode_errors);
    return hash_text(text);
}

/// Digest of an output: the file's xxh64, or for a sequence the xxh64 of its files' digests.
Result<std::string> output_digest(const std::vector<std::string>& files) {
    if (files.size() == 1) return xxh64_file(files.front());
    std::string all;
    for (const auto& file : files) {
        MEDIA_TRY_ASSIGN(std::string digest, xxh64_file(file));
        all += fs::path(file).filename().string() + " " + digest + "\n";
    }
    return hash_text(all);
}

std::vector<std::string> files_of_output(const std::string& output) {
    std::vector<std::string> files;
    auto pattern = SequencePattern::parse(output);
    if (!pattern) {
        files.push_back(output);
        return files;
    }
    std::error_code ec;
    const fs::path folder = fs::path(output).parent_path();
    for (const auto& entry : fs::directory_iterator(folder, ec))
        if (entry.is_regular_file() && pattern->match(entry.path().filename().string()))
            files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
}

/// Temporary files of a killed run (".name.partial-XXXXXX.ext") are garbage now.
void remove_leftovers(const fs::path& root) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (it->is_regular_file(ec) && name.size() > 1 && name[0] == '.' &&
            name.find(".partial-") != std::string::npos)
            fs::remove(it->path(), ec);
    }
}

/// An exclusive lock on <out>/.slate/lock for the batch's lifetime.
class FolderLock {
public:
    static Result<FolderLock> acquire(const fs::path& state_dir) {
        const std::string path = (state_dir / "lock").string();
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return Error(ErrorCode::IoError, "cannot create the lock file").with_file(path);
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            return Error(ErrorCode::IoError, "another batch is writing to this folder")
                .with_file(state_dir.parent_path().string());
        }
        return FolderLock(fd);
    }
    FolderLock(FolderLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    FolderLock& operator=(FolderLock&&) = delete;
    ~FolderLock() {
        if (m_fd >= 0) ::close(m_fd);
    }

private:
    explicit FolderLock(int fd) : m_fd(fd) {}
    int m_fd = -1;
};

struct PlannedJob {
    std::string id;
    tc::TranscodeRequest request;
    tc::TranscodePlan plan;
    std::vector<InputFingerprint> inputs;
    std::string params;
    BatchJobReport report;
    std::vector<std::string> files;  ///< written files (done or skipped)
};

std::string relative_to(const fs::path& root, const std::string& path) {
    std::error_code ec;
    auto rel = fs::relative(path, root, ec);
    return ec ? path : rel.string();
}

std::string fps_text(Rational rate) {
    if (!rate.valid() || rate.num() <= 0) return "";
    if (rate.den() == 1) return std::to_string(rate.num());
    return fmt::format("{:.3f}", rate.to_double());
}

void write_log(const fs::path& logs, const PlannedJob& job) {
    std::error_code ec;
    fs::create_directories(logs, ec);
    std::ofstream log(logs / (job.id + ".log"), std::ios::app);
    log << "job      " << job.id << "\npreset   " << job.report.preset << "\n"
        << job.plan.describe() << "status   " << job.report.status << "\n";
    if (!job.report.message.empty()) log << "message  " << job.report.message << "\n";
    log << fmt::format("frames   {}\nseconds  {:.2f}\n\n", job.report.frames, job.report.seconds);
}

/// Job ids must be stable between runs and safe as file names.
std::string job_id(const ClipEntry& clip, const tc::TranscodePreset& preset) {
    return tc::sanitize_file_component(clip.clip) + "__" + preset.name + "__" +
           hash_text(clip.path).substr(0, 8);
}

/// ALE rows for the produced clips of one preset, read back from the outputs themselves.
AleDocument make_ale(const std::vector<const PlannedJob*>& jobs, const fs::path& root) {
    AleDocument ale;
    bool first = true;
    for (const PlannedJob* job : jobs) {
        const tc::TranscodePlan& plan = job->plan;
        if (first) {
            ale.fps = fps_text(plan.frame_rate);
            ale.video_format = plan.height >= 2160 ? "UHD" : plan.height >= 1080 ? "1080" : "720";
            first = false;
        }
        AleClip clip;
        clip.name = fs::path(plan.output).stem().string();
        if (plan.image_sequence)
            clip.name = fs::path(plan.output).parent_path().filename().string();
        clip.tape = plan.reel.empty() ? plan.clip : plan.reel;
        if (plan.start_timecode) {
            clip.start = plan.start_timecode->to_string();
            clip.end = (*plan.start_timecode + job->report.frames).to_string();
        }
        std::string tracks = "V";
        for (size_t c = 0; c < plan.audio_channels.size(); ++c) tracks += fmt::format("A{}", c + 1);
        clip.tracks = tracks;
        clip.source_file = plan.input;
        clip.extra["Clip"] = plan.clip;
        clip.extra["Output File"] = relative_to(root, plan.output);
        clip.extra["Frames"] = std::to_string(job->report.frames);
        ale.clips.push_back(clip);
    }
    return ale;
}

}  // namespace

std::string format_batch_table(const DailiesBatchReport& report) {
    size_t clip_w = 4, preset_w = 6;
    for (const auto& job : report.jobs) {
        clip_w = std::max(clip_w, job.clip.size());
        preset_w = std::max(preset_w, job.preset.size());
    }
    std::string text =
        fmt::format("{:<{}}  {:<{}}  {:<8} {:>7} {:>8}  {:<11}  {}\n", "clip", clip_w, "preset",
                    preset_w, "status", "frames", "seconds", "start TC", "output / message");
    for (const auto& job : report.jobs)
        text += fmt::format("{:<{}}  {:<{}}  {:<8} {:>7} {:>8.1f}  {:<11}  {}\n", job.clip, clip_w,
                            job.preset, preset_w, job.status, job.frames, job.seconds,
                            job.start_timecode.empty() ? "-" : job.start_timecode,
                            job.status == "failed" ? job.message : job.output);
    text +=
        fmt::format("{} done, {} skipped (already done), {} failed; {:.1f} s wall, {:.1f} s CPU\n",
                    report.done, report.skipped, report.failed, report.seconds, report.cpu_seconds);
    return text;
}

Result<DailiesBatchReport> run_dailies_batch(const DailiesBatchOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    const double cpu_start = cpu_seconds();
    if (options.clips.empty()) return Error(ErrorCode::InvalidArgument, "no clips to process");
    if (options.presets.empty()) return Error(ErrorCode::InvalidArgument, "no preset given");
    const fs::path root(options.job.output_dir);
    const fs::path state = root / ".slate";
    std::error_code ec;
    if (!options.dry_run) {
        fs::create_directories(state / "logs", ec);
        if (ec)
            return Error(ErrorCode::IoError, "cannot create the output folder: " + ec.message())
                .with_file(root.string());
    }

    // Plan every job first: bad inputs fail their own job, collisions get suffixes.
    std::vector<PlannedJob> jobs;
    std::set<std::string> taken;
    for (const auto& clip : options.clips) {
        for (const auto& preset : options.presets) {
            PlannedJob job;
            job.id = job_id(clip, preset);
            job.request = options.job;
            job.request.input = clip.path;
            job.request.clip = clip.clip;
            job.request.reel = clip.reel;
            job.request.preset = preset;
            job.request.burnin = tc::compose_burnins(preset.burnin, options.burnin);
            job.report.id = job.id;
            job.report.input = clip.path;
            job.report.clip = clip.clip;
            job.report.reel = clip.reel;
            job.report.preset = preset.name;
            auto plan = tc::plan_transcode(job.request);
            for (int suffix = 2; plan && taken.count(plan->output); ++suffix) {
                const std::string base =
                    job.request.output_name.empty() ? preset.naming : job.request.output_name;
                job.request.output_name = base + "_" + std::to_string(suffix);
                plan = tc::plan_transcode(job.request);
            }
            if (!plan) {
                job.report.status = "failed";
                job.report.message = plan.error().to_string();
            } else {
                job.plan = *plan;
                taken.insert(plan->output);
                job.report.output = relative_to(root, plan->output);
                job.report.reel = plan->reel;
                job.report.start_timecode =
                    plan->start_timecode ? plan->start_timecode->to_string() : "";
                job.report.fps = fps_text(plan->frame_rate);
            }
            jobs.push_back(std::move(job));
        }
    }

    DailiesBatchReport report;
    if (options.dry_run) {
        for (auto& job : jobs) {
            if (job.report.status.empty()) job.report.status = "planned";
            report.jobs.push_back(job.report);
        }
        report.failed = static_cast<int>(std::count_if(
            jobs.begin(), jobs.end(), [](auto& j) { return j.report.status == "failed"; }));
        return report;
    }

    MEDIA_TRY_ASSIGN(FolderLock lock, FolderLock::acquire(state));
    remove_leftovers(root);
    MEDIA_TRY_ASSIGN(Journal journal, Journal::open((state / "journal.ndjson").string()));
    report.journal = journal.path();
    ProgressReporter progress(options.progress, static_cast<int>(jobs.size()));

    // Skip what an earlier run finished (same inputs, same parameters, output intact).
    std::vector<PlannedJob*> to_run;
    for (auto& job : jobs) {
        if (job.report.status == "failed") {
            progress.job_finished(job.id, false, job.report.message);
            continue;
        }
        if (auto fp = fingerprint(job.request.input)) job.inputs.push_back(*fp);
        job.params = params_hash(job.request);
        if (auto done = journal.last_done(job.id);
            done && journal.is_done(job.id, job.inputs, job.params) &&
            done->output == job.report.output) {
            const auto files = files_of_output(job.plan.output);
            auto digest = files.empty() ? Result<std::string>(Error(ErrorCode::NotFound, "gone"))
                                        : output_digest(files);
            if (digest && *digest == done->output_xxh64) {
                job.report.status = "skipped";
                job.report.message = "done in an earlier run";
                job.files = files;
                progress.job_skipped(job.id, "done in an earlier run");
                continue;
            }
        }
        // Redoing a job replaces its own earlier (possibly half-checked) output.
        if (journal.last_done(job.id)) job.request.overwrite = true;
        to_run.push_back(&job);
    }

    const int cores = options.cores > 0
                          ? options.cores
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const ThreadPlan threads =
        plan_threads(static_cast<int>(std::max<size_t>(1, to_run.size())), cores);
    std::atomic<bool> local_cancel{false};
    std::atomic<bool>& cancel = options.cancel ? *options.cancel : local_cancel;
    std::vector<ScheduledJob> scheduled;
    for (PlannedJob* job : to_run) {
        ScheduledJob s;
        s.id = job->id;
        s.threads = threads.threads_per_job;
        job->request.threads =
            options.job.threads > 0 ? options.job.threads : threads.threads_per_job;
        s.cost = static_cast<double>(job->plan.source_frames.value_or(100)) *
                 job->plan.source_width * job->plan.source_height;
        s.run = [job, &journal, &progress, &state](const std::atomic<bool>& stop) -> Result<void> {
            tc::TranscodeRequest request = job->request;
            request.cancel = &stop;
            request.progress = [&progress, job](int64_t frames) {
                progress.job_progress(job->id, frames);
            };
            progress.job_started(job->id, job->plan.source_frames);
            (void)journal.record_start(job->id, job->inputs, job->params);
            auto result = tc::run_transcode(request);
            JournalEntry entry;
            entry.job_id = job->id;
            entry.inputs = job->inputs;
            entry.params_hash = job->params;
            entry.output = job->report.output;
            if (!result) {
                job->report.status = "failed";
                job->report.message = result.error().to_string();
                entry.status = "failed";
                entry.message = job->report.message;
                (void)journal.record_finish(entry);
                write_log(state / "logs", *job);
                progress.job_finished(job->id, false, job->report.message);
                return std::move(result).error();
            }
            job->report.status = "done";
            job->report.frames = result->frames;
            job->report.decode_errors = result->decode_errors;
            job->report.seconds = result->seconds;
            job->plan = result->plan;
            job->files = result->files;
            auto digest = output_digest(result->files);
            entry.status = "done";
            entry.output_xxh64 = digest ? *digest : "";
            entry.seconds = result->seconds;
            auto recorded = journal.record_finish(entry);
            write_log(state / "logs", *job);
            progress.job_finished(job->id, true);
            return recorded;
        };
        scheduled.push_back(std::move(s));
    }
    SchedulerOptions scheduler;
    scheduler.thread_budget = cores;
    scheduler.max_jobs = options.max_jobs > 0 ? options.max_jobs : threads.concurrent_jobs;
    const auto outcomes = run_jobs(std::move(scheduled), scheduler, cancel);
    for (size_t i = 0; i < outcomes.size() && i < to_run.size(); ++i) {
        PlannedJob& job = *to_run[i];
        if (!job.report.status.empty()) continue;
        // Never started (cancelled) or ended without a word: a failure the summary must show.
        job.report.status = "failed";
        job.report.message =
            outcomes[i].result ? "not run" : outcomes[i].result.error().to_string();
        progress.job_finished(job.id, false, job.report.message);
    }

    // Frames of skipped jobs, for the ALE: read back from their outputs.
    for (auto& job : jobs) {
        if (job.report.status != "skipped") continue;
        if (job.plan.image_sequence) {
            job.report.frames = static_cast<int64_t>(job.files.size());
        } else if (auto info = probe(job.plan.output)) {
            if (const auto* v = info->first_video(); v && v->frame_count)
                job.report.frames = *v->frame_count;
        }
    }

    for (const auto& job : jobs) {
        report.jobs.push_back(job.report);
        if (job.report.status == "done") ++report.done;
        if (job.report.status == "skipped") ++report.skipped;
        if (job.report.status == "failed") ++report.failed;
    }

    // Deliverables: ALE per preset, checksum lists, summary, then the MHL over all of it.
    std::map<std::string, std::vector<const PlannedJob*>> by_preset;
    for (const auto& job : jobs)
        if (job.report.status == "done" || job.report.status == "skipped")
            by_preset[job.report.preset].push_back(&job);
    if (options.ale) {
        for (const auto& [preset, produced] : by_preset) {
            const fs::path path = root / (preset + ".ale");
            MEDIA_TRY(write_ale(path.string(), make_ale(produced, root)));
            report.ale_files.push_back(path.string());
        }
    }
    if (options.checksums) {
        std::string xxh, md5;
        for (const auto& [preset, produced] : by_preset)
            for (const PlannedJob* job : produced)
                for (const auto& file : job->files) {
                    auto digests = hash_file(file);
                    if (!digests) continue;
                    const std::string rel = relative_to(root, file);
                    xxh += digests->xxh64 + "  " + rel + "\n";
                    md5 += digests->md5 + "  " + rel + "\n";
                }
        MEDIA_TRY(write_text_file_atomically((root / "checksums.xxh64").string(), xxh));
        MEDIA_TRY(write_text_file_atomically((root / "checksums.md5").string(), md5));
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    report.cpu_seconds = cpu_seconds() - cpu_start;
    nlohmann::json summary{{"schema", "slate.batch"},          {"version", 1},
                           {"slate_version", slate_version()}, {"done", report.done},
                           {"skipped", report.skipped},        {"failed", report.failed},
                           {"seconds", report.seconds},        {"cpu_seconds", report.cpu_seconds},
                           {"ale", report.ale_files},          {"jobs", nlohmann::json::array()}};
    for (const auto& job : report.jobs)
        summary["jobs"].push_back({{"id", job.id},
                                   {"input", job.input},
                                   {"clip", job.clip},
                                   {"reel", job.reel},
                                   {"preset", job.preset},
                                   {"output", job.output},
                                   {"status", job.status},
                                   {"message", job.message},
                                   {"frames", job.frames},
                                   {"decode_errors", job.decode_errors},
                                   {"seconds", job.seconds},
                                   {"start_timecode", job.start_timecode},
                                   {"fps", job.fps}});
    report.summary_json = (root / "summary.json").string();
    report.summary_text = (root / "summary.txt").string();
    MEDIA_TRY(write_text_file_atomically(report.summary_json, summary.dump(2) + "\n"));
    MEDIA_TRY(write_text_file_atomically(report.summary_text, format_batch_table(report)));
    if (options.mhl) {
        MhlOptions mhl;
        mhl.process = "transfer";
        mhl.creator_tool = "slate " + slate_version();
        // What this run wrote is new on purpose: the media of jobs it (re)did, and its sidecars.
        for (const auto& job : jobs)
            if (job.report.status == "done")
                for (const auto& file : job.files)
                    mhl.replaced.push_back(fs::path(relative_to(root, file)).generic_string());
        for (const auto& path : report.ale_files)
            mhl.replaced.push_back(fs::path(relative_to(root, path)).generic_string());
        for (const char* name : {"checksums.xxh64", "checksums.md5", "summary.json", "summary.txt"})
            mhl.replaced.push_back(name);
        MEDIA_TRY_ASSIGN(MhlGeneration generation, create_mhl_generation(root.string(), mhl));
        report.mhl_manifest = generation.manifest_path;
    }
    progress.batch_finished(report.done, report.failed, report.skipped, report.seconds);
    return report;
}

}  // namespace media::batch
