// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "media/core/rational.h"
#include "media/core/result.h"

namespace media {

/// A run of audio samples, planar 32-bit float in [-1, 1] whatever the source format: one
/// processing format keeps analysers and encoders simple, and float holds 24-bit integer samples
/// exactly. Timestamps count samples: pts is in units of 1/sample_rate.
/// A value type (copies copy the samples); blocks are small (a video frame's worth).
class AudioBlock {
public:
    /// An empty block (no channels, no samples).
    AudioBlock() = default;

    /// `samples` silent samples for each of `channels` channels. InvalidArgument for channels
    /// outside 1..64, samples < 0 or sample_rate <= 0; OutOfMemory when the samples cannot fit.
    static Result<AudioBlock> allocate(int channels, int64_t samples, int sample_rate,
                                       std::string channel_layout = {});

    bool empty() const { return m_samples == 0; }
    int channels() const { return m_channels; }
    /// Samples per channel.
    int64_t samples() const { return m_samples; }
    int sample_rate() const { return m_sample_rate; }
    /// Layout name as FFmpeg prints it ("mono", "stereo", "5.1(side)"), or "N channels".
    const std::string& channel_layout() const { return m_layout; }

    /// The samples of channel c.
    std::span<const float> channel(int c) const;
    std::span<float> channel(int c);

    /// First sample's time in 1/sample_rate units (kNoPts from frame.h when unknown).
    int64_t pts() const { return m_pts; }
    void set_pts(int64_t pts) { m_pts = pts; }
    /// 1/sample_rate: the unit of pts().
    Rational time_base() const { return Rational(1, m_sample_rate > 0 ? m_sample_rate : 1); }
    /// Duration as an exact number of seconds.
    Rational duration() const { return Rational(m_samples, m_sample_rate > 0 ? m_sample_rate : 1); }

private:
    int m_channels = 0;
    int64_t m_samples = 0;
    int m_sample_rate = 0;
    std::string m_layout;
    int64_t m_pts = INT64_MIN;
    std::vector<float> m_data;  ///< channel c at [c * m_samples, (c + 1) * m_samples)
};

}  // namespace media
