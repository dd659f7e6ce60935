// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/analysis/segment.h"
#include "media/analysis/series.h"
#include "media/frame/audio_block.h"

namespace media::analysis {

/// Sample-level audio checks. Segments here count samples (0-based, inclusive) of the file's
/// audio stream.
struct AudioLevelOptions {
    double silence_threshold_db = -60.0;  ///< silencedetect noise (dBFS)
    double silence_min_seconds = 0.5;     ///< shorter quiet runs are not silence
    double clip_level = 0.9999;           ///< |sample| at or above counts as full scale
    int clip_min_run = 3;                 ///< consecutive full-scale samples that make a clip
    double dead_threshold_db = -90.0;     ///< a channel whose peak stays below is dead / empty
    /// Sample peaks at or above this level are reported as runs (sample accurate; runs closer
    /// than peak_gap_seconds merge, so a loud tone is one run): level spikes.
    double peak_limit_dbfs = -3.0;
    double peak_gap_seconds = 0.01;
};

/// One channel's levels and the runs found on it.
struct ChannelLevels {
    int channel = 0;                 ///< 0-based
    double peak_db = -200.0;         ///< dBFS sample peak
    double rms_db = -200.0;          ///< dBFS (AES17: full-scale sine = 0 dB)
    double dc_offset = 0.0;          ///< mean sample value (full scale = 1)
    std::vector<Segment> silence;    ///< value: peak dBFS inside the run
    std::vector<Segment> clipping;   ///< value: run length in samples
    std::vector<Segment> peak_over;  ///< value: highest peak dBFS in the run
    int64_t clipped_samples = 0;
    bool dead = false;  ///< peak below dead_threshold_db for the whole stream
};

/// Everything AudioLevelAnalyzer measured over the stream.
struct AudioLevelsResult {
    int channels = 0;
    int sample_rate = 0;
    std::string channel_layout;
    int64_t samples = 0;  ///< per channel
    std::vector<ChannelLevels> per_channel;
    std::vector<Segment> silence_all;  ///< every channel silent together
    /// Phase correlation of channels 0 and 1 (stereo pair), over 100 ms windows: -1..1.
    /// Windows where either side is digitally silent have no correlation and are left out.
    std::optional<double> phase_min;
    std::optional<double> phase_mean;
    /// Runs of windows (sample ranges) with correlation < -0.3; value: the lowest correlation.
    std::vector<Segment> out_of_phase;
    /// Per 100 ms: the loudest channel's peak dBFS (position: ms at the window's start).
    FrameSeries peak_series;
};

/// Accumulates AudioBlocks in order; memory independent of the stream's length, and results
/// independent of how the stream is cut into blocks. Blocks are taken to follow each other
/// without gaps (their pts are not read); channels a block lacks count as silent.
class AudioLevelAnalyzer {
public:
    AudioLevelAnalyzer(int channels, int sample_rate, std::string channel_layout,
                       const AudioLevelOptions& options);
    AudioLevelAnalyzer(AudioLevelAnalyzer&&) noexcept;
    AudioLevelAnalyzer& operator=(AudioLevelAnalyzer&&) noexcept;
    ~AudioLevelAnalyzer();
    /// The next block of the stream (any size).
    void add(const AudioBlock& block);
    /// Closes open runs and the last, partial window; call once at the end.
    AudioLevelsResult finish();

    struct State;

private:
    std::unique_ptr<State> m_state;
};

}  // namespace media::analysis
