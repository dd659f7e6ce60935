// SPDX-License-Identifier: Apache-2.0
// Private to report/: small inline-SVG graphs for the HTML QC page (per-frame series with their
// min..max band and mean, limit lines, shaded event spans) and an event timeline.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "media/analysis/series.h"

namespace media::report::detail {

/// The horizontal axis: positions [begin, end) (frames, or milliseconds for audio series) and
/// how a tick at a position is labelled, one text per row ("120" / "10:00:04:20").
struct PlotAxis {
    int64_t begin = 0;
    int64_t end = 1;
    std::vector<std::string> row_names;  ///< what each label row is ("frame", "timecode")
    std::function<std::vector<std::string>(int64_t position)> tick_labels;
};

/// One measurement drawn as its min..max band and mean line (colour: palette index).
struct PlotSeries {
    std::string name;
    std::vector<analysis::SeriesPoint> points;
    int colour = 0;
};

/// A horizontal reference line: a limit or a target.
struct PlotLimit {
    double value = 0.0;
    std::string label;
};

/// Positions [first, last] shaded (an event); `label` is its tooltip.
struct PlotSpan {
    int64_t first = 0;
    int64_t last = 0;
    std::string label;
};

struct PlotSpec {
    std::string title;
    std::string unit;
    PlotAxis axis;
    std::vector<PlotSeries> series;
    std::vector<PlotLimit> limits;
    std::vector<PlotSpan> spans;
};

/// An <svg> element (scalable: viewBox, no fixed size) with the series, limits and spans; the
/// output depends only on the spec (fixed-precision numbers), so equal specs give equal bytes.
/// Series are reduced to at most one column per horizontal pixel, keeping every min and max.
std::string render_plot_svg(const PlotSpec& spec);

/// One row of a timeline: a check and the spans of its events.
struct TimelineLane {
    std::string label;
    std::vector<PlotSpan> spans;
};

/// An <svg> element with one lane of shaded spans per check over the same axis as the plots.
std::string render_timeline_svg(const std::string& title, const PlotAxis& axis,
                                const std::vector<TimelineLane>& lanes);

}  // namespace media::report::detail
