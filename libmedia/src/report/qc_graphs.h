// SPDX-License-Identifier: Apache-2.0
// Private to report/: which graphs a file's QC page shows, built from its analysis and checks
// (series grouped per measure, the events and limits of the checks that read them).
#pragma once

#include <string>
#include <vector>

#include "media/qc/qc_report.h"
#include "svg_plot.h"

namespace media::report::detail {

/// Every plot of a file: per-frame video series grouped (Y' min/avg/max together...), then
/// audio loudness and peak levels; each with the events of its checks shaded and their numeric
/// limits drawn when the limit is in the plot's unit. Empty series are left out.
std::vector<PlotSpec> file_plots(const qc::FileReport& file);

/// The event timeline: one lane per failed check that has events, over the frame axis (or the
/// millisecond axis of an audio-only file). Empty when no failed check has events.
std::string file_timeline_svg(const qc::FileReport& file);

}  // namespace media::report::detail
