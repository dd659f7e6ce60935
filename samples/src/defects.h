// SPDX-License-Identifier: Apache-2.0
// The defects clip: a short dailies-like movie with known problems planted at known frames, a
// second movie whose timecode does not continue from the first, and a sidecar
// (<clip>.defects.json, schema "slate.samples.defects" version 1) that lists every plant.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "clip_writer.h"
#include "manifest.h"
#include "media/core/result.h"
#include "pattern.h"
#include "slate_samples/samples.h"

namespace media::samples {

/// The kinds of plant, as the sidecar names them.
enum class DefectKind {
    Black,
    Freeze,
    RepeatedFrame,
    OutOfRange,
    Flash,
    Letterbox,
    Silence,
    LoudnessSpike,
    Clipping,
    TimecodeBreak
};

/// "black", "freeze", "repeated_frame", "out_of_range", "flash", "letterbox", "silence",
/// "loudness_spike", "clipping", "timecode_break".
std::string_view to_string(DefectKind kind);

/// One planted defect of the main clip (frames inclusive, 0-based), or the timecode break at the
/// first frame of the second file.
struct PlannedDefect {
    DefectKind kind = DefectKind::Black;
    int64_t first_frame = 0;
    int64_t last_frame = 0;
    Rect region;                       ///< out_of_range: where; letterbox: the active picture
    YuvLevel level;                    ///< black, out_of_range, flash (bright)
    YuvLevel dark;                     ///< flash: the dark frames
    int flash_half_period = 2;         ///< flash: frames bright, then as many dark
    std::optional<double> audio_dbfs;  ///< loudness_spike, clipping: tone level; silence: none
};

/// Everything the defects entry writes.
struct DefectsPlan {
    ClipSpec main;   ///< the clip with the plants
    ClipSpec part2;  ///< the continuation whose timecode jumps
    std::string part2_suffix = "_part2";
    std::vector<PlannedDefect> defects;
};

/// The defects clip of the catalog.
DefectsPlan make_defects_plan();

/// What writing the defects entry produced.
struct DefectsOutput {
    std::vector<WrittenFile> files;  ///< main clip, part 2, sidecar
    std::vector<Plant> plants;
    std::vector<ManifestItem> items;  ///< the two movies
};

/// Writes both movies and the sidecar into `dir` (each through a temporary name); `name` is the
/// main clip's stem.
Result<DefectsOutput> write_defects(const DefectsPlan& plan, const std::string& name,
                                    const std::filesystem::path& dir);

}  // namespace media::samples
