// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "media/core/result.h"
#include "media/qc/qc_report.h"
#include "media/spec/spec.h"

namespace media::spec {

/// What a spec needs beyond probe: nothing (a metadata-only spec never decodes the essence),
/// or one QC decode pass with these checks enabled.
struct MeasurementPlan {
    bool decode = false;
    std::vector<std::string> qc_checks;  ///< sorted, unique
};
MeasurementPlan plan_measurements(const Spec& spec);

struct ValidateRequest {
    std::vector<std::string> inputs;  ///< files or image-sequence patterns
    Spec spec;
    /// --param name=value, parsed by the parameter's type (rationals "24000/1001", lists
    /// "a,b", booleans true/false); unknown names are errors.
    std::map<std::string, std::string> params;
    /// The file a deliverable was made from: parameters whose value is "source" take its field.
    std::string source;
    int threads = 0;      ///< QC analysis workers; 0 = every core
    bool strict = false;  ///< every failed rule fails the file, whatever its severity
    /// Called after each file with its report (progress, streaming output).
    std::function<void(qc::FileReport&)> on_file;
};

/// Validates every input against the spec: probe facts for every file, one QC pass when the
/// spec measures the essence, then one CheckResult per rule (pass / fail / not applicable /
/// not checked, expected and measured text, severity). The report has kind Validate.
/// Unreadable inputs become FileReports with FileVerdict::Error; an Error is returned only for
/// a bad request (no inputs, a bad parameter, an unreadable --source, a parameter that takes
/// the source's value without --source).
Result<qc::QcReport> run_validate(const ValidateRequest& request);

}  // namespace media::spec
