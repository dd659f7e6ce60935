// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/cli.h"

namespace slate {

/// What `slate qc` was asked to do.
struct QcSettings {
    std::vector<std::string> inputs;
    std::string profile = "default";  ///< built-in name or .yaml path
    std::string json;                 ///< report paths ("-" = stdout, JSON only)
    std::string junit;
    std::string html;
    std::string frames_csv;
    std::string evidence_dir;
    std::string reference;    ///< compare every input with this (fidelity check)
    bool series = false;      ///< per-frame graphs in the JSON
    bool continuous = false;  ///< inputs are consecutive parts of one programme
    bool list_profiles = false;
    bool verbose = false;  ///< list passing checks too
    bool quiet = false;    ///< no summary on stdout
    int threads = 0;
};

/// Parses `qc FILE... [options]`; args[0] is "qc". Pure: files and profiles are checked later.
ParseResult<QcSettings> parse_qc_args(const std::vector<std::string>& args);

}  // namespace slate
