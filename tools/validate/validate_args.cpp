// SPDX-License-Identifier: Apache-2.0
#include "validate/validate_args.h"

#include <optional>

#include <CLI/CLI.hpp>

namespace slate {
namespace {

constexpr const char* kFooter =
    R"(A delivery spec (presets/specs/*.yaml, a .yaml file, or a MediaConch policy .xml)
lists rules: what a deliverable's container, video, audio and measured values
must be. Each rule passes, fails, does not apply to the file (an HDR rule on an
SDR file) or could not be checked. Specs that only read headers never decode the
essence; those that measure (loudness, light level...) run one QC pass per file.

  --spec S            the spec: built-in name or file (`slate validate --list`)
  --param NAME=VALUE  set a spec parameter (repeatable); "source" takes it from
                      --source FILE, the file the deliverable was made from
  --explain S         print the spec's rules as text
  --lint S...         check specs for missing titles, references, unused
                      parameters (exit 1 when something is found)

Reports (written under a temporary name, renamed when complete):
  --json F        schema-versioned JSON ("-" prints it on stdout instead of the summary)
  --junit F       JUnit XML: a testsuite per file, a testcase per rule
  --html F        one self-contained page: every rule with expected and measured values

Exit codes:
  0  every file passed (or only failed rules below the spec's fail_on; --strict fails those too)
  1  a rule failed
  2  a file was unreadable, the spec could not be loaded, or a report could not be written
  3  usage error)";

ParseExit usage(const std::string& message) {
    return ParseExit{kExitUsage, "slate validate: " + message + "\n"};
}

// "NAME=VALUE" into the map; a usage message when malformed or given twice.
std::optional<std::string> add_param(const std::string& text,
                                     std::map<std::string, std::string>& params) {
    const size_t equals = text.find('=');
    if (equals == std::string::npos || equals == 0)
        return "--param " + text + ": expected NAME=VALUE";
    const std::string name = text.substr(0, equals);
    if (!params.emplace(name, text.substr(equals + 1)).second)
        return "--param " + name + " given twice";
    return std::nullopt;
}

void add_options(CLI::App& app, ValidateSettings& s, std::vector<std::string>& params) {
    app.add_option("inputs", s.inputs, "Media files or image sequence patterns");
    app.add_option("-s,--spec", s.spec, "Delivery spec: built-in name, .yaml or MediaConch .xml");
    // One value per flag: a following input file must never become a parameter.
    app.add_option("--param", params, "Spec parameter NAME=VALUE (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--source", s.source, "The file the deliverables were made from");
    app.add_option("--json", s.json, "Write the JSON report here (- = stdout)");
    app.add_option("--junit", s.junit, "Write a JUnit XML report here");
    app.add_option("--html", s.html, "Write the HTML report here");
    app.add_flag("--strict", s.strict, "Failed rules below the spec's fail_on fail the file too");
    app.add_option("-j,--threads", s.threads, "Analysis threads (0 = every core)")
        ->check(CLI::Range(0, 256));
    app.add_flag("-v,--verbose", s.verbose, "List passing and not-applicable rules too");
    app.add_flag("-q,--quiet", s.quiet, "No summary on stdout");
    app.footer(kFooter);
}

// The spec-only modes take their specs instead of input files.
std::optional<ParseExit> finish_spec_mode(ValidateSettings& s, const std::string& explain,
                                          bool lint) {
    if (!explain.empty()) {
        if (!s.inputs.empty() || !s.spec.empty())
            return usage("--explain takes one spec and no input files");
        s.mode = ValidateSettings::Mode::Explain;
        s.spec = explain;
    } else if (lint) {
        s.mode = ValidateSettings::Mode::Lint;
        s.lint_specs = std::move(s.inputs);
        s.inputs.clear();
        if (!s.spec.empty()) s.lint_specs.insert(s.lint_specs.begin(), s.spec);
        if (s.lint_specs.empty()) return usage("--lint: no spec to lint");
    } else {
        s.mode = ValidateSettings::Mode::List;
        if (!s.inputs.empty() || !s.spec.empty()) return usage("--list takes no spec or files");
    }
    return std::nullopt;
}

std::optional<ParseExit> check_validate(const ValidateSettings& s) {
    if (s.spec.empty()) return usage("--spec is required (see slate validate --list)");
    if (s.inputs.empty()) return usage("no input files (see slate validate --help)");
    for (const std::string* path : {&s.junit, &s.html})
        if (*path == "-") return usage("only --json can be written to stdout (-)");
    if (s.json == "-" && s.quiet) return usage("--json - and --quiet: nothing would be printed");
    return std::nullopt;
}

}  // namespace

ParseResult<ValidateSettings> parse_validate_args(const std::vector<std::string>& args) {
    ValidateSettings s;
    std::vector<std::string> params;
    std::string explain;
    bool lint = false;
    bool list = false;
    CLI::App app("Validate media files against a delivery spec: a verdict per rule, reports.",
                 "slate validate");
    add_options(app, s, params);
    app.add_option("--explain", explain, "Print the spec's rules as text and exit");
    app.add_flag("--lint", lint, "Check the specs given (or --spec) for problems and exit");
    app.add_flag("--list", list, "List the built-in specs and exit");
    if (ParseExit exit = parse_with(app, args); exit.code != -1) return exit;
    if (int(!explain.empty()) + int(lint) + int(list) > 1)
        return usage("--explain, --lint and --list exclude each other");
    for (const std::string& param : params)
        if (auto problem = add_param(param, s.params)) return usage(*problem);
    const bool spec_mode = !explain.empty() || lint || list;
    if (auto problem = spec_mode ? finish_spec_mode(s, explain, lint) : check_validate(s))
        return *problem;
    return s;
}

}  // namespace slate
