// SPDX-License-Identifier: Apache-2.0
// The QC shard file: every frame's measures of one frame range, with what the merge needs to
// check that shards belong together. Binary, little-endian, doubles stored bit-exactly:
//   "SLQCSHRD" u32 version | header block | frame records | footer block |
//   u64 footer offset, u64 FNV-1a of every byte before it, "SLQCEND!"
// A block or record is a u32 length and that many bytes. Reading checks every length against
// what is left, so a truncated or damaged file is an error naming it, never a crash.
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "common/byte_record.h"
#include "media/core/frame_range.h"
#include "media/core/result.h"
#include "media/io/media_source.h"
#include "media/qc/profile.h"
#include "video_stage.h"

namespace media::qc::detail {

using media::detail::identify_input;
using media::detail::InputIdentity;

/// A hash of the profile's name and version and of what it decides about a shard's content
/// (which checks run, the measure, interlace and flash options). Not its path (a farm mounts it
/// elsewhere) nor its thresholds: the merge judges with its own profile, so a merged report is
/// always the one run_qc writes with the merge's profile.
uint64_t profile_fingerprint(const QcProfile& profile);

/// What a shard file says about itself.
struct ShardInfo {
    InputIdentity input;
    std::string profile_name;
    uint64_t profile_fingerprint = 0;
    FrameRange range;   ///< as asked for; the frames measured may be fewer at the end
    bool video = true;  ///< false: the profile (or file) needs no video pass, nothing measured
    // Known when the shard is complete (the footer):
    int64_t frames = 0;               ///< records in the file: frames range.first ... + frames - 1
    bool reached_end = false;         ///< the stream ended (or decoding failed) inside the range
    std::string fatal_error;          ///< the error that stopped decoding, if any
    std::vector<DecodeIssue> issues;  ///< decode problems of the range's frames, absolute
};

/// Writes a shard under a temporary name; commit() renames it into place. Destroying an
/// uncommitted writer removes the temporary file.
class ShardWriter {
public:
    static Result<ShardWriter> create(const std::string& path, const ShardInfo& info);
    ShardWriter(ShardWriter&&) noexcept;
    ShardWriter& operator=(ShardWriter&&) = delete;
    ~ShardWriter();

    void add(const FrameWork& work);
    /// Writes the footer (frames, end, issues from `info`) and renames the file into place.
    Result<void> commit(const ShardInfo& info);

private:
    ShardWriter(std::string path, std::string temporary);
    void put(const std::string& bytes);

    std::string m_path;
    std::string m_temporary;
    std::ofstream m_out;
    uint64_t m_hash;
    uint64_t m_offset = 0;
    bool m_committed = false;
};

/// Reads a shard: open() checks the whole file (magic, version, checksum, header, footer);
/// next() then gives its frames in order.
class ShardReader {
public:
    static Result<ShardReader> open(const std::string& path);
    const ShardInfo& info() const { return m_info; }
    const std::string& path() const { return m_path; }
    /// The next frame's measures into `work` (a Frame with pts, timecode and flags only); false
    /// after the last.
    Result<bool> next(FrameWork& work);

private:
    ShardReader() = default;
    Error damaged(const std::string& why) const;
    Result<void> read_footer(uint64_t offset, uint64_t limit);

    std::string m_path;
    ShardInfo m_info;
    std::ifstream m_in;
    uint64_t m_records_end = 0;
    int64_t m_read = 0;
};

}  // namespace media::qc::detail
