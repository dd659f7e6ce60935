// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/qc/file_analysis.h"

namespace media::qc {

enum class Severity : uint8_t { Info, Warning, Error };
/// Pass: measured and within limits. Fail: a finding (its severity says how bad).
/// NotChecked: the check could not run (no stream, no timestamps...; `message` says why).
/// NotApplicable: a delivery-spec rule whose condition does not hold for the file (an HDR rule
/// on an SDR file); QC checks never give it.
enum class Verdict : uint8_t { Pass, Fail, NotChecked, NotApplicable };
/// How severities are named in reports: info/warning/error or Netflix's FYI/Issue/Blocker.
enum class SeverityStyle : uint8_t { Standard, Netflix };

std::string_view to_string(Severity severity, SeverityStyle style = SeverityStyle::Standard);
std::string_view to_string(Verdict verdict);

/// One finding of a check, located in the file. Video events give frames and timecodes; audio
/// events give seconds (and the frames they cover when there is video).
struct Event {
    int64_t first_frame = -1;  ///< inclusive; -1 when not frame based
    int64_t last_frame = -1;
    std::string first_timecode;  ///< "" without a start timecode
    std::string last_timecode;
    double start_seconds = 0.0;
    double end_seconds = 0.0;     ///< exclusive
    int channel = -1;             ///< audio channel (0-based), -1 for all / not audio
    std::optional<double> value;  ///< the measurement at its worst
    std::string detail;           ///< "black share 1.000 >= 0.98"
};

/// One check's outcome for one file.
struct CheckResult {
    std::string id;                       ///< "black", "loudness_integrated"...
    std::string title;                    ///< "Black segments"
    std::string category;                 ///< "video", "audio", "stream"
    Severity severity = Severity::Error;  ///< of a failure of this check
    Verdict verdict = Verdict::Pass;
    std::optional<double> measured;  ///< the headline measurement (worst / programme value)
    std::string unit;                ///< "LUFS", "dBTP", "s", "%", "frames"...
    std::string measured_text;       ///< "-23.4 LUFS", "3 segments (longest 5 frames)"
    std::string threshold_text;      ///< "-23 ±0.5 LUFS", "< 2 s"
    std::string message;             ///< why not checked, or a one-line summary of the failure
    std::vector<Event> events;
    std::vector<std::string> evidence;  ///< files written for the events (--evidence)
    /// Delivery-spec rules only: where the rule's figure comes from (document, section) and
    /// the spec author's research note. Empty for QC checks.
    std::string reference;
};

/// Frames picked to show an event in reports: a small RGB picture as PNG bytes.
struct Thumbnail {
    std::string check;
    int64_t frame = 0;
    std::string timecode;
    std::string png;  ///< encoded PNG (binary bytes)
};

/// The overall state of a file: pass, warn (failures below the profile's fail_on severity),
/// fail, or error (unreadable, decode errors).
enum class FileVerdict : uint8_t { Pass, Warn, Fail, Error };
std::string_view to_string(FileVerdict verdict);

struct FileReport {
    FileAnalysis analysis;
    std::vector<CheckResult> checks;
    FileVerdict verdict = FileVerdict::Pass;
    std::string error;  ///< set for FileVerdict::Error: what made the file unreadable
    std::vector<Thumbnail> thumbnails;
};

/// When and where a run happened: kept apart so report bodies are identical across runs.
struct RunInfo {
    std::string started_utc;  ///< "2026-11-27T10:00:00Z"
    std::string finished_utc;
    std::string host;
    std::string slate_version;
    double wall_seconds = 0.0;
    int threads = 0;
};

/// What a report judges files against: a QC profile (slate qc) or a delivery spec (slate
/// validate: one CheckResult per rule, ids are rule ids). Writers name it accordingly.
enum class ReportKind : uint8_t { Qc, Validate };

/// A spec parameter as the run used it (slate validate --param), for the report.
struct ReportParameter {
    std::string name;
    std::string value;
};

struct QcReport {
    ReportKind kind = ReportKind::Qc;
    /// Validate only: the spec's issuer, source document and its date, and the parameters.
    std::string spec_issuer;
    std::string spec_document;
    std::vector<ReportParameter> parameters;
    std::string profile_name;     ///< the profile's name, or the spec's (ReportKind::Validate)
    std::string profile_version;  ///< the profile's (spec's) own version string
    std::string profile_source;   ///< file it came from ("builtin:default" for shipped ones)
    SeverityStyle severity_style = SeverityStyle::Standard;
    Severity fail_on = Severity::Error;
    std::vector<FileReport> files;
    RunInfo run;

    /// 0 every file passed (or only warned), 1 a check failed, 2 a file was unreadable / had
    /// decode errors.
    int exit_code() const;
};

}  // namespace media::qc
