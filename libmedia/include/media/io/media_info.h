// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/core/rational.h"
#include "media/frame/color_info.h"

namespace media {

enum class StreamKind { Video, Audio, Subtitle, Data, Attachment, Unknown };
enum class FieldOrder {
    Unknown,
    Progressive,
    TopFirst,
    BottomFirst,
    TopCodedBottomFirst,
    BottomCodedTopFirst
};

/// "video", "audio", "subtitle", "data", "attachment", "unknown" (ffprobe's codec_type words).
std::string_view to_string(StreamKind kind);
/// ffprobe's field_order words: "progressive", "tt", "bb", "tb", "bt", "unknown".
std::string_view to_string(FieldOrder order);

/// Video facts of one stream.
struct VideoInfo {
    int width = 0;
    int height = 0;
    Rational sample_aspect_ratio;   ///< SAR; 0/0 when unknown
    Rational display_aspect_ratio;  ///< DAR; 0/0 when unknown
    FieldOrder field_order = FieldOrder::Unknown;
    Rational r_frame_rate;    ///< base (lowest common) rate, as ffprobe's r_frame_rate
    Rational avg_frame_rate;  ///< average rate, as ffprobe's avg_frame_rate
    bool variable_frame_rate = false;
    std::string pixel_format;        ///< FFmpeg name, e.g. "yuv422p10le" (any libav format)
    int bit_depth = 0;               ///< bits per component
    std::string chroma_subsampling;  ///< "4:2:0", "4:2:2", "4:4:4", "" for RGB/gray
    ColorInfo color;
};

/// Audio facts of one stream.
struct AudioInfo {
    int channels = 0;
    std::string channel_layout;  ///< "stereo", "5.1(side)", "4 channels", ...
    int sample_rate = 0;
    std::string sample_format;  ///< FFmpeg name, e.g. "s32", "fltp"
    int bit_depth = 0;          ///< bits_per_raw_sample, or from the codec
    /// Each channel's name in stream order (libav's: "FL", "FR", "LFE", "DL"...); empty when the
    /// layout does not label its channels (an unspecified order).
    std::vector<std::string> channel_names;
};

/// One stream as probed.
struct StreamInfo {
    int index = 0;
    StreamKind kind = StreamKind::Unknown;
    std::string codec;  ///< short codec name, e.g. "prores", "h264"
    std::string codec_long;
    std::string codec_tag;  ///< FourCC as text, e.g. "ap4h"
    std::string profile;    ///< codec profile name, e.g. "4444", "High"
    int level = -99;        ///< codec level (-99: unknown, as libav's FF_LEVEL_UNKNOWN)
    Rational time_base;
    int64_t start_pts = 0;
    std::optional<double> duration_seconds;
    int64_t bit_rate = 0;
    std::optional<int64_t> frame_count;          ///< from the container (nb_frames)
    std::optional<int64_t> decoded_frame_count;  ///< from decoding, when asked for
    std::string language;
    std::string timecode;  ///< stream tag "timecode", if any
    std::optional<VideoInfo> video;
    std::optional<AudioInfo> audio;
};

/// Facts of an image file read with OpenImageIO (a single image, or a sequence's first frame).
struct ImageInfo {
    std::string format;  ///< OIIO format name: "openexr", "dpx", "cineon", ...
    int channels = 0;
    std::vector<std::string> channel_names;
    std::string data_type;    ///< "half", "float", "uint16", "uint10", "uint8", ...
    std::string compression;  ///< e.g. "zip", "piz", "none"; empty when not declared
    std::optional<std::array<double, 8>> chromaticities;  ///< EXR: rx ry gx gy bx by wx wy
    std::string transfer;  ///< DPX transfer characteristic, e.g. "Printing density"
    int subimages = 1;     ///< parts of a multi-part EXR, pages of a TIFF
};

/// An image sequence as probed: the files matching a pattern such as name.%06d.exr.
/// The image facts (channels .. transfer) are those of the first frame, as in MediaInfo::image.
struct SequenceInfo {
    std::string pattern;  ///< printf-style pattern, e.g. "/a/shot.%06d.exr"
    int64_t first_frame = 0;
    int64_t last_frame = 0;
    int64_t frame_count = 0;              ///< files actually present
    std::vector<int64_t> missing_frames;  ///< gaps inside [first, last]
    int channels = 0;
    std::vector<std::string> channel_names;
    std::string data_type;  ///< "half", "float", "uint16", "uint10", "uint8"
    std::string compression;
    std::optional<std::array<double, 8>> chromaticities;  ///< EXR: rx ry gx gy bx by wx wy
    std::string transfer;  ///< DPX transfer characteristic, e.g. "Printing density"
};

/// Everything probe learns about a file or image sequence.
struct MediaInfo {
    std::string path;
    std::string format;  ///< container short name(s), e.g. "mov,mp4,m4a,3gp,3g2,mj2"
    std::string format_long;
    std::optional<double> duration_seconds;
    std::optional<double> start_seconds;
    int64_t bit_rate = 0;
    int64_t size_bytes = 0;
    std::string start_timecode;  ///< from tmcd / MXF / tags, empty when none
    std::string reel_name;
    std::vector<StreamInfo> streams;
    std::optional<SequenceInfo> sequence;  ///< set when the input is an image sequence
    std::optional<ImageInfo> image;        ///< set when the input was read with OpenImageIO

    const StreamInfo* first_video() const;
    const StreamInfo* first_audio() const;
};

}  // namespace media
