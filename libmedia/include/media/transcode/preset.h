// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/frame/color_info.h"
#include "media/frame/pixel_format.h"
#include "media/transcode/burnin.h"

namespace media::transcode {

/// How the picture is brought to the preset's size.
enum class ScaleMode {
    None,     ///< keep the source size
    Fit,      ///< scale to fit inside width x height keeping the display aspect; no bars
    Fill,     ///< scale to cover width x height keeping the display aspect, crop the overflow
    Pad,      ///< fit, then pad to exactly width x height with black (letter/pillar box)
    Stretch,  ///< exactly width x height, aspect ignored
};

struct ScaleSpec {
    ScaleMode mode = ScaleMode::None;
    int width = 0;  ///< target box; 0 with Fit/Fill: derived from the other side
    int height = 0;
    bool even = true;                ///< round results to even sizes (4:2:x and most encoders)
    std::string filter = "bicubic";  ///< "bilinear", "bicubic", "lanczos", "spline", "point"
    /// Output is square-pixel unless keep_sar: anamorphic sources are resampled to SAR 1:1.
    bool keep_sar = false;
};

enum class FrameRateMode {
    Keep,     ///< the source rate, every frame kept
    Conform,  ///< every frame kept, played at FrameRatePolicy::rate (speed change; audio dropped
              ///< unless it is re-timed, which presets cannot ask for yet)
};

struct FrameRatePolicy {
    FrameRateMode mode = FrameRateMode::Keep;
    Rational rate;  ///< Conform's rate
};

enum class AudioMode {
    None,  ///< no audio in the output
    Copy,  ///< packets copied unchanged (PCM sources into MOV/MXF)
    Pcm,   ///< decoded and written as PCM (AudioSpec::codec: pcm_s16le, pcm_s24le, ...)
    Aac,   ///< encoded to AAC (review copies)
};

struct AudioSpec {
    AudioMode mode = AudioMode::None;
    /// Source channels to keep, 0-based, in output order; empty keeps all. For Copy, a
    /// selection turns the copy into a PCM re-encode with the source's sample format.
    std::vector<int> channels;
    std::string codec;    ///< Pcm: libav encoder name; Aac: "aac"
    int64_t bitrate = 0;  ///< Aac: bits per second (0: encoder default)
    int sample_rate = 0;  ///< 0 keeps the source rate
};

/// Colour of the output: how pictures are converted and how the stream is tagged.
struct ColorSpec {
    /// Tags written; Unspecified fields copy the source's. "source" in YAML = all unspecified.
    ColorInfo tags;
    /// Convert pixels from the source's matrix/range to `tags` (YUV<->RGB and range changes are
    /// always done; primaries/transfer are tags only unless a look changes the pixels).
    bool convert_matrix = true;
};

/// What kind of output a preset writes.
enum class OutputKind {
    Movie,          ///< one file in a container
    ImageSequence,  ///< numbered image files in a folder (DPX, EXR, TIFF)
};

/// Schema name and version of preset files this build reads.
inline constexpr std::string_view kPresetSchema = "slate.transcode-preset";
inline constexpr int kPresetVersion = 1;

/// A transcode preset, as loaded and validated from presets/transcode/<name>.yaml (schema
/// "slate.transcode-preset", version 1). See docs/presets.md for every key.
struct TranscodePreset {
    std::string name;  ///< file stem for built-ins, or the `name:` key
    std::string description;
    std::string source_file;  ///< where it was loaded from
    int version = 1;

    OutputKind kind = OutputKind::Movie;
    std::string container;  ///< libav muxer ("mov", "mxf", "mp4") or image type ("dpx", "exr")
    std::string extension;  ///< ".mov", ".mxf", ".mp4", ".dpx", ".exr"
    std::map<std::string, std::string> container_options;  ///< muxer options ("movflags")

    /// Video encoder (libav name: "prores_ks", "dnxhd", "libx264", "libx265"); empty for
    /// image sequences. "match source" presets leave pixel_format unset to keep the source's
    /// when the encoder supports it.
    std::string codec;
    std::map<std::string, std::string> codec_options;  ///< encoder options ("profile", "crf")
    /// FourCC of the video stream in the container ("hvc1" for Apple players); empty: the
    /// muxer's default. Not an encoder option: the sink sets the stream's codec tag.
    std::string codec_tag;
    std::optional<PixelFormat> pixel_format;
    std::map<std::string, std::string> image_attributes;  ///< OpenImageIO output attributes
    int sequence_digits = 7;  ///< image sequences: frame number width in file names

    ScaleSpec scale;
    FrameRatePolicy frame_rate;
    AudioSpec audio;
    ColorSpec color;

    /// Output name (without extension): {clip} {reel} {tc} {preset} {date} {time} {codec}
    /// {width} {height} {fps} {ext} {index}. Image sequences: names the folder and file stem.
    std::string naming = "{clip}_{preset}";
    BurnInTemplate burnin;
};

/// Loads and validates a preset file. Errors (InvalidArgument) name the file, line and key:
/// "presets/x.yaml:12: key 'scale.mode': unknown value 'fitt' (fit, fill, pad, stretch, none)".
/// Unknown keys are errors; `schema` and `version` are required.
Result<TranscodePreset> load_preset_file(const std::string& path);
/// Parses preset YAML text; `source_name` is used in error messages.
Result<TranscodePreset> parse_preset(std::string_view yaml, const std::string& source_name);

/// Folder of the built-in transcode presets: the transcode/ sub-folder of $SLATE_PRESETS_DIR
/// when set, else of the source tree's presets/ (compiled in) when it exists, else of
/// <prefix>/share/slate/presets next to the library.
std::string presets_dir();
/// A path (anything with '/' or ending in .yaml/.yml) loads that file; otherwise the built-in
/// preset of that name. NotFound lists the built-in names.
Result<TranscodePreset> find_preset(const std::string& name_or_path);
/// Names of the built-in transcode presets, sorted.
std::vector<std::string> builtin_preset_names();

std::string_view to_string(ScaleMode mode);
std::string_view to_string(AudioMode mode);
std::string_view to_string(OutputKind kind);
std::string_view to_string(FrameRateMode mode);

}  // namespace media::transcode
