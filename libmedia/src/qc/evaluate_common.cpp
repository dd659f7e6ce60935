// SPDX-License-Identifier: Apache-2.0
// Frames, samples and seconds as events, and the small text helpers every check uses. Times are
// computed from the exact frame rate (a Rational) so 29.97 events land on the right frame.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "evaluate_internal.h"

namespace media::qc::detail {

EvalContext::EvalContext(const FileAnalysis& analysis_in, const QcProfile& profile_in)
    : analysis(analysis_in), profile(profile_in) {}

bool EvalContext::has_frame_rate() const {
    const Rational& rate = facts().frame_rate;
    return rate.valid() && rate.num() > 0;
}

double EvalContext::frame_seconds(int64_t frames) const {
    if (!has_frame_rate()) return 0.0;
    const Rational& rate = facts().frame_rate;
    return static_cast<double>(frames) * static_cast<double>(rate.den()) /
           static_cast<double>(rate.num());
}

int EvalContext::sample_rate() const {
    if (facts().sample_rate > 0) return facts().sample_rate;
    return analysis.audio_levels ? analysis.audio_levels->sample_rate : 0;
}

std::string EvalContext::timecode_at(int64_t frame) const {
    if (!facts().start_timecode || frame < 0) return {};
    return (*facts().start_timecode + frame).to_string();
}

void EvalContext::add_timecodes(Event& event) const {
    event.first_timecode = timecode_at(event.first_frame);
    event.last_timecode = timecode_at(event.last_frame);
}

Event EvalContext::frames_event(int64_t first, int64_t last) const {
    Event event;
    event.first_frame = first;
    event.last_frame = last;
    event.start_seconds = frame_seconds(first);
    event.end_seconds = frame_seconds(last + 1);
    add_timecodes(event);
    return event;
}

// The frames a span of time covers by more than k_frame_overlap_seconds. Without the margin a
// span that ends a few samples into the next frame would name it: a tone resuming after a
// silence crosses zero exactly at the frame boundary, so the silent run is a sample longer.
void EvalContext::add_frames(Event& event) const {
    if (!facts().has_video || !has_frame_rate()) return;
    const double fps = facts().frame_rate.to_double();
    const double margin = k_frame_overlap_seconds * fps;
    event.first_frame = static_cast<int64_t>(std::floor(event.start_seconds * fps + margin));
    const int64_t end_frame = static_cast<int64_t>(std::ceil(event.end_seconds * fps - margin));
    event.last_frame = std::max(event.first_frame, end_frame - 1);
    add_timecodes(event);
}

Event EvalContext::samples_event(int64_t first, int64_t last, int channel) const {
    Event event;
    event.channel = channel;
    const int rate = sample_rate();
    if (rate <= 0) return event;
    event.start_seconds = static_cast<double>(first) / rate;
    event.end_seconds = static_cast<double>(last + 1) / rate;
    add_frames(event);
    return event;
}

Event EvalContext::seconds_event(double start, double end) const {
    Event event;
    event.start_seconds = start;
    event.end_seconds = end;
    add_frames(event);
    return event;
}

void not_checked(CheckResult& result, std::string reason) {
    result.verdict = Verdict::NotChecked;
    result.message = std::move(reason);
}

void fail(CheckResult& result, std::string message) {
    result.verdict = Verdict::Fail;
    result.message = std::move(message);
}

void set_measured(CheckResult& result, std::optional<double> value, std::string unit,
                  std::string text) {
    result.measured = value;
    result.unit = std::move(unit);
    result.measured_text = std::move(text);
}

bool need(bool ok, CheckResult& result, std::string_view reason) {
    if (!ok) not_checked(result, std::string(reason));
    return ok;
}

std::string where(const Event& event) {
    if (!event.first_timecode.empty()) return event.first_timecode;
    if (event.first_frame >= 0) return fmt::format("frame {}", event.first_frame);
    return fmt::format("{} s", fixed(event.start_seconds, 3));
}

bool earlier(const Event& a, const Event& b) {
    if (a.start_seconds != b.start_seconds) return a.start_seconds < b.start_seconds;
    return a.first_frame < b.first_frame;
}

std::string count_message(size_t count, std::string_view what, const CheckResult& result) {
    if (result.events.empty()) return fmt::format("{} {}", count, what);
    const auto first = std::min_element(result.events.begin(), result.events.end(), earlier);
    return fmt::format("{} {}, first at {}", count, what, where(*first));
}

std::string fixed(double value, int decimals) {
    // "-0.000" reads as a sign error in a report.
    const std::string text = fmt::format("{:.{}f}", value, decimals);
    const bool negative_zero = std::isfinite(value) && text.front() == '-' &&
                               text.find_first_of("123456789") == std::string::npos;
    return negative_zero ? text.substr(1) : text;
}

std::string figure(double value) {
    return fmt::format("{:g}", value);
}

std::string percent(double fraction) {
    return fmt::format("{} %", fixed(fraction * 100.0, 2));
}

int64_t longest(const std::vector<analysis::Segment>& segments) {
    int64_t best = 0;
    for (const analysis::Segment& segment : segments) best = std::max(best, segment.length());
    return best;
}

}  // namespace media::qc::detail
