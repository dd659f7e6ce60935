// SPDX-License-Identifier: Apache-2.0
#include "media/qc/qc_run.h"

#include <algorithm>

#include <fmt/format.h>

#include "media/qc/evaluate.h"
#include "qc_internal.h"

namespace media::qc {
namespace {

/// The timecode the file after `previous` should start at, when both have timecode.
void check_continuation(const FileReport& previous, FileAnalysis& next) {
    const FileFacts& a = previous.analysis.facts;
    if (!a.start_timecode || !next.facts.start_timecode) return;
    const Timecode expected = *a.start_timecode + previous.analysis.stream.frames_decoded;
    const Timecode& found = *next.facts.start_timecode;
    if (found.frames() == expected.frames()) return;
    TimecodeBreak jump{0, expected.to_string(), found.to_string(), found - expected, a.path};
    auto& breaks = next.stream.timecode_breaks;
    breaks.insert(breaks.begin(), std::move(jump));
}

FileReport qc_file(const std::string& input, const QcRequest& request, const FileReport* previous) {
    FileReport report;
    if (!detail::open_file_report(input, report)) return report;
    detail::run_decode_pass(input, request, report.analysis);
    if (!request.reference.empty() && report.analysis.facts.has_video &&
        report.analysis.stream.fatal_error.empty())
        report.analysis.fidelity = detail::measure_fidelity(input, request);
    if (request.continuous && previous && previous->verdict != FileVerdict::Error)
        check_continuation(*previous, report.analysis);
    detail::judge_file(report, request.profile);
    return report;
}

}  // namespace

namespace detail {

void order_decode_errors(StreamAnalysis& stream) {
    std::stable_partition(stream.decode_errors.begin(), stream.decode_errors.end(),
                          [](const DecodeIssue& issue) { return issue.frame >= 0; });
}

QcReport new_report(const QcProfile& profile) {
    QcReport report;
    report.profile_name = profile.name;
    report.profile_version = profile.version;
    report.profile_source = profile.source;
    report.severity_style = profile.severity_style;
    report.fail_on = profile.fail_on;
    return report;
}

bool open_file_report(const std::string& input, FileReport& report) {
    report.analysis.facts.path = input;
    auto facts = read_file_facts(input);
    if (!facts) {
        report.verdict = FileVerdict::Error;
        report.error = facts.error().message();
        report.analysis.stream.fatal_error = report.error;
        return false;
    }
    report.analysis.facts = std::move(*facts);
    if (!report.analysis.facts.has_video && !report.analysis.facts.has_audio) {
        report.verdict = FileVerdict::Error;
        report.error = fmt::format("{}: no video or audio stream to check", input);
        report.analysis.stream.fatal_error = report.error;
        return false;
    }
    return true;
}

void judge_file(FileReport& report, const QcProfile& profile) {
    report.checks = evaluate_checks(report.analysis, profile);
    report.verdict = file_verdict(report.analysis, report.checks, profile);
    if (!report.analysis.stream.fatal_error.empty())
        report.error = report.analysis.stream.fatal_error;
}

}  // namespace detail

Result<QcReport> run_qc(const QcRequest& request) {
    if (request.inputs.empty())
        return Error(ErrorCode::InvalidArgument, "qc: no input files given");
    MEDIA_TRY(resolve_device(request.device));  // an explicit cuda without a device
    QcReport report = detail::new_report(request.profile);
    for (const std::string& input : request.inputs) {
        const FileReport* previous = report.files.empty() ? nullptr : &report.files.back();
        FileReport file = qc_file(input, request, previous);
        if (request.on_file) request.on_file(file);
        report.files.push_back(std::move(file));
    }
    return report;
}

}  // namespace media::qc
