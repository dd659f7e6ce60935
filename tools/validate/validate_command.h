// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate {

/// `slate validate FILE... --spec S [--param N=V]... [--json F] [--junit F] [--html F]`, and
/// `--explain S`, `--lint S...`, `--list`: exit 0 pass, 1 a rule failed (lint: a problem was
/// found), 2 unreadable input / spec error, 3 usage.
int run_validate(const std::vector<std::string>& args);

}  // namespace slate
