// SPDX-License-Identifier: Apache-2.0
#include "samples/samples_command.h"

namespace slate {

int run_samples(const std::vector<std::string>&) { return 2; }

}  // namespace slate
