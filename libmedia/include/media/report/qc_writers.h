// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "media/core/result.h"
#include "media/qc/qc_report.h"

namespace media::report {

struct JsonReportOptions {
    bool series = false;   ///< include the per-frame graphs (bounded FrameSeries points)
    bool run_info = true;  ///< include the "run" section (time, host): the only varying part
};

/// The QC report as one JSON document (schema "slate.qc-report", version 1; docs/qc-report.md).
/// Byte-identical for the same report whatever the locale; keys in a fixed order.
std::string qc_report_json(const qc::QcReport& report, const JsonReportOptions& options = {});

/// JUnit XML: one <testsuite> per file, one <testcase> per check; <failure> for failed checks at
/// or above the profile's fail_on (failures below it pass, their findings in <system-out>),
/// <skipped> for NotChecked, <error> in a "read" case for unreadable files. Valid against the
/// Jenkins junit-10.xsd schema; byte-identical across runs (times are 0; docs/qc-report.md).
std::string qc_report_junit(const qc::QcReport& report);

/// A readable plain-text summary for the terminal: a verdict line per file and a line per
/// failed / not-checked check with its measured value and threshold.
std::string qc_report_text(const qc::QcReport& report, bool verbose = false);

/// A single self-contained HTML page: verdict table, per-frame graphs as inline SVG with
/// thresholds and events marked, event thumbnails (inline PNG), run info in its own section.
std::string qc_report_html(const qc::QcReport& report);

}  // namespace media::report
