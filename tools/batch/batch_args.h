// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/cli.h"
#include "transcode/transcode_args.h"

namespace slate {

/// What `slate batch` was asked to do.
struct BatchSettings {
    std::vector<std::string> inputs;   ///< files, folders, globs, .csv / .ale manifests
    std::vector<std::string> presets;  ///< one or more: every clip goes through each
    JobOptions job;
    int jobs = 0;   ///< concurrent jobs; 0: from the cores
    int cores = 0;  ///< CPU threads to keep busy; 0: all
    std::string progress = "auto";
    bool json = false;
    bool no_ale = false;
    bool no_checksums = false;
    bool no_mhl = false;
};

/// Parses `batch IN... -p PRESET [-p PRESET...] -o OUTDIR [options]`; args[0] is "batch". Pure.
ParseResult<BatchSettings> parse_batch_args(const std::vector<std::string>& args);

}  // namespace slate
