// SPDX-License-Identifier: Apache-2.0
// Sample-level audio checks: silence, clipping, peaks, DC offset, phase, dead channels and the
// channel layout. Audio events carry seconds and, with video, the frames they fall in.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "evaluate_internal.h"

namespace media::qc::detail {
namespace {

const analysis::AudioLevelsResult* levels_of(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_audio, result, "no audio stream")) return nullptr;
    if (!need(ctx.analysis.audio_levels.has_value(), result, "not measured in this run"))
        return nullptr;
    return &*ctx.analysis.audio_levels;
}

void add_sample_event(const EvalContext& ctx, CheckResult& result, const analysis::Segment& run,
                      int channel, std::string detail) {
    Event event = ctx.samples_event(run.first, run.last, channel);
    event.value = run.value;
    event.detail = std::move(detail);
    result.events.push_back(std::move(event));
}

// A whole-stream finding on one channel (DC offset, dead channel).
void add_channel_event(const EvalContext& ctx, CheckResult& result,
                       const analysis::AudioLevelsResult& levels, int channel, double value,
                       std::string detail) {
    const analysis::Segment whole{0, std::max<int64_t>(levels.samples - 1, 0), value, {}};
    add_sample_event(ctx, result, whole, channel, std::move(detail));
}

double seconds_of(const EvalContext& ctx, int64_t samples) {
    const int rate = ctx.sample_rate();
    return rate > 0 ? static_cast<double>(samples) / rate : 0.0;
}

bool covered(const analysis::Segment& run, const std::vector<analysis::Segment>& all) {
    return std::any_of(all.begin(), all.end(), [&](const analysis::Segment& s) {
        return run.first >= s.first && run.last <= s.last;
    });
}

// Clipping in a loud passage is hundreds of short runs (one per waveform crest); runs closer than
// this merge into one event, so a report lists the passage once, with its clipped samples.
constexpr double kClipMergeSeconds = 0.05;

struct ClipPassage {
    analysis::Segment span;  ///< first..last sample; value: clipped samples inside
    int runs = 0;
};

std::vector<ClipPassage> clip_passages(const std::vector<analysis::Segment>& runs,
                                       int64_t max_gap) {
    std::vector<ClipPassage> out;
    for (const analysis::Segment& run : runs) {
        if (!out.empty() && run.first - out.back().span.last <= max_gap) {
            out.back().span.last = run.last;
            out.back().span.value += static_cast<double>(run.length());
            ++out.back().runs;
            continue;
        }
        out.push_back({{run.first, run.last, static_cast<double>(run.length()), {}}, 1});
    }
    return out;
}

}  // namespace

void evaluate_silence(const EvalContext& ctx, CheckResult& result) {
    const analysis::AudioLevelsResult* levels = levels_of(ctx, result);
    if (!levels) return;
    const analysis::AudioLevelOptions& o = ctx.profile.audio;
    result.threshold_text =
        fmt::format("no run below {} dBFS for >= {} s", figure(o.silence_threshold_db),
                    figure(o.silence_min_seconds));
    for (const analysis::Segment& run : levels->silence_all)
        add_sample_event(ctx, result, run, -1, "every channel silent");
    int64_t worst = longest(levels->silence_all);
    // A channel silent on its own (the others playing) is a dropout; a dead channel is
    // dead_channels' finding, not a silence.
    for (const analysis::ChannelLevels& channel : levels->per_channel) {
        if (channel.dead) continue;
        for (const analysis::Segment& run : channel.silence) {
            if (covered(run, levels->silence_all)) continue;
            add_sample_event(ctx, result, run, channel.channel,
                             "silent while the other channels play");
            worst = std::max(worst, run.length());
        }
    }
    set_measured(result, seconds_of(ctx, worst), "s",
                 result.events.empty() ? "no silence"
                                       : fmt::format("{} runs, longest {} s", result.events.size(),
                                                     fixed(seconds_of(ctx, worst), 3)));
    if (!result.events.empty())
        fail(result, count_message(result.events.size(), "silent runs", result));
}

void evaluate_clipping(const EvalContext& ctx, CheckResult& result) {
    const analysis::AudioLevelsResult* levels = levels_of(ctx, result);
    if (!levels) return;
    const analysis::AudioLevelOptions& o = ctx.profile.audio;
    result.threshold_text = fmt::format("no {} consecutive samples at >= {} of full scale",
                                        o.clip_min_run, figure(o.clip_level));
    int64_t clipped = 0;
    size_t runs = 0;
    const auto max_gap = static_cast<int64_t>(kClipMergeSeconds * std::max(ctx.sample_rate(), 1));
    for (const analysis::ChannelLevels& channel : levels->per_channel) {
        clipped += channel.clipped_samples;
        runs += channel.clipping.size();
        for (const ClipPassage& passage : clip_passages(channel.clipping, max_gap))
            add_sample_event(
                ctx, result, passage.span, channel.channel,
                fmt::format("{} clipped samples in {} runs", passage.span.value, passage.runs));
    }
    set_measured(result, static_cast<double>(clipped), "samples",
                 fmt::format("{} clipped samples in {} runs", clipped, runs));
    if (!result.events.empty())
        fail(result, count_message(result.events.size(), "clipping passages", result));
}

void evaluate_peak_level(const EvalContext& ctx, CheckResult& result) {
    const analysis::AudioLevelsResult* levels = levels_of(ctx, result);
    if (!levels) return;
    result.threshold_text =
        fmt::format("sample peaks < {} dBFS", figure(ctx.profile.audio.peak_limit_dbfs));
    double peak = -200.0;
    for (const analysis::ChannelLevels& channel : levels->per_channel) {
        peak = std::max(peak, channel.peak_db);
        for (const analysis::Segment& run : channel.peak_over)
            add_sample_event(ctx, result, run, channel.channel,
                             fmt::format("peak {} dBFS", fixed(run.value, 1)));
    }
    set_measured(result, peak, "dBFS", fmt::format("peak {} dBFS", fixed(peak, 1)));
    if (!result.events.empty())
        fail(result, count_message(result.events.size(), "runs over the peak limit", result));
}

void evaluate_dc_offset(const EvalContext& ctx, CheckResult& result) {
    const analysis::AudioLevelsResult* levels = levels_of(ctx, result);
    if (!levels) return;
    const double limit = ctx.profile.dc_offset_max;
    result.threshold_text = fmt::format("|DC| <= {} of full scale", percent(limit));
    double worst = 0.0;
    for (const analysis::ChannelLevels& channel : levels->per_channel) {
        const double dc = std::abs(channel.dc_offset);
        worst = std::max(worst, dc);
        if (dc > limit)
            add_channel_event(ctx, result, *levels, channel.channel, channel.dc_offset,
                              fmt::format("DC offset {}", percent(channel.dc_offset)));
    }
    set_measured(result, worst * 100.0, "%", fmt::format("largest |DC| {}", percent(worst)));
    if (!result.events.empty())
        fail(result, fmt::format("DC offset on {} channels", result.events.size()));
}

void evaluate_phase(const EvalContext& ctx, CheckResult& result) {
    const analysis::AudioLevelsResult* levels = levels_of(ctx, result);
    if (!levels) return;
    if (!need(levels->phase_min.has_value(), result, "fewer than two channels")) return;
    const double limit = ctx.profile.phase_min;
    result.threshold_text = fmt::format("correlation of channels 1 and 2 >= {}", figure(limit));
    set_measured(result, *levels->phase_min, "",
                 fmt::format("correlation min {}, mean {}", fixed(*levels->phase_min, 2),
                             fixed(levels->phase_mean.value_or(0.0), 2)));
    if (*levels->phase_min >= limit) return;
    for (const analysis::Segment& run : levels->out_of_phase)
        add_sample_event(ctx, result, run, -1, fmt::format("correlation {}", fixed(run.value, 2)));
    fail(result, fmt::format("channels 1 and 2 out of phase (correlation down to {})",
                             fixed(*levels->phase_min, 2)));
}

void evaluate_dead_channels(const EvalContext& ctx, CheckResult& result) {
    const analysis::AudioLevelsResult* levels = levels_of(ctx, result);
    if (!levels) return;
    result.threshold_text = fmt::format("every channel peaks above {} dBFS",
                                        figure(ctx.profile.audio.dead_threshold_db));
    for (const analysis::ChannelLevels& channel : levels->per_channel)
        if (channel.dead)
            add_channel_event(ctx, result, *levels, channel.channel, channel.peak_db,
                              fmt::format("peak {} dBFS", fixed(channel.peak_db, 1)));
    set_measured(result, static_cast<double>(result.events.size()), "channels",
                 fmt::format("{} dead of {}", result.events.size(), levels->per_channel.size()));
    if (!result.events.empty()) fail(result, fmt::format("{} dead channels", result.events.size()));
}

void evaluate_channel_layout(const EvalContext& ctx, CheckResult& result) {
    if (!need(ctx.facts().has_audio, result, "no audio stream")) return;
    const int channels = ctx.facts().audio_channels;
    const std::string& layout = ctx.facts().channel_layout;
    set_measured(result, channels, "channels",
                 fmt::format("{} channels ({})", channels, layout.empty() ? "no layout" : layout));
    const std::optional<int>& expected = ctx.profile.expected_channels;
    const std::string& expected_layout = ctx.profile.expected_layout;
    if (!need(expected || !expected_layout.empty(), result, "no expected layout in the profile"))
        return;
    std::vector<std::string> wanted;
    if (expected) wanted.push_back(fmt::format("{} channels", *expected));
    if (!expected_layout.empty()) wanted.push_back("layout " + expected_layout);
    result.threshold_text = fmt::format("{}", fmt::join(wanted, ", "));
    const bool count_ok = !expected || *expected == channels;
    const bool layout_ok = expected_layout.empty() || expected_layout == layout;
    if (!count_ok || !layout_ok)
        fail(result, fmt::format("{}, expected {}", result.measured_text, result.threshold_text));
}

}  // namespace media::qc::detail
