// SPDX-License-Identifier: Apache-2.0
// The reference comparison (slate qc --reference): pooled VMAF and PSNR-Y against the profile's
// minimums, the worst frame as the event.
#include <fmt/format.h>

#include "evaluate_internal.h"

namespace media::qc::detail {

void evaluate_fidelity(const EvalContext& ctx, CheckResult& result) {
    const FidelityMeasure& f = *ctx.analysis.fidelity;
    if (!f.error.empty()) {
        // The user asked for a comparison: one that cannot be made is a failure, not a skip.
        fail(result, "cannot compare with the reference: " + f.error);
        return;
    }
    set_measured(result, f.vmaf_mean, "VMAF",
                 fmt::format("VMAF {} mean (min {} at frame {}), PSNR-Y {} dB ({}, {} frames)",
                             fixed(f.vmaf_mean, 2), fixed(f.vmaf_min, 2), f.vmaf_worst_frame,
                             fixed(f.psnr_y_mean, 2), f.model, f.frames));
    std::vector<std::string> limits;
    if (ctx.profile.fidelity_vmaf_min)
        limits.push_back(">= " + figure(*ctx.profile.fidelity_vmaf_min) + " VMAF mean");
    if (ctx.profile.fidelity_psnr_min)
        limits.push_back(">= " + figure(*ctx.profile.fidelity_psnr_min) + " dB PSNR-Y mean");
    for (const auto& limit : limits)
        result.threshold_text += (result.threshold_text.empty() ? "" : ", ") + limit;
    if (limits.empty()) {
        // The QC rule for an unset limit: reported, not judged (docs/qc.md "Measured only").
        not_checked(result, "no limit in the profile (measured only)");
        return;
    }

    const bool vmaf_low =
        ctx.profile.fidelity_vmaf_min && f.vmaf_mean < *ctx.profile.fidelity_vmaf_min;
    const bool psnr_low =
        ctx.profile.fidelity_psnr_min && f.psnr_y_mean < *ctx.profile.fidelity_psnr_min;
    if (!vmaf_low && !psnr_low) return;
    const int64_t worst = vmaf_low ? f.vmaf_worst_frame : f.psnr_y_worst_frame;
    Event event = ctx.frames_event(worst, worst);
    event.value = vmaf_low ? f.vmaf_min : f.psnr_y_min;
    event.detail = vmaf_low ? fmt::format("lowest VMAF {}", fixed(f.vmaf_min, 2))
                            : fmt::format("lowest PSNR-Y {} dB", fixed(f.psnr_y_min, 2));
    result.events.push_back(event);
    fail(result, vmaf_low ? fmt::format("VMAF mean {} is under {}", fixed(f.vmaf_mean, 2),
                                        figure(*ctx.profile.fidelity_vmaf_min))
                          : fmt::format("PSNR-Y mean {} dB is under {} dB", fixed(f.psnr_y_mean, 2),
                                        figure(*ctx.profile.fidelity_psnr_min)));
}

}  // namespace media::qc::detail
