// SPDX-License-Identifier: Apache-2.0
// The luma pass: everything measured on the Y' plane, one row at a time (the driver interleaves
// it with the chroma and pixel passes so that each row is read from memory once).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "media/analysis/video_measure.h"
#include "media/frame/image_view.h"
#include "video_measure_histogram.h"
#include "video_measure_rows.h"

namespace media::analysis::detail {

/// Which optional luma measures to take.
struct LumaTasks {
    bool outliers = false;       ///< TOUT
    bool repeated_rows = false;  ///< VREP
    bool blockiness = false;
    bool histogram = true;      ///< a full code histogram; otherwise a CodeSummary
    CodeThresholds thresholds;  ///< what the summary counts
};

/// Sums of absolute neighbour differences across 8x8 block edges and everywhere.
struct EdgeSums {
    uint64_t edge = 0;
    uint64_t all = 0;
    int64_t edge_count = 0;
    int64_t all_count = 0;
};

/// Blockiness: mean difference across block edges over mean difference inside blocks, both
/// directions together. `epsilon` (added to both means) keeps flat pictures at 1.
double blockiness_ratio(const EdgeSums& sums, double epsilon);

/// Results of the luma pass, in code values.
struct LumaTotals {
    std::span<const uint32_t> histogram;  ///< 2^depth bins, owned by the LumaScan (or empty)
    CodeSummary summary;                  ///< when no histogram was asked for
    uint64_t frame_diff = 0;              ///< sum |Y - previous Y|
    int64_t outliers = 0;
    int64_t repeated_rows = 0;
    double blockiness = 0.0;
    ActiveArea active;
};

/// Walks the Y' plane (and the previous frame's, empty for the first frame) row by row; rows
/// must be given in order, each once.
template <typename T>
class LumaScan {
public:
    LumaScan(ImageView<const T> luma, ImageView<const T> previous, int bit_depth,
             const LumaTasks& tasks);
    void scan_row(int y);
    /// `letterbox_code`: rows and columns whose maximum is at or below it are border.
    LumaTotals finish(double letterbox_code);

private:
    void add_block_edges(const T* row, int y);

    ImageView<const T> m_luma;
    ImageView<const T> m_previous;
    int m_bit_depth;
    LumaTasks m_tasks;
    HistogramBuilder<T> m_histogram;
    std::vector<T> m_row_max;
    std::vector<T> m_column_max;
    std::vector<T> m_scratch;
    EdgeSums m_edges;
    LumaTotals m_totals;
};

}  // namespace media::analysis::detail
