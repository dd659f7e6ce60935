// SPDX-License-Identifier: Apache-2.0
#include "video_measure_chroma.h"

#include <algorithm>
#include <cmath>

#include "video_measure_rows.h"
#include "video_measure_tables.h"

namespace media::analysis::detail {

template <typename T>
ChromaScan<T>::ChromaScan(const ChromaPlanes<T>& planes, int bit_depth, bool detail,
                          const CodeThresholds& thresholds)
    : m_planes(planes), m_bit_depth(bit_depth), m_detail(detail), m_thresholds(thresholds) {
    if (!detail) return;
    if (bit_depth <= 10) m_hue = hue_table(bit_depth).data();
    m_cb_histogram.reset(bit_depth);
    m_cr_histogram.reset(bit_depth);
}

template <typename T>
void ChromaScan<T>::add_hue_and_saturation(const T* cb, const T* cr, int n) {
    const int depth = m_bit_depth, mid = 1 << (depth - 1);
    const T top = static_cast<T>((1 << depth) - 1);
    // The SIMD saturation squares in 32-bit lanes: exact up to 12 bits (16-bit squares overflow).
    if (depth <= 12)
        add_saturation(cb, cr, n, mid, m_totals.saturation_sum, m_totals.saturation_max);
    if (depth <= 10) {
        if (m_hue == nullptr) return;
        for (int x = 0; x < n; ++x) {
            const size_t u = std::min(cb[x], top), v = std::min(cr[x], top);
            m_totals.hue_sum += m_hue[(u << depth) | v];
        }
        return;
    }
    if (depth <= 12 && !m_detail) return;
    // 12 and 16 bits: no table of every pair (2^24 or 2^32 of them).
    for (int x = 0; x < n; ++x) {
        const int u = std::min(cb[x], top) - mid, v = std::min(cr[x], top) - mid;
        if (depth > 12) {
            const auto sat =
                static_cast<int>(std::sqrt(static_cast<double>(int64_t{u} * u + int64_t{v} * v)));
            m_totals.saturation_sum += static_cast<uint64_t>(sat);
            m_totals.saturation_max = std::max(m_totals.saturation_max, sat);
        }
        if (m_detail) m_totals.hue_sum += static_cast<uint64_t>(fine_hue(u, v));
    }
}

template <typename T>
void ChromaScan<T>::scan_row(int cy) {
    const ChromaPlanes<T>& p = m_planes;
    const int n = p.cb.width();
    const T *cb = p.cb.row(cy), *cr = p.cr.row(cy);
    if (m_detail) {
        m_cb_histogram.add(cb, n);
        m_cr_histogram.add(cr, n);
    } else {
        summarize_codes(cb, n, m_thresholds, m_totals.cb_summary);
        summarize_codes(cr, n, m_thresholds, m_totals.cr_summary);
    }
    add_hue_and_saturation(cb, cr, n);
    if (p.prev_cb.empty()) return;
    m_totals.cb_diff += sum_abs_diff(cb, p.prev_cb.row(cy), n);
    m_totals.cr_diff += sum_abs_diff(cr, p.prev_cr.row(cy), n);
}

template <typename T>
ChromaTotals ChromaScan<T>::finish() {
    if (!m_detail) return m_totals;
    m_totals.cb_histogram = m_cb_histogram.finish();
    m_totals.cr_histogram = m_cr_histogram.finish();
    return m_totals;
}

template class ChromaScan<uint8_t>;
template class ChromaScan<uint16_t>;

}  // namespace media::analysis::detail
