// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate run` (args[0] is the command name). Returns the process exit code.
int run_run(const std::vector<std::string>& args);

}  // namespace slate
