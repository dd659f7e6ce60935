// SPDX-License-Identifier: Apache-2.0
#include "media/report/qc_session.h"

#include <filesystem>
#include <optional>

#include <fmt/format.h>

#include "media/core/log.h"
#include "media/qc/qc_shard.h"
#include "media/report/frames_csv.h"
#include "report_outputs.h"

namespace media::report {
namespace {

namespace fs = std::filesystem;

detail::ReportOutputs outputs_of(const QcSession& session) {
    return {session.json_path, session.junit_path, session.html_path, session.json};
}

Result<void> check_outputs(const QcSession& session) {
    MEDIA_TRY(detail::check_outputs_writable(outputs_of(session)));
    MEDIA_TRY(detail::check_writable(session.frames_csv_path, "frames CSV"));
    if (!session.evidence_dir.empty()) {
        std::error_code ec;
        fs::create_directories(session.evidence_dir, ec);
        if (ec)
            return Error(ErrorCode::IoError,
                         fmt::format("evidence folder {}: {}", session.evidence_dir, ec.message()));
    }
    return {};
}

/// The report of request.inputs[0] from its shards.
Result<qc::QcReport> merge(const QcSession& session, const qc::QcRequest& request) {
    if (!session.frames_csv_path.empty() || request.inputs.size() != 1)
        return Error(ErrorCode::InvalidArgument,
                     "qc: merging shards takes one input and writes no per-frame CSV");
    qc::QcMergeRequest merge;
    merge.input = request.inputs.front();
    merge.profile = request.profile;
    merge.shards = session.merge_shards;
    merge.threads = request.threads;
    merge.on_file = request.on_file;
    return qc::merge_qc_shards(merge);
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
    MEDIA_TRY_ASSIGN(qc::QcReport report,
                     session.merge_shards.empty() ? qc::run_qc(request) : merge(session, request));
    if (csv_error) return *csv_error;
    if (csv) MEDIA_TRY(csv->commit());
    MEDIA_TRY(detail::write_reports(outputs_of(session), report));
    return report;
}

}  // namespace media::report
