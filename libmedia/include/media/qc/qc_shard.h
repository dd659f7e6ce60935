// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "media/core/device.h"
#include "media/core/frame_range.h"
#include "media/core/result.h"
#include "media/qc/profile.h"
#include "media/qc/qc_report.h"

namespace media::qc {

/// QC of one frame range of a long file, for running shards in parallel (on a farm).
struct QcShardRequest {
    std::string input;
    QcProfile profile;
    FrameRange frames;   ///< the shard's frames (the last shard may end past the file's end)
    std::string output;  ///< shard file to write (temporary name, renamed when complete)
    int threads = 0;
    DevicePolicy device = DevicePolicy::Auto;  ///< as QcRequest::device
};

/// Decodes the shard's frames (seeking frame-accurately; the frame before the range is decoded
/// too, so measures that compare with the previous frame are the same as in one pass) and
/// writes every frame's measures, with the input's identity (file name, size, modification
/// time), the profile's fingerprint, whether the video ended inside the range, and the decode
/// problems of its frames, to the shard file. Errors: unreadable input, unwritable output, a
/// range that is empty or starts past the end of the video; no shard file is left then.
Result<void> run_qc_shard(const QcShardRequest& request);

/// Merging shards into the report one process would have written.
struct QcMergeRequest {
    std::string input;
    QcProfile profile;
    std::vector<std::string> shards;  ///< shard files, any order
    int threads = 0;
    std::function<void(FileReport&)> on_file;
};

/// Replays the shards' frame measures through the detectors in frame order (so events that
/// cross a shard boundary are one event, statistics are pooled exactly) and measures the audio
/// over the whole programme in this process (loudness gated globally). The result equals
/// run_qc's for the same input and profile (only RunInfo differs, and neither fills it).
/// InvalidArgument naming the shard file when a shard is for another input or profile,
/// overlaps, leaves a gap, or the shards stop before the end of the video; a truncated or
/// damaged shard file is an error naming it. An unreadable input gives a FileReport with
/// FileVerdict::Error, as run_qc does.
Result<QcReport> merge_qc_shards(const QcMergeRequest& request);

}  // namespace media::qc
