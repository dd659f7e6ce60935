// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for QC profile YAML (the reader behind parse_profile, compiled in). Beyond
// "no crash, no hang": every error names the source, and an accepted profile holds one policy
// per catalog check and values inside the ranges the evaluation relies on.
#include <cstddef>
#include <cstdint>
#include <string>

#include "media/qc/profile.h"
#include "profile_internal.h"

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}

void check_values(const media::qc::QcProfile& p) {
    check(p.checks.size() == media::qc::check_catalog().size());
    check(p.measure.luma_min < p.measure.luma_max);
    check(p.measure.chroma_min < p.measure.chroma_max);
    check(p.black.picture_ratio > 0 && p.black.picture_ratio <= 1);
    check(p.black_min_seconds >= 0 && p.freeze_min_seconds >= 0 && p.picture_min_seconds >= 0);
    check(p.audio.silence_min_seconds > 0 && p.audio.clip_min_run >= 1);
    check(p.flash.grid_columns >= 1 && p.flash.max_flashes_per_second >= 0);
    check(p.pts_gap_frames >= 1);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto profile = media::qc::detail::parse_profile_nested(text, "fuzz.yaml", 0);
    if (!profile) {
        check(profile.error().message().rfind("fuzz.yaml", 0) == 0);
        return 0;
    }
    check_values(*profile);
    return 0;
}
