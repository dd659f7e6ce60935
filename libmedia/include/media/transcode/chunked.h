// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "media/core/frame_range.h"
#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"

namespace media::transcode {

/// Where a source can be cut so that each piece decodes on its own: frame indices (presentation
/// order) that start a closed GOP. Intra-only codecs and image sequences: every frame.
struct SplitPoints {
    int64_t frames = 0;           ///< frames in the source (counted from the packets)
    bool every_frame = false;     ///< intra-only / image sequence: any index is a split point
    std::vector<int64_t> starts;  ///< clean split points, ascending, always including 0
    Rational frame_rate;
    std::optional<Timecode> start_timecode;
};

/// Reads the container's packets (no decoding) and finds the clean split points: key frames
/// after which no frame is presented before the key frame (closed GOP). DecodeError/NotFound
/// for unreadable input.
Result<SplitPoints> find_split_points(const std::string& input);

/// Whether the first video packet of a media file is a key frame (a chunk must open on one).
Result<bool> starts_with_key_frame(const std::string& file);

/// Chunk ranges covering [0, frames) without gaps: `chunks` pieces of about equal length (or,
/// with chunks == 0, pieces of about `chunk_seconds`), each starting on a split point and at
/// least `min_frames` long (fewer chunks when the source is short or split points are sparse).
struct ChunkOptions {
    int chunks = 0;
    double chunk_seconds = 0.0;
    int64_t min_frames = 12;
};
Result<std::vector<FrameRange>> plan_chunks(const SplitPoints& points, const ChunkOptions& options);

/// Joining encoded chunks into one programme without re-encoding.
struct JoinRequest {
    std::vector<std::string> chunks;  ///< video-only chunk files, in order
    std::string audio;                ///< the programme's audio, encoded once ("" : none)
    std::string source;               ///< the source the chunks came from (for verification)
    std::string output;               ///< final path (container from its extension)
    bool overwrite = false;
    /// Decode every frame of the output to verify it. Otherwise (the default) every frame is
    /// counted and timed from its packet and the frames either side of every join are decoded:
    /// the chunks were each checked when they were written, and a full decode of a long
    /// programme would cost more than the join saves (docs/farm.md).
    bool decode_every_frame = false;
};

/// What the join produced and what verification found.
struct JoinResult {
    std::string output;
    int64_t frames = 0;  ///< in the joined output (decoded, or counted from its packets)
    double duration_seconds = 0;
    std::optional<Timecode> start_timecode;
    std::vector<std::string> problems;  ///< verification failures ("" when none)
    bool ok() const { return problems.empty(); }
};

/// Remuxes the chunks' video packets end to end (timestamps offset so they run on without a
/// gap) plus the audio's packets into `output` (temporary name, renamed when verified), carrying
/// the first chunk's codec parameters and the source's start timecode. Chunks must share codec
/// parameters (an error names the chunk that differs). Then verifies the output (see
/// JoinRequest::decode_every_frame): frame count, continuous timestamps, a key frame and a
/// clean decode at every join, duration and start timecode equal the source's; a verification
/// failure is an EncodeError naming what differs and leaves nothing under the final name.
Result<JoinResult> join_chunks(const JoinRequest& request);

}  // namespace media::transcode
