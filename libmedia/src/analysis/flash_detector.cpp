// SPDX-License-Identifier: Apache-2.0
// FlashDetector: per-cell trackers turn each cell's light into opposing changes, two counters
// (luminance, red) turn simultaneous changes into screen flashes and failing windows, and runs
// of pattern frames become "pattern" failures.
#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

#include "flash_counter.h"
#include "flash_tracker.h"
#include "media/analysis/flash.h"

namespace media::analysis {
namespace {

Rational usable_rate(Rational rate) {
    return rate.valid() && rate.num() > 0 ? rate : Rational(25, 1);
}

}  // namespace

struct FlashDetector::State {
    FlashOptions options;
    detail::FlashCounter luminance;
    detail::FlashCounter red;
    std::vector<detail::CellTracker> luminance_cells, red_cells;
    std::vector<float> luminance_changes, red_changes;
    std::optional<FlashWindow> pattern;  ///< the open run of pattern frames
    std::vector<FlashWindow> pattern_runs;

    State(const FlashOptions& o, Rational rate)
        : options(o), luminance("luminance", o, rate), red("red", o, rate) {}

    void resize(size_t cells) {
        luminance_cells.assign(cells, {});
        red_cells.assign(cells, {});
        luminance_changes.assign(cells, 0.0f);
        red_changes.assign(cells, 0.0f);
        luminance.reset(cells);
        red.reset(cells);
    }

    void track(const FlashSample& s) {
        const auto swing = static_cast<float>(options.luminance_change);
        const auto dark = static_cast<float>(options.dark_limit);
        const auto red_swing = static_cast<float>(options.red_change);
        for (size_t c = 0; c < luminance_cells.size(); ++c) {
            luminance_changes[c] = luminance_cells[c].add(s.luminance[c], swing, dark);
            red_changes[c] = red_cells[c].add(s.red_level[c], red_swing);
        }
    }

    void track_pattern(int64_t frame, const FlashSample& s) {
        if (pattern && (!s.pattern_suspect || frame != pattern->last + 1)) {
            pattern_runs.push_back(*pattern);
            pattern.reset();
        }
        if (!s.pattern_suspect) return;
        if (!pattern) pattern = FlashWindow{"pattern", frame, frame, 0, 0.0, 0.0, 0};
        pattern->last = frame;
        pattern->area = std::max(pattern->area, s.pattern_area);
        pattern->change = std::max(pattern->change, s.pattern_contrast);
    }
};

FlashDetector::FlashDetector(const FlashOptions& options, Rational frame_rate)
    : m_state(std::make_unique<State>(options, usable_rate(frame_rate))) {}
FlashDetector::FlashDetector(FlashDetector&&) noexcept = default;
FlashDetector& FlashDetector::operator=(FlashDetector&&) noexcept = default;
FlashDetector::~FlashDetector() = default;

void FlashDetector::add(int64_t frame, const FlashSample& sample) {
    State& s = *m_state;
    const auto cells = static_cast<size_t>(sample.columns) * static_cast<size_t>(sample.rows);
    if (cells == 0 || sample.luminance.size() != cells || sample.red_level.size() != cells) return;
    if (cells != s.luminance_cells.size()) s.resize(cells);
    s.track(sample);
    s.luminance.add(frame, s.luminance_changes);
    s.red.add(frame, s.red_changes);
    s.track_pattern(frame, sample);
}

FlashResult FlashDetector::finish() {
    State& s = *m_state;
    FlashResult result;
    result.failures = s.luminance.finish();
    for (FlashWindow& w : s.red.finish()) result.failures.push_back(std::move(w));
    if (s.pattern) s.pattern_runs.push_back(*s.pattern);
    s.pattern.reset();
    for (FlashWindow& w : s.pattern_runs) result.failures.push_back(std::move(w));
    s.pattern_runs.clear();
    std::stable_sort(result.failures.begin(), result.failures.end(),
                     [](const FlashWindow& a, const FlashWindow& b) {
                         return std::tie(a.first, a.last) < std::tie(b.first, b.last);
                     });
    const int transitions = std::max(s.luminance.max_transitions(), s.red.max_transitions());
    result.max_flashes_per_second = (transitions + 1) / 2;
    result.max_area = std::max(s.luminance.max_area(), s.red.max_area());
    return result;
}

}  // namespace media::analysis
