// SPDX-License-Identifier: Apache-2.0
// Private to io/: MediaSink's audio stream copy (packets from another file, not re-encoded).
#pragma once

#include <memory>
#include <optional>

#include "av_common.h"
#include "media/io/media_sink.h"

namespace media::io {

/// Copies one audio stream of a source file into an output muxer, a little at a time so the
/// muxer's interleaving queue stays short: call copy_until() with the video time written so far.
class AudioCopier {
public:
    /// Opens the source and adds the copied stream to `output` (before its header is written).
    static Result<std::unique_ptr<AudioCopier>> open(const AudioCopySettings& settings,
                                                     AVFormatContext* output);

    /// Writes the packets that start before `seconds` from the start of the stream; nullopt
    /// writes everything left.
    Result<void> copy_until(std::optional<Rational> seconds);

private:
    AudioCopier(av::FormatInputPtr input, int index, AVFormatContext* output, AVStream* stream);
    Result<bool> next_packet();

    av::FormatInputPtr m_input;
    int m_index;
    AVFormatContext* m_output;
    AVStream* m_stream;
    av::PacketPtr m_pending;  ///< read but not yet due
    bool m_has_pending = false;
    bool m_done = false;
    int64_t m_start = 0;  ///< first timestamp of the source stream, mapped to 0
};

}  // namespace media::io
