// SPDX-License-Identifier: Apache-2.0
// `slate validate`: parse, load the spec, run the validate session (probe, one QC pass when the
// spec measures the essence, reports written atomically), print a summary, exit with the
// verdict. The spec-only modes explain, lint or list specs.
#include "validate/validate_command.h"

#include <algorithm>
#include <iostream>
#include <variant>

#include <fmt/format.h>

#include "common/cli.h"
#include "media/report/qc_writers.h"
#include "media/report/validate_session.h"
#include "media/spec/spec.h"
#include "validate/validate_args.h"

namespace slate {
namespace {

constexpr std::string_view kCommand = "validate";

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

int list_specs() {
    std::cout << fmt::format("Built-in delivery specs ({}):\n", media::spec::specs_dir());
    const std::vector<std::string> names = media::spec::builtin_spec_names();
    size_t width = 0;
    for (const std::string& name : names) width = std::max(width, name.size());
    for (const std::string& name : names) {
        auto spec = media::spec::load_spec(name);
        std::cout << fmt::format(
            "  {:<{}}  {}\n", name, width,
            spec ? first_line(spec->info.description) : spec.error().message());
    }
    return kExitOk;
}

int explain_spec(const std::string& name) {
    auto spec = media::spec::load_spec(name);
    if (!spec) return report_error(kCommand, spec.error());
    std::cout << media::spec::explain_spec(*spec);
    return kExitOk;
}

// Load errors exit 2 (after every spec was tried); lint findings alone exit 1.
int lint_specs(const ValidateSettings& s) {
    bool load_failed = false;
    bool problems = false;
    for (const std::string& name : s.lint_specs) {
        auto spec = media::spec::load_spec(name);
        if (!spec) {
            report_error(kCommand, spec.error());
            load_failed = true;
            continue;
        }
        const std::vector<std::string> lines = media::spec::lint_spec(*spec);
        for (const std::string& line : lines) std::cout << line << '\n';
        problems = problems || !lines.empty();
        if (lines.empty() && !s.quiet) std::cout << fmt::format("{}: no problems\n", name);
    }
    return load_failed ? kExitInputError : problems ? kExitChecksFailed : kExitOk;
}

media::report::ValidateSession session_for(const ValidateSettings& s, media::spec::Spec spec) {
    media::report::ValidateSession session;
    session.request.inputs = s.inputs;
    session.request.spec = std::move(spec);
    session.request.params = s.params;
    session.request.source = s.source;
    session.request.threads = s.threads;
    session.request.strict = s.strict;
    session.json_path = s.json;
    session.junit_path = s.junit;
    session.html_path = s.html;
    return session;
}

int validate(const ValidateSettings& s) {
    auto spec = media::spec::load_spec(s.spec);
    if (!spec) return report_error(kCommand, spec.error());
    auto report = media::report::run_validate_session(session_for(s, std::move(*spec)));
    if (!report) return report_error(kCommand, report.error());
    if (s.json == "-")
        std::cout << media::report::qc_report_json(*report);
    else if (!s.quiet)
        std::cout << media::report::qc_report_text(*report, s.verbose);
    return report->exit_code();
}

}  // namespace

int run_validate(const std::vector<std::string>& args) {
    auto parsed = parse_validate_args(args);
    if (auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const ValidateSettings& s = std::get<ValidateSettings>(parsed);
    switch (s.mode) {
        case ValidateSettings::Mode::List:
            return list_specs();
        case ValidateSettings::Mode::Explain:
            return explain_spec(s.spec);
        case ValidateSettings::Mode::Lint:
            return lint_specs(s);
        case ValidateSettings::Mode::Validate:
            break;
    }
    return validate(s);
}

}  // namespace slate
