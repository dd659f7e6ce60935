// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/cli.h"
#include "media/core/frame_range.h"
#include "media/metrics/compare.h"
#include "media/report/compare_writers.h"

namespace slate {

/// What `slate compare` was asked to do.
struct CompareSettings {
    media::metrics::CompareRequest request;
    media::report::CompareOutputs outputs;
    /// Pooled means that must be reached (metric column, minimum): exit 1 when one is not.
    std::vector<std::pair<std::string, double>> fail_under;
    bool quiet = false;
    /// --shard START:END --shard-out F: compare only that range and write a shard file.
    std::optional<media::FrameRange> shard;
    std::string shard_out;
    /// --merge-shards F...: merge shard files instead of comparing.
    std::vector<std::string> merge_shards;
    std::string device;  ///< --device ("" is auto without the info line)
};

/// Parses `compare REF DIST [options]`; args[0] is "compare". Pure: files and models are
/// checked when the comparison runs.
ParseResult<CompareSettings> parse_compare_args(const std::vector<std::string>& args);

}  // namespace slate
