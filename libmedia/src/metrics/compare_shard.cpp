// SPDX-License-Identifier: Apache-2.0
// Sharded compare. A shard is run_compare over a frame range (compare.cpp seeks both inputs to
// the frame before it and reads one past it, so its rows are those of one pass); the merge
// checks that the shards belong to the request and cover every frame once, concatenates their
// rows and pools them with the same code one pass uses.
#include "media/metrics/compare_shard.h"

#include <algorithm>

#include <fmt/format.h>

#include "compare_internal.h"
#include "compare_shard_file.h"
#include "media/io/temp_output.h"

namespace media::metrics {
namespace {

using detail::CompareShard;
using detail::InputIdentity;

std::string describe(const InputIdentity& id) {
    return fmt::format("{} ({} bytes)", id.name, id.size);
}

/// What every shard of the request must carry.
struct Expected {
    InputIdentity reference;
    InputIdentity distorted;
    uint64_t fingerprint = 0;
    std::vector<CompareInfo::Model> models;
};

Result<Expected> expected_of(const CompareRequest& request) {
    Expected e;
    CompareInfo facts;
    MEDIA_TRY(detail::load_models(request, facts));
    e.models = std::move(facts.models);
    e.reference = detail::identify_input(request.reference.path);
    e.distorted = detail::identify_input(request.distorted.path);
    e.fingerprint = detail::request_fingerprint(request, e.models);
    return e;
}

Result<void> check_belongs(const std::string& path, const CompareShard& shard,
                           const Expected& expected, const CompareRequest& request) {
    if (!(shard.reference == expected.reference) || !(shard.distorted == expected.distorted))
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: compared other inputs ({} and {}), not {} and {}", path,
                                 describe(shard.reference), describe(shard.distorted),
                                 request.reference.path, request.distorted.path));
    if (shard.fingerprint != expected.fingerprint)
        return Error(ErrorCode::InvalidArgument,
                     path +
                         ": made with other compare options (metrics, models, offsets, frames, "
                         "scaling or score options) than this merge");
    return ok();
}

Error range_error(const std::string& path, const CompareShard& shard, const std::string& what) {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}: shard {} {}", path, format_frame_range(shard.range), what));
}

struct Loaded {
    std::string path;
    CompareShard shard;
};

/// Checks that the shards, in frame order, cover frame 0 to the end once each.
Result<void> check_cover(const std::vector<Loaded>& shards) {
    int64_t next = 0;
    for (size_t i = 0; i < shards.size(); ++i) {
        const Loaded& s = shards[i];
        const int64_t rows = static_cast<int64_t>(s.shard.result.frames.size());
        if (i > 0 && shards[i - 1].shard.reached_end)
            return range_error(s.path, s.shard,
                               fmt::format("starts after the end of the inputs (frame {})", next));
        if (s.shard.range.first > next)
            return range_error(s.path, s.shard,
                               fmt::format("leaves a gap: frames {} are in no shard",
                                           format_frame_range({next, s.shard.range.first - next})));
        if (s.shard.range.first < next)
            return range_error(s.path, s.shard,
                               fmt::format("overlaps the shard before it (up to frame {})", next));
        if (rows != s.shard.range.count && !s.shard.reached_end)
            return range_error(s.path, s.shard, "is incomplete");
        if (s.shard.result.columns != shards[0].shard.result.columns)
            return range_error(s.path, s.shard, "has other columns than the first shard");
        next = s.shard.range.first + rows;
    }
    const Loaded& last = shards.back();
    if (!last.shard.reached_end)
        return range_error(
            last.path, last.shard,
            fmt::format("is the last, and ends at frame {} before the end of the inputs", next));
    return ok();
}

CompareResult concatenate(std::vector<Loaded>& shards, const CompareRequest& request,
                          const Expected& expected) {
    CompareResult merged;
    CompareInfo& info = merged.info;
    info = shards.front().shard.result.info;
    info.reference = request.reference.path;
    info.distorted = request.distorted.path;
    info.models = expected.models;
    info.frames = 0;
    info.reference_decode_errors = info.distorted_decode_errors = 0;
    info.threads = 0;
    info.seconds = 0;
    info.device_seconds = 0;
    merged.columns = shards.front().shard.result.columns;
    for (Loaded& s : shards) {
        CompareResult& part = s.shard.result;
        info.frames += static_cast<int64_t>(part.frames.size());
        info.reference_decode_errors += part.info.reference_decode_errors;
        info.distorted_decode_errors += part.info.distorted_decode_errors;
        info.threads = std::max(info.threads, part.info.threads);
        // Shards may run on different machines: name each device once.
        if (info.device.find(part.info.device) == std::string::npos)
            info.device += ", " + part.info.device;
        info.seconds += part.info.seconds;
        info.device_seconds += part.info.device_seconds;
        merged.frame_numbers.insert(merged.frame_numbers.end(), part.frame_numbers.begin(),
                                    part.frame_numbers.end());
        std::move(part.frames.begin(), part.frames.end(), std::back_inserter(merged.frames));
    }
    // The lengths are known where the inputs ended: the last shard.
    info.reference_frames = shards.back().shard.result.info.reference_frames;
    info.distorted_frames = shards.back().shard.result.info.distorted_frames;
    merged.pooled = detail::pool_columns(merged.frames, merged.columns.size());
    return merged;
}

}  // namespace

Result<CompareShardSummary> run_compare_shard(const CompareRequest& request,
                                              const FrameRange& range, const std::string& output) {
    if (output.empty()) return Error(ErrorCode::InvalidArgument, "compare shard: no shard file");
    MEDIA_TRY(io::check_output_folder(output));
    CompareRequest ranged = request;
    ranged.frames = range;
    MEDIA_TRY_ASSIGN(detail::RangeRun run, detail::run_compare_range(ranged));
    CompareShard shard;
    shard.reference = detail::identify_input(request.reference.path);
    shard.distorted = detail::identify_input(request.distorted.path);
    shard.fingerprint = detail::request_fingerprint(request, run.result.info.models);
    shard.range = range;
    shard.reached_end = run.reached_end;
    shard.result = std::move(run.result);
    shard.result.pooled.clear();
    MEDIA_TRY(detail::write_compare_shard(output, shard));
    return CompareShardSummary{range, static_cast<int64_t>(shard.result.frames.size()),
                               shard.reached_end};
}

Result<CompareResult> merge_compare_shards(const CompareRequest& request,
                                           const std::vector<std::string>& shards) {
    if (shards.empty())
        return Error(ErrorCode::InvalidArgument, "compare: no shard files to merge");
    MEDIA_TRY_ASSIGN(const Expected expected, expected_of(request));
    std::vector<Loaded> loaded;
    for (const std::string& path : shards) {
        MEDIA_TRY_ASSIGN(CompareShard shard, detail::read_compare_shard(path));
        MEDIA_TRY(check_belongs(path, shard, expected, request));
        loaded.push_back(Loaded{path, std::move(shard)});
    }
    std::stable_sort(loaded.begin(), loaded.end(), [](const Loaded& a, const Loaded& b) {
        return a.shard.range.first < b.shard.range.first;
    });
    MEDIA_TRY(check_cover(loaded));
    return concatenate(loaded, request, expected);
}

}  // namespace media::metrics
