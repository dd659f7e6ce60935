// SPDX-License-Identifier: Apache-2.0
// manifest.json (schema "slate.samples", version 1): every file a run wrote, with the facts it
// was written to have (codec, size, rate, frames, timecode, audio), so tests compare against it.
#pragma once

#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "clip_writer.h"
#include "media/core/result.h"
#include "sequence_writer.h"
#include "slate_samples/samples.h"

namespace media::samples {

/// One written movie or sequence, as the manifest lists it.
struct ManifestItem {
    std::string name;  ///< file stem
    SampleSet set = SampleSet::Dailies;
    std::string description;
    std::string file;  ///< relative to the output folder; a sequence's printf pattern
    std::variant<ClipSpec, SequenceSpec> spec;
    std::string sidecar;  ///< relative path of a defects sidecar, or empty
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
