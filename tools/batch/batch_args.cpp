// SPDX-License-Identifier: Apache-2.0
#include "batch/batch_args.h"

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kFooter = R"(Inputs:
  Media files, image sequence patterns, folders (searched recursively, camera
  card layouts included, image sequences collapsed to one clip), globs
  ("card*/**/*.mov"), CSV manifests (path[,clip][,reel] columns) and Avid ALE
  files ("Source File" column). Every clip goes through every preset.

Resuming:
  <out>/.slate/journal.ndjson records each finished job with its inputs and
  parameters; running the same batch again skips jobs whose output is intact
  and redoes the rest (after a crash or kill -9 too). Per-job logs are in
  <out>/.slate/logs/.

Outputs besides the media:
  <preset>.ale per preset (Avid ALE: Name, Tape, Start, End, FPS, Tracks,
  Source File), checksums.xxh64 and checksums.md5, summary.json (schema
  slate.batch) and summary.txt, and an ASC MHL generation in ascmhl/.

Progress (--progress): auto (live on a terminal, plain lines otherwise),
  tty, plain, json (NDJSON events on stderr), none.

Exit codes:
  0  every job done (or done earlier)
  1  some jobs failed (the others finished; see summary.txt)
  2  the batch could not run (no inputs found, output folder not writable)
  3  usage error)";

}  // namespace

ParseResult<BatchSettings> parse_batch_args(const std::vector<std::string>& args) {
    BatchSettings settings;
    CLI::App app("Transcode a day's dailies in parallel: resumable, with ALE, checksums and MHL.",
                 "slate batch");
    app.add_option("inputs", settings.inputs, "Files, folders, globs or manifests")->required();
    // One value per flag: `-p a card -p b` keeps `card` an input.
    app.add_option("-p,--preset", settings.presets, "Preset name or file (repeatable)")
        ->required()
        ->allow_extra_args(false);
    app.add_option("-o,--output", settings.job.output_dir, "Output folder")->required();
    app.add_option("-j,--jobs", settings.jobs, "Jobs at once (0: from the cores)")
        ->check(CLI::Range(0, 256));
    app.add_option("--cores", settings.cores, "CPU threads to keep busy (0: all)")
        ->check(CLI::Range(0, 1024));
    app.add_option("--progress", settings.progress, "auto, tty, plain, json or none")
        ->check(CLI::IsMember({"auto", "tty", "plain", "json", "none"}));
    app.add_flag("--json", settings.json, "Print the summary as one JSON document");
    app.add_flag("--no-ale", settings.no_ale, "Do not write ALE files");
    app.add_flag("--no-checksums", settings.no_checksums, "Do not write checksum lists");
    app.add_flag("--no-mhl", settings.no_mhl, "Do not write an ASC MHL generation");
    add_job_options(app, settings.job);
    app.footer(kFooter);
    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;
    return settings;
}

}  // namespace slate
