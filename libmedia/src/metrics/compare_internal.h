// SPDX-License-Identifier: Apache-2.0
// Private to metrics/: the compare runner's pieces that sharding (compare_shard.cpp) shares —
// the model loading that names the columns, and a run over a frame range that says whether it
// reached the end of the inputs.
#pragma once

#include <vector>

#include "frame_scorer.h"
#include "media/core/result.h"
#include "media/metrics/compare.h"

namespace media::metrics::detail {

/// Resolves and loads the request's VMAF models in order, recording each (column, name, path)
/// in facts.models. Empty when VMAF is not asked for.
Result<std::vector<ModelColumn>> load_models(const CompareRequest& request, CompareInfo& facts);

/// Pooled statistics of each of the first `columns` columns of the rows.
std::vector<PooledStats> pool_columns(const std::vector<std::vector<double>>& rows, size_t columns);

/// A run over request.frames (all frames when unset).
struct RangeRun {
    CompareResult result;
    /// The run ended inside the range: an input ended (the end the lengths were judged at) or
    /// the request's frame_count was reached. A later range has no frames then.
    bool reached_end = false;
};

/// run_compare with the end state; decode problems counted are those of the range's frames
/// (file-level ones, at no frame, only in a range that starts at frame 0).
Result<RangeRun> run_compare_range(const CompareRequest& request);

}  // namespace media::metrics::detail
