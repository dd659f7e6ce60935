// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "media/core/result.h"
#include "media/qc/qc_run.h"
#include "media/report/evidence.h"
#include "media/report/qc_writers.h"

namespace media::report {

/// A QC run with its outputs: what `slate qc` does, for programs.
struct QcSession {
    qc::QcRequest request;
    std::string json_path;   ///< write each report here when set ("-" = stdout is the
    std::string junit_path;  ///< caller's business: these are files, written atomically)
    std::string html_path;
    std::string frames_csv_path;
    std::string evidence_dir;
    JsonReportOptions json;
    /// When set, the report is merged from these shard files of request.inputs[0]
    /// (qc::merge_qc_shards) instead of decoding the file; frames_csv_path must be empty.
    std::vector<std::string> merge_shards;
};

/// Runs the QC, grabs thumbnails/evidence for failing events (when an HTML page or evidence is
/// asked for), and writes every requested report under a temporary name, renamed when complete.
/// Outputs are checked writable before the run starts.
Result<qc::QcReport> run_qc_session(const QcSession& session);

}  // namespace media::report
