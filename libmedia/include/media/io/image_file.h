// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/pixel_format.h"

namespace media {

/// A metadata value of an image file, stored as the format's attribute of that type: a Timecode
/// as the SMPTE time address ("smpte:TimeCode"), a Rational as a rational ("FramesPerSecond"),
/// a list of floats as a float array ("chromaticities").
using ImageAttributeValue =
    std::variant<int, float, std::string, std::vector<float>, Rational, Timecode>;

/// How write_image_file stores one picture.
struct ImageFileSpec {
    int width = 0;
    int height = 0;
    int channels = 3;                     ///< interleaved: 3 RGB, 4 RGBA
    SampleType stored = SampleType::U16;  ///< in the file; fewer bits via "oiio:BitsPerSample"
    /// OpenImageIO attribute names and values, e.g. {"compression", "zip"}, in this order.
    std::vector<std::pair<std::string, ImageAttributeValue>> attributes;
};

/// Writes one picture, given as width*height*channels interleaved floats (0..1), as an image
/// file through OpenImageIO (loaded on first use); the format follows the extension (.dpx, .exr,
/// .tif, .png...). The file's own header records only the file name, never the folder, so the
/// same picture makes the same bytes wherever it is written. Not atomic: write a temporary name
/// and rename for that.
Result<void> write_image_file(const std::filesystem::path& path, const ImageFileSpec& spec,
                              std::span<const float> pixels);

/// The SMPTE ST 12-1 time-and-flags word of a timecode (BCD HHMMSSFF, drop-frame flag in bit 6),
/// the layout DPX headers and OpenEXR's timeCode attribute share.
uint32_t smpte_time_word(const Timecode& timecode);

}  // namespace media
