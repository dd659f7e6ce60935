// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/analysis/segment.h"
#include "media/analysis/series.h"
#include "media/core/result.h"
#include "media/frame/audio_block.h"

namespace media::analysis {

/// Programme loudness per ITU-R BS.1770-4 / EBU R128, measured by libebur128.
struct LoudnessResult {
    std::optional<double> integrated;           ///< LUFS; nullopt when every block was gated out
    std::optional<double> range;                ///< LRA, LU
    std::optional<double> momentary_max;        ///< LUFS (400 ms)
    std::optional<double> short_term_max;       ///< LUFS (3 s)
    std::optional<double> true_peak;            ///< dBTP, largest over channels
    std::optional<double> sample_peak;          ///< dBFS, largest over channels
    std::vector<double> true_peak_per_channel;  ///< dBTP
    /// 100 ms blocks whose true peak exceeded LoudnessOptions::true_peak_limit, merged into
    /// runs (sample positions, inclusive; value: highest dBTP).
    std::vector<Segment> true_peak_over;
    /// Short-term loudness every 100 ms once 3 s have been fed (position: ms at the end of the
    /// window, as meters display it); windows without any signal energy are left out.
    FrameSeries short_term;
    /// Momentary loudness every 100 ms once 400 ms have been fed (position as short_term).
    FrameSeries momentary;
};

/// What LoudnessMeter measures, and how it weights the channels.
struct LoudnessOptions {
    bool true_peak = true;       ///< measure true peak (4x oversampling below 96 kHz)
    bool loudness_range = true;  ///< measure LRA (EBU Tech 3342)
    /// Channel weights from the layout name as FFmpeg prints it ("5.1(side)", "FL+FR+LFE"): LFE
    /// is excluded and surround channels (side and back) weigh 1.41, as ffmpeg's ebur128 filter
    /// weights them; other channels, mono and layouts without positions ("4 channels") weigh 1.
    std::string channel_layout;
    std::optional<double> true_peak_limit;  ///< dBTP; set to collect true_peak_over
};

/// Feeds AudioBlocks (in order) to libebur128.
class LoudnessMeter {
public:
    /// InvalidArgument for unsupported channel counts/rates; Internal when libebur128 fails.
    static Result<LoudnessMeter> create(int channels, int sample_rate,
                                        const LoudnessOptions& options = {});
    LoudnessMeter(LoudnessMeter&&) noexcept;
    LoudnessMeter& operator=(LoudnessMeter&&) noexcept;
    ~LoudnessMeter();

    /// Blocks must have the channel count and rate given to create() (InvalidArgument
    /// otherwise); any size, results do not depend on how the stream is cut.
    Result<void> add(const AudioBlock& block);
    /// Measures what was fed (a last partial 100 ms still counts for the peaks); call once.
    LoudnessResult finish();

    struct State;

private:
    explicit LoudnessMeter(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace media::analysis
