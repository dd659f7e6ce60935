// SPDX-License-Identifier: Apache-2.0
// Outputs appear under their final name only when complete: each is written under a temporary
// name beside it ("<name>.partial") and renamed on commit; an uncommitted one is removed.
#pragma once

#include <filesystem>

#include "media/core/result.h"

namespace media::samples {

/// A file or folder being written under a temporary name beside its final path.
class PendingOutput {
public:
    /// Clears any leftover temporary of an earlier, interrupted run. `folder`: the output is a
    /// folder (created empty now), else a file.
    PendingOutput(std::filesystem::path final_path, bool folder);
    ~PendingOutput();
    PendingOutput(const PendingOutput&) = delete;
    PendingOutput& operator=(const PendingOutput&) = delete;

    /// Where to write now.
    const std::filesystem::path& temp_path() const { return m_temp; }
    const std::filesystem::path& final_path() const { return m_final; }

    /// Moves the output to its final name, replacing an older one.
    Result<void> commit();

private:
    std::filesystem::path m_final;
    std::filesystem::path m_temp;
    bool m_folder;
    bool m_committed = false;
};

}  // namespace media::samples
