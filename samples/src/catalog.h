// SPDX-License-Identifier: Apache-2.0
// The list of clips the generator knows: each is plain data (how to encode, how long, which
// timecode) that the writers carry out and the manifest describes.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "clip_writer.h"
#include "defects.h"
#include "sequence_writer.h"
#include "slate_samples/samples.h"

namespace media::samples {

/// One movie file of the catalog: the pattern and the tones, encoded as `clip` says.
struct MovieEntry {
    ClipSpec clip;
    std::optional<MasterFacts> master;  ///< masters: head black, signal scale, purpose
};

/// One image sequence of the catalog, written as a folder named after the entry.
struct SequenceEntry {
    SequenceSpec sequence;
};

/// One named clip of the catalog.
struct CatalogEntry {
    std::string name;  ///< file stem
    SampleSet set = SampleSet::Dailies;
    std::string description;
    std::variant<MovieEntry, SequenceEntry, DefectsPlan> what;
};

/// Every clip, dailies first, in generation order.
const std::vector<CatalogEntry>& catalog();

/// The file extension of a container (muxer) name, with the dot: ".mov", ".mp4", ".mxf".
std::string extension_for(const std::string& container);

/// The Y'CbCr matrix the pattern uses for a clip's colour tags.
YuvMatrix matrix_for(const ColorInfo& color);

/// One tone per channel: channel n (0-based) plays (n + 1) kHz at `level_dbfs`.
std::vector<Tone> standard_tones(int channels, double level_dbfs = -20.0);

/// BT.709 primaries, transfer and matrix, limited range.
ColorInfo bt709_tags();

/// A catalog timecode; the texts are constants, so a bad one is a programming error.
Timecode catalog_timecode(const char* text, Rational rate, bool drop = false);

}  // namespace media::samples
