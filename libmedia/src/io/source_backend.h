// SPDX-License-Identifier: Apache-2.0
// Private to io/: the interface MediaSource's two readers (libav, image sequences) implement.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/io/media_source.h"

namespace media {

class MediaSource::Backend {
public:
    virtual ~Backend() = default;
    virtual const SourceSummary& summary() const = 0;
    virtual Result<std::optional<Frame>> next_video_frame() = 0;
    virtual Result<std::optional<AudioBlock>> next_audio_block() = 0;
    virtual Result<void> seek(int64_t index) = 0;
    virtual const std::vector<DecodeIssue>& decode_errors() const = 0;
    virtual const SourceStats& stats() const = 0;
};

namespace io {

/// A file demuxed and decoded by libav.
Result<std::unique_ptr<MediaSource::Backend>> open_av_source(const std::string& path,
                                                             const SourceOptions& options);
/// An image sequence read by OpenImageIO.
Result<std::unique_ptr<MediaSource::Backend>> open_sequence_source(const std::string& pattern,
                                                                   const SourceOptions& options);

}  // namespace io
}  // namespace media
