// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/audio_block.h"
#include "media/frame/frame.h"

namespace media {

/// A headerless file of raw video frames (.yuv as libvmaf and ffmpeg's rawvideo write them): the
/// file says nothing about itself, so the caller gives size, layout and rate.
struct RawVideoFormat {
    int width = 0;
    int height = 0;
    PixelFormat format = PixelFormat::Yuv420p8;
    Rational rate{24, 1};
    friend bool operator==(const RawVideoFormat&, const RawVideoFormat&) = default;
};

/// Parses "WxH[:pixfmt[:rate]]" ("576x324:yuv420p10le:24", "1920x1080:yuv422p:30000/1001");
/// pixfmt is FFmpeg's name (default yuv420p), rate a number or ratio (default 24).
Result<RawVideoFormat> parse_raw_video_format(const std::string& text);

/// How a MediaSource opens and decodes its input.
struct SourceOptions {
    bool video = true;      ///< decode the video stream
    bool audio = false;     ///< decode the audio stream (see MediaSource on reading both)
    int video_stream = -1;  ///< stream index; -1 picks libav's best video stream
    int audio_stream = -1;  ///< stream index; -1 picks libav's best audio stream
    int threads = 0;        ///< decoder threads (frame + slice); 0 lets libav use every core
    int64_t max_pixels = int64_t{1} << 28;  ///< larger pictures are refused, by header and decoder
    bool zero_copy = true;          ///< wrap decoder buffers when aligned; false always copies
    Rational sequence_rate{24, 1};  ///< frame rate given to image sequences
    /// Read the file as headerless raw video of this format instead of probing it.
    std::optional<RawVideoFormat> raw_video;
};

/// One decode problem, where it happened. Problems never stop decoding by themselves.
struct DecodeIssue {
    int stream = -1;       ///< container stream index (-1: the container itself)
    int64_t frame = -1;    ///< video frame index it concerns (the next frame's, between frames)
    int64_t pts = kNoPts;  ///< in the stream's time base, when known
    std::string message;
};

/// What a source holds, as far as the decoders know before the first frame.
struct SourceSummary {
    bool has_video = false;
    FrameSpec video;                         ///< size, closed-set format frames arrive in, colour
    Rational frame_rate;                     ///< frames per second (0/0 when unknown)
    Rational video_time_base;                ///< unit of Frame::pts
    std::optional<int64_t> frame_count;      ///< declared by the container / files present
    std::optional<Timecode> start_timecode;  ///< timecode of frame 0, from the "timecode" tag
    std::string video_codec;                 ///< "prores", "h264", "exr"...
    Rational sample_aspect;                  ///< the video's SAR (0/0 when unknown)
    std::string reel_name;                   ///< "reel_name" tag (MOV tmcd name, MXF package)
    std::optional<int64_t> first_frame_number;  ///< image sequences: number of the first file
    /// The audio facts below describe the container's best audio stream (or the one asked for)
    /// whether or not SourceOptions::audio decodes it.
    bool has_audio = false;
    int audio_stream = -1;    ///< its container index
    int audio_bit_depth = 0;  ///< bits per sample where the codec says (PCM), else 0
    int audio_channels = 0;
    int sample_rate = 0;
    std::string channel_layout;
    std::string audio_codec;
};

/// How decoded pictures became Frames: wrapped zero-copy, copied, or converted.
struct SourceStats {
    int64_t frames_wrapped = 0;
    int64_t frames_copied = 0;
    int64_t frames_converted = 0;
};

/// Decodes a media file or an image sequence into Frames and AudioBlocks, in order.
///
/// Files are opened as local files only (a name like "concat:x.mov" is that file); image
/// sequences are named by a pattern, "shot.%06d.exr" or "shot.####.dpx", and read in frame order
/// at SourceOptions::sequence_rate. Video frames carry pts, their index (0 = first frame) and,
/// when the input has a start timecode, their timecode. Audio arrives as planar float.
///
/// Decode errors are recorded in decode_errors() with their positions, the frames they touch are
/// flagged corrupt(), and decoding goes on: a damaged or truncated file yields every frame it can.
/// Only failures that stop decoding altogether are returned as errors.
///
/// With both video and audio enabled, packets of the stream not being read are queued (up to
/// a bound; beyond it the oldest are dropped and an issue is recorded), so read the two in step,
/// e.g. audio up to each video frame's time.
class MediaSource {
public:
    /// Opens `path` (a file or a sequence pattern) and its decoders.
    static Result<MediaSource> open(const std::string& path, const SourceOptions& options = {});

    MediaSource(MediaSource&&) noexcept;
    MediaSource& operator=(MediaSource&&) noexcept;
    ~MediaSource();

    const SourceSummary& summary() const;
    /// The next video frame in presentation order; nullopt at the end of the stream.
    Result<std::optional<Frame>> next_video_frame();
    /// The next block of audio (one decoded packet's worth); nullopt at the end.
    Result<std::optional<AudioBlock>> next_audio_block();
    /// Positions so that next_video_frame() returns frame `index`: seeks to the key frame before
    /// it and decodes forward (frame-accurate). Audio restarts near the same time.
    Result<void> seek(int64_t index);
    /// Seeks to the frame labelled `timecode` (relative to summary().start_timecode).
    Result<void> seek(const Timecode& timecode);

    /// Every decode problem so far, in the order found.
    const std::vector<DecodeIssue>& decode_errors() const;
    const SourceStats& stats() const;

    /// The backend behind a source (libav demux + decode, or an image sequence reader).
    class Backend;

private:
    explicit MediaSource(std::unique_ptr<Backend> backend);
    std::unique_ptr<Backend> m_backend;
};

}  // namespace media
