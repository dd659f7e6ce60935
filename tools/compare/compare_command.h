// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate compare REF DIST [--metrics ...] [--vmaf-model F] [--json|--csv|--xml F]`: exit 0
/// compared, 1 a --fail-under was not met, 2 input/model error, 3 usage. With --shard START:END
/// --shard-out F it writes one range's shard file (exit 0 or 2); with --merge-shards F... it
/// merges shard files into the outputs one run writes.
int run_compare(const std::vector<std::string>& args);

}  // namespace slate
