// SPDX-License-Identifier: Apache-2.0
// Reading through OpenImageIO: headers for probe, pixels for image sequences.
#include <utility>

#include "oiio_internal.h"

namespace media::io::oiio {
namespace {

class OiioReader final : public ImageReader {
public:
    explicit OiioReader(std::unique_ptr<OIIO::ImageInput> input)
        : m_input(std::move(input)), m_header(header_of(*m_input)) {}
    ~OiioReader() override {
        try {
            m_input->close();
            (void)m_input->geterror();  // clear what close() left, so OIIO does not print it later
        } catch (...) {
            // A damaged file must not end the process on its way out.
        }
    }

    const ImageHeader& header() const override { return m_header; }

    ImageStatus read(ImageSample sample, int channels, void* data,
                     std::ptrdiff_t row_stride) override {
        return guarded([&] {
            if (m_input->read_image(0, 0, 0, channels, type_of(sample), data, OIIO::AutoStride,
                                    row_stride))
                return ImageStatus{};
            return failed(ErrorCode::DecodeError, m_input->geterror());
        });
    }

private:
    std::unique_ptr<OIIO::ImageInput> m_input;
    ImageHeader m_header;
};

std::optional<std::array<float, 8>> chromaticities_of(const OIIO::ImageSpec& spec) {
    std::array<float, 8> values{};
    if (!spec.getattribute("chromaticities", OIIO::TypeDesc(OIIO::TypeDesc::FLOAT, 8),
                           values.data()))
        return std::nullopt;
    return values;
}

float legacy_frame_rate_of(const OIIO::ImageSpec& spec) {
    for (const char* name : {"dpx:FrameRate", "dpx:TemporalFrameRate", "cineon:FrameRate"}) {
        const float fps = spec.get_float_attribute(name, 0.0f);
        if (fps >= 1.0f && fps <= 1000.0f) return fps;
    }
    return 0.0f;
}

void read_timecode(const OIIO::ImageSpec& spec, ImageHeader& header) {
    if (const OIIO::ParamValue* tc = spec.find_attribute("smpte:TimeCode", OIIO::TypeTimeCode)) {
        header.smpte_timecode = static_cast<const uint32_t*>(tc->data())[0];
        header.timecode = OIIO::ImageSpec::metadata_val(*tc);
        return;
    }
    header.timecode = std::string(spec.get_string_attribute("dpx:TimeCode"));
}

}  // namespace

ImageHeader header_of(const OIIO::ImageInput& input) {
    const OIIO::ImageSpec& spec = input.spec();
    ImageHeader header;
    header.format = input.format_name();
    header.width = spec.width;
    header.height = spec.height;
    header.full_width = spec.full_width;
    header.full_height = spec.full_height;
    header.channels = spec.nchannels;
    header.channel_names = spec.channelnames;
    header.sample = sample_of(spec.format);
    header.sample_name = spec.format.c_str();
    header.sample_bytes = static_cast<int>(spec.format.size());
    header.bits_per_sample = spec.get_int_attribute("oiio:BitsPerSample", 0);
    header.subimages = spec.get_int_attribute("oiio:subimages", 1);
    header.compression = std::string(spec.get_string_attribute("compression"));
    header.transfer = std::string(spec.get_string_attribute("dpx:Transfer"));
    header.chromaticities = chromaticities_of(spec);
    spec.getattribute("FramesPerSecond", OIIO::TypeRational, header.frames_per_second.data());
    header.legacy_frame_rate = legacy_frame_rate_of(spec);
    header.pixel_aspect_ratio = spec.get_float_attribute("PixelAspectRatio", 1.0f);
    read_timecode(spec, header);
    return header;
}

// With a format known from the magic bytes, that reader alone opens the file, so a damaged EXR
// gets OpenEXR's own complaint rather than "no reader found".
ImageStatus open_image(const std::string& path, const std::string& format,
                       std::unique_ptr<ImageReader>& reader) {
    std::unique_ptr<OIIO::ImageInput> input;
    if (format.empty()) {
        input = OIIO::ImageInput::open(path);
        if (!input) return failed(ErrorCode::UnsupportedFormat, OIIO::geterror());
    } else {
        input = OIIO::ImageInput::create(format);
        OIIO::ImageSpec spec;
        if (!input || !input->open(path, spec))
            return failed(ErrorCode::UnsupportedFormat,
                          input ? input->geterror() : OIIO::geterror());
    }
    reader = std::make_unique<OiioReader>(std::move(input));
    return {};
}

}  // namespace media::io::oiio
