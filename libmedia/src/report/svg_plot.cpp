// SPDX-License-Identifier: Apache-2.0
#include "svg_plot.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string_view>

#include "html_escape.h"

namespace media::report::detail {

namespace {

using analysis::SeriesPoint;

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
constexpr std::array<std::string_view, 7> kPalette{"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                                   "#e69f00", "#56b4e9", "#000000"};
constexpr std::string_view kLimitColour = "#b3261e";
constexpr std::string_view kSpanColour = "#d55e00";

constexpr double kWidth = 960.0;
constexpr double kLeft = 132.0;  // room for y tick labels and timeline lane names
constexpr double kRight = 16.0;
constexpr double kTop = 26.0;
constexpr double kAxisBand = 36.0;  // two rows of tick labels under the plot
constexpr double kPlotHeight = 150.0;
constexpr double kLaneHeight = 16.0;
constexpr double kLaneGap = 4.0;
constexpr double kCharWidth = 6.2;  // average width of an 11 px sans-serif character
constexpr size_t kLaneLabelChars = 20;

std::string num(double v) {
    return fmt::format("{:.1f}", v);
}

std::string_view colour(int index) {
    const auto n = static_cast<int>(kPalette.size());
    return kPalette[static_cast<size_t>(((index % n) + n) % n)];
}

// Maps positions and values to pixels inside the plot rectangle.
struct PlotArea {
    double left = kLeft;
    double right = kWidth - kRight;
    double top = kTop;
    double bottom = kTop + kPlotHeight;
    int64_t begin = 0;
    int64_t end = 1;
    double low = 0.0;
    double high = 1.0;

    double x(double position) const {
        const double t = (position - double(begin)) / double(std::max<int64_t>(end - begin, 1));
        return left + std::clamp(t, 0.0, 1.0) * (right - left);
    }
    double y(double value) const {
        if (std::isnan(value)) return bottom;
        const double t = (value - low) / (high - low);
        return bottom - std::clamp(t, 0.0, 1.0) * (bottom - top);
    }
};

double nice_step(double span, int target_ticks) {
    const double raw = span / target_ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double nice = f < 1.5 ? 1.0 : f < 3.5 ? 2.0 : f < 7.5 ? 5.0 : 10.0;
    return nice * magnitude;
}

int decimals_for(double step) {
    return std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 6);
}

// Value range of everything drawn (finite values only), widened to whole tick steps.
void fit_values(const PlotSpec& spec, PlotArea& area, double& step) {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    const auto take = [&](double v) {
        if (!std::isfinite(v)) return;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    };
    for (const PlotSeries& s : spec.series) {
        for (const SeriesPoint& p : s.points) {
            take(p.min);
            take(p.max);
            take(p.mean);
        }
    }
    for (const PlotLimit& limit : spec.limits) take(limit.value);
    if (!std::isfinite(lo)) lo = 0.0, hi = 1.0;
    if (hi - lo < 1e-9) {
        const double pad = std::max(1e-3, std::abs(hi) * 0.05);
        lo -= pad;
        hi += pad;
    }
    step = nice_step(hi - lo, 4);
    area.low = std::floor(lo / step) * step;
    area.high = std::ceil(hi / step) * step;
}

// One column per horizontal pixel at most: min of mins, max of maxes, mean weighted by length,
// so a spike one frame long still reaches its column.
std::vector<SeriesPoint> to_columns(const std::vector<SeriesPoint>& points, const PlotArea& area) {
    const auto columns = static_cast<int64_t>(area.right - area.left);
    const int64_t span = std::max<int64_t>(area.end - area.begin, 1);
    if (static_cast<int64_t>(points.size()) <= columns) return points;
    std::vector<SeriesPoint> out;
    int64_t current = -1;
    double weight = 0.0;
    for (const SeriesPoint& p : points) {
        const int64_t column = (p.first - area.begin) * columns / span;
        const auto length = static_cast<double>(p.last - p.first + 1);
        if (out.empty() || column != current) {
            out.push_back(p);
            current = column;
            weight = length;
            continue;
        }
        SeriesPoint& c = out.back();
        c.last = p.last;
        c.min = std::min(c.min, p.min);
        c.max = std::max(c.max, p.max);
        c.mean = (c.mean * weight + p.mean * length) / (weight + length);
        weight += length;
    }
    return out;
}

double centre(const SeriesPoint& p) {
    return (double(p.first) + double(p.last) + 1.0) / 2.0;
}

std::string band_polygon(const std::vector<SeriesPoint>& columns, const PlotArea& area,
                         std::string_view fill) {
    const bool flat = std::all_of(columns.begin(), columns.end(),
                                  [](const SeriesPoint& p) { return p.min == p.max; });
    if (flat) return {};
    std::string points;
    for (const SeriesPoint& p : columns)
        points += num(area.x(centre(p))) + "," + num(area.y(p.max)) + " ";
    for (auto it = columns.rbegin(); it != columns.rend(); ++it)
        points += num(area.x(centre(*it))) + "," + num(area.y(it->min)) + " ";
    points.pop_back();
    return fmt::format("<polygon points=\"{}\" fill=\"{}\" fill-opacity=\"0.22\" stroke=\"none\"/>",
                       points, fill);
}

std::string mean_line(const std::vector<SeriesPoint>& columns, const PlotArea& area,
                      std::string_view stroke) {
    std::string points;
    for (const SeriesPoint& p : columns)
        points += num(area.x(centre(p))) + "," + num(area.y(p.mean)) + " ";
    if (columns.size() == 1)  // a single point still shows: a short flat line
        points += num(area.x(centre(columns.front())) + 2.0) + "," +
                  num(area.y(columns.front().mean)) + " ";
    points.pop_back();
    return fmt::format(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.3\" "
        "stroke-linejoin=\"round\"/>",
        points, stroke);
}

std::string series_svg(const PlotSeries& series, const PlotArea& area) {
    if (series.points.empty()) return {};
    const std::vector<SeriesPoint> columns = to_columns(series.points, area);
    const std::string_view c = colour(series.colour);
    return fmt::format("<g class=\"series\"><title>{}</title>{}{}</g>", escape_html(series.name),
                       band_polygon(columns, area, c), mean_line(columns, area, c));
}

// Spans narrower than a pixel apart merge, so thousands of events stay a few hundred shapes.
std::vector<PlotSpan> merge_close(const std::vector<PlotSpan>& spans, const PlotArea& area) {
    std::vector<PlotSpan> sorted = spans;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const PlotSpan& a, const PlotSpan& b) { return a.first < b.first; });
    std::vector<PlotSpan> out;
    int merged = 0;
    const auto close_group = [&] {
        if (merged > 0) out.back().label += fmt::format(" (+{} more)", merged);
        merged = 0;
    };
    for (const PlotSpan& s : sorted) {
        if (!out.empty() && area.x(double(s.first)) - area.x(double(out.back().last + 1)) < 1.0) {
            out.back().last = std::max(out.back().last, s.last);
            ++merged;
            continue;
        }
        close_group();
        out.push_back(s);
    }
    close_group();
    return out;
}

std::string span_rect(const PlotSpan& span, const PlotArea& area, double top, double bottom,
                      std::string_view fill, double opacity) {
    const double x0 = area.x(double(span.first));
    const double width = std::max(area.x(double(span.last + 1)) - x0, 1.5);
    return fmt::format(
        "<rect class=\"event\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" "
        "fill-opacity=\"{}\"><title>{}</title></rect>",
        num(x0), num(top), num(width), num(bottom - top), fill, opacity, escape_html(span.label));
}

std::string spans_svg(const std::vector<PlotSpan>& spans, const PlotArea& area) {
    std::string out;
    for (const PlotSpan& span : merge_close(spans, area))
        out += span_rect(span, area, area.top, area.bottom, kSpanColour, 0.2);
    return out;
}

std::string limits_svg(const std::vector<PlotLimit>& limits, const PlotArea& area) {
    std::string out;
    for (const PlotLimit& limit : limits) {
        if (!std::isfinite(limit.value)) continue;
        const std::string y = num(area.y(limit.value));
        out += fmt::format(
            "<g class=\"limit\"><title>{0}</title><line x1=\"{1}\" y1=\"{2}\" x2=\"{3}\" "
            "y2=\"{2}\" stroke=\"{4}\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"/>"
            "<text x=\"{3}\" y=\"{5}\" text-anchor=\"end\" fill=\"{4}\" stroke=\"#fff\" "
            "stroke-width=\"3\" paint-order=\"stroke\">{0}</text></g>",
            escape_html(limit.label), num(area.left), y, num(area.right), kLimitColour,
            num(area.y(limit.value) - 3.0));
    }
    return out;
}

std::string y_axis_svg(const PlotArea& area, double step) {
    std::string out;
    const int decimals = decimals_for(step);
    const auto ticks = static_cast<int>(std::lround((area.high - area.low) / step));
    for (int i = 0; i <= ticks; ++i) {
        const double v = area.low + i * step;
        const std::string y = num(area.y(v));
        out += fmt::format(
            "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" class=\"grid\"/>"
            "<text x=\"{3}\" y=\"{1}\" dy=\"3.5\" text-anchor=\"end\">{4:.{5}f}</text>",
            // + 0.0 turns -0.0 into 0.0: the axis never reads "-0".
            num(area.left), y, num(area.right), num(area.left - 4.0), v + 0.0, decimals);
    }
    return out;
}

// The smallest 1, 2 or 5 times a power of ten that is at least `raw`.
double nice_ceiling(double raw) {
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / magnitude;
    const double nice = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

std::vector<std::string> labels_at(const PlotAxis& axis, int64_t position) {
    return axis.tick_labels ? axis.tick_labels(position)
                            : std::vector<std::string>{std::to_string(position)};
}

// Ticks far enough apart for their widest label (timecodes are long) to never overlap.
int64_t x_tick_step(const PlotAxis& axis, const PlotArea& area) {
    size_t widest = 1;
    for (const std::string& row : labels_at(axis, std::max(axis.end - 1, axis.begin)))
        widest = std::max(widest, row.size());
    const double spacing = double(widest) * kCharWidth + 18.0;
    const double per_pixel =
        double(std::max<int64_t>(axis.end - axis.begin, 1)) / (area.right - area.left);
    return std::max<int64_t>(1, std::llround(nice_ceiling(spacing * per_pixel)));
}

// Labels at the ends are anchored inward so they stay clear of the row names and the border.
std::string_view tick_anchor(double x, const PlotArea& area) {
    if (x - area.left < 36.0) return "start";
    if (area.right - x < 36.0) return "end";
    return "middle";
}

std::string x_axis_svg(const PlotAxis& axis, const PlotArea& area) {
    std::string out;
    const int64_t step = x_tick_step(axis, area);
    const double label_top = area.bottom + 14.0;
    for (size_t row = 0; row < axis.row_names.size(); ++row)
        out +=
            fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"axis-name\">{}</text>",
                        num(area.left - 4.0), num(label_top + 13.0 * double(row)),
                        escape_html(axis.row_names[row]));
    for (int64_t p = (axis.begin + step - 1) / step * step; p < axis.end; p += step) {
        const double px = area.x(double(p));
        const std::string x = num(px);
        out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" class=\"grid\"/>", x,
                           num(area.top), num(area.bottom + 3.0));
        const std::vector<std::string> rows = labels_at(axis, p);
        for (size_t row = 0; row < rows.size(); ++row)
            out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>", x,
                               num(label_top + 13.0 * double(row)), tick_anchor(px, area),
                               escape_html(rows[row]));
    }
    return out;
}

std::string legend_svg(const PlotSpec& spec) {
    std::string out;
    double x = kLeft + kCharWidth * 1.15 * double(spec.title.size() + spec.unit.size() + 3) + 16.0;
    for (const PlotSeries& s : spec.series) {
        out += fmt::format(
            "<rect x=\"{}\" y=\"9\" width=\"10\" height=\"10\" fill=\"{}\"/>"
            "<text x=\"{}\" y=\"18\">{}</text>",
            num(x), colour(s.colour), num(x + 14.0), escape_html(s.name));
        x += 14.0 + kCharWidth * double(s.name.size()) + 14.0;
    }
    return out;
}

std::string svg_open(double height, const std::string& label) {
    return fmt::format(
        "<svg class=\"plot\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\">"
        "<title>{}</title>",
        num(kWidth), num(height), escape_html(label), escape_html(label));
}

std::string plot_title(const PlotSpec& spec) {
    return spec.unit.empty() ? spec.title : spec.title + " (" + spec.unit + ")";
}

std::string short_label(const std::string& label) {
    if (label.size() <= kLaneLabelChars) return label;
    return label.substr(0, kLaneLabelChars - 2) + "..";
}

}  // namespace

std::string render_plot_svg(const PlotSpec& spec) {
    PlotArea area;
    area.begin = spec.axis.begin;
    area.end = std::max(spec.axis.end, spec.axis.begin + 1);
    double step = 1.0;
    fit_values(spec, area, step);
    const std::string title = plot_title(spec);
    std::string out = svg_open(area.bottom + kAxisBand, title);
    out += fmt::format("<text x=\"{}\" y=\"18\" class=\"plot-title\">{}</text>", num(kLeft),
                       escape_html(title));
    out += legend_svg(spec);
    out += y_axis_svg(area, step);
    out += x_axis_svg(spec.axis, area);
    out += spans_svg(spec.spans, area);
    for (const PlotSeries& series : spec.series) out += series_svg(series, area);
    out += limits_svg(spec.limits, area);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"frame\"/>",
                       num(area.left), num(area.top), num(area.right - area.left),
                       num(area.bottom - area.top));
    return out + "</svg>";
}

std::string render_timeline_svg(const std::string& title, const PlotAxis& axis,
                                const std::vector<TimelineLane>& lanes) {
    PlotArea area;
    area.begin = axis.begin;
    area.end = std::max(axis.end, axis.begin + 1);
    const double lanes_height = double(lanes.size()) * (kLaneHeight + kLaneGap) + kLaneGap;
    area.bottom = area.top + std::max(lanes_height, kLaneHeight);
    std::string out = svg_open(area.bottom + kAxisBand, title);
    out += fmt::format("<text x=\"{}\" y=\"18\" class=\"plot-title\">{}</text>", num(kLeft),
                       escape_html(title));
    out += x_axis_svg(axis, area);
    for (size_t i = 0; i < lanes.size(); ++i) {
        const double top = area.top + kLaneGap + double(i) * (kLaneHeight + kLaneGap);
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
                           num(area.left - 4.0), num(top + 12.0), escape_html(lanes[i].label),
                           escape_html(short_label(lanes[i].label)));
        for (const PlotSpan& span : merge_close(lanes[i].spans, area))
            out += span_rect(span, area, top, top + kLaneHeight, colour(int(i)), 0.85);
    }
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"frame\"/>",
                       num(area.left), num(area.top), num(area.right - area.left),
                       num(area.bottom - area.top));
    return out + "</svg>";
}

}  // namespace media::report::detail
