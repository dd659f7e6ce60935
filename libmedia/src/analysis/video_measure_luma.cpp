// SPDX-License-Identifier: Apache-2.0
#include "video_measure_luma.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "video_measure_rows.h"

namespace media::analysis::detail {

namespace {

constexpr int kBlock = 8;
// VREP compares a row with the one four above: two above in the same field.
constexpr int kRepeatDistance = 4;

template <typename T>
ToutRows<T> tout_rows(const ImageView<const T>& p, int y) {
    const int h = p.height();
    ToutRows<T> rows;
    rows.row = p.row(y);
    if (y < 1 || y + 1 >= h) return rows;
    rows.above1 = p.row(y - 1);
    rows.below1 = p.row(y + 1);
    if (y >= 2 && y + 2 < h) {
        rows.above2 = p.row(y - 2);
        rows.below2 = p.row(y + 2);
    }
    return rows;
}

// Horizontal differences across the block columns x = 8, 16, ...
template <typename T>
uint64_t block_column_steps(const T* row, int width) {
    uint64_t sum = 0;
    for (int x = kBlock; x < width; x += kBlock)
        sum += static_cast<uint64_t>(std::abs(int{row[x]} - int{row[x - 1]}));
    return sum;
}

// The first and one-past-last index whose maximum exceeds the threshold.
template <typename T>
std::pair<int, int> active_span(const std::vector<T>& maxima, double threshold) {
    const auto bright = [threshold](T v) { return static_cast<double>(v) > threshold; };
    const auto first = std::find_if(maxima.begin(), maxima.end(), bright);
    if (first == maxima.end()) return {0, 0};
    const auto last = std::find_if(maxima.rbegin(), maxima.rend(), bright);
    return {static_cast<int>(first - maxima.begin()), static_cast<int>(maxima.rend() - last)};
}

}  // namespace

double blockiness_ratio(const EdgeSums& sums, double epsilon) {
    const int64_t inside_count = sums.all_count - sums.edge_count;
    if (sums.edge_count == 0 || inside_count <= 0) return 1.0;
    const double edge_mean = static_cast<double>(sums.edge) / static_cast<double>(sums.edge_count);
    const double inside_mean =
        static_cast<double>(sums.all - sums.edge) / static_cast<double>(inside_count);
    return (edge_mean + epsilon) / (inside_mean + epsilon);
}

template <typename T>
LumaScan<T>::LumaScan(ImageView<const T> luma, ImageView<const T> previous, int bit_depth,
                      const LumaTasks& tasks)
    : m_luma(luma),
      m_previous(previous),
      m_bit_depth(bit_depth),
      m_tasks(tasks),
      m_row_max(static_cast<size_t>(luma.height()), T{0}),
      m_column_max(static_cast<size_t>(luma.width()), T{0}),
      m_scratch(static_cast<size_t>(luma.width())) {
    if (tasks.histogram) m_histogram.reset(bit_depth);
}

template <typename T>
void LumaScan<T>::add_block_edges(const T* row, int y) {
    const int w = m_luma.width();
    if (w > 1) m_edges.all += sum_abs_diff(row + 1, row, w - 1);
    m_edges.edge += block_column_steps(row, w);
    m_edges.all_count += w - 1;
    m_edges.edge_count += (w - 1) / kBlock;
    if (y == 0) return;
    const uint64_t rise = sum_abs_diff(row, m_luma.row(y - 1), w);
    m_edges.all += rise;
    m_edges.all_count += w;
    if (y % kBlock != 0) return;
    m_edges.edge += rise;
    m_edges.edge_count += w;
}

template <typename T>
void LumaScan<T>::scan_row(int y) {
    const int w = m_luma.width();
    const T* row = m_luma.row(y);
    if (m_tasks.histogram)
        m_histogram.add(row, w);
    else
        summarize_codes(row, w, m_tasks.thresholds, m_totals.summary);
    if (!m_previous.empty()) m_totals.frame_diff += sum_abs_diff(row, m_previous.row(y), w);
    m_row_max[static_cast<size_t>(y)] = max_and_columns(row, m_column_max.data(), w);
    if (m_tasks.blockiness) add_block_edges(row, y);
    if (m_tasks.repeated_rows && y >= kRepeatDistance) {
        const uint64_t diff = sum_abs_diff(row, m_luma.row(y - kRepeatDistance), w);
        m_totals.repeated_rows += diff < static_cast<uint64_t>(w);
    }
    if (m_tasks.outliers) {
        const int threshold = 4 << (m_bit_depth - 8);
        m_totals.outliers += count_outliers(tout_rows(m_luma, y), w, threshold, m_scratch.data());
    }
}

template <typename T>
LumaTotals LumaScan<T>::finish(double letterbox_code) {
    if (m_tasks.histogram) m_totals.histogram = m_histogram.finish();
    // A quarter of an 8-bit code: flat pictures read 1, and noise-free block interiors do not
    // divide by zero.
    if (m_tasks.blockiness)
        m_totals.blockiness = blockiness_ratio(m_edges, 0.25 * (1 << (m_bit_depth - 8)));
    const auto [top, bottom] = active_span(m_row_max, letterbox_code);
    const auto [left, right] = active_span(m_column_max, letterbox_code);
    if (bottom > top && right > left)
        m_totals.active = ActiveArea{left, top, right - left, bottom - top};
    return m_totals;
}

template class LumaScan<uint8_t>;
template class LumaScan<uint16_t>;

}  // namespace media::analysis::detail
