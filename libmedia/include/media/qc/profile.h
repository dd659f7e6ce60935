// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/analysis/audio_levels.h"
#include "media/analysis/flash.h"
#include "media/analysis/interlace.h"
#include "media/analysis/picture_detectors.h"
#include "media/analysis/temporal.h"
#include "media/analysis/video_measure.h"
#include "media/core/result.h"
#include "media/qc/qc_report.h"

namespace media::qc {

/// A check Slate knows: its id (the key in profiles and reports), title, category and the
/// severity a failure has unless a profile says otherwise.
struct CheckInfo {
    std::string id;
    std::string title;
    std::string category;  ///< "video", "audio", "stream", "reference"
    Severity default_severity = Severity::Error;
};

/// Every check, in report order.
const std::vector<CheckInfo>& check_catalog();
/// The catalog entry of `id`; null when Slate has no such check.
const CheckInfo* find_check(std::string_view id);

/// A severity by name, case-insensitive: "info", "warning", "error" or Netflix's "FYI",
/// "Issue", "Blocker".
std::optional<Severity> severity_from_name(std::string_view name);

/// Whether a check runs and how bad its failure is.
struct CheckPolicy {
    bool enabled = true;
    Severity severity = Severity::Error;
};

/// Every catalog check enabled at its default severity.
std::map<std::string, CheckPolicy> catalog_policies();

/// A QC profile, loaded and validated from presets/qc/<name>.yaml (schema "slate.qc-profile",
/// version 1; docs/qc.md lists every key). Durations are seconds; the runner turns them into
/// frames at the file's rate.
struct QcProfile {
    std::string name;
    std::string version;  ///< the profile's own version (key profile_version)
    std::string description;
    std::string source;                   ///< file it was read from; "builtin:<name>" for
                                          ///< shipped profiles (reports stay path-free)
    std::vector<std::string> references;  ///< the standards and figures the profile follows
    SeverityStyle severity_style = SeverityStyle::Standard;
    Severity fail_on = Severity::Error;  ///< failures at or above this fail the file (exit 1)
    /// One entry per check_catalog() id (a check missing here does not run).
    std::map<std::string, CheckPolicy> checks = catalog_policies();
    /// Whether the check `id` runs (false for an id the profile does not list).
    bool enabled(const std::string& id) const;

    // Video
    analysis::VideoMeasureOptions measure;
    analysis::BlackOptions black;  ///< min_frames is set by the runner
    double black_min_seconds = 0.0;
    analysis::FreezeOptions freeze;  ///< min_frames is set by the runner
    double freeze_min_seconds = 0.5;
    analysis::PictureDetectorOptions picture;  ///< min_frames is set by the runner
    double picture_min_seconds = 0.0;
    analysis::InterlaceOptions interlace;
    std::string expected_scan = "progressive";  ///< "progressive", "tff", "bff" or "any"
    analysis::CadenceOptions cadence;
    analysis::FlashOptions flash;
    double light_level_tolerance = 0.10;  ///< computed MaxCLL/MaxFALL vs declared: relative

    // Audio
    analysis::AudioLevelOptions audio;
    /// false: integrated loudness is measured and reported, not judged (NotChecked).
    bool loudness_target_enabled = true;
    double loudness_target = -23.0;            ///< LUFS (LKFS)
    double loudness_tolerance = 1.0;           ///< LU either side
    double true_peak_max = -1.0;               ///< dBTP
    std::optional<double> loudness_range_max;  ///< LU
    std::optional<double> short_term_max;      ///< LUFS
    std::optional<double> momentary_max;       ///< LUFS
    double dc_offset_max = 0.005;              ///< |mean| as a fraction of full scale
    double phase_min = -0.3;                   ///< correlation below this is out of phase
    std::optional<int> expected_channels;
    std::string expected_layout;  ///< "" = any

    // Stream
    double head_black_max_seconds = 0.0;  ///< 0 = not limited
    double tail_black_max_seconds = 0.0;
    double black_silence_max_seconds = 0.0;  ///< black and silence together at once; 0 = off
    double av_duration_tolerance_seconds = 0.1;
    double pts_gap_frames = 1.5;  ///< a gap above this many frame durations is a gap
    // Reference comparison (slate qc --reference)
    std::string fidelity_model = "vmaf_v0.6.1";  ///< VMAF model name or file
    std::optional<double> fidelity_vmaf_min;     ///< pooled mean VMAF at least this
    std::optional<double> fidelity_psnr_min;     ///< pooled mean PSNR-Y (dB) at least this
};

/// Parses profile text; `source` names it in errors ("presets/qc/x.yaml:12: key 'black.x':
/// unknown key"). Unknown keys, wrong types and out-of-range values are errors with file:line.
Result<QcProfile> parse_profile(const std::string& text, const std::string& source);
/// A built-in profile by name ("default", "broadcast-ebu-r128"...) or a .yaml path.
Result<QcProfile> load_profile(const std::string& name_or_path);
/// Folder of the built-in profiles: the qc/ sub-folder of the presets folder (see
/// transcode::presets_dir for the lookup order).
std::string qc_profiles_dir();
/// Names of the built-in profiles, sorted.
std::vector<std::string> builtin_profile_names();

}  // namespace media::qc
