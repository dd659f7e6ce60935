// SPDX-License-Identifier: Apache-2.0
// Where measure_flash looks: the grid of analysis cells and the lattice of pixels it samples.
#pragma once

#include <vector>

namespace media::analysis::detail {

/// The analysis cells and the sample lattice of a width x height picture.
///
/// The picture is cut into `columns` x `rows` cells (rows follow the aspect ratio). Pixels are
/// sampled every `step` pixels across and down, about 130 000 samples whatever the resolution
/// (step 4 at 1080p, 8 at UHD), which keeps the cost per frame constant. Band k (rows k*step ..
/// k*step+step-1) is sampled on row k*step + k%step, from x offset (k/step)%step: over step² bands
/// every phase of the step x step block is visited once, so stripes or checkers whose period
/// divides the step are not aliased into a false cell mean (and a contrast-reversing fine pattern
/// keeps its mean).
struct FlashGrid {
    int width = 0;
    int height = 0;
    int columns = 0;
    int rows = 0;
    int step = 1;
    int bands = 0;             ///< sampled rows
    int max_samples = 0;       ///< samples in the longest sampled row
    std::vector<int> x_edges;  ///< columns + 1 cell edges in pixels
    std::vector<int> y_edges;  ///< rows + 1
    /// For each x offset (0..step-1): columns + 1 sample indices where each cell column starts.
    std::vector<std::vector<int>> cell_starts;

    int band_y(int band) const;
    int band_offset(int band) const { return (band / step) % step; }
    /// Samples in band `band`'s row (x = offset + j*step < width).
    int samples_in_band(int band) const;
    /// The cell row holding pixel row y.
    int cell_row_of(int y) const;
    int cells() const { return columns * rows; }
};

/// The grid for a picture; `grid_columns` is clamped to 1..width.
FlashGrid make_flash_grid(int width, int height, int grid_columns);

}  // namespace media::analysis::detail
