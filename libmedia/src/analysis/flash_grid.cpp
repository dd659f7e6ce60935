// SPDX-License-Identifier: Apache-2.0
#include "flash_grid.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace media::analysis::detail {
namespace {

// About 130 000 samples a frame whatever the resolution (every 4th pixel both ways at 1080p,
// 225 per cell): cell means within a few tenths of a cd/m² on natural pictures, and a constant
// cost per frame.
constexpr double k_samples_per_frame = 130000.0;

int ceil_div(int a, int b) {
    return (a + b - 1) / b;
}

std::vector<int> edges(int length, int parts) {
    std::vector<int> out(static_cast<size_t>(parts) + 1);
    for (int i = 0; i <= parts; ++i)
        out[static_cast<size_t>(i)] = static_cast<int>(int64_t{i} * length / parts);
    return out;
}

std::vector<int> starts_for_offset(const FlashGrid& g, int offset) {
    std::vector<int> starts(static_cast<size_t>(g.columns) + 1);
    for (int c = 0; c < g.columns; ++c)
        starts[static_cast<size_t>(c)] =
            std::max(0, ceil_div(g.x_edges[static_cast<size_t>(c)] - offset, g.step));
    starts.back() = ceil_div(g.width - offset, g.step);
    return starts;
}

}  // namespace

int FlashGrid::band_y(int band) const {
    return std::min(band * step + band % step, height - 1);
}

int FlashGrid::samples_in_band(int band) const {
    const std::vector<int>& starts = cell_starts[static_cast<size_t>(band_offset(band))];
    return starts.back();
}

int FlashGrid::cell_row_of(int y) const {
    const auto it = std::upper_bound(y_edges.begin(), y_edges.end(), y);
    return std::clamp(static_cast<int>(it - y_edges.begin()) - 1, 0, rows - 1);
}

FlashGrid make_flash_grid(int width, int height, int grid_columns) {
    FlashGrid g;
    g.width = width;
    g.height = height;
    g.columns = std::clamp(grid_columns, 1, std::max(width, 1));
    const double aspect_rows = static_cast<double>(g.columns) * height / std::max(width, 1);
    g.rows = std::clamp(static_cast<int>(std::lround(aspect_rows)), 1, std::max(height, 1));
    g.x_edges = edges(width, g.columns);
    g.y_edges = edges(height, g.rows);
    const double pixels = static_cast<double>(width) * height;
    g.step = std::max(1, static_cast<int>(std::lround(std::sqrt(pixels / k_samples_per_frame))));
    g.bands = ceil_div(height, g.step);
    g.max_samples = ceil_div(width, g.step);
    for (int offset = 0; offset < g.step; ++offset)
        g.cell_starts.push_back(starts_for_offset(g, offset));
    return g;
}

}  // namespace media::analysis::detail
