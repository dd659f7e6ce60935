// SPDX-License-Identifier: Apache-2.0
// Writes image sequences (DPX, OpenEXR) through libmedia's write_image_file (OpenImageIO, loaded on
// first use): one file per picture, numbered from a first frame number, each with its timecode.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"

namespace media::samples {

/// How the pictures of a sequence are stored.
struct SequenceSpec {
    std::string label;   ///< for people, e.g. "DPX 10-bit RGB"
    std::string format;  ///< file extension and OpenImageIO format: "dpx" or "exr"
    int width = 0;
    int height = 0;
    int channels = 3;  ///< 3: RGB, 4: RGBA
    int bits = 10;     ///< integer bits per sample; 16 with half_float
    bool half_float = false;
    bool scene_linear = false;  ///< linearise R'G'B' through the inverse BT.709 OETF
    Rational rate;
    int64_t first_number = 0;  ///< file number of the first picture
    int64_t frames = 0;
    Timecode start_timecode{TimecodeRate{Rational(24, 1), false}, 0};
    std::string compression;  ///< OpenImageIO "compression" attribute; empty: format default
    bool rec709_chromaticities = false;  ///< write the EXR chromaticities attribute
    std::vector<std::pair<std::string, std::string>> attributes;  ///< extra string attributes
};

/// Draws picture `index` (0-based) as interleaved R'G'B'(A) floats, 0..1.
using RgbSource = std::function<void(int64_t index, float* pixels)>;

/// "stem.%06d.ext": the printf pattern of a sequence's file names.
std::string sequence_pattern(const std::string& stem, const SequenceSpec& spec);
/// The file name of the picture numbered `number`.
std::string sequence_file_name(const std::string& stem, const SequenceSpec& spec, int64_t number);

/// Writes every picture of spec into folder `dir` (which must exist).
Result<void> write_sequence(const SequenceSpec& spec, const std::filesystem::path& dir,
                            const std::string& stem, const RgbSource& source);

}  // namespace media::samples
