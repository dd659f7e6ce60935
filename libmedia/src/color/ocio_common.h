// SPDX-License-Identifier: Apache-2.0
// Shared by the two files that see OCIO:: (ocio_adapter.cpp, ocio_config.cpp).
#pragma once

#include <string>

#include <OpenColorIO/OpenColorIO.h>

#include "media/core/result.h"

namespace media::color::detail {

namespace OCIO = OCIO_NAMESPACE;

/// The config at `path` (or $OCIO when empty), loaded once per process and path. Errors:
/// InvalidArgument "no OCIO config: pass --ocio-config or set $OCIO", NotFound for a missing
/// file, InvalidArgument with OCIO's reason (one line) for one that does not load or validate.
Result<OCIO::ConstConfigRcPtr> open_ocio_config(const std::string& path);

/// OCIO's multi-line exception text on one line, without repeating `file`.
std::string tidy_ocio_message(std::string message, const std::string& file);

}  // namespace media::color::detail
