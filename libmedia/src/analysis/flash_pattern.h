// SPDX-License-Identifier: Apache-2.0
// Regular stripe patterns over a frame's sampled luminance (the "regular patterns" of BT.1702).
// Private to the analysis module.
#pragma once

#include <vector>

#include "flash_grid.h"
#include "flash_stripes.h"

namespace media::analysis::detail {

/// Stripes over a frame's whole lattice of samples.
struct PatternCoverage {
    double area = 0.0;      ///< share of the picture covered by stripes (rows or columns)
    float contrast = 0.0f;  ///< largest run contrast, cd/m²
};

/// Finds stripes along every sampled row (vertical stripes) and every column of the lattice
/// (horizontal stripes); diagonal stripes show in both. `luminance` holds grid.bands rows of
/// `grid.max_samples` values (a band's samples first, the rest unused).
PatternCoverage measure_pattern(const FlashGrid& grid, const std::vector<float>& luminance,
                                const StripeRules& rules);

}  // namespace media::analysis::detail
