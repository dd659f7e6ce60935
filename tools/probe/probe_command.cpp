// SPDX-License-Identifier: Apache-2.0
// `slate probe`: parse, probe each input, print text or one JSON document, exit code.
#include "probe/probe_command.h"

#include <iostream>
#include <variant>

#include "common/cli.h"
#include "media/io/media_info_json.h"
#include "media/io/probe.h"
#include "probe/probe_args.h"
#include "probe/probe_text.h"

namespace slate {
namespace {

std::vector<media::ProbeOutcome> probe_all(const ProbeSettings& settings) {
    media::ProbeOptions options;
    options.count_frames = settings.count_frames;
    std::vector<media::ProbeOutcome> outcomes;
    for (const auto& input : settings.inputs) {
        outcomes.push_back({input, media::probe(input, options)});
        // Unreadable inputs are reported at once, so a long list shows progress on stderr.
        if (!outcomes.back().result) report_error("probe", outcomes.back().result.error());
    }
    return outcomes;
}

void print_text(const std::vector<media::ProbeOutcome>& outcomes) {
    bool first = true;
    for (const auto& outcome : outcomes) {
        if (!outcome.result) continue;
        if (!first) std::cout << '\n';
        std::cout << format_summary(*outcome.result);
        first = false;
    }
}

// One input gives the single-file document; several give {"files": [...]}: both carry schema
// and version, so a reader tells them apart by the "files" key.
void print_json(const std::vector<media::ProbeOutcome>& outcomes) {
    if (outcomes.size() == 1)
        std::cout << media::to_json(outcomes.front()) << '\n';
    else
        std::cout << media::to_json(outcomes) << '\n';
}

}  // namespace

int run_probe(const std::vector<std::string>& args) {
    auto parsed = parse_probe_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<ProbeSettings>(parsed);
    const auto outcomes = probe_all(settings);
    if (settings.json)
        print_json(outcomes);
    else
        print_text(outcomes);
    for (const auto& outcome : outcomes)
        if (!outcome.result) return kExitInputError;
    return kExitOk;
}

}  // namespace slate
