// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include "media/core/result.h"

namespace media::batch {

/// One clip row of an Avid Log Exchange file.
struct AleClip {
    std::string name;                          ///< Name
    std::string tape;                          ///< Tape (reel)
    std::string start;                         ///< Start timecode "01:00:00:00"
    std::string end;                           ///< End timecode (exclusive, as Avid writes it)
    std::string tracks;                        ///< "V", "VA1A2", ...
    std::string source_file;                   ///< Source File
    std::map<std::string, std::string> extra;  ///< further columns by heading
};

/// An ALE document: heading fields and clips.
struct AleDocument {
    std::string fps = "24";  ///< FPS heading value: "23.976", "24", "25", "29.97"...
    std::string video_format = "1080";
    std::string audio_format = "48khz";
    std::vector<AleClip> clips;
};

/// Writes an ALE (Heading / Column / Data sections, tab-separated, CRLF as Avid writes) via a
/// temporary file and rename. Tabs and line breaks inside values become spaces.
Result<void> write_ale(const std::string& path, const AleDocument& ale);
/// Reads an ALE (any column order, extra columns kept). InvalidArgument names file and line.
Result<AleDocument> read_ale(const std::string& path);

}  // namespace media::batch
