// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace media::analysis {

/// A run of frames (or audio samples) where one condition held, first and last inclusive.
/// `value` is the run's worst measurement (largest share, longest, loudest...), `detail` a short
/// human note ("Y' 1000 above 940"). Indices are 0-based positions in the analysed file.
struct Segment {
    int64_t first = 0;
    int64_t last = 0;
    double value = 0.0;
    std::string detail;

    int64_t length() const { return last - first + 1; }
    friend bool operator==(const Segment&, const Segment&) = default;
};

/// Groups consecutive flagged positions into Segments and keeps those at least `min_length`
/// long. Positions must arrive in increasing order; a gap (a position not given, or given
/// unflagged) ends the current run. `value` keeps the maximum of the run.
class SegmentTracker {
public:
    explicit SegmentTracker(int64_t min_length = 1)
        : m_min_length(std::max<int64_t>(min_length, 1)) {}

    void add(int64_t position, bool flagged, double value = 0.0) {
        if (m_open && (!flagged || position != m_current.last + 1)) close();
        if (!flagged) return;
        if (!m_open) {
            m_current = Segment{position, position, value, {}};
            m_open = true;
            return;
        }
        m_current.last = position;
        m_current.value = std::max(m_current.value, value);
    }
    /// Ends the open run (call once at the end of the stream) and returns every kept run.
    std::vector<Segment> finish() {
        if (m_open) close();
        return std::move(m_segments);
    }
    /// Whether a run is open at the last position given.
    bool open() const { return m_open; }

private:
    void close() {
        if (m_current.length() >= m_min_length) m_segments.push_back(m_current);
        m_open = false;
    }

    int64_t m_min_length;
    bool m_open = false;
    Segment m_current;
    std::vector<Segment> m_segments;
};

}  // namespace media::analysis
