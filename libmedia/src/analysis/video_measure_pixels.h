// SPDX-License-Identifier: Apache-2.0
// The pixel pass: tests that need a whole pixel (Y' with its Cb and Cr): signalstats' BRNG,
// R'G'B' gamut after the frame's matrix, and PQ content light.
#pragma once

#include <cstdint>
#include <vector>

#include "video_measure_rows.h"
#include "video_measure_source.h"

namespace media::analysis::detail {

struct PixelTasks {
    bool broadcast_range = false;  ///< BRNG
    bool gamut = false;
    bool light = false;  ///< PQ frames only
    double gamut_tolerance = 0.05;
};

struct PixelTotals {
    int64_t out_of_broadcast = 0;  ///< pixels with Y' outside 16..235 or Cb/Cr outside 16..240
    int64_t outside_gamut = 0;     ///< pixels with R', G' or B' outside the tolerance
    double light_sum = 0.0;        ///< sum of max(R,G,B) in cd/m²
    double light_max = 0.0;
    double light_robust = 0.0;  ///< 99.9th percentile of max(R,G,B), cd/m² (see LightLevel)
};

/// Per-sample luma limits of one row (see LumaLimits), with their storage.
template <typename T>
struct LimitBuffers {
    std::vector<T> gamut_low, gamut_high, brng_low, brng_high;
    std::vector<float> peak_add;

    void resize(size_t n);
    LumaLimits<T> view(bool light);
};

/// Each chroma sample is turned once into the luma range that keeps its pixels inside the gamut
/// and inside broadcast range (fixed-point Y'CbCr -> R'G'B' with the source's matrix); pixels
/// are then only compared with those limits. Chroma of 4:2:x frames applies to the pixels it
/// covers (nearest, no interpolation): legal-range and gamut errors span many pixels, and
/// interpolated chroma would only soften the edges of what is found. Call chroma_row(cy) before
/// the luma rows it covers.
template <typename T>
class PixelScan {
public:
    PixelScan(const MeasureSource& source, const PixelTasks& tasks);
    void chroma_row(int cy);
    void luma_row(int y);
    PixelTotals finish() const;

private:
    static constexpr int kLightBins = 1024;
    void count_light(const T* luma, const float* peak_add, int n);
    double robust_light() const;

    const MeasureSource& m_source;
    PixelTasks m_tasks;
    bool m_light;
    ChromaLimitParams m_params;
    LightParams m_light_params;
    LimitBuffers<T> m_chroma, m_wide;
    OutsideCounts m_counts;
    double m_light_sum = 0.0;
    float m_light_max = 0.0f;
    std::vector<uint32_t> m_light_histogram;  ///< PQ code (table index / 64) counts
    int64_t m_light_pixels = 0;
};

}  // namespace media::analysis::detail
