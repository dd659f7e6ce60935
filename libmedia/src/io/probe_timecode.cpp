// SPDX-License-Identifier: Apache-2.0
// Start timecode and reel name. libav exports them as tags: the MXF material package timecode as
// a format tag, a MOV/MP4 tmcd track as a tag on the tmcd stream and on the video stream it
// serves, the MOV tmcd track name and MXF source package name as "reel_name".
#include "probe_internal.h"

namespace media::probe_detail {
std::string dict_value(const AVDictionary* dict, const char* key) {
    const AVDictionaryEntry* entry = av_dict_get(dict, key, nullptr, 0);
    return entry && entry->value ? entry->value : "";
}

// The container's own tag first (MXF material package), then the first video stream's, then
// any stream's (a tmcd data track, an MXF source package).
std::string find_tag(const AVFormatContext* ctx, const char* key) {
    if (auto value = dict_value(ctx->metadata, key); !value.empty()) return value;
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        if (ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_VIDEO)
            if (auto value = dict_value(ctx->streams[i]->metadata, key); !value.empty())
                return value;
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        if (auto value = dict_value(ctx->streams[i]->metadata, key); !value.empty()) return value;
    return "";
}

void fill_timecode(const AVFormatContext* ctx, MediaInfo& info) {
    info.start_timecode = find_tag(ctx, "timecode");
    info.reel_name = find_tag(ctx, "reel_name");
}

}  // namespace media::probe_detail
