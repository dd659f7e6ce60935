// SPDX-License-Identifier: Apache-2.0
// The sample-dailies generator: synthetic, deterministic camera-like media (movies and image
// sequences), a clip with planted defects at recorded frames, and small delivery masters (good
// ones and ones wrong in exactly one respect), for tests, demos and benchmarks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/core/result.h"

namespace media::samples {

/// Which group of clips to generate.
enum class SampleSet { Dailies, Defects, Masters, All };

/// "dailies", "defects", "masters" or "all".
std::string_view to_string(SampleSet set);
/// Parses "dailies", "defects", "masters" or "all"; nullopt otherwise.
std::optional<SampleSet> parse_sample_set(std::string_view text);

/// What generate_samples writes.
struct SampleOptions {
    std::filesystem::path output_dir;  ///< created when missing
    SampleSet set = SampleSet::Dailies;
    std::string only;  ///< when not empty: just the clip of this name (it must be in `set`)
};

/// One clip of the catalog, as `slate samples --list` shows it.
struct ClipSummary {
    std::string name;  ///< file stem, e.g. "a001_c001_prores4444"
    SampleSet set = SampleSet::Dailies;
    std::string description;
};

/// The clips of `set` (All: every clip), in the order they are generated.
std::vector<ClipSummary> list_samples(SampleSet set);

/// One planted defect. Frames are 0-based indices into the file's pictures, inclusive; audio
/// defects also give the 0-based sample range (inclusive) at the file's sample rate.
struct Plant {
    std::string file;  ///< the file the defect is in, relative to the output folder
    std::string
        kind;  ///< black, freeze, silence, out_of_range, loudness_spike, flash, timecode_break
    int64_t first_frame = 0;
    int64_t last_frame = 0;
    int64_t first_sample = -1;  ///< audio defects only
    int64_t last_sample = -1;   ///< audio defects only
};

/// One written output: a file, or an image sequence written as a folder of frames.
struct WrittenFile {
    std::filesystem::path path;  ///< a file, or a sequence's printf pattern (name.%06d.dpx)
    std::string summary;         ///< one line for a person, e.g. "ProRes 4444 1920x1080 24 fps"
};

/// What generate_samples wrote, in order (media first, then sidecars and manifest.json).
struct SampleReport {
    std::vector<WrittenFile> files;
    std::vector<Plant> plants;
};

/// Writes the clips of options.set (or the one named options.only) into options.output_dir with
/// their sidecars and a manifest.json (schema "slate.samples", version 1) describing every file
/// (this run's, plus an earlier manifest's entries whose files are still there). Every output is
/// written under a temporary name and renamed when complete, so a failure leaves no partial file
/// under a final name. Output is byte-identical from run to run with the same libraries. While it
/// runs, libav's log level is lowered to errors (encoders are chatty).
Result<SampleReport> generate_samples(const SampleOptions& options);

/// Where the 16-cell binary frame counter sits in a pattern picture of the given size: cells of
/// `cell` x `cell` pixels from (x, y) to the right, most significant bit first. A cell's centre
/// is bright (luma 0.9 of nominal range) for a 1 bit and dark (0.1) for a 0 bit, and the number
/// is the content frame index (frozen frames repeat it).
struct FrameCounterLayout {
    int x = 0;
    int y = 0;
    int cell = 0;
    int bits = 16;
};

/// The frame counter geometry for a picture of width x height.
FrameCounterLayout frame_counter_layout(int width, int height);

}  // namespace media::samples
