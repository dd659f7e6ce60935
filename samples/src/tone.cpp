// SPDX-License-Identifier: Apache-2.0
#include "tone.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace media::samples {

double dbfs_to_amplitude(double level_dbfs) {
    return std::pow(10.0, level_dbfs / 20.0);
}

ToneProgram::ToneProgram(std::vector<Tone> tones, int sample_rate,
                         std::vector<LevelOverride> overrides, int64_t offset)
    : m_tones(std::move(tones)),
      m_sample_rate(sample_rate),
      m_overrides(std::move(overrides)),
      m_offset(offset) {}

double ToneProgram::sample(int channel, int64_t index) const {
    const Tone& tone = m_tones[static_cast<std::size_t>(channel)];
    double level = tone.level_dbfs;
    for (const auto& o : m_overrides) {
        if (index < o.first_sample || index > o.last_sample) continue;
        if (!o.level_dbfs) return 0.0;
        level = *o.level_dbfs;
    }
    // The phase is reduced in integers so it stays exact however long the clip runs.
    const int64_t cycle = (static_cast<int64_t>(tone.frequency_hz) * index) % m_sample_rate;
    const double phase = 2.0 * std::numbers::pi * static_cast<double>(cycle) / m_sample_rate;
    // A level above 0 dBFS clips at full scale, as an overdriven converter does.
    return std::clamp(dbfs_to_amplitude(level) * std::sin(phase), -1.0, 1.0);
}

void ToneProgram::render(int64_t first, int count, std::span<float* const> planes) const {
    for (int c = 0; c < channels(); ++c)
        for (int i = 0; i < count; ++i)
            planes[static_cast<std::size_t>(c)][i] =
                static_cast<float>(sample(c, m_offset + first + i));
}

}  // namespace media::samples
