// SPDX-License-Identifier: Apache-2.0
// The self-contained HTML QC page: inline CSS, inline SVG graphs, thumbnails as data: URIs, no
// script and no outside reference, so it opens offline and prints. The markup is also well-formed
// XML (void elements closed, only XML's own entities) so tools and tests can parse it. A
// validation (ReportKind::Validate) gets the same page with the spec in its header and a table
// of rules (expected, measured, reference) in place of the checks.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "html_escape.h"
#include "media/report/qc_writers.h"
#include "qc_graphs.h"
#include "report_format.h"
#include "svg_plot.h"

namespace media::report {

namespace {

using detail::escape_html;
using qc::CheckResult;
using qc::FileReport;
using qc::FileVerdict;
using qc::QcReport;
using qc::Severity;
using qc::SeverityStyle;
using qc::Verdict;

constexpr size_t kEventsListed = 10;  // per check; the rest is counted (graphs show all)
constexpr size_t kIssuesListed = 25;  // decode errors and timecode breaks listed per file

// No '<' or '&' inside, so the style element is also valid XML character data.
constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #1b1b1b; background: #fff; margin: 0 auto; padding: 1rem 1.25rem 3rem; max-width: 1240px; }
h1 { font-size: 1.6rem; margin: 0.4rem 0; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; padding-top: 0.6rem; border-top: 2px solid #ccc;
  overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; }
p { margin: 0.3rem 0; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 0.92em; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.3rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #d0d0d0; padding: 0.25rem 0.55rem; text-align: left;
  vertical-align: top; }
th { background: #f2f2f2; font-weight: 600; }
tbody tr:nth-child(even) { background: #fafafa; }
table.facts th { width: 12rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.mono { white-space: nowrap; }
.badge { display: inline-block; padding: 0.05rem 0.5rem; border: 1px solid; border-radius: 0.3rem;
  font-weight: 600; white-space: nowrap; }
.v-pass { background: #e7f4ea; color: #0b5320; border-color: #1a7f37; }
.v-fail-error { background: #fde8e8; color: #8a1116; border-color: #b3261e; }
.v-fail-warning { background: #fff3de; color: #5f3a00; border-color: #a36200; }
.v-fail-info { background: #e6f0fb; color: #0b3f78; border-color: #2b6cb0; }
.v-nc { background: #efefef; color: #333; border-color: #8a8a8a; }
.f-pass { background: #e7f4ea; color: #0b5320; border-color: #1a7f37; }
.f-warn { background: #fff3de; color: #5f3a00; border-color: #a36200; }
.f-fail { background: #fde8e8; color: #8a1116; border-color: #b3261e; }
.f-error { background: #f3e5f5; color: #5b1469; border-color: #7b1fa2; }
.overall { font-size: 1.25rem; margin: 0.6rem 0; }
.muted { color: #555; }
.plots figure { margin: 0 0 0.8rem; }
figure { margin: 0; }
svg.plot { width: 100%; height: auto; display: block; background: #fff; }
svg.plot text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: #222; }
svg.plot .plot-title { font-size: 12px; font-weight: 600; }
svg.plot .axis-name { fill: #666; font-style: italic; }
svg.plot .grid { stroke: #e3e3e3; stroke-width: 1; }
svg.plot .frame { fill: none; stroke: #999; stroke-width: 1; }
.thumbs { display: flex; flex-wrap: wrap; gap: 0.8rem; }
.thumbs figure { border: 1px solid #ccc; padding: 0.3rem; background: #f7f7f7; }
.thumbs img { display: block; max-width: 100%; height: auto; }
.thumbs figcaption { font-size: 0.85rem; margin-top: 0.2rem; }
section.run { margin-top: 3rem; color: #444; }
@media (max-width: 640px) { body { padding: 0.5rem; font-size: 14px; } }
@media print {
  body { max-width: none; font-size: 10pt; padding: 0; }
  section.file { break-before: page; }
  figure, svg, tr, .thumbs figure { break-inside: avoid; }
  .badge, th, svg.plot { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
)css";

// Tags and text -------------------------------------------------------------------------------

std::string element(std::string_view tag, std::string_view text, std::string_view cls = {}) {
    const std::string attr = cls.empty() ? "" : fmt::format(" class=\"{}\"", cls);
    return fmt::format("<{0}{1}>{2}</{0}>", tag, attr, escape_html(text));
}

std::string cell(std::string_view text, std::string_view cls = {}) {
    return element("td", text, cls);
}

std::string number(double value, int decimals) {
    return fmt::format("{:.{}f}", value + 0.0, decimals);
}

std::string table(std::string_view cls, std::string_view head, const std::string& body) {
    return fmt::format(
        "<div class=\"table-wrap\"><table class=\"{}\"><thead><tr>{}</tr></thead><tbody>{}"
        "</tbody></table></div>\n",
        cls, head, body);
}

std::string header_cells(std::initializer_list<std::string_view> names) {
    std::string out;
    for (std::string_view name : names) out += element("th", name);
    return out;
}

// Verdicts: a colour and always a word and a symbol, never colour alone ----------------------

std::string file_verdict_badge(FileVerdict verdict) {
    switch (verdict) {
        case FileVerdict::Pass:
            return "<span class=\"badge f-pass\">&#10003; PASS</span>";
        case FileVerdict::Warn:
            return "<span class=\"badge f-warn\">&#9888; WARN</span>";
        case FileVerdict::Fail:
            return "<span class=\"badge f-fail\">&#10007; FAIL</span>";
        case FileVerdict::Error:
            return "<span class=\"badge f-error\">&#9888; ERROR</span>";
    }
    return {};
}

std::string check_verdict_badge(const CheckResult& check) {
    switch (check.verdict) {
        case Verdict::Pass:
            return "<span class=\"badge v-pass\">&#10003; pass</span>";
        case Verdict::NotChecked:
            return "<span class=\"badge v-nc\">&#8211; not checked</span>";
        case Verdict::NotApplicable:
            return "<span class=\"badge v-nc\">&#8211; not applicable</span>";
        case Verdict::Fail:
            break;
    }
    const std::string_view level = check.severity == Severity::Error     ? "error"
                                   : check.severity == Severity::Warning ? "warning"
                                                                         : "info";
    return fmt::format("<span class=\"badge v-fail-{}\">&#10007; fail</span>", level);
}

int verdict_rank(FileVerdict verdict) {
    switch (verdict) {
        case FileVerdict::Pass:
            return 0;
        case FileVerdict::Warn:
            return 1;
        case FileVerdict::Fail:
            return 2;
        case FileVerdict::Error:
            return 3;
    }
    return 3;
}

FileVerdict overall_verdict(const QcReport& report) {
    FileVerdict worst = FileVerdict::Pass;
    for (const FileReport& file : report.files)
        if (verdict_rank(file.verdict) > verdict_rank(worst)) worst = file.verdict;
    return worst;
}

size_t count_checks(const FileReport& file, Verdict verdict) {
    return static_cast<size_t>(
        std::count_if(file.checks.begin(), file.checks.end(),
                      [&](const CheckResult& c) { return c.verdict == verdict; }));
}

bool is_validate(const QcReport& report) {
    return report.kind == qc::ReportKind::Validate;
}

std::string file_anchor(size_t index) {
    return fmt::format("file-{}", index + 1);
}

// Page header: profile, overall verdict, one line per file --------------------------------------

std::string summary_rows(const QcReport& report) {
    std::string rows;
    for (size_t i = 0; i < report.files.size(); ++i) {
        const FileReport& file = report.files[i];
        rows +=
            fmt::format("<tr><td><a href=\"#{}\">{}</a></td><td>{}</td>", file_anchor(i),
                        escape_html(file.analysis.facts.path), file_verdict_badge(file.verdict));
        rows += cell(std::to_string(count_checks(file, Verdict::Fail)), "num");
        rows += cell(std::to_string(count_checks(file, Verdict::NotChecked)), "num");
        if (is_validate(report))
            rows += cell(std::to_string(count_checks(file, Verdict::NotApplicable)), "num");
        rows += cell(std::to_string(count_checks(file, Verdict::Pass)), "num") + "</tr>";
    }
    return rows;
}

std::string overall_line(const QcReport& report) {
    return fmt::format(
        "<p class=\"overall\">Overall: {} <span class=\"muted\">(exit code {}, "
        "{} file{})</span></p>\n",
        file_verdict_badge(overall_verdict(report)), report.exit_code(), report.files.size(),
        report.files.size() == 1 ? "" : "s");
}

std::string spec_title(const QcReport& report) {
    std::string title = "Delivery spec " + report.profile_name;
    if (!report.profile_version.empty()) title += " " + report.profile_version;
    return title;
}

std::string parameters_table(const QcReport& report) {
    if (report.parameters.empty()) return {};
    std::string rows;
    for (const qc::ReportParameter& p : report.parameters)
        rows += "<tr>" + cell(p.name, "mono") + cell(p.value) + "</tr>";
    return table("parameters", header_cells({"Parameter", "Value"}), rows);
}

// A validation's header: the spec, who issued it and the document its figures come from.
std::string validate_header(const QcReport& report) {
    std::string out = "<header>\n" + element("h1", spec_title(report)) + "\n<p>";
    if (!report.spec_issuer.empty())
        out += fmt::format("Issued by <strong>{}</strong>. ", escape_html(report.spec_issuer));
    if (!report.spec_document.empty())
        out += fmt::format("Source document: {}. ", escape_html(report.spec_document));
    if (!report.profile_source.empty())
        out +=
            fmt::format("<span class=\"muted\">({})</span> ", escape_html(report.profile_source));
    out += fmt::format("Failed rules of severity {} or above fail a file.</p>\n",
                       escape_html(qc::to_string(report.fail_on, report.severity_style)));
    out += parameters_table(report);
    out += overall_line(report);
    out += table(
        "summary",
        header_cells({"File", "Verdict", "Failed", "Not checked", "Not applicable", "Passed"}),
        summary_rows(report));
    return out + "</header>\n";
}

std::string page_header(const QcReport& report) {
    std::string out = "<header>\n" + element("h1", "Slate QC report") + "\n";
    out += fmt::format("<p>Profile <strong>{}</strong>", escape_html(report.profile_name));
    if (!report.profile_version.empty())
        out += fmt::format(", version {}", escape_html(report.profile_version));
    if (!report.profile_source.empty())
        out +=
            fmt::format(" <span class=\"muted\">({})</span>", escape_html(report.profile_source));
    out += fmt::format(". Failures of severity {} or above fail a file.</p>\n",
                       escape_html(qc::to_string(report.fail_on, report.severity_style)));
    out += overall_line(report);
    out += table("summary", header_cells({"File", "Verdict", "Failed", "Not checked", "Passed"}),
                 summary_rows(report));
    return out + "</header>\n";
}

// Facts ---------------------------------------------------------------------------------------

void fact(std::string& rows, std::string_view name, const std::string& value) {
    if (value.empty()) return;
    rows += "<tr>" + element("th", name) + cell(value) + "</tr>";
}

std::string size_text(int64_t bytes) {
    if (bytes < 1024) return fmt::format("{} bytes", bytes);
    const double mib = double(bytes) / (1024.0 * 1024.0);
    return mib < 1024.0 ? fmt::format("{} MiB ({} bytes)", number(mib, 2), bytes)
                        : fmt::format("{} GiB ({} bytes)", number(mib / 1024.0, 2), bytes);
}

std::string colour_text(const ColorInfo& c) {
    std::string out = fmt::format("{} / {} / {} / {}", to_string(c.primaries),
                                  to_string(c.transfer), to_string(c.matrix), to_string(c.range));
    if (c.content_light)
        out += fmt::format("; MaxCLL {} / MaxFALL {} cd/m\u00b2", c.content_light->max_cll,
                           c.content_light->max_fall);
    if (c.mastering_display)
        out += fmt::format("; mastering {}-{} cd/m\u00b2",
                           number(c.mastering_display->min_luminance, 4),
                           number(c.mastering_display->max_luminance, 0));
    return out;
}

void video_facts(std::string& rows, const qc::FileAnalysis& a, bool decoded) {
    const qc::FileFacts& f = a.facts;
    if (!f.has_video) return;
    const std::string size = fmt::format("{}x{}", f.width, f.height);
    fact(rows, "Video", f.video_codec.empty() ? size : f.video_codec + " " + size);
    if (f.frame_rate.valid())
        fact(rows, "Frame rate",
             fmt::format("{} ({} fps)", f.frame_rate.to_string(),
                         number(f.frame_rate.to_double(), 3)));
    fact(rows, "Pixel format", f.pixel_format);
    fact(rows, "Colour (primaries / transfer / matrix / range)", colour_text(f.color));
    if (f.declared_frames) fact(rows, "Declared frames", std::to_string(*f.declared_frames));
    if (decoded) fact(rows, "Decoded frames", std::to_string(a.stream.frames_decoded));
    if (f.start_timecode) fact(rows, "Start timecode", f.start_timecode->to_string());
}

void audio_facts(std::string& rows, const qc::FileAnalysis& a) {
    const qc::FileFacts& f = a.facts;
    if (!f.has_audio) return;
    fact(rows, "Audio",
         fmt::format("{}, {} channel{}, {} Hz", f.audio_codec, f.audio_channels,
                     f.audio_channels == 1 ? "" : "s", f.sample_rate));
    fact(rows, "Channel layout", f.channel_layout);
    if (a.stream.audio_seconds)
        fact(rows, "Decoded audio", fmt::format("{} s", number(*a.stream.audio_seconds, 3)));
}

// `decoded`: the essence was decoded, so decoding facts (frames decoded...) mean something.
std::string facts_table(const qc::FileAnalysis& a, bool decoded) {
    std::string rows;
    fact(rows, "Path", a.facts.path);
    fact(rows, "Container", a.facts.container);
    if (a.facts.duration_seconds)
        fact(rows, "Duration", fmt::format("{} s", number(*a.facts.duration_seconds, 3)));
    if (a.facts.size_bytes > 0) fact(rows, "Size", size_text(a.facts.size_bytes));
    video_facts(rows, a, decoded);
    audio_facts(rows, a);
    if (!a.stream.decode_errors.empty())
        fact(rows, "Decode errors", std::to_string(a.stream.decode_errors.size()));
    if (a.stream.truncated) fact(rows, "Decoding stopped early", a.stream.fatal_error);
    if (!a.stream.timestamps_known) fact(rows, "Timestamps", "none usable");
    return fmt::format(
        "<div class=\"table-wrap\"><table class=\"facts\"><tbody>{}</tbody></table>"
        "</div>\n",
        rows);
}

// Checks and events -----------------------------------------------------------------------------

std::string measured_text(const CheckResult& check) {
    if (!check.measured_text.empty()) return check.measured_text;
    if (!check.measured) return {};
    const std::string value = fmt::format("{:.6g}", *check.measured + 0.0);
    return check.unit.empty() ? value : value + " " + check.unit;
}

std::string check_row(const CheckResult& check, SeverityStyle style) {
    std::string row = "<tr>";
    row += fmt::format("<td>{}<br/><code>{}</code></td>", escape_html(check.title),
                       escape_html(check.id));
    row += cell(check.category);
    row += cell(qc::to_string(check.severity, style));
    row += "<td>" + check_verdict_badge(check) + "</td>";
    row += cell(measured_text(check));
    row += cell(check.threshold_text);
    row += cell(std::to_string(check.events.size()), "num");
    row += cell(check.message);
    return row + "</tr>";
}

std::string checks_table(const FileReport& file, SeverityStyle style) {
    std::string rows;
    for (const CheckResult& check : file.checks) rows += check_row(check, style);
    return table("checks",
                 header_cells({"Check", "Category", "Severity", "Verdict", "Measured", "Threshold",
                               "Events", "Note"}),
                 rows);
}

std::string rule_row(const CheckResult& rule, SeverityStyle style) {
    std::string row = "<tr>" + cell(rule.id, "mono") + cell(rule.title);
    row += cell(qc::to_string(rule.severity, style));
    row += "<td>" + check_verdict_badge(rule) + "</td>";
    row += cell(rule.threshold_text);
    row += cell(measured_text(rule));
    row += cell(rule.reference);
    row += cell(rule.message);
    return row + "</tr>";
}

std::string rules_table(const FileReport& file, SeverityStyle style) {
    std::string rows;
    for (const CheckResult& rule : file.checks) rows += rule_row(rule, style);
    return table("rules",
                 header_cells({"Rule", "Title", "Severity", "Verdict", "Expected", "Measured",
                               "Reference", "Note"}),
                 rows);
}

std::string frame_range(const qc::Event& e) {
    if (e.first_frame < 0) return {};
    return e.last_frame > e.first_frame ? fmt::format("{}-{}", e.first_frame, e.last_frame)
                                        : std::to_string(e.first_frame);
}

std::string timecode_range(const qc::Event& e) {
    if (e.first_timecode.empty()) return {};
    return e.last_timecode.empty() || e.last_timecode == e.first_timecode
               ? e.first_timecode
               : e.first_timecode + "-" + e.last_timecode;
}

std::string event_row(const CheckResult& check, const qc::Event& e) {
    std::string row = "<tr>" + cell(check.id, "mono") + cell(frame_range(e), "num") +
                      cell(timecode_range(e), "mono");
    row += cell(fmt::format("{}-{}", number(e.start_seconds, 3), number(e.end_seconds, 3)), "num");
    row += cell(e.channel >= 0 ? std::to_string(e.channel + 1) : std::string(), "num");
    row += cell(e.value ? fmt::format("{:.6g}", *e.value + 0.0) : std::string(), "num");
    return row + cell(e.detail) + "</tr>";
}

std::string events_table(const FileReport& file) {
    std::string rows;
    for (const CheckResult& check : file.checks) {
        if (check.verdict != Verdict::Fail) continue;
        const size_t shown = std::min(check.events.size(), kEventsListed);
        for (size_t i = 0; i < shown; ++i) rows += event_row(check, check.events[i]);
        if (check.events.size() > shown)
            rows +=
                fmt::format("<tr><td colspan=\"7\" class=\"muted\">{}: {} more events</td></tr>",
                            escape_html(check.id), check.events.size() - shown);
    }
    if (rows.empty()) return {};
    return element("h3", "Events") + table("events",
                                           header_cells({"Check", "Frames", "Timecode", "Seconds",
                                                         "Channel", "Value", "Detail"}),
                                           rows);
}

std::string stream_issues(const qc::StreamAnalysis& stream) {
    std::string rows;
    const size_t errors = std::min(stream.decode_errors.size(), kIssuesListed);
    for (size_t i = 0; i < errors; ++i) {
        const DecodeIssue& issue = stream.decode_errors[i];
        rows += "<tr>" + cell("decode error") +
                cell(issue.frame >= 0 ? std::to_string(issue.frame) : std::string(), "num") +
                cell(issue.message) + "</tr>";
    }
    const size_t breaks = std::min(stream.timecode_breaks.size(), kIssuesListed);
    for (size_t i = 0; i < breaks; ++i) {
        const qc::TimecodeBreak& b = stream.timecode_breaks[i];
        rows += "<tr>" + cell("timecode break") + cell(std::to_string(b.frame), "num") +
                cell(fmt::format("expected {}, found {} ({:+} frames)", b.expected, b.found,
                                 b.jump_frames)) +
                "</tr>";
    }
    if (rows.empty()) return {};
    return element("h3", "Stream issues") +
           table("issues", header_cells({"Kind", "Frame", "Detail"}), rows);
}

// Graphs and thumbnails ------------------------------------------------------------------------

std::string graphs(const FileReport& file) {
    std::string out;
    const std::string timeline = detail::file_timeline_svg(file);
    if (!timeline.empty()) out += "<figure class=\"timeline\">" + timeline + "</figure>\n";
    std::string plots;
    for (const detail::PlotSpec& plot : detail::file_plots(file))
        plots += "<figure>" + detail::render_plot_svg(plot) + "</figure>\n";
    if (!plots.empty()) out += "<div class=\"plots\">\n" + plots + "</div>\n";
    if (out.empty()) return {};
    return element("h3", "Graphs") +
           "<p class=\"muted\">Bands span each measure's minimum to maximum over the frames a "
           "point covers; lines are the mean. Shaded: events of failed checks. Dashed: limits."
           "</p>\n" +
           out;
}

// The PNG header's size, so the page reserves the picture's place before it decodes.
std::optional<std::pair<uint32_t, uint32_t>> png_size(const std::string& png) {
    if (png.size() < 24 || png.compare(1, 3, "PNG") != 0) return std::nullopt;
    const auto be32 = [&](size_t at) {
        return uint32_t(uint8_t(png[at])) << 24 | uint32_t(uint8_t(png[at + 1])) << 16 |
               uint32_t(uint8_t(png[at + 2])) << 8 | uint32_t(uint8_t(png[at + 3]));
    };
    return std::pair{be32(16), be32(20)};
}

std::string thumbnail_figure(const qc::Thumbnail& t) {
    std::string caption = fmt::format("{} &#183; frame {}", escape_html(t.check), t.frame);
    if (!t.timecode.empty()) caption += " &#183; " + escape_html(t.timecode);
    const auto size = png_size(t.png);
    const std::string dims =
        size ? fmt::format(" width=\"{}\" height=\"{}\"", size->first, size->second) : "";
    return fmt::format(
        "<figure><img src=\"{}\"{} alt=\"{} frame {}\"/><figcaption>{}"
        "</figcaption></figure>\n",
        detail::data_uri("image/png", t.png), dims, escape_html(t.check), t.frame, caption);
}

std::string thumbnails(const FileReport& file) {
    std::string out;
    for (const qc::Thumbnail& t : file.thumbnails)
        if (!t.png.empty()) out += thumbnail_figure(t);
    if (out.empty()) return {};
    return element("h3", "Frames at events") + "<div class=\"thumbs\">\n" + out + "</div>\n";
}

std::string file_section(const FileReport& file, size_t index, const QcReport& report) {
    const SeverityStyle style = report.severity_style;
    const bool validate = is_validate(report);
    std::string out = fmt::format("<section class=\"file\" id=\"{}\">\n", file_anchor(index));
    out += fmt::format("<h2>{} {}</h2>\n", escape_html(file.analysis.facts.path),
                       file_verdict_badge(file.verdict));
    if (!file.error.empty())
        out += fmt::format("<p><strong>Unreadable:</strong> {}</p>\n", escape_html(file.error));
    out += element("h3", "File") +
           facts_table(file.analysis, !validate || detail::was_decoded(file.analysis));
    out += validate ? element("h3", "Rules") + rules_table(file, style)
                    : element("h3", "Checks") + checks_table(file, style);
    out += events_table(file);
    out += stream_issues(file.analysis.stream);
    out += graphs(file);
    out += thumbnails(file);
    return out + "</section>\n";
}

// The only part that changes from run to run, kept last and apart.
std::string run_section(const qc::RunInfo& run) {
    std::string rows;
    fact(rows, "Started (UTC)", run.started_utc);
    fact(rows, "Finished (UTC)", run.finished_utc);
    fact(rows, "Host", run.host);
    fact(rows, "Slate version", run.slate_version);
    if (run.wall_seconds > 0)
        fact(rows, "Wall time", fmt::format("{} s", number(run.wall_seconds, 2)));
    if (run.threads > 0) fact(rows, "Threads", std::to_string(run.threads));
    return "<section class=\"run\">\n" + element("h2", "Run") +
           "<div class=\"table-wrap\"><table class=\"facts\"><tbody>" + rows +
           "</tbody></table></div>\n</section>\n";
}

std::string page_head(const QcReport& report) {
    const std::string title =
        is_validate(report) ? spec_title(report) : "QC: " + report.profile_name;
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        "<meta name=\"generator\" content=\"{}\"/>\n"
        "<title>{} ({})</title>\n<style>{}</style>\n</head>\n<body>\n",
        is_validate(report) ? "Slate validate" : "Slate QC", escape_html(title),
        qc::to_string(overall_verdict(report)), kStyle);
}

}  // namespace

std::string qc_report_html(const QcReport& report) {
    std::string page = page_head(report);
    page += is_validate(report) ? validate_header(report) : page_header(report);
    page += "<main>\n";
    for (size_t i = 0; i < report.files.size(); ++i)
        page += file_section(report.files[i], i, report);
    page += "</main>\n";
    page += run_section(report.run);
    return page + "</body>\n</html>\n";
}

}  // namespace media::report
