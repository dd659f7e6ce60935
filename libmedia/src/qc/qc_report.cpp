// SPDX-License-Identifier: Apache-2.0
#include "media/qc/qc_report.h"

#include <algorithm>

namespace media::qc {

std::string_view to_string(Severity severity, SeverityStyle style) {
    const bool netflix = style == SeverityStyle::Netflix;
    switch (severity) {
        case Severity::Info:
            return netflix ? "FYI" : "info";
        case Severity::Warning:
            return netflix ? "Issue" : "warning";
        case Severity::Error:
            return netflix ? "Blocker" : "error";
    }
    return "error";
}

std::string_view to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::Pass:
            return "pass";
        case Verdict::Fail:
            return "fail";
        case Verdict::NotChecked:
            return "not_checked";
        case Verdict::NotApplicable:
            return "not_applicable";
    }
    return "fail";
}

std::string_view to_string(FileVerdict verdict) {
    switch (verdict) {
        case FileVerdict::Pass:
            return "pass";
        case FileVerdict::Warn:
            return "warn";
        case FileVerdict::Fail:
            return "fail";
        case FileVerdict::Error:
            return "error";
    }
    return "error";
}

int QcReport::exit_code() const {
    const auto is = [this](FileVerdict v) {
        return std::any_of(files.begin(), files.end(),
                           [v](const FileReport& f) { return f.verdict == v; });
    };
    if (is(FileVerdict::Error)) return 2;
    if (is(FileVerdict::Fail)) return 1;
    return 0;
}

}  // namespace media::qc
