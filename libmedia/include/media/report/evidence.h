// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "media/core/result.h"
#include "media/qc/qc_report.h"

namespace media::report {

struct EvidenceOptions {
    std::string dir;         ///< write evidence strips here (PNG); empty = none
    bool thumbnails = true;  ///< fill FileReport::thumbnails for the HTML report
    int max_events_per_check = 8;
    int strip_frames = 5;  ///< pictures per strip: around and inside the event
    int tile_width = 240;
    int thumbnail_width = 192;  ///< widest FileReport::thumbnails picture (integer box shrink)
};

/// Re-opens the report's input, seeks to the frames of each failing event (a handful of frames,
/// not a second pass), and writes per event a thumbnail strip with burned-in timecode and the
/// measured value beside the threshold (`<dir>/<clip>.<check>.<n>.png`, written atomically;
/// paths recorded in CheckResult::evidence), plus small thumbnails for the HTML page. Audio-only
/// events get no pictures. A file that cannot be re-read leaves the report as it is and
/// returns the error.
///
/// Only failed video and stream checks' events with frames are shown (audio checks' events show
/// nothing a picture could), the first max_events_per_check of each
/// (`<n>` is the event's 1-based position in CheckResult::events; check ids and clip names are
/// reduced to [A-Za-z0-9._-] in file names). A strip shows the frame before the event, frames
/// spread evenly from its first to its last, and the frame after (clamped to the file); each
/// label is the frame's timecode (when the file has one) and number, the title
/// "<check> <first tc>-<last tc>: <measured> (limit <threshold>)" in ASCII. One thumbnail per
/// event: its middle frame. `dir` is created when missing. On an error every picture written by
/// this call is removed again. InvalidArgument for strip_frames outside 1..64, tile_width
/// outside 16..4096, thumbnail_width below 16 or a negative max_events_per_check.
Result<void> collect_evidence(qc::FileReport& report, const EvidenceOptions& options);

}  // namespace media::report
