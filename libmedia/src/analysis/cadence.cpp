// SPDX-License-Identifier: Apache-2.0
// Cadence from per-frame differences, timestamps and idet's repeated-field flags. A frame is
// judged when its successor arrives (a single repeat and an isolated motion jump both need the
// frame after), so the detector holds one frame of look-ahead and a few short windows.
#include <algorithm>
#include <cmath>

#include "media/analysis/temporal.h"

namespace media::analysis {
namespace {

constexpr size_t kMedianWindow = 15;    // moving frames behind the running median
constexpr size_t kMinMedianFrames = 5;  // before that, too few frames to call a jump
constexpr size_t kPulldownPeriod = 5;   // 2:3 pulldown: 4 pictures in 5 frames
constexpr int64_t kMinIrregularRepeats = 2;
constexpr double kMeanShiftShare = 0.25;

double mean_level(const VideoMeasures& m) {
    return m.stats.y.avg / double((1 << m.stats.bit_depth) - 1);
}

int64_t frames_missing(double ratio) {
    return std::max<int64_t>(1, std::llround(ratio) - 1);
}

}  // namespace

CadenceDetector::CadenceDetector(const CadenceOptions& options) : m_options(options) {}

void CadenceDetector::add(int64_t frame, const VideoMeasures& measures,
                          std::optional<double> pts_seconds, double frame_duration,
                          int repeated_field) {
    const bool follows = m_prev_frame >= 0 && frame == m_prev_frame + 1;
    // Without a predecessor (first frame, or a hole in the indices) the difference means nothing.
    const double mafd = follows ? measures.mafd : -1.0;
    const bool gap = check_pts_gap(frame, pts_seconds, frame_duration);
    if (follows) judge_previous(mafd);
    track_pattern(repeated_field, mafd >= 0.0 && mafd <= m_options.noise);
    m_prev_median = running_median();
    remember_motion(mafd);
    m_prev_prev_mafd = follows ? m_prev_mafd : -1.0;
    m_prev_mafd = mafd;
    m_prev_gap = gap;
    m_prev_reframed = follows && reframed(measures, mafd);
    m_prev_level = mean_level(measures);
    m_prev_active = measures.active;
    m_prev_frame = frame;
}

// Content in motion keeps its mean; a shift of the mean Y' of a quarter of the frame difference
// or more (a fade, a cut, a flash) or a new active area is a change of picture, not a skip.
bool CadenceDetector::reframed(const VideoMeasures& measures, double mafd) const {
    const double level_shift = std::abs(mean_level(measures) - m_prev_level);
    return !(measures.active == m_prev_active) || level_shift >= kMeanShiftShare * mafd;
}

bool CadenceDetector::check_pts_gap(int64_t frame, std::optional<double> pts_seconds,
                                    double frame_duration) {
    const std::optional<double> last = m_last_pts;
    m_last_pts = pts_seconds;
    if (!pts_seconds || !last || frame_duration <= 0.0 || m_prev_frame < 0) return false;
    const double step = *pts_seconds - *last;
    if (step <= 1.5 * frame_duration) return false;
    m_result.dropped.push_back(
        Segment{m_prev_frame, frame, double(frames_missing(step / frame_duration)), "pts gap"});
    return true;
}

void CadenceDetector::judge_previous(double next_mafd) {
    const double noise = m_options.noise;
    if (m_prev_mafd >= 0.0 && m_prev_mafd <= noise && m_prev_prev_mafd > noise && next_mafd > noise)
        m_result.repeated_frames.push_back(m_prev_frame);
    if (!m_prev_gap && !m_prev_reframed && is_motion_jump(next_mafd)) {
        m_result.dropped.push_back(Segment{m_prev_frame - 1, m_prev_frame,
                                           double(frames_missing(m_prev_mafd / m_prev_median)),
                                           "motion jump"});
    }
}

// The previous frame moved jump_factor..cut_factor times the running median while the frames
// either side moved normally.
bool CadenceDetector::is_motion_jump(double next_mafd) const {
    if (m_prev_median <= m_options.noise) return false;
    const double normal = m_options.jump_factor * m_prev_median;
    auto moves_normally = [&](double mafd) { return mafd > m_options.noise && mafd <= normal; };
    return m_prev_mafd > normal && m_prev_mafd <= m_options.cut_factor * m_prev_median &&
           moves_normally(m_prev_prev_mafd) && moves_normally(next_mafd);
}

void CadenceDetector::remember_motion(double mafd) {
    if (mafd <= m_options.noise) return;  // held frames would drag the median to zero
    if (m_recent_mafd.size() < kMedianWindow) {
        m_recent_mafd.push_back(mafd);
        return;
    }
    m_recent_mafd[m_recent_next] = mafd;
    m_recent_next = (m_recent_next + 1) % kMedianWindow;
}

double CadenceDetector::running_median() const {
    if (m_recent_mafd.size() < kMinMedianFrames) return 0.0;
    std::vector<double> sorted = m_recent_mafd;
    const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    return *middle;
}

namespace {

// Repeated-field flags of the last two periods agree, with one or two repeats per period.
bool follows_pulldown(const std::vector<int>& flags) {
    if (flags.size() < 2 * kPulldownPeriod) return false;
    const auto period = flags.end() - static_cast<std::ptrdiff_t>(kPulldownPeriod);
    const auto repeats = std::count_if(period, flags.end(), [](int f) { return f != 0; });
    return repeats >= 1 && repeats <= 2 && std::equal(period, flags.end(), flags.begin());
}

// Every other frame repeats its predecessor.
bool follows_doubling(const std::vector<bool>& repeats) {
    return repeats.size() == 3 && repeats[2] != repeats[1] && repeats[2] == repeats[0];
}

template <typename T>
void push_window(std::vector<T>& window, T value, size_t size) {
    if (window.size() == size) window.erase(window.begin());
    window.push_back(value);
}

}  // namespace

void CadenceDetector::track_pattern(int repeated_field, bool frame_repeat) {
    push_window(m_repeat_fields, repeated_field, 2 * kPulldownPeriod);
    push_window(m_frame_repeats, frame_repeat, size_t{3});
    ++m_frames;
    if (repeated_field != 0) ++m_field_repeats;
    if (follows_pulldown(m_repeat_fields)) ++m_pulldown_hits;
    if (follows_doubling(m_frame_repeats)) ++m_doubling_hits;
}

CadenceResult CadenceDetector::finish() {
    const auto irregular = m_field_repeats + int64_t(m_result.repeated_frames.size());
    if (m_pulldown_hits > 0 && 2 * m_pulldown_hits >= m_frames) {
        m_result.pattern = "2:3 pulldown";
        m_result.pattern_frames = m_pulldown_hits;
    } else if (m_doubling_hits > 0 && 2 * m_doubling_hits >= m_frames) {
        m_result.pattern = "2:2";
        m_result.pattern_frames = m_doubling_hits;
    } else {
        m_result.pattern = irregular >= kMinIrregularRepeats ? "irregular" : "none";
    }
    return std::move(m_result);
}

}  // namespace media::analysis
