// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace media {

/// Slate's own version, e.g. "0.1.0".
std::string slate_version();

}  // namespace media
