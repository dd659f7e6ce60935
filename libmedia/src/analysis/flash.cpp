// SPDX-License-Identifier: Apache-2.0
// measure_flash: one pass over the frame's sample lattice gives each cell's mean luminance and
// red measures and keeps every sample's luminance for the stripe search. Method: docs/flash.md.
#include "media/analysis/flash.h"

#include <algorithm>

#include "flash_display.h"
#include "flash_grid.h"
#include "flash_pattern.h"
#include "flash_sampler.h"

namespace media::analysis {
namespace {

using detail::FlashGrid;
using detail::SampleRow;

struct CellSums {
    std::vector<double> luminance, red, red_level;
    std::vector<int> count;

    explicit CellSums(int cells)
        : luminance(static_cast<size_t>(cells)),
          red(static_cast<size_t>(cells)),
          red_level(static_cast<size_t>(cells)),
          count(static_cast<size_t>(cells)) {}
};

void add_row(const FlashGrid& g, int band, const SampleRow& row, CellSums& sums) {
    const std::vector<int>& starts = g.cell_starts[static_cast<size_t>(g.band_offset(band))];
    const int base = g.cell_row_of(g.band_y(band)) * g.columns;
    const float* luminance = row.luminance.data();
    const float* red = row.red.data();
    const float* red_level = row.red_level.data();
    for (int c = 0; c < g.columns; ++c) {
        const int first = starts[static_cast<size_t>(c)], end = starts[static_cast<size_t>(c) + 1];
        float l = 0.0f, r = 0.0f, rl = 0.0f;  // a cell's share of one row: tens of samples
        for (int j = first; j < end; ++j) {
            l += luminance[j];
            r += red[j];
            rl += red_level[j];
        }
        const auto cell = static_cast<size_t>(base + c);
        sums.luminance[cell] += l;
        sums.red[cell] += r;
        sums.red_level[cell] += rl;
        sums.count[cell] += end - first;
    }
}

void set_means(const CellSums& sums, FlashSample& sample) {
    const size_t cells = sums.count.size();
    sample.luminance.resize(cells);
    sample.red.resize(cells);
    sample.red_level.resize(cells);
    for (size_t c = 0; c < cells; ++c) {
        const double n = std::max(sums.count[c], 1);
        sample.luminance[c] = static_cast<float>(sums.luminance[c] / n);
        sample.red[c] = static_cast<float>(sums.red[c] / n);
        sample.red_level[c] = static_cast<float>(sums.red_level[c] / n);
    }
}

detail::StripeRules stripe_rules(const FlashOptions& o) {
    detail::StripeRules rules;
    rules.min_swing = static_cast<float>(o.luminance_change);
    rules.dark_limit = static_cast<float>(o.dark_limit);
    return rules;
}

}  // namespace

FlashSample measure_flash(const Frame& frame, const FlashOptions& options) {
    FlashSample sample;
    if (frame.empty() || frame.device() != DeviceKind::Cpu) return sample;
    const FlashGrid grid =
        detail::make_flash_grid(frame.width(), frame.height(), options.grid_columns);
    const detail::DisplayModel model = detail::display_model(frame.spec(), options.display_peak);
    detail::RowSampler sampler(frame, grid, model, static_cast<float>(options.red_saturation));
    CellSums sums(grid.cells());
    // Every sample's luminance, band after band, for the stripe search (reused between calls).
    thread_local std::vector<float> lattice;
    lattice.resize(static_cast<size_t>(grid.bands) * static_cast<size_t>(grid.max_samples));
    thread_local SampleRow row;
    for (int band = 0; band < grid.bands; ++band) {
        sampler.read(band, row);
        add_row(grid, band, row, sums);
        std::copy_n(row.luminance.begin(), grid.samples_in_band(band),
                    lattice.begin() + static_cast<ptrdiff_t>(band) * grid.max_samples);
    }
    sample.columns = grid.columns;
    sample.rows = grid.rows;
    set_means(sums, sample);
    const detail::PatternCoverage pattern =
        detail::measure_pattern(grid, lattice, stripe_rules(options));
    sample.pattern_area = pattern.area;
    sample.pattern_contrast = pattern.contrast;
    sample.pattern_suspect = pattern.area > options.area_fraction;
    return sample;
}

}  // namespace media::analysis
