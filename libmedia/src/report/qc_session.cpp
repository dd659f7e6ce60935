// SPDX-License-Identifier: Apache-2.0
#include "media/report/qc_session.h"

#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "media/core/log.h"
#include "media/core/text_file.h"
#include "media/report/frames_csv.h"

namespace media::report {
namespace {

namespace fs = std::filesystem;

// Fails before any decoding when a report could not be written afterwards.
Result<void> check_writable(const std::string& path, const char* what) {
    if (path.empty() || path == "-") return {};
    const fs::path parent = fs::absolute(fs::path(path)).parent_path();
    std::error_code ec;
    if (!fs::is_directory(parent, ec))
        return Error(ErrorCode::IoError,
                     fmt::format("{} {}: folder {} does not exist", what, path, parent.string()));
    if (fs::is_directory(path, ec))
        return Error(ErrorCode::IoError, fmt::format("{} {}: is a folder", what, path));
    return {};
}

Result<void> check_outputs(const QcSession& session) {
    MEDIA_TRY(check_writable(session.json_path, "JSON report"));
    MEDIA_TRY(check_writable(session.junit_path, "JUnit report"));
    MEDIA_TRY(check_writable(session.html_path, "HTML report"));
    MEDIA_TRY(check_writable(session.frames_csv_path, "frames CSV"));
    if (!session.evidence_dir.empty()) {
        std::error_code ec;
        fs::create_directories(session.evidence_dir, ec);
        if (ec)
            return Error(ErrorCode::IoError,
                         fmt::format("evidence folder {}: {}", session.evidence_dir, ec.message()));
    }
    return {};
}

Result<void> write_reports(const QcSession& session, const qc::QcReport& report) {
    if (!session.json_path.empty() && session.json_path != "-")
        MEDIA_TRY(
            write_text_file_atomically(session.json_path, qc_report_json(report, session.json)));
    if (!session.junit_path.empty() && session.junit_path != "-")
        MEDIA_TRY(write_text_file_atomically(session.junit_path, qc_report_junit(report)));
    if (!session.html_path.empty() && session.html_path != "-")
        MEDIA_TRY(write_text_file_atomically(session.html_path, qc_report_html(report)));
    return {};
}

}  // namespace

Result<qc::QcReport> run_qc_session(const QcSession& session) {
    MEDIA_TRY(check_outputs(session));
    qc::QcRequest request = session.request;
    std::optional<FramesCsvWriter> csv;
    std::optional<Error> csv_error;
    if (!session.frames_csv_path.empty()) {
        // The CSV is the QCTools-style record: every statistic, whatever the profile skips.
        request.profile.measure.signal_stats_detail = true;
        MEDIA_TRY_ASSIGN(FramesCsvWriter writer, FramesCsvWriter::create(session.frames_csv_path));
        csv.emplace(std::move(writer));
        request.on_frame = [&](const qc::FrameObservation& seen) {
            if (csv_error) return;
            if (auto written = csv->write(seen); !written) csv_error = written.error();
        };
    }
    EvidenceOptions evidence;
    evidence.dir = session.evidence_dir;
    evidence.thumbnails = !session.html_path.empty();
    const bool wants_pictures = !evidence.dir.empty() || evidence.thumbnails;
    request.on_file = [&](qc::FileReport& file) {
        // Pictures are evidence for people; a file that cannot be re-read keeps its verdict.
        if (wants_pictures && file.verdict != qc::FileVerdict::Error) {
            if (auto collected = collect_evidence(file, evidence); !collected)
                log(LogLevel::Warning, fmt::format("evidence for {}: {}", file.analysis.facts.path,
                                                   collected.error().message()));
        }
        if (session.request.on_file) session.request.on_file(file);
    };
    MEDIA_TRY_ASSIGN(qc::QcReport report, qc::run_qc(request));
    if (csv_error) return *csv_error;
    if (csv) MEDIA_TRY(csv->commit());
    MEDIA_TRY(write_reports(session, report));
    return report;
}

}  // namespace media::report
