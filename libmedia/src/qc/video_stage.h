// SPDX-License-Identifier: Apache-2.0
// The ordered half of the video pass: detectors, graphs and stream bookkeeping see every frame's
// measures in frame order; the measures themselves are computed in parallel before this.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/analysis/flash.h"
#include "media/analysis/interlace.h"
#include "media/analysis/picture_detectors.h"
#include "media/analysis/temporal.h"
#include "media/analysis/video_measure.h"
#include "media/analysis/video_measure_device.h"
#include "media/core/device.h"
#include "media/frame/frame.h"
#include "media/qc/file_analysis.h"
#include "media/qc/qc_run.h"

namespace media::qc::detail {

/// Which analyzers a profile asks for (a check's analyzer runs when any check needing it is on).
/// Audio levels always run: they are cheap, and silence and duration feed the stream checks.
struct AnalyzerPlan {
    bool black = false;
    bool freeze = false;
    bool picture = false;
    bool interlace = false;
    bool cadence = false;
    bool flash = false;
    bool loudness = false;
    /// false when every enabled check is an audio check: the video is not decoded at all.
    bool video = true;
    /// Set when the signal statistics run on a CUDA device (see device_measurer).
    std::shared_ptr<const analysis::DeviceVideoMeasurer> measurer;
};

AnalyzerPlan plan_analyzers(const QcProfile& profile);

/// The device measurer a policy asks for: null for the CPU (Cpu, or Auto without a usable
/// device); DeviceError when Cuda cannot be met.
Result<std::shared_ptr<const analysis::DeviceVideoMeasurer>> device_measurer(DevicePolicy policy);

/// One frame travelling through the pass.
struct FrameWork {
    Frame frame;
    Frame previous;  ///< the preceding frame (empty for the first)
    analysis::VideoMeasures measures;
    analysis::CombingMeasure combing;
    analysis::FlashSample flash;
    std::string error;  ///< a measure that failed (recorded as a decode issue)
};

/// Computes the parallel-stage measures of one frame (thread-safe).
void measure_frame(FrameWork& work, const QcProfile& profile, const AnalyzerPlan& plan);

/// Measures the frames `next` gives (nullopt ends) in parallel on `threads` workers (0 = every
/// core), with a bounded number in flight, and hands each to `take` in frame order.
/// `previous`: the frame before the first (empty when there is none).
void measure_frames(const std::function<std::optional<Frame>()>& next, Frame previous,
                    const std::function<void(const FrameWork&)>& take, const QcProfile& profile,
                    const AnalyzerPlan& plan, int threads);

class VideoStage {
public:
    VideoStage(const FileAnalysis& analysis, const QcRequest& request, const AnalyzerPlan& plan);
    /// Takes one frame's measures, in frame order.
    void accept(const FrameWork& work);
    /// Closes every detector and writes the results into `analysis`.
    void finish(FileAnalysis& analysis);

private:
    void track_time(const Frame& frame);
    void track_timecode(const Frame& frame);
    void add_series(int64_t index, const FrameWork& work);
    void report_frame(const FrameWork& work);
    std::string timecode_of(const Frame& frame) const;

    const QcRequest& m_request;
    std::string m_input;
    AnalyzerPlan m_plan;
    Rational m_rate;
    std::optional<Timecode> m_start_timecode;
    std::optional<analysis::BlackDetector> m_black;
    std::optional<analysis::FreezeDetector> m_freeze;
    std::optional<analysis::PictureDetector> m_picture;
    std::optional<analysis::InterlaceDetector> m_interlace;
    std::optional<analysis::CadenceDetector> m_cadence;
    std::optional<analysis::FlashDetector> m_flash;
    analysis::SegmentTracker m_corrupt;
    std::vector<analysis::FrameSeries> m_series;
    StreamAnalysis m_stream;
    std::optional<double> m_last_pts_seconds;
    std::optional<Timecode> m_last_timecode;
    int64_t m_irregular_steps = 0;
    int64_t m_frames = 0;
};

}  // namespace media::qc::detail
