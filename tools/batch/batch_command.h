// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// Entry point of `slate batch`; args[0] is "batch".
int run_batch(const std::vector<std::string>& args);

}  // namespace slate
