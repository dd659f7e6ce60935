// SPDX-License-Identifier: Apache-2.0
#include "video_measure_levels.h"

#include <algorithm>
#include <cmath>

namespace media::analysis::detail {

namespace {

double scaled(const SignalLevels& levels, int code8) {
    return static_cast<double>(code8 << (levels.bit_depth - 8));
}

double share(int64_t count, int64_t total) {
    return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

// The first code where the running count reaches `target` (0 when the target is 0: ffmpeg's
// test `acc >= target` holds at the first bin then).
int percentile_code(std::span<const uint32_t> histogram, int64_t target) {
    int64_t running = 0;
    for (size_t code = 0; code < histogram.size(); ++code) {
        running += histogram[code];
        if (running >= target) return static_cast<int>(code);
    }
    return static_cast<int>(histogram.size()) - 1;
}

}  // namespace

double SignalLevels::black() const {
    return full_range ? 0.0 : scaled(*this, 16);
}
double SignalLevels::white() const {
    return full_range ? max_code() : scaled(*this, 235);
}
double SignalLevels::chroma_low() const {
    return full_range ? 0.0 : scaled(*this, 16);
}
double SignalLevels::chroma_high() const {
    return full_range ? max_code() : scaled(*this, 240);
}

PlaneStats plane_stats(std::span<const uint32_t> histogram, int64_t samples) {
    PlaneStats stats;
    if (samples <= 0 || histogram.empty()) return stats;
    const auto first =
        std::find_if(histogram.begin(), histogram.end(), [](uint32_t n) { return n; });
    const auto last =
        std::find_if(histogram.rbegin(), histogram.rend(), [](uint32_t n) { return n; });
    stats.min = static_cast<double>(first - histogram.begin());
    stats.max = static_cast<double>(histogram.rend() - last - 1);
    uint64_t total = 0;
    for (size_t code = 0; code < histogram.size(); ++code)
        total += uint64_t{histogram[code]} * code;
    stats.avg = static_cast<double>(total) / static_cast<double>(samples);
    const auto low_target = std::lrint(static_cast<double>(samples * 10) / 100.0);
    const auto high_target = std::lrint(static_cast<double>(samples * 90) / 100.0);
    stats.low = percentile_code(histogram, low_target);
    stats.high = percentile_code(histogram, high_target);
    return stats;
}

OutsideShares count_outside(std::span<const uint32_t> histogram, const CodeLimits& limits) {
    OutsideShares counts;
    const auto size = static_cast<int>(histogram.size());
    for (int code = 0; code < std::min(limits.below, size); ++code) counts.below += histogram[code];
    for (int code = std::max(limits.above + 1, 0); code < size; ++code)
        counts.above += histogram[code];
    return counts;
}

CodeThresholds luma_thresholds(const SignalLevels& levels, const VideoMeasureOptions& options) {
    const CodeLimits l = code_limits(levels.black(), levels.white(), options.luma_min,
                                     options.luma_max, levels.max_code());
    return {black_threshold_code(levels, options.black_pixel_threshold), l.below, l.above};
}

CodeThresholds chroma_thresholds(const SignalLevels& levels, const VideoMeasureOptions& options) {
    const CodeLimits l = code_limits(levels.chroma_low(), levels.chroma_high(), options.chroma_min,
                                     options.chroma_max, levels.max_code());
    return {-1, l.below, l.above};
}

int black_threshold_code(const SignalLevels& levels, double pixel_threshold) {
    const double code = levels.full_range
                            ? pixel_threshold * levels.max_code()
                            : levels.black() + pixel_threshold * (levels.white() - levels.black());
    return static_cast<int>(code);
}

void fill_luma_levels(const SignalLevels& levels, const VideoMeasureOptions& options,
                      std::span<const uint32_t> luma, int64_t samples, LevelsMeasure& out) {
    const CodeThresholds t = luma_thresholds(levels, options);
    CodeSummary summary;
    const OutsideShares y = count_outside(luma, CodeLimits{t.below, t.above});
    summary.below = y.below;
    summary.above = y.above;
    for (int code = 0; code <= t.at_or_below && code < static_cast<int>(luma.size()); ++code)
        summary.at_or_below += luma[code];
    const PlaneStats stats = plane_stats(luma, samples);
    summary.min = static_cast<int>(stats.min);
    summary.max = static_cast<int>(stats.max);
    fill_luma_levels(levels, summary, samples, out);
}

void fill_luma_levels(const SignalLevels& levels, const CodeSummary& luma, int64_t samples,
                      LevelsMeasure& out) {
    out.luma_below = share(luma.below, samples);
    out.luma_above = share(luma.above, samples);
    out.black_share = share(luma.at_or_below, samples);
    const double range = levels.white() - levels.black();
    out.luma_min_percent = 100.0 * (luma.min - levels.black()) / range;
    out.luma_max_percent = 100.0 * (luma.max - levels.black()) / range;
}

int64_t count_chroma_outside(const SignalLevels& levels, const VideoMeasureOptions& options,
                             std::span<const uint32_t> histogram) {
    const CodeThresholds t = chroma_thresholds(levels, options);
    const OutsideShares c = count_outside(histogram, CodeLimits{t.below, t.above});
    return c.below + c.above;
}

}  // namespace media::analysis::detail
