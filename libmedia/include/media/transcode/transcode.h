// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "media/color/color_pipeline.h"
#include "media/core/device.h"
#include "media/core/frame_range.h"
#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/color_info.h"
#include "media/frame/pixel_format.h"
#include "media/io/sequence_pattern.h"
#include "media/transcode/burnin.h"
#include "media/transcode/naming.h"
#include "media/transcode/preset.h"

namespace media::transcode {

/// Which part of the programme's audio a transcode writes.
enum class AudioScope {
    Whole,  ///< the preset's audio beside the picture (the usual transcode)
    None,   ///< video only (chunks of a chunked encode: the audio is encoded once, apart)
    Only,   ///< audio only, the whole programme, with the preset's audio settings, in a MOV
};

/// One transcode: an input, a preset, where the output goes and what to add on the way.
struct TranscodeRequest {
    std::string input;       ///< media file or image sequence pattern ("a.%07d.dpx", "a.####.exr")
    std::string output_dir;  ///< outputs are confined to this folder
    TranscodePreset preset;
    color::ColorPipelineDesc look;  ///< --lut / --cdl / --look, applied after scaling
    /// Burn-ins replacing the preset's when set (an empty template removes them).
    std::optional<BurnInTemplate> burnin;
    std::string clip;  ///< clip name; empty: the file stem (sequences: without frame number)
    std::string reel;  ///< reel/tape; empty: the source's reel_name tag, else from the clip name
    /// Output name (relative, without extension) instead of the preset's naming template.
    std::string output_name;
    NamingFields extra_fields;            ///< more values for the naming template ({index}, ...)
    bool overwrite = false;               ///< replace an existing output (else: an error)
    bool tolerate_decode_errors = false;  ///< finish despite decode errors, and count them
    bool verify = true;                   ///< re-probe the output and check it (see OutputCheck)
    int threads = 0;  ///< decoder + encoder threads; 0: libav's choice (all cores)
    /// Where the look runs (ColorProcessor::create): Auto takes a CUDA device when there is one
    /// and the look has kernels for every op; Cuda that cannot be met fails the transcode.
    DevicePolicy device = DevicePolicy::Auto;
    Rational sequence_rate{24, 1};  ///< rate of image sequence inputs that do not state one
    /// Only source frames [first, end) (a chunk): video only (needs audio None unless the output
    /// has no audio anyway); an end past the source's stops at its end; the output's start
    /// timecode is the source's plus `first`.
    std::optional<FrameRange> frames;
    AudioScope audio = AudioScope::Whole;
    /// Called with the number of frames written, every few frames.
    std::function<void(int64_t frames)> progress;
    const std::atomic<bool>* cancel = nullptr;  ///< set to stop: the output is not kept
};

/// What a transcode will do, decided before any frame is read (what --dry-run prints).
struct TranscodePlan {
    std::string input;
    std::string clip;
    std::string reel;
    std::string output;  ///< final path: a file, or a sequence pattern inside its own folder
    bool output_exists = false;
    bool image_sequence = false;

    int source_width = 0;
    int source_height = 0;
    Rational source_sar{1, 1};
    std::string source_codec;
    PixelFormat source_format = PixelFormat::Yuv422p10;
    Rational source_rate;
    std::optional<int64_t> source_frames;
    /// Source frames encoded, with TranscodeRequest::frames (clamped to the source's end when
    /// its length is known); nullopt: all of them.
    std::optional<FrameRange> frames;
    bool audio_only = false;  ///< AudioScope::Only: no picture, `audio` describes the output
    /// Carried to the output (rate-converted on conform; plus frames->first for a chunk).
    std::optional<Timecode> start_timecode;
    int source_audio_channels = 0;

    int width = 0;
    int height = 0;
    PixelFormat pixel_format = PixelFormat::Yuv422p10;
    Rational frame_rate;
    ColorInfo color;                  ///< tags written
    std::string codec;                ///< encoder, or image format for sequences
    std::string audio;                ///< "none", "copy 4ch", "pcm_s24le 2ch [0,1]", "aac 192k 2ch"
    std::vector<int> audio_channels;  ///< source channels written, in order
    std::string scale;                ///< "1920x1080 fit (source 3840x2160)", "none"
    std::string look;                 ///< steps, or "none"
    std::vector<std::string> burnins;  ///< burn-in elements, described

    /// A readable multi-line description.
    std::string describe() const;
};

/// The output checked against the plan after it is written.
struct OutputCheck {
    bool ok = true;
    std::vector<std::string> problems;  ///< "frame count 47, expected 48", ...
    int64_t frames = 0;
    std::optional<Timecode> start_timecode;
};

/// What a finished transcode produced.
struct TranscodeResult {
    TranscodePlan plan;
    int64_t frames = 0;
    int64_t decode_errors = 0;  ///< with tolerate_decode_errors
    std::string first_decode_error;
    OutputCheck check;
    double seconds = 0;
    std::vector<std::string> files;  ///< every file written (one, or each image of a sequence)
};

/// Works out the plan: probes the input, applies the preset's scale/rate/audio/colour rules,
/// expands the naming template inside output_dir (never outside it). Errors: NotFound /
/// DecodeError for unreadable input, InvalidArgument for a request the preset cannot meet,
/// IoError when the output folder cannot be created or written.
Result<TranscodePlan> plan_transcode(const TranscodeRequest& request);

/// Runs the transcode: decode -> resize/convert -> look -> burn-ins -> encode, on two threads
/// (decode + picture work, encode). Output goes to a temporary name and is renamed when done;
/// on any failure nothing stands under the final name. A decode error fails the job with its
/// frame position unless tolerate_decode_errors. With request.verify, a mismatch between the
/// output and the plan (frame count, duration, start timecode, size, codec) fails the job and
/// removes the output.
Result<TranscodeResult> run_transcode(const TranscodeRequest& request);
/// Same, with a plan made beforehand by plan_transcode.
Result<TranscodeResult> run_transcode(const TranscodeRequest& request, const TranscodePlan& plan);

/// Re-probes a written output and compares it with the plan and the frames written.
OutputCheck check_output(const TranscodePlan& plan, int64_t frames_written);

/// A look as the command line names it: --cdl, --look and --lut, applied in that order (the
/// shot's grade, then the show look, then the show/output LUT).
struct LookRequest {
    std::string cdl;     ///< .cdl / .cc / .ccc file
    std::string cdl_id;  ///< correction id inside a .ccc/.cdl with several
    std::string look;    ///< built-in look name or look file
    std::string lut;     ///< .cube, .3dl, .spi1d or .spi3d
    /// Built-in colour-space conversion applied last (color::builtin_conversion), e.g.
    /// "rec2100-pq" -> "rec709" (BT.2390 tone mapped) or "logc3" -> "rec709"; both or neither.
    std::string from;
    std::string to;
    bool empty() const {
        return cdl.empty() && look.empty() && lut.empty() && from.empty() && to.empty();
    }
};
/// Loads and checks what a LookRequest names. Errors name the file at fault.
Result<color::ColorPipelineDesc> build_look(const LookRequest& request);

/// Burn-ins as the command line changes a preset's: drop them, add free text, a watermark.
struct BurnInRequest {
    bool keep_preset = true;
    std::vector<std::string> texts;  ///< free-text elements (top-left, stacked)
    std::string watermark;           ///< centred, large, translucent, no box
    bool changes_preset() const { return !keep_preset || !texts.empty() || !watermark.empty(); }
};
/// The preset's burn-ins changed as asked.
BurnInTemplate compose_burnins(const BurnInTemplate& preset, const BurnInRequest& request);

/// Reel name guessed from a camera clip name: "A001" from "A001_C002_0612AB" or "a001c002";
/// empty when the name does not look like a camera roll.
std::string reel_from_clip_name(std::string_view clip);
/// Clip name of an input path (media/io/sequence_pattern.h).
using media::clip_name_of;

}  // namespace media::transcode
