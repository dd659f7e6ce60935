// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "media/analysis/interlace.h"
#include "media/analysis/video_measure.h"
#include "media/core/result.h"

namespace media::report {

/// One row of the per-frame CSV.
struct FrameRow {
    std::string file;  ///< input as given
    int64_t frame = 0;
    std::string timecode;  ///< "" when none
    double seconds = 0.0;  ///< presentation time (frame / rate when pts unknown)
    bool corrupt = false;
    const analysis::VideoMeasures* measures = nullptr;
    const analysis::CombingMeasure* combing = nullptr;  ///< may be null
    double flash_luminance = -1.0;  ///< mean cd/m² of the flash grid; < 0 when not measured
};

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
