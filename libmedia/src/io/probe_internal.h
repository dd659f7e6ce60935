// SPDX-License-Identifier: Apache-2.0
// Private to io/: the parts of probe(), one file each (libav streams, timecode, decoding, OIIO).
#pragma once

#include <string>

extern "C" {
#include <libavutil/mastering_display_metadata.h>
}

#include "av_common.h"
#include "media/io/media_info.h"
#include "media/io/probe.h"
#include "media/io/sequence_pattern.h"

namespace media::probe_detail {

/// Probes a container through libav.
Result<MediaInfo> probe_with_libav(const std::string& path, const ProbeOptions& options);

/// Describes one libav stream as ffprobe would (codec, geometry, rates, colour, audio layout).
StreamInfo describe_stream(AVFormatContext* ctx, AVStream* stream);

/// HDR side data (stream or frame) in libmedia's terms.
MasteringDisplay to_mastering_display(const AVMasteringDisplayMetadata& metadata);
ContentLightLevel to_content_light(const AVContentLightMetadata& metadata);

/// The value of a libav metadata entry, "" when absent.
std::string dict_value(const AVDictionary* dict, const char* key);
/// A tag from the container, else the first video stream, else any stream ("timecode",
/// "reel_name").
std::string find_tag(const AVFormatContext* ctx, const char* key);

/// Fills start_timecode and reel_name from the container and stream tags.
void fill_timecode(const AVFormatContext* ctx, MediaInfo& info);

/// Decodes what the options and the streams ask for: every video frame with count_frames, and
/// the first frame of HDR-signalled video streams whose container carries no HDR metadata.
Result<void> decode_pass(AVFormatContext* ctx, MediaInfo& info, const ProbeOptions& options);

/// True when the file starts like a still image format probe reads with OpenImageIO: EXR, DPX,
/// Cineon, PNG, TIFF.
bool looks_like_oiio_image(const std::string& path);
/// True when the extension names a still image format.
bool has_image_extension(const std::string& path);

/// Probes a single image through OpenImageIO (headers only).
Result<MediaInfo> probe_image(const std::string& path, const ProbeOptions& options);

/// Probes the image sequence matching a pattern: files on disk, then the first frame's header.
Result<MediaInfo> probe_sequence(const std::string& path, const SequencePattern& pattern,
                                 const ProbeOptions& options);

}  // namespace media::probe_detail
