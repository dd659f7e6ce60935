// SPDX-License-Identifier: Apache-2.0
#include "media/core/version.h"

namespace media {

std::string slate_version() { return SLATE_VERSION; }

}  // namespace media
