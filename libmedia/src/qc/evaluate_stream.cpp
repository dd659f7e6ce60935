// SPDX-License-Identifier: Apache-2.0
// Stream checks: timecode, timestamps, audio/video duration, head/tail black, black with
// silence, frame count. Timing checks are NotChecked when the video had no usable timestamps.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "evaluate_internal.h"

namespace media::qc::detail {
namespace {

constexpr std::string_view k_no_timestamps = "the video has no usable timestamps";
// Durations computed from frames and samples differ by rounding only; half a 48 kHz sample.
constexpr double k_time_epsilon = 1e-5;

}  // namespace

void evaluate_timecode_continuity(const EvalContext& ctx, CheckResult& result) {
    const auto& breaks = ctx.analysis.stream.timecode_breaks;
    if (!need(ctx.facts().start_timecode.has_value() || !breaks.empty(), result, "no timecode"))
        return;
    result.threshold_text = "continuous";
    set_measured(result, static_cast<double>(breaks.size()), "breaks",
                 breaks.empty() ? fmt::format("continuous from {}", ctx.timecode_at(0))
                                : fmt::format("{} breaks", breaks.size()));
    for (const TimecodeBreak& cut : breaks) {
        Event event = ctx.frames_event(cut.frame, cut.frame);
        // The event shows the timecode the file carries there, not the one computed from frame 0.
        event.first_timecode = event.last_timecode = cut.found;
        event.value = static_cast<double>(cut.jump_frames);
        event.detail = fmt::format("expected {}, found {} (jump {:+} frames)", cut.expected,
                                   cut.found, cut.jump_frames);
        if (!cut.previous_file.empty()) event.detail += " after " + cut.previous_file;
        result.events.push_back(std::move(event));
    }
    if (!breaks.empty()) fail(result, count_message(breaks.size(), "timecode breaks", result));
}

void evaluate_timestamps(const EvalContext& ctx, CheckResult& result) {
    const StreamAnalysis& stream = ctx.analysis.stream;
    if (!need(ctx.facts().has_video, result, "no video stream")) return;
    if (!need(stream.timestamps_known, result, k_no_timestamps)) return;
    result.threshold_text = fmt::format("no gap above {} frame durations; constant frame rate",
                                        figure(ctx.profile.pts_gap_frames));
    set_measured(result, static_cast<double>(stream.pts_gaps.size()), "gaps",
                 fmt::format("{} gaps{}", stream.pts_gaps.size(),
                             stream.variable_frame_rate ? ", variable frame rate" : ""));
    add_frame_segments(ctx, result, stream.pts_gaps, [](const analysis::Segment& s) {
        return fmt::format("gap of {} frame durations", fixed(s.value, 1));
    });
    if (!stream.pts_gaps.empty())
        fail(result, count_message(stream.pts_gaps.size(), "timestamp gaps", result));
    else if (stream.variable_frame_rate)
        fail(result, "variable frame rate");
}

void evaluate_av_duration(const EvalContext& ctx, CheckResult& result) {
    const StreamAnalysis& stream = ctx.analysis.stream;
    if (!need(ctx.facts().has_video && ctx.facts().has_audio, result, "needs video and audio"))
        return;
    if (!need(stream.timestamps_known, result, k_no_timestamps)) return;
    if (!need(stream.video_seconds && stream.audio_seconds, result, "durations not measured"))
        return;
    const double video = *stream.video_seconds;
    const double audio = *stream.audio_seconds;
    const double difference = std::abs(video - audio);
    const double tolerance = ctx.profile.av_duration_tolerance_seconds;
    result.threshold_text = fmt::format("difference <= {} s", figure(tolerance));
    set_measured(result, difference, "s",
                 fmt::format("video {} s, audio {} s", fixed(video, 3), fixed(audio, 3)));
    if (difference <= tolerance + k_time_epsilon) return;
    Event event = ctx.seconds_event(std::min(video, audio), std::max(video, audio));
    event.value = difference;
    event.detail =
        fmt::format("{} longer by {} s", video > audio ? "video" : "audio", fixed(difference, 3));
    result.events.push_back(event);
    fail(result, event.detail);
}

namespace {

// A black segment at the head or tail longer than its limit (0 = not limited) is an event.
double edge_black(const EvalContext& ctx, CheckResult& result, const analysis::Segment* segment,
                  double limit, std::string_view edge) {
    if (!segment) return 0.0;
    const double seconds = ctx.frame_seconds(segment->length());
    if (limit > 0 && seconds > limit + k_time_epsilon) {
        Event event = ctx.frames_event(segment->first, segment->last);
        event.value = seconds;
        event.detail =
            fmt::format("{} black {} s, limit {} s", edge, fixed(seconds, 3), figure(limit));
        result.events.push_back(std::move(event));
    }
    return seconds;
}

std::string limit_text(double limit) {
    return limit > 0 ? fmt::format("<= {} s", figure(limit)) : std::string("not limited");
}

}  // namespace

void evaluate_head_tail_black(const EvalContext& ctx, CheckResult& result) {
    const QcProfile& p = ctx.profile;
    if (!need(ctx.facts().has_video, result, "no video stream")) return;
    if (!need(p.head_black_max_seconds > 0 || p.tail_black_max_seconds > 0, result,
              "disabled by the profile (no head or tail limit)"))
        return;
    if (!need(ctx.analysis.black.has_value(), result, "black detection did not run")) return;
    if (!need(ctx.has_frame_rate(), result, "frame rate unknown")) return;
    const auto& segments = *ctx.analysis.black;
    const int64_t last = ctx.analysis.stream.frames_decoded - 1;
    const analysis::Segment* head = nullptr;
    const analysis::Segment* tail = nullptr;
    for (const analysis::Segment& s : segments) {
        if (s.first == 0) head = &s;
        if (last >= 0 && s.last == last) tail = &s;
    }
    result.threshold_text = fmt::format("head {}, tail {}", limit_text(p.head_black_max_seconds),
                                        limit_text(p.tail_black_max_seconds));
    const double head_s = edge_black(ctx, result, head, p.head_black_max_seconds, "head");
    const double tail_s = edge_black(ctx, result, tail, p.tail_black_max_seconds, "tail");
    set_measured(result, std::max(head_s, tail_s), "s",
                 fmt::format("head {} s, tail {} s", fixed(head_s, 3), fixed(tail_s, 3)));
    if (!result.events.empty()) fail(result, result.events.front().detail);
}

void evaluate_black_silence(const EvalContext& ctx, CheckResult& result) {
    const double limit = ctx.profile.black_silence_max_seconds;
    if (!need(limit > 0, result, "disabled by the profile (black_silence_max_seconds is 0)"))
        return;
    if (!need(ctx.facts().has_video && ctx.facts().has_audio, result, "needs video and audio"))
        return;
    if (!need(ctx.analysis.black && ctx.analysis.audio_levels, result, "not measured in this run"))
        return;
    const int rate = ctx.sample_rate();
    if (!need(ctx.has_frame_rate() && rate > 0, result, "frame or sample rate unknown")) return;
    result.threshold_text = fmt::format("black with silence < {} s", figure(limit));
    double worst = 0.0;
    for (const TimeSpan& span : black_silence_spans(ctx.analysis)) {
        const double length = span.end - span.start;
        worst = std::max(worst, length);
        if (length + k_time_epsilon < limit) continue;
        Event event = ctx.seconds_event(span.start, span.end);
        event.value = length;
        event.detail = fmt::format("black and silent for {} s", fixed(length, 3));
        result.events.push_back(std::move(event));
    }
    set_measured(result, worst, "s",
                 fmt::format("longest black with silence {} s", fixed(worst, 3)));
    if (!result.events.empty())
        fail(result, count_message(result.events.size(), "black and silent spans", result));
}

void evaluate_frame_count(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, "no video stream")) return;
    const std::optional<int64_t>& declared = ctx.facts().declared_frames;
    if (!need(declared.has_value(), result, "the container declares no frame count")) return;
    const int64_t decoded = ctx.analysis.stream.frames_decoded;
    result.threshold_text = fmt::format("{} frames (declared)", *declared);
    set_measured(result, static_cast<double>(decoded), "frames",
                 fmt::format("{} decoded of {} declared", decoded, *declared));
    if (decoded != *declared)
        fail(result, fmt::format("{} frames decoded, {} declared ({:+})", decoded, *declared,
                                 decoded - *declared));
}

}  // namespace media::qc::detail

namespace media::qc {

// Black (frames) and silence (samples) as times, overlapped pairwise; both lists are sorted and
// short, so a merge walk finds every overlap once.
std::vector<TimeSpan> black_silence_spans(const FileAnalysis& analysis) {
    std::vector<TimeSpan> spans;
    const Rational fps = analysis.facts.frame_rate;
    const int rate = analysis.facts.sample_rate > 0 ? analysis.facts.sample_rate
                     : analysis.audio_levels        ? analysis.audio_levels->sample_rate
                                                    : 0;
    if (!analysis.black || !analysis.audio_levels || !fps.valid() || fps.num() <= 0 || rate <= 0)
        return spans;
    // As EvalContext::frame_seconds computes it, so events land on the same times.
    const auto seconds = [&](int64_t frames) {
        return static_cast<double>(frames) * static_cast<double>(fps.den()) /
               static_cast<double>(fps.num());
    };
    const auto& black = *analysis.black;
    const auto& silence = analysis.audio_levels->silence_all;
    size_t i = 0, j = 0;
    while (i < black.size() && j < silence.size()) {
        const TimeSpan b{seconds(black[i].first), seconds(black[i].last + 1)};
        const TimeSpan s{double(silence[j].first) / rate, double(silence[j].last + 1) / rate};
        const TimeSpan both{std::max(b.start, s.start), std::min(b.end, s.end)};
        if (both.end > both.start) spans.push_back(both);
        (b.end < s.end ? i : j) += 1;
    }
    return spans;
}

}  // namespace media::qc
