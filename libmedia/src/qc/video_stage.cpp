// SPDX-License-Identifier: Apache-2.0
#include "video_stage.h"

#include <cmath>
#include <numeric>

#include "qc_internal.h"

namespace media::qc::detail {
namespace {

// Graph series kept per file (bounded, see FrameSeries); names as QCTools prints them where
// QCTools has the measure.
enum SeriesIndex {
    kYMin,
    kYAvg,
    kYMax,
    kSatAvg,
    kYDif,
    kBrng,
    kBlack,
    kMafd,
    kLumaOut,
    kGamut,
    kComb,
    kFlash,
    kMaxCll,
    kSeriesCount
};

std::vector<analysis::FrameSeries> make_series() {
    return {{"YMIN", "code"},   {"YAVG", "code"}, {"YMAX", "code"}, {"SATAVG", "code"},
            {"YDIF", "code"},   {"BRNG", "%"},    {"BLACK", "%"},   {"MAFD", "fraction"},
            {"LUMA_OUT", "%"},  {"GAMUT", "%"},   {"COMB", "%"},    {"FLASH", "cd/m2"},
            {"MAXCLL", "cd/m2"}};
}

double grid_mean(const analysis::FlashSample& sample) {
    if (sample.luminance.empty()) return -1.0;
    const double sum = std::accumulate(sample.luminance.begin(), sample.luminance.end(), 0.0);
    return sum / static_cast<double>(sample.luminance.size());
}

}  // namespace

AnalyzerPlan plan_analyzers(const QcProfile& p) {
    AnalyzerPlan plan;
    plan.black = p.enabled("black") || p.enabled("head_tail_black") || p.enabled("black_silence");
    plan.freeze = p.enabled("freeze");
    plan.picture = p.enabled("luma_range") || p.enabled("chroma_range") || p.enabled("rgb_gamut") ||
                   p.enabled("letterbox") || p.enabled("blockiness") || p.enabled("nonfinite") ||
                   p.enabled("hdr_light_level");
    plan.cadence = p.enabled("cadence");
    plan.interlace = p.enabled("interlace") || plan.cadence;
    plan.flash = p.enabled("flash");
    plan.loudness = p.enabled("loudness_integrated") || p.enabled("true_peak") ||
                    p.enabled("loudness_range") || p.enabled("loudness_max");
    plan.video = false;
    for (const CheckInfo& check : check_catalog())
        if (p.enabled(check.id) && check.category != "audio") plan.video = true;
    return plan;
}

Result<std::shared_ptr<const analysis::DeviceVideoMeasurer>> device_measurer(DevicePolicy policy) {
    MEDIA_TRY_ASSIGN(const DeviceInfo device, resolve_device(policy));
    if (device.kind != DeviceKind::Cuda)
        return std::shared_ptr<const analysis::DeviceVideoMeasurer>();
    auto measurer = analysis::DeviceVideoMeasurer::create(device.index);
    if (!measurer) {
        if (policy == DevicePolicy::Cuda) return measurer.error();
        return std::shared_ptr<const analysis::DeviceVideoMeasurer>();  // Auto: the CPU
    }
    return std::shared_ptr<const analysis::DeviceVideoMeasurer>(std::move(*measurer));
}

void measure_frame(FrameWork& work, const QcProfile& profile, const AnalyzerPlan& plan) {
    const Frame* previous = work.previous.empty() ? nullptr : &work.previous;
    auto measures = plan.measurer ? plan.measurer->measure(work.frame, previous, profile.measure)
                                  : analysis::measure_video(work.frame, previous, profile.measure);
    if (measures)
        work.measures = std::move(*measures);
    else
        work.error = measures.error().message();
    if (plan.interlace)
        work.combing = analysis::measure_combing(work.frame, previous, profile.interlace);
    if (plan.flash) work.flash = analysis::measure_flash(work.frame, profile.flash);
    // The previous frame is no longer needed: release it now so the decoder can reuse it.
    work.previous = Frame();
}

VideoStage::VideoStage(const FileAnalysis& analysis, const QcRequest& request,
                       const AnalyzerPlan& plan)
    : m_request(request),
      m_input(analysis.facts.path),
      m_plan(plan),
      m_rate(working_rate(analysis.facts)),
      m_start_timecode(analysis.facts.start_timecode),
      m_series(make_series()) {
    const QcProfile& p = request.profile;
    if (plan.black) {
        analysis::BlackOptions black = p.black;
        black.min_frames = seconds_to_frames(p.black_min_seconds, m_rate);
        m_black.emplace(black);
    }
    if (plan.freeze) {
        analysis::FreezeOptions freeze = p.freeze;
        freeze.min_frames = std::max<int64_t>(2, seconds_to_frames(p.freeze_min_seconds, m_rate));
        m_freeze.emplace(freeze);
    }
    if (plan.picture) {
        analysis::PictureDetectorOptions picture = p.picture;
        picture.min_frames = seconds_to_frames(p.picture_min_seconds, m_rate);
        m_picture.emplace(picture);
    }
    if (plan.interlace) m_interlace.emplace();
    if (plan.cadence) m_cadence.emplace(p.cadence);
    if (plan.flash) m_flash.emplace(p.flash, m_rate);
}

void VideoStage::accept(const FrameWork& work) {
    const int64_t index = m_frames++;
    const Frame& frame = work.frame;
    if (!work.error.empty())
        m_stream.decode_errors.push_back({-1, index, frame.pts(), "analysis: " + work.error});
    m_corrupt.add(index, frame.corrupt());
    track_time(frame);
    track_timecode(frame);
    if (m_black) m_black->add(index, work.measures);
    if (m_freeze) m_freeze->add(index, work.measures);
    if (m_picture) m_picture->add(index, work.measures);
    if (m_interlace) m_interlace->add(index, work.combing);
    if (m_cadence) {
        const double duration = 1.0 / m_rate.to_double();
        m_cadence->add(index, work.measures, m_last_pts_seconds, duration,
                       work.combing.repeated_field);
    }
    if (m_flash) m_flash->add(index, work.flash);
    add_series(index, work);
    report_frame(work);
}

// Timestamps: gaps of more than pts_gap_frames frame durations are gaps (dropped frames or a
// broken mux), steps off the nominal duration by more than half a frame make the rate variable.
void VideoStage::track_time(const Frame& frame) {
    if (frame.pts() == kNoPts || frame.time_base().num() <= 0) {
        m_stream.timestamps_known = false;
        m_last_pts_seconds.reset();
        return;
    }
    const double seconds = static_cast<double>(frame.pts()) * frame.time_base().to_double();
    const double nominal = 1.0 / m_rate.to_double();
    if (m_last_pts_seconds) {
        const double step = seconds - *m_last_pts_seconds;
        const int64_t index = m_frames - 1;
        if (step > m_request.profile.pts_gap_frames * nominal) {
            const double missing = std::round(step / nominal) - 1.0;
            m_stream.pts_gaps.push_back(
                {index - 1, index, missing,
                 "presentation time jumps by " + std::to_string(step) + " s"});
        } else if (step <= 0.0) {
            m_stream.pts_gaps.push_back({index - 1, index, 0.0, "timestamps go backwards"});
        } else if (std::abs(step - nominal) > 0.5 * nominal) {
            ++m_irregular_steps;
        }
    }
    m_last_pts_seconds = seconds;
}

void VideoStage::track_timecode(const Frame& frame) {
    if (!frame.timecode()) return;
    const Timecode& tc = *frame.timecode();
    if (m_last_timecode && tc.frames() != m_last_timecode->frames() + 1) {
        const Timecode expected = *m_last_timecode + 1;
        m_stream.timecode_breaks.push_back(
            {m_frames - 1, expected.to_string(), tc.to_string(), tc - expected, ""});
    }
    m_last_timecode = tc;
}

std::string VideoStage::timecode_of(const Frame& frame) const {
    if (frame.timecode()) return frame.timecode()->to_string();
    if (m_start_timecode) return (*m_start_timecode + (m_frames - 1)).to_string();
    return {};
}

void VideoStage::add_series(int64_t index, const FrameWork& work) {
    const analysis::VideoMeasures& m = work.measures;
    const double values[kSeriesCount] = {m.stats.y.min,
                                         m.stats.y.avg,
                                         m.stats.y.max,
                                         m.stats.sat_avg,
                                         m.stats.ydif,
                                         100.0 * m.stats.brng,
                                         100.0 * m.levels.black_share,
                                         m.mafd,
                                         100.0 * (m.levels.luma_below + m.levels.luma_above),
                                         100.0 * m.levels.rgb_outside,
                                         100.0 * work.combing.comb_score,
                                         grid_mean(work.flash),
                                         m.light.max_cll};
    for (int s = 0; s < kSeriesCount; ++s) {
        if (s == kComb && !m_plan.interlace) continue;
        if (s == kFlash && !m_plan.flash) continue;
        if (s == kMaxCll && m.light.max_cll <= 0.0) continue;
        m_series[s].add(index, values[s]);
    }
}

void VideoStage::report_frame(const FrameWork& work) {
    if (!m_request.on_frame) return;
    FrameObservation observation;
    observation.file = m_input;
    observation.frame = m_frames - 1;
    observation.timecode = timecode_of(work.frame);
    observation.seconds =
        m_last_pts_seconds.value_or(static_cast<double>(m_frames - 1) / m_rate.to_double());
    observation.corrupt = work.frame.corrupt();
    observation.measures = &work.measures;
    observation.combing = m_plan.interlace ? &work.combing : nullptr;
    observation.flash_luminance = m_plan.flash ? grid_mean(work.flash) : -1.0;
    m_request.on_frame(observation);
}

void VideoStage::finish(FileAnalysis& analysis) {
    StreamAnalysis& stream = analysis.stream;
    stream.frames_decoded = m_frames;
    stream.corrupt_frames = m_corrupt.finish();
    stream.timestamps_known = m_stream.timestamps_known && m_frames > 0;
    stream.pts_gaps = std::move(m_stream.pts_gaps);
    stream.timecode_breaks = std::move(m_stream.timecode_breaks);
    // More than 1 % irregular steps: a variable rate, not a few rounding wobbles.
    stream.variable_frame_rate = m_irregular_steps * 100 > std::max<int64_t>(m_frames, 1);
    for (auto& issue : m_stream.decode_errors) stream.decode_errors.push_back(std::move(issue));
    stream.video_seconds = static_cast<double>(m_frames) / m_rate.to_double();
    if (m_black) analysis.black = m_black->finish();
    if (m_freeze) analysis.freeze = m_freeze->finish();
    if (m_picture) analysis.picture = m_picture->finish();
    if (m_interlace) analysis.interlace = m_interlace->finish();
    if (m_cadence) analysis.cadence = m_cadence->finish();
    if (m_flash) analysis.flash = m_flash->finish();
    for (auto& series : m_series)
        if (!series.empty()) analysis.series.push_back(std::move(series));
}

}  // namespace media::qc::detail
