// SPDX-License-Identifier: Apache-2.0
// Black and frozen runs with ffmpeg's rules (libavfilter/vf_blackdetect.c, vf_freezedetect.c),
// counted in frames: blackdetect keeps a run when (first non-black pts - first black pts) reaches
// its duration, i.e. when the run holds d / frame duration frames; freezedetect's freeze_start is
// the pts of the held picture's first frame and its duration runs to the first moving frame, so a
// run spans the held picture's first frame through its last repeat.
#include "media/analysis/temporal.h"

#include <algorithm>

namespace media::analysis {

BlackDetector::BlackDetector(const BlackOptions& options) : m_options(options) {}

void BlackDetector::add(int64_t frame, const VideoMeasures& measures) {
    const double share = measures.levels.black_share;
    const bool black = share >= m_options.picture_ratio;
    if (m_run && (!black || frame != m_run->last + 1)) close_run();
    if (!black) return;
    if (!m_run) {
        m_run = Segment{frame, frame, share, {}};
        return;
    }
    m_run->last = frame;
    m_run->value = std::min(m_run->value, share);
}

void BlackDetector::close_run() {
    if (m_run->length() >= std::max<int64_t>(m_options.min_frames, 1)) m_segments.push_back(*m_run);
    m_run.reset();
}

std::vector<Segment> BlackDetector::finish() {
    if (m_run) close_run();
    return std::move(m_segments);
}

FreezeDetector::FreezeDetector(const FreezeOptions& options) : m_options(options) {}

// freezedetect compares each frame with the held picture's first frame; the measures give the
// difference to the predecessor, which is the same picture for every frame of a true freeze.
void FreezeDetector::add(int64_t frame, const VideoMeasures& measures) {
    const bool follows = m_last >= 0 && frame == m_last + 1;
    const bool frozen = follows && measures.mafd <= m_options.noise;
    if (m_start && !frozen) close_run();
    if (frozen) {
        if (!m_start) {
            m_start = m_last;
            m_worst = measures.mafd;
        }
        m_worst = std::max(m_worst, measures.mafd);
    }
    m_last = frame;
}

// A run still frozen at the end of the stream is kept on the same length rule; freezedetect
// measures such a run to the last frame's pts only, so it needs one frame more there.
void FreezeDetector::close_run() {
    const Segment run{*m_start, m_last, m_worst, {}};
    if (run.length() >= std::max<int64_t>(m_options.min_frames, 1)) m_segments.push_back(run);
    m_start.reset();
}

std::vector<Segment> FreezeDetector::finish() {
    if (m_start) close_run();
    return std::move(m_segments);
}

}  // namespace media::analysis
