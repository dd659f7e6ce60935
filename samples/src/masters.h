// SPDX-License-Identifier: Apache-2.0
// The masters set: small delivery masters for `slate validate`'s delivery-spec tests. Three are
// correct (an HD and a UHD HDR10 streaming master, an XDCAM HD422 broadcast master); the others
// copy one of them and get exactly one thing wrong, named in the manifest as the master's fault.
#pragma once

#include <vector>

#include "catalog.h"

namespace media::samples {

/// The masters of the catalog, in generation order.
std::vector<CatalogEntry> master_entries();

}  // namespace media::samples
