// SPDX-License-Identifier: Apache-2.0
#include "media/analysis/picture_detectors.h"

#include <algorithm>

#include <fmt/format.h>

namespace media::analysis {

namespace {

void describe(std::vector<Segment>& segments, const char* what) {
    for (Segment& s : segments) s.detail = fmt::format("up to {:.3f} % {}", 100.0 * s.value, what);
}

}  // namespace

PictureDetector::PictureDetector(const PictureDetectorOptions& options)
    : m_options(options),
      m_luma_below(options.min_frames),
      m_luma_above(options.min_frames),
      m_chroma(options.min_frames),
      m_gamut(options.min_frames),
      m_nonfinite(options.min_frames),
      m_blocky(options.min_frames) {}

void PictureDetector::add(int64_t frame, const VideoMeasures& measures) {
    const LevelsMeasure& l = measures.levels;
    m_luma_below.add(frame, l.luma_below > m_options.luma_share, l.luma_below);
    m_luma_above.add(frame, l.luma_above > m_options.luma_share, l.luma_above);
    m_chroma.add(frame, l.chroma_outside > m_options.chroma_share, l.chroma_outside);
    m_gamut.add(frame, l.rgb_outside > m_options.gamut_share, l.rgb_outside);
    m_nonfinite.add(frame, measures.nonfinite > 0, static_cast<double>(measures.nonfinite));
    m_blocky.add(frame, measures.blockiness > m_options.blockiness_limit, measures.blockiness);
    add_active_area(frame, measures.active);
    add_light(frame, measures.light);
    m_result.luma_min_percent =
        m_any ? std::min(m_result.luma_min_percent, l.luma_min_percent) : l.luma_min_percent;
    m_result.luma_max_percent =
        m_any ? std::max(m_result.luma_max_percent, l.luma_max_percent) : l.luma_max_percent;
    m_any = true;
}

// An all-black frame (empty area) belongs to the segment it interrupts; leading black frames
// take the first real area that follows them.
void PictureDetector::add_active_area(int64_t frame, const ActiveArea& area) {
    std::vector<ActiveAreaSegment>& segments = m_result.active_area;
    const bool black = area.width == 0;
    if (!segments.empty() && segments.back().last + 1 == frame) {
        ActiveAreaSegment& current = segments.back();
        if (black || current.area == area) {
            current.last = frame;
            return;
        }
        if (current.area.width == 0) {
            current.area = area;
            current.last = frame;
            return;
        }
    }
    segments.push_back(ActiveAreaSegment{frame, frame, area});
}

void PictureDetector::add_light(int64_t frame, const LightLevel& light) {
    if (!light.measured) return;
    LightLevelResult& r = m_result.light;
    ++r.pq_frames;
    if (r.max_cll_frame < 0 || light.max_cll > r.max_cll) {
        r.max_cll = light.max_cll;
        r.max_cll_frame = frame;
    }
    if (r.max_cll_robust_frame < 0 || light.max_cll_robust > r.max_cll_robust) {
        r.max_cll_robust = light.max_cll_robust;
        r.max_cll_robust_frame = frame;
    }
    if (r.max_fall_frame < 0 || light.frame_average > r.max_fall) {
        r.max_fall = light.frame_average;
        r.max_fall_frame = frame;
    }
}

PictureResult PictureDetector::finish() {
    m_result.luma_below = m_luma_below.finish();
    m_result.luma_above = m_luma_above.finish();
    m_result.chroma_outside = m_chroma.finish();
    m_result.gamut_outside = m_gamut.finish();
    m_result.nonfinite = m_nonfinite.finish();
    m_result.blocky = m_blocky.finish();
    describe(m_result.luma_below, "of Y' samples below the luma limit");
    describe(m_result.luma_above, "of Y' samples above the luma limit");
    describe(m_result.chroma_outside, "of Cb/Cr samples outside the chroma limits");
    describe(m_result.gamut_outside, "of pixels outside the R'G'B' gamut tolerance");
    for (Segment& s : m_result.nonfinite)
        s.detail =
            fmt::format("up to {} NaN/Inf samples in a frame", static_cast<int64_t>(s.value));
    for (Segment& s : m_result.blocky) s.detail = fmt::format("blockiness up to {:.2f}", s.value);
    PictureResult result = std::move(m_result);
    *this = PictureDetector(m_options);
    return result;
}

}  // namespace media::analysis
