// SPDX-License-Identifier: Apache-2.0
// Writing one image file through OpenImageIO, either under its own name or through an IO proxy
// (so that the name recorded inside the file is not the path it is written to).
#include <OpenImageIO/filesystem.h>

#include "oiio_internal.h"

namespace media::io::oiio {
namespace {

struct AttributeSetter {
    OIIO::ImageSpec& spec;
    const std::string& name;

    void operator()(int value) const { spec.attribute(name, value); }
    void operator()(float value) const { spec.attribute(name, value); }
    void operator()(const std::string& value) const { spec.attribute(name, value); }
    void operator()(const std::vector<float>& values) const {
        const OIIO::TypeDesc type(OIIO::TypeDesc::FLOAT, static_cast<int>(values.size()));
        spec.attribute(name, type, values.data());
    }
    void operator()(const ImageRational& rate) const {
        const int values[2] = {rate.num, rate.den};
        spec.attribute(name, OIIO::TypeRational, values);
    }
    void operator()(const SmpteTimecode& timecode) const {
        const int values[2] = {static_cast<int>(timecode.word), 0};  // time word, user bits
        spec.attribute(name, OIIO::TypeTimeCode, values);
    }
};

OIIO::ImageSpec spec_of(const ImageWrite& image) {
    OIIO::ImageSpec spec(image.width, image.height, image.channels, type_of(image.stored));
    for (const auto& attribute : image.attributes)
        std::visit(AttributeSetter{spec, attribute.name}, attribute.value);
    return spec;
}

// Opens `out` on `name`, writes the pixels and closes it.
ImageStatus write_pixels(OIIO::ImageOutput& out, const std::string& name, const ImageWrite& image) {
    if (!out.open(name, spec_of(image)))
        return failed(ErrorCode::IoError, "cannot create image: " + out.geterror());
    const OIIO::stride_t row_stride = image.row_stride > 0 ? image.row_stride : OIIO::AutoStride;
    const bool written =
        out.write_image(type_of(image.given), image.pixels, OIIO::AutoStride, row_stride);
    const bool closed = out.close();
    if (!written || !closed)
        return failed(ErrorCode::IoError, "cannot write image: " + out.geterror());
    return {};
}

ImageStatus write_direct(const ImageWrite& image) {
    auto out = OIIO::ImageOutput::create(image.name);
    if (!out) return failed(ErrorCode::UnsupportedFormat, "no image writer: " + OIIO::geterror());
    return write_pixels(*out, image.path, image);
}

ImageStatus write_through_proxy(const ImageWrite& image) {
    OIIO::Filesystem::IOFile file(image.path, OIIO::Filesystem::IOProxy::Write);
    if (!file.opened()) return failed(ErrorCode::IoError, "cannot open for writing");
    auto out = OIIO::ImageOutput::create(image.name, &file);
    if (!out) return failed(ErrorCode::UnsupportedFormat, "no image writer: " + OIIO::geterror());
    ImageStatus status = write_pixels(*out, image.name, image);
    file.close();
    if (status.ok() && !file.error().empty())
        return failed(ErrorCode::IoError, "cannot write image: " + file.error());
    return status;
}

}  // namespace

ImageStatus write_image(const ImageWrite& image) {
    return image.through_proxy ? write_through_proxy(image) : write_direct(image);
}

}  // namespace media::io::oiio
