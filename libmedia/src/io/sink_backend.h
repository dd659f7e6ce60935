// SPDX-License-Identifier: Apache-2.0
// Private to io/: the interface MediaSink's two writers (libav, image sequences) implement.
// A backend destroyed before finish() succeeded removes everything it wrote.
#pragma once

#include <memory>
#include <string>

#include "media/io/media_sink.h"

namespace media {

class MediaSink::Backend {
public:
    virtual ~Backend() = default;
    virtual Result<void> write_video(const Frame& frame) = 0;
    virtual Result<void> write_audio(const AudioBlock& block) = 0;
    virtual Result<void> finish() = 0;
    virtual int64_t frames_written() const = 0;
};

namespace io {

/// Encodes and muxes through libav.
Result<std::unique_ptr<MediaSink::Backend>> create_av_sink(const std::string& path,
                                                           const SinkOptions& options);
/// Writes one image per frame through OpenImageIO.
Result<std::unique_ptr<MediaSink::Backend>> create_sequence_sink(const std::string& pattern,
                                                                 const SinkOptions& options);

}  // namespace io
}  // namespace media
