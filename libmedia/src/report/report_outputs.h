// SPDX-License-Identifier: Apache-2.0
// Private to report/: what the QC and validate sessions share about their report files: they
// are checked writable before any decoding, and written under a temporary name when complete.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include <fmt/format.h>

#include "media/core/result.h"
#include "media/core/text_file.h"
#include "media/qc/qc_report.h"
#include "media/report/qc_writers.h"

namespace media::report::detail {

/// The report files a session writes; "-" (stdout) and "" are the caller's business.
struct ReportOutputs {
    std::string json_path;
    std::string junit_path;
    std::string html_path;
    JsonReportOptions json;
};

/// Fails before any decoding when a report could not be written afterwards.
inline Result<void> check_writable(const std::string& path, const char* what) {
    namespace fs = std::filesystem;
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

inline Result<void> check_outputs_writable(const ReportOutputs& outputs) {
    MEDIA_TRY(check_writable(outputs.json_path, "JSON report"));
    MEDIA_TRY(check_writable(outputs.junit_path, "JUnit report"));
    MEDIA_TRY(check_writable(outputs.html_path, "HTML report"));
    return {};
}

inline bool is_file_output(const std::string& path) {
    return !path.empty() && path != "-";
}

/// Writes the JSON, JUnit and HTML reports that were asked for, each atomically.
inline Result<void> write_reports(const ReportOutputs& outputs, const qc::QcReport& report) {
    if (is_file_output(outputs.json_path))
        MEDIA_TRY(
            write_text_file_atomically(outputs.json_path, qc_report_json(report, outputs.json)));
    if (is_file_output(outputs.junit_path))
        MEDIA_TRY(write_text_file_atomically(outputs.junit_path, qc_report_junit(report)));
    if (is_file_output(outputs.html_path))
        MEDIA_TRY(write_text_file_atomically(outputs.html_path, qc_report_html(report)));
    return {};
}

}  // namespace media::report::detail
