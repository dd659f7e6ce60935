// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "media/core/result.h"
#include "media/report/qc_writers.h"
#include "media/spec/validate.h"

namespace media::report {

/// A validation with its outputs: what `slate validate` does, for programs.
struct ValidateSession {
    spec::ValidateRequest request;
    std::string json_path;  ///< written atomically when set ("-": stdout, the caller's business)
    std::string junit_path;
    std::string html_path;
    JsonReportOptions json;
};

/// Checks the outputs are writable, validates, and writes every requested report under a
/// temporary name, renamed when complete.
Result<qc::QcReport> run_validate_session(const ValidateSession& session);

}  // namespace media::report
