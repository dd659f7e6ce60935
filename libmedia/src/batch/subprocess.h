// SPDX-License-Identifier: Apache-2.0
// Running another program: posix_spawn with an argument array (never a shell), its output to a
// file, to ours, or captured; killed when a cancel flag turns true.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "media/core/result.h"

namespace media::batch {

struct ProcessOptions {
    /// argv[0] is searched on PATH when it has no '/'.
    std::vector<std::string> argv;
    /// stdout and stderr go to this file (created or truncated); "": inherited from this process.
    std::string output_file;
    bool capture = false;  ///< stdout and stderr captured into ProcessResult (output_file unused)
    /// The child leads a new process group, so a cancel kills it and everything it started.
    bool new_process_group = false;
    /// When it turns true the child (its group, with new_process_group) gets SIGTERM, then
    /// SIGKILL if it has not exited a few seconds later.
    const std::atomic<bool>* cancel = nullptr;
};

struct ProcessResult {
    int exit_code = -1;      ///< the exit status, or 128 + the signal that killed it
    bool signalled = false;  ///< killed by a signal
    bool cancelled = false;  ///< killed because `cancel` turned true
    std::string out;         ///< captured stdout (capture only)
    std::string err;         ///< captured stderr (capture only)
};

/// Runs a program to its end. Errors only when it cannot be started (not found, not
/// executable, the output file cannot be opened); a non-zero exit is a result, not an error.
Result<ProcessResult> run_process(const ProcessOptions& options);

/// The absolute path of `program` found on PATH ("" when absent); a path with '/' is returned
/// when it is executable.
std::string find_on_path(const std::string& program);

}  // namespace media::batch
