// SPDX-License-Identifier: Apache-2.0
// Encodes and muxes one movie with libav: a video stream drawn by a callback, optional PCM or AAC
// tones, a start timecode (a tmcd track in MOV/MP4, the timecode component in MXF) and a reel.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/color_info.h"
#include "pattern.h"
#include "tone.h"

namespace media::samples {

/// Encoder options as name/value pairs, passed to libav's option system.
using OptionList = std::vector<std::pair<std::string, std::string>>;

/// How the video is encoded.
struct VideoEncoding {
    std::string label;         ///< for people, e.g. "ProRes 4444"
    std::string encoder;       ///< libav encoder name, e.g. "prores_ks"
    std::string codec;         ///< the codec name ffprobe reports, e.g. "prores"
    std::string profile;       ///< the profile name ffprobe reports, e.g. "4444"
    std::string pixel_format;  ///< libav pixel format name, e.g. "yuv444p10le"
    int width = 0;
    int height = 0;
    Rational rate;
    OptionList options;       ///< encoder options, e.g. {"profile", "4444"}
    int fixed_quantiser = 0;  ///< > 0: constant quantiser (qscale), fast for intra codecs
    int threads = 0;          ///< 0: libav picks; fix it where the bitstream depends on it
    std::string codec_tag;    ///< four-character code to force, e.g. "hvc1"; empty: muxer default
    ColorInfo color;          ///< tags, and HDR metadata written as stream side data
    bool interlaced = false;  ///< interlaced fields, top field first (DCT and ME per field)
};

/// How the audio is encoded.
struct AudioEncoding {
    std::string encoder;  ///< libav encoder name: pcm_s24le, pcm_s16le, aac
    int sample_rate = 48000;
    int bits = 24;            ///< PCM quantisation (AAC: the decoder's float output)
    int64_t bit_rate = 0;     ///< lossy encoders only
    bool discrete = false;    ///< channels are discrete mono tracks (no speaker layout)
    std::vector<Tone> tones;  ///< one per channel
    /// libav channel layout ("7.1", "FL+FR+FC+LFE+BL+BR+DL+DR"); empty: libav's default for the
    /// channel count (or none when discrete)
    std::string layout;
};

/// One movie: container, length, streams and labels.
struct ClipSpec {
    std::string container;  ///< libav muxer name: mov, mp4, mxf
    int64_t frames = 0;
    VideoEncoding video;
    std::optional<AudioEncoding> audio;
    std::optional<Timecode> start_timecode;
    std::string reel;  ///< reel / tape name, where the container has a place for it
};

/// Draws picture `frame` (0-based) into the encoder's frame.
using VideoSource = std::function<void(int64_t frame, PlanarImage& image)>;

/// Number of audio samples that play before video frame `frame` starts.
int64_t samples_before_frame(int64_t frame, Rational rate, int sample_rate);

/// Encodes spec into `path` (written directly: the caller picks a temporary name). Audio comes
/// from `audio` when spec.audio is set; it must have as many channels as spec.audio's tones.
Result<void> write_clip(const ClipSpec& spec, const std::filesystem::path& path,
                        const VideoSource& video, const ToneProgram* audio);

}  // namespace media::samples
