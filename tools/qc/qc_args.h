// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/cli.h"
#include "media/core/frame_range.h"

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
    std::string device;  ///< --device ("" is auto without the info line)
    /// --shard START:END with --shard-out F: measure these frames of the one input into F.
    std::optional<media::FrameRange> shard;
    std::string shard_out;
    /// --merge-shards F...: the report of the one input from its shard files.
    std::vector<std::string> merge_shards;
};

/// Parses `qc FILE... [options]`; args[0] is "qc". Pure: files and profiles are checked later.
ParseResult<QcSettings> parse_qc_args(const std::vector<std::string>& args);

}  // namespace slate
