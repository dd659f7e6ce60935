// SPDX-License-Identifier: Apache-2.0
#include "media/io/media_info.h"

namespace media {

const StreamInfo* MediaInfo::first_video() const {
    for (const auto& stream : streams)
        if (stream.kind == StreamKind::Video) return &stream;
    return nullptr;
}

const StreamInfo* MediaInfo::first_audio() const {
    for (const auto& stream : streams)
        if (stream.kind == StreamKind::Audio) return &stream;
    return nullptr;
}

}  // namespace media
