// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "media/core/result.h"

namespace media::batch {

/// One clip to process, as gathered from arguments, folders or a manifest.
struct ClipEntry {
    std::string path;  ///< absolute media file or sequence pattern ("a.%07d.dpx")
    std::string clip;  ///< clip name (manifest "clip"/"name" column, else the file stem)
    std::string reel;  ///< reel/tape (manifest "reel"/"tape" column), may be empty
};

/// Reads a CSV manifest (RFC 4180 quoting; header row required with a "path"/"file"/"source"
/// column, optional "clip"/"name" and "reel"/"tape") or an Avid ALE ("Source File" column).
/// Relative paths resolve against the manifest's folder. InvalidArgument names file and line.
Result<std::vector<ClipEntry>> read_manifest(const std::string& path);

/// Expands command-line inputs into clips: files as given; folders recursively (media files by
/// extension, image sequences collapsed into one clip per numbered run, hidden files and
/// ascmhl/ skipped, camera-card layouts such as XDROOT/CONTENTS/CLIP/*.MXF included); glob
/// patterns ("*.mov", "card*/**/*.mxf"; media files only, "**" spans folders); sequence
/// patterns whose frames exist ("shot.####.dpx"); and *.csv / *.ale manifests. Sorted, duplicates
/// removed. NotFound when an input names nothing.
Result<std::vector<ClipEntry>> gather_clips(const std::vector<std::string>& inputs);

}  // namespace media::batch
