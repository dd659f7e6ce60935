// SPDX-License-Identifier: Apache-2.0
// Test tones: one sine per channel at its own frequency, with stretches that can be replaced by
// silence or another level (the audio plants of the defects clip).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace media::samples {

/// One channel's sine. The level is the sine's peak relative to full scale (AES17 dBFS: a
/// full-scale sine is 0 dBFS), so -20 dBFS peaks at 0.1.
struct Tone {
    int frequency_hz = 1000;
    double level_dbfs = -20.0;
};

/// Samples [first_sample, last_sample] (inclusive) on every channel play at `level_dbfs`, or are
/// exactly zero when it is empty.
struct LevelOverride {
    int64_t first_sample = 0;
    int64_t last_sample = 0;
    std::optional<double> level_dbfs;
};

/// A deterministic multichannel tone signal, computed from the sample index alone.
class ToneProgram {
public:
    /// `offset`: the program starts at this sample of the signal (a continuation file carries
    /// on where the previous one stopped); overrides count from the signal's start.
    ToneProgram(std::vector<Tone> tones, int sample_rate, std::vector<LevelOverride> overrides = {},
                int64_t offset = 0);

    int channels() const { return static_cast<int>(m_tones.size()); }
    int sample_rate() const { return m_sample_rate; }
    const std::vector<Tone>& tones() const { return m_tones; }

    /// Writes samples [first, first + count) of every channel into planes[channel].
    void render(int64_t first, int count, std::span<float* const> planes) const;

private:
    double sample(int channel, int64_t index) const;

    std::vector<Tone> m_tones;
    int m_sample_rate;
    std::vector<LevelOverride> m_overrides;
    int64_t m_offset;
};

/// Linear peak amplitude of a dBFS level.
double dbfs_to_amplitude(double level_dbfs);

}  // namespace media::samples
