// SPDX-License-Identifier: Apache-2.0
// The share of a frame covered by regular stripes: every fourth sampled row and every fourth
// column of the sample lattice is searched (flash_stripes.cpp) and each cell records the share
// of its searched samples that lie in stripes, along rows and along columns. Searching a quarter
// of the lines (every 16th pixel row and column at 1080p, four of each per cell) quarters the
// cost and changes an area measured over whole cells by little: a pattern worth reporting
// covers a quarter of the screen, hundreds of lines.
#include "flash_pattern.h"

#include <algorithm>
#include <cstdint>

namespace media::analysis::detail {
namespace {

constexpr int k_line_step = 4;

// Per cell and direction: samples searched and samples found in stripes.
struct Cover {
    std::vector<int> row_searched, row_striped, column_searched, column_striped;
    float contrast = 0.0f;
    StripeFinder finder;

    explicit Cover(int cells)
        : row_searched(static_cast<size_t>(cells)),
          row_striped(static_cast<size_t>(cells)),
          column_searched(static_cast<size_t>(cells)),
          column_striped(static_cast<size_t>(cells)) {}
};

// Adds the samples first..last (inclusive) of a band to its cells' counts.
void add_span(const FlashGrid& g, int band, int first, int last, std::vector<int>& counts) {
    const std::vector<int>& starts = g.cell_starts[static_cast<size_t>(g.band_offset(band))];
    const int base = g.cell_row_of(g.band_y(band)) * g.columns;
    for (int c = 0; c < g.columns; ++c) {
        const int lo = std::max(first, starts[static_cast<size_t>(c)]);
        const int hi = std::min(last + 1, starts[static_cast<size_t>(c) + 1]);
        if (hi > lo) counts[static_cast<size_t>(base + c)] += hi - lo;
    }
}

void scan_rows(const FlashGrid& g, const std::vector<float>& lum, const StripeRules& rules,
               Cover& cover) {
    std::vector<StripeRun> runs;
    for (int band = 0; band < g.bands; band += k_line_step) {
        const int count = g.samples_in_band(band);
        add_span(g, band, 0, count - 1, cover.row_searched);
        runs.clear();
        cover.finder.find(lum.data() + static_cast<size_t>(band) * g.max_samples, nullptr, count,
                          rules, runs);
        for (const StripeRun& run : runs) {
            add_span(g, band, run.first, run.last, cover.row_striped);
            cover.contrast = std::max(cover.contrast, run.contrast);
        }
    }
}

// One column of the lattice: its samples, their rows (pixels) and cells.
struct Column {
    std::vector<float> values, positions;
    std::vector<int> cell_rows;     ///< per band
    std::vector<int> bands_in_row;  ///< per cell row
};

Column column_geometry(const FlashGrid& g) {
    Column col;
    col.bands_in_row.assign(static_cast<size_t>(g.rows), 0);
    for (int band = 0; band < g.bands; ++band) {
        col.positions.push_back(static_cast<float>(g.band_y(band)));
        col.cell_rows.push_back(g.cell_row_of(g.band_y(band)));
        ++col.bands_in_row[static_cast<size_t>(col.cell_rows.back())];
    }
    col.values.resize(col.positions.size());
    return col;
}

void scan_columns(const FlashGrid& g, const std::vector<float>& lum, const StripeRules& rules,
                  Cover& cover) {
    Column col = column_geometry(g);
    std::vector<StripeRun> runs;
    // Columns every sampled row reaches (rows with a larger x offset may hold one sample less).
    int columns = g.max_samples;
    for (const std::vector<int>& starts : g.cell_starts) columns = std::min(columns, starts.back());
    int cell_column = 0;
    for (int j = 0; j < columns; j += k_line_step) {
        while (cell_column + 1 < g.columns &&
               j * g.step >= g.x_edges[static_cast<size_t>(cell_column) + 1])
            ++cell_column;
        for (int band = 0; band < g.bands; ++band)
            col.values[static_cast<size_t>(band)] =
                lum[static_cast<size_t>(band) * g.max_samples + j];
        for (int r = 0; r < g.rows; ++r)
            cover.column_searched[static_cast<size_t>(r * g.columns + cell_column)] +=
                col.bands_in_row[static_cast<size_t>(r)];
        runs.clear();
        cover.finder.find(col.values.data(), col.positions.data(), g.bands, rules, runs);
        for (const StripeRun& run : runs) {
            for (int band = run.first; band <= run.last; ++band)
                ++cover.column_striped[static_cast<size_t>(
                    col.cell_rows[static_cast<size_t>(band)] * g.columns + cell_column)];
            cover.contrast = std::max(cover.contrast, run.contrast);
        }
    }
}

double share(int part, int whole) {
    return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

}  // namespace

PatternCoverage measure_pattern(const FlashGrid& g, const std::vector<float>& lum,
                                const StripeRules& rules) {
    Cover cover(g.cells());
    scan_rows(g, lum, rules, cover);
    scan_columns(g, lum, rules, cover);
    // Each cell weighs by its share of the picture; one striped both ways (a checkerboard)
    // counts once, by the larger of its two shares.
    double area = 0.0;
    const double picture = static_cast<double>(g.width) * g.height;
    for (int r = 0; r < g.rows; ++r) {
        for (int c = 0; c < g.columns; ++c) {
            const auto i = static_cast<size_t>(r * g.columns + c);
            const double striped =
                std::max(share(cover.row_striped[i], cover.row_searched[i]),
                         share(cover.column_striped[i], cover.column_searched[i]));
            const double cell =
                static_cast<double>(g.x_edges[static_cast<size_t>(c) + 1] -
                                    g.x_edges[static_cast<size_t>(c)]) *
                (g.y_edges[static_cast<size_t>(r) + 1] - g.y_edges[static_cast<size_t>(r)]);
            area += striped * cell / picture;
        }
    }
    return {area, cover.contrast};
}

}  // namespace media::analysis::detail
