// SPDX-License-Identifier: Apache-2.0
#include "media/report/validate_session.h"

#include <fmt/format.h>

#include "media/core/log.h"
#include "media/report/evidence.h"
#include "report_outputs.h"

namespace media::report {
namespace {

detail::ReportOutputs outputs_of(const ValidateSession& session) {
    return {session.json_path, session.junit_path, session.html_path, session.json};
}

// The HTML page shows a frame of each failing rule's events, as the QC page does; rules that
// only read headers have no events, so a metadata-only spec re-reads nothing.
void add_thumbnails(qc::FileReport& file) {
    if (file.verdict == qc::FileVerdict::Error) return;
    EvidenceOptions options;
    options.thumbnails = true;
    // A file that cannot be re-read keeps its verdict: pictures are for people.
    if (auto collected = collect_evidence(file, options); !collected)
        log(LogLevel::Warning, fmt::format("thumbnails for {}: {}", file.analysis.facts.path,
                                           collected.error().message()));
}

}  // namespace

Result<qc::QcReport> run_validate_session(const ValidateSession& session) {
    const detail::ReportOutputs outputs = outputs_of(session);
    MEDIA_TRY(detail::check_outputs_writable(outputs));
    spec::ValidateRequest request = session.request;
    const bool thumbnails = detail::is_file_output(session.html_path);
    request.on_file = [&](qc::FileReport& file) {
        if (thumbnails) add_thumbnails(file);
        if (session.request.on_file) session.request.on_file(file);
    };
    MEDIA_TRY_ASSIGN(qc::QcReport report, spec::run_validate(request));
    MEDIA_TRY(detail::write_reports(outputs, report));
    return report;
}

}  // namespace media::report
