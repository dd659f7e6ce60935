// SPDX-License-Identifier: Apache-2.0
// Still images and image sequences through the image module (OpenImageIO, loaded on first use).
// Only headers are read.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

#include <fmt/format.h>

#include "image_plugin.h"
#include "probe_internal.h"

namespace media::probe_detail {
namespace {

using io::ImageHeader;

// The OIIO reader for a file's magic bytes; "" for anything else. PNG and TIFF are here too:
// OIIO reports their declared size before any decoding, where libav's image pipes only fail with
// "unspecified size" on a hostile header.
std::string sniff_format(const std::string& path) {
    unsigned char magic[4] = {};
    std::ifstream file(path, std::ios::binary);
    if (!file.read(reinterpret_cast<char*>(magic), sizeof magic)) return "";
    auto is = [&magic](unsigned a, unsigned b, unsigned c, unsigned d) {
        return magic[0] == a && magic[1] == b && magic[2] == c && magic[3] == d;
    };
    if (is(0x76, 0x2f, 0x31, 0x01)) return "openexr";
    if (is('S', 'D', 'P', 'X') || is('X', 'P', 'D', 'S')) return "dpx";
    if (is(0x80, 0x2a, 0x5f, 0xd7) || is(0xd7, 0x5f, 0x2a, 0x80)) return "cineon";
    if (is(0x89, 'P', 'N', 'G')) return "png";
    if (is('I', 'I', 42, 0) || is('M', 'M', 0, 42)) return "tiff";
    return "";
}

std::string one_line(std::string text) {
    std::replace(text.begin(), text.end(), '\n', ' ');
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text.empty() ? "unknown error" : text;
}

// With a format known from the magic bytes, that reader alone opens the file, so a damaged EXR
// gets OpenEXR's own complaint rather than "no reader found". OIIO and OpenEXR throw on some
// damaged files; the module turns that into a Threw status.
Result<ImageHeader> open_header(const std::string& path) {
    auto backend = io::image_backend();
    if (!backend) return std::move(backend).error().with_file(path);
    std::unique_ptr<io::ImageReader> reader;
    const io::ImageStatus status = (*backend)->open(path, sniff_format(path), reader);
    if (status.outcome == io::ImageStatus::Outcome::Threw)
        return Error(ErrorCode::DecodeError, "damaged image: " + status.message).with_file(path);
    if (!status.ok())
        return Error(ErrorCode::UnsupportedFormat,
                     "cannot read as an image: " + one_line(status.message))
            .with_file(path)
            .with_operation("open");
    return reader->header();
}

Result<ImageHeader> read_header(const std::string& path, int64_t max_pixels) {
    auto header = open_header(path);
    if (!header) return header;
    int64_t pixels = std::max(int64_t{header->width} * header->height,
                              int64_t{header->full_width} * header->full_height);
    if (header->width <= 0 || header->height <= 0 || header->channels <= 0)
        return Error(ErrorCode::DecodeError, "image header declares no pixels").with_file(path);
    if (pixels > max_pixels)
        return Error(ErrorCode::UnsupportedFormat,
                     fmt::format("declares {}x{} pixels, over the limit of {} pixels per frame",
                                 header->width, header->height, max_pixels))
            .with_file(path);
    return header;
}

std::string data_type_of(const ImageHeader& header) {
    const int bits = header.bits_per_sample;
    const bool integer = header.sample == io::ImageSample::U16;
    if (integer && bits > 0 && bits < 16) return fmt::format("uint{}", bits);
    return header.sample_name;
}

int bit_depth_of(const ImageHeader& header) {
    return header.bits_per_sample > 0 ? header.bits_per_sample : header.sample_bytes * 8;
}

std::optional<std::array<double, 8>> chromaticities_of(const ImageHeader& header) {
    if (!header.chromaticities) return std::nullopt;
    // Through the float's shortest decimal form, so 0.64f reports as 0.64, not 0.6399999857.
    std::array<double, 8> out{};
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = std::stod(fmt::format("{}", (*header.chromaticities)[i]));
    return out;
}

ImageInfo image_info_of(const ImageHeader& header) {
    ImageInfo image;
    image.format = header.format;
    image.channels = header.channels;
    image.channel_names = header.channel_names;
    image.data_type = data_type_of(header);
    image.compression = header.compression;
    image.chromaticities = chromaticities_of(header);
    image.transfer = header.transfer;
    image.subimages = std::max(1, header.subimages);
    return image;
}

// "rgba", "rgb", "y" when the channels are the usual ones, else "20ch".
std::string channel_label(const std::vector<std::string>& names) {
    std::string label;
    for (const auto& name : names) {
        if (name.size() != 1 || std::string_view("RGBAYZ").find(name[0]) == std::string::npos)
            return fmt::format("{}ch", names.size());
        label += static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    }
    return label;
}

// Declared rate: EXR's FramesPerSecond, else a plausible DPX/Cineon frame rate field.
Rational frame_rate_of(const ImageHeader& header) {
    const auto [num, den] = header.frames_per_second;
    if (num > 0 && den > 0) return Rational(num, den);
    if (header.legacy_frame_rate > 0)
        return Rational::parse(fmt::format("{:.3f}", header.legacy_frame_rate))
            .value_or(Rational());
    return {};
}

TransferCharacteristic transfer_of(const std::string& dpx_transfer) {
    if (dpx_transfer == "Linear") return TransferCharacteristic::Linear;
    if (dpx_transfer == "ITU-R 709-4" || dpx_transfer == "SMPTE 274M")
        return TransferCharacteristic::BT709;
    return TransferCharacteristic::Unspecified;
}

// libav's codec names, so a still reads the same whichever library described it.
std::string codec_of(const std::string& format) {
    if (format == "openexr") return "exr";
    if (format == "jpeg") return "mjpeg";
    return format;
}

std::string format_long_of(const std::string& format) {
    if (format == "openexr") return "OpenEXR image";
    if (format == "dpx") return "DPX (Digital Picture Exchange) image";
    if (format == "cineon") return "Cineon image";
    if (format == "png") return "PNG (Portable Network Graphics) image";
    if (format == "tiff") return "TIFF image";
    return format + " image";
}

VideoInfo video_of(const ImageHeader& header, const ImageInfo& image) {
    VideoInfo video;
    // The display window is the picture a deliverable is judged by; the data window may differ.
    video.width = header.full_width > 0 ? header.full_width : header.width;
    video.height = header.full_height > 0 ? header.full_height : header.height;
    video.sample_aspect_ratio =
        Rational::parse(fmt::format("{:.4f}", header.pixel_aspect_ratio)).value_or(Rational(1, 1));
    video.display_aspect_ratio = Rational(video.width, video.height) * video.sample_aspect_ratio;
    video.field_order = FieldOrder::Progressive;
    video.r_frame_rate = video.avg_frame_rate = frame_rate_of(header);
    video.pixel_format = channel_label(image.channel_names) + " " + image.data_type;
    video.bit_depth = bit_depth_of(header);
    video.color.transfer = transfer_of(image.transfer);
    video.color.range = ColorRange::Full;
    return video;
}

MediaInfo describe_image(const std::string& path, const ImageHeader& header) {
    MediaInfo info;
    info.path = path;
    info.format = header.format;
    info.format_long = format_long_of(header.format);
    info.image = image_info_of(header);
    info.start_timecode = header.timecode;
    StreamInfo stream;
    stream.kind = StreamKind::Video;
    stream.codec = codec_of(header.format);
    stream.codec_long = info.format_long;
    stream.profile = info.image->compression;
    stream.frame_count = 1;
    stream.video = video_of(header, *info.image);
    if (stream.video->r_frame_rate.valid()) stream.time_base = stream.video->r_frame_rate.inverse();
    info.streams.push_back(std::move(stream));
    return info;
}

int64_t file_size(const std::string& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<int64_t>(size);
}

SequenceInfo sequence_of(const SequenceFiles& files, const ImageInfo& image) {
    SequenceInfo sequence;
    sequence.pattern = files.pattern.printf_form();
    sequence.first_frame = files.frames.front();
    sequence.last_frame = files.frames.back();
    sequence.frame_count = static_cast<int64_t>(files.frames.size());
    sequence.missing_frames = missing_frames(files.frames);
    sequence.channels = image.channels;
    sequence.channel_names = image.channel_names;
    sequence.data_type = image.data_type;
    sequence.compression = image.compression;
    sequence.chromaticities = image.chromaticities;
    sequence.transfer = image.transfer;
    return sequence;
}

}  // namespace

bool looks_like_oiio_image(const std::string& path) {
    return !sniff_format(path).empty();
}

bool has_image_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const char* known : {".exr", ".dpx", ".cin", ".tif", ".tiff", ".png", ".jpg", ".jpeg",
                              ".tga", ".bmp", ".psd", ".hdr", ".sxr", ".webp"})
        if (ext == known) return true;
    return false;
}

Result<MediaInfo> probe_image(const std::string& path, const ProbeOptions& options) {
    MEDIA_TRY_ASSIGN(ImageHeader header, read_header(path, options.max_pixels));
    MediaInfo info = describe_image(path, header);
    info.size_bytes = file_size(path);
    return info;
}

Result<MediaInfo> probe_sequence(const std::string& path, const SequencePattern& pattern,
                                 const ProbeOptions& options) {
    auto found = find_sequence_files(pattern);
    if (!found) return Error(std::move(found).error()).with_file(path);
    const SequenceFiles& files = *found;
    MEDIA_TRY_ASSIGN(ImageHeader header,
                     read_header(files.pattern.path_of(files.frames.front()), options.max_pixels));
    MediaInfo info = describe_image(path, header);
    info.format_long += " sequence";
    info.sequence = sequence_of(files, *info.image);
    for (int64_t frame : files.frames) info.size_bytes += file_size(files.pattern.path_of(frame));
    StreamInfo& stream = info.streams.front();
    stream.frame_count = info.sequence->frame_count;
    const Rational rate = stream.video->r_frame_rate;
    if (rate.valid() && rate.num() > 0) {
        const auto span = info.sequence->last_frame - info.sequence->first_frame + 1;
        info.duration_seconds = static_cast<double>(span) / rate.to_double();
        stream.duration_seconds = info.duration_seconds;
    }
    return info;
}

}  // namespace media::probe_detail
