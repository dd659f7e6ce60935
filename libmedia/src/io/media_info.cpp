// SPDX-License-Identifier: Apache-2.0
#include "media/io/media_info.h"

namespace media {

std::string_view to_string(StreamKind kind) {
    switch (kind) {
        case StreamKind::Video:
            return "video";
        case StreamKind::Audio:
            return "audio";
        case StreamKind::Subtitle:
            return "subtitle";
        case StreamKind::Data:
            return "data";
        case StreamKind::Attachment:
            return "attachment";
        case StreamKind::Unknown:
            break;
    }
    return "unknown";
}

// ffprobe's field_order words.
std::string_view to_string(FieldOrder order) {
    switch (order) {
        case FieldOrder::Progressive:
            return "progressive";
        case FieldOrder::TopFirst:
            return "tt";
        case FieldOrder::BottomFirst:
            return "bb";
        case FieldOrder::TopCodedBottomFirst:
            return "tb";
        case FieldOrder::BottomCodedTopFirst:
            return "bt";
        case FieldOrder::Unknown:
            break;
    }
    return "unknown";
}

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
