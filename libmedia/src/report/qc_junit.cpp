// SPDX-License-Identifier: Apache-2.0
// The QC report as JUnit XML, limited to what the Jenkins junit-10.xsd schema allows (the
// common denominator of CI readers): no attribute outside it, times as decimals. Mapping, in
// docs/qc-report.md: a file is a <testsuite>, a check a <testcase>; failures at or above the
// profile's fail_on are <failure>, findings below it pass with the findings in <system-out>,
// checks that could not run are <skipped>, an unreadable file is an <error> in a "read" case.
// A delivery-spec validation (ReportKind::Validate) maps the same way, a rule per <testcase>
// named by its id, with not-applicable rules <skipped> too.
#include <cstdint>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "media/report/qc_writers.h"
#include "report_format.h"

namespace media::report {
namespace {

// Event lines written into one <failure> or <system-out>: enough to find the problem, not so
// many that a CI page becomes unreadable.
constexpr size_t kEventLimit = 100;

// Times are not measured per file: they are 0 so the XML is identical across runs (the run's
// wall time is in the JSON report's "run" section).
constexpr const char* kNoTime = "0.000";

struct Counts {
    int64_t tests = 0;
    int64_t failures = 0;
    int64_t errors = 0;
    int64_t skipped = 0;

    Counts& operator+=(const Counts& other) {
        tests += other.tests;
        failures += other.failures;
        errors += other.errors;
        skipped += other.skipped;
        return *this;
    }
};

// Length of the UTF-8 sequence starting at text[i] when it is a valid one, else 0.
size_t utf8_sequence_length(std::string_view text, size_t i) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    size_t length = lead < 0x80                    ? 1
                    : lead >= 0xC2 && lead <= 0xDF ? 2
                    : lead >= 0xE0 && lead <= 0xEF ? 3
                    : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                   : 0;
    if (length == 0 || i + length > text.size()) return 0;
    for (size_t k = 1; k < length; ++k)
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
    // Overlong 3/4-byte forms, surrogates and code points above U+10FFFF.
    if (lead == 0xE0 && byte(i + 1) < 0xA0) return 0;
    if (lead == 0xED && byte(i + 1) >= 0xA0) return 0;
    if (lead == 0xF0 && byte(i + 1) < 0x90) return 0;
    if (lead == 0xF4 && byte(i + 1) >= 0x90) return 0;
    return length;
}

bool allowed_in_xml(std::string_view text, size_t i, size_t length) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (length == 1) return c >= 0x20 || c == '\t' || c == '\n' || c == '\r';
    // U+FFFE and U+FFFF are not XML characters.
    return !(length == 3 && c == 0xEF && text[i + 1] == '\xBF' &&
             (text[i + 2] == '\xBE' || text[i + 2] == '\xBF'));
}

// XML 1.0 cannot carry C0 controls (not even as &#1;) or invalid UTF-8: both become U+FFFD.
std::string xml_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const size_t length = utf8_sequence_length(text, i);
        if (length > 0 && allowed_in_xml(text, i, length)) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += "\xEF\xBF\xBD";
            i += length > 0 ? length : 1;
        }
    }
    return out;
}

void set(pugi::xml_node node, const char* name, std::string_view value) {
    node.append_attribute(name).set_value(xml_text(value).c_str());
}

void set(pugi::xml_node node, const char* name, int64_t value) {
    node.append_attribute(name).set_value(fmt::format("{}", value).c_str());
}

void add_text_child(pugi::xml_node parent, const char* name, std::string_view body) {
    pugi::xml_node child = parent.append_child(name);
    if (!body.empty()) child.text().set(xml_text(body).c_str());
}

bool is_validate(const qc::QcReport& report) {
    return report.kind == qc::ReportKind::Validate;
}

// Classes group the cases: "qc.<category>" for QC checks, "<spec>.<category>" for spec rules.
std::string class_prefix(const qc::QcReport& report) {
    if (!is_validate(report)) return "qc";
    return report.profile_name.empty() ? "spec" : report.profile_name;
}

std::string class_name(const qc::QcReport& report, const std::string& category) {
    if (is_validate(report) && category.empty()) return class_prefix(report);
    return class_prefix(report) + "." + category;
}

// The one-line finding: the check's message, or a rule's expected and measured values.
std::string summary_of(const qc::CheckResult& check, const qc::QcReport& report) {
    if (!is_validate(report)) return detail::check_summary(check);
    const std::string text = detail::expected_vs_measured(check);
    return text.empty() ? check.message : text;
}

std::string findings_text(const qc::CheckResult& check, const qc::QcReport& report) {
    std::string text;
    if (!is_validate(report)) {
        text = detail::measured_vs_threshold(check);
    } else {
        if (!check.message.empty() && check.message != summary_of(check, report))
            text = check.message;
        if (!check.reference.empty())
            text += (text.empty() ? "" : "\n") + ("reference: " + check.reference);
    }
    if (!text.empty()) text += "\n";
    return text + detail::event_lines(check, kEventLimit, "");
}

pugi::xml_node add_case(pugi::xml_node suite, std::string_view classname, std::string_view name) {
    pugi::xml_node testcase = suite.append_child("testcase");
    set(testcase, "name", name);
    set(testcase, "classname", classname);
    set(testcase, "time", kNoTime);
    return testcase;
}

void add_failure(pugi::xml_node testcase, const qc::CheckResult& check,
                 const qc::QcReport& report) {
    pugi::xml_node failure = testcase.append_child("failure");
    set(failure, "message", summary_of(check, report));
    set(failure, "type", qc::to_string(check.severity, report.severity_style));
    const std::string body = findings_text(check, report);
    if (!body.empty()) failure.text().set(xml_text(body).c_str());
}

// A finding below fail_on leaves the case passing; CI pages still show its findings.
void add_warning_output(pugi::xml_node testcase, const qc::CheckResult& check,
                        const qc::QcReport& report) {
    const std::string body =
        fmt::format("{} ({}): {}\n{}", qc::to_string(check.verdict),
                    qc::to_string(check.severity, report.severity_style), summary_of(check, report),
                    detail::event_lines(check, kEventLimit, ""));
    add_text_child(testcase, "system-out", body);
}

std::string case_name(const qc::CheckResult& check, const qc::QcReport& report) {
    if (is_validate(report) || check.title.empty()) return check.id;
    return check.id + ": " + check.title;
}

// A rule that does not concern the file (an HDR rule on an SDR file) is skipped, never failed.
std::string skip_message(const qc::CheckResult& check) {
    if (check.verdict == qc::Verdict::NotChecked) return check.message;
    return check.message.empty() ? "not applicable" : "not applicable: " + check.message;
}

Counts add_check(pugi::xml_node suite, const qc::CheckResult& check, const qc::QcReport& report) {
    pugi::xml_node testcase =
        add_case(suite, class_name(report, check.category), case_name(check, report));
    Counts counts{.tests = 1};
    if (check.verdict == qc::Verdict::NotChecked || check.verdict == qc::Verdict::NotApplicable) {
        set(testcase.append_child("skipped"), "message", skip_message(check));
        counts.skipped = 1;
    } else if (detail::fails_file(check, report.fail_on)) {
        add_failure(testcase, check, report);
        counts.failures = 1;
    } else if (check.verdict == qc::Verdict::Fail) {
        add_warning_output(testcase, check, report);
    }
    return counts;
}

// An unreadable file (or one whose decoding broke off) is an error of the "read" step.
Counts add_read_error(pugi::xml_node suite, const qc::FileReport& file,
                      const qc::QcReport& report) {
    pugi::xml_node error =
        add_case(suite, class_name(report, "file"), "read").append_child("error");
    const std::string message = file.error.empty() ? "the file could not be read" : file.error;
    set(error, "message", message);
    set(error, "type", "unreadable");
    return Counts{.tests = 1, .errors = 1};
}

void set_counts(pugi::xml_node node, const Counts& counts, bool with_skipped) {
    set(node, "tests", counts.tests);
    set(node, "failures", counts.failures);
    set(node, "errors", counts.errors);
    if (with_skipped) set(node, "skipped", counts.skipped);
    set(node, "time", kNoTime);
}

Counts add_suite(pugi::xml_node root, const qc::FileReport& file, const qc::QcReport& report) {
    pugi::xml_node suite = root.append_child("testsuite");
    set(suite, "name", file.analysis.facts.path);
    Counts counts;
    const bool unreadable = file.verdict == qc::FileVerdict::Error && file.checks.empty();
    if (!file.error.empty() || unreadable) counts += add_read_error(suite, file, report);
    for (const auto& check : file.checks) counts += add_check(suite, check, report);
    set_counts(suite, counts, true);
    return counts;
}

struct StringWriter : pugi::xml_writer {
    std::string text;
    void write(const void* data, size_t size) override {
        text.append(static_cast<const char*>(data), size);
    }
};

}  // namespace

std::string qc_report_junit(const qc::QcReport& report) {
    pugi::xml_document document;
    pugi::xml_node declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version").set_value("1.0");
    declaration.append_attribute("encoding").set_value("UTF-8");
    pugi::xml_node root = document.append_child("testsuites");
    set(root, "name", is_validate(report) ? "slate validate" : "slate qc");
    Counts total;
    for (const auto& file : report.files) total += add_suite(root, file, report);
    // junit-10.xsd has no "skipped" on <testsuites>: each <testsuite> carries its own.
    set_counts(root, total, false);
    StringWriter writer;
    document.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
    return writer.text;
}

}  // namespace media::report
