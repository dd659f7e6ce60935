// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// Entry point of `slate samples`; args[0] is "samples".
int run_samples(const std::vector<std::string>& args);

}  // namespace slate
