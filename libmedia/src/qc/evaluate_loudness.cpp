// SPDX-License-Identifier: Apache-2.0
// Loudness checks (BS.1770-4 / EBU R128 figures from libebur128). A limit the profile leaves
// unset makes its check NotChecked with the measurement still reported ("measured only").
#include <algorithm>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "evaluate_internal.h"

namespace media::qc::detail {
namespace {

constexpr std::string_view k_measured_only = "no limit in the profile (measured only)";

const analysis::LoudnessResult* loudness_of(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_audio, result, "no audio stream")) return nullptr;
    if (!need(ctx.analysis.loudness.has_value(), result, "not measured in this run"))
        return nullptr;
    return &*ctx.analysis.loudness;
}

std::string lufs(std::optional<double> value) {
    return value ? fmt::format("{} LUFS", fixed(*value, 1)) : std::string("none");
}

// Runs of 100 ms series points above `limit` (positions in ms), as time events.
void series_events(const EvalContext& ctx, CheckResult& result, const analysis::FrameSeries& series,
                   double limit, std::string_view what) {
    constexpr double k_step_seconds = 0.1;  // one series point per 100 ms (LoudnessResult)
    std::optional<Event> open;
    for (const analysis::SeriesPoint& point : series.points()) {
        const double start = static_cast<double>(point.first) / 1000.0;
        const double end = static_cast<double>(point.last) / 1000.0 + k_step_seconds;
        if (point.max <= limit) {
            if (open) result.events.push_back(*std::exchange(open, std::nullopt));
            continue;
        }
        if (!open) open = ctx.seconds_event(start, end);
        const double worst = std::max(open->value.value_or(point.max), point.max);
        open = ctx.seconds_event(open->start_seconds, end);
        open->value = worst;
        open->detail = fmt::format("{} up to {} LUFS", what, fixed(worst, 1));
    }
    if (open) result.events.push_back(*open);
}

}  // namespace

void evaluate_loudness_integrated(const EvalContext& ctx, CheckResult& result) {
    const analysis::LoudnessResult* r = loudness_of(ctx, result);
    if (!r) return;
    if (!need(r->integrated.has_value(), result,
              "no loudness above the gate: the programme is silent"))
        return;
    const double integrated = *r->integrated;
    const QcProfile& p = ctx.profile;
    set_measured(result, integrated, "LUFS", lufs(integrated));
    if (!need(p.loudness_target_enabled, result, k_measured_only)) return;
    result.threshold_text =
        fmt::format("{} ±{} LU", fixed(p.loudness_target, 1), figure(p.loudness_tolerance));
    const double off = integrated - p.loudness_target;
    // Compared at the 0.1 LU the figure is printed with, so "-24.0 vs -24 ±2" never fails on
    // a rounding residue.
    if (std::round(std::abs(off) * 10.0) > std::round(p.loudness_tolerance * 10.0))
        fail(result, fmt::format("{} LU {} the target", fixed(std::abs(off), 1),
                                 off > 0 ? "above" : "below"));
}

void evaluate_true_peak(const EvalContext& ctx, CheckResult& result) {
    const analysis::LoudnessResult* r = loudness_of(ctx, result);
    if (!r) return;
    if (!need(r->true_peak.has_value(), result, "true peak not measured")) return;
    const double peak = *r->true_peak;
    const double limit = ctx.profile.true_peak_max;
    result.threshold_text = fmt::format("<= {} dBTP", fixed(limit, 1));
    set_measured(result, peak, "dBTP", fmt::format("{} dBTP", fixed(peak, 1)));
    if (peak <= limit) return;
    for (const analysis::Segment& run : r->true_peak_over) {
        Event event = ctx.samples_event(run.first, run.last, -1);
        event.value = run.value;
        event.detail = fmt::format("true peak {} dBTP", fixed(run.value, 1));
        result.events.push_back(std::move(event));
    }
    fail(result, fmt::format("true peak {} dBTP above {} dBTP", fixed(peak, 1), fixed(limit, 1)));
}

void evaluate_loudness_range(const EvalContext& ctx, CheckResult& result) {
    const analysis::LoudnessResult* r = loudness_of(ctx, result);
    if (!r) return;
    if (!need(r->range.has_value(), result, "loudness range not measured")) return;
    set_measured(result, *r->range, "LU", fmt::format("{} LU", fixed(*r->range, 1)));
    const std::optional<double>& limit = ctx.profile.loudness_range_max;
    if (!need(limit.has_value(), result, k_measured_only)) return;
    result.threshold_text = fmt::format("<= {} LU", figure(*limit));
    if (*r->range > *limit)
        fail(result,
             fmt::format("loudness range {} LU above {} LU", fixed(*r->range, 1), figure(*limit)));
}

void evaluate_loudness_max(const EvalContext& ctx, CheckResult& result) {
    const analysis::LoudnessResult* r = loudness_of(ctx, result);
    if (!r) return;
    const QcProfile& p = ctx.profile;
    set_measured(result, r->momentary_max, "LUFS",
                 fmt::format("momentary max {}, short-term max {}", lufs(r->momentary_max),
                             lufs(r->short_term_max)));
    if (!need(p.momentary_max || p.short_term_max, result, k_measured_only)) return;
    std::vector<std::string> limits, over;
    if (p.momentary_max) {
        limits.push_back(fmt::format("momentary <= {} LUFS", figure(*p.momentary_max)));
        if (r->momentary_max && *r->momentary_max > *p.momentary_max) {
            over.push_back("momentary " + lufs(r->momentary_max));
            series_events(ctx, result, r->momentary, *p.momentary_max, "momentary");
        }
    }
    if (p.short_term_max) {
        limits.push_back(fmt::format("short-term <= {} LUFS", figure(*p.short_term_max)));
        if (r->short_term_max && *r->short_term_max > *p.short_term_max) {
            over.push_back("short-term " + lufs(r->short_term_max));
            series_events(ctx, result, r->short_term, *p.short_term_max, "short-term");
        }
    }
    result.threshold_text = fmt::format("{}", fmt::join(limits, ", "));
    if (!over.empty()) fail(result, fmt::format("{} above the limit", fmt::join(over, ", ")));
}

}  // namespace media::qc::detail
