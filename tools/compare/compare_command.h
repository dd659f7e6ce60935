// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate compare REF DIST [--metrics ...] [--vmaf-model F] [--json|--csv|--xml F]`: exit 0
/// compared, 1 a --fail-under was not met, 2 input/model error, 3 usage.
int run_compare(const std::vector<std::string>& args);

}  // namespace slate
