// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate qc FILE... [--profile P] [--json F] [--junit F] [--html F] [--frames-csv F]
/// [--evidence DIR]`: exit 0 pass, 1 a check failed, 2 unreadable input / error, 3 usage.
int run_qc(const std::vector<std::string>& args);

}  // namespace slate
