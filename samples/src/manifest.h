// SPDX-License-Identifier: Apache-2.0
// manifest.json (schema "slate.samples", version 1): every file a run wrote, with the facts it
// was written to have (codec, size, rate, frames, timecode, audio), so tests compare against it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "clip_writer.h"
#include "media/core/result.h"
#include "sequence_writer.h"
#include "slate_samples/samples.h"

namespace media::samples {

/// What a delivery master carries beyond its encoding, and what it is for.
struct MasterFacts {
    std::string fault;  ///< the one respect it breaks a delivery spec in ("loudness"); empty: none
    double loudness_lufs = 0;       ///< integrated programme loudness as `slate qc` measures it
    int64_t head_black_frames = 0;  ///< leading pictures black (Y' 64, Cb = Cr 512 at 10 bits),
                                    ///< every audio channel digital zero meanwhile
    double signal_scale = 1.0;      ///< R'G'B' scaled towards black by this (HDR pictures kept
                                    ///< under the mastering display's peak)
};

/// One written movie or sequence, as the manifest lists it.
struct ManifestItem {
    std::string name;  ///< file stem
    SampleSet set = SampleSet::Dailies;
    std::string description;
    std::string file;  ///< relative to the output folder; a sequence's printf pattern
    std::variant<ClipSpec, SequenceSpec> spec;
    std::string sidecar;                ///< relative path of a defects sidecar, or empty
    std::optional<MasterFacts> master;  ///< masters only
};

/// One line for a person, e.g. "ProRes 4444 1920x1080 24 fps, 48 frames, TC 01:00:00:00, ...".
std::string summarize(const ClipSpec& clip);
std::string summarize(const SequenceSpec& sequence);

/// The manifest document for these items.
nlohmann::json manifest_json(const std::vector<ManifestItem>& items);

/// Writes a JSON document (indented, newline-terminated) to `path` as it is.
Result<void> write_json(const std::filesystem::path& path, const nlohmann::json& doc);
/// Writes a JSON document through a temporary name beside `path`.
Result<void> write_json_file(const std::filesystem::path& path, const nlohmann::json& doc);

/// Frame rate as a decimal for people: "24", "23.976", "29.97".
std::string rate_label(Rational rate);

}  // namespace media::samples
