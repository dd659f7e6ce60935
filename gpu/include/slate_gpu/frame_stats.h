// SPDX-License-Identifier: Apache-2.0
#pragma once

// frame_stats: the QC per-frame statistics of planar Y'CbCr frames (libmedia's measure_video with
// its default signal_stats_detail: signalstats' figures with TOUT and VREP, legal-range, gamut and
// black shares, active area, blockiness, freezedetect's mafd), reduced on the device to a
// FrameStatsRaw of 41 integers; finish_frame_stats() turns those into the figures measure_video
// reports, bit for bit. Not here: PQ light level, float/R'G'B' sources, gray frames, alpha planes'
// share of mafd. Plain data: C++17, standard library only.
//
// Per frame: upload Y, Cb, Cr (and keep the previous frame's), call cuda::frame_stats, copy back
// sizeof(FrameStatsRaw) bytes, call finish_frame_stats on the host.

#include <cstddef>
#include <cstdint>

#include "slate_gpu/plane.h"

namespace slate_gpu {

/// The thresholds of libmedia's VideoMeasureOptions that the statistics need (same defaults):
/// fractions of nominal range; plus the Kr, Kb of the frame's matrix for the gamut test (libmedia:
/// luma_coefficients(assumed_matrix(frame.color().matrix, frame.height()))).
struct StatsOptions {
    double black_pixel_threshold = 0.10;  ///< Y' at or below counts as black
    double luma_min = -0.01;              ///< legal range of Y' (EBU R103)
    double luma_max = 1.03;
    double chroma_min = -0.01;  ///< of Cb/Cr's excursion
    double chroma_max = 1.01;
    double gamut_tolerance = 0.05;       ///< R'G'B' outside [-t, 1 + t] is out of gamut
    double letterbox_threshold = 0.094;  ///< rows/columns whose max Y' is at or below are border
    double kr = 0.2126;                  ///< the matrix's luma weights (BT.709 here)
    double kb = 0.0722;
};

/// libmedia's fixed-point Y'CbCr -> R'G'B' gamut limits (ChromaLimitParams, luma codes times
/// 2^shift): a pixel is outside the gamut when its Y' is outside the range its chroma allows.
struct GamutLimits {
    int32_t shift = 21;
    int32_t mid = 128;
    int32_t max_code = 255;
    int32_t cr_to_red = 0, cb_to_green = 0, cr_to_green = 0, cb_to_blue = 0;
    int32_t gamut_low = 0, gamut_high = 0;
};

/// StatsOptions in codes, as libmedia derives them (detail::luma_thresholds / chroma_thresholds,
/// limit_params, the letterbox code): a Y' code c is black when c <= black_at_or_below (never
/// when it is negative), below range when c < luma_below, above when c > luma_above; likewise
/// for Cb and Cr; a raw Y' code is bright (not letterbox) when > letterbox_at_or_below.
struct StatsThresholds {
    int32_t black_at_or_below = -1;
    int32_t luma_below = 0;
    int32_t luma_above = 65535;
    int32_t chroma_below = 0;
    int32_t chroma_above = 65535;
    int32_t letterbox_at_or_below = 65535;
    GamutLimits gamut;
};

/// Legal-range limits in codes of a signal whose nominal range is [low, high]: `below` is the
/// first code whose fraction (code - low) / (high - low) reaches min_fraction, `above` the last
/// one whose fraction stays within max_fraction (codes 0..max_code). libmedia's measures use
/// this too.
struct CodeLimits {
    int below = 0;
    int above = 0;
};
CodeLimits code_limits(double low, double high, double min_fraction, double max_fraction,
                       int max_code);

/// The thresholds of `options` for a signal of `bit_depth` bits, narrow (16..235/240 scaled) or
/// full range.
StatsThresholds stats_thresholds(int bit_depth, bool full_range, const StatsOptions& options);

/// What a frame is: depth (8 for uint8_t samples, 9..16 for uint16_t), range, chroma subsampling
/// (log2: 1, 1 for 4:2:0; 1, 0 for 4:2:2; 0, 0 for 4:4:4) and the thresholds in codes.
struct StatsConfig {
    int bit_depth = 8;
    bool full_range = false;
    int log2_chroma_w = 1;
    int log2_chroma_h = 1;
    StatsThresholds thresholds;
};

/// One plane's code statistics. Codes above 2^depth - 1 count as 2^depth - 1 here (as in
/// libmedia's histograms). low/high: signalstats' 10th/90th percentiles, the first code at which
/// the running count reaches lrint(samples * p / 100).
struct StatsPlaneRaw {
    uint64_t min = 0;
    uint64_t max = 0;
    uint64_t sum = 0;
    uint64_t low = 0;
    uint64_t high = 0;
};

/// FrameStatsRaw::flags bits.
inline constexpr uint64_t kStatsHasPrevious = 1;  ///< diff[] are frame differences
inline constexpr uint64_t kStatsHasHue = 2;       ///< hue_sum was measured

/// The device result of one frame: integers only, exact (41 x uint64 = 328 bytes).
struct FrameStatsRaw {
    StatsPlaneRaw planes[3] = {};  ///< Y', Cb, Cr
    uint64_t diff[3] = {};         ///< sum |cur - previous| per plane, raw codes (0: first frame)
    uint64_t saturation_sum = 0;   ///< sum of floor(hypot(Cb - mid, Cr - mid)) (signalstats)
    uint64_t saturation_max = 0;
    uint64_t hue_sum = 0;           ///< sum of whole degrees 0..359 (signalstats' hue)
    uint64_t out_of_broadcast = 0;  ///< pixels with Y' outside 16..235 or its Cb/Cr outside 16..240
    uint64_t outliers = 0;          ///< TOUT pixels
    uint64_t repeated_rows = 0;     ///< VREP rows: sum |row - row four above| < width
    uint64_t luma_black = 0;        ///< Y' codes <= black_at_or_below
    uint64_t luma_below = 0;
    uint64_t luma_above = 0;
    uint64_t chroma_below = 0;  ///< Cb and Cr together
    uint64_t chroma_above = 0;
    uint64_t outside_gamut = 0;  ///< pixels whose R'G'B' leaves the gamut tolerance
    /// Bounding box of the bright (non-letterbox) Y' samples: min/max x and y; left is
    /// UINT64_MAX when there is none.
    uint64_t bright_left = 0, bright_right = 0, bright_top = 0, bright_bottom = 0;
    uint64_t edge_steps = 0;  ///< blockiness: |Y' step| across 8x8 block edges, both directions
    uint64_t all_steps = 0;   ///< every horizontal and vertical |Y' step|
    uint64_t luma_width = 0;
    uint64_t luma_height = 0;
    uint64_t luma_samples = 0;    ///< width * height
    uint64_t chroma_samples = 0;  ///< per chroma plane
    uint64_t flags = 0;           ///< kStatsHasPrevious | kStatsHasHue
};

/// 64-bit words in a FrameStatsRaw.
inline constexpr int kFrameStatsRawWords = static_cast<int>(sizeof(FrameStatsRaw) / 8);

/// The tables signalstats' hue needs, in the memory the kernel reads (host for the reference,
/// device for CUDA). Depth <= 10: `pairs`, 2^(2 depth) whole degrees indexed (Cb << depth) | Cr;
/// deeper: `atan`, kHueAtanEntries degrees. Both null: hue is not measured (hue_sum 0).
struct HueTables {
    const uint16_t* pairs = nullptr;
    const double* atan = nullptr;
};

inline constexpr int kHueAtanSteps = 1024;
inline constexpr int kHueAtanEntries = kHueAtanSteps + 2;

/// Host hue tables, built once per process exactly as libmedia builds them: depth <= 10 gives
/// `pairs`, deeper `atan`.
HueTables host_hue_tables(int bit_depth);

/// Histogram bins frame_stats needs as scratch: 2^depth each for Y', Cb and Cr, in that order.
inline std::size_t stats_histogram_bins(int bit_depth) {
    return std::size_t{3} << bit_depth;
}

/// One frame's statistics. The previous frame's planes are all empty (null data) for the first
/// frame, otherwise all of the current frame's sizes. `histogram` (stats_histogram_bins uint32)
/// is scratch that ends holding the three code histograms; `result` receives the statistics
/// (host memory for the reference, device memory for CUDA).
template <typename T>
struct FrameStatsArgs {
    Plane<const T> y, cb, cr;
    Plane<const T> prev_y, prev_cb, prev_cr;
    StatsConfig config;
    HueTables hue;
    uint32_t* histogram = nullptr;
    FrameStatsRaw* result = nullptr;
};

/// Chroma plane size of a luma length (rounded up, as FFmpeg sizes 4:2:x planes).
inline int chroma_length(int luma, int log2) {
    return (luma + (1 << log2) - 1) >> log2;
}

/// True when the planes, depth, subsampling and pointers make a frame the kernel can measure.
template <typename T>
inline bool args_valid(const FrameStatsArgs<T>& a) {
    const StatsConfig& c = a.config;
    const bool depth_ok = sizeof(T) == 1 ? c.bit_depth == 8 : c.bit_depth >= 9 && c.bit_depth <= 16;
    if (!depth_ok || c.log2_chroma_w < 0 || c.log2_chroma_w > 1 || c.log2_chroma_h < 0 ||
        c.log2_chroma_h > 1)
        return false;
    if (a.histogram == nullptr || a.result == nullptr) return false;
    if (!plane_valid(a.y) || !plane_valid(a.cb) || !plane_valid(a.cr)) return false;
    if (a.y.width <= 0 || a.y.height <= 0) return false;
    if (a.cb.width != chroma_length(a.y.width, c.log2_chroma_w) ||
        a.cb.height != chroma_length(a.y.height, c.log2_chroma_h) || !same_size(a.cb, a.cr))
        return false;
    const bool previous = a.prev_y.data != nullptr;
    if (previous != (a.prev_cb.data != nullptr) || previous != (a.prev_cr.data != nullptr))
        return false;
    if (previous &&
        (!plane_valid(a.prev_y) || !plane_valid(a.prev_cb) || !plane_valid(a.prev_cr) ||
         !same_size(a.prev_y, a.y) || !same_size(a.prev_cb, a.cb) || !same_size(a.prev_cr, a.cr)))
        return false;
    return c.bit_depth > 10 || a.hue.pairs != nullptr || a.hue.atan == nullptr;
}

/// One plane's figures in codes (libmedia's analysis::PlaneStats).
struct StatsPlaneFigures {
    double min = 0.0;
    double low = 0.0;
    double avg = 0.0;
    double high = 0.0;
    double max = 0.0;
};

/// The figures measure_video reports for a Y'CbCr frame, from the integers (names as in
/// SignalStats, LevelsMeasure and VideoMeasures).
struct FrameStatsFigures {
    StatsPlaneFigures y, u, v;
    double sat_avg = 0.0;
    double sat_max = 0.0;
    double hue_avg = 0.0;
    double ydif = 0.0;
    double udif = 0.0;
    double vdif = 0.0;
    double tout = 0.0;
    double brng = 0.0;
    double luma_below = 0.0;
    double luma_above = 0.0;
    double chroma_outside = 0.0;
    double black_share = 0.0;
    double luma_min_percent = 0.0;
    double luma_max_percent = 0.0;
    double mafd = 0.0;  ///< 0 on the first frame
    double vrep = 0.0;
    double rgb_outside = 0.0;
    double blockiness = 0.0;  ///< VideoMeasures::blockiness (with options.blockiness)
    /// VideoMeasures::active (all 0 for an all-black frame).
    int active_left = 0, active_top = 0, active_width = 0, active_height = 0;
};

/// The figures of a frame from its FrameStatsRaw (host code, plain C++).
FrameStatsFigures finish_frame_stats(const FrameStatsRaw& raw, const StatsConfig& config);

namespace ref {
/// Scalar reference of frame_stats (host memory). Returns false (writing nothing) when
/// !args_valid(args).
bool frame_stats(const FrameStatsArgs<uint8_t>& args);
bool frame_stats(const FrameStatsArgs<uint16_t>& args);
}  // namespace ref

}  // namespace slate_gpu
