// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "comma_locale.h"
#include "media/report/qc_writers.h"
#include "sample_qc_report.h"

namespace media::report {
namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(QcReportText, VerdictLinePerFileAndASummary) {
    const std::string text = qc_report_text(test::sample_qc_report());
    EXPECT_TRUE(contains(text,
                         "FAIL   dailies/A001_C002.mov  (5 checks: 2 passed, 1 failed, "
                         "1 warned, 1 not checked)\n"))
        << text;
    EXPECT_TRUE(contains(text, "ERROR  broken <&\"'>.mov  moov atom not found\n")) << text;
    EXPECT_TRUE(contains(text,
                         "2 files: ERROR (exit code 2), profile streaming-originals 1.2, "
                         "fails on error\n"))
        << text;
}

TEST(QcReportText, FailedChecksShowMeasuredThresholdAndFirstEvents) {
    const std::string text = qc_report_text(test::sample_qc_report());
    EXPECT_TRUE(contains(text,
                         "  FAIL  black (error)  Black segments: measured 5 segments "
                         "(longest 12 frames), threshold < 1 s\n"))
        << text;
    EXPECT_TRUE(contains(text, "        5 black segments\n"));
    EXPECT_TRUE(contains(text, "        frames 0-11 (01:00:00:00-01:00:00:11), 0.000-"));
    EXPECT_TRUE(contains(text, "        frames 80-82, "));
    EXPECT_FALSE(contains(text, "frames 120-122"));  // only the first three events
    EXPECT_TRUE(contains(text, "        ... and 2 more events\n"));
    EXPECT_TRUE(contains(text,
                         "  WARN  loudness_integrated (warning)  Integrated loudness: "
                         "measured -23.5 LUFS, threshold -24 ±0.2 LUFS\n"))
        << text;
    EXPECT_TRUE(contains(text, "  SKIP  pse  Photosensitive flashes: disabled by the profile\n"));
}

TEST(QcReportText, PassingChecksOnlyWhenVerbose) {
    const qc::QcReport report = test::sample_qc_report();
    EXPECT_FALSE(contains(qc_report_text(report), "true_peak"));
    const std::string verbose = qc_report_text(report, true);
    EXPECT_TRUE(contains(verbose, "  pass  true_peak  True peak: measured -1e-07 dBTP\n"))
        << verbose;
    EXPECT_TRUE(contains(verbose, "  pass  levels  Levels <R103> & \"legal\"\n")) << verbose;
}

TEST(QcReportText, SameTextUnderADecimalCommaLocale) {
    const std::string reference = qc_report_text(test::sample_qc_report(), true);
    test::CommaLocale comma;
    EXPECT_EQ(qc_report_text(test::sample_qc_report(), true), reference);
}

TEST(QcReportText, NetflixNames) {
    const std::string text = qc_report_text(test::sample_qc_report(qc::SeverityStyle::Netflix));
    EXPECT_TRUE(contains(text, "  FAIL  black (Blocker)")) << text;
    EXPECT_TRUE(contains(text, "fails on Blocker\n"));
}

}  // namespace
}  // namespace media::report
