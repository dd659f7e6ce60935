// SPDX-License-Identifier: Apache-2.0
#include "media/frame/audio_block.h"

#include <cassert>
#include <new>

namespace media {

namespace {

// A cap on one block (about 10 minutes of 64 channels at 48 kHz) so a hostile header cannot ask
// for terabytes; real blocks are a frame's worth.
constexpr int64_t kMaxBlockSamples = int64_t{1} << 31;

}  // namespace

Result<AudioBlock> AudioBlock::allocate(int channels, int64_t samples, int sample_rate,
                                        std::string channel_layout) {
    if (channels < 1 || channels > 64 || samples < 0 || sample_rate <= 0 ||
        samples * channels > kMaxBlockSamples)
        return Error(ErrorCode::InvalidArgument, "audio block of " + std::to_string(channels) +
                                                     " channels x " + std::to_string(samples) +
                                                     " samples at " + std::to_string(sample_rate) +
                                                     " Hz is out of range");
    AudioBlock block;
    try {
        block.m_data.assign(static_cast<size_t>(samples * channels), 0.0f);
    } catch (const std::bad_alloc&) {
        return Error(ErrorCode::OutOfMemory, "cannot allocate an audio block");
    }
    block.m_channels = channels;
    block.m_samples = samples;
    block.m_sample_rate = sample_rate;
    block.m_layout =
        channel_layout.empty() ? std::to_string(channels) + " channels" : std::move(channel_layout);
    return block;
}

std::span<const float> AudioBlock::channel(int c) const {
    assert(c >= 0 && c < m_channels);
    return {m_data.data() + c * m_samples, static_cast<size_t>(m_samples)};
}

std::span<float> AudioBlock::channel(int c) {
    assert(c >= 0 && c < m_channels);
    return {m_data.data() + c * m_samples, static_cast<size_t>(m_samples)};
}

}  // namespace media
