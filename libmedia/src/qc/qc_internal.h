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

/// The audio half of run_decode_pass alone, over the whole programme (merging shards: the
/// video measures come from the shards). Does nothing for a file without audio.
void run_audio_pass(const std::string& input, const QcRequest& request, FileAnalysis& analysis);

/// Puts the decode problems located at a video frame first (in the order found), then the
/// others (audio, container): one order whether video and audio were read in one pass or apart
/// (merged QC shards).
void order_decode_errors(StreamAnalysis& stream);

/// An empty report for `profile` (its name, version, source, severity style and fail_on).
QcReport new_report(const QcProfile& profile);

/// A file's report before decoding: its facts, or FileVerdict::Error when it cannot be checked
/// (unreadable, no video or audio stream). True when decoding should go on.
bool open_file_report(const std::string& input, FileReport& report);

/// Judges the file's analysis against the profile: every check, the verdict, and the error of
/// a decode that stopped early. What one process and a merge of shards both end with.
void judge_file(FileReport& report, const QcProfile& profile);

/// Compares the input with request.reference (VMAF with the profile's model, PSNR); a
/// comparison that cannot be made comes back with its error in the measure.
FidelityMeasure measure_fidelity(const std::string& input, const QcRequest& request);

}  // namespace media::qc::detail
