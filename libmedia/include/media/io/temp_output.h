// SPDX-License-Identifier: Apache-2.0
// Outputs are written under a temporary name beside the final one, then renamed (io writers,
// report writers).
#pragma once

#include <string>

#include "media/core/result.h"

namespace media::io {

/// A fresh hidden name beside final_path: "<dir>/.<stem>.partial-XXXXXX<ext>" (same folder, so
/// the rename is atomic; same extension, so writers that look at it pick the same format).
std::string temporary_path_for(const std::string& final_path);

/// NotFound / InvalidArgument unless the folder final_path goes into exists.
Result<void> check_output_folder(const std::string& final_path);

/// Moves a finished temporary file onto its final name (replacing what was there).
Result<void> commit_output(const std::string& temporary, const std::string& final_path);

/// Removes a file if it exists; failures are ignored (used on paths being abandoned).
void remove_quietly(const std::string& path);

}  // namespace media::io
