// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::analysis {

/// Distribution of one plane's samples in the frame's own code values (10-bit codes for a 10-bit
/// frame), as ffmpeg's signalstats reports them: low/high are the 10th and 90th percentiles.
struct PlaneStats {
    double min = 0.0;
    double low = 0.0;
    double avg = 0.0;
    double high = 0.0;
    double max = 0.0;
};

/// QCTools-style per-frame signal statistics (ffmpeg signalstats' keys in brackets).
struct SignalStats {
    int bit_depth = 8;
    PlaneStats y, u, v;    ///< [YMIN YLOW YAVG YHIGH YMAX], U..., V...
    double sat_avg = 0.0;  ///< [SATAVG] chroma magnitude, codes
    double sat_max = 0.0;  ///< [SATMAX]
    double hue_avg = 0.0;  ///< [HUEAVG] degrees
    double ydif = 0.0;     ///< [YDIF] mean |Y - previous Y|, codes; 0 on the first frame
    double udif = 0.0;     ///< [UDIF]
    double vdif = 0.0;     ///< [VDIF]
    /// [TOUT] share of temporal-outlier pixels (0..1). Above 8 bits the test runs on the full
    /// codes with its threshold scaled (4 << (depth - 8)); ffmpeg passes only their low 8 bits.
    double tout = 0.0;
    /// [VREP] share of rows repeating the row four above (two above in the same field): the sum
    /// of their absolute differences is below the width.
    double vrep = 0.0;
    double brng = 0.0;  ///< [BRNG] share of pixels outside broadcast range (0..1)
};

/// Legal-range and gamut measures of one frame (EBU R103 style tolerances in VideoMeasureOptions).
struct LevelsMeasure {
    double luma_below = 0.0;      ///< share of Y' samples below the lower luma limit
    double luma_above = 0.0;      ///< share above the upper luma limit
    double chroma_outside = 0.0;  ///< share of Cb/Cr samples outside the chroma limits
    /// Share of pixels whose R'G'B' leaves the gamut tolerance (4:2:x: each chroma sample
    /// applies to the pixels it covers).
    double rgb_outside = 0.0;
    double black_share = 0.0;  ///< share of Y' samples at or below the black threshold
    /// Lowest and highest Y' as % of nominal range (0 % = black, 100 % = white).
    double luma_min_percent = 0.0;
    double luma_max_percent = 0.0;
};

/// Active picture: the smallest rectangle holding every row/column brighter than the
/// letterbox threshold (cropdetect-like). Empty (width 0) for an all-black frame.
struct ActiveArea {
    int left = 0;
    int top = 0;
    int width = 0;
    int height = 0;
    friend bool operator==(const ActiveArea&, const ActiveArea&) = default;
};

/// Content light of one frame from PQ (ST 2084) pixels: the brightest max(R,G,B) and the frame
/// average of max(R,G,B), both in cd/m² (CTA-861.3 definitions). Zero when not a PQ frame.
struct LightLevel {
    double max_cll = 0.0;
    double frame_average = 0.0;
    bool measured = false;  ///< the frame was PQ and light_level was on (a black PQ frame reads 0)
    /// The light exceeded by at most 1 pixel in 1,000 (99.9th percentile of max(R,G,B)):
    /// lossy encoders overshoot at sharp bright edges, and those few pixels set max_cll to values
    /// the picture never had; QC compares metadata with this. Equal to max_cll for R'G'B' frames.
    double max_cll_robust = 0.0;
};

/// Everything measured from one frame (and its predecessor) in the parallel stage.
struct VideoMeasures {
    SignalStats stats;
    LevelsMeasure levels;
    ActiveArea active;
    /// Mean absolute frame difference over all planes / 2^depth (ffmpeg freezedetect's
    /// measure); 0 on the first frame.
    double mafd = 0.0;
    /// 8x8 block-edge strength: mean |luma step| across block edges over mean |step| inside
    /// blocks, both directions, a quarter of an 8-bit code added to both; ~1 for clean
    /// pictures, larger when blocky.
    double blockiness = 0.0;
    int64_t nonfinite = 0;  ///< NaN/Inf samples (float sources only)
    LightLevel light;
};

/// Thresholds the measures need (all in nominal-range fractions unless stated).
struct VideoMeasureOptions {
    /// Black: Y' at or below this fraction of nominal range counts as black (blackdetect pix_th).
    double black_pixel_threshold = 0.10;
    /// Legal range (EBU R103: -1 % .. 103 % for Y'; chroma -1 % .. 101 % of its excursion
    /// around the midpoint): limits as fractions of nominal range.
    double luma_min = -0.01;
    double luma_max = 1.03;
    double chroma_min = -0.01;
    double chroma_max = 1.01;
    /// RGB gamut: R', G', B' after conversion (the frame's matrix) outside
    /// [-gamut_tolerance, 1 + gamut_tolerance] counts (R103: -5 % .. 105 %).
    double gamut_tolerance = 0.05;
    /// Letterbox: a row/column whose maximum Y' is at or below this fraction of nominal range
    /// is black border (cropdetect limit 24/255 of full range).
    double letterbox_threshold = 0.094;
    bool signal_stats = true;  ///< compute SignalStats (the graphs and BRNG)
    /// With signal_stats, also the figures that need a histogram or a table lookup per sample:
    /// every plane's low/high (10th/90th percentiles), HUEAVG, TOUT and VREP. Off, SignalStats
    /// keeps each plane's min/avg/max, SATAVG/SATMAX, YDIF/UDIF/VDIF and BRNG (low/high, hue_avg,
    /// tout and vrep stay 0) and the whole measure runs in SIMD: about 3x less CPU on 4:4:4.
    /// LevelsMeasure is the same either way.
    bool signal_stats_detail = true;
    bool blockiness = true;
    bool light_level = true;  ///< only has an effect on PQ frames
};

/// Measures one frame. `previous` (may be null: the first frame) is the preceding frame of the
/// same stream, for YDIF/UDIF/VDIF and mafd; one of another size or format counts as none.
/// Y'CbCr frames are measured on their planes directly (narrow range unless tagged full); gray
/// frames on their luma (full range unless tagged limited); R'G'B' frames on narrow-range
/// Y'CbCr 4:4:4 derived with the frame's matrix (BT.709 when it names none) at their bit depth,
/// float frames at 10 bits after clamping to 0..1, with NaN/Inf counted and the gamut tested on
/// the float samples first. mafd reads the frame's own samples (every plane, alpha included;
/// float frames: the derived Y'CbCr). InvalidArgument for an empty frame, DeviceError for one in
/// device memory. Thread-safe (pure; per-thread scratch memory is kept between calls).
Result<VideoMeasures> measure_video(const Frame& frame, const Frame* previous,
                                    const VideoMeasureOptions& options);

}  // namespace media::analysis
