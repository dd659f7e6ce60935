// SPDX-License-Identifier: Apache-2.0
#include "qc_graphs.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>

namespace media::report::detail {

namespace {

using analysis::FrameSeries;
using qc::CheckResult;
using qc::Event;
using qc::FileReport;

// Series drawn together, and the words in check ids whose events and limits belong on them.
// Check ids are matched by substring so that related checks ("black", "head_black") share a
// graph without this table naming every one.
using Words = std::array<std::string_view, 4>;

struct SeriesGroup {
    std::string_view title;
    std::array<std::string_view, 5> series;
    Words check_words;
};

// Names as the QC runner keeps them (QCTools' where QCTools has the measure), with room for
// QCTools' others (YLOW, UAVG...) should the runner add them.
constexpr std::array<SeriesGroup, 15> kGroups{{
    {"Luma Y'", {"YMIN", "YLOW", "YAVG", "YHIGH", "YMAX"}, {"black", "luma_range"}},
    {"Chroma Cb (U)", {"UMIN", "ULOW", "UAVG", "UHIGH", "UMAX"}, {"chroma_range"}},
    {"Chroma Cr (V)", {"VMIN", "VLOW", "VAVG", "VHIGH", "VMAX"}, {"chroma_range"}},
    {"Saturation", {"SATMIN", "SATLOW", "SATAVG", "SATHIGH", "SATMAX"}, {"gamut"}},
    {"Hue", {"HUEMED", "HUEAVG"}, {}},
    {"Frame difference", {"YDIF", "UDIF", "VDIF", "MAFD"}, {"freeze", "cadence"}},
    {"Temporal outliers", {"TOUT"}, {}},
    {"Vertical line repetition", {"VREP"}, {}},
    {"Out of broadcast range", {"BRNG"}, {"luma_range", "chroma_range", "brng"}},
    {"Luma outside legal range", {"LUMA_OUT"}, {"luma_range"}},
    {"R'G'B' outside gamut", {"GAMUT"}, {"gamut"}},
    {"Black", {"BLACK"}, {"black"}},
    {"Combing", {"COMB"}, {"interlace", "comb"}},
    {"Flash luminance", {"FLASH"}, {"flash"}},
    {"Light level", {"MAXCLL", "MAXFALL"}, {"light_level", "cll"}},
}};

// The words linking the audio plots to their checks.
constexpr Words kLoudnessWords{"loudness", "", "", ""};
constexpr Words kPeakWords{"peak", "clip", "silence", ""};
// Checks whose threshold is a level on the plot itself, drawn as lines. Only these: a picture
// check's threshold ("Y' within -1 % .. 103 %") is in the same unit as its graph (share of
// pixels outside, %) without being a value of it.
constexpr Words kLoudnessLimits{"loudness_integrated", "loudness_max", "", ""};
constexpr Words kPeakLimits{"true_peak", "peak_level", "", ""};
constexpr Words kNoLimits{};

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool mentions(std::string_view id, const Words& words) {
    const std::string lowered = lower(id);
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) {
        return !w.empty() && lowered.find(w) != std::string::npos;
    });
}

// Units that measure the same scale: LKFS is LUFS; a true-peak limit reads on a peak-dBFS graph.
std::string canonical_unit(std::string_view unit) {
    std::string u = lower(unit);
    if (u == "lkfs") return "lufs";
    if (u == "dbtp") return "dbfs";
    return u;
}

// The first number in a threshold text ("-23 ±0.5 LUFS" -> -23, "≤ -1 dBTP" -> -1): the model
// carries limits as text for people, and this is the value a graph can draw.
std::optional<double> first_number(std::string_view text) {
    for (size_t i = 0; i < text.size(); ++i) {
        const bool digit = std::isdigit(static_cast<unsigned char>(text[i])) != 0;
        const bool sign = (text[i] == '-' || text[i] == '+') && i + 1 < text.size() &&
                          std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0;
        if (!digit && !sign) continue;
        const size_t start = text[i] == '+' ? i + 1 : i;
        double value = 0.0;
        const auto parsed = std::from_chars(text.data() + start, text.data() + text.size(), value);
        if (parsed.ec == std::errc()) return value;
    }
    return std::nullopt;
}

// One line per limit in the text ("momentary <= -10 LUFS, short-term <= -18 LUFS" gives two)
// when the check's unit is the plot's.
std::vector<PlotLimit> numeric_limits(const CheckResult& check, const std::string& plot_unit) {
    std::vector<PlotLimit> limits;
    if (check.unit.empty() || canonical_unit(check.unit) != canonical_unit(plot_unit))
        return limits;
    std::string_view rest = check.threshold_text;
    while (!rest.empty()) {
        const size_t comma = rest.find(", ");
        const std::string_view part = rest.substr(0, comma);
        if (const std::optional<double> value = first_number(part))
            limits.push_back(PlotLimit{*value, check.id + ": " + std::string(part)});
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
    }
    return limits;
}

std::string event_label(const CheckResult& check, const Event& event) {
    std::string where;
    if (event.first_frame >= 0) {
        where = event.first_timecode.empty()
                    ? fmt::format("frames {}-{}", event.first_frame, event.last_frame)
                    : event.first_timecode + "-" + event.last_timecode;
    } else {
        where = fmt::format("{:.3f}-{:.3f} s", event.start_seconds, event.end_seconds);
    }
    std::string label = check.id + " " + where;
    if (!event.detail.empty()) label += ": " + event.detail;
    return label;
}

// An event as a span on a frame axis (frames) or a millisecond axis (seconds).
std::optional<PlotSpan> event_span(const CheckResult& check, const Event& event, bool frames) {
    if (frames) {
        if (event.first_frame < 0) return std::nullopt;
        return PlotSpan{event.first_frame, std::max(event.last_frame, event.first_frame),
                        event_label(check, event)};
    }
    const auto first = static_cast<int64_t>(std::floor(event.start_seconds * 1000.0));
    const auto last = static_cast<int64_t>(std::ceil(event.end_seconds * 1000.0)) - 1;
    return PlotSpan{first, std::max(first, last), event_label(check, event)};
}

bool is_one_of(std::string_view id, const Words& ids) {
    return !id.empty() && std::find(ids.begin(), ids.end(), id) != ids.end();
}

void mark_checks(PlotSpec& plot, const FileReport& file, const Words& words, const Words& limits,
                 bool frames) {
    for (const CheckResult& check : file.checks) {
        // Picture graphs take picture and stream checks, audio graphs audio ones: "range" in
        // "loudness_range" must not shade a luma graph.
        if (frames == (check.category == "audio")) continue;
        if (is_one_of(check.id, limits))
            for (PlotLimit& limit : numeric_limits(check, plot.unit))
                plot.limits.push_back(std::move(limit));
        if (check.verdict != qc::Verdict::Fail || !mentions(check.id, words)) continue;
        for (const Event& event : check.events)
            if (auto span = event_span(check, event, frames)) plot.spans.push_back(*span);
    }
}

int64_t series_end(const std::vector<const FrameSeries*>& series) {
    int64_t end = 0;
    for (const FrameSeries* s : series) {
        const auto points = s->points();
        if (!points.empty()) end = std::max(end, points.back().last + 1);
    }
    return end;
}

std::string seconds_text(double seconds) {
    return fmt::format("{:.1f} s", seconds);
}

// Ticks on the frame axis: the frame number, and its timecode (or time) below.
PlotAxis frame_axis(const qc::FileAnalysis& analysis, int64_t end) {
    PlotAxis axis;
    axis.begin = 0;
    axis.end = std::max<int64_t>({end, analysis.stream.frames_decoded, 1});
    const std::optional<Timecode> start = analysis.facts.start_timecode;
    const Rational rate = analysis.facts.frame_rate;
    axis.row_names = {"frame", start ? "timecode" : "time"};
    axis.tick_labels = [start, rate](int64_t frame) {
        std::vector<std::string> rows{std::to_string(frame)};
        if (start) {
            rows.push_back((*start + frame).to_string());
        } else if (rate.valid() && rate.num() > 0) {
            rows.push_back(seconds_text(double(frame) / rate.to_double()));
        }
        return rows;
    };
    return axis;
}

// Ticks on the millisecond axis of audio series: seconds, and the video timecode when known.
PlotAxis millisecond_axis(const qc::FileAnalysis& analysis, int64_t end) {
    PlotAxis axis;
    axis.begin = 0;
    const double audio_ms = analysis.stream.audio_seconds.value_or(0.0) * 1000.0;
    axis.end = std::max<int64_t>({end, static_cast<int64_t>(std::ceil(audio_ms)), 1});
    const std::optional<Timecode> start = analysis.facts.start_timecode;
    const Rational rate = analysis.facts.frame_rate;
    const bool timecode = start && rate.valid() && rate.num() > 0;
    axis.row_names =
        timecode ? std::vector<std::string>{"time", "timecode"} : std::vector<std::string>{"time"};
    axis.tick_labels = [start, rate, timecode](int64_t ms) {
        std::vector<std::string> rows{seconds_text(double(ms) / 1000.0)};
        if (timecode) {
            const auto frame =
                static_cast<int64_t>(std::floor(double(ms) / 1000.0 * rate.to_double() + 1e-6));
            rows.push_back((*start + frame).to_string());
        }
        return rows;
    };
    return axis;
}

PlotSpec series_plot(std::string title, const std::vector<const FrameSeries*>& series,
                     PlotAxis axis) {
    PlotSpec plot;
    plot.title = std::move(title);
    plot.unit = series.front()->unit();
    plot.axis = std::move(axis);
    int colour = 0;
    for (const FrameSeries* s : series)
        plot.series.push_back(PlotSeries{s->name(), s->points(), colour++});
    return plot;
}

const FrameSeries* find_series(const qc::FileAnalysis& analysis, std::string_view name) {
    for (const FrameSeries& s : analysis.series)
        if (s.name() == name && !s.empty()) return &s;
    return nullptr;
}

std::vector<const FrameSeries*> group_members(const qc::FileAnalysis& analysis,
                                              const SeriesGroup& group) {
    std::vector<const FrameSeries*> members;
    for (std::string_view name : group.series)
        if (const FrameSeries* s = name.empty() ? nullptr : find_series(analysis, name))
            members.push_back(s);
    return members;
}

// Series of one group must share a unit to share a y axis; a stray unit gets its own plot.
void add_group_plots(std::vector<PlotSpec>& plots, const FileReport& file, const SeriesGroup& group,
                     std::set<std::string>& used) {
    const std::vector<const FrameSeries*> members = group_members(file.analysis, group);
    std::vector<std::string> units;
    for (const FrameSeries* s : members)
        if (std::find(units.begin(), units.end(), s->unit()) == units.end())
            units.push_back(s->unit());
    for (const std::string& unit : units) {
        std::vector<const FrameSeries*> same;
        for (const FrameSeries* s : members) {
            if (s->unit() != unit) continue;
            same.push_back(s);
            used.insert(s->name());
        }
        PlotSpec plot = series_plot(std::string(group.title), same,
                                    frame_axis(file.analysis, series_end(same)));
        mark_checks(plot, file, group.check_words, kNoLimits, true);
        plots.push_back(std::move(plot));
    }
}

// A series no group names is drawn alone, linked to the checks whose id contains its name.
void add_other_plots(std::vector<PlotSpec>& plots, const FileReport& file,
                     const std::set<std::string>& used) {
    for (const FrameSeries& s : file.analysis.series) {
        if (s.empty() || used.count(s.name()) > 0) continue;
        const std::vector<const FrameSeries*> one{&s};
        PlotSpec plot = series_plot(s.name(), one, frame_axis(file.analysis, series_end(one)));
        const std::string word = lower(s.name());
        mark_checks(plot, file, Words{word, "", "", ""}, kNoLimits, true);
        plots.push_back(std::move(plot));
    }
}

void add_audio_plot(std::vector<PlotSpec>& plots, const FileReport& file, std::string title,
                    const std::vector<const FrameSeries*>& candidates, const Words& words,
                    const Words& limits) {
    std::vector<const FrameSeries*> series;
    for (const FrameSeries* s : candidates)
        if (!s->empty()) series.push_back(s);
    if (series.empty()) return;
    PlotSpec plot =
        series_plot(std::move(title), series, millisecond_axis(file.analysis, series_end(series)));
    mark_checks(plot, file, words, limits, false);
    plots.push_back(std::move(plot));
}

}  // namespace

std::vector<PlotSpec> file_plots(const FileReport& file) {
    std::vector<PlotSpec> plots;
    std::set<std::string> used;
    for (const SeriesGroup& group : kGroups) add_group_plots(plots, file, group, used);
    add_other_plots(plots, file, used);
    const qc::FileAnalysis& a = file.analysis;
    if (a.loudness)
        add_audio_plot(plots, file, "Loudness", {&a.loudness->short_term, &a.loudness->momentary},
                       kLoudnessWords, kLoudnessLimits);
    if (a.audio_levels)
        add_audio_plot(plots, file, "Peak level", {&a.audio_levels->peak_series}, kPeakWords,
                       kPeakLimits);
    return plots;
}

std::string file_timeline_svg(const FileReport& file) {
    const bool frames = file.analysis.facts.has_video;
    std::vector<TimelineLane> lanes;
    int64_t end = 0;
    for (const CheckResult& check : file.checks) {
        if (check.verdict != qc::Verdict::Fail) continue;
        TimelineLane lane{check.id, {}};
        for (const Event& event : check.events) {
            if (auto span = event_span(check, event, frames)) {
                end = std::max(end, span->last + 1);
                lane.spans.push_back(*span);
            }
        }
        if (!lane.spans.empty()) lanes.push_back(std::move(lane));
    }
    if (lanes.empty()) return {};
    const PlotAxis axis =
        frames ? frame_axis(file.analysis, end) : millisecond_axis(file.analysis, end);
    return render_timeline_svg("Events of failed checks", axis, lanes);
}

}  // namespace media::report::detail
