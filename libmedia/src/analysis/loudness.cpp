// SPDX-License-Identifier: Apache-2.0
// Loudness per ITU-R BS.1770-4 / EBU R128. libebur128 does the signal work (K-weighting, channel
// weights, true-peak oversampling). The audio is fed in 100 ms chunks aligned to the stream
// start, and after each chunk libebur128 gives that chunk's mean-square energy; the 400 ms
// (momentary, gating block) and 3 s (short-term) windows are means of the last 4 and 30 of
// those. Asking libebur128 for its 3 s window instead re-sums 3 s of samples every 100 ms,
// thirty times the filtering work. The gating statistics (integrated loudness, LRA) are kept in
// fixed-size 0.01 LU histograms rather than libebur128's per-block lists, so memory stays flat
// for a three-hour master.
#include "media/analysis/loudness.h"

#include <ebur128.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace media::analysis {

namespace {

constexpr double kAbsoluteGate = -70.0;            // LUFS: BS.1770's absolute gate
constexpr double kIntegratedRelativeGate = -10.0;  // LU below the ungated mean (BS.1770-4)
constexpr double kRangeRelativeGate = -20.0;       // LU below the ungated mean (EBU Tech 3342)
constexpr double kSilenceDb = -200.0;              // per-channel peak of a channel that never moved
constexpr int64_t kMomentaryBlocks = 4;            // 100 ms chunks in the 400 ms window
constexpr int64_t kShortTermBlocks = 30;           // 100 ms chunks in the 3 s window

double energy_of(double lufs) {
    return std::pow(10.0, (lufs + 0.691) / 10.0);
}
double lufs_of(double energy) {
    return -0.691 + 10.0 * std::log10(energy);
}

std::optional<double> decibels(double amplitude) {
    if (!(amplitude > 0.0)) return std::nullopt;
    return 20.0 * std::log10(amplitude);
}

// ---- channel weighting ---------------------------------------------------------------------

// FFmpeg's standard layouts (`ffmpeg -layouts`, libavutil 57) as their channels, so the layout
// name a MediaSource reports can be weighted channel by channel.
constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kStandardLayouts{{
    {"mono", "FC"},
    {"stereo", "FL+FR"},
    {"2.1", "FL+FR+LFE"},
    {"3.0", "FL+FR+FC"},
    {"3.0(back)", "FL+FR+BC"},
    {"4.0", "FL+FR+FC+BC"},
    {"quad", "FL+FR+BL+BR"},
    {"quad(side)", "FL+FR+SL+SR"},
    {"3.1", "FL+FR+FC+LFE"},
    {"5.0", "FL+FR+FC+BL+BR"},
    {"5.0(side)", "FL+FR+FC+SL+SR"},
    {"4.1", "FL+FR+FC+LFE+BC"},
    {"5.1", "FL+FR+FC+LFE+BL+BR"},
    {"5.1(side)", "FL+FR+FC+LFE+SL+SR"},
    {"6.0", "FL+FR+FC+BC+SL+SR"},
    {"6.0(front)", "FL+FR+FLC+FRC+SL+SR"},
    {"hexagonal", "FL+FR+FC+BL+BR+BC"},
    {"6.1", "FL+FR+FC+LFE+BC+SL+SR"},
    {"6.1(back)", "FL+FR+FC+LFE+BL+BR+BC"},
    {"6.1(front)", "FL+FR+LFE+FLC+FRC+SL+SR"},
    {"7.0", "FL+FR+FC+BL+BR+SL+SR"},
    {"7.0(front)", "FL+FR+FC+FLC+FRC+SL+SR"},
    {"7.1", "FL+FR+FC+LFE+BL+BR+SL+SR"},
    {"7.1(wide)", "FL+FR+FC+LFE+BL+BR+FLC+FRC"},
    {"7.1(wide-side)", "FL+FR+FC+LFE+FLC+FRC+SL+SR"},
    {"octagonal", "FL+FR+FC+BL+BR+BC+SL+SR"},
    {"hexadecagonal", "FL+FR+FC+BL+BR+BC+SL+SR+TFL+TFC+TFR+TBL+TBC+TBR+WL+WR"},
    {"downmix", "DL+DR"},
}};

// Channels ffmpeg's ebur128 filter weights 1.41 (its BACK_MASK): every surround position,
// side and back alike. BS.1770-4 would give +-135 degree speakers 1.0; matching the reference
// tool matters more here, and for the 5.1 layouts both agree.
constexpr std::array<std::string_view, 10> kSurroundChannels{"BL",  "BR",  "BC",  "SL",  "SR",
                                                             "TBL", "TBC", "TBR", "SDL", "SDR"};

std::vector<std::string_view> split_channels(std::string_view list) {
    std::vector<std::string_view> names;
    while (!list.empty()) {
        const size_t plus = list.find('+');
        names.push_back(list.substr(0, plus));
        list = plus == std::string_view::npos ? std::string_view{} : list.substr(plus + 1);
    }
    return names;
}

// The channels a layout name stands for: a standard name, a '+'-joined list as FFmpeg
// describes custom layouts, or nothing ("4 channels": positions unknown).
std::vector<std::string_view> layout_channels(std::string_view layout) {
    for (const auto& [name, channels] : kStandardLayouts)
        if (name == layout) return split_channels(channels);
    if (layout.find('+') != std::string_view::npos) return split_channels(layout);
    return {};
}

channel ebur128_channel(std::string_view name) {
    if (name == "LFE" || name == "LFE2") return EBUR128_UNUSED;
    if (name == "FL") return EBUR128_LEFT;
    if (name == "FR") return EBUR128_RIGHT;
    if (std::find(kSurroundChannels.begin(), kSurroundChannels.end(), name) !=
        kSurroundChannels.end())
        return name.back() == 'R' ? EBUR128_RIGHT_SURROUND : EBUR128_LEFT_SURROUND;
    return EBUR128_CENTER;
}

// One libebur128 channel role per channel. Mono is weighted 1 (not dual mono), as ffmpeg's
// ebur128 filter does by default; unknown positions are weighted 1 each.
std::vector<channel> channel_map(std::string_view layout, int channels) {
    const std::vector<std::string_view> names = layout_channels(layout);
    std::vector<channel> roles(static_cast<size_t>(channels), EBUR128_CENTER);
    if (names.size() != roles.size()) return roles;
    std::transform(names.begin(), names.end(), roles.begin(), ebur128_channel);
    return roles;
}

// ---- gating --------------------------------------------------------------------------------

// Blocks above the absolute gate, counted in 0.01 LU bins with their energies summed, so the
// relative gates and percentiles of BS.1770 / Tech 3342 come out of a fixed 160 KB whatever
// the programme length. Gating is exact to the bin (0.01 LU); the energy means are exact.
class GatingHistogram {
public:
    void add(double lufs) {
        if (!(lufs > kAbsoluteGate)) return;
        const double energy = energy_of(lufs);
        const size_t bin = bin_of(lufs);
        ++m_counts[bin];
        m_energies[bin] += energy;
        ++m_count;
        m_energy += energy;
    }

    /// Mean loudness of the blocks within `relative_gate` LU of the ungated mean (BS.1770).
    std::optional<double> gated_mean(double relative_gate) const {
        if (m_count == 0) return std::nullopt;
        int64_t count = 0;
        double energy = 0.0;
        for (size_t bin = relative_bin(relative_gate); bin < kBins; ++bin) {
            count += m_counts[bin];
            energy += m_energies[bin];
        }
        if (count == 0) return std::nullopt;
        return lufs_of(energy / static_cast<double>(count));
    }

    /// Tech 3342 loudness range: 95th minus 10th percentile of the relatively gated blocks.
    /// The percentiles are nearest-rank (the round(p * n)-th smallest block), as ffmpeg's
    /// ebur128 filter takes them; Tech 3342's example code rounds (n - 1) * p instead, which
    /// differs by one block: on a short programme with a loudness step that moves LRA by a
    /// few tenths, and agreeing with the reference tool people check against matters more.
    std::optional<double> range(double relative_gate) const {
        if (m_count == 0) return std::nullopt;
        const size_t first = relative_bin(relative_gate);
        int64_t count = 0;
        for (size_t bin = first; bin < kBins; ++bin) count += m_counts[bin];
        if (count == 0) return std::nullopt;
        const auto rank = [count](double share) {
            const int64_t nearest = std::llround(static_cast<double>(count) * share);
            return std::max<int64_t>(nearest, 1) - 1;  // 0-based
        };
        return value_at_rank(first, rank(0.95)) - value_at_rank(first, rank(0.10));
    }

private:
    static constexpr size_t kBins = 10000;  // -70 .. +30 LUFS
    static constexpr double kBinsPerLu = 100.0;

    static size_t bin_of(double lufs) {
        const double index = std::floor((lufs - kAbsoluteGate) * kBinsPerLu);
        return static_cast<size_t>(std::clamp(index, 0.0, static_cast<double>(kBins - 1)));
    }
    size_t relative_bin(double relative_gate) const {
        return bin_of(lufs_of(m_energy / static_cast<double>(m_count)) + relative_gate);
    }
    // The loudness (bin centre) of the block of the given rank, counting up from `first`.
    double value_at_rank(size_t first, int64_t rank) const {
        int64_t seen = 0;
        size_t bin = first;
        for (; bin + 1 < kBins; ++bin) {
            seen += m_counts[bin];
            if (seen > rank) break;
        }
        return kAbsoluteGate + (static_cast<double>(bin) + 0.5) / kBinsPerLu;
    }

    std::vector<int64_t> m_counts = std::vector<int64_t>(kBins, 0);
    std::vector<double> m_energies = std::vector<double>(kBins, 0.0);
    int64_t m_count = 0;
    double m_energy = 0.0;
};

// The energies of the last 30 chunks of 100 ms: the momentary and short-term windows.
class ChunkEnergies {
public:
    void push(double energy) {
        m_ring[static_cast<size_t>(m_pushed++ % kShortTermBlocks)] = energy;
    }

    /// Mean energy of the last `chunks` chunks; nullopt until that many were pushed.
    std::optional<double> mean_of_last(int64_t chunks) const {
        if (m_pushed < chunks) return std::nullopt;
        double sum = 0.0;
        for (int64_t i = m_pushed - chunks; i < m_pushed; ++i)
            sum += m_ring[static_cast<size_t>(i % kShortTermBlocks)];
        return sum / static_cast<double>(chunks);
    }

private:
    std::array<double, kShortTermBlocks> m_ring{};
    int64_t m_pushed = 0;
};

struct Ebur128Deleter {
    void operator()(ebur128_state* state) const { ebur128_destroy(&state); }
};
using Ebur128Ptr = std::unique_ptr<ebur128_state, Ebur128Deleter>;

int ebur128_mode(const LoudnessOptions& options) {
    int mode = EBUR128_MODE_M | EBUR128_MODE_SAMPLE_PEAK;
    if (options.true_peak) mode |= EBUR128_MODE_TRUE_PEAK;
    return mode;
}

Result<void> check_stream(int channels, int sample_rate) {
    if (channels < 1 || channels > 64)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("loudness: {} channels (1 to 64 are supported)", channels));
    // libebur128's K-weighting filter is designed up to 2.8224 MHz; below 8 kHz BS.1770's
    // filters are meaningless.
    if (sample_rate < 8000 || sample_rate > 2822400)
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("loudness: sample rate {} Hz is not supported", sample_rate));
    return ok();
}

}  // namespace

// ---- the meter -----------------------------------------------------------------------------

struct LoudnessMeter::State {
    Ebur128Ptr meter;
    LoudnessOptions options;
    int channels = 0;
    int64_t chunk_frames = 0;  // samples per channel in 100 ms, rounded as libebur128 does
    std::vector<float> interleaved;
    int64_t filled = 0;  // frames waiting in `interleaved`
    int64_t chunks = 0;  // complete 100 ms chunks fed
    int64_t frames = 0;  // every frame fed
    ChunkEnergies energies;
    GatingHistogram momentary_gate;
    GatingHistogram short_term_gate;
    FrameSeries momentary{"momentary", "LUFS"};
    FrameSeries short_term{"short_term", "LUFS"};
    std::optional<double> momentary_max;
    std::optional<double> short_term_max;
    SegmentTracker true_peak_chunks;  // positions: chunk indices

    void interleave(const AudioBlock& block, int64_t first, int64_t count);
    Result<void> feed_pending();
    void after_chunk();
    void record_loudness(int64_t position_ms);
    void record_true_peak(int64_t chunk);
    std::vector<Segment> true_peak_runs();
    LoudnessResult peaks() const;
};

// libebur128 takes interleaved frames; AudioBlocks are planar.
void LoudnessMeter::State::interleave(const AudioBlock& block, int64_t first, int64_t count) {
    for (int c = 0; c < channels; ++c) {
        const float* in = block.channel(c).data() + first;
        float* out = interleaved.data() + filled * channels + c;
        for (int64_t i = 0; i < count; ++i) out[i * channels] = in[i];
    }
    filled += count;
}

Result<void> LoudnessMeter::State::feed_pending() {
    if (filled == 0) return ok();
    const int rc =
        ebur128_add_frames_float(meter.get(), interleaved.data(), static_cast<size_t>(filled));
    if (rc != EBUR128_SUCCESS)
        return Error(ErrorCode::Internal, fmt::format("libebur128 add_frames failed ({})", rc));
    frames += filled;
    filled = 0;
    return ok();
}

// A chunk ends on a 100 ms boundary: the 400 ms / 3 s windows ending here are gating blocks.
void LoudnessMeter::State::after_chunk() {
    const int64_t chunk = chunks++;
    record_loudness(chunks * 100);
    if (options.true_peak && options.true_peak_limit) record_true_peak(chunk);
}

void LoudnessMeter::State::record_loudness(int64_t position_ms) {
    double chunk_lufs = 0.0;
    const bool measured = ebur128_loudness_window(meter.get(), 100, &chunk_lufs) == EBUR128_SUCCESS;
    energies.push(measured && std::isfinite(chunk_lufs) ? energy_of(chunk_lufs) : 0.0);
    if (const auto energy = energies.mean_of_last(kMomentaryBlocks); energy && *energy > 0.0) {
        const double value = lufs_of(*energy);
        momentary.add(position_ms, value);
        momentary_max = std::max(momentary_max.value_or(value), value);
        momentary_gate.add(value);
    }
    if (const auto energy = energies.mean_of_last(kShortTermBlocks); energy && *energy > 0.0) {
        const double value = lufs_of(*energy);
        short_term.add(position_ms, value);
        short_term_max = std::max(short_term_max.value_or(value), value);
        if (options.loudness_range) short_term_gate.add(value);
    }
}

void LoudnessMeter::State::record_true_peak(int64_t chunk) {
    double highest = 0.0;
    for (int c = 0; c < channels; ++c) {
        double peak = 0.0;
        if (ebur128_prev_true_peak(meter.get(), static_cast<unsigned>(c), &peak) == EBUR128_SUCCESS)
            highest = std::max(highest, peak);
    }
    const std::optional<double> db = decibels(highest);
    const bool over = db && *db > *options.true_peak_limit;
    true_peak_chunks.add(chunk, over, db.value_or(kSilenceDb));
}

// Chunk runs as sample ranges; the last chunk may be a partial one.
std::vector<Segment> LoudnessMeter::State::true_peak_runs() {
    std::vector<Segment> runs = true_peak_chunks.finish();
    for (Segment& run : runs) {
        run.first *= chunk_frames;
        run.last = std::min((run.last + 1) * chunk_frames, frames) - 1;
    }
    return runs;
}

LoudnessResult LoudnessMeter::State::peaks() const {
    LoudnessResult result;
    for (int c = 0; c < channels; ++c) {
        const auto index = static_cast<unsigned>(c);
        double sample = 0.0;
        double true_peak = 0.0;
        if (ebur128_sample_peak(meter.get(), index, &sample) == EBUR128_SUCCESS && sample > 0.0)
            result.sample_peak =
                std::max(result.sample_peak.value_or(-HUGE_VAL), *decibels(sample));
        if (!options.true_peak ||
            ebur128_true_peak(meter.get(), index, &true_peak) != EBUR128_SUCCESS)
            continue;
        const double db = decibels(true_peak).value_or(kSilenceDb);
        result.true_peak_per_channel.push_back(db);
        if (true_peak > 0.0) result.true_peak = std::max(result.true_peak.value_or(db), db);
    }
    return result;
}

Result<LoudnessMeter> LoudnessMeter::create(int channels, int sample_rate,
                                            const LoudnessOptions& options) {
    MEDIA_TRY(check_stream(channels, sample_rate));
    auto state = std::make_unique<State>();
    state->meter.reset(ebur128_init(static_cast<unsigned>(channels),
                                    static_cast<unsigned long>(sample_rate),
                                    ebur128_mode(options)));
    if (!state->meter) return Error(ErrorCode::Internal, "libebur128 init failed");
    const std::vector<channel> roles = channel_map(options.channel_layout, channels);
    for (size_t c = 0; c < roles.size(); ++c)
        if (ebur128_set_channel(state->meter.get(), static_cast<unsigned>(c), roles[c]) !=
            EBUR128_SUCCESS)
            return Error(ErrorCode::Internal, "libebur128 set_channel failed");
    state->options = options;
    state->channels = channels;
    state->chunk_frames = (sample_rate + 5) / 10;
    state->interleaved.resize(static_cast<size_t>(state->chunk_frames * channels));
    return LoudnessMeter(std::move(state));
}

LoudnessMeter::LoudnessMeter(std::unique_ptr<State> state) : m_state(std::move(state)) {}
LoudnessMeter::LoudnessMeter(LoudnessMeter&&) noexcept = default;
LoudnessMeter& LoudnessMeter::operator=(LoudnessMeter&&) noexcept = default;
LoudnessMeter::~LoudnessMeter() = default;

Result<void> LoudnessMeter::add(const AudioBlock& block) {
    State& s = *m_state;
    if (block.channels() != s.channels ||
        block.sample_rate() != static_cast<int>(s.meter->samplerate))
        return Error(
            ErrorCode::InvalidArgument,
            fmt::format("loudness: block of {} channels at {} Hz, meter expects {} at {}",
                        block.channels(), block.sample_rate(), s.channels, s.meter->samplerate));
    for (int64_t done = 0; done < block.samples();) {
        const int64_t count = std::min(block.samples() - done, s.chunk_frames - s.filled);
        s.interleave(block, done, count);
        done += count;
        if (s.filled < s.chunk_frames) break;
        MEDIA_TRY(s.feed_pending());
        s.after_chunk();
    }
    return ok();
}

LoudnessResult LoudnessMeter::finish() {
    State& s = *m_state;
    // A last partial chunk holds no complete gating block but still has peaks.
    const int64_t partial_chunk = s.chunks;
    const bool partial = s.filled > 0 && s.feed_pending().ok();
    if (partial && s.options.true_peak && s.options.true_peak_limit)
        s.record_true_peak(partial_chunk);
    LoudnessResult result = s.peaks();
    result.integrated = s.momentary_gate.gated_mean(kIntegratedRelativeGate);
    if (s.options.loudness_range) result.range = s.short_term_gate.range(kRangeRelativeGate);
    result.momentary_max = s.momentary_max;
    result.short_term_max = s.short_term_max;
    result.true_peak_over = s.true_peak_runs();
    result.momentary = s.momentary;
    result.short_term = s.short_term;
    return result;
}

}  // namespace media::analysis
