// SPDX-License-Identifier: Apache-2.0
// Private to io/: finds and loads libmedia_oiio.so, the image backend, on first use.
#pragma once

#include <string>

#include "image_backend.h"
#include "media/core/result.h"

namespace media::io {

/// The image backend, loaded on the first call from any thread; later calls return the same
/// backend or the same error (Internal, naming the module's path and the loader's complaint).
Result<const ImageBackend*> image_backend();

/// Where the module is looked for: $SLATE_OIIO_MODULE when set, else beside libmedia itself.
std::string image_module_path();

}  // namespace media::io
