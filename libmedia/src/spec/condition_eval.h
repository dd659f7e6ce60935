// SPDX-License-Identifier: Apache-2.0
// Evaluates a rule's condition tree on one file's field values.
#pragma once

#include <string>
#include <vector>

#include "field_values.h"
#include "media/qc/qc_report.h"
#include "media/spec/spec.h"

namespace media::spec::detail {

/// Pass / Fail, or Unknown: the condition could not be decided (a measurement that could not be
/// made, a parameter that needs --source, a QC check that was not checked).
enum class Outcome : uint8_t { Pass, Fail, Unknown };

struct Evaluation {
    Outcome outcome = Outcome::Pass;
    std::string expected;           ///< "video.height in [1080, 2160]" with parameters resolved
    std::string measured;           ///< "video.height = 720"
    std::string reason;             ///< why Unknown, or the first failing part of a group
    std::optional<double> value;    ///< the measured number of a single numeric test
    std::string unit;               ///< its unit
    std::vector<qc::Event> events;  ///< from `qc:` checks
};

/// Evaluates `condition` on the file. `short_form` leaves the field name out of the expected and
/// measured text of a single test (a rule's check reads "== 1080", "720").
Evaluation evaluate(const Condition& condition, const FileFields& file, bool short_form);

/// Whether `measured` satisfies `op expected` (with the tolerance), as the evaluator decides.
bool compare(const Value& measured, Op op, const Value& expected,
             const std::optional<Tolerance>& tolerance);

}  // namespace media::spec::detail
