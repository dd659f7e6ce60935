// SPDX-License-Identifier: Apache-2.0
#include "media/analysis/series.h"

#include <algorithm>
#include <utility>

namespace media::analysis {

FrameSeries::FrameSeries(std::string name, std::string unit, int capacity)
    : m_name(std::move(name)), m_unit(std::move(unit)), m_capacity(std::max(capacity, 2)) {}

void FrameSeries::add(int64_t position, double value) {
    if (m_pending_count == 0) {
        m_pending = SeriesPoint{position, position, value, value, value};
    } else {
        m_pending.last = position;
        m_pending.min = std::min(m_pending.min, value);
        m_pending.max = std::max(m_pending.max, value);
        // Running mean: exact enough for graphs and free of overflow on long series.
        m_pending.mean += (value - m_pending.mean) / static_cast<double>(m_pending_count + 1);
    }
    if (++m_pending_count < m_bucket) return;
    m_points.push_back(m_pending);
    m_pending_count = 0;
    if (static_cast<int>(m_points.size()) >= m_capacity) merge_pairs();
}

// Halves the resolution: every pair of neighbouring points becomes one covering both, so the
// bucket size doubles and the memory stays at `capacity` points however long the stream.
void FrameSeries::merge_pairs() {
    std::vector<SeriesPoint> merged;
    merged.reserve(m_points.size() / 2 + 1);
    for (size_t i = 0; i + 1 < m_points.size(); i += 2) {
        const SeriesPoint& a = m_points[i];
        const SeriesPoint& b = m_points[i + 1];
        merged.push_back(SeriesPoint{a.first, b.last, std::min(a.min, b.min),
                                     std::max(a.max, b.max), (a.mean + b.mean) / 2.0});
    }
    const bool odd = m_points.size() % 2 == 1;
    const SeriesPoint left_over = odd ? m_points.back() : SeriesPoint{};
    m_points = std::move(merged);
    m_bucket *= 2;
    // An unpaired point becomes the start of the next (doubled) bucket.
    if (odd) {
        const int64_t count = m_bucket / 2;
        if (m_pending_count > 0) {
            const double total = left_over.mean * static_cast<double>(count) +
                                 m_pending.mean * static_cast<double>(m_pending_count);
            m_pending.first = left_over.first;
            m_pending.min = std::min(m_pending.min, left_over.min);
            m_pending.max = std::max(m_pending.max, left_over.max);
            m_pending_count += count;
            m_pending.mean = total / static_cast<double>(m_pending_count);
        } else {
            m_pending = left_over;
            m_pending_count = count;
        }
    }
}

std::vector<SeriesPoint> FrameSeries::points() const {
    std::vector<SeriesPoint> all = m_points;
    if (m_pending_count > 0) all.push_back(m_pending);
    return all;
}

}  // namespace media::analysis
