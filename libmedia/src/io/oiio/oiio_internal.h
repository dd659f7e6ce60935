// SPDX-License-Identifier: Apache-2.0
// Private to the media_oiio module: the parts of its ImageBackend, one file each.
#pragma once

#include <exception>
#include <memory>
#include <string>

#include <OpenImageIO/imageio.h>

#include "../image_backend.h"

namespace media::io::oiio {

namespace OIIO = OIIO_NAMESPACE;

/// OpenImageIO's type for a sample type, and back.
OIIO::TypeDesc type_of(ImageSample sample);
ImageSample sample_of(const OIIO::TypeDesc& type);

/// A failure of category `code` with OpenImageIO's message.
ImageStatus failed(ErrorCode code, std::string message);

/// Runs `call`, turning anything it throws into a Threw status: no exception leaves the module.
template <typename Call>
ImageStatus guarded(Call&& call) noexcept {
    try {
        return call();
    } catch (const std::exception& e) {
        return ImageStatus{ImageStatus::Outcome::Threw, ErrorCode::DecodeError, e.what()};
    } catch (...) {
        return ImageStatus{ImageStatus::Outcome::Threw, ErrorCode::DecodeError,
                           "unknown exception"};
    }
}

/// Opens an image file for reading (see ImageBackend::open).
ImageStatus open_image(const std::string& path, const std::string& format,
                       std::unique_ptr<ImageReader>& reader);

/// Describes what an open file's header declares.
ImageHeader header_of(const OIIO::ImageInput& input);

/// Writes one image file (see ImageBackend::write).
ImageStatus write_image(const ImageWrite& image);

}  // namespace media::io::oiio
