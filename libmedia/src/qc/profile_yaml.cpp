// SPDX-License-Identifier: Apache-2.0
// Reads and validates QC profile YAML (schema "slate.qc-profile", version 1). docs/qc.md
// documents every key read here. A profile that extends another is read on top of it: every
// reader leaves a value alone when its key is absent.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/yaml_reader.h"
#include "media/qc/profile.h"
#include "profile_internal.h"

namespace media::qc::detail {
namespace {

using yaml::MapReader;

// Longest span any duration key accepts: a day of programme.
constexpr double k_max_seconds = 86400.0;

// ---- small readers ----------------------------------------------------------------------------

Result<void> read_severity(const MapReader& map, std::string_view key, Severity& out) {
    if (!map.has(key)) return ok();
    std::string name;
    MEDIA_TRY(map.read_text(key, name));
    const std::optional<Severity> severity = severity_from_name(name);
    if (!severity)
        return map.error(key, fmt::format("unknown severity '{}' (info, warning, error or "
                                          "FYI, Issue, Blocker)",
                                          name));
    out = *severity;
    return ok();
}

bool is_none(const YAML::Node& node) {
    return node.IsScalar() && node.Scalar() == "none";
}

// A limit a profile may switch off with the word `none` (an empty value is an error, so a
// half-written line never removes a limit).
Result<void> read_optional_number(const MapReader& map, std::string_view key,
                                  std::optional<double>& out, double min, double max) {
    if (!map.has(key)) return ok();
    if (is_none(map.node(key))) {
        out.reset();
        return ok();
    }
    double value = 0.0;
    MEDIA_TRY(map.read_number(key, value, min, max));
    out = value;
    return ok();
}

Result<void> read_choice(const MapReader& map, std::string_view key,
                         std::initializer_list<std::string_view> names, std::string& out) {
    if (!map.has(key)) return ok();
    std::string text;
    MEDIA_TRY(map.read_text(key, text));
    if (std::find(names.begin(), names.end(), text) == names.end())
        return map.error(key, fmt::format("unknown value '{}' ({})", text, yaml::join(names)));
    out = std::move(text);
    return ok();
}

Result<void> check_order(const MapReader& map, std::string_view high_key, double low, double high) {
    if (low < high) return ok();
    return map.error(high_key, fmt::format("{} must be above the lower limit {}", high, low));
}

std::string unknown_check_problem(const std::string& id) {
    std::string best;
    size_t best_distance = 3;  // further than two edits is a different word, not a typo
    std::vector<std::string_view> ids;
    for (const CheckInfo& check : check_catalog()) {
        ids.push_back(check.id);
        const size_t d = yaml::edit_distance(id, check.id);
        if (d < best_distance) best_distance = d, best = check.id;
    }
    if (!best.empty()) return fmt::format("unknown check '{}' (did you mean '{}'?)", id, best);
    return fmt::format("unknown check '{}' (checks: {})", id, yaml::join(ids));
}

// ---- header, identity, extends ----------------------------------------------------------------

Result<void> read_header(const MapReader& root) {
    int version = 0;
    return yaml::read_schema_version(root, k_profile_schema, k_profile_version, version);
}

Result<void> read_references(const MapReader& root, QcProfile& profile) {
    MEDIA_TRY_ASSIGN(auto items, root.list("references"));
    for (const yaml::ListItem& item : items) {
        if (!item.node.IsScalar())
            return yaml::error_at(root.source(), item.line, item.path,
                                  fmt::format("expected text, got {}", yaml::describe(item.node)));
        profile.references.push_back(item.node.Scalar());
    }
    return ok();
}

// Name, version, description and references belong to this file: they are never inherited.
Result<void> read_identity(const MapReader& root, const std::string& source, QcProfile& profile) {
    profile.name = std::filesystem::path(source).stem().string();
    profile.version.clear();
    profile.description.clear();
    profile.references.clear();
    profile.source = source;
    MEDIA_TRY(root.read_text("name", profile.name));
    if (root.has("name") && !yaml::is_plain_name(profile.name))
        return root.error("name", "use letters, digits, '_', '-' and '.' (not first)");
    MEDIA_TRY(root.read_text("profile_version", profile.version));
    MEDIA_TRY(root.read_text("description", profile.description));
    return read_references(root, profile);
}

// A relative path is relative to the extending file, so a show's profiles can sit together.
std::string resolve_base(const std::string& base, const std::string& source) {
    const bool path_like =
        base.find('/') != std::string::npos || base.ends_with(".yaml") || base.ends_with(".yml");
    const std::filesystem::path path(base);
    if (!path_like || path.is_absolute()) return base;
    return (std::filesystem::path(source).parent_path() / path).string();
}

Result<QcProfile> read_base(const MapReader& root, const std::string& source, int depth) {
    if (!root.has("extends")) return QcProfile{};
    std::string base;
    MEDIA_TRY(root.read_name("extends", base));
    if (depth >= k_max_extends_depth)
        return root.error("extends", fmt::format("profiles extend each other more than {} deep "
                                                 "(a cycle?)",
                                                 k_max_extends_depth));
    Result<QcProfile> loaded = load_profile_nested(resolve_base(base, source), depth + 1);
    if (!loaded)
        return root.error("extends",
                          fmt::format("cannot load '{}': {}", base, loaded.error().message()));
    return loaded;
}

Result<void> read_style(const MapReader& root, QcProfile& profile) {
    std::string style;
    MEDIA_TRY(read_choice(root, "severity_names", {"standard", "netflix"}, style));
    if (!style.empty())
        profile.severity_style =
            style == "netflix" ? SeverityStyle::Netflix : SeverityStyle::Standard;
    return read_severity(root, "fail_on", profile.fail_on);
}

// ---- checks -----------------------------------------------------------------------------------

Result<void> read_check(const MapReader& checks, const std::string& id, CheckPolicy& policy) {
    if (checks.node(id).IsNull())
        return checks.error(id, "expected a mapping with 'enabled' and/or 'severity'");
    MEDIA_TRY_ASSIGN(MapReader check, checks.map(id));
    MEDIA_TRY(check.only({"enabled", "severity"}));
    MEDIA_TRY(check.read_bool("enabled", policy.enabled));
    return read_severity(check, "severity", policy.severity);
}

Result<void> read_checks(const MapReader& root, QcProfile& profile) {
    if (!root.has("checks") || root.node("checks").IsNull()) return ok();
    MEDIA_TRY_ASSIGN(MapReader checks, root.map("checks"));
    const YAML::Node& node = root.node("checks");
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string id = it->first.Scalar();
        if (!find_check(id)) return checks.error(id, unknown_check_problem(id));
        MEDIA_TRY(read_check(checks, id, profile.checks[id]));
    }
    return ok();
}

// ---- video ------------------------------------------------------------------------------------

Result<void> read_black(const MapReader& video, QcProfile& p) {
    if (!video.has("black")) return ok();
    MEDIA_TRY_ASSIGN(MapReader black, video.map("black"));
    MEDIA_TRY(black.only({"pixel_threshold", "picture_ratio", "min_seconds"}));
    MEDIA_TRY(black.read_number("pixel_threshold", p.measure.black_pixel_threshold, 0.0, 1.0));
    MEDIA_TRY(black.read_number("picture_ratio", p.black.picture_ratio, 0.01, 1.0));
    return black.read_number("min_seconds", p.black_min_seconds, 0.0, k_max_seconds);
}

Result<void> read_freeze(const MapReader& video, QcProfile& p) {
    if (!video.has("freeze")) return ok();
    MEDIA_TRY_ASSIGN(MapReader freeze, video.map("freeze"));
    MEDIA_TRY(freeze.only({"noise", "min_seconds"}));
    MEDIA_TRY(freeze.read_number("noise", p.freeze.noise, 0.0, 1.0));
    return freeze.read_number("min_seconds", p.freeze_min_seconds, 0.0, k_max_seconds);
}

Result<void> read_levels(const MapReader& video, QcProfile& p) {
    if (!video.has("levels")) return ok();
    MEDIA_TRY_ASSIGN(MapReader levels, video.map("levels"));
    MEDIA_TRY(levels.only(
        {"luma_min", "luma_max", "chroma_min", "chroma_max", "luma_share", "chroma_share"}));
    analysis::VideoMeasureOptions& m = p.measure;
    MEDIA_TRY(levels.read_number("luma_min", m.luma_min, -0.5, 0.5));
    MEDIA_TRY(levels.read_number("luma_max", m.luma_max, 0.5, 1.5));
    MEDIA_TRY(levels.read_number("chroma_min", m.chroma_min, -0.5, 0.5));
    MEDIA_TRY(levels.read_number("chroma_max", m.chroma_max, 0.5, 1.5));
    MEDIA_TRY(levels.read_number("luma_share", p.picture.luma_share, 0.0, 1.0));
    MEDIA_TRY(levels.read_number("chroma_share", p.picture.chroma_share, 0.0, 1.0));
    MEDIA_TRY(check_order(levels, "luma_max", m.luma_min, m.luma_max));
    return check_order(levels, "chroma_max", m.chroma_min, m.chroma_max);
}

Result<void> read_gamut(const MapReader& video, QcProfile& p) {
    if (!video.has("gamut")) return ok();
    MEDIA_TRY_ASSIGN(MapReader gamut, video.map("gamut"));
    MEDIA_TRY(gamut.only({"tolerance", "share"}));
    MEDIA_TRY(gamut.read_number("tolerance", p.measure.gamut_tolerance, 0.0, 0.5));
    return gamut.read_number("share", p.picture.gamut_share, 0.0, 1.0);
}

Result<void> read_letterbox(const MapReader& video, QcProfile& p) {
    if (!video.has("letterbox")) return ok();
    MEDIA_TRY_ASSIGN(MapReader letterbox, video.map("letterbox"));
    MEDIA_TRY(letterbox.only({"threshold"}));
    return letterbox.read_number("threshold", p.measure.letterbox_threshold, 0.0, 1.0);
}

Result<void> read_blockiness(const MapReader& video, QcProfile& p) {
    if (!video.has("blockiness")) return ok();
    MEDIA_TRY_ASSIGN(MapReader blockiness, video.map("blockiness"));
    MEDIA_TRY(blockiness.only({"measure", "limit"}));
    MEDIA_TRY(blockiness.read_bool("measure", p.measure.blockiness));
    return blockiness.read_number("limit", p.picture.blockiness_limit, 0.0, 1000.0);
}

Result<void> read_interlace(const MapReader& video, QcProfile& p) {
    if (!video.has("interlace")) return ok();
    MEDIA_TRY_ASSIGN(MapReader interlace, video.map("interlace"));
    MEDIA_TRY(interlace.only(
        {"expected_scan", "interlace_threshold", "progressive_threshold", "repeat_threshold"}));
    MEDIA_TRY(read_choice(interlace, "expected_scan", {"progressive", "tff", "bff", "any"},
                          p.expected_scan));
    analysis::InterlaceOptions& o = p.interlace;
    MEDIA_TRY(interlace.read_number("interlace_threshold", o.interlace_threshold, 1.0, 100.0));
    MEDIA_TRY(interlace.read_number("progressive_threshold", o.progressive_threshold, 1.0, 100.0));
    return interlace.read_number("repeat_threshold", o.repeat_threshold, 1.0, 100.0);
}

Result<void> read_cadence(const MapReader& video, QcProfile& p) {
    if (!video.has("cadence")) return ok();
    MEDIA_TRY_ASSIGN(MapReader cadence, video.map("cadence"));
    MEDIA_TRY(cadence.only({"noise", "jump_factor"}));
    MEDIA_TRY(cadence.read_number("noise", p.cadence.noise, 0.0, 1.0));
    return cadence.read_number("jump_factor", p.cadence.jump_factor, 1.0, 1000.0);
}

Result<void> read_flash(const MapReader& video, QcProfile& p) {
    if (!video.has("flash")) return ok();
    MEDIA_TRY_ASSIGN(MapReader flash, video.map("flash"));
    MEDIA_TRY(flash.only({"display_peak", "luminance_change", "dark_limit", "area_fraction",
                          "max_flashes_per_second", "red_saturation", "grid_columns"}));
    analysis::FlashOptions& o = p.flash;
    MEDIA_TRY(flash.read_number("display_peak", o.display_peak, 1.0, 10000.0));
    MEDIA_TRY(flash.read_number("luminance_change", o.luminance_change, 0.0, 10000.0));
    MEDIA_TRY(flash.read_number("dark_limit", o.dark_limit, 0.0, 10000.0));
    MEDIA_TRY(flash.read_number("area_fraction", o.area_fraction, 0.0, 1.0));
    MEDIA_TRY(flash.read_int("max_flashes_per_second", o.max_flashes_per_second, 0, 100));
    MEDIA_TRY(flash.read_number("red_saturation", o.red_saturation, 0.0, 1.0));
    return flash.read_int("grid_columns", o.grid_columns, 1, 256);
}

Result<void> read_light_level(const MapReader& video, QcProfile& p) {
    if (!video.has("light_level")) return ok();
    MEDIA_TRY_ASSIGN(MapReader light, video.map("light_level"));
    MEDIA_TRY(light.only({"measure", "tolerance"}));
    MEDIA_TRY(light.read_bool("measure", p.measure.light_level));
    return light.read_number("tolerance", p.light_level_tolerance, 0.0, 10.0);
}

Result<void> read_video(const MapReader& root, QcProfile& p) {
    if (!root.has("video")) return ok();
    MEDIA_TRY_ASSIGN(MapReader video, root.map("video"));
    MEDIA_TRY(video.only({"signal_stats", "signal_stats_detail", "min_seconds", "black", "freeze",
                          "levels", "gamut", "letterbox", "blockiness", "interlace", "cadence",
                          "flash", "light_level"}));
    MEDIA_TRY(video.read_bool("signal_stats", p.measure.signal_stats));
    MEDIA_TRY(video.read_bool("signal_stats_detail", p.measure.signal_stats_detail));
    MEDIA_TRY(video.read_number("min_seconds", p.picture_min_seconds, 0.0, k_max_seconds));
    MEDIA_TRY(read_black(video, p));
    MEDIA_TRY(read_freeze(video, p));
    MEDIA_TRY(read_levels(video, p));
    MEDIA_TRY(read_gamut(video, p));
    MEDIA_TRY(read_letterbox(video, p));
    MEDIA_TRY(read_blockiness(video, p));
    MEDIA_TRY(read_interlace(video, p));
    MEDIA_TRY(read_cadence(video, p));
    MEDIA_TRY(read_flash(video, p));
    return read_light_level(video, p);
}

// ---- audio ------------------------------------------------------------------------------------

Result<void> read_loudness_target(const MapReader& loudness, QcProfile& p) {
    if (!loudness.has("target")) return ok();
    if (is_none(loudness.node("target"))) {
        p.loudness_target_enabled = false;
        return ok();
    }
    MEDIA_TRY(loudness.read_number("target", p.loudness_target, -70.0, 0.0));
    p.loudness_target_enabled = true;
    return ok();
}

Result<void> read_loudness(const MapReader& audio, QcProfile& p) {
    if (!audio.has("loudness")) return ok();
    MEDIA_TRY_ASSIGN(MapReader loudness, audio.map("loudness"));
    MEDIA_TRY(loudness.only(
        {"target", "tolerance", "true_peak_max", "range_max", "short_term_max", "momentary_max"}));
    MEDIA_TRY(read_loudness_target(loudness, p));
    MEDIA_TRY(loudness.read_number("tolerance", p.loudness_tolerance, 0.0, 20.0));
    MEDIA_TRY(loudness.read_number("true_peak_max", p.true_peak_max, -70.0, 10.0));
    MEDIA_TRY(read_optional_number(loudness, "range_max", p.loudness_range_max, 0.0, 100.0));
    MEDIA_TRY(read_optional_number(loudness, "short_term_max", p.short_term_max, -70.0, 10.0));
    return read_optional_number(loudness, "momentary_max", p.momentary_max, -70.0, 10.0);
}

Result<void> read_silence(const MapReader& audio, QcProfile& p) {
    if (!audio.has("silence")) return ok();
    MEDIA_TRY_ASSIGN(MapReader silence, audio.map("silence"));
    MEDIA_TRY(silence.only({"threshold_db", "min_seconds"}));
    MEDIA_TRY(silence.read_number("threshold_db", p.audio.silence_threshold_db, -200.0, 0.0));
    return silence.read_number("min_seconds", p.audio.silence_min_seconds, 0.001, k_max_seconds);
}

Result<void> read_clipping(const MapReader& audio, QcProfile& p) {
    if (!audio.has("clipping")) return ok();
    MEDIA_TRY_ASSIGN(MapReader clipping, audio.map("clipping"));
    MEDIA_TRY(clipping.only({"level", "min_run"}));
    MEDIA_TRY(clipping.read_number("level", p.audio.clip_level, 0.01, 1.0));
    return clipping.read_int("min_run", p.audio.clip_min_run, 1, 1'000'000);
}

Result<void> read_peak(const MapReader& audio, QcProfile& p) {
    if (!audio.has("peak")) return ok();
    MEDIA_TRY_ASSIGN(MapReader peak, audio.map("peak"));
    MEDIA_TRY(peak.only({"limit_dbfs", "gap_seconds"}));
    MEDIA_TRY(peak.read_number("limit_dbfs", p.audio.peak_limit_dbfs, -200.0, 0.0));
    return peak.read_number("gap_seconds", p.audio.peak_gap_seconds, 0.0, 60.0);
}

Result<void> read_channels(const MapReader& audio, QcProfile& p) {
    if (!audio.has("channels")) return ok();
    MEDIA_TRY_ASSIGN(MapReader channels, audio.map("channels"));
    MEDIA_TRY(channels.only({"expected", "layout"}));
    if (channels.has("expected") && is_none(channels.node("expected"))) {
        p.expected_channels.reset();
    } else if (channels.has("expected")) {
        int count = 0;
        MEDIA_TRY(channels.read_int("expected", count, 1, 64));
        p.expected_channels = count;
    }
    MEDIA_TRY(channels.read_text("layout", p.expected_layout));
    if (p.expected_layout == "any") p.expected_layout.clear();
    return ok();
}

Result<void> read_audio(const MapReader& root, QcProfile& p) {
    if (!root.has("audio")) return ok();
    MEDIA_TRY_ASSIGN(MapReader audio, root.map("audio"));
    MEDIA_TRY(audio.only({"loudness", "silence", "clipping", "peak", "dead_threshold_db",
                          "dc_offset_max", "phase_min", "channels"}));
    MEDIA_TRY(read_loudness(audio, p));
    MEDIA_TRY(read_silence(audio, p));
    MEDIA_TRY(read_clipping(audio, p));
    MEDIA_TRY(read_peak(audio, p));
    MEDIA_TRY(audio.read_number("dead_threshold_db", p.audio.dead_threshold_db, -200.0, 0.0));
    MEDIA_TRY(audio.read_number("dc_offset_max", p.dc_offset_max, 0.0, 1.0));
    MEDIA_TRY(audio.read_number("phase_min", p.phase_min, -1.0, 1.0));
    return read_channels(audio, p);
}

// ---- stream -----------------------------------------------------------------------------------

Result<void> read_stream(const MapReader& root, QcProfile& p) {
    if (!root.has("stream")) return ok();
    MEDIA_TRY_ASSIGN(MapReader stream, root.map("stream"));
    MEDIA_TRY(stream.only({"head_black_max_seconds", "tail_black_max_seconds",
                           "black_silence_max_seconds", "av_duration_tolerance_seconds",
                           "pts_gap_frames"}));
    MEDIA_TRY(
        stream.read_number("head_black_max_seconds", p.head_black_max_seconds, 0.0, k_max_seconds));
    MEDIA_TRY(
        stream.read_number("tail_black_max_seconds", p.tail_black_max_seconds, 0.0, k_max_seconds));
    MEDIA_TRY(stream.read_number("black_silence_max_seconds", p.black_silence_max_seconds, 0.0,
                                 k_max_seconds));
    MEDIA_TRY(stream.read_number("av_duration_tolerance_seconds", p.av_duration_tolerance_seconds,
                                 0.0, k_max_seconds));
    return stream.read_number("pts_gap_frames", p.pts_gap_frames, 1.0, 1000.0);
}

// ---- reference comparison ---------------------------------------------------------------------

Result<void> read_fidelity(const MapReader& root, QcProfile& p) {
    if (!root.has("fidelity")) return ok();
    MEDIA_TRY_ASSIGN(MapReader fidelity, root.map("fidelity"));
    MEDIA_TRY(fidelity.only({"model", "vmaf_min", "psnr_y_min"}));
    MEDIA_TRY(fidelity.read_text("model", p.fidelity_model));
    MEDIA_TRY(read_optional_number(fidelity, "vmaf_min", p.fidelity_vmaf_min, 0.0, 100.0));
    return read_optional_number(fidelity, "psnr_y_min", p.fidelity_psnr_min, 0.0, 200.0);
}

// ---- the document -----------------------------------------------------------------------------

Result<QcProfile> read_profile(const YAML::Node& document, const std::string& source, int depth) {
    MEDIA_TRY_ASSIGN(MapReader root, MapReader::open(source, document, "", 0));
    // Schema first: a transcode preset given as a profile should say so, not list unknown keys.
    MEDIA_TRY(read_header(root));
    MEDIA_TRY(root.only({"schema", "version", "name", "profile_version", "description",
                         "references", "extends", "severity_names", "fail_on", "checks", "video",
                         "audio", "stream", "fidelity"}));
    MEDIA_TRY_ASSIGN(QcProfile profile, read_base(root, source, depth));
    MEDIA_TRY(read_identity(root, source, profile));
    MEDIA_TRY(read_style(root, profile));
    MEDIA_TRY(read_checks(root, profile));
    MEDIA_TRY(read_video(root, profile));
    MEDIA_TRY(read_audio(root, profile));
    MEDIA_TRY(read_stream(root, profile));
    MEDIA_TRY(read_fidelity(root, profile));
    return profile;
}

}  // namespace

Result<QcProfile> parse_profile_nested(const std::string& text, const std::string& source,
                                       int depth) {
    if (text.size() > k_max_profile_bytes)
        return yaml::file_error(source, 0,
                                fmt::format("{} bytes is too large for a QC profile (limit {})",
                                            text.size(), k_max_profile_bytes));
    // yaml-cpp reports through exceptions; none may leave this function.
    try {
        MEDIA_TRY_ASSIGN(
            YAML::Node document,
            yaml::load_one_document(text, source, fmt::format("schema: {}", k_profile_schema),
                                    "one QC profile per file"));
        return read_profile(document, source, depth);
    } catch (const YAML::Exception& e) {
        return yaml::file_error(source, e.mark.line, fmt::format("YAML error: {}", e.msg));
    } catch (const std::exception& e) {
        return yaml::file_error(source, 0, fmt::format("cannot read QC profile: {}", e.what()));
    }
}

}  // namespace media::qc::detail
