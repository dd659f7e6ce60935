// SPDX-License-Identifier: Apache-2.0
#include "qc/qc_args.h"

#include <optional>

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kFooter =
    R"(Every check runs in one decode pass per file; the profile (presets/qc/*.yaml or
a file) says which checks run, their thresholds and severities. `slate qc
--list-profiles` lists the built-in ones.

--reference REF compares each input with REF after its QC pass (VMAF with the
profile's fidelity.model, PSNR-Y) as the "fidelity" check; the profile's
fidelity.vmaf_min / psnr_y_min make it pass or fail.

Reports (written under a temporary name, renamed when complete):
  --json F        schema-versioned JSON ("-" prints it on stdout instead of the summary)
  --junit F       JUnit XML: a testsuite per file, a testcase per check
  --html F        one self-contained page: verdicts, graphs, event thumbnails
  --frames-csv F  every frame's measures (QCTools names)
  --evidence DIR  a thumbnail strip per failing event, timecode and value burned in

Sharded QC (a long file split into frame ranges, e.g. on a farm):
  slate qc FILE --shard START:END --shard-out S   measures frames START..END-1 (the last
                  shard may end past the file's end) into the shard file S; prints one line
  slate qc FILE --merge-shards S... [--json F ...] the report of FILE from every shard, in any
                  order: identical to the report of `slate qc FILE` with the same profile
  Shards must cover the file from frame 0 to its end without gaps or overlaps and be made
  from the same file with the same profile (each is checked).

Exit codes:
  0  every file passed (or only had findings below the profile's fail_on)
  1  a check failed
  2  a file was unreadable or had decode errors, or a report could not be written
  3  usage error)";

ParseExit usage(const std::string& message) {
    return ParseExit{kExitUsage, "slate qc: " + message + "\n"};
}

/// The options a shard or a merge cannot take, by name ("" when none was given).
std::string report_option_given(const QcSettings& s, bool merging) {
    if (!merging) {
        if (!s.json.empty()) return "--json";
        if (!s.junit.empty()) return "--junit";
        if (!s.html.empty()) return "--html";
        if (!s.evidence_dir.empty()) return "--evidence";
        if (s.series) return "--series";
    }
    if (!s.frames_csv.empty()) return "--frames-csv";
    if (!s.reference.empty()) return "--reference";
    if (s.continuous) return "--continuous";
    return {};
}

std::optional<ParseExit> check_sharding(QcSettings& s, const std::string& range) {
    const bool sharding = !range.empty() || !s.shard_out.empty();
    const bool merging = !s.merge_shards.empty();
    if (!sharding && !merging) return std::nullopt;
    if (sharding && merging) return usage("--shard and --merge-shards: one or the other");
    if (sharding && (range.empty() || s.shard_out.empty()))
        return usage("--shard START:END and --shard-out FILE go together");
    if (s.inputs.size() != 1)
        return usage(std::string(sharding ? "--shard" : "--merge-shards") +
                     " takes exactly one input file");
    if (const std::string option = report_option_given(s, merging); !option.empty())
        return usage(option + " cannot be used with " + (sharding ? "--shard" : "--merge-shards"));
    if (sharding) {
        s.shard = media::parse_frame_range(range);
        if (!s.shard) return usage("--shard " + range + ": expected START:END, START < END");
    }
    return std::nullopt;
}

}  // namespace

ParseResult<QcSettings> parse_qc_args(const std::vector<std::string>& args) {
    QcSettings s;
    CLI::App app("QC media files: every check in one decode pass, with verdicts and reports.",
                 "slate qc");
    app.add_option("inputs", s.inputs, "Media files or image sequence patterns");
    app.add_option("-p,--profile", s.profile, "QC profile: built-in name or .yaml file");
    app.add_option("--json", s.json, "Write the JSON report here (- = stdout)");
    app.add_option("--junit", s.junit, "Write a JUnit XML report here");
    app.add_option("--html", s.html, "Write the HTML report here");
    app.add_option("--frames-csv", s.frames_csv, "Write per-frame measures here");
    app.add_option("--evidence", s.evidence_dir, "Write evidence strips into this folder");
    app.add_option("--reference", s.reference,
                   "Compare each input with this reference (VMAF, PSNR: the fidelity check)");
    app.add_flag("--series", s.series, "Include per-frame graphs in the JSON report");
    app.add_flag("--continuous", s.continuous,
                 "Inputs are consecutive parts: timecode must continue across them");
    app.add_option("-j,--threads", s.threads, "Analysis threads (0 = every core)")
        ->check(CLI::Range(0, 256));
    std::string shard_range;
    add_device_option(app, s.device, "QC statistics and the reference metrics");
    app.add_option("--shard", shard_range,
                   "Measure only frames START:END (END exclusive) into --shard-out");
    app.add_option("--shard-out", s.shard_out, "Shard file to write (with --shard)");
    app.add_option("--merge-shards", s.merge_shards,
                   "Report on the input from these shard files (any order)");
    app.add_flag("--list-profiles", s.list_profiles, "List the built-in profiles and exit");
    app.add_flag("-v,--verbose", s.verbose, "List passing checks in the summary too");
    app.add_flag("-q,--quiet", s.quiet, "No summary on stdout");
    app.footer(kFooter);
    if (ParseExit exit = parse_with(app, args); exit.code != -1) return exit;
    if (s.list_profiles) return s;
    if (s.inputs.empty()) return usage("no input files (see slate qc --help)");
    for (const std::string* path : {&s.junit, &s.html, &s.frames_csv})
        if (*path == "-") return usage("only --json can be written to stdout (-)");
    if (s.json == "-" && s.quiet) return usage("--json - and --quiet: nothing would be printed");
    if (auto exit = check_sharding(s, shard_range)) return *exit;
    return s;
}

}  // namespace slate
