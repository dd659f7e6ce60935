// SPDX-License-Identifier: Apache-2.0
// Private to io/ and the media_oiio module: the interface through which libmedia reads and writes
// still images. OpenImageIO lives behind it in libmedia_oiio.so, loaded on first use, because
// Debian's OpenImageIO pulls ~260 shared libraries (GDAL, DCMTK, OpenVDB...) whose loading cost
// every process linking libmedia ~0.35 s at start-up. Only plain types cross: the module links no
// libmedia code, and it catches every exception OpenImageIO or its codecs throw.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "media/core/error.h"

namespace media::io {

/// Bumped on any change to this header: libmedia refuses a module built against another version.
inline constexpr int kImageBackendAbi = 1;

/// Name of the module file, and of its one exported entry point.
inline constexpr const char* kImageModuleFile = "libmedia_oiio.so";
inline constexpr const char* kImageModuleEntry = "slate_media_oiio_backend";

/// Sample types in and out of image files (OpenImageIO's TypeDesc base types).
enum class ImageSample : uint8_t { U8, I8, U16, I16, U32, I32, Half, Float, Double, Other };

/// Outcome of a module call. On failure `message` holds OpenImageIO's own words (or what an
/// exception said); callers add their context.
struct ImageStatus {
    enum class Outcome : uint8_t { Ok, Failed, Threw };
    Outcome outcome = Outcome::Ok;
    ErrorCode code = ErrorCode::Internal;  ///< category of a failure
    std::string message;

    bool ok() const { return outcome == Outcome::Ok; }
};

/// What the header of an image file declares (its first subimage). Zero or empty when absent.
struct ImageHeader {
    std::string format;  ///< reader name: "openexr", "dpx", "cineon", "png", "tiff", ...
    int width = 0;       ///< data window
    int height = 0;
    int full_width = 0;  ///< display window
    int full_height = 0;
    int channels = 0;
    std::vector<std::string> channel_names;
    ImageSample sample = ImageSample::Other;
    std::string sample_name;  ///< OpenImageIO's name of the sample type: "uint16", "half", ...
    int sample_bytes = 0;
    int bits_per_sample = 0;  ///< "oiio:BitsPerSample" (10 for 10-bit DPX); 0 when absent
    int subimages = 1;
    std::string compression;
    std::string transfer;  ///< DPX transfer characteristic ("Linear", "ITU-R 709-4", ...)
    std::optional<std::array<float, 8>> chromaticities;
    std::array<int, 2> frames_per_second{};  ///< EXR FramesPerSecond as num/den; 0/0 when absent
    float legacy_frame_rate = 0;             ///< first DPX/Cineon rate field within 1..1000 fps
    float pixel_aspect_ratio = 1;
    std::optional<uint32_t> smpte_timecode;  ///< "smpte:TimeCode": SMPTE 12M time address word
    std::string timecode;                    ///< as text: smpte:TimeCode, else dpx:TimeCode
};

/// One open image file. Destroying it closes the file.
class ImageReader {
public:
    virtual ~ImageReader() = default;
    virtual const ImageHeader& header() const = 0;
    /// Reads the first subimage's channels [0, channels) converted to `sample`, rows
    /// `row_stride` bytes apart.
    virtual ImageStatus read(ImageSample sample, int channels, void* data,
                             std::ptrdiff_t row_stride) = 0;
};

/// SMPTE 12M time address word, stored as OpenImageIO's "smpte:TimeCode".
struct SmpteTimecode {
    uint32_t word = 0;
};
/// A rational attribute such as EXR's FramesPerSecond.
struct ImageRational {
    int num = 0;
    int den = 1;
};
/// A metadata attribute of a written image, typed as the file should store it.
struct ImageAttribute {
    std::string name;
    std::variant<int, float, std::string, std::vector<float>, ImageRational, SmpteTimecode> value;
};

/// One image to write.
struct ImageWrite {
    std::string path;  ///< the file written
    /// The name the writer is chosen by (its extension); with `through_proxy` also the name the
    /// writer is told, which formats like DPX record in their header.
    std::string name;
    bool through_proxy = false;
    int width = 0;
    int height = 0;
    int channels = 0;
    ImageSample stored = ImageSample::U16;  ///< sample type in the file
    ImageSample given = ImageSample::U16;   ///< sample type of `pixels`, interleaved
    const void* pixels = nullptr;
    std::ptrdiff_t row_stride = 0;  ///< bytes between rows; 0: packed
    std::vector<ImageAttribute> attributes;
};

/// The image library behind the module. One instance lives in the module for the process.
class ImageBackend {
public:
    virtual ~ImageBackend() = default;
    /// The image library and its version, e.g. "2.4.7".
    virtual std::string version() const = 0;
    /// Opens `path` with the reader named `format`, or the reader its name and contents suggest
    /// when `format` is empty.
    virtual ImageStatus open(const std::string& path, const std::string& format,
                             std::unique_ptr<ImageReader>& reader) const = 0;
    /// Writes one image file.
    virtual ImageStatus write(const ImageWrite& image) const = 0;
};

}  // namespace media::io

/// The module's entry point: its backend, or null when built for another `abi_version`.
extern "C" const media::io::ImageBackend* slate_media_oiio_backend(int abi_version);
