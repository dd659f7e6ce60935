// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// Entry point of `slate mhl`; args[0] is "mhl".
int run_mhl(const std::vector<std::string>& args);

}  // namespace slate
