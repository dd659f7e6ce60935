// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// Entry point of `slate probe`; args[0] is "probe".
int run_probe(const std::vector<std::string>& args);

}  // namespace slate
