// SPDX-License-Identifier: Apache-2.0
// The HTML QC page on a hand-built report: well-formed, self-contained, escaped, byte-stable,
// with the verdict table, plots with their events and limits, and thumbnails.
#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <locale>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "media/qc/qc_report.h"
#include "media/report/qc_writers.h"

namespace media::report {
namespace {

using qc::CheckResult;
using qc::Event;
using qc::FileReport;
using qc::QcReport;

constexpr int64_t kFrames = 250;
const std::string kHostileName = "clip<script>alert('x')</script>&.mov";

// A PNG signature and IHDR header (4 x 3 pixels): all the page reads of a thumbnail.
std::string tiny_png() {
    const unsigned char bytes[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0,
                                   0,    13,  'I', 'H', 'D',  'R',  0,    0,    0, 4,
                                   0,    0,   0,   3,   8,    2,    0,    0,    0};
    return std::string(reinterpret_cast<const char*>(bytes), sizeof(bytes));
}

Timecode ten_hours() {
    const auto rate = TimecodeRate::make(Rational(25, 1), false);
    return Timecode(*rate, 10 * 3600 * 25);
}

Event frame_event(int64_t first, int64_t last, std::string detail) {
    Event e;
    e.first_frame = first;
    e.last_frame = last;
    e.first_timecode = (ten_hours() + first).to_string();
    e.last_timecode = (ten_hours() + last).to_string();
    e.start_seconds = double(first) / 25.0;
    e.end_seconds = double(last + 1) / 25.0;
    e.value = 1.0;
    e.detail = std::move(detail);
    return e;
}

CheckResult check(std::string id, std::string category, qc::Verdict verdict) {
    CheckResult c;
    c.id = id;
    c.title = "Title of " + id;
    c.category = std::move(category);
    c.verdict = verdict;
    return c;
}

std::vector<CheckResult> failing_file_checks() {
    CheckResult black = check("black", "video", qc::Verdict::Fail);
    black.measured_text = "1 segment (5 frames)";
    black.threshold_text = "none longer than 0 s";
    black.events.push_back(frame_event(50, 54, "black share 1.000 >= 0.98"));
    CheckResult loud = check("loudness_integrated", "audio", qc::Verdict::Pass);
    loud.measured = -23.2;
    loud.unit = "LUFS";
    loud.measured_text = "-23.2 LUFS";
    loud.threshold_text = "-23 \u00b10.5 LUFS";
    CheckResult tp = check("true_peak", "audio", qc::Verdict::NotChecked);
    tp.severity = qc::Severity::Warning;
    tp.message = "no audio decoded";
    CheckResult loud_max = check("loudness_max", "audio", qc::Verdict::Pass);
    loud_max.unit = "LUFS";
    loud_max.threshold_text = "momentary <= -10 LUFS, short-term <= -18 LUFS";
    CheckResult range = check("luma_range", "video", qc::Verdict::Fail);
    range.unit = "%";
    range.threshold_text = "Y' within -1.00 % .. 103.00 %";
    range.events.push_back(frame_event(120, 129, "6.24 % of Y' samples outside"));
    return {black, loud, tp, loud_max, range};
}

// Luma series over many frames with one bright spike: the band must still reach it.
std::vector<analysis::FrameSeries> luma_series(int64_t frames) {
    analysis::FrameSeries avg("YAVG", "code", 2048);
    analysis::FrameSeries black("BLACK", "share", 2048);
    for (int64_t i = 0; i < frames; ++i) {
        const bool is_black = i >= 50 && i <= 54;
        avg.add(i, i == frames / 3 ? 1000.0 : is_black ? 64.0 : 100.0 + double(i % 7));
        black.add(i, is_black ? 1.0 : 0.0);
    }
    return {avg, black};
}

analysis::LoudnessResult loudness() {
    analysis::LoudnessResult r;
    r.integrated = -23.2;
    r.short_term = analysis::FrameSeries("short-term", "LUFS");
    r.momentary = analysis::FrameSeries("momentary", "LUFS");
    for (int64_t ms = 0; ms < 10000; ms += 100) {
        r.short_term.add(ms, -23.0 + std::sin(double(ms) / 700.0));
        r.momentary.add(ms, -22.0 + 2.0 * std::sin(double(ms) / 300.0));
    }
    return r;
}

FileReport failing_file() {
    FileReport f;
    f.analysis.facts.path = kHostileName;
    f.analysis.facts.container = "mov,mp4,m4a,3gp,3g2,mj2";
    f.analysis.facts.has_video = true;
    f.analysis.facts.has_audio = true;
    f.analysis.facts.width = 1280;
    f.analysis.facts.height = 720;
    f.analysis.facts.frame_rate = Rational(25, 1);
    f.analysis.facts.video_codec = "prores";
    f.analysis.facts.start_timecode = ten_hours();
    f.analysis.stream.frames_decoded = kFrames;
    f.analysis.stream.audio_seconds = 10.0;
    f.analysis.series = luma_series(kFrames);
    f.analysis.series.emplace_back("BRNG", "%");
    for (int64_t i = 0; i < kFrames; ++i) f.analysis.series.back().add(i, i < 120 ? 0.0 : 6.0);
    f.analysis.loudness = loudness();
    f.checks = failing_file_checks();
    f.verdict = qc::FileVerdict::Fail;
    f.thumbnails.push_back({"black", 52, "10:00:02:02", tiny_png()});
    return f;
}

FileReport passing_file() {
    FileReport f;
    f.analysis.facts.path = "b001_c002.mov";
    f.analysis.facts.has_video = true;
    f.analysis.stream.frames_decoded = 100000;
    f.analysis.series = luma_series(100000);
    f.checks.push_back(check("black", "video", qc::Verdict::Pass));
    f.checks.push_back(check("freeze", "video", qc::Verdict::Pass));
    f.verdict = qc::FileVerdict::Pass;
    return f;
}

QcReport sample_report() {
    QcReport r;
    r.profile_name = "default";
    r.profile_version = "1";
    r.profile_source = "builtin:default";
    r.severity_style = qc::SeverityStyle::Netflix;
    r.files = {failing_file(), passing_file()};
    r.run.started_utc = "2026-11-27T10:00:00Z";
    r.run.finished_utc = "2026-11-27T10:00:09Z";
    r.run.host = "render-07";
    r.run.slate_version = "0.5.0";
    r.run.wall_seconds = 9.25;
    r.run.threads = 2;
    return r;
}

struct ParsedPage {
    std::string html;
    pugi::xml_document doc;
    pugi::xml_parse_result parsed;
};

void parse(ParsedPage& page) {
    page.html = qc_report_html(sample_report());
    page.parsed = page.doc.load_string(page.html.c_str());
}

std::string text_of(const pugi::xml_node& node) {
    std::string out;
    for (const pugi::xpath_node& n : node.select_nodes(".//text()")) out += n.node().value();
    return out;
}

// The <svg> whose accessible label starts with `title`.
pugi::xml_node plot(const pugi::xml_document& doc, const std::string& title) {
    for (const auto& hit : doc.select_nodes("//svg"))
        if (std::string(hit.node().attribute("aria-label").value()).rfind(title, 0) == 0)
            return hit.node();
    return {};
}

TEST(QcHtml, ParsesAsXml) {
    ParsedPage page;
    parse(page);
    ASSERT_TRUE(page.parsed) << page.parsed.description() << " at offset " << page.parsed.offset;
    EXPECT_TRUE(page.doc.child("html").child("head").child("style"));
    EXPECT_GE(page.doc.select_nodes("//svg").size(), 4u);
}

TEST(QcHtml, VerdictTableHasARowPerCheckWithWordsNotOnlyColour) {
    ParsedPage page;
    parse(page);
    ASSERT_TRUE(page.parsed);
    const auto rows = page.doc.select_nodes("//table[@class='checks']/tbody/tr");
    ASSERT_EQ(rows.size(), 7u);  // five checks in the first file, two in the second
    const std::string black = text_of(rows[0].node());
    EXPECT_NE(black.find("black"), std::string::npos);
    EXPECT_NE(black.find("Blocker"), std::string::npos) << "Netflix severity names";
    EXPECT_NE(black.find("fail"), std::string::npos);
    EXPECT_NE(black.find("1 segment (5 frames)"), std::string::npos);
    EXPECT_NE(black.find("none longer than 0 s"), std::string::npos);
    const std::string loud = text_of(rows[1].node());
    EXPECT_NE(loud.find("pass"), std::string::npos);
    EXPECT_NE(loud.find("-23.2 LUFS"), std::string::npos);
    const std::string tp = text_of(rows[2].node());
    EXPECT_NE(tp.find("not checked"), std::string::npos);
    EXPECT_NE(tp.find("Issue"), std::string::npos);
    EXPECT_NE(tp.find("no audio decoded"), std::string::npos);
}

TEST(QcHtml, BlackPlotShadesTheEventFrames) {
    ParsedPage page;
    parse(page);
    ASSERT_TRUE(page.parsed);
    const pugi::xml_node black = plot(page.doc, "Black");
    ASSERT_TRUE(black);
    const auto rects = black.select_nodes(".//rect[@class='event']");
    ASSERT_EQ(rects.size(), 1u);
    // Plot area x 132..944 over frames 0..250: frames 50..54 cover x 294.4 to 310.6 (the page
    // prints one decimal, hence the 0.051 tolerance).
    EXPECT_NEAR(rects[0].node().attribute("x").as_double(), 132.0 + 812.0 * 50 / 250, 0.051);
    EXPECT_NEAR(rects[0].node().attribute("width").as_double(), 812.0 * 5 / 250, 0.051);
    EXPECT_NE(text_of(rects[0].node()).find("10:00:02:00-10:00:02:04"), std::string::npos);
    EXPECT_TRUE(plot(page.doc, "Events of failed checks"));
}

TEST(QcHtml, LoudnessPlotDrawsTheTargetLine) {
    ParsedPage page;
    parse(page);
    ASSERT_TRUE(page.parsed);
    const pugi::xml_node loud = plot(page.doc, "Loudness");
    ASSERT_TRUE(loud);
    const auto limits = loud.select_nodes(".//g[@class='limit']");
    ASSERT_EQ(limits.size(), 3u) << "the target, and both limits of loudness_max";
    EXPECT_EQ(text_of(limits[0].node()).find("loudness_integrated: -23 \u00b10.5 LUFS"), 0u);
    EXPECT_EQ(text_of(limits[1].node()).find("loudness_max: momentary <= -10 LUFS"), 0u);
    EXPECT_EQ(text_of(limits[2].node()).find("loudness_max: short-term <= -18 LUFS"), 0u);
    EXPECT_EQ(loud.select_nodes(".//g[@class='series']").size(), 2u);
}

TEST(QcHtml, PictureThresholdsAreNotDrawnAsLevels) {
    ParsedPage page;
    parse(page);
    ASSERT_TRUE(page.parsed);
    const pugi::xml_node brng = plot(page.doc, "Out of broadcast range");
    ASSERT_TRUE(brng);
    EXPECT_EQ(brng.select_nodes(".//rect[@class='event']").size(), 1u);
    // "-1.00 %" is a luma level, not a share of pixels outside: no line on this graph.
    EXPECT_TRUE(brng.select_nodes(".//g[@class='limit']").empty());
}

TEST(QcHtml, LongSeriesKeepTheirPeakWithBoundedPoints) {
    ParsedPage page;
    parse(page);
    ASSERT_TRUE(page.parsed);
    pugi::xml_node luma;
    for (const auto& hit : page.doc.select_nodes("//svg"))
        if (std::string(hit.node().attribute("aria-label").value()).rfind("Luma", 0) == 0)
            luma = hit.node();  // the last: the second file's 100000 frames
    ASSERT_TRUE(luma);
    const std::string line = luma.select_node(".//polyline").node().attribute("points").value();
    const auto points = std::count(line.begin(), line.end(), ',');
    EXPECT_LE(points, 813) << "one column per pixel of the 812-pixel plot at most";
    const std::string band = luma.select_node(".//polygon").node().attribute("points").value();
    // The spike (1000) sets the top of the value axis: the band reaches the plot's top, y = 26.
    EXPECT_NE(band.find(",26.0 "), std::string::npos);
}

TEST(QcHtml, EscapesTextAndHasNoScriptOrOutsideReference) {
    const std::string html = qc_report_html(sample_report());
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_NE(html.find("clip&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;.mov"),
              std::string::npos);
    EXPECT_EQ(html.find("http"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
}

TEST(QcHtml, ThumbnailsAreInlinePngWithTheirSize) {
    ParsedPage page;
    parse(page);
    ASSERT_TRUE(page.parsed);
    const auto images = page.doc.select_nodes("//img");
    ASSERT_EQ(images.size(), 1u);
    const pugi::xml_node img = images[0].node();
    // base64 of the PNG signature 89 50 4E 47 0D 0A 1A 0A starts "iVBORw0KGgo".
    EXPECT_EQ(
        std::string(img.attribute("src").value()).rfind("data:image/png;base64,iVBORw0KGgo", 0),
        0u);
    EXPECT_EQ(img.attribute("width").as_int(), 4);
    EXPECT_EQ(img.attribute("height").as_int(), 3);
}

TEST(QcHtml, ByteIdenticalAndRunInfoOnlyInItsSection) {
    const QcReport report = sample_report();
    const std::string first = qc_report_html(report);
    EXPECT_EQ(first, qc_report_html(report));
    QcReport later = report;
    later.run.started_utc = "2027-01-01T00:00:00Z";
    later.run.host = "other-host";
    const std::string second = qc_report_html(later);
    const size_t run = first.find("<section class=\"run\">");
    ASSERT_NE(run, std::string::npos);
    EXPECT_EQ(first.substr(0, run), second.substr(0, run));
    EXPECT_EQ(first.find("render-07"), first.find("render-07", run))
        << "host only in the run section";
    EXPECT_GT(run, first.rfind("<section class=\"file\"")) << "run section comes last";
}

// A decimal comma and digit grouping in both the C++ and the C locale must change nothing.
struct CommaDecimal : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

TEST(QcHtml, NumbersIgnoreTheLocale) {
    const std::string in_c = qc_report_html(sample_report());
    const std::locale saved =
        std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
    std::setlocale(LC_NUMERIC, "de_DE.UTF-8");  // takes effect only where it is installed
    const std::string in_comma = qc_report_html(sample_report());
    std::locale::global(saved);
    std::setlocale(LC_NUMERIC, "C");
    EXPECT_EQ(in_c, in_comma);
    EXPECT_NE(in_c.find("9.25 s"), std::string::npos);
}

}  // namespace
}  // namespace media::report
