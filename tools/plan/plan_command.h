// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate plan` (args[0] is the command name). Returns the process exit code.
int run_plan(const std::vector<std::string>& args);

}  // namespace slate
