// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "media/core/frame_range.h"
#include "media/core/result.h"
#include "media/metrics/compare.h"

namespace media::metrics {

/// What one shard says about itself (for the command line's one-line summary).
struct CompareShardSummary {
    FrameRange range;          ///< as asked for
    int64_t frames = 0;        ///< rows written: frame pairs range.first ... + frames - 1
    bool reached_end = false;  ///< the inputs (or the request's frame_count) ended in the range
};

/// Compares the frame pairs of `range` (indices after the offsets, as CompareRequest::frames;
/// the last shard may end past the inputs' end, "START:" runs to it) and writes their rows
/// bit-exactly to the shard file `output` with what the merge checks: both inputs' identity
/// (file name, size, modification time), a fingerprint of the options that decide the values,
/// the run's facts and whether the inputs ended in the range. Both inputs are seeked (one frame
/// before the range, for motion), never decoded from frame 0. The file is written under a
/// temporary name and renamed when complete. Errors: those of run_compare, an empty range or
/// one that starts past the end, an unwritable output (no shard file is left then).
Result<CompareShardSummary> run_compare_shard(const CompareRequest& request,
                                              const FrameRange& range, const std::string& output);

/// Merges shard files (any order) into the result run_compare gives for the same request:
/// rows concatenated in frame order, pooled statistics recomputed over all of them, facts
/// rebuilt (frame and decode-problem counts summed). Only the run facts differ: info.threads
/// (the most any shard used) and info.seconds (the shards' wall times added). InvalidArgument
/// naming the shard file when one is for other inputs or other options, overlaps another,
/// leaves a gap, or the shards stop before the end; a truncated or damaged file is an error
/// naming it.
Result<CompareResult> merge_compare_shards(const CompareRequest& request,
                                           const std::vector<std::string>& shards);

}  // namespace media::metrics
