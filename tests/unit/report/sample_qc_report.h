// SPDX-License-Identifier: Apache-2.0
// A hand-built QC report for the writer tests: one read file with every kind of check outcome
// (error-level failure with events, warning-level failure, pass, not checked, a title that needs
// escaping) and measurements in every section, and one unreadable file.
#pragma once

#include <limits>
#include <string>

#include "media/core/timecode.h"
#include "media/qc/qc_report.h"

namespace media::test {

inline qc::Event frame_event(int64_t first, int64_t last, std::string first_tc, std::string last_tc,
                             double value, std::string detail) {
    qc::Event event;
    event.first_frame = first;
    event.last_frame = last;
    event.first_timecode = std::move(first_tc);
    event.last_timecode = std::move(last_tc);
    event.start_seconds = static_cast<double>(first) * 1001.0 / 24000.0;
    event.end_seconds = static_cast<double>(last + 1) * 1001.0 / 24000.0;
    event.value = value;
    event.detail = std::move(detail);
    return event;
}

inline qc::FileFacts sample_facts() {
    qc::FileFacts facts;
    facts.path = "dailies/A001_C002.mov";
    facts.container = "mov,mp4,m4a,3gp,3g2,mj2";
    facts.duration_seconds = 10.01;
    facts.size_bytes = 123456789;
    facts.has_video = true;
    facts.video_codec = "prores";
    facts.width = 1920;
    facts.height = 1080;
    facts.frame_rate = Rational(24000, 1001);
    facts.pixel_format = "yuv444p12le";
    facts.color.primaries = ColorPrimaries::BT2020;
    facts.color.transfer = TransferCharacteristic::SMPTE2084;
    facts.color.matrix = MatrixCoefficients::BT2020_NCL;
    facts.color.range = ColorRange::Limited;
    facts.color.mastering_display =
        MasteringDisplay{0.708, 0.292, 0.17, 0.797, 0.131, 0.046, 0.3127, 0.329, 0.0001, 1000.0};
    facts.color.content_light = ContentLightLevel{1000, 400};
    facts.declared_frames = 240;
    facts.start_timecode =
        Timecode(TimecodeRate::make(Rational(24000, 1001), false).value(), 86400);
    facts.has_audio = true;
    facts.audio_codec = "pcm_s24le";
    facts.audio_channels = 2;
    facts.sample_rate = 48000;
    facts.channel_layout = "stereo";
    return facts;
}

inline qc::StreamAnalysis sample_stream() {
    qc::StreamAnalysis stream;
    stream.frames_decoded = 240;
    stream.decode_errors.push_back(DecodeIssue{0, 17, 17 * 1001, "corrupt slice"});
    stream.corrupt_frames.push_back(analysis::Segment{17, 17, 1.0, "concealed"});
    stream.timecode_breaks.push_back(qc::TimecodeBreak{120, "01:00:05:00", "01:00:06:00", 24, ""});
    stream.video_seconds = 240.0 * 1001.0 / 24000.0;
    stream.audio_seconds = 10.01;
    stream.audio_samples = 480480;
    return stream;
}

inline analysis::PictureResult sample_picture() {
    analysis::PictureResult picture;
    picture.luma_above.push_back(analysis::Segment{30, 32, 0.0123456789, "Y' 1000 above 1019"});
    picture.active_area.push_back(analysis::ActiveAreaSegment{0, 239, {0, 140, 1920, 800}});
    picture.luma_min_percent = -0.5;
    picture.luma_max_percent = 101.25;
    picture.light = analysis::LightLevelResult{987.654321, 301.5, 42, 43, 240};
    return picture;
}

inline analysis::LoudnessResult sample_loudness() {
    analysis::LoudnessResult loudness;
    loudness.integrated = -23.456789123;
    loudness.range = 6.7;
    loudness.momentary_max = -14.2;
    loudness.short_term_max = -18.9;
    loudness.true_peak = -0.3;
    loudness.sample_peak = -0.5;
    loudness.true_peak_per_channel = {-0.3, -std::numeric_limits<double>::infinity()};
    loudness.true_peak_over.push_back(analysis::Segment{48000, 52799, -0.3, ""});
    loudness.short_term = analysis::FrameSeries("LOUDNESS_S", "LUFS");
    for (int ms = 0; ms < 1000; ms += 100) loudness.short_term.add(ms, -23.0 + ms / 1000.0);
    return loudness;
}

inline analysis::AudioLevelsResult sample_audio_levels() {
    analysis::AudioLevelsResult levels;
    levels.channels = 2;
    levels.sample_rate = 48000;
    levels.channel_layout = "stereo";
    levels.samples = 480480;
    levels.phase_min = 0.25;
    levels.phase_mean = 0.9;
    for (int channel = 0; channel < 2; ++channel) {
        analysis::ChannelLevels level;
        level.channel = channel;
        level.peak_db = -0.5;
        level.rms_db = -20.0;
        level.dead = channel == 1;
        level.silence.push_back(analysis::Segment{0, 23999, -80.0, ""});
        levels.per_channel.push_back(level);
    }
    return levels;
}

inline void add_sample_measurements(qc::FileAnalysis& analysis) {
    analysis.picture = sample_picture();
    analysis.black = std::vector<analysis::Segment>{{0, 11, 0.99, "black share 0.990 >= 0.98"}};
    analysis.freeze = std::vector<analysis::Segment>{};
    analysis.interlace = analysis::InterlaceResult{0, 0, 240, 0, 0, 0, "progressive", {}};
    analysis.cadence = analysis::CadenceResult{{100}, {}, "none", 0};
    analysis.flash = analysis::FlashResult{{{"luminance", 50, 73, 5, 0.4, 120.0}}, 5, 0.4};
    analysis.loudness = sample_loudness();
    analysis.audio_levels = sample_audio_levels();
    analysis::FrameSeries yavg("YAVG", "code");
    for (int frame = 0; frame < 10; ++frame) yavg.add(frame, 500.0 + frame / 3.0);
    analysis.series.push_back(std::move(yavg));
}

inline qc::CheckResult sample_check(std::string id, std::string title, std::string category,
                                    qc::Severity severity, qc::Verdict verdict) {
    qc::CheckResult check;
    check.id = std::move(id);
    check.title = std::move(title);
    check.category = std::move(category);
    check.severity = severity;
    check.verdict = verdict;
    return check;
}

inline qc::CheckResult sample_black_check() {
    qc::CheckResult black =
        sample_check("black", "Black segments", "video", qc::Severity::Error, qc::Verdict::Fail);
    black.measured = 12.0;
    black.unit = "frames";
    black.measured_text = "5 segments (longest 12 frames)";
    black.threshold_text = "< 1 s";
    black.message = "5 black segments";
    black.events.push_back(frame_event(0, 11, "01:00:00:00", "01:00:00:11", 0.99, "black 0.990"));
    for (int i = 1; i < 5; ++i)
        black.events.push_back(frame_event(i * 40, i * 40 + 2, "", "", 1.0, ""));
    black.evidence.push_back("evidence/black_0.png");
    return black;
}

inline std::vector<qc::CheckResult> sample_checks() {
    std::vector<qc::CheckResult> checks;
    checks.push_back(sample_black_check());
    qc::CheckResult loudness = sample_check("loudness_integrated", "Integrated loudness", "audio",
                                            qc::Severity::Warning, qc::Verdict::Fail);
    loudness.measured = -23.456789123;
    loudness.unit = "LUFS";
    loudness.measured_text = "-23.5 LUFS";
    loudness.threshold_text = "-24 ±0.2 LUFS";
    checks.push_back(loudness);
    qc::CheckResult peak =
        sample_check("true_peak", "True peak", "audio", qc::Severity::Error, qc::Verdict::Pass);
    peak.measured = -0.0000001;  // small: 6 significant digits must keep it
    peak.unit = "dBTP";
    checks.push_back(peak);
    qc::CheckResult pse = sample_check("pse", "Photosensitive flashes", "video",
                                       qc::Severity::Error, qc::Verdict::NotChecked);
    pse.message = "disabled by the profile";
    checks.push_back(pse);
    checks.push_back(sample_check("levels", "Levels <R103> & \"legal\"", "video",
                                  qc::Severity::Info, qc::Verdict::Pass));
    return checks;
}

/// Two files: "dailies/A001_C002.mov" read and failing, and an unreadable one whose name needs
/// escaping in XML and CSV.
inline qc::QcReport sample_qc_report(qc::SeverityStyle style = qc::SeverityStyle::Standard) {
    qc::QcReport report;
    report.profile_name = "streaming-originals";
    report.profile_version = "1.2";
    report.profile_source = "builtin:streaming-originals";
    report.severity_style = style;
    report.fail_on = qc::Severity::Error;
    qc::FileReport good;
    good.analysis.facts = sample_facts();
    good.analysis.stream = sample_stream();
    add_sample_measurements(good.analysis);
    good.checks = sample_checks();
    good.verdict = qc::FileVerdict::Fail;
    report.files.push_back(std::move(good));
    qc::FileReport broken;
    broken.analysis.facts.path = "broken <&\"'>.mov";
    broken.verdict = qc::FileVerdict::Error;
    broken.error = "moov atom not found";
    report.files.push_back(std::move(broken));
    report.run =
        qc::RunInfo{"2026-11-27T10:00:00Z", "2026-11-27T10:00:05Z", "farm-01", "0.9.0", 5.25, 2};
    return report;
}

}  // namespace media::test
