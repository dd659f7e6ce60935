// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "media/core/result.h"
#include "media/io/media_info.h"

namespace media {

/// The JSON schema name and version written here (documented in docs/probe-json.md).
inline constexpr const char* kProbeJsonSchema = "slate.probe";
inline constexpr int kProbeJsonVersion = 1;

/// One complete JSON document describing a probed file: {"schema": "slate.probe", "version": 1,
/// "path": ..., "streams": [...], ...}. Unknown values and NaN are null. indent < 0: one line.
std::string to_json(const MediaInfo& info, int indent = 2);

/// What probing one input gave: its MediaInfo or its Error.
struct ProbeOutcome {
    std::string path;
    Result<MediaInfo> result;
};

/// One input: to_json(MediaInfo) on success, else {"schema", "version", "path", "error":
/// {"code", "message"}}.
std::string to_json(const ProbeOutcome& outcome, int indent = 2);

/// Several inputs in one document: {"schema", "version", "files": [...]}, one entry per input in
/// order, each the single-input object without "schema" and "version".
std::string to_json(const std::vector<ProbeOutcome>& outcomes, int indent = 2);

}  // namespace media
