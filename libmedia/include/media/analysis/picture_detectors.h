// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

#include "media/analysis/segment.h"
#include "media/analysis/video_measure.h"

namespace media::analysis {

/// Thresholds turning per-frame VideoMeasures into segments. A frame is flagged when its share
/// exceeds the tolerated share (some broadcasters allow 1 % of pixels outside R103).
struct PictureDetectorOptions {
    double luma_share = 0.0;        ///< tolerated share of Y' samples outside the luma limits
    double chroma_share = 0.0;      ///< tolerated share of Cb/Cr outside the chroma limits
    double gamut_share = 0.0;       ///< tolerated share of pixels outside the RGB gamut tolerance
    double blockiness_limit = 1.5;  ///< VideoMeasures::blockiness above this is flagged
    int64_t min_frames = 1;         ///< shorter runs are dropped
};

/// Where the active picture stays the same (letterbox/pillarbox reporting).
struct ActiveAreaSegment {
    int64_t first = 0;
    int64_t last = 0;
    ActiveArea area;
};

/// MaxCLL / MaxFALL computed over the stream (CTA-861.3): MaxCLL the brightest pixel, MaxFALL
/// the highest frame average; with the frames they occur at. Zero when no PQ frames were seen.
struct LightLevelResult {
    double max_cll = 0.0;
    double max_fall = 0.0;
    int64_t max_cll_frame = -1;
    int64_t max_fall_frame = -1;
    double max_cll_robust = 0.0;  ///< the largest LightLevel::max_cll_robust
    int64_t max_cll_robust_frame = -1;
    int64_t pq_frames = 0;
};

struct PictureResult {
    std::vector<Segment> luma_below;  ///< value: largest share
    std::vector<Segment> luma_above;
    std::vector<Segment> chroma_outside;
    std::vector<Segment> gamut_outside;
    std::vector<Segment> nonfinite;              ///< value: most NaN/Inf samples in a frame
    std::vector<Segment> blocky;                 ///< value: highest blockiness
    std::vector<ActiveAreaSegment> active_area;  ///< consecutive frames with one active area
                                                 ///< (all-black frames continue the current one)
    double luma_min_percent = 0.0;               ///< extremes over the stream (LevelsMeasure scale)
    double luma_max_percent = 0.0;
    LightLevelResult light;
};

/// Accumulates VideoMeasures in frame order; finish() returns the segments and stream extremes
/// (and leaves the detector empty for another stream).
class PictureDetector {
public:
    explicit PictureDetector(const PictureDetectorOptions& options);
    void add(int64_t frame, const VideoMeasures& measures);
    PictureResult finish();

private:
    void add_active_area(int64_t frame, const ActiveArea& area);
    void add_light(int64_t frame, const LightLevel& light);

    PictureDetectorOptions m_options;
    SegmentTracker m_luma_below, m_luma_above, m_chroma, m_gamut, m_nonfinite, m_blocky;
    PictureResult m_result;
    bool m_any = false;
};

}  // namespace media::analysis
