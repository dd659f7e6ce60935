// SPDX-License-Identifier: Apache-2.0
// The writers on a delivery-spec validation (ReportKind::Validate): JSON, JUnit, text, HTML.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "comma_locale.h"
#include "media/report/qc_writers.h"
#include "sample_validate_report.h"

namespace media::report {
namespace {

using json = nlohmann::ordered_json;
using Keys = std::vector<std::string>;

Keys keys(const json& object) {
    Keys names;
    for (const auto& item : object.items()) names.push_back(item.key());
    return names;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// --- JSON --------------------------------------------------------------------------------------

TEST(ValidateReportJson, DocumentNamesTheSpecInsteadOfAProfile) {
    const json doc = json::parse(qc_report_json(test::sample_validate_report()));
    EXPECT_EQ(keys(doc),
              (Keys{"schema", "version", "spec", "verdict", "exit_code", "files", "run"}));
    EXPECT_EQ(doc["schema"], "slate.validate-report");
    EXPECT_EQ(doc["version"], 1);
    const json& spec = doc["spec"];
    EXPECT_EQ(keys(spec), (Keys{"name", "version", "source", "issuer", "document", "fail_on",
                                "severity_style", "parameters"}));
    EXPECT_EQ(spec["name"], "netflix-prores");
    EXPECT_EQ(spec["version"], "2026.11");
    EXPECT_EQ(spec["issuer"], "Netflix");
    EXPECT_EQ(spec["document"], "Originals Delivery Spec 3.1 (2025-06)");
    EXPECT_EQ(keys(spec["parameters"]), (Keys{"fps", "channels"}));  // in the report's order
    EXPECT_EQ(spec["parameters"]["fps"], "24000/1001");
    EXPECT_EQ(doc["verdict"], "error");
    EXPECT_EQ(doc["exit_code"], 2);
}

TEST(ValidateReportJson, FilesHaveRulesAndASummary) {
    const json file = json::parse(qc_report_json(test::sample_validate_report()))["files"][0];
    EXPECT_EQ(keys(file),
              (Keys{"path", "verdict", "error", "summary", "facts", "measurements", "rules"}));
    EXPECT_EQ(file["summary"], json({{"rules", 5},
                                     {"passed", 1},
                                     {"failed", 1},
                                     {"warned", 1},
                                     {"not_checked", 1},
                                     {"not_applicable", 1}}));
    // Read from headers only: no decoding, so no measurements rather than zeros.
    EXPECT_TRUE(file["measurements"].is_null());
    const json& rules = file["rules"];
    ASSERT_EQ(rules.size(), 5U);
    EXPECT_EQ(keys(rules[1]),
              (Keys{"id", "title", "category", "severity", "verdict", "expected", "measured",
                    "measured_value", "unit", "message", "reference", "events"}));
    EXPECT_EQ(rules[1]["id"], "video_codec");
    EXPECT_EQ(rules[1]["verdict"], "fail");
    EXPECT_EQ(rules[1]["expected"], "== prores (apch)");
    EXPECT_EQ(rules[1]["measured"], "h264");
    EXPECT_TRUE(rules[1]["measured_value"].is_null());
    EXPECT_EQ(rules[1]["reference"], "Originals Delivery Spec 3.1, section 4");
    EXPECT_EQ(rules[2]["measured_value"], 720.0);
    EXPECT_EQ(rules[2]["unit"], "px");
    EXPECT_EQ(rules[3]["verdict"], "not_applicable");
    EXPECT_TRUE(rules[3]["measured"].is_null());
    EXPECT_EQ(rules[4]["verdict"], "not_checked");
    EXPECT_EQ(rules[4]["message"], "no timecode track");
}

TEST(ValidateReportJson, MeasuredFilesKeepTheirMeasurementsAndEvents) {
    const json files =
        json::parse(qc_report_json(test::sample_validate_report(), {true, true}))["files"];
    const json& measured = files[1];
    ASSERT_TRUE(measured["measurements"].is_object());
    EXPECT_EQ(measured["measurements"]["loudness"]["range"], 6.7);
    EXPECT_EQ(measured["rules"][0]["measured_value"], -19.4568);  // 6 significant digits
    EXPECT_EQ(measured["rules"][0]["events"][0]["first_timecode"], "01:00:00:00");
    EXPECT_TRUE(measured["series"].contains("YAVG"));
    EXPECT_EQ(files[2]["verdict"], "error");
    EXPECT_EQ(files[2]["error"], "moov atom not found");
    EXPECT_EQ(files[2]["summary"]["rules"], 0);
}

TEST(ValidateReportJson, ByteIdenticalAcrossCallsAndLocales) {
    const std::string reference = qc_report_json(test::sample_validate_report(), {true, true});
    EXPECT_EQ(qc_report_json(test::sample_validate_report(), {true, true}), reference);
    test::CommaLocale comma;
    EXPECT_EQ(qc_report_json(test::sample_validate_report(), {true, true}), reference);
}

TEST(ValidateReportJson, QcReportsKeepTheQcSchema) {
    const json doc = json::parse(qc_report_json(test::sample_qc_report()));
    EXPECT_EQ(doc["schema"], "slate.qc-report");
    EXPECT_TRUE(doc.contains("profile"));
    EXPECT_TRUE(doc["files"][0].contains("checks"));
    EXPECT_FALSE(doc["files"][0].contains("summary"));
}

// --- JUnit -------------------------------------------------------------------------------------

pugi::xml_document parse_xml(const std::string& text) {
    pugi::xml_document document;
    const pugi::xml_parse_result result = document.load_string(text.c_str());
    EXPECT_TRUE(result) << result.description() << "\n" << text;
    return document;
}

std::string attribute(pugi::xml_node node, const char* name) {
    return node.attribute(name).as_string("<missing>");
}

pugi::xml_node rule_case(const pugi::xml_document& doc, const char* id) {
    return doc.child("testsuites")
        .child("testsuite")
        .find_child_by_attribute("testcase", "name", id);
}

TEST(ValidateReportJunit, ASuitePerFileACasePerRule) {
    const pugi::xml_document doc = parse_xml(qc_report_junit(test::sample_validate_report()));
    const pugi::xml_node root = doc.child("testsuites");
    EXPECT_EQ(attribute(root, "name"), "slate validate");
    EXPECT_EQ(attribute(root, "tests"), "7");  // 5 + 1 rules, the unreadable file's "read"
    EXPECT_EQ(attribute(root, "failures"), "2");
    EXPECT_EQ(attribute(root, "errors"), "1");
    const pugi::xml_node first = root.child("testsuite");
    EXPECT_EQ(attribute(first, "name"), "deliver/A001.mov");
    EXPECT_EQ(attribute(first, "tests"), "5");
    EXPECT_EQ(attribute(first, "failures"), "1");
    EXPECT_EQ(attribute(first, "skipped"), "2");  // not checked and not applicable
    const pugi::xml_node read = first.next_sibling().next_sibling().child("testcase");
    EXPECT_EQ(attribute(read, "classname"), "netflix-prores.file");
    EXPECT_EQ(attribute(read, "name"), "read");
}

TEST(ValidateReportJunit, FailureSaysExpectedAndMeasured) {
    const pugi::xml_document doc = parse_xml(qc_report_junit(test::sample_validate_report()));
    const pugi::xml_node codec = rule_case(doc, "video_codec");
    ASSERT_TRUE(codec);
    EXPECT_EQ(attribute(codec, "classname"), "netflix-prores.video");
    EXPECT_EQ(attribute(codec.child("failure"), "message"),
              "expected == prores (apch), measured h264");
    EXPECT_EQ(attribute(codec.child("failure"), "type"), "error");
    const std::string body = codec.child("failure").text().as_string();
    EXPECT_TRUE(contains(body, "video.codec is h264")) << body;
    EXPECT_TRUE(contains(body, "reference: Originals Delivery Spec 3.1, section 4")) << body;
}

TEST(ValidateReportJunit, WarningsPassNotApplicableAndNotCheckedAreSkipped) {
    const pugi::xml_document doc = parse_xml(qc_report_junit(test::sample_validate_report()));
    const pugi::xml_node height = rule_case(doc, "video_height");
    EXPECT_FALSE(height.child("failure"));
    EXPECT_TRUE(contains(height.child("system-out").text().as_string(),
                         "fail (warning): expected in [1080, 2160], measured 720 px"));
    EXPECT_EQ(attribute(rule_case(doc, "hdr_maxcll").child("skipped"), "message"),
              "not applicable: applies when video.transfer == smpte2084 (it is bt709)");
    EXPECT_EQ(attribute(rule_case(doc, "timecode").child("skipped"), "message"),
              "no timecode track");
    EXPECT_FALSE(rule_case(doc, "container").first_child());
}

TEST(ValidateReportJunit, ByteIdenticalAcrossLocales) {
    const std::string reference = qc_report_junit(test::sample_validate_report());
    test::CommaLocale comma;
    EXPECT_EQ(qc_report_junit(test::sample_validate_report()), reference);
}

// --- text --------------------------------------------------------------------------------------

TEST(ValidateReportText, NamesTheSpecThenFailedAndNotCheckedRules) {
    const std::string text = qc_report_text(test::sample_validate_report());
    EXPECT_EQ(text.substr(0, text.find('\n')),
              "Delivery spec netflix-prores 2026.11 (Netflix, Originals Delivery Spec 3.1 "
              "(2025-06))");
    EXPECT_TRUE(contains(text, "  parameters: fps=24000/1001, channels=2\n")) << text;
    EXPECT_TRUE(contains(text,
                         "FAIL   deliver/A001.mov  (5 rules: 1 passed, 1 failed, 1 warned, "
                         "1 not checked, 1 not applicable)\n"))
        << text;
    EXPECT_TRUE(contains(text,
                         "  FAIL  video_codec (error)  ProRes 422 HQ: expected == prores "
                         "(apch), measured h264\n        video.codec is h264\n"))
        << text;
    EXPECT_TRUE(contains(text, "  WARN  video_height (warning)")) << text;
    EXPECT_TRUE(contains(text, "  SKIP  timecode  Start timecode: no timecode track\n")) << text;
    EXPECT_FALSE(contains(text, "hdr_maxcll")) << text;
    EXPECT_FALSE(contains(text, "  pass  container")) << text;
    EXPECT_TRUE(contains(text,
                         "3 files: ERROR (exit code 2), spec netflix-prores 2026.11, fails "
                         "on error\n"))
        << text;
}

TEST(ValidateReportText, VerboseAddsPassingAndNotApplicableRules) {
    const std::string text = qc_report_text(test::sample_validate_report(), true);
    EXPECT_TRUE(contains(text,
                         "  pass  container  QuickTime container: expected in [mov], "
                         "measured mov\n"))
        << text;
    EXPECT_TRUE(contains(text, "  n/a   hdr_maxcll  MaxCLL signalled: applies when")) << text;
}

// --- HTML --------------------------------------------------------------------------------------

TEST(ValidateReportHtml, HeaderNamesTheSpecAndATableListsEveryRule) {
    const std::string html = qc_report_html(test::sample_validate_report());
    const pugi::xml_document doc = parse_xml(html);  // the page is well-formed XML
    const pugi::xml_node page = doc.child("html");
    EXPECT_TRUE(
        contains(page.child("head").child_value("title"), "Delivery spec netflix-prores 2026.11"));
    EXPECT_TRUE(contains(html, "<h1>Delivery spec netflix-prores 2026.11</h1>")) << html;
    EXPECT_TRUE(contains(html, "Issued by <strong>Netflix</strong>")) << html;
    EXPECT_TRUE(contains(html, "Originals Delivery Spec 3.1 (2025-06)"));
    EXPECT_TRUE(contains(html, "<td class=\"mono\">fps</td><td>24000/1001</td>")) << html;
    EXPECT_TRUE(contains(html, "<th>Not applicable</th>"));
    EXPECT_TRUE(contains(html,
                         "<th>Rule</th><th>Title</th><th>Severity</th><th>Verdict</th>"
                         "<th>Expected</th><th>Measured</th><th>Reference</th>"));
    EXPECT_TRUE(contains(html, "Height &lt;1080&gt; &amp; &quot;UHD&quot;")) << html;
    EXPECT_TRUE(contains(html, "&#8211; not applicable</span>"));
    EXPECT_TRUE(contains(html,
                         "<td>== prores (apch)</td><td>h264</td>"
                         "<td>Originals Delivery Spec 3.1, section 4</td>"))
        << html;
}

TEST(ValidateReportHtml, GraphsOnlyForMeasuredFiles) {
    const std::string html = qc_report_html(test::sample_validate_report());
    const size_t second = html.find("id=\"file-2\"");
    ASSERT_NE(second, std::string::npos);
    const std::string first_file = html.substr(0, second);
    const std::string measured_file = html.substr(second, html.find("id=\"file-3\"") - second);
    EXPECT_FALSE(contains(first_file, "<h3>Graphs</h3>"));
    EXPECT_FALSE(contains(first_file, "Decoded frames"));  // headers only: nothing decoded
    EXPECT_TRUE(contains(measured_file, "<h3>Graphs</h3>"));
    EXPECT_TRUE(contains(measured_file, "<svg"));
    EXPECT_TRUE(contains(measured_file, "Decoded frames"));
}

TEST(ValidateReportHtml, ByteIdenticalAcrossLocales) {
    const std::string reference = qc_report_html(test::sample_validate_report());
    test::CommaLocale comma;
    EXPECT_EQ(qc_report_html(test::sample_validate_report()), reference);
}

}  // namespace
}  // namespace media::report
