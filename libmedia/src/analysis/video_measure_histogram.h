// SPDX-License-Identifier: Apache-2.0
// Integer code histograms, filled through interleaved sub-histograms: on flat pictures every
// sample hits the same bin, and one counter would make each increment wait for the previous one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace media::analysis::detail {

/// Counts codes of one plane. Codes above 2^bit_depth - 1 (stray high bits) count as the maximum.
template <typename T>
class HistogramBuilder {
public:
    /// Empties the histogram for 2^bit_depth codes.
    void reset(int bit_depth) {
        m_bins = 1 << bit_depth;
        m_max = static_cast<T>(m_bins - 1);
        // 16-bit planes would need 1 MB of sub-histograms; one 256 kB table is kinder to caches.
        m_lane_count = bit_depth > 12 ? 1 : 4;
        m_lanes.assign(static_cast<size_t>(m_bins) * m_lane_count, 0);
    }
    void add(const T* samples, int n) {
        uint32_t* h = m_lanes.data();
        const size_t bins = static_cast<size_t>(m_bins);
        int x = 0;
        if (m_lane_count == 4) {
            for (; x + 4 <= n; x += 4) {
                ++h[code(samples[x])];
                ++h[bins + code(samples[x + 1])];
                ++h[2 * bins + code(samples[x + 2])];
                ++h[3 * bins + code(samples[x + 3])];
            }
        }
        for (; x < n; ++x) ++h[code(samples[x])];
    }
    /// The merged counts (valid until the next reset).
    std::span<const uint32_t> finish() {
        const size_t bins = static_cast<size_t>(m_bins);
        for (int lane = 1; lane < m_lane_count; ++lane)
            for (size_t i = 0; i < bins; ++i) m_lanes[i] += m_lanes[lane * bins + i];
        return std::span<const uint32_t>(m_lanes.data(), bins);
    }

private:
    size_t code(T sample) const { return static_cast<size_t>(std::min(sample, m_max)); }

    int m_bins = 0;
    T m_max = 0;
    int m_lane_count = 1;
    std::vector<uint32_t> m_lanes;
};

}  // namespace media::analysis::detail
