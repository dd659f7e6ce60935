// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace media::analysis {

/// One bucket of a FrameSeries: the frames [first, last] it covers and their min, max and mean.
struct SeriesPoint {
    int64_t first = 0;
    int64_t last = 0;
    double min = 0.0;
    double max = 0.0;
    double mean = 0.0;
};

/// A per-frame (or per-interval) measurement kept for graphs, in bounded memory: once it holds
/// `capacity` points, neighbouring pairs merge (min of mins, max of maxes, weighted mean), so a
/// three-hour master keeps the same memory as a ten-second clip and peaks are never lost.
/// Values must be added in increasing position order.
class FrameSeries {
public:
    FrameSeries() = default;
    FrameSeries(std::string name, std::string unit, int capacity = 2048);

    void add(int64_t position, double value);
    const std::string& name() const { return m_name; }
    const std::string& unit() const { return m_unit; }
    /// Positions per point now (1 until the first merge, then a power of two).
    int64_t bucket_size() const { return m_bucket; }
    /// Every closed point plus the one being filled.
    std::vector<SeriesPoint> points() const;
    bool empty() const { return m_points.empty() && m_pending_count == 0; }

private:
    void merge_pairs();

    std::string m_name;
    std::string m_unit;
    int m_capacity = 2048;
    int64_t m_bucket = 1;
    std::vector<SeriesPoint> m_points;
    SeriesPoint m_pending;
    int64_t m_pending_count = 0;
};

}  // namespace media::analysis
