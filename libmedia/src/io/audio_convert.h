// SPDX-License-Identifier: Apache-2.0
// Private to io/: decoded AVFrame audio -> AudioBlock (planar float), via swresample.
#pragma once

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/frame.h>
}

#include "media/core/result.h"
#include "media/frame/audio_block.h"

struct SwrContext;

namespace media::av {

/// Converts decoded audio of any sample format to planar float at the same rate and layout.
class AudioConverter {
public:
    AudioConverter() = default;
    ~AudioConverter();
    AudioConverter(const AudioConverter&) = delete;
    AudioConverter& operator=(const AudioConverter&) = delete;

    /// The samples of `decoded` as a block; pts is left for the caller.
    Result<AudioBlock> convert(const AVFrame& decoded);

private:
    Result<void> configure(const AVFrame& decoded);

    SwrContext* m_swr = nullptr;
    int m_format = -1;
    int m_rate = 0;
    AVChannelLayout m_layout{};
};

/// "stereo", "5.1(side)", "4 channels"...
std::string describe_layout(const AVChannelLayout& layout);

}  // namespace media::av
