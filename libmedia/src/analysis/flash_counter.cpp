// SPDX-License-Identifier: Apache-2.0
#include "flash_counter.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace media::analysis::detail {
namespace {

constexpr int64_t k_none = std::numeric_limits<int64_t>::min();  // no change pending

int flashes_of(int transitions) {
    return (transitions + 1) / 2;  // the peaks (or troughs) among alternating changes
}

}  // namespace

int64_t simultaneity_frames(Rational frame_rate) {
    // ceil(0.06 s * num / den) in integers: 3 * num / (50 * den), rounded up.
    const int64_t num = 3 * frame_rate.num(), den = 50 * frame_rate.den();
    return std::max<int64_t>(1, (num + den - 1) / den);
}

FlashCounter::FlashCounter(std::string kind, const FlashOptions& options, Rational frame_rate)
    : m_kind(std::move(kind)),
      m_area_fraction(options.area_fraction),
      m_max_transitions_allowed(2 * options.max_flashes_per_second),
      m_rate(frame_rate),
      m_simultaneity(simultaneity_frames(frame_rate)) {}

void FlashCounter::reset(size_t cells) {
    m_pending_frame.assign(cells, k_none);
    m_pending_change.assign(cells, 0.0f);
}

void FlashCounter::add(int64_t frame, const std::vector<float>& changes) {
    if (changes.size() != m_pending_frame.size()) reset(changes.size());
    for (size_t c = 0; c < changes.size(); ++c) {
        if (changes[c] <= 0.0f) continue;
        m_pending_frame[c] = frame;
        m_pending_change[c] = changes[c];
    }
    if (const std::optional<Event> event = screen_event(frame)) count(*event);
}

// The cells changing together on this frame; a screen transition when they are enough.
std::optional<FlashCounter::Event> FlashCounter::screen_event(int64_t frame) {
    size_t together = 0;
    double change_sum = 0.0;
    for (size_t c = 0; c < m_pending_frame.size(); ++c) {
        if (m_pending_frame[c] == k_none || frame - m_pending_frame[c] >= m_simultaneity) continue;
        ++together;
        change_sum += m_pending_change[c];
    }
    if (together == 0) return std::nullopt;
    const double area = static_cast<double>(together) / static_cast<double>(m_pending_frame.size());
    m_max_area = std::max(m_max_area, area);
    if (area <= m_area_fraction) return std::nullopt;
    for (int64_t& pending : m_pending_frame)
        if (pending != k_none && frame - pending < m_simultaneity) pending = k_none;
    return Event{frame, area, change_sum / static_cast<double>(together)};
}

// Keeps the transitions of the last second (strictly less than one second before this one).
void FlashCounter::count(const Event& event) {
    while (!m_window.empty() &&
           (event.frame - m_window.front().frame) * m_rate.den() >= m_rate.num())
        m_window.pop_front();
    m_window.push_back(event);
    const int transitions = static_cast<int>(m_window.size());
    m_max_transitions = std::max(m_max_transitions, transitions);
    if (transitions > m_max_transitions_allowed) report(m_window.front().frame, event.frame - 1);
}

// One failing window: the frames shown from the first counted change up to the last one.
void FlashCounter::report(int64_t first, int64_t last) {
    const int transitions = static_cast<int>(m_window.size());
    double area = 0.0, change = 0.0;
    for (const Event& e : m_window) {
        area = std::max(area, e.area);
        change = std::max(change, e.change);
    }
    if (m_open && first <= m_open->last + 1) {
        m_open->last = std::max(m_open->last, last);
        m_open->transitions = std::max(m_open->transitions, transitions);
        m_open->flashes = flashes_of(m_open->transitions);
        m_open->area = std::max(m_open->area, area);
        m_open->change = std::max(m_open->change, change);
        return;
    }
    if (m_open) m_failures.push_back(*m_open);
    m_open = FlashWindow{m_kind, first, last, flashes_of(transitions), area, change, transitions};
}

std::vector<FlashWindow> FlashCounter::finish() {
    if (m_open) m_failures.push_back(*m_open);
    m_open.reset();
    return std::move(m_failures);
}

}  // namespace media::analysis::detail
