// SPDX-License-Identifier: Apache-2.0
// Reads one sampled row of a frame as display light: luminance and the saturated-red measure of
// each sample. Private to the analysis module.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "flash_display.h"
#include "flash_grid.h"
#include "flash_light.h"
#include "media/frame/frame.h"

namespace media::analysis::detail {

/// Per-sample display light of one sampled row. The vectors hold at least the band's samples
/// (padded for the SIMD kernel); only the first samples_in_band(band) entries are meaningful.
struct SampleRow {
    std::vector<float> luminance;  ///< cd/m²
    std::vector<float> red;        ///< 1 where the sample is saturated red, else 0
    std::vector<float> red_level;  ///< R - G - B in cd/m² where saturated red, else 0
};

/// Reads bands of `frame` (see FlashGrid) as display light.
class RowSampler {
public:
    /// `red_saturation`: R/(R+G+B) at or above which a sample is saturated red.
    RowSampler(const Frame& frame, const FlashGrid& grid, const DisplayModel& model,
               float red_saturation);
    /// Fills `out` with band `band`'s samples.
    void read(int band, SampleRow& out);

private:
    void fetch(int y, int offset, int count);

    const Frame& m_frame;
    const FlashGrid& m_grid;
    LightJob m_job;  ///< the frame's constants and the row buffers below
    // One array per component, padded for the kernel: codes, or float samples' values.
    std::array<std::vector<uint16_t>, 3> m_codes;
    std::array<std::vector<float>, 3> m_values;
};

}  // namespace media::analysis::detail
