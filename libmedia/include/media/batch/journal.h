// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/core/result.h"

namespace media::batch {

/// Identity of an input file, as the journal records it.
struct InputFingerprint {
    std::string path;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
    friend bool operator==(const InputFingerprint&, const InputFingerprint&) = default;
};

/// Reads the fingerprint of a file (for a sequence pattern: the sum of its files' sizes and the
/// newest mtime). NotFound when it does not exist.
Result<InputFingerprint> fingerprint(const std::string& path);

/// One finished job, as the journal remembers it.
struct JournalEntry {
    std::string job_id;
    std::vector<InputFingerprint> inputs;
    std::string params_hash;   ///< hash of everything that decides the output (preset, looks...)
    std::string output;        ///< output path relative to the batch folder
    std::string output_xxh64;  ///< digest of the output file (sequences: of its file list+digests)
    std::string status;        ///< "done" or "failed"
    std::string message;       ///< failure message
    double seconds = 0;
};

/// Append-only journal of a batch (NDJSON, one event per line, flushed and fsync'ed per event),
/// so a batch killed at any point (kill -9, power loss) can be resumed: a truncated last line
/// is ignored on reading. Concurrent appends from several threads are serialised.
///
/// Each line is one object: {"event":"start"|"done"|"failed","job":...,"inputs":[{"path",
/// "size","mtime_ns"}],"params":...,"output":...,"output_xxh64":...,"seconds":...,
/// "message":...,"time":"2024-05-01T12:00:00.000Z"}. A later "done"/"failed" supersedes an
/// earlier one for the same job ("failed" after "done" means not done); "start" lines are a
/// record only. Invalid UTF-8 in strings is stored as U+FFFD (lookups apply the same rule).
/// A moved-from Journal must not be used.
class Journal {
public:
    /// Opens (creating) the journal file and reads what it already holds.
    static Result<Journal> open(const std::string& path);
    Journal(Journal&&) noexcept;
    Journal& operator=(Journal&&) noexcept;
    ~Journal();

    /// Records that a job started (for the record; resumption relies on "done" entries only).
    Result<void> record_start(const std::string& job_id,
                              const std::vector<InputFingerprint>& inputs,
                              const std::string& params_hash);
    /// Records a finished job (status "done" or "failed"; anything else is InvalidArgument).
    Result<void> record_finish(const JournalEntry& entry);

    /// The last "done" entry for a job, when the journal has one.
    std::optional<JournalEntry> last_done(const std::string& job_id) const;
    /// True when the job's last "done" entry matches these inputs and parameters (the caller
    /// then checks the output still exists with that digest).
    bool is_done(const std::string& job_id, const std::vector<InputFingerprint>& inputs,
                 const std::string& params_hash) const;
    /// The last "done" or "failed" entry for a job, when the journal has one.
    std::optional<JournalEntry> last_finish(const std::string& job_id) const;
    /// Lines skipped on reading (a torn write at the end, or any other line that is not a
    /// journal event).
    int skipped_lines() const;
    const std::string& path() const;

    class Impl;

private:
    explicit Journal(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace media::batch
