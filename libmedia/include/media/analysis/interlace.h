// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "media/analysis/segment.h"
#include "media/frame/frame.h"

namespace media::analysis {

/// How one frame looks when its two fields are compared (ffmpeg idet's single-frame classes).
enum class FieldType : uint8_t { Undetermined, TopFirst, BottomFirst, Progressive };

/// Per-frame combing measures (computed in the parallel stage, from the frame and its
/// predecessor).
///
/// idet classifies frame i from frames i-1, i and i+1. A parallel stage sees only a frame and its
/// predecessor, so the measure of frame i carries idet's sums over (i-1, i) for itself and the
/// sums frame i contributes to frame i-1's classification; InterlaceDetector joins them in frame
/// order and reproduces idet's single-frame classes exactly (on the luma plane).
struct CombingMeasure {
    /// Single-frame class from this frame and its predecessor alone (idet's terms against the
    /// next frame estimated by those against the previous one). InterlaceDetector reclassifies
    /// with the successor's terms, as idet does.
    FieldType type = FieldType::Undetermined;
    /// Repeated field (idet's repeat detection): the top or bottom field equals the previous
    /// frame's, as in 3:2 pulldown. 0 none, 1 top, 2 bottom.
    int repeated_field = 0;
    double comb_score = 0.0;  ///< share of combed pixels (0..1)

    /// idet's alpha sums of this frame against its predecessor (index: idet's alpha parity).
    std::array<int64_t, 2> alpha_previous{};
    /// idet's alpha sums that the predecessor receives from this frame as its "next" frame.
    std::array<int64_t, 2> alpha_for_previous{};
    /// idet's delta (the frame's own vertical second difference), split by row parity.
    std::array<int64_t, 2> delta{};
    /// False for a first frame (or one whose predecessor had another size or format).
    bool has_previous = false;
};

struct InterlaceOptions {
    double interlace_threshold = 1.04;   ///< idet intl_thres
    double progressive_threshold = 1.5;  ///< idet prog_thres
    double repeat_threshold = 3.0;       ///< idet rep_thres
    /// comb_score: a luma sample is combed when its vertical second difference against the
    /// other field exceeds this fraction of full scale and twice that against its own field.
    double comb_threshold = 0.0625;
};

/// Thread-safe per-frame measure on the luma plane (G for RGB, 14-bit for 16-bit and float
/// storage); `previous` may be null.
CombingMeasure measure_combing(const Frame& frame, const Frame* previous,
                               const InterlaceOptions& options);

/// idet's single-frame rule applied to its alpha and delta sums.
FieldType classify_fields(const std::array<int64_t, 2>& alpha, int64_t delta,
                          const InterlaceOptions& options);

/// What the whole stream looks like.
struct InterlaceResult {
    int64_t top_first = 0;  ///< frames classified per FieldType (single-frame detection)
    int64_t bottom_first = 0;
    int64_t progressive = 0;
    int64_t undetermined = 0;
    int64_t repeated_top = 0;
    int64_t repeated_bottom = 0;
    /// "progressive", "tff", "bff" or "undetermined" by majority (idet's multi-frame verdict).
    std::string detected;
    /// Runs of frames classified interlaced inside a mostly progressive stream (or the reverse).
    std::vector<Segment> combed;
    /// Frames per multi-frame class (idet's "Multi frame detection" line), in FieldType order.
    std::array<int64_t, 4> multi_frame{};
};

/// Accumulates CombingMeasure in frame order. A frame is classified when its successor arrives
/// (the last one in finish(), against itself, as idet does at the end of a stream).
class InterlaceDetector {
public:
    explicit InterlaceDetector(int64_t min_segment_frames = 1);
    InterlaceDetector(const InterlaceOptions& options, int64_t min_segment_frames);
    void add(int64_t frame, const CombingMeasure& measure);
    InterlaceResult finish();

private:
    void classify_pending(const std::array<int64_t, 2>& alpha_from_next);
    FieldType multi_frame_type(FieldType single);

    InterlaceOptions m_options;
    InterlaceResult m_result;
    SegmentTracker m_combed;       ///< interlaced runs (multi-frame class TFF/BFF)
    SegmentTracker m_progressive;  ///< progressive runs, reported in an interlaced stream
    bool m_has_pending = false;
    int64_t m_pending_frame = -1;
    CombingMeasure m_pending;
    std::array<FieldType, 4> m_history{FieldType::Undetermined, FieldType::Undetermined,
                                       FieldType::Undetermined, FieldType::Undetermined};
    FieldType m_last_type = FieldType::Undetermined;
};

}  // namespace media::analysis
