// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/audio_block.h"
#include "media/frame/color_info.h"
#include "media/frame/frame.h"
#include "media/frame/pixel_format.h"

namespace media {

/// How the video stream of a MediaSink is encoded.
struct VideoEncodeSettings {
    /// libav encoder name: "prores_ks", "libx264", "dnxhd", ...
    std::string codec;
    /// Encoder options by name, as ffmpeg's -c:v options: {"profile", "3"}, {"crf", "18"},
    /// {"preset", "fast"}, {"b", "36M"}. An option the encoder does not know is an error.
    std::map<std::string, std::string> options;
    PixelFormat pixel_format = PixelFormat::Yuv422p10;  ///< encoded; frames are converted to it
    int width = 0;
    int height = 0;
    Rational frame_rate{24, 1};
    ColorInfo color;                         ///< tagged on the stream (code points only)
    std::optional<Timecode> start_timecode;  ///< written as the "timecode" tag (mov: tmcd track)
    Rational sample_aspect{1, 1};            ///< pixel aspect ratio signalled in the stream
    int threads = 0;                         ///< encoder threads; 0 lets libav use every core
    /// Container FourCC ("hvc1" for HEVC that Apple players read, "avc1"); empty: the muxer's.
    std::string codec_tag;
};

/// How the audio stream of a MediaSink is encoded (PCM: "pcm_s16le", "pcm_s24le", ...).
struct AudioEncodeSettings {
    std::string codec = "pcm_s24le";
    int channels = 2;
    int sample_rate = 48000;
    int64_t bit_rate = 0;  ///< compressed codecs (AAC): bits per second; 0: the encoder's default
    /// Sample format the encoder should take when it offers several ("s16", "s32", "fltp");
    /// empty: its first.
    std::string sample_format;
};

/// An audio stream copied packet for packet (no re-encode) from another file.
struct AudioCopySettings {
    std::string source;  ///< local media file to copy from
    int stream = -1;     ///< its stream index; -1 picks its best audio stream
};

/// What a MediaSink writes.
struct SinkOptions {
    std::optional<VideoEncodeSettings> video;
    std::optional<AudioEncodeSettings> audio;  ///< encode AudioBlocks given to write_audio()
    /// Or copy an audio stream from a file, kept in step with the video as frames are written.
    /// Not together with `audio`.
    std::optional<AudioCopySettings> audio_copy;
    /// libav muxer name ("mov", "mxf", "mp4", "matroska"); empty: chosen from the extension.
    std::string container;
    /// Muxer options, e.g. {"movflags", "+faststart"}. Unknown ones are errors.
    std::map<std::string, std::string> container_options;
    /// Container metadata, e.g. {"reel_name", "A001"} (MXF source package name; mov also takes it
    /// from the video stream, see video_metadata), {"comment", ...}.
    std::map<std::string, std::string> metadata;
    /// Video stream metadata, e.g. {"reel_name", "A001"}: mov writes it in the tmcd track.
    std::map<std::string, std::string> video_metadata;
    /// Image sequences: the number of the first frame written ("shot.%06d.dpx" -> 86400).
    int64_t first_frame_number = 0;
    /// Image sequences: OpenImageIO output attributes, e.g. {"compression", "zip"} for EXR or
    /// {"oiio:BitsPerSample", "10"} for DPX.
    std::map<std::string, std::string> image_attributes;
    /// Image sequences: how samples are stored when not as the frames hold them, e.g. Half for
    /// EXR written from Rgba16 frames (OpenImageIO converts, 0..65535 -> 0..1).
    std::optional<SampleType> image_sample;
};

/// Encodes and muxes frames and audio into a file, or writes an image sequence (path holding a
/// frame-number pattern: "shot.%06d.exr", "shot.####.dpx"; DPX, EXR and TIFF by extension).
///
/// Nothing appears under the final name before finish(): output goes to a hidden temporary name
/// in the destination folder (".name.partial-XXXXXX.ext") that finish() renames. When any call
/// fails, or the sink is destroyed without finish(), the temporary output is removed; after a
/// failure every later call fails too.
///
/// Video frames are written in order at the constant frame rate (their own pts are not used) and
/// must have the configured size; a frame in another closed-set format is converted to
/// VideoEncodeSettings::pixel_format (packed float formats only go to image sequences).
class MediaSink {
public:
    /// Opens the encoders and the temporary output. InvalidArgument for settings libav refuses
    /// (unknown encoder option, size the pixel format cannot hold...), UnsupportedFormat for
    /// unknown encoders or containers, IoError when the folder cannot be written.
    static Result<MediaSink> create(const std::string& path, const SinkOptions& options);

    MediaSink(MediaSink&&) noexcept;
    MediaSink& operator=(MediaSink&&) noexcept;
    /// Abandons an unfinished output: its temporary files are removed.
    ~MediaSink();

    /// Encodes one video frame.
    Result<void> write_video(const Frame& frame);
    /// Encodes one block of audio (its channel count must match the settings).
    Result<void> write_audio(const AudioBlock& block);
    /// Flushes the encoders, finishes the file and moves it to its final name.
    Result<void> finish();

    /// Video frames written so far.
    int64_t frames_written() const;

    /// The writer behind a sink (libav, or an image sequence writer).
    class Backend;

private:
    explicit MediaSink(std::unique_ptr<Backend> backend);
    std::unique_ptr<Backend> m_backend;  ///< null once finished or failed
    int64_t m_frames_at_close = 0;
};

}  // namespace media
