// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "media/color/color_pipeline.h"
#include "media/color/matrix.h"
#include "media/core/result.h"

namespace media::color {

/// ASC CDL v1.2 on one RGB triple: out = clamp(in * slope + offset, 0, 1) ^ power, then
/// saturation around Rec.709 luma (0.2126, 0.7152, 0.0722), then clamp to 0..1 (the ASC's
/// clamping; OCIO's CDL_ASC style). NaN inputs come back as 0.
Vec3 apply_cdl(const CdlValues& cdl, const Vec3& rgb);
/// The inverse of apply_cdl on 0..1 values (saturation, power, offset, slope undone in turn).
Vec3 apply_cdl_inverse(const CdlValues& cdl, const Vec3& rgb);

/// One event's CDL from a CMX3600 EDL: the `*ASC_SOP (s s s)(o o o)(p p p)` and `*ASC_SAT s`
/// comments under an event.
struct EdlCdl {
    int event = 0;          ///< event number (the first field of the event line)
    std::string reel;       ///< the event's reel/tape name
    std::string clip;       ///< from "* FROM CLIP NAME:" when present
    std::string source_in;  ///< source in timecode as written
    int line = 0;           ///< line of the *ASC_SOP comment
    CdlValues cdl;          ///< id = the clip name, else the reel
};

/// Every event of a CMX3600 EDL that carries CDL comments, in file order. Errors name the file and
/// line (malformed *ASC_SOP / *ASC_SAT, non-numeric values); events without CDL are skipped.
Result<std::vector<EdlCdl>> read_edl_cdls(const std::string& path);

}  // namespace media::color
