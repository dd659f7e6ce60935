// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/cli.h"
#include "media/core/frame_range.h"

namespace slate {

/// Options shared by `slate transcode` and `slate batch`: looks, burn-ins, output policy.
struct JobOptions {
    std::string output_dir;
    std::string cdl;
    std::string cdl_id;
    std::string look;
    std::string lut;
    std::string from;  ///< built-in colour space conversion, applied after the look
    std::string to;
    std::vector<std::string> burnin_text;  ///< extra free-text burn-ins (drawn literally)
    std::string watermark;
    bool no_burnin = false;  ///< drop the preset's burn-ins
    std::string name;        ///< naming template overriding the preset's
    /// --device: where the look runs ("", auto, cpu, cuda; "" is auto without the info line).
    std::string device;
    bool overwrite = false;
    bool dry_run = false;
    bool tolerate_decode_errors = false;
    bool verify = true;
    int threads = 0;
    std::string sequence_rate = "24";
};

}  // namespace slate

namespace CLI {
class App;
}

namespace slate {

/// Adds JobOptions' flags to a command (transcode and batch share them).
void add_job_options(CLI::App& app, JobOptions& job);

/// What `slate transcode` was asked to do.
struct TranscodeSettings {
    std::vector<std::string> inputs;
    std::string preset;
    JobOptions job;
    std::string clip;  ///< clip name (one input only)
    std::string reel;
    bool json = false;
    bool list_presets = false;
    /// Chunked encode: source frames [first, end) only, video only (--frames START:END).
    std::optional<media::FrameRange> frames;
    bool no_audio = false;    ///< --no-audio: video only
    bool audio_only = false;  ///< --audio-only: the whole programme's audio, no picture
};

/// Parses `transcode IN... -p PRESET -o OUTDIR [options]`; args[0] is "transcode". Pure.
ParseResult<TranscodeSettings> parse_transcode_args(const std::vector<std::string>& args);

}  // namespace slate
