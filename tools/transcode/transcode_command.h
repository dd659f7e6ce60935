// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// Entry point of `slate transcode`; args[0] is "transcode".
int run_transcode(const std::vector<std::string>& args);

}  // namespace slate
