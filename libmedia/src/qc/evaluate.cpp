// SPDX-License-Identifier: Apache-2.0
// Runs every enabled check of a profile over one file's measurements, in catalog order, and
// turns the results into the file's verdict. The checks themselves live in evaluate_*.cpp.
#include "media/qc/evaluate.h"

#include <algorithm>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "evaluate_internal.h"

namespace media::qc {
namespace {

using detail::Evaluator;

const std::map<std::string_view, Evaluator>& evaluators() {
    static const std::map<std::string_view, Evaluator> table{
        {"decode_errors", &detail::evaluate_decode_errors},
        {"black", &detail::evaluate_black},
        {"freeze", &detail::evaluate_freeze},
        {"luma_range", &detail::evaluate_luma_range},
        {"chroma_range", &detail::evaluate_chroma_range},
        {"rgb_gamut", &detail::evaluate_rgb_gamut},
        {"letterbox", &detail::evaluate_letterbox},
        {"interlace", &detail::evaluate_interlace},
        {"cadence", &detail::evaluate_cadence},
        {"blockiness", &detail::evaluate_blockiness},
        {"nonfinite", &detail::evaluate_nonfinite},
        {"flash", &detail::evaluate_flash},
        {"hdr_light_level", &detail::evaluate_hdr_light_level},
        {"loudness_integrated", &detail::evaluate_loudness_integrated},
        {"true_peak", &detail::evaluate_true_peak},
        {"loudness_range", &detail::evaluate_loudness_range},
        {"loudness_max", &detail::evaluate_loudness_max},
        {"silence", &detail::evaluate_silence},
        {"clipping", &detail::evaluate_clipping},
        {"peak_level", &detail::evaluate_peak_level},
        {"dc_offset", &detail::evaluate_dc_offset},
        {"phase", &detail::evaluate_phase},
        {"dead_channels", &detail::evaluate_dead_channels},
        {"channel_layout", &detail::evaluate_channel_layout},
        {"timecode_continuity", &detail::evaluate_timecode_continuity},
        {"timestamps", &detail::evaluate_timestamps},
        {"av_duration", &detail::evaluate_av_duration},
        {"head_tail_black", &detail::evaluate_head_tail_black},
        {"black_silence", &detail::evaluate_black_silence},
        {"frame_count", &detail::evaluate_frame_count},
        {"fidelity", &detail::evaluate_fidelity},
    };
    return table;
}

// Events in time order, capped (see k_max_events) with the count kept in the message.
void finish_events(CheckResult& result) {
    std::stable_sort(result.events.begin(), result.events.end(), detail::earlier);
    const size_t total = result.events.size();
    if (total <= detail::k_max_events) return;
    result.events.resize(detail::k_max_events);
    result.message +=
        fmt::format(" ({} events; the first {} are listed)", total, detail::k_max_events);
}

CheckResult evaluate_one(const detail::EvalContext& ctx, const CheckInfo& check,
                         const CheckPolicy& policy) {
    CheckResult result;
    result.id = check.id;
    result.title = check.title;
    result.category = check.category;
    result.severity = policy.severity;
    const auto found = evaluators().find(check.id);
    if (found == evaluators().end()) {
        detail::not_checked(result, "no evaluator for this check in this build");
        return result;
    }
    found->second(ctx, result);
    finish_events(result);
    return result;
}

bool had_decode_errors(const StreamAnalysis& stream) {
    return !stream.decode_errors.empty() || !stream.corrupt_frames.empty();
}

}  // namespace

std::vector<CheckResult> evaluate_checks(const FileAnalysis& analysis, const QcProfile& profile) {
    const detail::EvalContext ctx(analysis, profile);
    std::vector<CheckResult> results;
    for (const CheckInfo& check : check_catalog()) {
        const auto policy = profile.checks.find(check.id);
        if (policy == profile.checks.end() || !policy->second.enabled) continue;
        if (check.category == "reference" && !analysis.fidelity) continue;
        results.push_back(evaluate_one(ctx, check, policy->second));
    }
    return results;
}

FileVerdict file_verdict(const FileAnalysis& analysis, const std::vector<CheckResult>& checks,
                         const QcProfile& profile) {
    const StreamAnalysis& stream = analysis.stream;
    // Decode errors make a file an error whatever the profile says: a farm must never read a
    // damaged file as a pass (ffmpeg exits 0 on one).
    if (!stream.fatal_error.empty() || stream.truncated || had_decode_errors(stream))
        return FileVerdict::Error;
    bool failed = false;
    bool warned = false;
    for (const CheckResult& check : checks) {
        if (check.verdict != Verdict::Fail) continue;
        (check.severity >= profile.fail_on ? failed : warned) = true;
    }
    if (failed) return FileVerdict::Fail;
    return warned ? FileVerdict::Warn : FileVerdict::Pass;
}

}  // namespace media::qc
