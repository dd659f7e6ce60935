// SPDX-License-Identifier: Apache-2.0
// Sample-level audio checks in one pass. Every measure is a state machine over absolute sample
// positions (runs) or over fixed 100 ms windows counted from the stream start, and every sum
// is accumulated sample by sample in stream order, so the result is the same however the
// stream is cut into blocks.
#include "media/analysis/audio_levels.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <utility>

namespace media::analysis {

namespace {

constexpr double kFloorDb = -200.0;                        // the level of digital silence
constexpr double kOutOfPhase = -0.3;                       // correlation below: out of phase
constexpr double kAes17SineOffsetDb = 3.0102999566398120;  // 20 log10(sqrt 2)

double amplitude_db(double amplitude) {
    return amplitude > 0.0 ? 20.0 * std::log10(amplitude) : kFloorDb;
}
double db_amplitude(double db) {
    return std::pow(10.0, db / 20.0);
}

// Sample-level level runs (peak_over): samples at or above a level, sample accurate, merged
// across gaps shorter than `max_gap` samples so a loud tone is one run and not one per cycle.
class MergingRuns {
public:
    explicit MergingRuns(int64_t max_gap) : m_max_gap(max_gap) {}

    void add(int64_t position, float level) {
        if (m_open && position - m_current.last - 1 < m_max_gap) {
            m_current.last = position;
            m_current.value = std::max(m_current.value, static_cast<double>(level));
            return;
        }
        if (m_open) m_runs.push_back(m_current);
        m_current = Segment{position, position, level, {}};
        m_open = true;
    }
    std::vector<Segment> finish() {
        if (m_open) m_runs.push_back(m_current);
        m_open = false;
        return std::move(m_runs);
    }

private:
    int64_t m_max_gap;
    bool m_open = false;
    Segment m_current;
    std::vector<Segment> m_runs;
};

// Thresholds in linear amplitude, converted once.
struct Levels {
    float silence = 0.0f;  // below: silent (silencedetect's `noise`)
    float clip = 1.0f;     // at or above: full scale
    float over = 1.0f;     // at or above: a level spike
    int64_t silence_samples = 1;
    int64_t clip_run = 1;
    int64_t peak_gap = 1;
    int64_t window = 1;  // samples in 100 ms
};

Levels levels_for(const AudioLevelOptions& o, int sample_rate) {
    const auto rate = static_cast<double>(sample_rate);
    Levels l;
    l.silence = static_cast<float>(db_amplitude(o.silence_threshold_db));
    l.clip = static_cast<float>(o.clip_level);
    l.over = static_cast<float>(db_amplitude(o.peak_limit_dbfs));
    // ffmpeg's silencedetect rounds its duration to whole samples the same way.
    l.silence_samples = std::max<int64_t>(1, std::llround(o.silence_min_seconds * rate));
    l.clip_run = std::max(1, o.clip_min_run);
    l.peak_gap = std::max<int64_t>(1, std::llround(o.peak_gap_seconds * rate));
    l.window = std::max(1, (sample_rate + 5) / 10);
    return l;
}

// One channel's running measures.
struct ChannelState {
    explicit ChannelState(const Levels& levels)
        : silence(levels.silence_samples), clipping(levels.clip_run), over(levels.peak_gap) {}

    float peak = 0.0f;
    double sum = 0.0;
    double sum_squares = 0.0;
    SegmentTracker silence;  // value: highest |sample| in the run
    SegmentTracker clipping;
    MergingRuns over;  // value: highest |sample| in the run
};

// Correlation of channels 0 and 1 over one 100 ms window.
struct PhaseWindow {
    double lr = 0.0;
    double ll = 0.0;
    double rr = 0.0;
    int64_t samples = 0;

    std::optional<double> correlation() const {
        if (!(ll > 0.0 && rr > 0.0)) return std::nullopt;  // a silent side has no phase
        return std::clamp(lr / std::sqrt(ll * rr), -1.0, 1.0);
    }
};

// Windows of the stereo pair's correlation: the minimum, the mean and the out-of-phase runs.
class PhaseTracker {
public:
    void add(int64_t first_sample, int64_t last_sample, double correlation) {
        m_min = std::min(m_min.value_or(correlation), correlation);
        m_sum += correlation;
        ++m_count;
        const bool out = correlation < kOutOfPhase;
        if (m_open && (!out || first_sample != m_current.last + 1)) close();
        if (!out) return;
        if (!m_open) m_current = Segment{first_sample, last_sample, correlation, {}};
        m_current.last = last_sample;
        m_current.value = std::min(m_current.value, correlation);
        m_open = true;
    }
    void finish(AudioLevelsResult& result) {
        if (m_open) close();
        result.phase_min = m_min;
        if (m_count > 0) result.phase_mean = m_sum / static_cast<double>(m_count);
        result.out_of_phase = std::move(m_runs);
    }

private:
    void close() {
        m_runs.push_back(m_current);
        m_open = false;
    }

    std::optional<double> m_min;
    double m_sum = 0.0;
    int64_t m_count = 0;
    bool m_open = false;
    Segment m_current;
    std::vector<Segment> m_runs;
};

}  // namespace

struct AudioLevelAnalyzer::State {
    State(int channel_count, int rate, std::string layout, const AudioLevelOptions& o)
        : options(o),
          levels(levels_for(o, rate)),
          channels(channel_count),
          sample_rate(rate),
          channel_layout(std::move(layout)),
          silence_all(levels.silence_samples) {
        per_channel.reserve(static_cast<size_t>(std::max(channels, 0)));
        for (int c = 0; c < channels; ++c) per_channel.emplace_back(levels);
    }

    AudioLevelOptions options;
    Levels levels;
    int channels;
    int sample_rate;
    std::string channel_layout;
    int64_t position = 0;  // samples per channel so far
    std::vector<ChannelState> per_channel;
    std::vector<float> loudest;  // per sample of the block: max |x| over the channels
    std::vector<float> zeros;    // stands in for channels a block lacks
    SegmentTracker silence_all;
    float window_peak = 0.0f;
    int64_t window_fill = 0;
    PhaseWindow phase_window;
    PhaseTracker phase;
    FrameSeries peak_series{"peak", "dBFS"};

    std::span<const float> samples_of(const AudioBlock& block, int c);
    void scan_channel(ChannelState& state, std::span<const float> samples);
    void scan_together(int64_t count);
    void scan_phase(std::span<const float> left, std::span<const float> right);
    void close_phase_window();
    ChannelLevels channel_result(int c);
};

std::span<const float> AudioLevelAnalyzer::State::samples_of(const AudioBlock& block, int c) {
    if (c < block.channels()) return block.channel(c);
    zeros.assign(static_cast<size_t>(block.samples()), 0.0f);
    return zeros;
}

// The per-sample work of one channel: peak, sums and its three kinds of runs.
void AudioLevelAnalyzer::State::scan_channel(ChannelState& state, std::span<const float> samples) {
    for (size_t i = 0; i < samples.size(); ++i) {
        const float x = samples[i];
        const float level = std::fabs(x);
        const int64_t at = position + static_cast<int64_t>(i);
        state.peak = std::max(state.peak, level);
        state.sum += x;
        state.sum_squares += static_cast<double>(x) * x;
        loudest[i] = std::max(loudest[i], level);
        state.silence.add(at, level < levels.silence, level);
        state.clipping.add(at, level >= levels.clip);
        if (level >= levels.over) state.over.add(at, level);
    }
}

// Measures over every channel at once: silence on all of them, and the 100 ms peak series.
void AudioLevelAnalyzer::State::scan_together(int64_t count) {
    for (int64_t i = 0; i < count; ++i) {
        const float level = loudest[static_cast<size_t>(i)];
        silence_all.add(position + i, level < levels.silence, level);
        window_peak = std::max(window_peak, level);
        if (++window_fill < levels.window) continue;
        const int64_t window_index = (position + i) / levels.window;
        peak_series.add(window_index * 100, amplitude_db(window_peak));
        window_peak = 0.0f;
        window_fill = 0;
    }
}

void AudioLevelAnalyzer::State::scan_phase(std::span<const float> left,
                                           std::span<const float> right) {
    for (size_t i = 0; i < left.size(); ++i) {
        const double l = left[i];
        const double r = right[i];
        phase_window.lr += l * r;
        phase_window.ll += l * l;
        phase_window.rr += r * r;
        if (++phase_window.samples == levels.window) {
            const int64_t end = position + static_cast<int64_t>(i) + 1;
            if (auto correlation = phase_window.correlation())
                phase.add(end - levels.window, end - 1, *correlation);
            phase_window = {};
        }
    }
}

// The last, partial window counts when it holds at least half a window: shorter ones are too
// few samples for a correlation worth reporting.
void AudioLevelAnalyzer::State::close_phase_window() {
    if (phase_window.samples * 2 >= levels.window)
        if (auto correlation = phase_window.correlation())
            phase.add(position - phase_window.samples, position - 1, *correlation);
    phase_window = {};
}

ChannelLevels AudioLevelAnalyzer::State::channel_result(int c) {
    ChannelState& state = per_channel[static_cast<size_t>(c)];
    ChannelLevels out;
    out.channel = c;
    out.peak_db = amplitude_db(state.peak);
    if (position > 0) {
        const auto n = static_cast<double>(position);
        if (state.sum_squares > 0.0)
            out.rms_db = amplitude_db(std::sqrt(state.sum_squares / n)) + kAes17SineOffsetDb;
        out.dc_offset = state.sum / n;
    }
    out.silence = state.silence.finish();
    for (Segment& run : out.silence) run.value = amplitude_db(run.value);
    out.clipping = state.clipping.finish();
    for (Segment& run : out.clipping) {
        run.value = static_cast<double>(run.length());
        out.clipped_samples += run.length();
    }
    out.peak_over = state.over.finish();
    for (Segment& run : out.peak_over) run.value = amplitude_db(run.value);
    out.dead = out.peak_db < options.dead_threshold_db;
    return out;
}

AudioLevelAnalyzer::AudioLevelAnalyzer(int channels, int sample_rate, std::string channel_layout,
                                       const AudioLevelOptions& options)
    : m_state(std::make_unique<State>(channels, sample_rate, std::move(channel_layout), options)) {}
AudioLevelAnalyzer::AudioLevelAnalyzer(AudioLevelAnalyzer&&) noexcept = default;
AudioLevelAnalyzer& AudioLevelAnalyzer::operator=(AudioLevelAnalyzer&&) noexcept = default;
AudioLevelAnalyzer::~AudioLevelAnalyzer() = default;

void AudioLevelAnalyzer::add(const AudioBlock& block) {
    State& s = *m_state;
    const int64_t count = block.samples();
    if (count <= 0 || s.channels <= 0) return;
    s.loudest.assign(static_cast<size_t>(count), 0.0f);
    for (int c = 0; c < s.channels; ++c)
        s.scan_channel(s.per_channel[static_cast<size_t>(c)], s.samples_of(block, c));
    s.scan_together(count);
    if (s.channels >= 2) s.scan_phase(s.samples_of(block, 0), s.samples_of(block, 1));
    s.position += count;
}

AudioLevelsResult AudioLevelAnalyzer::finish() {
    State& s = *m_state;
    AudioLevelsResult result;
    result.channels = s.channels;
    result.sample_rate = s.sample_rate;
    result.channel_layout = s.channel_layout;
    result.samples = s.position;
    for (int c = 0; c < s.channels; ++c) result.per_channel.push_back(s.channel_result(c));
    result.silence_all = s.silence_all.finish();
    for (Segment& run : result.silence_all) run.value = amplitude_db(run.value);
    if (s.window_fill > 0)
        s.peak_series.add((s.position / s.levels.window) * 100, amplitude_db(s.window_peak));
    s.window_fill = 0;
    if (s.channels >= 2) {
        s.close_phase_window();
        s.phase.finish(result);
    }
    result.peak_series = s.peak_series;
    return result;
}

}  // namespace media::analysis
