// SPDX-License-Identifier: Apache-2.0
// From cell transitions to screen flashes and failing 1-second windows, for one kind of flash.
// Private to the analysis module.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "media/analysis/flash.h"

namespace media::analysis::detail {

/// Counts screen transitions (frames where more than `area_fraction` of the cells change
/// together) and reports every 1-second window holding more than 2 x max_flashes of them.
///
/// Cells whose changes qualify within `simultaneity` frames of each other count as changing
/// together (a flash whose edge is caught on two frames by different cells is one flash); a
/// cell's change is used for one screen transition only.
class FlashCounter {
public:
    FlashCounter(std::string kind, const FlashOptions& options, Rational frame_rate);

    /// `changes`: per cell, the change that qualified on `frame` (0 = none). Cell counts may not
    /// change between calls without reset().
    void add(int64_t frame, const std::vector<float>& changes);
    /// Forgets the cells (the picture size changed); open windows stay.
    void reset(size_t cells);
    /// Closes the open window; returns every failing window in order.
    std::vector<FlashWindow> finish();

    int max_transitions() const { return m_max_transitions; }
    double max_area() const { return m_max_area; }

private:
    struct Event {
        int64_t frame;
        double area;
        double change;
    };

    std::optional<Event> screen_event(int64_t frame);
    void count(const Event& event);
    void report(int64_t first, int64_t last);

    std::string m_kind;
    double m_area_fraction;
    int m_max_transitions_allowed;
    Rational m_rate;
    int64_t m_simultaneity;
    std::vector<int64_t> m_pending_frame;  ///< per cell: frame of a change not yet used, if any
    std::vector<float> m_pending_change;
    std::deque<Event> m_window;  ///< screen transitions of the last second
    std::optional<FlashWindow> m_open;
    std::vector<FlashWindow> m_failures;
    int m_max_transitions = 0;
    double m_max_area = 0.0;
};

/// Frames within which changes count as simultaneous: 60 ms, at least one frame (two frames at
/// 24 to 30 fps).
int64_t simultaneity_frames(Rational frame_rate);

}  // namespace media::analysis::detail
