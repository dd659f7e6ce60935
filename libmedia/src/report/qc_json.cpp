// SPDX-License-Identifier: Apache-2.0
// The QC report as JSON (and, for ReportKind::Validate, the "slate.validate-report" variant with
// a spec and rules in place of the profile and checks). The layout is a public contract:
// docs/qc-report.md describes every key; change it only with a version bump. Numbers are rounded
// before writing (seconds to the microsecond, measurements to 6 significant digits) so that
// last-bit differences between runs never reach the file, and nlohmann writes doubles without the C
// locale.
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "media/report/qc_writers.h"
#include "report_format.h"

namespace media::report {
namespace {

// ordered_json keeps keys in the documented order (schema and version first).
using json = nlohmann::ordered_json;

constexpr const char* kSchema = "slate.qc-report";
constexpr int kVersion = 1;

json text(const std::string& value) {
    return value.empty() ? json(nullptr) : json(value);
}

// A measurement: 6 significant digits.
json number(double value) {
    return std::isfinite(value) ? json(detail::round_significant(value)) : json(nullptr);
}

json number(const std::optional<double>& value) {
    return value ? number(*value) : json(nullptr);
}

// A time in seconds: microseconds, which also separate audio samples up to 1 MHz.
json seconds(double value) {
    return std::isfinite(value) ? json(detail::round_decimals(value, 6)) : json(nullptr);
}

json seconds(const std::optional<double>& value) {
    return value ? seconds(*value) : json(nullptr);
}

json index(int64_t value) {
    return value >= 0 ? json(value) : json(nullptr);
}

json numbers(const std::vector<double>& values) {
    json out = json::array();
    for (double value : values) out.push_back(number(value));
    return out;
}

// --- profile and facts -------------------------------------------------------------------------

std::string_view style_name(qc::SeverityStyle style) {
    return style == qc::SeverityStyle::Netflix ? "netflix" : "standard";
}

json profile_json(const qc::QcReport& report) {
    return {{"name", text(report.profile_name)},
            {"version", text(report.profile_version)},
            {"source", text(report.profile_source)},
            {"fail_on", qc::to_string(report.fail_on, report.severity_style)},
            {"severity_style", style_name(report.severity_style)}};
}

json mastering_json(const std::optional<MasteringDisplay>& md) {
    if (!md) return nullptr;
    return {{"red", {number(md->red_x), number(md->red_y)}},
            {"green", {number(md->green_x), number(md->green_y)}},
            {"blue", {number(md->blue_x), number(md->blue_y)}},
            {"white_point", {number(md->white_x), number(md->white_y)}},
            {"min_luminance", number(md->min_luminance)},
            {"max_luminance", number(md->max_luminance)}};
}

json content_light_json(const std::optional<ContentLightLevel>& cll) {
    if (!cll) return nullptr;
    return {{"max_cll", cll->max_cll}, {"max_fall", cll->max_fall}};
}

json color_json(const ColorInfo& color) {
    return {{"primaries", to_string(color.primaries)},
            {"transfer", to_string(color.transfer)},
            {"matrix", to_string(color.matrix)},
            {"range", to_string(color.range)},
            {"chroma_location", to_string(color.chroma_location)},
            {"mastering_display", mastering_json(color.mastering_display)},
            {"content_light", content_light_json(color.content_light)}};
}

json rate_json(Rational rate) {
    if (!rate.valid() || rate.num() <= 0) return nullptr;
    return fmt::format("{}/{}", rate.num(), rate.den());
}

json video_facts_json(const qc::FileFacts& facts) {
    if (!facts.has_video) return nullptr;
    return {
        {"codec", text(facts.video_codec)},
        {"width", facts.width},
        {"height", facts.height},
        {"frame_rate", rate_json(facts.frame_rate)},
        {"pixel_format", text(facts.pixel_format)},
        {"declared_frames", facts.declared_frames ? json(*facts.declared_frames) : json(nullptr)},
        {"color", color_json(facts.color)}};
}

json audio_facts_json(const qc::FileFacts& facts) {
    if (!facts.has_audio) return nullptr;
    return {{"codec", text(facts.audio_codec)},
            {"channels", facts.audio_channels},
            {"sample_rate", facts.sample_rate > 0 ? json(facts.sample_rate) : json(nullptr)},
            {"channel_layout", text(facts.channel_layout)}};
}

json facts_json(const qc::FileFacts& facts) {
    return {{"container", text(facts.container)},
            {"duration_seconds", seconds(facts.duration_seconds)},
            {"size_bytes", facts.size_bytes},
            {"start_timecode",
             facts.start_timecode ? json(facts.start_timecode->to_string()) : json(nullptr)},
            {"video", video_facts_json(facts)},
            {"audio", audio_facts_json(facts)}};
}

// --- measurements ------------------------------------------------------------------------------

json frame_segment_json(const analysis::Segment& segment) {
    return {{"first", segment.first},
            {"last", segment.last},
            {"value", number(segment.value)},
            {"detail", text(segment.detail)}};
}

json frame_segments_json(const std::vector<analysis::Segment>& segments) {
    json out = json::array();
    for (const auto& segment : segments) out.push_back(frame_segment_json(segment));
    return out;
}

json frame_segments_json(const std::optional<std::vector<analysis::Segment>>& segments) {
    return segments ? frame_segments_json(*segments) : json(nullptr);
}

// Audio segments count samples; their times are given too so a reader needs no sample rate.
json sample_time(int64_t sample, int sample_rate) {
    if (sample_rate <= 0) return nullptr;
    return seconds(static_cast<double>(sample) / sample_rate);
}

json sample_segments_json(const std::vector<analysis::Segment>& segments, int sample_rate) {
    json out = json::array();
    for (const auto& segment : segments)
        out.push_back({{"first_sample", segment.first},
                       {"last_sample", segment.last},
                       {"start_seconds", sample_time(segment.first, sample_rate)},
                       {"end_seconds", sample_time(segment.last + 1, sample_rate)},
                       {"value", number(segment.value)},
                       {"detail", text(segment.detail)}});
    return out;
}

json decode_errors_json(const std::vector<DecodeIssue>& issues) {
    json out = json::array();
    for (const auto& issue : issues)
        out.push_back({{"stream", issue.stream >= 0 ? json(issue.stream) : json(nullptr)},
                       {"frame", index(issue.frame)},
                       {"pts", issue.pts == kNoPts ? json(nullptr) : json(issue.pts)},
                       {"message", text(issue.message)}});
    return out;
}

json timecode_breaks_json(const std::vector<qc::TimecodeBreak>& breaks) {
    json out = json::array();
    for (const auto& item : breaks)
        out.push_back({{"frame", item.frame},
                       {"expected", text(item.expected)},
                       {"found", text(item.found)},
                       {"jump_frames", item.jump_frames},
                       {"previous_file", text(item.previous_file)}});
    return out;
}

json active_area_json(const std::vector<analysis::ActiveAreaSegment>& segments) {
    json out = json::array();
    for (const auto& segment : segments)
        out.push_back({{"first", segment.first},
                       {"last", segment.last},
                       {"left", segment.area.left},
                       {"top", segment.area.top},
                       {"width", segment.area.width},
                       {"height", segment.area.height}});
    return out;
}

json picture_json(const std::optional<analysis::PictureResult>& picture) {
    if (!picture) return nullptr;
    return {{"luma_min_percent", number(picture->luma_min_percent)},
            {"luma_max_percent", number(picture->luma_max_percent)},
            {"luma_below", frame_segments_json(picture->luma_below)},
            {"luma_above", frame_segments_json(picture->luma_above)},
            {"chroma_outside", frame_segments_json(picture->chroma_outside)},
            {"gamut_outside", frame_segments_json(picture->gamut_outside)},
            {"nonfinite", frame_segments_json(picture->nonfinite)},
            {"blocky", frame_segments_json(picture->blocky)},
            {"active_area", active_area_json(picture->active_area)}};
}

json light_level_json(const std::optional<analysis::PictureResult>& picture) {
    if (!picture) return nullptr;
    const analysis::LightLevelResult& light = picture->light;
    return {{"pq_frames", light.pq_frames},
            {"max_cll", number(light.max_cll)},
            {"max_cll_frame", index(light.max_cll_frame)},
            {"max_fall", number(light.max_fall)},
            {"max_fall_frame", index(light.max_fall_frame)}};
}

json interlace_json(const std::optional<analysis::InterlaceResult>& interlace) {
    if (!interlace) return nullptr;
    return {{"detected", text(interlace->detected)},
            {"top_first", interlace->top_first},
            {"bottom_first", interlace->bottom_first},
            {"progressive", interlace->progressive},
            {"undetermined", interlace->undetermined},
            {"repeated_top", interlace->repeated_top},
            {"repeated_bottom", interlace->repeated_bottom},
            {"combed", frame_segments_json(interlace->combed)}};
}

json cadence_json(const std::optional<analysis::CadenceResult>& cadence) {
    if (!cadence) return nullptr;
    return {{"pattern", text(cadence->pattern)},
            {"pattern_frames", cadence->pattern_frames},
            {"repeated_frames", cadence->repeated_frames},
            {"dropped", frame_segments_json(cadence->dropped)}};
}

json flash_json(const std::optional<analysis::FlashResult>& flash) {
    if (!flash) return nullptr;
    json failures = json::array();
    for (const auto& window : flash->failures)
        failures.push_back({{"kind", window.kind},
                            {"first", window.first},
                            {"last", window.last},
                            {"flashes", window.flashes},
                            {"area", number(window.area)},
                            {"change", number(window.change)}});
    return {{"max_flashes_per_second", flash->max_flashes_per_second},
            {"max_area", number(flash->max_area)},
            {"failures", std::move(failures)}};
}

json loudness_json(const std::optional<analysis::LoudnessResult>& loudness, int sample_rate) {
    if (!loudness) return nullptr;
    return {{"integrated", number(loudness->integrated)},
            {"range", number(loudness->range)},
            {"momentary_max", number(loudness->momentary_max)},
            {"short_term_max", number(loudness->short_term_max)},
            {"true_peak", number(loudness->true_peak)},
            {"sample_peak", number(loudness->sample_peak)},
            {"true_peak_per_channel", numbers(loudness->true_peak_per_channel)},
            {"true_peak_over", sample_segments_json(loudness->true_peak_over, sample_rate)}};
}

json channel_levels_json(const analysis::ChannelLevels& channel, int sample_rate) {
    return {{"channel", channel.channel},
            {"peak_db", number(channel.peak_db)},
            {"rms_db", number(channel.rms_db)},
            {"dc_offset", number(channel.dc_offset)},
            {"dead", channel.dead},
            {"clipped_samples", channel.clipped_samples},
            {"silence", sample_segments_json(channel.silence, sample_rate)},
            {"clipping", sample_segments_json(channel.clipping, sample_rate)},
            {"peak_over", sample_segments_json(channel.peak_over, sample_rate)}};
}

json audio_levels_json(const std::optional<analysis::AudioLevelsResult>& levels) {
    if (!levels) return nullptr;
    const int rate = levels->sample_rate;
    json channels = json::array();
    for (const auto& channel : levels->per_channel)
        channels.push_back(channel_levels_json(channel, rate));
    return {{"channels", levels->channels},
            {"sample_rate", rate > 0 ? json(rate) : json(nullptr)},
            {"channel_layout", text(levels->channel_layout)},
            {"samples", levels->samples},
            {"phase_min", number(levels->phase_min)},
            {"phase_mean", number(levels->phase_mean)},
            {"out_of_phase", sample_segments_json(levels->out_of_phase, rate)},
            {"silence_all", sample_segments_json(levels->silence_all, rate)},
            {"per_channel", std::move(channels)}};
}

json stream_json(const qc::StreamAnalysis& stream) {
    return {{"frames_decoded", stream.frames_decoded},
            {"video_seconds", seconds(stream.video_seconds)},
            {"audio_seconds", seconds(stream.audio_seconds)},
            {"audio_samples", stream.audio_samples},
            {"timestamps_known", stream.timestamps_known},
            {"variable_frame_rate", stream.variable_frame_rate},
            {"truncated", stream.truncated},
            {"fatal_error", text(stream.fatal_error)},
            {"decode_errors", decode_errors_json(stream.decode_errors)},
            {"corrupt_frames", frame_segments_json(stream.corrupt_frames)},
            {"timecode_breaks", timecode_breaks_json(stream.timecode_breaks)},
            {"pts_gaps", frame_segments_json(stream.pts_gaps)}};
}

json measurements_json(const qc::FileAnalysis& analysis) {
    // Audio segments of the loudness meter count samples at the stream's rate.
    const int rate = analysis.audio_levels && analysis.audio_levels->sample_rate > 0
                         ? analysis.audio_levels->sample_rate
                         : analysis.facts.sample_rate;
    json out = stream_json(analysis.stream);
    out["picture"] = picture_json(analysis.picture);
    out["light_level"] = light_level_json(analysis.picture);
    out["black"] = frame_segments_json(analysis.black);
    out["freeze"] = frame_segments_json(analysis.freeze);
    out["interlace"] = interlace_json(analysis.interlace);
    out["cadence"] = cadence_json(analysis.cadence);
    out["flash"] = flash_json(analysis.flash);
    out["loudness"] = loudness_json(analysis.loudness, rate);
    out["audio_levels"] = audio_levels_json(analysis.audio_levels);
    return out;
}

// --- checks ------------------------------------------------------------------------------------

json event_json(const qc::Event& event) {
    return {{"first_frame", index(event.first_frame)},
            {"last_frame", index(event.last_frame)},
            {"first_timecode", text(event.first_timecode)},
            {"last_timecode", text(event.last_timecode)},
            {"start_seconds", seconds(event.start_seconds)},
            {"end_seconds", seconds(event.end_seconds)},
            {"channel", index(event.channel)},
            {"value", number(event.value)},
            {"detail", text(event.detail)}};
}

json events_json(const std::vector<qc::Event>& events) {
    json out = json::array();
    for (const auto& event : events) out.push_back(event_json(event));
    return out;
}

json check_json(const qc::CheckResult& check, qc::SeverityStyle style) {
    return {{"id", check.id},
            {"title", text(check.title)},
            {"category", text(check.category)},
            {"severity", qc::to_string(check.severity, style)},
            {"verdict", qc::to_string(check.verdict)},
            {"measured", number(check.measured)},
            {"unit", text(check.unit)},
            {"measured_text", text(check.measured_text)},
            {"threshold_text", text(check.threshold_text)},
            {"message", text(check.message)},
            {"events", events_json(check.events)},
            {"evidence", check.evidence}};
}

// --- series ------------------------------------------------------------------------------------

// Series points are written one per line ("[first,last,min,max,mean]") instead of one number
// per line: a long file's graphs stay a fraction of the size and diff line by line. The points
// go into the document as marker strings and are expanded after dumping.
class PointsStash {
public:
    json stash(json points) {
        m_blocks.push_back(std::move(points));
        return fmt::format("slate-points-{}", m_blocks.size() - 1);
    }

    std::string expand(std::string text) const {
        size_t from = 0;
        for (size_t i = 0; i < m_blocks.size(); ++i) {
            // Quotes inside JSON strings are escaped, so this key/value text is structure.
            const std::string needle = fmt::format("\"points\": \"slate-points-{}\"", i);
            const size_t at = text.find(needle, from);
            if (at == std::string::npos) continue;
            const size_t line_start = text.rfind('\n', at) + 1;
            const std::string block = points_block(m_blocks[i], at - line_start);
            text.replace(at, needle.size(), block);
            from = at + block.size();
        }
        return text;
    }

private:
    static std::string points_block(const json& points, size_t indent) {
        if (points.empty()) return "\"points\": []";
        std::string block = "\"points\": [";
        const std::string row_indent(indent + 2, ' ');
        for (size_t i = 0; i < points.size(); ++i)
            block += (i == 0 ? "\n" : ",\n") + row_indent + points[i].dump();
        return block + "\n" + std::string(indent, ' ') + "]";
    }

    std::vector<json> m_blocks;
};

json series_entry_json(const analysis::FrameSeries& series, std::string_view position,
                       PointsStash& stash) {
    json points = json::array();
    for (const auto& point : series.points())
        points.push_back(
            {point.first, point.last, number(point.min), number(point.max), number(point.mean)});
    return {{"unit", text(series.unit())},
            {"position", position},
            {"bucket", series.bucket_size()},
            {"points", stash.stash(std::move(points))}};
}

// Builds the "series" object; the first series of a name wins, so a name is one graph.
class SeriesCollector {
public:
    explicit SeriesCollector(PointsStash& stash) : m_stash(stash) {}

    void add(const analysis::FrameSeries& series, const std::string& fallback_name,
             std::string_view position) {
        if (series.empty()) return;
        const std::string name = series.name().empty() ? fallback_name : series.name();
        if (!m_seen.insert(name).second) return;
        m_out[name] = series_entry_json(series, position, m_stash);
    }
    json take() { return std::move(m_out); }

private:
    PointsStash& m_stash;
    std::set<std::string> m_seen;
    json m_out = json::object();
};

json series_json(const qc::FileAnalysis& analysis, PointsStash& stash) {
    SeriesCollector collector(stash);
    for (const auto& series : analysis.series) collector.add(series, "series", "frame");
    if (analysis.loudness) {
        collector.add(analysis.loudness->short_term, "LOUDNESS_S", "ms");
        collector.add(analysis.loudness->momentary, "LOUDNESS_M", "ms");
    }
    if (analysis.audio_levels)
        collector.add(analysis.audio_levels->peak_series, "AUDIO_PEAK", "ms");
    return collector.take();
}

// --- document ----------------------------------------------------------------------------------

json file_json(const qc::FileReport& file, const qc::QcReport& report,
               const JsonReportOptions& options, PointsStash& stash) {
    json checks = json::array();
    for (const auto& check : file.checks)
        checks.push_back(check_json(check, report.severity_style));
    json out = {{"path", file.analysis.facts.path},
                {"verdict", qc::to_string(file.verdict)},
                {"error", text(file.error)},
                {"facts", facts_json(file.analysis.facts)},
                {"measurements", measurements_json(file.analysis)},
                {"checks", std::move(checks)}};
    if (options.series) out["series"] = series_json(file.analysis, stash);
    return out;
}

json run_json(const qc::RunInfo& run) {
    return {{"started_utc", text(run.started_utc)},
            {"finished_utc", text(run.finished_utc)},
            {"host", text(run.host)},
            {"slate_version", text(run.slate_version)},
            {"wall_seconds", detail::round_decimals(run.wall_seconds, 3)},
            {"threads", run.threads}};
}

// --- delivery-spec validation (ReportKind::Validate) ---------------------------------------------

constexpr const char* kValidateSchema = "slate.validate-report";
constexpr int kValidateVersion = 1;

json spec_json(const qc::QcReport& report) {
    json parameters = json::object();
    for (const auto& parameter : report.parameters) parameters[parameter.name] = parameter.value;
    return {{"name", text(report.profile_name)},
            {"version", text(report.profile_version)},
            {"source", text(report.profile_source)},
            {"issuer", text(report.spec_issuer)},
            {"document", text(report.spec_document)},
            {"fail_on", qc::to_string(report.fail_on, report.severity_style)},
            {"severity_style", style_name(report.severity_style)},
            {"parameters", std::move(parameters)}};
}

json rule_json(const qc::CheckResult& rule, qc::SeverityStyle style) {
    return {{"id", rule.id},
            {"title", text(rule.title)},
            {"category", text(rule.category)},
            {"severity", qc::to_string(rule.severity, style)},
            {"verdict", qc::to_string(rule.verdict)},
            {"expected", text(rule.threshold_text)},
            {"measured", text(rule.measured_text)},
            {"measured_value", number(rule.measured)},
            {"unit", text(rule.unit)},
            {"message", text(rule.message)},
            {"reference", text(rule.reference)},
            {"events", events_json(rule.events)}};
}

json rule_summary_json(const qc::FileReport& file, qc::Severity fail_on) {
    const detail::VerdictCounts counts = detail::count_verdicts(file, fail_on);
    return {{"rules", counts.total},
            {"passed", counts.passed},
            {"failed", counts.failed},
            {"warned", counts.warned},
            {"not_checked", counts.not_checked},
            {"not_applicable", counts.not_applicable}};
}

json validate_file_json(const qc::FileReport& file, const qc::QcReport& report,
                        const JsonReportOptions& options, PointsStash& stash) {
    json rules = json::array();
    for (const auto& rule : file.checks) rules.push_back(rule_json(rule, report.severity_style));
    // A spec that reads only headers decodes nothing: no measurements rather than zeros.
    const bool decoded = detail::was_decoded(file.analysis);
    json out = {{"path", file.analysis.facts.path},
                {"verdict", qc::to_string(file.verdict)},
                {"error", text(file.error)},
                {"summary", rule_summary_json(file, report.fail_on)},
                {"facts", facts_json(file.analysis.facts)},
                {"measurements", decoded ? measurements_json(file.analysis) : json(nullptr)},
                {"rules", std::move(rules)}};
    if (options.series) out["series"] = series_json(file.analysis, stash);
    return out;
}

qc::FileVerdict overall_verdict(const qc::QcReport& report) {
    qc::FileVerdict worst = qc::FileVerdict::Pass;
    for (const auto& file : report.files) worst = std::max(worst, file.verdict);
    return worst;
}

}  // namespace

std::string qc_report_json(const qc::QcReport& report, const JsonReportOptions& options) {
    PointsStash stash;
    const bool validate = report.kind == qc::ReportKind::Validate;
    json files = json::array();
    for (const auto& file : report.files)
        files.push_back(validate ? validate_file_json(file, report, options, stash)
                                 : file_json(file, report, options, stash));
    json document = {
        {"schema", validate ? kValidateSchema : kSchema},
        {"version", validate ? kValidateVersion : kVersion},
        {validate ? "spec" : "profile", validate ? spec_json(report) : profile_json(report)},
        {"verdict", qc::to_string(overall_verdict(report))},
        {"exit_code", report.exit_code()},
        {"files", std::move(files)}};
    if (options.run_info) document["run"] = run_json(report.run);
    // Invalid UTF-8 in paths and messages is replaced (U+FFFD) so that dumping never throws.
    return stash.expand(document.dump(2, ' ', false, json::error_handler_t::replace)) + "\n";
}

}  // namespace media::report
