// SPDX-License-Identifier: Apache-2.0
// Private to report/: number, time and finding formatting shared by the QC writers. Everything
// here is locale-independent (std::to_chars / fmt without 'L'), so reports are byte-identical
// whatever the process locale.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "media/qc/qc_report.h"

namespace media::report::detail {

/// `value` rounded to `digits` significant decimal digits (the double nearest that decimal), so
/// last-bit differences between runs or builds do not show; non-finite values pass through and
/// -0 becomes 0.
double round_significant(double value, int digits = 6);

/// `value` rounded to `decimals` decimal places, -0 becoming 0 (non-finite values unchanged).
double round_decimals(double value, int decimals);

/// Fixed-point text with '.' as decimal point ("12.500"), never "-0.000"; "" when not finite.
std::string fixed_text(double value, int decimals);

/// Shortest text of round_significant(value, digits) ("0.98", "-23.4", "1.5e-07"); "" when not
/// finite.
std::string number_text(double value, int digits = 6);

/// A count with its noun, plural when needed: "1 event", "3 events".
std::string count_text(size_t count, std::string_view noun);

/// Whether a check's outcome fails its file: a Fail at or above the profile's fail_on.
bool fails_file(const qc::CheckResult& check, qc::Severity fail_on);

/// One line locating an event: frames, timecodes, seconds, channel, value and detail, the parts
/// that are known ("frames 120-143 (01:00:05:00-01:00:05:23), 5.000-6.000 s: black 1.000").
std::string event_text(const qc::Event& event);

/// "measured -23.9 LUFS, threshold -23 ±0.5 LUFS" from the check's texts (falling back to the
/// number and unit); "" when neither is known.
std::string measured_vs_threshold(const qc::CheckResult& check);

/// The check's message, or measured_vs_threshold when it has none.
std::string check_summary(const qc::CheckResult& check);

/// "expected 1920x1080, measured 3840x2160" for a delivery-spec rule: the parts that are known
/// (the measured part falls back to the number and unit); "" when neither is.
std::string expected_vs_measured(const qc::CheckResult& check);

/// How a file's checks (or rules) came out; `failed` counts failures at or above fail_on,
/// `warned` those below it.
struct VerdictCounts {
    size_t total = 0;
    size_t passed = 0;
    size_t failed = 0;
    size_t warned = 0;
    size_t not_checked = 0;
    size_t not_applicable = 0;
};
VerdictCounts count_verdicts(const qc::FileReport& file, qc::Severity fail_on);

/// Whether the file's essence was decoded (a QC pass ran); false for a spec that only reads
/// headers, whose reports then leave the measurements out.
bool was_decoded(const qc::FileAnalysis& analysis);

/// Up to `limit` event lines, each prefixed with `indent` and ended by '\n', then
/// "<indent>... and N more events\n" when some were left out.
std::string event_lines(const qc::CheckResult& check, size_t limit, std::string_view indent);

}  // namespace media::report::detail
