// SPDX-License-Identifier: Apache-2.0
// Video checks on picture content: legal levels, gamut, active area, blockiness, NaN/Inf and
// HDR content light against its metadata.
#include <algorithm>

#include <fmt/format.h>

#include "evaluate_internal.h"
#include "media/frame/pixel_format.h"

namespace media::qc::detail {
namespace {

// The picture detector's results, or NotChecked with the reason.
const analysis::PictureResult* picture_of(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, "no video stream")) return nullptr;
    if (!need(ctx.analysis.picture.has_value(), result, "not measured in this run")) return nullptr;
    return &*ctx.analysis.picture;
}

double worst_value(const std::vector<analysis::Segment>& segments) {
    double worst = 0.0;
    for (const analysis::Segment& segment : segments) worst = std::max(worst, segment.value);
    return worst;
}

std::string range_text(double low, double high) {
    return fmt::format("{} .. {}", percent(low), percent(high));
}

// A share-of-pixels check: one event per run, measured = the largest share in any frame.
void share_runs(const EvalContext& ctx, CheckResult& result,
                const std::vector<analysis::Segment>& runs, std::string_view what) {
    add_frame_segments(ctx, result, runs, [what](const analysis::Segment& s) {
        const std::string share = fmt::format("{} {}", percent(s.value), what);
        return s.detail.empty() ? share : fmt::format("{} ({})", share, s.detail);
    });
    if (!runs.empty()) fail(result, count_message(runs.size(), "runs of frames", result));
}

}  // namespace

void evaluate_luma_range(const EvalContext& ctx, CheckResult& result) {
    const analysis::PictureResult* picture = picture_of(ctx, result);
    if (!picture) return;
    const QcProfile& p = ctx.profile;
    result.threshold_text = fmt::format("Y' within {} (tolerated share {})",
                                        range_text(p.measure.luma_min, p.measure.luma_max),
                                        percent(p.picture.luma_share));
    const double worst =
        std::max(worst_value(picture->luma_below), worst_value(picture->luma_above));
    set_measured(result, worst * 100.0, "%",
                 fmt::format("Y' {} % .. {} %; largest share outside {}",
                             fixed(picture->luma_min_percent, 1),
                             fixed(picture->luma_max_percent, 1), percent(worst)));
    std::vector<analysis::Segment> runs = picture->luma_below;
    for (analysis::Segment& run : runs)
        if (run.detail.empty()) run.detail = "below the lower limit";
    for (analysis::Segment run : picture->luma_above) {
        if (run.detail.empty()) run.detail = "above the upper limit";
        runs.push_back(std::move(run));
    }
    std::sort(runs.begin(), runs.end(), [](const analysis::Segment& a, const analysis::Segment& b) {
        return a.first < b.first;
    });
    share_runs(ctx, result, runs, "of Y' samples outside");
}

void evaluate_chroma_range(const EvalContext& ctx, CheckResult& result) {
    const analysis::PictureResult* picture = picture_of(ctx, result);
    if (!picture) return;
    const QcProfile& p = ctx.profile;
    result.threshold_text = fmt::format("Cb, Cr within {} (tolerated share {})",
                                        range_text(p.measure.chroma_min, p.measure.chroma_max),
                                        percent(p.picture.chroma_share));
    const double worst = worst_value(picture->chroma_outside);
    set_measured(result, worst * 100.0, "%",
                 fmt::format("largest share outside {}", percent(worst)));
    share_runs(ctx, result, picture->chroma_outside, "of Cb/Cr samples outside");
}

void evaluate_rgb_gamut(const EvalContext& ctx, CheckResult& result) {
    const analysis::PictureResult* picture = picture_of(ctx, result);
    if (!picture) return;
    const QcProfile& p = ctx.profile;
    const double tolerance = p.measure.gamut_tolerance;
    result.threshold_text =
        fmt::format("R'G'B' within {} (tolerated share {})",
                    range_text(-tolerance, 1.0 + tolerance), percent(p.picture.gamut_share));
    const double worst = worst_value(picture->gamut_outside);
    set_measured(result, worst * 100.0, "%",
                 fmt::format("largest share outside {}", percent(worst)));
    share_runs(ctx, result, picture->gamut_outside, "of pixels outside");
}

namespace {

std::string area_text(const analysis::ActiveArea& a) {
    return fmt::format("active {}x{} at ({}, {})", a.width, a.height, a.left, a.top);
}

// The full picture: the frame size, or (when the facts lack it) the largest area seen.
analysis::ActiveArea full_area(const EvalContext& ctx, const analysis::PictureResult& picture) {
    if (ctx.facts().width > 0 && ctx.facts().height > 0)
        return {0, 0, ctx.facts().width, ctx.facts().height};
    analysis::ActiveArea best;
    for (const analysis::ActiveAreaSegment& s : picture.active_area)
        if (int64_t(s.area.width) * s.area.height > int64_t(best.width) * best.height)
            best = s.area;
    return best;
}

}  // namespace

void evaluate_letterbox(const EvalContext& ctx, CheckResult& result) {
    const analysis::PictureResult* picture = picture_of(ctx, result);
    if (!picture) return;
    const analysis::ActiveArea full = full_area(ctx, *picture);
    result.threshold_text = "the whole frame active";
    double smallest = 1.0;
    for (const analysis::ActiveAreaSegment& s : picture->active_area) {
        // An all-black stretch has no active area: that is black's business, not letterbox's.
        if (s.area.width == 0 || s.area == full) continue;
        Event event = ctx.frames_event(s.first, s.last);
        const double share = full.width > 0 ? double(s.area.width) * s.area.height /
                                                  (double(full.width) * full.height)
                                            : 1.0;
        smallest = std::min(smallest, share);
        event.value = share;
        event.detail = area_text(s.area);
        result.events.push_back(std::move(event));
    }
    set_measured(result, smallest * 100.0, "%",
                 result.events.empty()
                     ? "full frame"
                     : fmt::format("{}; smallest {} of the frame", result.events.front().detail,
                                   percent(smallest)));
    if (!result.events.empty())
        fail(result, count_message(result.events.size(), "letterboxed/pillarboxed runs", result));
}

void evaluate_blockiness(const EvalContext& ctx, CheckResult& result) {
    const analysis::PictureResult* picture = picture_of(ctx, result);
    if (!picture) return;
    if (!need(ctx.profile.measure.blockiness, result, "blockiness not measured (profile)")) return;
    result.threshold_text =
        fmt::format("blockiness <= {}", figure(ctx.profile.picture.blockiness_limit));
    const double worst = worst_value(picture->blocky);
    set_measured(result, picture->blocky.empty() ? std::nullopt : std::optional<double>(worst), "",
                 picture->blocky.empty() ? "no frame above the limit"
                                         : fmt::format("worst {}", fixed(worst, 2)));
    add_frame_segments(ctx, result, picture->blocky, [](const analysis::Segment& s) {
        return fmt::format("blockiness up to {}", fixed(s.value, 2));
    });
    if (!picture->blocky.empty())
        fail(result, count_message(picture->blocky.size(), "blocky runs", result));
}

void evaluate_nonfinite(const EvalContext& ctx, CheckResult& result) {
    const analysis::PictureResult* picture = picture_of(ctx, result);
    if (!picture) return;
    const std::string& name = ctx.facts().pixel_format;
    const std::optional<PixelFormat> format = pixel_format_from_name(name);
    if (format) {
        const SampleType type = info(*format).sample_type;
        const bool is_float = type == SampleType::F16 || type == SampleType::F32;
        if (!need(is_float, result,
                  fmt::format("{} is an integer format: no NaN/Inf possible", name)))
            return;
    }
    result.threshold_text = "none";
    const double samples = worst_value(picture->nonfinite);
    set_measured(result, samples, "samples",
                 picture->nonfinite.empty()
                     ? "no NaN/Inf samples"
                     : fmt::format("up to {} NaN/Inf samples in a frame", fixed(samples, 0)));
    add_frame_segments(ctx, result, picture->nonfinite, [](const analysis::Segment& s) {
        return fmt::format("up to {} NaN/Inf samples per frame", fixed(s.value, 0));
    });
    if (!picture->nonfinite.empty())
        fail(result, count_message(picture->nonfinite.size(), "runs with NaN/Inf", result));
}

namespace {

// One of MaxCLL / MaxFALL: a finding when the content is brighter than declared (beyond the
// tolerance) or nothing usable was declared (CTA-861.3: 0 means unknown).
bool light_exceeds(const EvalContext& ctx, CheckResult& result, std::string_view name,
                   double computed, unsigned declared, int64_t frame) {
    const double limit = declared * (1.0 + ctx.profile.light_level_tolerance);
    if (declared > 0 && computed <= limit) return false;
    Event event = ctx.frames_event(std::max<int64_t>(frame, 0), std::max<int64_t>(frame, 0));
    event.value = computed;
    event.detail =
        declared > 0
            ? fmt::format("{} {} cd/m² above declared {}", name, fixed(computed, 0), declared)
            : fmt::format("{} {} cd/m², none declared", name, fixed(computed, 0));
    if (frame >= 0) result.events.push_back(std::move(event));
    return true;
}

}  // namespace

void evaluate_hdr_light_level(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_video, result, "no video stream")) return;
    const bool pq = ctx.facts().color.transfer == TransferCharacteristic::SMPTE2084;
    if (!need(pq, result, "not a PQ (SMPTE ST 2084) stream")) return;
    const analysis::PictureResult* picture = picture_of(ctx, result);
    if (!picture) return;
    const analysis::LightLevelResult& light = picture->light;
    if (!need(light.pq_frames > 0 && ctx.profile.measure.light_level, result,
              "content light not measured"))
        return;
    const ContentLightLevel declared =
        ctx.facts().color.content_light.value_or(ContentLightLevel{});
    result.threshold_text = fmt::format("within {} of the declared MaxCLL {} / MaxFALL {} cd/m²",
                                        percent(ctx.profile.light_level_tolerance),
                                        declared.max_cll, declared.max_fall);
    // MaxCLL is compared at the 99.9th percentile of each frame: an encode's overshoot at sharp
    // edges (a few pixels) is not content light a mastering grade put there.
    set_measured(result, light.max_cll_robust, "cd/m²",
                 fmt::format("MaxCLL {} (brightest pixel {}) / MaxFALL {} cd/m²",
                             fixed(light.max_cll_robust, 0), fixed(light.max_cll, 0),
                             fixed(light.max_fall, 0)));
    const bool cll = light_exceeds(ctx, result, "MaxCLL", light.max_cll_robust, declared.max_cll,
                                   light.max_cll_robust_frame);
    const bool fall = light_exceeds(ctx, result, "MaxFALL", light.max_fall, declared.max_fall,
                                    light.max_fall_frame);
    if (!ctx.facts().color.content_light)
        fail(result, "PQ stream without MaxCLL/MaxFALL metadata");
    else if (cll || fall)
        fail(result,
             fmt::format("content brighter than its metadata: {}",
                         result.events.empty() ? "see measured" : result.events.front().detail));
}

}  // namespace media::qc::detail
