// SPDX-License-Identifier: Apache-2.0
// QC profiles: the check catalog; every shipped profile loads with the figures its standard
// gives; `extends` inherits and overrides; malformed profiles fail with "file:line: key 'a.b':
// problem", and no typo can switch a check off silently.
#include "media/qc/profile.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scratch_dir.h"

namespace fs = std::filesystem;

namespace media::qc {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

QcProfile builtin(const std::string& name) {
    auto profile = load_profile(name);
    EXPECT_TRUE(profile.ok()) << profile.error().to_string();
    return profile.ok() ? *profile : QcProfile{};
}

// The error message of a profile that must not parse.
std::string error_of(const std::string& text) {
    auto profile = parse_profile(text, "p.yaml");
    EXPECT_FALSE(profile.ok()) << "parsed:\n" << text;
    return profile.ok() ? std::string() : profile.error().message();
}

const std::string k_head = "schema: slate.qc-profile\nversion: 1\n";

// ---- catalog ------------------------------------------------------------------------------------

TEST(CheckCatalog, ListsEveryCheckOnceInReportOrder) {
    const auto& catalog = check_catalog();
    ASSERT_EQ(catalog.size(), 31u);
    std::set<std::string> ids;
    for (const CheckInfo& check : catalog) {
        EXPECT_TRUE(ids.insert(check.id).second) << check.id;
        EXPECT_FALSE(check.title.empty()) << check.id;
        EXPECT_TRUE(check.category == "video" || check.category == "audio" ||
                    check.category == "stream" || check.category == "reference")
            << check.id;
        EXPECT_EQ(find_check(check.id), &check);
    }
    EXPECT_EQ(catalog.front().id, "decode_errors");
    EXPECT_EQ(catalog[13].id, "loudness_integrated");
    EXPECT_EQ(catalog[24].id, "timecode_continuity");
    EXPECT_EQ(catalog[29].id, "frame_count");
    EXPECT_EQ(catalog.back().id, "fidelity");
    EXPECT_EQ(find_check("nonsense"), nullptr);
}

TEST(CheckCatalog, DefaultProfileObjectHasEveryCheckEnabled) {
    const QcProfile profile;
    ASSERT_EQ(profile.checks.size(), check_catalog().size());
    for (const CheckInfo& check : check_catalog()) {
        ASSERT_TRUE(profile.checks.contains(check.id));
        EXPECT_TRUE(profile.checks.at(check.id).enabled);
        EXPECT_EQ(profile.checks.at(check.id).severity, check.default_severity);
    }
}

TEST(SeverityNames, StandardAndNetflixNamesBothParse) {
    EXPECT_EQ(severity_from_name("info"), Severity::Info);
    EXPECT_EQ(severity_from_name("WARNING"), Severity::Warning);
    EXPECT_EQ(severity_from_name("error"), Severity::Error);
    EXPECT_EQ(severity_from_name("FYI"), Severity::Info);
    EXPECT_EQ(severity_from_name("issue"), Severity::Warning);
    EXPECT_EQ(severity_from_name("Blocker"), Severity::Error);
    EXPECT_EQ(severity_from_name("fatal"), std::nullopt);
    EXPECT_EQ(to_string(Severity::Error, SeverityStyle::Netflix), "Blocker");
}

// ---- shipped profiles ---------------------------------------------------------------------------

TEST(ShippedProfiles, EveryOneLoadsByNameWithItsMetadata) {
    const std::vector<std::string> names = builtin_profile_names();
    for (const char* expected :
         {"atsc-a85", "broadcast-ebu-r128", "dailies", "default", "streaming-originals"})
        EXPECT_TRUE(std::find(names.begin(), names.end(), expected) != names.end()) << expected;
    EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
    for (const std::string& name : names) {
        const QcProfile profile = builtin(name);
        EXPECT_EQ(profile.name, name);
        EXPECT_EQ(profile.source, "builtin:" + name);
        EXPECT_FALSE(profile.version.empty()) << name;
        EXPECT_FALSE(profile.description.empty()) << name;
        EXPECT_FALSE(profile.references.empty()) << name;
        EXPECT_EQ(profile.checks.size(), check_catalog().size()) << name;
    }
    EXPECT_EQ(qc_profiles_dir(), (fs::path(SLATE_SOURCE_DIR) / "presets" / "qc").string());
}

TEST(ShippedProfiles, DefaultCatchesTheSampleDefectsAndHasNoLoudnessTarget) {
    const QcProfile p = builtin("default");
    for (const auto& [id, policy] : p.checks) EXPECT_TRUE(policy.enabled) << id;
    EXPECT_EQ(p.fail_on, Severity::Warning);
    // samples/README.md: black runs 0.2 s, freeze 1 s, silence 0.4 s, spike peaks at -1 dBFS.
    EXPECT_LT(p.black_min_seconds, 0.2);
    EXPECT_LT(p.freeze_min_seconds, 1.0);
    EXPECT_LT(p.audio.silence_min_seconds, 0.4);
    EXPECT_LT(p.audio.peak_limit_dbfs, -1.0);
    EXPECT_DOUBLE_EQ(p.picture_min_seconds, 0.0);
    // Clean samples play tones near -17 LUFS: a target would fail them.
    EXPECT_FALSE(p.loudness_target_enabled);
    EXPECT_FALSE(p.loudness_range_max || p.momentary_max || p.short_term_max);
    EXPECT_DOUBLE_EQ(p.measure.luma_min, -0.01);
    EXPECT_DOUBLE_EQ(p.measure.luma_max, 1.03);
    EXPECT_EQ(p.flash.max_flashes_per_second, 3);
    EXPECT_DOUBLE_EQ(p.flash.area_fraction, 0.25);
}

TEST(ShippedProfiles, BroadcastEbuR128HasR128AndR103Figures) {
    const QcProfile p = builtin("broadcast-ebu-r128");
    EXPECT_TRUE(p.loudness_target_enabled);
    EXPECT_DOUBLE_EQ(p.loudness_target, -23.0);
    EXPECT_DOUBLE_EQ(p.loudness_tolerance, 0.5);
    EXPECT_DOUBLE_EQ(p.true_peak_max, -1.0);
    EXPECT_DOUBLE_EQ(p.measure.luma_min, -0.01);
    EXPECT_DOUBLE_EQ(p.measure.luma_max, 1.03);
    EXPECT_DOUBLE_EQ(p.measure.gamut_tolerance, 0.05);
    EXPECT_EQ(p.checks.at("loudness_integrated").severity, Severity::Error);
    EXPECT_EQ(p.fail_on, Severity::Error);
    // Inherited from default.
    EXPECT_DOUBLE_EQ(p.audio.silence_min_seconds, 0.3);
}

TEST(ShippedProfiles, AtscA85HasItsFigures) {
    const QcProfile p = builtin("atsc-a85");
    EXPECT_TRUE(p.loudness_target_enabled);
    EXPECT_DOUBLE_EQ(p.loudness_target, -24.0);
    EXPECT_DOUBLE_EQ(p.loudness_tolerance, 2.0);
    EXPECT_DOUBLE_EQ(p.true_peak_max, -2.0);
    EXPECT_EQ(p.checks.at("true_peak").severity, Severity::Error);
}

TEST(ShippedProfiles, StreamingOriginalsHasItsFiguresAndNetflixNames) {
    const QcProfile p = builtin("streaming-originals");
    EXPECT_EQ(p.severity_style, SeverityStyle::Netflix);
    EXPECT_EQ(p.fail_on, Severity::Error);
    EXPECT_DOUBLE_EQ(p.loudness_target, -24.0);
    EXPECT_DOUBLE_EQ(p.loudness_tolerance, 2.0);
    EXPECT_DOUBLE_EQ(p.true_peak_max, -1.0);
    EXPECT_EQ(p.checks.at("flash").severity, Severity::Error);
    EXPECT_TRUE(p.checks.at("flash").enabled);
    EXPECT_DOUBLE_EQ(p.black_silence_max_seconds, 4.0);
    EXPECT_EQ(p.checks.at("black_silence").severity, Severity::Error);
    EXPECT_DOUBLE_EQ(p.head_black_max_seconds, 1.0);
    EXPECT_DOUBLE_EQ(p.tail_black_max_seconds, 1.0);
    EXPECT_DOUBLE_EQ(p.av_duration_tolerance_seconds, 1.0);
}

TEST(ShippedProfiles, DailiesIsLenient) {
    const QcProfile p = builtin("dailies");
    EXPECT_FALSE(p.loudness_target_enabled);
    EXPECT_EQ(p.checks.at("decode_errors").severity, Severity::Error);
    EXPECT_EQ(p.checks.at("flash").severity, Severity::Info);
    EXPECT_EQ(p.checks.at("luma_range").severity, Severity::Info);
    EXPECT_GE(p.black_min_seconds, 1.0);
    EXPECT_GE(p.freeze_min_seconds, 1.0);
    EXPECT_EQ(p.fail_on, Severity::Error);
}

TEST(LoadProfile, UnknownNameListsTheBuiltins) {
    auto profile = load_profile("no-such-profile");
    ASSERT_FALSE(profile.ok());
    EXPECT_EQ(profile.error().code(), ErrorCode::NotFound);
    EXPECT_THAT(profile.error().message(), HasSubstr("default"));
    EXPECT_FALSE(load_profile("/no/such/file.yaml").ok());
}

// ---- extends ------------------------------------------------------------------------------------

void write(const fs::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

TEST(Extends, InheritsThenOverridesAndResolvesPathsBesideTheFile) {
    test::ScratchDir dir;
    write(dir.path() / "house.yaml", k_head +
                                         "extends: broadcast-ebu-r128\n"
                                         "description: house\n"
                                         "checks:\n  black: {enabled: false}\n"
                                         "audio:\n  loudness: {tolerance: 1.0}\n");
    write(dir.path() / "show.yaml", k_head +
                                        "extends: house.yaml\n"
                                        "checks:\n  freeze: {severity: info}\n");
    auto profile = load_profile((dir.path() / "show.yaml").string());
    ASSERT_TRUE(profile.ok()) << profile.error().to_string();
    EXPECT_EQ(profile->name, "show");
    EXPECT_EQ(profile->description, "");  // identity is never inherited
    EXPECT_TRUE(profile->references.empty());
    EXPECT_FALSE(profile->checks.at("black").enabled);
    EXPECT_EQ(profile->checks.at("freeze").severity, Severity::Info);
    EXPECT_TRUE(profile->checks.at("freeze").enabled);
    EXPECT_DOUBLE_EQ(profile->loudness_target, -23.0);
    EXPECT_DOUBLE_EQ(profile->loudness_tolerance, 1.0);
    EXPECT_EQ(profile->fail_on, Severity::Error);
}

TEST(Extends, ACycleIsAnErrorNotARecursion) {
    test::ScratchDir dir;
    write(dir.path() / "a.yaml", k_head + "extends: b.yaml\n");
    write(dir.path() / "b.yaml", k_head + "extends: a.yaml\n");
    auto profile = load_profile((dir.path() / "a.yaml").string());
    ASSERT_FALSE(profile.ok());
    EXPECT_THAT(profile.error().message(), HasSubstr("more than 8 deep"));
}

TEST(Extends, AMissingBaseNamesTheLine) {
    EXPECT_THAT(error_of(k_head + "extends: nope\n"),
                StartsWith("p.yaml:3: key 'extends': cannot load 'nope'"));
}

// ---- errors -------------------------------------------------------------------------------------

TEST(ProfileErrors, HeaderProblems) {
    EXPECT_THAT(error_of(""), StartsWith("p.yaml:1: empty file"));
    EXPECT_THAT(error_of("schema: slate.transcode-preset\nversion: 1\n"),
                StartsWith("p.yaml:1: key 'schema': expected 'slate.qc-profile'"));
    EXPECT_THAT(error_of("schema: slate.qc-profile\nversion: 2\n"),
                StartsWith("p.yaml:2: key 'version': unsupported version 2"));
    EXPECT_THAT(error_of("version: 1\n"), HasSubstr("key 'schema': missing required key"));
    EXPECT_THAT(error_of(k_head + "x: [1\n"), StartsWith("p.yaml:"));
    EXPECT_THAT(error_of(k_head + "---\n" + k_head), HasSubstr("more than one YAML document"));
}

TEST(ProfileErrors, UnknownKeysAtEveryLevelGiveFileLineAndPath) {
    EXPECT_THAT(error_of(k_head + "colour: 1\n"),
                StartsWith("p.yaml:3: key 'colour': unknown key"));
    EXPECT_THAT(error_of(k_head + "video:\n  black:\n    min_secs: 1\n"),
                StartsWith("p.yaml:5: key 'video.black.min_secs': unknown key (allowed: "));
    EXPECT_THAT(error_of(k_head + "audio:\n  loudness: {target: -23, tolerence: 1}\n"),
                StartsWith("p.yaml:4: key 'audio.loudness.tolerence': unknown key"));
    EXPECT_THAT(error_of(k_head + "stream:\n  head_black_max: 1\n"),
                StartsWith("p.yaml:4: key 'stream.head_black_max': unknown key"));
}

TEST(ProfileErrors, WrongTypesAndRanges) {
    EXPECT_THAT(error_of(k_head + "video:\n  freeze: {min_seconds: soon}\n"),
                StartsWith("p.yaml:4: key 'video.freeze.min_seconds': expected a number, got "
                           "'soon'"));
    EXPECT_THAT(error_of(k_head + "video:\n  black: {picture_ratio: 1.5}\n"),
                StartsWith("p.yaml:4: key 'video.black.picture_ratio': 1.5 is out of range"));
    EXPECT_THAT(error_of(k_head + "video:\n  flash: {max_flashes_per_second: 3.5}\n"),
                HasSubstr("expected an integer"));
    EXPECT_THAT(error_of(k_head + "video: 3\n"),
                StartsWith("p.yaml:3: key 'video': expected a mapping"));
    EXPECT_THAT(error_of(k_head + "video:\n  levels: {chroma_min: 0.5, chroma_max: 0.5}\n"),
                HasSubstr("key 'video.levels.chroma_max': 0.5 must be above the lower limit 0.5"));
    // An empty value never switches a limit off: only the word `none` does.
    EXPECT_THAT(error_of(k_head + "audio:\n  loudness:\n    range_max:\n"),
                HasSubstr("key 'audio.loudness.range_max': expected a number"));
    EXPECT_THAT(error_of(k_head + "video:\n  interlace: {expected_scan: psf}\n"),
                HasSubstr("unknown value 'psf' (progressive, tff, bff, any)"));
    EXPECT_THAT(error_of(k_head + "fail_on: fatal\n"),
                StartsWith("p.yaml:3: key 'fail_on': unknown severity 'fatal'"));
    EXPECT_THAT(error_of(k_head + "severity_names: nf\n"), HasSubstr("unknown value 'nf'"));
    EXPECT_THAT(error_of(k_head + "name: a b\n"), HasSubstr("key 'name'"));
}

TEST(ProfileErrors, ChecksAreValidatedSoATypoCannotTurnOneOff) {
    EXPECT_THAT(error_of(k_head + "checks:\n  blak: {enabled: false}\n"),
                StartsWith("p.yaml:4: key 'checks.blak': unknown check 'blak' (did you mean "
                           "'black'?)"));
    EXPECT_THAT(error_of(k_head + "checks:\n  zzzzzzzz: {enabled: false}\n"),
                HasSubstr("(checks: decode_errors, black,"));
    EXPECT_THAT(error_of(k_head + "checks:\n  black: {enabled: flase}\n"),
                StartsWith("p.yaml:4: key 'checks.black.enabled': expected true or false"));
    EXPECT_THAT(error_of(k_head + "checks:\n  black: {enable: false}\n"),
                StartsWith("p.yaml:4: key 'checks.black.enable': unknown key"));
    EXPECT_THAT(error_of(k_head + "checks:\n  black: {severity: critical}\n"),
                HasSubstr("key 'checks.black.severity': unknown severity 'critical'"));
    EXPECT_THAT(error_of(k_head + "checks:\n  black: off\n"),
                HasSubstr("key 'checks.black': expected a mapping"));
    EXPECT_THAT(error_of(k_head + "checks:\n  black:\n"), HasSubstr("key 'checks.black'"));
    EXPECT_THAT(error_of(k_head + "checks:\n  black: {}\n  black: {}\n"),
                StartsWith("p.yaml:5: key 'checks.black': duplicate key"));
}

// ---- values -------------------------------------------------------------------------------------

TEST(ProfileValues, EveryFieldIsSettable) {
    auto profile = parse_profile(k_head + R"(name: all-keys
profile_version: "7"
description: everything
references: [one, two]
severity_names: netflix
fail_on: Issue
checks:
  black: {enabled: false, severity: FYI}
video:
  signal_stats: false
  min_seconds: 0.2
  black: {pixel_threshold: 0.05, picture_ratio: 0.9, min_seconds: 1}
  freeze: {noise: 0.002, min_seconds: 2}
  levels: {luma_min: -0.02, luma_max: 1.05, chroma_min: -0.03, chroma_max: 1.04,
           luma_share: 0.01, chroma_share: 0.02}
  gamut: {tolerance: 0.1, share: 0.03}
  letterbox: {threshold: 0.05}
  blockiness: {measure: false, limit: 2.5}
  interlace: {expected_scan: tff, interlace_threshold: 1.1, progressive_threshold: 1.6,
              repeat_threshold: 3.5}
  cadence: {noise: 0.003, jump_factor: 5}
  flash: {display_peak: 250, luminance_change: 25, dark_limit: 150, area_fraction: 0.2,
          max_flashes_per_second: 2, red_saturation: 0.7, grid_columns: 16}
  light_level: {measure: false, tolerance: 0.2}
audio:
  loudness: {target: -27, tolerance: 3, true_peak_max: -2, range_max: 18,
             short_term_max: -10, momentary_max: -8}
  silence: {threshold_db: -70, min_seconds: 1}
  clipping: {level: 0.99, min_run: 5}
  peak: {limit_dbfs: -6, gap_seconds: 0.05}
  dead_threshold_db: -100
  dc_offset_max: 0.01
  phase_min: -0.5
  channels: {expected: 8, layout: "5.1+2.0"}
stream:
  head_black_max_seconds: 1
  tail_black_max_seconds: 2
  black_silence_max_seconds: 4
  av_duration_tolerance_seconds: 0.5
  pts_gap_frames: 2
)",
                                 "all.yaml");
    ASSERT_TRUE(profile.ok()) << profile.error().to_string();
    const QcProfile& p = *profile;
    EXPECT_EQ(p.name, "all-keys");
    EXPECT_EQ(p.version, "7");
    EXPECT_EQ(p.references, (std::vector<std::string>{"one", "two"}));
    EXPECT_EQ(p.severity_style, SeverityStyle::Netflix);
    EXPECT_EQ(p.fail_on, Severity::Warning);
    EXPECT_FALSE(p.checks.at("black").enabled);
    EXPECT_EQ(p.checks.at("black").severity, Severity::Info);
    EXPECT_FALSE(p.measure.signal_stats);
    EXPECT_DOUBLE_EQ(p.picture_min_seconds, 0.2);
    EXPECT_DOUBLE_EQ(p.measure.black_pixel_threshold, 0.05);
    EXPECT_DOUBLE_EQ(p.black.picture_ratio, 0.9);
    EXPECT_DOUBLE_EQ(p.black_min_seconds, 1.0);
    EXPECT_DOUBLE_EQ(p.freeze.noise, 0.002);
    EXPECT_DOUBLE_EQ(p.freeze_min_seconds, 2.0);
    EXPECT_DOUBLE_EQ(p.measure.luma_min, -0.02);
    EXPECT_DOUBLE_EQ(p.measure.chroma_max, 1.04);
    EXPECT_DOUBLE_EQ(p.picture.chroma_share, 0.02);
    EXPECT_DOUBLE_EQ(p.measure.gamut_tolerance, 0.1);
    EXPECT_DOUBLE_EQ(p.picture.gamut_share, 0.03);
    EXPECT_DOUBLE_EQ(p.measure.letterbox_threshold, 0.05);
    EXPECT_FALSE(p.measure.blockiness);
    EXPECT_DOUBLE_EQ(p.picture.blockiness_limit, 2.5);
    EXPECT_EQ(p.expected_scan, "tff");
    EXPECT_DOUBLE_EQ(p.interlace.repeat_threshold, 3.5);
    EXPECT_DOUBLE_EQ(p.cadence.jump_factor, 5.0);
    EXPECT_DOUBLE_EQ(p.flash.display_peak, 250.0);
    EXPECT_EQ(p.flash.max_flashes_per_second, 2);
    EXPECT_EQ(p.flash.grid_columns, 16);
    EXPECT_FALSE(p.measure.light_level);
    EXPECT_DOUBLE_EQ(p.light_level_tolerance, 0.2);
    EXPECT_DOUBLE_EQ(p.loudness_target, -27.0);
    EXPECT_EQ(p.loudness_range_max, 18.0);
    EXPECT_EQ(p.momentary_max, -8.0);
    EXPECT_DOUBLE_EQ(p.audio.silence_threshold_db, -70.0);
    EXPECT_EQ(p.audio.clip_min_run, 5);
    EXPECT_DOUBLE_EQ(p.audio.peak_gap_seconds, 0.05);
    EXPECT_DOUBLE_EQ(p.audio.dead_threshold_db, -100.0);
    EXPECT_DOUBLE_EQ(p.dc_offset_max, 0.01);
    EXPECT_DOUBLE_EQ(p.phase_min, -0.5);
    EXPECT_EQ(p.expected_channels, 8);
    EXPECT_EQ(p.expected_layout, "5.1+2.0");
    EXPECT_DOUBLE_EQ(p.tail_black_max_seconds, 2.0);
    EXPECT_DOUBLE_EQ(p.av_duration_tolerance_seconds, 0.5);
    EXPECT_DOUBLE_EQ(p.pts_gap_frames, 2.0);
}

TEST(ProfileValues, NoneRemovesAnInheritedLimit) {
    auto profile = parse_profile(k_head +
                                     "extends: broadcast-ebu-r128\naudio:\n  loudness:\n"
                                     "    target: none\n    momentary_max: none\n"
                                     "  channels: {expected: none, layout: any}\n",
                                 "n.yaml");
    ASSERT_TRUE(profile.ok()) << profile.error().to_string();
    EXPECT_FALSE(profile->loudness_target_enabled);
    EXPECT_FALSE(profile->momentary_max);
    EXPECT_FALSE(profile->expected_channels);
    EXPECT_EQ(profile->expected_layout, "");
    EXPECT_EQ(profile->name, "n");
    EXPECT_EQ(profile->source, "n.yaml");
}

// ---- reference comparison -----------------------------------------------------------------------

TEST(FidelityKeys, ModelAndMinimumsParseAndTyposAreErrors) {
    auto profile = parse_profile(k_head +
                                     "fidelity:\n  model: vmaf_v0.6.1neg\n  vmaf_min: 93\n"
                                     "  psnr_y_min: 38.5\n",
                                 "p.yaml");
    ASSERT_TRUE(profile.ok()) << profile.error().to_string();
    EXPECT_EQ(profile->fidelity_model, "vmaf_v0.6.1neg");
    EXPECT_EQ(profile->fidelity_vmaf_min, 93.0);
    EXPECT_EQ(profile->fidelity_psnr_min, 38.5);
    EXPECT_FALSE(QcProfile{}.fidelity_vmaf_min.has_value());
    EXPECT_THAT(error_of(k_head + "fidelity:\n  vmaf_minimum: 93\n"), HasSubstr("vmaf_minimum"));
    EXPECT_THAT(error_of(k_head + "fidelity:\n  vmaf_min: 130\n"), HasSubstr("vmaf_min"));
}

}  // namespace
}  // namespace media::qc
