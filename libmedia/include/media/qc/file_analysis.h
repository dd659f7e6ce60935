// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/analysis/audio_levels.h"
#include "media/analysis/flash.h"
#include "media/analysis/interlace.h"
#include "media/analysis/loudness.h"
#include "media/analysis/picture_detectors.h"
#include "media/analysis/segment.h"
#include "media/analysis/series.h"
#include "media/analysis/temporal.h"
#include "media/core/rational.h"
#include "media/core/timecode.h"
#include "media/frame/color_info.h"
#include "media/io/media_info.h"
#include "media/io/media_source.h"

namespace media::qc {

/// What the file says about itself (container and stream headers), before any measurement.
struct FileFacts {
    std::string path;
    std::string container;  ///< probe's format name
    std::optional<double> duration_seconds;
    int64_t size_bytes = 0;
    bool has_video = false;
    bool has_audio = false;
    std::string video_codec;
    int width = 0;
    int height = 0;
    Rational frame_rate;  ///< 0/0 when unknown
    std::string pixel_format;
    ColorInfo color;  ///< declared signalling, incl. HDR metadata
    std::optional<int64_t> declared_frames;
    std::optional<Timecode> start_timecode;
    std::string audio_codec;
    int audio_channels = 0;
    int sample_rate = 0;
    std::string channel_layout;
};

/// The facts QC works from, taken from probe's description of a file.
FileFacts file_facts_from(const MediaInfo& info);

/// A timecode discontinuity: at `frame` the timecode read `found` where `expected` was due.
struct TimecodeBreak {
    int64_t frame = 0;
    std::string expected;
    std::string found;
    int64_t jump_frames = 0;
    std::string previous_file;  ///< set when the break is at the start of a continuation file
};

/// Stream-level facts found while decoding.
struct StreamAnalysis {
    int64_t frames_decoded = 0;
    std::vector<DecodeIssue> decode_errors;
    std::vector<analysis::Segment> corrupt_frames;  ///< runs of frames flagged corrupt
    bool timestamps_known = true;                   ///< false: the video had no usable timestamps
    std::vector<TimecodeBreak> timecode_breaks;
    std::vector<analysis::Segment> pts_gaps;  ///< frames either side; value: gap in frames
    bool variable_frame_rate = false;
    std::optional<double> video_seconds;  ///< decoded frames x frame duration
    std::optional<double> audio_seconds;  ///< decoded samples / rate
    int64_t audio_samples = 0;
    bool truncated = false;   ///< decoding stopped early (a fatal read error)
    std::string fatal_error;  ///< the error that stopped decoding, if any
};

/// Everything measured in one pass over a file. Optional parts are absent when their stream
/// is absent or their checks were not enabled.
/// The comparison with a reference (slate qc --reference): pooled VMAF and PSNR-Y.
struct FidelityMeasure {
    std::string reference;
    std::string model;  ///< VMAF model name
    std::string error;  ///< why the comparison could not be made ("" when it was)
    int64_t frames = 0;
    double vmaf_mean = 0;
    double vmaf_min = 0;
    int64_t vmaf_worst_frame = -1;
    double psnr_y_mean = 0;
    double psnr_y_min = 0;
    int64_t psnr_y_worst_frame = -1;
};

struct FileAnalysis {
    FileFacts facts;
    StreamAnalysis stream;
    std::optional<analysis::PictureResult> picture;
    std::optional<std::vector<analysis::Segment>> black;
    std::optional<std::vector<analysis::Segment>> freeze;
    std::optional<analysis::InterlaceResult> interlace;
    std::optional<analysis::CadenceResult> cadence;
    std::optional<analysis::FlashResult> flash;
    std::optional<analysis::LoudnessResult> loudness;
    std::optional<analysis::AudioLevelsResult> audio_levels;
    /// Per-frame graphs (bounded): "YMIN", "YAVG", "YMAX", "ULOW".., "SATAVG", "YDIF", "BRNG",
    /// "BLACK", "MAFD", "COMB", "FLASH", "MAXCLL"... positions are frame indices.
    std::vector<analysis::FrameSeries> series;
    std::optional<FidelityMeasure> fidelity;  ///< with a reference only
};

/// A stretch of programme time in seconds, end exclusive.
struct TimeSpan {
    double start = 0.0;
    double end = 0.0;
};

/// Where black picture and silence on every channel overlap, in programme time. Empty when black
/// detection or the audio levels did not run, or the frame or sample rate is unknown.
std::vector<TimeSpan> black_silence_spans(const FileAnalysis& analysis);

}  // namespace media::qc
