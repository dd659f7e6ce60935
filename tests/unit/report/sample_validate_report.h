// SPDX-License-Identifier: Apache-2.0
// A hand-built delivery-spec validation (ReportKind::Validate) for the writer tests: one file
// read from headers only with every rule outcome (error-level failure, warning-level failure,
// pass, not applicable, not checked), one file whose essence was measured, one unreadable file.
#pragma once

#include "media/qc/qc_report.h"
#include "sample_qc_report.h"

namespace media::test {

inline qc::CheckResult sample_rule(std::string id, std::string title, std::string category,
                                   qc::Severity severity, qc::Verdict verdict, std::string expected,
                                   std::string measured) {
    qc::CheckResult rule =
        sample_check(std::move(id), std::move(title), std::move(category), severity, verdict);
    rule.threshold_text = std::move(expected);
    rule.measured_text = std::move(measured);
    rule.reference = "Originals Delivery Spec 3.1, section 4";
    return rule;
}

inline std::vector<qc::CheckResult> sample_rules() {
    std::vector<qc::CheckResult> rules;
    rules.push_back(sample_rule("container", "QuickTime container", "container",
                                qc::Severity::Error, qc::Verdict::Pass, "in [mov]", "mov"));
    qc::CheckResult codec =
        sample_rule("video_codec", "ProRes 422 HQ", "video", qc::Severity::Error, qc::Verdict::Fail,
                    "== prores (apch)", "h264");
    codec.message = "video.codec is h264";
    rules.push_back(codec);
    qc::CheckResult height =
        sample_rule("video_height", "Height <1080> & \"UHD\"", "video", qc::Severity::Warning,
                    qc::Verdict::Fail, "in [1080, 2160]", "720 px");
    height.measured = 720.0;
    height.unit = "px";
    rules.push_back(height);
    qc::CheckResult maxcll =
        sample_rule("hdr_maxcll", "MaxCLL signalled", "video", qc::Severity::Error,
                    qc::Verdict::NotApplicable, "exists", "");
    maxcll.message = "applies when video.transfer == smpte2084 (it is bt709)";
    rules.push_back(maxcll);
    qc::CheckResult tc = sample_rule("timecode", "Start timecode", "container", qc::Severity::Error,
                                     qc::Verdict::NotChecked, "exists", "");
    tc.message = "no timecode track";
    rules.push_back(tc);
    return rules;
}

// A rule on a measured value, with the QC events it found.
inline qc::CheckResult sample_loudness_rule() {
    qc::CheckResult rule =
        sample_rule("loudness", "Programme loudness", "loudness", qc::Severity::Error,
                    qc::Verdict::Fail, "-24 ±2 LUFS", "-19.5 LUFS");
    rule.measured = -19.456789;
    rule.unit = "LUFS";
    rule.events.push_back(frame_event(0, 11, "01:00:00:00", "01:00:00:11", -19.5, "too loud"));
    return rule;
}

/// Three files validated against "netflix-prores" 2026.11: "deliver/A001.mov" (headers only,
/// failing), "deliver/A002.mov" (measured, failing loudness) and an unreadable one.
inline qc::QcReport sample_validate_report() {
    qc::QcReport report;
    report.kind = qc::ReportKind::Validate;
    report.profile_name = "netflix-prores";
    report.profile_version = "2026.11";
    report.profile_source = "builtin:netflix-prores";
    report.spec_issuer = "Netflix";
    report.spec_document = "Originals Delivery Spec 3.1 (2025-06)";
    report.parameters = {{"fps", "24000/1001"}, {"channels", "2"}};
    report.fail_on = qc::Severity::Error;

    qc::FileReport headers;
    headers.analysis.facts = sample_facts();
    headers.analysis.facts.path = "deliver/A001.mov";
    headers.checks = sample_rules();
    headers.verdict = qc::FileVerdict::Fail;
    report.files.push_back(std::move(headers));

    qc::FileReport measured;
    measured.analysis.facts = sample_facts();
    measured.analysis.facts.path = "deliver/A002.mov";
    measured.analysis.stream = sample_stream();
    add_sample_measurements(measured.analysis);
    measured.checks.push_back(sample_loudness_rule());
    measured.verdict = qc::FileVerdict::Fail;
    report.files.push_back(std::move(measured));

    qc::FileReport broken;
    broken.analysis.facts.path = "deliver/broken.mov";
    broken.verdict = qc::FileVerdict::Error;
    broken.error = "moov atom not found";
    report.files.push_back(std::move(broken));
    report.run =
        qc::RunInfo{"2026-11-27T10:00:00Z", "2026-11-27T10:00:01Z", "farm-01", "0.9.0", 1.5, 2};
    return report;
}

}  // namespace media::test
