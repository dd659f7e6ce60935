// SPDX-License-Identifier: Apache-2.0
// Nominal code levels of a Y'CbCr signal and what the measures derive from code histograms:
// signalstats' percentiles, legal-range shares, black share, luma extremes.
#pragma once

#include <cstdint>
#include <span>

#include "media/analysis/video_measure.h"
#include "media/frame/color_info.h"
#include "media/frame/frame.h"
#include "slate_gpu/frame_stats.h"
#include "video_measure_rows.h"

namespace media::analysis::detail {

/// Where black, white and the chroma extremes sit in code values (narrow: 16/235/240 scaled to
/// the bit depth, as BT.709/BT.2100 define them; full: 0..max for every component).
struct SignalLevels {
    int bit_depth = 8;
    bool full_range = false;

    int max_code() const { return (1 << bit_depth) - 1; }
    double black() const;
    double white() const;
    double chroma_low() const;
    double chroma_high() const;
    /// Chroma zero: 2^(depth-1), in narrow and full range alike.
    double chroma_mid() const { return static_cast<double>(1 << (bit_depth - 1)); }
};

/// Kr and Kb of a Y'CbCr matrix; BT.709 for unspecified, RGB and non-Kr/Kb matrices.
using LumaWeights = LumaCoefficients;

/// signalstats' figures of one plane from its code histogram (`samples` in total): min, max,
/// mean, and the 10th/90th percentiles as the first code where the running count reaches
/// lrint(samples * 10 / 100.) (round half to even, as ffmpeg's lrint does).
PlaneStats plane_stats(std::span<const uint32_t> histogram, int64_t samples);

/// Codes outside [low + min_fraction * (high - low), low + max_fraction * (high - low)]: a code is
/// below when < `below`, above when > `above` (each decided on the code's own fraction, so
/// the histogram and the SIMD counts agree exactly).
using slate_gpu::code_limits;
using slate_gpu::CodeLimits;

/// Samples of the histogram below and above the limits.
struct OutsideShares {
    int64_t below = 0;
    int64_t above = 0;
};
OutsideShares count_outside(std::span<const uint32_t> histogram, const CodeLimits& limits);

/// The luma thresholds of `options` (black at or below, legal range) and the chroma ones.
CodeThresholds luma_thresholds(const SignalLevels& levels, const VideoMeasureOptions& options);
CodeThresholds chroma_thresholds(const SignalLevels& levels, const VideoMeasureOptions& options);

/// blackdetect's pixel threshold in codes: codes at or below it are black. Narrow range:
/// 16 + th * 219 (scaled to the depth), full range th * max, truncated as ffmpeg stores it.
int black_threshold_code(const SignalLevels& levels, double pixel_threshold);

/// Fills the luma part of `out` (legal-range shares, black share, extremes) from the luma
/// histogram of `samples` codes.
void fill_luma_levels(const SignalLevels& levels, const VideoMeasureOptions& options,
                      std::span<const uint32_t> luma, int64_t samples, LevelsMeasure& out);
/// The same from a summary counted with luma_thresholds().
void fill_luma_levels(const SignalLevels& levels, const CodeSummary& luma, int64_t samples,
                      LevelsMeasure& out);

/// Cb or Cr samples of the histogram outside the chroma limits of `options`.
int64_t count_chroma_outside(const SignalLevels& levels, const VideoMeasureOptions& options,
                             std::span<const uint32_t> histogram);

}  // namespace media::analysis::detail
