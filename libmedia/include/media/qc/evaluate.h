// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "media/qc/file_analysis.h"
#include "media/qc/profile.h"
#include "media/qc/qc_report.h"

namespace media::qc {

/// Turns one file's measurements into a verdict per enabled check of the profile, in
/// check_catalog() order: measured value, threshold, events with frames, timecodes and seconds.
/// Checks whose stream or data is missing are NotChecked with the reason.
std::vector<CheckResult> evaluate_checks(const FileAnalysis& analysis, const QcProfile& profile);

/// The file's overall verdict from its checks (and decode errors) under the profile.
FileVerdict file_verdict(const FileAnalysis& analysis, const std::vector<CheckResult>& checks,
                         const QcProfile& profile);

}  // namespace media::qc
