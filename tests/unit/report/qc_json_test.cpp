// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "comma_locale.h"
#include "media/report/qc_writers.h"
#include "sample_qc_report.h"

namespace media::report {
namespace {

using json = nlohmann::ordered_json;

json parse(const std::string& text) {
    return json::parse(text);
}

std::vector<std::string> keys(const json& object) {
    std::vector<std::string> names;
    for (const auto& item : object.items()) names.push_back(item.key());
    return names;
}

using Keys = std::vector<std::string>;

TEST(QcReportJson, DocumentHasTheDocumentedKeysInOrder) {
    const json doc = parse(qc_report_json(test::sample_qc_report()));
    EXPECT_EQ(keys(doc),
              (Keys{"schema", "version", "profile", "verdict", "exit_code", "files", "run"}));
    EXPECT_EQ(doc["schema"], "slate.qc-report");
    EXPECT_EQ(doc["version"], 1);
    EXPECT_EQ(keys(doc["profile"]),
              (Keys{"name", "version", "source", "fail_on", "severity_style"}));
    EXPECT_EQ(doc["profile"]["fail_on"], "error");
    EXPECT_EQ(doc["profile"]["severity_style"], "standard");
    EXPECT_EQ(doc["verdict"], "error");  // the worst file verdict
    EXPECT_EQ(doc["exit_code"], 2);
    EXPECT_EQ(keys(doc["run"]), (Keys{"started_utc", "finished_utc", "host", "slate_version",
                                      "wall_seconds", "threads"}));
    EXPECT_EQ(doc["run"]["wall_seconds"], 5.25);
}

TEST(QcReportJson, FileFactsAndMeasurementsHaveEveryKey) {
    const json file = parse(qc_report_json(test::sample_qc_report()))["files"][0];
    EXPECT_EQ(keys(file), (Keys{"path", "verdict", "error", "facts", "measurements", "checks"}));
    EXPECT_EQ(file["path"], "dailies/A001_C002.mov");
    EXPECT_EQ(file["verdict"], "fail");
    EXPECT_TRUE(file["error"].is_null());
    const json& facts = file["facts"];
    EXPECT_EQ(keys(facts), (Keys{"container", "duration_seconds", "size_bytes", "start_timecode",
                                 "video", "audio"}));
    EXPECT_EQ(facts["start_timecode"], "01:00:00:00");
    EXPECT_EQ(keys(facts["video"]), (Keys{"codec", "width", "height", "frame_rate", "pixel_format",
                                          "declared_frames", "color"}));
    EXPECT_EQ(facts["video"]["frame_rate"], "24000/1001");
    const json& color = facts["video"]["color"];
    EXPECT_EQ(color["transfer"], "smpte2084");
    EXPECT_EQ(color["mastering_display"]["red"], json({0.708, 0.292}));
    EXPECT_EQ(color["mastering_display"]["min_luminance"], 0.0001);
    EXPECT_EQ(color["content_light"], json({{"max_cll", 1000}, {"max_fall", 400}}));
    EXPECT_EQ(keys(facts["audio"]), (Keys{"codec", "channels", "sample_rate", "channel_layout"}));
    const json& m = file["measurements"];
    EXPECT_EQ(keys(m), (Keys{"frames_decoded", "video_seconds",    "audio_seconds",
                             "audio_samples",  "timestamps_known", "variable_frame_rate",
                             "truncated",      "fatal_error",      "decode_errors",
                             "corrupt_frames", "timecode_breaks",  "pts_gaps",
                             "picture",        "light_level",      "black",
                             "freeze",         "interlace",        "cadence",
                             "flash",          "loudness",         "audio_levels"}));
    EXPECT_EQ(m["decode_errors"][0],
              json({{"stream", 0}, {"frame", 17}, {"pts", 17017}, {"message", "corrupt slice"}}));
    EXPECT_EQ(m["light_level"]["max_cll"], 987.654);  // 6 significant digits
    EXPECT_EQ(m["light_level"]["max_fall_frame"], 43);
    EXPECT_EQ(m["picture"]["luma_above"][0]["value"], 0.0123457);
    EXPECT_EQ(m["black"][0], json({{"first", 0},
                                   {"last", 11},
                                   {"value", 0.99},
                                   {"detail", "black share 0.990 >= 0.98"}}));
    EXPECT_EQ(m["freeze"], json::array());
    EXPECT_EQ(m["cadence"]["repeated_frames"], json({100}));
    EXPECT_EQ(m["flash"]["failures"][0]["kind"], "luminance");
}

TEST(QcReportJson, LoudnessAndAudioSegmentsGiveSamplesAndSeconds) {
    const json m = parse(qc_report_json(test::sample_qc_report()))["files"][0]["measurements"];
    const json& loudness = m["loudness"];
    EXPECT_EQ(keys(loudness),
              (Keys{"integrated", "range", "momentary_max", "short_term_max", "true_peak",
                    "sample_peak", "true_peak_per_channel", "true_peak_over"}));
    EXPECT_EQ(loudness["integrated"], -23.4568);
    EXPECT_EQ(loudness["true_peak_per_channel"], json({-0.3, nullptr}));  // -inf: null
    EXPECT_EQ(loudness["true_peak_over"][0], json({{"first_sample", 48000},
                                                   {"last_sample", 52799},
                                                   {"start_seconds", 1.0},
                                                   {"end_seconds", 1.1},
                                                   {"value", -0.3},
                                                   {"detail", nullptr}}));
    const json& levels = m["audio_levels"];
    EXPECT_EQ(keys(levels),
              (Keys{"channels", "sample_rate", "channel_layout", "samples", "phase_min",
                    "phase_mean", "out_of_phase", "silence_all", "per_channel"}));
    EXPECT_EQ(keys(levels["per_channel"][1]),
              (Keys{"channel", "peak_db", "rms_db", "dc_offset", "dead", "clipped_samples",
                    "silence", "clipping", "peak_over"}));
    EXPECT_EQ(levels["per_channel"][1]["dead"], true);
    EXPECT_EQ(levels["per_channel"][0]["silence"][0]["end_seconds"], 0.5);
}

TEST(QcReportJson, ChecksAndEventsHaveEveryKey) {
    const json checks = parse(qc_report_json(test::sample_qc_report()))["files"][0]["checks"];
    ASSERT_EQ(checks.size(), 5u);
    const json& black = checks[0];
    EXPECT_EQ(keys(black),
              (Keys{"id", "title", "category", "severity", "verdict", "measured", "unit",
                    "measured_text", "threshold_text", "message", "events", "evidence"}));
    EXPECT_EQ(black["verdict"], "fail");
    EXPECT_EQ(black["severity"], "error");
    EXPECT_EQ(black["evidence"], json({"evidence/black_0.png"}));
    ASSERT_EQ(black["events"].size(), 5u);
    const json& event = black["events"][0];
    EXPECT_EQ(keys(event), (Keys{"first_frame", "last_frame", "first_timecode", "last_timecode",
                                 "start_seconds", "end_seconds", "channel", "value", "detail"}));
    EXPECT_EQ(event["first_timecode"], "01:00:00:00");
    EXPECT_EQ(event["end_seconds"], 0.5005);  // 12 frames at 24000/1001
    EXPECT_TRUE(event["channel"].is_null());
    EXPECT_TRUE(black["events"][1]["first_timecode"].is_null());
    EXPECT_EQ(checks[1]["measured"], -23.4568);
    EXPECT_EQ(checks[3]["verdict"], "not_checked");
    EXPECT_EQ(checks[3]["message"], "disabled by the profile");
    EXPECT_EQ(checks[4]["title"], "Levels <R103> & \"legal\"");
}

TEST(QcReportJson, NumbersNeverPrintAsNegativeZeroOrNaN) {
    qc::QcReport report = test::sample_qc_report();
    report.files[0].checks[0].measured = std::numeric_limits<double>::quiet_NaN();
    report.files[0].checks[0].events[1].start_seconds = -1e-9;  // rounds to -0 at 6 decimals
    const std::string text = qc_report_json(report);
    EXPECT_EQ(text.find("-0.0"), std::string::npos);
    EXPECT_EQ(text.find("NaN"), std::string::npos);
    const json checks = parse(text)["files"][0]["checks"];
    EXPECT_TRUE(checks[0]["measured"].is_null());
    EXPECT_EQ(checks[0]["events"][1]["start_seconds"], 0.0);
    EXPECT_EQ(checks[2]["measured"], -1e-7);  // 6 significant digits keep small values
}

TEST(QcReportJson, UnreadableFileHasItsErrorAndEmptySections) {
    const json file = parse(qc_report_json(test::sample_qc_report()))["files"][1];
    EXPECT_EQ(file["verdict"], "error");
    EXPECT_EQ(file["error"], "moov atom not found");
    EXPECT_EQ(file["path"], "broken <&\"'>.mov");
    EXPECT_TRUE(file["facts"]["video"].is_null());
    EXPECT_TRUE(file["measurements"]["loudness"].is_null());
    EXPECT_EQ(file["checks"], json::array());
}

TEST(QcReportJson, RunSectionOnlyWithRunInfo) {
    const qc::QcReport report = test::sample_qc_report();
    const json with = parse(qc_report_json(report));
    EXPECT_EQ(keys(with).back(), "run");
    const json without = parse(qc_report_json(report, {.series = false, .run_info = false}));
    EXPECT_FALSE(without.contains("run"));
    // The body does not depend on the run: only the "run" section differs between runs.
    qc::QcReport later = report;
    later.run = qc::RunInfo{"2027-01-01T00:00:00Z", "2027-01-01T00:01:00Z", "other", "1.0", 60, 8};
    EXPECT_EQ(qc_report_json(later, {.series = false, .run_info = false}),
              qc_report_json(report, {.series = false, .run_info = false}));
}

TEST(QcReportJson, SeriesOnlyWhenAsked) {
    const qc::QcReport report = test::sample_qc_report();
    EXPECT_FALSE(parse(qc_report_json(report))["files"][0].contains("series"));
    const json file = parse(qc_report_json(report, {.series = true, .run_info = true}))["files"][0];
    EXPECT_EQ(keys(file).back(), "series");
    const json& series = file["series"];
    EXPECT_EQ(keys(series), (Keys{"YAVG", "LOUDNESS_S"}));
    EXPECT_EQ(keys(series["YAVG"]), (Keys{"unit", "position", "bucket", "points"}));
    EXPECT_EQ(series["YAVG"]["position"], "frame");
    EXPECT_EQ(series["LOUDNESS_S"]["position"], "ms");
    EXPECT_EQ(series["YAVG"]["bucket"], 1);
    ASSERT_EQ(series["YAVG"]["points"].size(), 10u);
    EXPECT_EQ(series["YAVG"]["points"][1], json({1, 1, 500.333, 500.333, 500.333}));
}

TEST(QcReportJson, NetflixSeverityNames) {
    const json doc = parse(qc_report_json(test::sample_qc_report(qc::SeverityStyle::Netflix)));
    EXPECT_EQ(doc["profile"]["fail_on"], "Blocker");
    EXPECT_EQ(doc["profile"]["severity_style"], "netflix");
    EXPECT_EQ(doc["files"][0]["checks"][0]["severity"], "Blocker");
    EXPECT_EQ(doc["files"][0]["checks"][1]["severity"], "Issue");
    EXPECT_EQ(doc["files"][0]["checks"][4]["severity"], "FYI");
}

TEST(QcReportJson, InvalidUtf8IsReplacedNotThrown) {
    qc::QcReport report = test::sample_qc_report();
    report.files[1].error = "bad \xff\xfe byte";
    const json doc = parse(qc_report_json(report));
    EXPECT_EQ(doc["files"][1]["error"], "bad \xEF\xBF\xBD\xEF\xBF\xBD byte");
}

TEST(QcReportJson, ByteIdenticalAcrossCalls) {
    const qc::QcReport report = test::sample_qc_report();
    const JsonReportOptions options{.series = true, .run_info = true};
    EXPECT_EQ(qc_report_json(report, options), qc_report_json(test::sample_qc_report(), options));
}

TEST(QcReportJson, ByteIdenticalUnderADecimalCommaCppLocale) {
    const qc::QcReport report = test::sample_qc_report();
    const JsonReportOptions options{.series = true, .run_info = true};
    const std::string reference = qc_report_json(report, options);
    test::CommaLocale comma;
    EXPECT_EQ(qc_report_json(report, options), reference);
}

TEST(QcReportJson, ByteIdenticalUnderADecimalCommaCLocale) {
    const qc::QcReport report = test::sample_qc_report();
    const JsonReportOptions options{.series = true, .run_info = true};
    const std::string reference = qc_report_json(report, options);
    test::CommaLocale comma;
    if (comma.c_locale().empty()) GTEST_SKIP() << "no de_DE / fr_FR locale installed";
    EXPECT_EQ(qc_report_json(report, options), reference);
}

}  // namespace
}  // namespace media::report
