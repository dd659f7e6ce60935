// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/cli.h"

namespace slate {

/// What `slate probe` was asked to do.
struct ProbeSettings {
    std::vector<std::string> inputs;  ///< files or image sequence patterns, in order
    bool json = false;                ///< one JSON document on stdout instead of text
    bool count_frames = false;        ///< decode every video frame to count them
};

/// Parses `probe FILE|SEQUENCE... [--json] [--count-frames]`; args[0] is "probe". Pure: prints
/// nothing; help and usage errors come back as a ParseExit.
ParseResult<ProbeSettings> parse_probe_args(const std::vector<std::string>& args);

}  // namespace slate
