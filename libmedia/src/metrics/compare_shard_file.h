// SPDX-License-Identifier: Apache-2.0
// Private to metrics/: the compare shard file, one frame range's rows and what the merge needs
// to check that shards belong together. Binary, little-endian, doubles stored bit-exactly:
//   "SLCMPSHD" u32 version | body | u64 FNV-1a of every byte before it | "SLCMPEND"
// Strings are a u32 length and their bytes; every read is checked against what is left, so a
// truncated or damaged file is an error naming it, never a crash.
#pragma once

#include <cstdint>
#include <string>

#include "common/byte_record.h"
#include "media/core/frame_range.h"
#include "media/core/result.h"
#include "media/metrics/compare.h"

namespace media::metrics::detail {

using media::detail::identify_input;
using media::detail::InputIdentity;

/// A hash of every request option that decides a row's values or where the run ends: metrics,
/// models (column, name and the model file's bytes), SSIM scale, PSNR and prediction options,
/// scaling, offsets, raw formats, frame_count, allow_length_mismatch. `models` are the request's
/// resolved models (CompareInfo::models). Not threads, paths or outputs.
uint64_t request_fingerprint(const CompareRequest& request,
                             const std::vector<CompareInfo::Model>& models);

/// One shard file's content. result has columns, frame_numbers, frames and info (no pooled).
struct CompareShard {
    InputIdentity reference;
    InputIdentity distorted;
    uint64_t fingerprint = 0;
    FrameRange range;  ///< as asked for; the rows start at range.first
    bool reached_end = false;
    CompareResult result;
};

/// Writes the shard under a temporary name beside `path`, then renames it into place.
Result<void> write_compare_shard(const std::string& path, const CompareShard& shard);

/// Reads and checks a whole shard file (magic, version, checksum, every length).
Result<CompareShard> read_compare_shard(const std::string& path);

}  // namespace media::metrics::detail
