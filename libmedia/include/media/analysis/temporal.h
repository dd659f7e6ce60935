// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/analysis/segment.h"
#include "media/analysis/video_measure.h"

namespace media::analysis {

/// Black frames (ffmpeg blackdetect's rule): a frame is black when the share of its Y' samples
/// at or below the pixel threshold (LevelsMeasure::black_share, see VideoMeasureOptions) reaches
/// `picture_ratio`. Segments shorter than `min_frames` are dropped. Segment::value is the lowest
/// black_share in the run.
struct BlackOptions {
    double picture_ratio = 0.98;
    int64_t min_frames = 1;
};

class BlackDetector {
public:
    explicit BlackDetector(const BlackOptions& options);
    void add(int64_t frame, const VideoMeasures& measures);
    std::vector<Segment> finish();

private:
    void close_run();

    BlackOptions m_options;
    std::optional<Segment> m_run;  ///< the open run of black frames (value: lowest share so far)
    std::vector<Segment> m_segments;
};

/// Frozen frames (ffmpeg freezedetect's rule): frame i is frozen when its mafd to frame i-1 is at
/// or below the noise threshold; a segment starts at the first frame of the held picture (the
/// frame before the first frozen difference, as freezedetect's freeze_start) and is kept when it
/// spans at least `min_frames` frames. Segment::value is the largest mafd in the run.
struct FreezeOptions {
    double noise = 0.001;  ///< freezedetect n (-60 dB)
    int64_t min_frames = 2;
};

class FreezeDetector {
public:
    explicit FreezeDetector(const FreezeOptions& options);
    void add(int64_t frame, const VideoMeasures& measures);
    std::vector<Segment> finish();

private:
    void close_run();

    FreezeOptions m_options;
    std::optional<int64_t> m_start;
    int64_t m_last = -1;
    double m_worst = 0.0;
    std::vector<Segment> m_segments;
};

/// Cadence: single repeated frames (mafd at or below the noise threshold while both neighbours
/// move: a duplicate frame left by a frame-rate conversion), dropped frames (a presentation-time
/// gap of more than 1.5 frame durations, or a motion jump of more than `jump_factor` times the
/// running median frame difference) and a pulldown pattern found from repeated fields.
///
/// A motion jump counts only when it is isolated (both neighbours move normally: not at the edge
/// of a freeze, a black run or a flash), stays within `cut_factor` times the median (larger
/// changes are scene cuts) and keeps the picture's framing and mean level (motion moves content
/// about; an edit, a fade or a letterbox change shifts the active area or the average Y').
/// It is a heuristic; presentation-time gaps are the reliable signal.
struct CadenceOptions {
    double noise = 0.001;
    double jump_factor = 4.0;
    double cut_factor = 12.0;
};

struct CadenceResult {
    std::vector<int64_t> repeated_frames;  ///< frame indices that repeat their predecessor
    std::vector<Segment> dropped;          ///< gaps: first..last = the frames either side;
                                           ///< value = frames missing (estimated)
    std::string pattern;                   ///< "none", "2:3 pulldown", "2:2", "irregular"
    int64_t pattern_frames = 0;            ///< frames that followed the pattern
};

/// Pattern names: "2:3 pulldown" = a repeated field every 5 frames (telecine; idet sees a top and
/// a bottom repeat per period), "2:2" = every other frame repeats its predecessor (each picture
/// held for two frames), "irregular" = repeated fields or single repeated frames that follow
/// neither. A pattern is named when at least half of the frames follow it. Memory is bounded by
/// short windows plus the events found.
class CadenceDetector {
public:
    explicit CadenceDetector(const CadenceOptions& options);
    /// `pts_seconds`: the frame's presentation time (nullopt when unknown);
    /// `frame_duration`: the nominal frame duration in seconds (0 when unknown);
    /// `repeated_field`: CombingMeasure::repeated_field.
    void add(int64_t frame, const VideoMeasures& measures, std::optional<double> pts_seconds,
             double frame_duration, int repeated_field);
    CadenceResult finish();

private:
    bool check_pts_gap(int64_t frame, std::optional<double> pts_seconds, double frame_duration);
    void judge_previous(double next_mafd);
    bool is_motion_jump(double next_mafd) const;
    bool reframed(const VideoMeasures& measures, double mafd) const;
    void track_pattern(int repeated_field, bool frame_repeat);
    void remember_motion(double mafd);
    double running_median() const;

    CadenceOptions m_options;
    std::vector<double> m_recent_mafd;  ///< a short window for the running median
    size_t m_recent_next = 0;
    std::optional<double> m_last_pts;
    double m_prev_mafd = -1.0;  ///< the previous frame's mafd (-1: no predecessor)
    double m_prev_prev_mafd = -1.0;
    double m_prev_median = 0.0;    ///< running median before the previous frame
    bool m_prev_gap = false;       ///< the previous frame was already reported as a pts gap
    bool m_prev_reframed = false;  ///< the previous frame changed framing or mean level
    double m_prev_level = -1.0;    ///< the previous frame's mean Y', 0..1 of full scale
    ActiveArea m_prev_active;
    int64_t m_prev_frame = -1;
    std::vector<int> m_repeat_fields;   ///< last few repeated_field values, for the pattern
    std::vector<bool> m_frame_repeats;  ///< last few "repeats its predecessor" flags
    CadenceResult m_result;
    int64_t m_frames = 0;
    int64_t m_pulldown_hits = 0;
    int64_t m_doubling_hits = 0;
    int64_t m_field_repeats = 0;
};

}  // namespace media::analysis
