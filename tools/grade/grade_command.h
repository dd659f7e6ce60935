// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate grade`: see grade_args.h for the options.
int run_grade(const std::vector<std::string>& args);

}  // namespace slate
