// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <pugixml.hpp>

#include "comma_locale.h"
#include "media/report/qc_writers.h"
#include "sample_qc_report.h"
#include "sample_validate_report.h"
#include "scratch_dir.h"

namespace media::report {
namespace {

// The Jenkins junit-10.xsd structure (the dialect CI servers read): element order, allowed
// attributes, required attributes and the SUREFIRE_TIME decimal pattern. Written here from the
// schema's definitions so the test needs no network.
constexpr const char* kJunitXsd = R"(<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:simpleType name="SUREFIRE_TIME">
    <xs:restriction base="xs:string">
      <xs:pattern value="(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]{0,3})?"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:complexType name="result" mixed="true">
    <xs:attribute name="type" type="xs:string"/>
    <xs:attribute name="message" type="xs:string"/>
  </xs:complexType>
  <xs:element name="failure" type="result"/>
  <xs:element name="error" type="result"/>
  <xs:element name="skipped">
    <xs:complexType mixed="true">
      <xs:attribute name="message" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="system-out" type="xs:string"/>
  <xs:element name="system-err" type="xs:string"/>
  <xs:element name="properties">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="property" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType>
            <xs:attribute name="name" type="xs:string" use="required"/>
            <xs:attribute name="value" type="xs:string" use="required"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
  <xs:element name="testcase">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="skipped" minOccurs="0"/>
        <xs:element ref="error" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element ref="failure" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element ref="system-out" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element ref="system-err" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="assertions" type="xs:string"/>
      <xs:attribute name="time" type="SUREFIRE_TIME"/>
      <xs:attribute name="classname" type="xs:string"/>
      <xs:attribute name="status" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuite">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="properties" minOccurs="0"/>
        <xs:element ref="testcase" minOccurs="0" maxOccurs="unbounded"/>
        <xs:element ref="system-out" minOccurs="0"/>
        <xs:element ref="system-err" minOccurs="0"/>
      </xs:sequence>
      <xs:attribute name="name" type="xs:string" use="required"/>
      <xs:attribute name="tests" type="xs:string" use="required"/>
      <xs:attribute name="failures" type="xs:string"/>
      <xs:attribute name="errors" type="xs:string"/>
      <xs:attribute name="time" type="SUREFIRE_TIME"/>
      <xs:attribute name="disabled" type="xs:string"/>
      <xs:attribute name="skipped" type="xs:string"/>
      <xs:attribute name="timestamp" type="xs:string"/>
      <xs:attribute name="hostname" type="xs:string"/>
      <xs:attribute name="id" type="xs:string"/>
      <xs:attribute name="package" type="xs:string"/>
    </xs:complexType>
  </xs:element>
  <xs:element name="testsuites">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/>
      </xs:sequence>
      <xs:attribute name="name" type="xs:string"/>
      <xs:attribute name="time" type="SUREFIRE_TIME"/>
      <xs:attribute name="tests" type="xs:string"/>
      <xs:attribute name="failures" type="xs:string"/>
      <xs:attribute name="disabled" type="xs:string"/>
      <xs:attribute name="errors" type="xs:string"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
)";

pugi::xml_document parse(const std::string& text) {
    pugi::xml_document document;
    const pugi::xml_parse_result result = document.load_string(text.c_str());
    EXPECT_TRUE(result) << result.description() << " at " << result.offset << "\n" << text;
    return document;
}

std::string attribute(pugi::xml_node node, const char* name) {
    return node.attribute(name).as_string("<missing>");
}

TEST(QcReportJunit, SuitesAndCounts) {
    const pugi::xml_document doc = parse(qc_report_junit(test::sample_qc_report()));
    const pugi::xml_node root = doc.child("testsuites");
    ASSERT_TRUE(root);
    EXPECT_EQ(attribute(root, "name"), "slate qc");
    EXPECT_EQ(attribute(root, "tests"), "6");  // 5 checks + the unreadable file's "read"
    EXPECT_EQ(attribute(root, "failures"), "1");
    EXPECT_EQ(attribute(root, "errors"), "1");
    EXPECT_FALSE(root.attribute("skipped"));  // not in junit-10.xsd on <testsuites>
    const pugi::xml_node first = root.child("testsuite");
    EXPECT_EQ(attribute(first, "name"), "dailies/A001_C002.mov");
    EXPECT_EQ(attribute(first, "tests"), "5");
    EXPECT_EQ(attribute(first, "failures"), "1");
    EXPECT_EQ(attribute(first, "errors"), "0");
    EXPECT_EQ(attribute(first, "skipped"), "1");
    EXPECT_EQ(attribute(first, "time"), "0.000");
    const pugi::xml_node second = first.next_sibling("testsuite");
    EXPECT_EQ(attribute(second, "tests"), "1");
    EXPECT_EQ(attribute(second, "errors"), "1");
    EXPECT_FALSE(second.next_sibling("testsuite"));
}

TEST(QcReportJunit, FailureAtOrAboveFailOnCarriesItsEvents) {
    const pugi::xml_document doc = parse(qc_report_junit(test::sample_qc_report()));
    const pugi::xml_node black = doc.child("testsuites").child("testsuite").child("testcase");
    EXPECT_EQ(attribute(black, "name"), "black: Black segments");
    EXPECT_EQ(attribute(black, "classname"), "qc.video");
    const pugi::xml_node failure = black.child("failure");
    ASSERT_TRUE(failure);
    EXPECT_EQ(attribute(failure, "type"), "error");
    EXPECT_EQ(attribute(failure, "message"), "5 black segments");
    const std::string body = failure.text().as_string();
    EXPECT_NE(body.find("measured 5 segments (longest 12 frames), threshold < 1 s"),
              std::string::npos);
    EXPECT_NE(body.find("frames 0-11 (01:00:00:00-01:00:00:11), 0.000-0.500 s: black 0.990"),
              std::string::npos)
        << body;
    EXPECT_NE(body.find("frames 160-162"), std::string::npos);
}

TEST(QcReportJunit, FailureBelowFailOnPassesWithSystemOut) {
    const pugi::xml_document doc = parse(qc_report_junit(test::sample_qc_report()));
    const pugi::xml_node loudness =
        doc.child("testsuites")
            .child("testsuite")
            .find_child_by_attribute("testcase", "name",
                                     "loudness_integrated: Integrated loudness");
    ASSERT_TRUE(loudness);
    EXPECT_FALSE(loudness.child("failure"));
    const std::string out = loudness.child("system-out").text().as_string();
    EXPECT_NE(out.find("fail (warning): measured -23.5 LUFS, threshold -24 ±0.2 LUFS"),
              std::string::npos)
        << out;
}

TEST(QcReportJunit, NotCheckedIsSkippedAndPassIsEmpty) {
    const pugi::xml_document doc = parse(qc_report_junit(test::sample_qc_report()));
    const pugi::xml_node suite = doc.child("testsuites").child("testsuite");
    const pugi::xml_node pse =
        suite.find_child_by_attribute("testcase", "name", "pse: Photosensitive flashes");
    EXPECT_EQ(attribute(pse.child("skipped"), "message"), "disabled by the profile");
    const pugi::xml_node peak =
        suite.find_child_by_attribute("testcase", "name", "true_peak: True peak");
    ASSERT_TRUE(peak);
    EXPECT_FALSE(peak.first_child());
}

TEST(QcReportJunit, UnreadableFileIsAnErrorInAReadCase) {
    const pugi::xml_document doc = parse(qc_report_junit(test::sample_qc_report()));
    const pugi::xml_node suite = doc.child("testsuites").child("testsuite").next_sibling();
    const pugi::xml_node read = suite.child("testcase");
    EXPECT_EQ(attribute(read, "name"), "read");
    EXPECT_EQ(attribute(read, "classname"), "qc.file");
    EXPECT_EQ(attribute(read.child("error"), "message"), "moov atom not found");
}

TEST(QcReportJunit, EscapesMarkupInNamesAndMessages) {
    const std::string xml = qc_report_junit(test::sample_qc_report());
    EXPECT_NE(xml.find("name=\"levels: Levels &lt;R103> &amp; &quot;legal&quot;\""),
              std::string::npos)
        << xml;
    const pugi::xml_document doc = parse(xml);
    const pugi::xml_node broken = doc.child("testsuites").child("testsuite").next_sibling();
    EXPECT_EQ(attribute(broken, "name"), "broken <&\"'>.mov");
    EXPECT_TRUE(
        doc.child("testsuites")
            .child("testsuite")
            .find_child_by_attribute("testcase", "name", "levels: Levels <R103> & \"legal\""));
}

TEST(QcReportJunit, ControlCharactersAndBadUtf8BecomeReplacementCharacters) {
    qc::QcReport report = test::sample_qc_report();
    report.files[1].error = std::string("bad\x01\x1b byte \xff end");
    const pugi::xml_document doc = parse(qc_report_junit(report));
    const pugi::xml_node read =
        doc.child("testsuites").child("testsuite").next_sibling().child("testcase");
    EXPECT_EQ(attribute(read.child("error"), "message"),
              "bad\xEF\xBF\xBD\xEF\xBF\xBD byte \xEF\xBF\xBD end");
}

TEST(QcReportJunit, NetflixSeverityNamesTheFailureType) {
    const pugi::xml_document doc =
        parse(qc_report_junit(test::sample_qc_report(qc::SeverityStyle::Netflix)));
    const pugi::xml_node failure =
        doc.child("testsuites").child("testsuite").child("testcase").child("failure");
    EXPECT_EQ(attribute(failure, "type"), "Blocker");
}

TEST(QcReportJunit, ByteIdenticalAcrossCallsAndLocales) {
    const std::string reference = qc_report_junit(test::sample_qc_report());
    EXPECT_EQ(qc_report_junit(test::sample_qc_report()), reference);
    test::CommaLocale comma;  // the C locale too when de_DE / fr_FR is installed
    EXPECT_EQ(qc_report_junit(test::sample_qc_report()), reference);
}

bool validates(const test::ScratchDir& scratch, const std::string& xml) {
    const std::string xml_path = scratch.file("report.xml");
    std::ofstream(xml_path, std::ios::binary) << xml;
    const std::string command = "xmllint --noout --schema " +
                                test::quote(scratch.file("junit.xsd")) + " " +
                                test::quote(xml_path) + " >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
}

TEST(QcReportJunit, ValidAgainstTheJunitSchema) {
    if (std::system("command -v xmllint >/dev/null 2>&1") != 0) GTEST_SKIP() << "no xmllint";
    test::ScratchDir scratch;
    std::ofstream(scratch.file("junit.xsd"), std::ios::binary) << kJunitXsd;
    EXPECT_TRUE(validates(scratch, qc_report_junit(test::sample_qc_report())));
    // A delivery-spec validation: rules as cases, not-applicable rules skipped.
    EXPECT_TRUE(validates(scratch, qc_report_junit(test::sample_validate_report())));
    // The schema really is applied: an attribute junit-10.xsd lacks is refused.
    EXPECT_FALSE(validates(scratch, "<testsuites skipped=\"1\"/>"));
}

}  // namespace
}  // namespace media::report
