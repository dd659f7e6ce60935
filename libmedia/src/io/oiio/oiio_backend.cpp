// SPDX-License-Identifier: Apache-2.0
// libmedia_oiio.so: OpenImageIO behind libmedia's ImageBackend interface, and the module's one
// exported symbol. Everything else is hidden (-fvisibility=hidden).
#include <fmt/format.h>

#include "oiio_internal.h"

namespace media::io::oiio {
namespace {

class OiioBackend final : public ImageBackend {
public:
    // OIIO's own sanity limits on headers, so a hostile file fails at open, not at allocation.
    OiioBackend() {
        OIIO::attribute("limits:channels", 1024);
        OIIO::attribute("limits:imagesize_MB", 8192);
    }

    std::string version() const override {
        const int v = OIIO::openimageio_version();
        return fmt::format("{}.{}.{}", v / 10000, v / 100 % 100, v % 100);
    }

    ImageStatus open(const std::string& path, const std::string& format,
                     std::unique_ptr<ImageReader>& reader) const override {
        return guarded([&] { return open_image(path, format, reader); });
    }

    ImageStatus write(const ImageWrite& image) const override {
        return guarded([&] { return write_image(image); });
    }
};

}  // namespace

OIIO::TypeDesc type_of(ImageSample sample) {
    switch (sample) {
        case ImageSample::U8:
            return OIIO::TypeUInt8;
        case ImageSample::I8:
            return OIIO::TypeDesc(OIIO::TypeDesc::INT8);
        case ImageSample::U16:
            return OIIO::TypeUInt16;
        case ImageSample::I16:
            return OIIO::TypeInt16;
        case ImageSample::U32:
            return OIIO::TypeUInt32;
        case ImageSample::I32:
            return OIIO::TypeInt32;
        case ImageSample::Half:
            return OIIO::TypeHalf;
        case ImageSample::Float:
            return OIIO::TypeFloat;
        case ImageSample::Double:
            return OIIO::TypeDesc(OIIO::TypeDesc::DOUBLE);
        case ImageSample::Other:
            break;
    }
    return OIIO::TypeUnknown;
}

ImageSample sample_of(const OIIO::TypeDesc& type) {
    switch (static_cast<OIIO::TypeDesc::BASETYPE>(type.basetype)) {
        case OIIO::TypeDesc::UINT8:
            return ImageSample::U8;
        case OIIO::TypeDesc::INT8:
            return ImageSample::I8;
        case OIIO::TypeDesc::UINT16:
            return ImageSample::U16;
        case OIIO::TypeDesc::INT16:
            return ImageSample::I16;
        case OIIO::TypeDesc::UINT32:
            return ImageSample::U32;
        case OIIO::TypeDesc::INT32:
            return ImageSample::I32;
        case OIIO::TypeDesc::HALF:
            return ImageSample::Half;
        case OIIO::TypeDesc::FLOAT:
            return ImageSample::Float;
        case OIIO::TypeDesc::DOUBLE:
            return ImageSample::Double;
        default:
            return ImageSample::Other;
    }
}

ImageStatus failed(ErrorCode code, std::string message) {
    return ImageStatus{ImageStatus::Outcome::Failed, code, std::move(message)};
}

}  // namespace media::io::oiio

extern "C" __attribute__((visibility("default"))) const media::io::ImageBackend*
slate_media_oiio_backend(int abi_version) {
    if (abi_version != media::io::kImageBackendAbi) return nullptr;
    // Built on first call, after dlopen: OpenImageIO's set-up runs only when images are used.
    static const media::io::oiio::OiioBackend backend;
    return &backend;
}
