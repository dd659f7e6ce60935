// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "media/core/result.h"

namespace media::batch {

/// How an ASC MHL generation is made.
struct MhlOptions {
    std::string creator_tool = "slate";
    std::string process =
        "transfer";  ///< ASC MHL <process> type: "in-place", "transfer", "flatten"
    std::string comment;
    bool md5 = true;  ///< also record MD5 next to xxh64
    /// Relative paths ('/'-separated) the caller rewrote on purpose since the last generation
    /// (a batch's re-made outputs, its ALE and summary): recorded as new originals, not failures.
    std::vector<std::string> replaced;
};

/// One generation written: its number and the files it recorded.
struct MhlGeneration {
    int number = 0;
    std::string manifest_path;  ///< ascmhl/NNNN_<folder>_<date>_<time>Z.mhl
    int files = 0;              ///< files recorded in this generation
    int new_files = 0;          ///< recorded for the first time ("original")
    int modified = 0;           ///< digest differs from the history ("failed")
    int missing = 0;            ///< in the history but no longer on disk (not in this manifest)
};

/// Writes the next ASC MHL v2.0 generation for folder `root`: every file under it (except
/// ascmhl/ and hidden temporary files) with its size, modification date and xxh64 (+ MD5)
/// digest, in ascmhl/NNNN_<folder>_<yyyy-mm-dd>_<hhmmss>Z.mhl, and the chain file
/// ascmhl/ascmhl_chain.xml listing every generation with its own C4 or xxh64 reference hash.
/// Files already recorded are verified against the last generation first: a changed digest is
/// recorded as such ("failed" action) and reported, never silently replaced.
Result<MhlGeneration> create_mhl_generation(const std::string& root,
                                            const MhlOptions& options = {});

/// What `slate mhl verify` reports: every recorded file checked against the newest generation.
struct MhlVerifyReport {
    std::vector<std::string> verified;      ///< relative paths whose digest matches
    std::vector<std::string> modified;      ///< digest (or size) differs
    std::vector<std::string> missing;       ///< recorded but absent
    std::vector<std::string> new_files;     ///< present but never recorded
    std::vector<std::string> chain_errors;  ///< manifests whose chain-file hash does not match
    int generation = 0;
    bool ok() const {
        return modified.empty() && missing.empty() && new_files.empty() && chain_errors.empty();
    }
};

/// Verifies folder `root` against its ascmhl/ history: each path against its newest record
/// that was not "failed" (a failed digest never becomes the reference), every manifest against
/// its C4 ID in the chain file. NotFound when there is none;
/// InvalidArgument for a malformed manifest or chain file (naming it).
Result<MhlVerifyReport> verify_mhl(const std::string& root);

}  // namespace media::batch
