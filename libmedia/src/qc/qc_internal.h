// SPDX-License-Identifier: Apache-2.0
// Private pieces of the QC runner: facts from probe, the one decode pass, stream bookkeeping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/qc/file_analysis.h"
#include "media/qc/profile.h"
#include "media/qc/qc_run.h"

namespace media::qc::detail {

/// What the container and stream headers say (probe), or the error that made the file unreadable.
Result<FileFacts> read_file_facts(const std::string& input);

/// The frame rate the runner works at: the facts' rate, else 25 (durations still need one).
Rational working_rate(const FileFacts& facts);

/// Seconds as frames at `rate`, rounded up, at least 1.
int64_t seconds_to_frames(double seconds, Rational rate);

/// Decodes the input once and runs every analyzer the profile enables on the same frames
/// (video measures in parallel, detectors in frame order, audio on its own thread).
/// `analysis.facts` must be filled; decode problems land in analysis.stream.
void run_decode_pass(const std::string& input, const QcRequest& request, FileAnalysis& analysis);

/// Compares the input with request.reference (VMAF with the profile's model, PSNR); a
/// comparison that cannot be made comes back with its error in the measure.
FidelityMeasure measure_fidelity(const std::string& input, const QcRequest& request);

}  // namespace media::qc::detail
