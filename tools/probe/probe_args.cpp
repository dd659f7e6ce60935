// SPDX-License-Identifier: Apache-2.0
#include "probe/probe_args.h"

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kFooter = R"(Inputs:
  A media file (format detected by content, not by extension), a still image,
  or an image sequence pattern: shot.%06d.exr, shot.######.dpx, shot.@.tif
  (a lone @ or # takes its padding from the files found).

Output:
  A summary per input on stdout; with --json exactly one JSON document
  (schema "slate.probe", version 1; see docs/probe-json.md). With several
  inputs the document holds a "files" array, one entry per input.
  Diagnostics go to stderr.

Exit codes:
  0  every input was read
  2  an input could not be read (the others are still reported)
  3  usage error)";

}  // namespace

ParseResult<ProbeSettings> parse_probe_args(const std::vector<std::string>& args) {
    ProbeSettings settings;
    CLI::App app("Describe media files and image sequences (like ffprobe).", "slate probe");
    app.add_option("inputs", settings.inputs, "Files or image sequence patterns")->required();
    app.add_flag("--json", settings.json, "Print one JSON document instead of text");
    app.add_flag("--count-frames", settings.count_frames,
                 "Decode every video frame and report how many there are (slow)");
    app.footer(kFooter);
    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;
    return settings;
}

}  // namespace slate
