// SPDX-License-Identifier: Apache-2.0
// The sharded paths of `slate qc`: write one shard, or merge shards into the reports `slate qc`
// writes (evidence and thumbnails for failing events, every report file written atomically).
#include "qc/qc_shards.h"

#include <filesystem>
#include <iostream>
#include <system_error>

#include <fmt/format.h>

#include "common/cli.h"
#include "media/core/log.h"
#include "media/core/text_file.h"
#include "media/qc/qc_shard.h"
#include "media/report/evidence.h"
#include "media/report/qc_writers.h"

namespace slate {
namespace {

namespace fs = std::filesystem;

bool is_file_output(const std::string& path) {
    return !path.empty() && path != "-";
}

// Fails before any decoding when a report could not be written afterwards.
media::Result<void> check_writable(const std::string& path, const char* what) {
    if (!is_file_output(path)) return {};
    const fs::path parent = fs::absolute(fs::path(path)).parent_path();
    std::error_code ec;
    if (!fs::is_directory(parent, ec))
        return media::Error(
            media::ErrorCode::IoError,
            fmt::format("{} {}: folder {} does not exist", what, path, parent.string()));
    return {};
}

media::Result<void> check_outputs(const QcSettings& s) {
    MEDIA_TRY(check_writable(s.json, "JSON report"));
    MEDIA_TRY(check_writable(s.junit, "JUnit report"));
    MEDIA_TRY(check_writable(s.html, "HTML report"));
    if (!s.evidence_dir.empty()) {
        std::error_code ec;
        fs::create_directories(s.evidence_dir, ec);
        if (ec)
            return media::Error(
                media::ErrorCode::IoError,
                fmt::format("evidence folder {}: {}", s.evidence_dir, ec.message()));
    }
    return {};
}

media::Result<void> write_reports(const QcSettings& s, const media::qc::QcReport& report) {
    namespace report_ns = media::report;
    if (is_file_output(s.json))
        MEDIA_TRY(media::write_text_file_atomically(
            s.json, report_ns::qc_report_json(report, {s.series, true})));
    if (is_file_output(s.junit))
        MEDIA_TRY(media::write_text_file_atomically(s.junit, report_ns::qc_report_junit(report)));
    if (is_file_output(s.html))
        MEDIA_TRY(media::write_text_file_atomically(s.html, report_ns::qc_report_html(report)));
    return {};
}

// Thumbnails and strips for failing events, as `slate qc` collects them.
void collect_pictures(const QcSettings& s, media::qc::FileReport& file) {
    media::report::EvidenceOptions evidence;
    evidence.dir = s.evidence_dir;
    evidence.thumbnails = !s.html.empty();
    if (evidence.dir.empty() && !evidence.thumbnails) return;
    if (file.verdict == media::qc::FileVerdict::Error) return;
    if (auto collected = media::report::collect_evidence(file, evidence); !collected)
        media::log(media::LogLevel::Warning,
                   fmt::format("evidence for {}: {}", file.analysis.facts.path,
                               collected.error().message()));
}

}  // namespace

int run_qc_shard(const QcSettings& s, const media::qc::QcProfile& profile) {
    media::qc::QcShardRequest request;
    request.input = s.inputs.front();
    request.profile = profile;
    request.frames = *s.shard;
    request.output = s.shard_out;
    request.threads = s.threads;
    if (auto written = media::qc::run_qc_shard(request); !written)
        return report_error("qc", written.error());
    if (!s.quiet)
        std::cout << fmt::format("shard {} of {}: {}\n", media::format_frame_range(*s.shard),
                                 request.input, s.shard_out);
    return kExitOk;
}

int run_qc_merge(const QcSettings& s, media::qc::QcProfile profile) {
    if (auto checked = check_outputs(s); !checked) return report_error("qc", checked.error());
    media::qc::QcMergeRequest request;
    request.input = s.inputs.front();
    request.profile = std::move(profile);
    request.shards = s.merge_shards;
    request.threads = s.threads;
    request.on_file = [&](media::qc::FileReport& file) { collect_pictures(s, file); };
    auto report = media::qc::merge_qc_shards(request);
    if (!report) return report_error("qc", report.error());
    if (auto written = write_reports(s, *report); !written)
        return report_error("qc", written.error());
    if (s.json == "-")
        std::cout << media::report::qc_report_json(*report, {s.series, true});
    else if (!s.quiet)
        std::cout << media::report::qc_report_text(*report, s.verbose);
    return report->exit_code();
}

}  // namespace slate
