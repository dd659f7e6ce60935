// SPDX-License-Identifier: Apache-2.0
#include "report_format.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace media::report::detail {
namespace {

// Large enough for any double in fixed notation with a few decimals (up to ~1e308).
using NumberBuffer = std::array<char, 400>;

double parse_back(const char* begin, const char* end, double fallback) {
    double parsed = fallback;
    const auto result = std::from_chars(begin, end, parsed);
    if (result.ec != std::errc()) return fallback;
    return parsed == 0.0 ? 0.0 : parsed;  // no -0 in reports
}

double round_through_text(double value, std::chars_format format, int precision) {
    if (!std::isfinite(value)) return value;
    NumberBuffer buffer;
    const auto written =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, format, precision);
    if (written.ec != std::errc()) return value;
    return parse_back(buffer.data(), written.ptr, value);
}

std::string frames_part(const qc::Event& event) {
    if (event.first_frame < 0) return {};
    const int64_t last = std::max(event.last_frame, event.first_frame);
    std::string text = last == event.first_frame
                           ? fmt::format("frame {}", event.first_frame)
                           : fmt::format("frames {}-{}", event.first_frame, last);
    if (event.first_timecode.empty()) return text;
    if (event.last_timecode.empty() || event.last_timecode == event.first_timecode)
        return text + " (" + event.first_timecode + ")";
    return text + " (" + event.first_timecode + "-" + event.last_timecode + ")";
}

std::string seconds_part(const qc::Event& event) {
    // Frame events carry their seconds too; an all-zero span there means "not given".
    if (event.first_frame >= 0 && event.start_seconds == 0.0 && event.end_seconds == 0.0) return {};
    if (event.end_seconds <= event.start_seconds) return fixed_text(event.start_seconds, 3) + " s";
    return fixed_text(event.start_seconds, 3) + "-" + fixed_text(event.end_seconds, 3) + " s";
}

std::string what_part(const qc::Event& event) {
    if (!event.detail.empty()) return event.detail;
    if (event.value && std::isfinite(*event.value)) return "value " + number_text(*event.value);
    return {};
}

// The measured text, or the number with its unit.
std::string measured_part(const qc::CheckResult& check) {
    if (!check.measured_text.empty() || !check.measured || !std::isfinite(*check.measured))
        return check.measured_text;
    return number_text(*check.measured) + (check.unit.empty() ? "" : " " + check.unit);
}

}  // namespace

double round_significant(double value, int digits) {
    return round_through_text(value, std::chars_format::general, std::max(digits, 1));
}

double round_decimals(double value, int decimals) {
    return round_through_text(value, std::chars_format::fixed, std::max(decimals, 0));
}

std::string fixed_text(double value, int decimals) {
    if (!std::isfinite(value)) return {};
    std::string text = fmt::format("{:.{}f}", value, std::max(decimals, 0));
    if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    return text;
}

std::string number_text(double value, int digits) {
    if (!std::isfinite(value)) return {};
    NumberBuffer buffer;
    const double rounded = round_significant(value, digits);
    const auto written = std::to_chars(buffer.data(), buffer.data() + buffer.size(), rounded);
    return std::string(buffer.data(), written.ptr);
}

std::string count_text(size_t count, std::string_view noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

bool fails_file(const qc::CheckResult& check, qc::Severity fail_on) {
    return check.verdict == qc::Verdict::Fail && check.severity >= fail_on;
}

std::string event_text(const qc::Event& event) {
    std::vector<std::string> parts;
    for (std::string part : {frames_part(event), seconds_part(event)})
        if (!part.empty()) parts.push_back(std::move(part));
    // People count audio channels from 1, as ffmpeg's astats prints them.
    if (event.channel >= 0) parts.push_back(fmt::format("channel {}", event.channel + 1));
    std::string where;
    for (const std::string& part : parts) where += (where.empty() ? "" : ", ") + part;
    const std::string what = what_part(event);
    if (what.empty()) return where;
    return where.empty() ? what : where + ": " + what;
}

std::string measured_vs_threshold(const qc::CheckResult& check) {
    const std::string measured = measured_part(check);
    if (measured.empty())
        return check.threshold_text.empty() ? "" : "threshold " + check.threshold_text;
    if (check.threshold_text.empty()) return "measured " + measured;
    return "measured " + measured + ", threshold " + check.threshold_text;
}

std::string expected_vs_measured(const qc::CheckResult& check) {
    const std::string measured = measured_part(check);
    std::string text;
    if (!check.threshold_text.empty()) text = "expected " + check.threshold_text;
    if (measured.empty()) return text;
    return (text.empty() ? "" : text + ", ") + "measured " + measured;
}

VerdictCounts count_verdicts(const qc::FileReport& file, qc::Severity fail_on) {
    VerdictCounts counts;
    counts.total = file.checks.size();
    for (const auto& check : file.checks) {
        switch (check.verdict) {
            case qc::Verdict::Pass:
                ++counts.passed;
                break;
            case qc::Verdict::NotChecked:
                ++counts.not_checked;
                break;
            case qc::Verdict::NotApplicable:
                ++counts.not_applicable;
                break;
            case qc::Verdict::Fail:
                ++(fails_file(check, fail_on) ? counts.failed : counts.warned);
                break;
        }
    }
    return counts;
}

bool was_decoded(const qc::FileAnalysis& a) {
    const qc::StreamAnalysis& s = a.stream;
    if (s.frames_decoded > 0 || s.audio_samples > 0 || !s.decode_errors.empty() || s.truncated)
        return true;
    return a.picture || a.black || a.freeze || a.interlace || a.cadence || a.flash || a.loudness ||
           a.audio_levels || !a.series.empty() || a.fidelity;
}

std::string check_summary(const qc::CheckResult& check) {
    return check.message.empty() ? measured_vs_threshold(check) : check.message;
}

std::string event_lines(const qc::CheckResult& check, size_t limit, std::string_view indent) {
    std::string lines;
    const size_t shown = std::min(limit, check.events.size());
    for (size_t i = 0; i < shown; ++i)
        lines += fmt::format("{}{}\n", indent, event_text(check.events[i]));
    const size_t left_out = check.events.size() - shown;
    if (left_out > 0)
        lines += fmt::format("{}... and {} more {}\n", indent, left_out,
                             left_out == 1 ? "event" : "events");
    return lines;
}

}  // namespace media::report::detail
