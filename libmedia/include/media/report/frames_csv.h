// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "media/analysis/interlace.h"
#include "media/analysis/video_measure.h"
#include "media/core/result.h"
#include "media/qc/qc_run.h"

namespace media::report {

/// One row of the per-frame CSV: a frame as the QC runner saw it.
using FrameRow = qc::FrameObservation;

/// Streams per-frame rows to a CSV written under a temporary name and renamed by commit(), so
/// memory stays flat however long the file. Columns are fixed (a header row names them, listed
/// in docs/qc-report.md; numbers use '.' whatever the locale). Not thread-safe: one writer per
/// output, rows in frame order.
class FramesCsvWriter {
public:
    static Result<FramesCsvWriter> create(const std::string& path);
    FramesCsvWriter(FramesCsvWriter&&) noexcept;
    FramesCsvWriter& operator=(FramesCsvWriter&&) noexcept;
    ~FramesCsvWriter();  ///< without commit(), removes the temporary file

    Result<void> write(const FrameRow& row);
    Result<void> commit();

    struct State;

private:
    explicit FramesCsvWriter(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

}  // namespace media::report
