// SPDX-License-Identifier: Apache-2.0
// The QC report as a terminal summary: one verdict line per file, then a line per check that
// needs a person's attention (all checks when verbose), with the first few events located. A
// validation (ReportKind::Validate) names its spec first and gives rules' expected values.
#include <algorithm>
#include <cctype>
#include <cstdint>

#include <fmt/format.h>

#include "media/report/qc_writers.h"
#include "report_format.h"

namespace media::report {
namespace {

// A terminal summary points at problems; the JSON/HTML reports list every event.
constexpr size_t kEventsShown = 3;
constexpr std::string_view kEventIndent = "        ";

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

bool is_validate(const qc::QcReport& report) {
    return report.kind == qc::ReportKind::Validate;
}

std::string tally_text(const qc::FileReport& file, const qc::QcReport& report) {
    const detail::VerdictCounts counts = detail::count_verdicts(file, report.fail_on);
    std::string text = fmt::format(
        "{}: {} passed", detail::count_text(counts.total, is_validate(report) ? "rule" : "check"),
        counts.passed);
    if (counts.failed > 0) text += fmt::format(", {} failed", counts.failed);
    if (counts.warned > 0) text += fmt::format(", {} warned", counts.warned);
    if (counts.not_checked > 0) text += fmt::format(", {} not checked", counts.not_checked);
    if (counts.not_applicable > 0)
        text += fmt::format(", {} not applicable", counts.not_applicable);
    return text;
}

std::string file_line(const qc::FileReport& file, const qc::QcReport& report) {
    const std::string verdict = upper(qc::to_string(file.verdict));
    const std::string& path = file.analysis.facts.path;
    if (!file.error.empty() && file.checks.empty())
        return fmt::format("{:<6} {}  {}\n", verdict, path, file.error);
    std::string line = fmt::format("{:<6} {}  ({})\n", verdict, path, tally_text(file, report));
    if (!file.error.empty()) line += fmt::format("  error: {}\n", file.error);
    return line;
}

std::string_view check_label(const qc::CheckResult& check, qc::Severity fail_on) {
    switch (check.verdict) {
        case qc::Verdict::Pass:
            return "pass";
        case qc::Verdict::NotChecked:
            return "SKIP";
        case qc::Verdict::NotApplicable:
            return "n/a";
        case qc::Verdict::Fail:
            return detail::fails_file(check, fail_on) ? "FAIL" : "WARN";
    }
    return "FAIL";
}

// What a line says after the check's name: why it was not checked (or does not apply), else the
// measurement beside its limit (a rule's expected value first).
std::string finding(const qc::CheckResult& check, const qc::QcReport& report) {
    if (check.verdict == qc::Verdict::NotChecked || check.verdict == qc::Verdict::NotApplicable)
        return check.message;
    return is_validate(report) ? detail::expected_vs_measured(check)
                               : detail::measured_vs_threshold(check);
}

std::string check_line(const qc::CheckResult& check, const qc::QcReport& report) {
    std::string head = fmt::format("  {:<5} {}", check_label(check, report.fail_on), check.id);
    if (check.verdict == qc::Verdict::Fail)
        head += fmt::format(" ({})", qc::to_string(check.severity, report.severity_style));
    if (!check.title.empty()) head += "  " + check.title;
    const std::string what = finding(check, report);
    if (!what.empty()) head += ": " + what;
    std::string text = head + "\n";
    if (check.verdict == qc::Verdict::Fail) {
        if (!check.message.empty() && check.message != what)
            text += fmt::format("{}{}\n", kEventIndent, check.message);
        text += detail::event_lines(check, kEventsShown, kEventIndent);
    }
    return text;
}

bool needs_attention(const qc::CheckResult& check) {
    return check.verdict == qc::Verdict::Fail || check.verdict == qc::Verdict::NotChecked;
}

std::string file_text(const qc::FileReport& file, const qc::QcReport& report, bool verbose) {
    std::string text = file_line(file, report);
    for (const auto& check : file.checks)
        if (verbose || needs_attention(check)) text += check_line(check, report);
    return text;
}

std::string profile_text(const qc::QcReport& report) {
    std::string text = report.profile_name.empty() ? "(unnamed)" : report.profile_name;
    if (!report.profile_version.empty()) text += " " + report.profile_version;
    return text;
}

// A validation opens with the spec it judged against: its version, issuer and document, and
// the parameters the run used.
std::string spec_header(const qc::QcReport& report) {
    std::string text = "Delivery spec " + profile_text(report);
    std::string from = report.spec_issuer;
    if (!report.spec_document.empty()) from += (from.empty() ? "" : ", ") + report.spec_document;
    if (!from.empty()) text += " (" + from + ")";
    text += "\n";
    if (report.parameters.empty()) return text;
    std::string parameters;
    for (const auto& p : report.parameters)
        parameters += (parameters.empty() ? "" : ", ") + p.name + "=" + p.value;
    return text + "  parameters: " + parameters + "\n";
}

}  // namespace

std::string qc_report_text(const qc::QcReport& report, bool verbose) {
    std::string text = is_validate(report) ? spec_header(report) : "";
    qc::FileVerdict worst = qc::FileVerdict::Pass;
    for (const auto& file : report.files) {
        text += file_text(file, report, verbose);
        worst = std::max(worst, file.verdict);
    }
    text +=
        fmt::format("{}: {} (exit code {}), {} {}, fails on {}\n",
                    detail::count_text(report.files.size(), "file"), upper(qc::to_string(worst)),
                    report.exit_code(), is_validate(report) ? "spec" : "profile",
                    profile_text(report), qc::to_string(report.fail_on, report.severity_style));
    return text;
}

}  // namespace media::report
