// SPDX-License-Identifier: Apache-2.0
// Scalar reference of frame_stats, its thresholds, hue tables and finishing: each a copy of
// libmedia's definition (libmedia/src/analysis/video_measure_levels.cpp, _tables.cpp, _luma.cpp,
// _chroma.cpp, _pixels.cpp, video_measure.cpp), which tests/unit/gpu/stats_parity_test.cpp checks
// figure for figure.
#include "slate_gpu/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "slate_gpu/detail/frame_stats_math.h"

namespace slate_gpu {

static_assert(sizeof(FrameStatsRaw) == 41 * sizeof(uint64_t), "FrameStatsRaw: 41 words");

namespace {

// libmedia's SignalLevels.
struct Levels {
    int bit_depth = 8;
    bool full_range = false;

    int max_code() const { return (1 << bit_depth) - 1; }
    double scaled(int code8) const { return static_cast<double>(code8 << (bit_depth - 8)); }
    double black() const { return full_range ? 0.0 : scaled(16); }
    double white() const { return full_range ? max_code() : scaled(235); }
    double chroma_low() const { return full_range ? 0.0 : scaled(16); }
    double chroma_high() const { return full_range ? max_code() : scaled(240); }
};

// blackdetect's pixel threshold in codes, truncated as ffmpeg stores it.
int black_threshold_code(const Levels& levels, double pixel_threshold) {
    const double code = levels.full_range
                            ? pixel_threshold * levels.max_code()
                            : levels.black() + pixel_threshold * (levels.white() - levels.black());
    return static_cast<int>(code);
}

int32_t fixed(double value, int shift) {
    return static_cast<int32_t>(std::lround(std::ldexp(value, shift)));
}

// libmedia's limit_params: 29 - depth fractional bits keep its sums inside int32.
GamutLimits gamut_limits(const Levels& l, const StatsOptions& options) {
    const int d = l.bit_depth, shift = 29 - d;
    const double kr = options.kr, kb = options.kb, kg = 1.0 - options.kr - options.kb;
    const double range = l.white() - l.black();
    const double per_chroma = range / (l.chroma_high() - l.chroma_low());
    const double tolerance = std::clamp(options.gamut_tolerance, 0.0, 0.5);
    GamutLimits g;
    g.shift = shift;
    g.mid = 1 << (d - 1);
    g.max_code = l.max_code();
    g.cr_to_red = fixed(2.0 * (1.0 - kr) * per_chroma, shift);
    g.cb_to_green = fixed(-2.0 * kb * (1.0 - kb) / kg * per_chroma, shift);
    g.cr_to_green = fixed(-2.0 * kr * (1.0 - kr) / kg * per_chroma, shift);
    g.cb_to_blue = fixed(2.0 * (1.0 - kb) * per_chroma, shift);
    g.gamut_low = fixed(l.black() - tolerance * range, shift);
    g.gamut_high = fixed(l.black() + (1.0 + tolerance) * range, shift);
    return g;
}

// signalstats' hue of every pair, with the same operations and precision as libmedia (atan2f,
// degrees in double rounded to float before floorf).
std::vector<uint16_t> build_hue_pairs(int bit_depth) {
    const int size = 1 << bit_depth;
    const int mid = size / 2;
    std::vector<uint16_t> table(static_cast<size_t>(size) * size);
    for (int cb = 0; cb < size; ++cb) {
        for (int cr = 0; cr < size; ++cr) {
            const float angle =
                std::atan2(static_cast<float>(cb - mid), static_cast<float>(cr - mid));
            const auto degrees = static_cast<float>((180.0 / std::numbers::pi) * angle + 180.0);
            const float hue = std::floor(degrees);
            table[static_cast<size_t>(cb) * size + cr] =
                hue >= 360.0f ? 0 : static_cast<uint16_t>(hue);
        }
    }
    return table;
}

std::vector<double> build_atan_table() {
    std::vector<double> table(kHueAtanEntries);
    for (int i = 0; i < kHueAtanEntries; ++i)
        table[static_cast<size_t>(i)] =
            std::atan(static_cast<double>(i) / kHueAtanSteps) * (180.0 / std::numbers::pi);
    return table;
}

double ratio(double numerator, int64_t denominator) {
    return denominator > 0 ? numerator / static_cast<double>(denominator) : 0.0;
}

double share(uint64_t count, uint64_t total) {
    return total > 0 ? static_cast<double>(count) / static_cast<double>(total) : 0.0;
}

// libmedia's percentile_code: the first code where the running count reaches the target.
uint64_t percentile_code(const uint32_t* histogram, int bins, int64_t target) {
    int64_t running = 0;
    for (int code = 0; code < bins; ++code) {
        running += histogram[code];
        if (running >= target) return static_cast<uint64_t>(code);
    }
    return static_cast<uint64_t>(bins - 1);
}

StatsPlaneFigures plane_figures(const StatsPlaneRaw& p, uint64_t samples) {
    StatsPlaneFigures f;
    if (samples == 0) return f;
    f.min = static_cast<double>(p.min);
    f.max = static_cast<double>(p.max);
    f.avg = static_cast<double>(p.sum) / static_cast<double>(samples);
    f.low = static_cast<double>(p.low);
    f.high = static_cast<double>(p.high);
    return f;
}

// libmedia's blockiness_ratio with the counts of its add_block_edges, from the picture's size.
double blockiness(const FrameStatsRaw& raw, int bit_depth) {
    const auto w = static_cast<int64_t>(raw.luma_width), h = static_cast<int64_t>(raw.luma_height);
    if (w <= 0 || h <= 0) return 0.0;
    const int64_t edge_count = h * ((w - 1) / 8) + ((h - 1) / 8) * w;
    const int64_t all_count = h * (w - 1) + (h - 1) * w;
    const int64_t inside_count = all_count - edge_count;
    if (edge_count == 0 || inside_count <= 0) return 1.0;
    const double epsilon = 0.25 * (1 << (bit_depth - 8));
    const double edge_mean = static_cast<double>(raw.edge_steps) / static_cast<double>(edge_count);
    const double inside_mean =
        static_cast<double>(raw.all_steps - raw.edge_steps) / static_cast<double>(inside_count);
    return (edge_mean + epsilon) / (inside_mean + epsilon);
}

struct PlaneAccumulator {
    StatsPlaneRaw raw{UINT64_MAX, 0, 0, 0, 0};
    void add(uint32_t code) {
        raw.min = std::min<uint64_t>(raw.min, code);
        raw.max = std::max<uint64_t>(raw.max, code);
        raw.sum += code;
    }
};

template <typename T>
bool frame_stats_impl(const FrameStatsArgs<T>& a) {
    if (!args_valid(a)) return false;
    const StatsConfig& c = a.config;
    const int depth = c.bit_depth;
    const int bins = 1 << depth;
    const auto max_code = static_cast<uint32_t>(bins - 1);
    const bool previous = a.prev_y.data != nullptr;
    const bool hue = detail::has_hue(a.hue, depth);
    const int threshold = detail::tout_threshold(depth);
    std::fill(a.histogram, a.histogram + stats_histogram_bins(depth), 0u);
    uint32_t* hist_y = a.histogram;
    uint32_t* hist_cb = a.histogram + bins;
    uint32_t* hist_cr = a.histogram + 2 * bins;

    FrameStatsRaw r;
    r.bright_left = r.bright_top = UINT64_MAX;
    PlaneAccumulator planes[3];
    for (int y = 0; y < a.y.height; ++y) {
        const T* luma = row(a.y, y);
        const T* cb = row(a.cb, y >> c.log2_chroma_h);
        const T* cr = row(a.cr, y >> c.log2_chroma_h);
        for (int x = 0; x < a.y.width; ++x) {
            const uint32_t raw = luma[x];
            const uint32_t code = detail::stats_code(raw, max_code);
            ++hist_y[code];
            planes[0].add(code);
            detail::luma_threshold_counts(code, c.thresholds, r.luma_black, r.luma_below,
                                          r.luma_above);
            if (previous) r.diff[0] += detail::abs_diff(raw, row(a.prev_y, y)[x]);
            const int cx = x >> c.log2_chroma_w;
            r.out_of_broadcast += detail::out_of_broadcast(raw, cb[cx], cr[cx], depth);
            r.outside_gamut += detail::outside_gamut(raw, cb[cx], cr[cx], c.thresholds.gamut);
            r.outliers += detail::tout_pixel(a.y, x, y, threshold);
            detail::block_steps(a.y, x, y, r.edge_steps, r.all_steps);
            if (static_cast<int32_t>(raw) > c.thresholds.letterbox_at_or_below) {
                const auto ux = static_cast<uint64_t>(x), uy = static_cast<uint64_t>(y);
                r.bright_left = std::min(r.bright_left, ux);
                r.bright_right = std::max(r.bright_right, ux);
                r.bright_top = std::min(r.bright_top, uy);
                r.bright_bottom = std::max(r.bright_bottom, uy);
            }
        }
        if (y >= detail::kRepeatDistance) {
            const T* above = row(a.y, y - detail::kRepeatDistance);
            uint64_t sad = 0;
            for (int x = 0; x < a.y.width; ++x) sad += detail::abs_diff(luma[x], above[x]);
            r.repeated_rows += sad < static_cast<uint64_t>(a.y.width);
        }
    }
    for (int y = 0; y < a.cb.height; ++y) {
        const T* cb = row(a.cb, y);
        const T* cr = row(a.cr, y);
        for (int x = 0; x < a.cb.width; ++x) {
            const uint32_t u = cb[x], v = cr[x];
            const uint32_t code_u = detail::stats_code(u, max_code);
            const uint32_t code_v = detail::stats_code(v, max_code);
            ++hist_cb[code_u];
            ++hist_cr[code_v];
            planes[1].add(code_u);
            planes[2].add(code_v);
            detail::chroma_threshold_counts(code_u, c.thresholds, r.chroma_below, r.chroma_above);
            detail::chroma_threshold_counts(code_v, c.thresholds, r.chroma_below, r.chroma_above);
            if (previous) {
                r.diff[1] += detail::abs_diff(u, row(a.prev_cb, y)[x]);
                r.diff[2] += detail::abs_diff(v, row(a.prev_cr, y)[x]);
            }
            const uint32_t sat = detail::saturation(u, v, depth);
            r.saturation_sum += sat;
            r.saturation_max = std::max<uint64_t>(r.saturation_max, sat);
            if (hue) r.hue_sum += detail::hue(u, v, depth, a.hue);
        }
    }
    r.luma_width = static_cast<uint64_t>(a.y.width);
    r.luma_height = static_cast<uint64_t>(a.y.height);
    r.luma_samples = static_cast<uint64_t>(a.y.width) * static_cast<uint64_t>(a.y.height);
    r.chroma_samples = static_cast<uint64_t>(a.cb.width) * static_cast<uint64_t>(a.cb.height);
    r.flags = (previous ? kStatsHasPrevious : 0) | (hue ? kStatsHasHue : 0);
    for (int p = 0; p < 3; ++p) {
        const uint64_t samples = p == 0 ? r.luma_samples : r.chroma_samples;
        const uint32_t* h = a.histogram + static_cast<size_t>(p) * bins;
        r.planes[p] = planes[p].raw;
        r.planes[p].low = percentile_code(h, bins, detail::percentile_target(samples, 10));
        r.planes[p].high = percentile_code(h, bins, detail::percentile_target(samples, 90));
    }
    *a.result = r;
    return true;
}

}  // namespace

StatsThresholds stats_thresholds(int bit_depth, bool full_range, const StatsOptions& options) {
    const Levels l{bit_depth, full_range};
    const CodeLimits luma =
        code_limits(l.black(), l.white(), options.luma_min, options.luma_max, l.max_code());
    const CodeLimits chroma = code_limits(l.chroma_low(), l.chroma_high(), options.chroma_min,
                                          options.chroma_max, l.max_code());
    StatsThresholds t;
    t.black_at_or_below = black_threshold_code(l, options.black_pixel_threshold);
    t.luma_below = luma.below;
    t.luma_above = luma.above;
    t.chroma_below = chroma.below;
    t.chroma_above = chroma.above;
    const double letterbox = l.black() + options.letterbox_threshold * (l.white() - l.black());
    t.letterbox_at_or_below =
        static_cast<int32_t>(std::clamp(std::floor(letterbox), -1.0, 65535.0));
    t.gamut = gamut_limits(l, options);
    return t;
}

CodeLimits code_limits(double low, double high, double min_fraction, double max_fraction,
                       int max_code) {
    const double range = high - low;
    const auto fraction = [&](int code) { return (code - low) / range; };
    CodeLimits limits;
    limits.below =
        std::clamp(static_cast<int>(std::ceil(low + min_fraction * range)), 0, max_code + 1);
    while (limits.below > 0 && fraction(limits.below - 1) >= min_fraction) --limits.below;
    while (limits.below <= max_code && fraction(limits.below) < min_fraction) ++limits.below;
    limits.above =
        std::clamp(static_cast<int>(std::floor(low + max_fraction * range)), -1, max_code);
    while (limits.above < max_code && fraction(limits.above + 1) <= max_fraction) ++limits.above;
    while (limits.above >= 0 && fraction(limits.above) > max_fraction) --limits.above;
    return limits;
}

HueTables host_hue_tables(int bit_depth) {
    HueTables tables;
    if (bit_depth < 8 || bit_depth > 16) return tables;
    if (bit_depth > 10) {
        static const std::vector<double> atan = build_atan_table();
        tables.atan = atan.data();
        return tables;
    }
    static const std::vector<uint16_t> pairs8 = build_hue_pairs(8);
    static const std::vector<uint16_t> pairs9 = build_hue_pairs(9);
    static const std::vector<uint16_t> pairs10 = build_hue_pairs(10);
    tables.pairs = bit_depth == 8 ? pairs8.data() : bit_depth == 9 ? pairs9.data() : pairs10.data();
    return tables;
}

FrameStatsFigures finish_frame_stats(const FrameStatsRaw& raw, const StatsConfig& config) {
    FrameStatsFigures f;
    const Levels l{config.bit_depth, config.full_range};
    const auto luma = static_cast<int64_t>(raw.luma_samples);
    const auto chroma = static_cast<int64_t>(raw.chroma_samples);
    f.y = plane_figures(raw.planes[0], raw.luma_samples);
    f.u = plane_figures(raw.planes[1], raw.chroma_samples);
    f.v = plane_figures(raw.planes[2], raw.chroma_samples);
    f.ydif = ratio(static_cast<double>(raw.diff[0]), luma);
    f.udif = ratio(static_cast<double>(raw.diff[1]), chroma);
    f.vdif = ratio(static_cast<double>(raw.diff[2]), chroma);
    f.tout = ratio(static_cast<double>(raw.outliers), luma);
    f.brng = ratio(static_cast<double>(raw.out_of_broadcast), luma);
    f.sat_avg = ratio(static_cast<double>(raw.saturation_sum), chroma);
    f.sat_max = static_cast<double>(static_cast<int>(raw.saturation_max));
    f.hue_avg = ratio(static_cast<double>(raw.hue_sum), chroma);
    f.chroma_outside = ratio(static_cast<double>(raw.chroma_below + raw.chroma_above), 2 * chroma);
    f.luma_below = share(raw.luma_below, raw.luma_samples);
    f.luma_above = share(raw.luma_above, raw.luma_samples);
    f.black_share = share(raw.luma_black, raw.luma_samples);
    const double range = l.white() - l.black();
    const int luma_min = raw.luma_samples > 0 ? static_cast<int>(raw.planes[0].min) : 0;
    const int luma_max = raw.luma_samples > 0 ? static_cast<int>(raw.planes[0].max) : 0;
    f.luma_min_percent = 100.0 * (luma_min - l.black()) / range;
    f.luma_max_percent = 100.0 * (luma_max - l.black()) / range;
    f.vrep = ratio(static_cast<double>(raw.repeated_rows), static_cast<int64_t>(raw.luma_height));
    f.rgb_outside = ratio(static_cast<double>(raw.outside_gamut), luma);
    f.blockiness = blockiness(raw, config.bit_depth);
    if (raw.bright_left != UINT64_MAX) {
        f.active_left = static_cast<int>(raw.bright_left);
        f.active_top = static_cast<int>(raw.bright_top);
        f.active_width = static_cast<int>(raw.bright_right + 1 - raw.bright_left);
        f.active_height = static_cast<int>(raw.bright_bottom + 1 - raw.bright_top);
    }
    if ((raw.flags & kStatsHasPrevious) != 0) {
        const uint64_t sum = raw.diff[0] + raw.diff[1] + raw.diff[2];
        f.mafd = ratio(static_cast<double>(sum), luma + 2 * chroma) /
                 static_cast<double>(1 << config.bit_depth);
    }
    return f;
}

namespace ref {

bool frame_stats(const FrameStatsArgs<uint8_t>& args) {
    return frame_stats_impl(args);
}
bool frame_stats(const FrameStatsArgs<uint16_t>& args) {
    return frame_stats_impl(args);
}

}  // namespace ref

}  // namespace slate_gpu
