// SPDX-License-Identifier: Apache-2.0
// Video checks over time: decode errors, black, freeze, interlacing, cadence and flashes.
#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "evaluate_internal.h"

namespace media::qc::detail {
namespace {

constexpr std::string_view k_no_video = "no video stream";
constexpr std::string_view k_not_measured = "not measured in this run";

bool inside_any(int64_t frame, const std::vector<analysis::Segment>& runs) {
    return std::any_of(runs.begin(), runs.end(), [frame](const analysis::Segment& run) {
        return frame >= run.first && frame <= run.last;
    });
}

// Decode errors outside the corrupt runs, grouped into runs of consecutive frames; errors that
// concern no frame (container level) stay in the message only.
std::vector<analysis::Segment> error_runs(const StreamAnalysis& stream) {
    std::vector<int64_t> frames;
    for (const DecodeIssue& issue : stream.decode_errors)
        if (issue.frame >= 0 && !inside_any(issue.frame, stream.corrupt_frames))
            frames.push_back(issue.frame);
    std::sort(frames.begin(), frames.end());
    frames.erase(std::unique(frames.begin(), frames.end()), frames.end());
    analysis::SegmentTracker tracker;
    for (const int64_t frame : frames) tracker.add(frame, true);
    return tracker.finish();
}

std::string decode_summary(const StreamAnalysis& stream, int64_t corrupt) {
    std::string text =
        fmt::format("{} decode errors, {} corrupt frames in {} runs", stream.decode_errors.size(),
                    corrupt, stream.corrupt_frames.size());
    if (!stream.fatal_error.empty()) text += "; decoding stopped: " + stream.fatal_error;
    return text;
}

std::string decode_message(const StreamAnalysis& stream, const std::string& summary) {
    if (!stream.fatal_error.empty())
        return fmt::format("the file could not be read to the end: {}", stream.fatal_error);
    if (stream.decode_errors.empty()) return summary;
    return fmt::format("{} (first: {})", summary, stream.decode_errors.front().message);
}

}  // namespace

void evaluate_decode_errors(const EvalContext& ctx, CheckResult& result) {
    const StreamAnalysis& stream = ctx.analysis.stream;
    const bool readable = ctx.facts().has_video || ctx.facts().has_audio;
    if (!need(readable || !stream.fatal_error.empty(), result, "no video or audio stream")) return;
    const int64_t corrupt =
        std::accumulate(stream.corrupt_frames.begin(), stream.corrupt_frames.end(), int64_t{0},
                        [](int64_t sum, const analysis::Segment& s) { return sum + s.length(); });
    const std::string summary = decode_summary(stream, corrupt);
    set_measured(result,
                 static_cast<double>(stream.decode_errors.size()) + static_cast<double>(corrupt),
                 "errors", summary);
    result.threshold_text = "none";
    add_frame_segments(ctx, result, stream.corrupt_frames,
                       [](const analysis::Segment&) { return std::string("corrupt frames"); });
    add_frame_segments(ctx, result, error_runs(stream),
                       [](const analysis::Segment&) { return std::string("decode error"); });
    const bool bad = !stream.decode_errors.empty() || corrupt > 0 || !stream.fatal_error.empty() ||
                     stream.truncated;
    if (bad) fail(result, decode_message(stream, summary));
}

void evaluate_black(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, k_no_video)) return;
    if (!need(ctx.analysis.black.has_value(), result, k_not_measured)) return;
    const auto& segments = *ctx.analysis.black;
    const QcProfile& p = ctx.profile;
    result.threshold_text = fmt::format(
        "black share >= {} (Y' <= {} of range) for >= {} s", figure(p.black.picture_ratio),
        percent(p.measure.black_pixel_threshold), figure(p.black_min_seconds));
    const int64_t worst = longest(segments);
    set_measured(result, ctx.frame_seconds(worst), "s",
                 segments.empty()
                     ? "no black segments"
                     : fmt::format("{} segments, longest {} s ({} frames)", segments.size(),
                                   fixed(ctx.frame_seconds(worst), 3), worst));
    add_frame_segments(ctx, result, segments, [](const analysis::Segment& s) {
        return fmt::format("black share {} (lowest in the run)", fixed(s.value, 3));
    });
    if (!segments.empty()) fail(result, count_message(segments.size(), "black segments", result));
}

void evaluate_freeze(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, k_no_video)) return;
    if (!need(ctx.analysis.freeze.has_value(), result, k_not_measured)) return;
    const auto& segments = *ctx.analysis.freeze;
    const QcProfile& p = ctx.profile;
    result.threshold_text = fmt::format("frame difference <= {} for >= {} s",
                                        figure(p.freeze.noise), figure(p.freeze_min_seconds));
    const int64_t worst = longest(segments);
    set_measured(result, ctx.frame_seconds(worst), "s",
                 segments.empty()
                     ? "no frozen segments"
                     : fmt::format("{} segments, longest {} s ({} frames)", segments.size(),
                                   fixed(ctx.frame_seconds(worst), 3), worst));
    add_frame_segments(ctx, result, segments, [](const analysis::Segment& s) {
        return fmt::format("picture held for {} frames (largest difference {})", s.length(),
                           fixed(s.value, 5));
    });
    if (!segments.empty()) fail(result, count_message(segments.size(), "frozen segments", result));
}

void evaluate_interlace(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, k_no_video)) return;
    if (!need(ctx.analysis.interlace.has_value(), result, "interlace detection did not run"))
        return;
    const analysis::InterlaceResult& r = *ctx.analysis.interlace;
    const int64_t total = r.top_first + r.bottom_first + r.progressive + r.undetermined;
    const double interlaced =
        total > 0 ? static_cast<double>(r.top_first + r.bottom_first) / static_cast<double>(total)
                  : 0.0;
    set_measured(result, interlaced * 100.0, "%",
                 fmt::format("{} (progressive {}, tff {}, bff {}, undetermined {})", r.detected,
                             r.progressive, r.top_first, r.bottom_first, r.undetermined));
    const std::string& expected = ctx.profile.expected_scan;
    result.threshold_text =
        expected == "any" ? "one scan type throughout" : fmt::format("{} throughout", expected);
    add_frame_segments(ctx, result, r.combed, [&](const analysis::Segment& s) {
        return s.detail.empty() ? fmt::format("scan differs from the stream's ({})", r.detected)
                                : s.detail;
    });
    const bool mismatch =
        expected != "any" && r.detected != "undetermined" && r.detected != expected;
    if (mismatch)
        fail(result, fmt::format("detected {}, expected {}", r.detected, expected));
    else if (!r.combed.empty())
        fail(result, count_message(r.combed.size(), "runs of mixed scan", result));
}

namespace {

std::vector<analysis::Segment> repeat_runs(const std::vector<int64_t>& frames) {
    analysis::SegmentTracker tracker;
    for (const int64_t frame : frames) tracker.add(frame, true, 1.0);
    return tracker.finish();
}

std::string cadence_problem(const analysis::CadenceResult& r, bool pulldown_unwanted) {
    std::vector<std::string> parts;
    if (!r.repeated_frames.empty())
        parts.push_back(fmt::format("{} repeated frames", r.repeated_frames.size()));
    if (!r.dropped.empty()) parts.push_back(fmt::format("{} drops", r.dropped.size()));
    if (pulldown_unwanted) parts.push_back(fmt::format("{} found", r.pattern));
    return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

void evaluate_cadence(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, k_no_video)) return;
    if (!need(ctx.analysis.cadence.has_value(), result, k_not_measured)) return;
    const analysis::CadenceResult& r = *ctx.analysis.cadence;
    const double count = static_cast<double>(r.repeated_frames.size() + r.dropped.size());
    set_measured(result, count, "frames",
                 fmt::format("{} repeated, {} drops, pattern {}", r.repeated_frames.size(),
                             r.dropped.size(), r.pattern.empty() ? "none" : r.pattern));
    // Pulldown in a file that should be progressive is a telecine left in (no 3:2 in masters).
    const bool pulldown_unwanted =
        ctx.profile.expected_scan == "progressive" && r.pattern == "2:3 pulldown";
    result.threshold_text = "no repeated or dropped frames";
    if (ctx.profile.expected_scan == "progressive") result.threshold_text += ", no pulldown";
    add_frame_segments(ctx, result, repeat_runs(r.repeated_frames), [](const analysis::Segment&) {
        return std::string("repeats the previous frame");
    });
    add_frame_segments(ctx, result, r.dropped, [](const analysis::Segment& s) {
        return fmt::format("about {} frames missing between these frames", fixed(s.value, 0));
    });
    if (count > 0 || pulldown_unwanted) fail(result, cadence_problem(r, pulldown_unwanted));
}

void evaluate_flash(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, k_no_video)) return;
    if (!need(ctx.analysis.flash.has_value(), result, k_not_measured)) return;
    const analysis::FlashResult& r = *ctx.analysis.flash;
    const analysis::FlashOptions& o = ctx.profile.flash;
    result.threshold_text = fmt::format(
        "<= {} flashes in any 1 s over > {} of the screen (change >= {} cd/m², darker < {} "
        "cd/m²; BT.1702)",
        o.max_flashes_per_second, percent(o.area_fraction), figure(o.luminance_change),
        figure(o.dark_limit));
    set_measured(result, r.max_flashes_per_second, "flashes/s",
                 fmt::format("at most {} flashes in 1 s, largest area {}", r.max_flashes_per_second,
                             percent(r.max_area)));
    for (const analysis::FlashWindow& window : r.failures) {
        Event event = ctx.frames_event(window.first, window.last);
        event.value = window.flashes;
        event.detail =
            fmt::format("{}: {} flashes in 1 s over {} of the screen, change {} cd/m²", window.kind,
                        window.flashes, percent(window.area), fixed(window.change, 1));
        result.events.push_back(std::move(event));
    }
    if (!r.failures.empty())
        fail(result, count_message(r.failures.size(), "failing windows", result));
}

}  // namespace media::qc::detail
