// SPDX-License-Identifier: Apache-2.0
// Private to evaluation: the context every check reads (file facts, profile, how frames and
// samples map to time and timecode) and the per-check evaluators, one family per file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/analysis/segment.h"
#include "media/qc/evaluate.h"

namespace media::qc::detail {

/// Most events one check lists: a broken file can have thousands of runs, and a report that
/// lists them all helps nobody. The message says how many there were.
inline constexpr size_t k_max_events = 1000;

/// Audio and time spans name the frames they overlap by more than this (see add_frames).
inline constexpr double k_frame_overlap_seconds = 0.001;

/// One file's measurements under one profile, with the frame/sample/time conversions.
class EvalContext {
public:
    EvalContext(const FileAnalysis& analysis, const QcProfile& profile);

    const FileAnalysis& analysis;
    const QcProfile& profile;
    const FileFacts& facts() const { return analysis.facts; }

    /// The frame rate is known (events get seconds; durations can be turned into frames).
    bool has_frame_rate() const;
    double frame_seconds(int64_t frames) const;
    /// Audio sample rate: the stream header's, else the level analyzer's; 0 when unknown.
    int sample_rate() const;
    /// "10:00:02:00" for a frame, "" without a start timecode.
    std::string timecode_at(int64_t frame) const;

    /// Video frames `first`..`last` (inclusive) with their timecodes and seconds.
    Event frames_event(int64_t first, int64_t last) const;
    /// Audio samples `first`..`last` (inclusive) of `channel` (-1: all), with the video frames
    /// they cover (by more than 1 ms) when there is video.
    Event samples_event(int64_t first, int64_t last, int channel) const;
    /// A span of time [start, end), with the frames it covers (by more than 1 ms) when there
    /// is video.
    Event seconds_event(double start, double end) const;

private:
    void add_frames(Event& event) const;
    void add_timecodes(Event& event) const;
};

// ---- result building ----------------------------------------------------------------------------

void not_checked(CheckResult& result, std::string reason);
void fail(CheckResult& result, std::string message);
void set_measured(CheckResult& result, std::optional<double> value, std::string unit,
                  std::string text);
/// Not checked because the stream is absent or the analyzer did not run; true when `ok`.
bool need(bool ok, CheckResult& result, std::string_view reason);
/// Where an event starts, for messages: its timecode, else "frame N", else seconds.
std::string where(const Event& event);
/// Event order in reports: by start time, then frame.
bool earlier(const Event& a, const Event& b);
/// "2 segments, first at 10:00:02:00" (the earliest event).
std::string count_message(size_t count, std::string_view what, const CheckResult& result);

/// "0.200", "-23.4": fixed decimals, locale-independent.
std::string fixed(double value, int decimals);
/// A profile figure as written: "0.5", "-23", "0.001".
std::string figure(double value);
std::string percent(double fraction);

/// Events for video segments; `detail` writes one segment's note.
template <typename Detail>
void add_frame_segments(const EvalContext& ctx, CheckResult& result,
                        const std::vector<analysis::Segment>& segments, Detail detail) {
    for (const analysis::Segment& segment : segments) {
        Event event = ctx.frames_event(segment.first, segment.last);
        event.value = segment.value;
        event.detail = detail(segment);
        result.events.push_back(std::move(event));
    }
}

/// Longest segment in frames (0 when none).
int64_t longest(const std::vector<analysis::Segment>& segments);

// ---- evaluators, by family ----------------------------------------------------------------------

using Evaluator = void (*)(const EvalContext&, CheckResult&);

void evaluate_decode_errors(const EvalContext& ctx, CheckResult& result);
void evaluate_black(const EvalContext& ctx, CheckResult& result);
void evaluate_freeze(const EvalContext& ctx, CheckResult& result);
void evaluate_interlace(const EvalContext& ctx, CheckResult& result);
void evaluate_cadence(const EvalContext& ctx, CheckResult& result);
void evaluate_flash(const EvalContext& ctx, CheckResult& result);

void evaluate_luma_range(const EvalContext& ctx, CheckResult& result);
void evaluate_chroma_range(const EvalContext& ctx, CheckResult& result);
void evaluate_rgb_gamut(const EvalContext& ctx, CheckResult& result);
void evaluate_letterbox(const EvalContext& ctx, CheckResult& result);
void evaluate_blockiness(const EvalContext& ctx, CheckResult& result);
void evaluate_nonfinite(const EvalContext& ctx, CheckResult& result);
void evaluate_hdr_light_level(const EvalContext& ctx, CheckResult& result);

void evaluate_loudness_integrated(const EvalContext& ctx, CheckResult& result);
void evaluate_true_peak(const EvalContext& ctx, CheckResult& result);
void evaluate_loudness_range(const EvalContext& ctx, CheckResult& result);
void evaluate_loudness_max(const EvalContext& ctx, CheckResult& result);

void evaluate_silence(const EvalContext& ctx, CheckResult& result);
void evaluate_clipping(const EvalContext& ctx, CheckResult& result);
void evaluate_peak_level(const EvalContext& ctx, CheckResult& result);
void evaluate_dc_offset(const EvalContext& ctx, CheckResult& result);
void evaluate_phase(const EvalContext& ctx, CheckResult& result);
void evaluate_dead_channels(const EvalContext& ctx, CheckResult& result);
void evaluate_channel_layout(const EvalContext& ctx, CheckResult& result);

void evaluate_timecode_continuity(const EvalContext& ctx, CheckResult& result);
void evaluate_timestamps(const EvalContext& ctx, CheckResult& result);
void evaluate_av_duration(const EvalContext& ctx, CheckResult& result);
void evaluate_head_tail_black(const EvalContext& ctx, CheckResult& result);
void evaluate_black_silence(const EvalContext& ctx, CheckResult& result);
void evaluate_frame_count(const EvalContext& ctx, CheckResult& result);
void evaluate_fidelity(const EvalContext& ctx, CheckResult& result);

}  // namespace media::qc::detail
