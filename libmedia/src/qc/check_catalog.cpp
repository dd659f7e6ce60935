// SPDX-License-Identifier: Apache-2.0
// The checks Slate knows, in the order reports list them. Default severities are what a failure
// means when a profile does not say: a defect that breaks delivery is an error, one a person
// should look at is a warning, one that is often intended (letterbox) is info.
#include "media/qc/profile.h"

namespace media::qc {

const std::vector<CheckInfo>& check_catalog() {
    static const std::vector<CheckInfo> catalog{
        {"decode_errors", "Decode errors and corrupt frames", "video", Severity::Error},
        {"black", "Black segments", "video", Severity::Warning},
        {"freeze", "Frozen segments", "video", Severity::Warning},
        {"luma_range", "Luma outside legal range", "video", Severity::Warning},
        {"chroma_range", "Chroma outside legal range", "video", Severity::Warning},
        {"rgb_gamut", "R'G'B' outside gamut", "video", Severity::Warning},
        {"letterbox", "Letterbox / pillarbox", "video", Severity::Info},
        {"interlace", "Interlacing and field order", "video", Severity::Warning},
        {"cadence", "Cadence: repeated and dropped frames", "video", Severity::Warning},
        {"blockiness", "Blockiness", "video", Severity::Info},
        {"nonfinite", "NaN / Inf samples", "video", Severity::Error},
        {"flash", "Photosensitive flashes (BT.1702)", "video", Severity::Error},
        {"hdr_light_level", "HDR MaxCLL / MaxFALL vs metadata", "video", Severity::Warning},
        {"loudness_integrated", "Integrated loudness", "audio", Severity::Error},
        {"true_peak", "True peak", "audio", Severity::Error},
        {"loudness_range", "Loudness range", "audio", Severity::Warning},
        {"loudness_max", "Momentary / short-term loudness", "audio", Severity::Warning},
        {"silence", "Silence", "audio", Severity::Warning},
        {"clipping", "Digital clipping", "audio", Severity::Error},
        {"peak_level", "Sample peak level", "audio", Severity::Info},
        {"dc_offset", "DC offset", "audio", Severity::Warning},
        {"phase", "Stereo phase", "audio", Severity::Warning},
        {"dead_channels", "Dead channels", "audio", Severity::Warning},
        {"channel_layout", "Channel count and layout", "audio", Severity::Error},
        {"timecode_continuity", "Timecode continuity", "stream", Severity::Error},
        {"timestamps", "Timestamps: gaps and variable frame rate", "stream", Severity::Error},
        {"av_duration", "Audio / video duration", "stream", Severity::Error},
        {"head_tail_black", "Head and tail black", "stream", Severity::Warning},
        {"black_silence", "Black with silence", "stream", Severity::Error},
        {"frame_count", "Declared vs decoded frame count", "stream", Severity::Error},
        // Runs only with a reference (slate qc --reference); absent from reports otherwise.
        {"fidelity", "Fidelity to the reference (VMAF, PSNR)", "reference", Severity::Warning},
    };
    return catalog;
}

const CheckInfo* find_check(std::string_view id) {
    for (const CheckInfo& check : check_catalog())
        if (check.id == id) return &check;
    return nullptr;
}

}  // namespace media::qc
