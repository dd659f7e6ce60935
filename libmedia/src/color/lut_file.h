// SPDX-License-Identifier: Apache-2.0
// LUT files: the format from the extension, and paths as OpenColorIO needs them.
#pragma once

#include <string>

#include "media/core/result.h"

namespace media::color::detail {

/// The path made absolute and normal: OpenColorIO's raw config has no search path, and errors
/// then name the same file whichever folder the caller ran in.
std::string absolute_path(const std::string& path);

}  // namespace media::color::detail
