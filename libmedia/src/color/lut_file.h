// SPDX-License-Identifier: Apache-2.0
// What libmedia checks itself before OpenColorIO reads a LUT file.
#pragma once

#include <string>

#include "media/core/result.h"

namespace media::color::detail {

/// The file exists and is not huge, and a .cube's declared sizes are sane and fit the file's
/// length, so that a hostile header cannot make OpenColorIO allocate gigabytes.
/// NotFound for a missing file; InvalidArgument naming the file (and line) otherwise.
Result<void> check_lut_limits(const std::string& path);

/// The path made absolute and normal: OpenColorIO's raw config has no search path, and errors
/// then name the same file whichever folder the caller ran in.
std::string absolute_path(const std::string& path);

}  // namespace media::color::detail
