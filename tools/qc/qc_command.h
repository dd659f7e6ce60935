// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate qc FILE... [--profile P] [--json F] [--junit F] [--html F] [--frames-csv F]
/// [--evidence DIR]`, or one shard of a file (`--shard START:END --shard-out S`), or the
/// report from shards (`--merge-shards S...`): exit 0 pass, 1 a check failed, 2 unreadable
/// input / error, 3 usage.
int run_qc(const std::vector<std::string>& args);

}  // namespace slate
