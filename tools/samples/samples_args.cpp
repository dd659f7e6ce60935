// SPDX-License-Identifier: Apache-2.0
#include "samples/samples_args.h"

#include <algorithm>

#include <CLI/CLI.hpp>

namespace slate {
namespace {

namespace samples = media::samples;

std::string known_names(samples::SampleSet set) {
    std::string names;
    for (const auto& clip : samples::list_samples(set))
        names += (names.empty() ? "" : ", ") + clip.name;
    return names;
}

// Checks the choices CLI11 cannot: the set name, the clip name, and OUTDIR unless listing.
std::optional<ParseExit> validate(SamplesSettings& s, const std::string& set_text, bool set_given) {
    const auto set = samples::parse_sample_set(set_text);
    if (!set)
        return ParseExit{kExitUsage,
                         "--set must be dailies, defects, masters or all, not '" + set_text + "'"};
    // Without --set, --only looks in every set and --list shows every set.
    s.set = !set_given && (!s.only.empty() || s.list) ? samples::SampleSet::All : *set;
    if (!s.only.empty()) {
        const auto clips = samples::list_samples(s.set);
        const bool known = std::any_of(clips.begin(), clips.end(),
                                       [&](const auto& clip) { return clip.name == s.only; });
        if (!known)
            return ParseExit{kExitUsage, "--only: no clip '" + s.only + "' in the " +
                                             std::string(samples::to_string(s.set)) +
                                             " set; known: " + known_names(s.set)};
    }
    if (s.output_dir.empty() && !s.list)
        return ParseExit{kExitUsage,
                         "OUTDIR is required (or --list)\nRun with --help for more information."};
    return std::nullopt;
}

}  // namespace

ParseResult<SamplesSettings> parse_samples_args(const std::vector<std::string>& args) {
    CLI::App app(
        "Generate the sample dailies: synthetic, deterministic movies and image sequences "
        "with timecode, tones and colour tags, a clip with planted defects, small "
        "delivery masters, and a manifest.json describing every file.\n\nExit codes: 0 ok, 2 "
        "generation failed, "
        "3 usage error.",
        "slate samples");
    SamplesSettings s;
    std::string set_text = "dailies";
    app.add_option("OUTDIR", s.output_dir, "folder to write into (created when missing)");
    auto* set_option = app.add_option("--set", set_text,
                                      "which clips: dailies (default), defects, masters or all");
    app.add_option("--only", s.only, "write just this clip (see --list)");
    app.add_flag("--list", s.list, "list the clips and exit");
    if (ParseExit exit = parse_with(app, args); exit.code != -1) return exit;
    if (auto exit = validate(s, set_text, set_option->count() > 0)) return *exit;
    return s;
}

}  // namespace slate
