// SPDX-License-Identifier: Apache-2.0
// Evaluation: hand-built measurements give the expected verdicts, events, timecodes (drop-frame
// included), audio sample -> frame mapping, NotChecked reasons and file verdicts.
#include "media/qc/evaluate.h"

#include <algorithm>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace media::qc {
namespace {

using analysis::Segment;
using ::testing::HasSubstr;

// The sample generator's defects clip: 1280x720, 25 fps, 250 frames, TC 10:00:00:00, stereo
// 48 kHz PCM.
FileAnalysis defects_like() {
    FileAnalysis a;
    FileFacts& f = a.facts;
    f.path = "x001.mov";
    f.has_video = f.has_audio = true;
    f.width = 1280;
    f.height = 720;
    f.frame_rate = Rational(25, 1);
    f.pixel_format = "yuv422p10le";
    f.start_timecode = Timecode::from_string_for_rate("10:00:00:00", f.frame_rate).value();
    f.declared_frames = 250;
    f.audio_channels = 2;
    f.sample_rate = 48000;
    f.channel_layout = "stereo";
    a.stream.frames_decoded = 250;
    a.stream.video_seconds = 10.0;
    a.stream.audio_seconds = 10.0;
    a.stream.audio_samples = 480000;
    a.black.emplace();
    a.freeze.emplace();
    a.picture.emplace();
    a.interlace.emplace();
    a.interlace->detected = "progressive";
    a.interlace->progressive = 250;
    a.cadence.emplace();
    a.flash.emplace();
    a.loudness.emplace();
    a.loudness->integrated = -20.0;
    a.loudness->range = 2.0;
    a.loudness->momentary_max = -19.0;
    a.loudness->short_term_max = -19.5;
    a.loudness->true_peak = -19.9;
    a.audio_levels.emplace();
    analysis::AudioLevelsResult& levels = *a.audio_levels;
    levels.channels = 2;
    levels.sample_rate = 48000;
    levels.samples = 480000;
    levels.per_channel.resize(2);
    for (int channel = 0; channel < 2; ++channel) {
        levels.per_channel[channel].channel = channel;
        levels.per_channel[channel].peak_db = -20.0;
        levels.per_channel[channel].rms_db = -23.0;
    }
    levels.phase_min = 0.0;
    levels.phase_mean = 0.0;
    return a;
}

const CheckResult& check(const std::vector<CheckResult>& results, const std::string& id) {
    const auto found = std::find_if(results.begin(), results.end(),
                                    [&](const CheckResult& r) { return r.id == id; });
    if (found == results.end()) {
        ADD_FAILURE() << "no result for " << id;
        static const CheckResult none;
        return none;
    }
    return *found;
}

CheckResult evaluate(const FileAnalysis& analysis, const std::string& id,
                     const QcProfile& profile = {}) {
    return check(evaluate_checks(analysis, profile), id);
}

// ---- order, enabling, clean input ---------------------------------------------------------------

TEST(EvaluateChecks, EveryEnabledCheckInCatalogOrderAndACleanFilePasses) {
    QcProfile profile;
    profile.loudness_target = -20.0;
    profile.checks["letterbox"].enabled = false;
    const auto results = evaluate_checks(defects_like(), profile);
    // Letterbox is off; fidelity runs only with a reference (slate qc --reference).
    ASSERT_EQ(results.size(), check_catalog().size() - 2);
    size_t next = 0;
    for (const CheckResult& result : results) {
        while (check_catalog()[next].id != result.id) ++next;
        EXPECT_NE(result.id, "letterbox");
        EXPECT_FALSE(result.title.empty());
        EXPECT_NE(result.message, "no evaluator for this check in this build") << result.id;
        EXPECT_NE(result.verdict, Verdict::Fail) << result.id << ": " << result.message;
    }
    EXPECT_EQ(file_verdict(defects_like(), results, profile), FileVerdict::Pass);
}

TEST(EvaluateChecks, SeverityComesFromTheProfile) {
    QcProfile profile;
    profile.checks["black"].severity = Severity::Info;
    FileAnalysis a = defects_like();
    a.black->push_back({50, 54, 1.0, {}});
    const CheckResult result = evaluate(a, "black", profile);
    EXPECT_EQ(result.severity, Severity::Info);
    EXPECT_EQ(result.category, "video");
}

// ---- video events and timecodes -----------------------------------------------------------------

TEST(VideoChecks, BlackSegmentBecomesAnEventWithTimecodesAndSeconds) {
    FileAnalysis a = defects_like();
    a.black->push_back({50, 54, 0.999, {}});
    const CheckResult r = evaluate(a, "black");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);
    const Event& e = r.events[0];
    EXPECT_EQ(e.first_frame, 50);
    EXPECT_EQ(e.last_frame, 54);
    EXPECT_EQ(e.first_timecode, "10:00:02:00");
    EXPECT_EQ(e.last_timecode, "10:00:02:04");
    EXPECT_DOUBLE_EQ(e.start_seconds, 2.0);
    EXPECT_DOUBLE_EQ(e.end_seconds, 2.2);
    EXPECT_EQ(e.value, 0.999);
    EXPECT_EQ(r.unit, "s");
    EXPECT_NEAR(*r.measured, 0.2, 1e-12);
    EXPECT_THAT(r.message, HasSubstr("first at 10:00:02:00"));
    EXPECT_THAT(r.threshold_text, HasSubstr("0.98"));
}

TEST(VideoChecks, DropFrameTimecodesAt2997) {
    FileAnalysis a = defects_like();
    a.facts.frame_rate = Rational(30000, 1001);
    a.facts.start_timecode =
        Timecode::from_string_for_rate("00:59:59;00", a.facts.frame_rate).value();
    // 00:59:59;00 + 30 = 01:00:00;00 (a tenth minute keeps ;00), + 1800 = 01:01:00;02 (labels
    // ;00 and ;01 are dropped at minute 1).
    a.freeze->push_back({1829, 1830, 0.0, {}});
    const CheckResult r = evaluate(a, "freeze");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_timecode, "01:00:59;29");
    EXPECT_EQ(r.events[0].last_timecode, "01:01:00;02");
    EXPECT_NEAR(r.events[0].start_seconds, 1829 * 1001 / 30000.0, 1e-9);
    EXPECT_NEAR(r.events[0].end_seconds, 1831 * 1001 / 30000.0, 1e-9);
}

TEST(VideoChecks, NoTimecodeLeavesTimecodesEmptyButKeepsFramesAndSeconds) {
    FileAnalysis a = defects_like();
    a.facts.start_timecode.reset();
    a.black->push_back({25, 25, 1.0, {}});
    const CheckResult r = evaluate(a, "black");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_timecode, "");
    EXPECT_DOUBLE_EQ(r.events[0].start_seconds, 1.0);
    EXPECT_THAT(r.message, HasSubstr("first at frame 25"));
}

TEST(VideoChecks, LegalRangeRunsFromBothSidesInFrameOrder) {
    FileAnalysis a = defects_like();
    a.picture->luma_above.push_back({120, 129, 0.0625, {}});
    a.picture->luma_below.push_back({135, 139, 0.0625, {}});
    a.picture->luma_min_percent = -5.5;
    a.picture->luma_max_percent = 106.8;
    const CheckResult r = evaluate(a, "luma_range");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].first_frame, 120);
    EXPECT_THAT(r.events[0].detail, HasSubstr("above"));
    EXPECT_EQ(r.events[1].first_frame, 135);
    EXPECT_THAT(r.events[1].detail, HasSubstr("below"));
    EXPECT_NEAR(*r.measured, 6.25, 1e-12);
    EXPECT_EQ(r.unit, "%");
    EXPECT_THAT(r.measured_text, HasSubstr("-5.5 % .. 106.8 %"));
    EXPECT_THAT(r.threshold_text, HasSubstr("-1.00 % .. 103.00 %"));
}

TEST(VideoChecks, DecodeErrorsGiveEventsPerCorruptRunAndMakeTheFileAnError) {
    FileAnalysis a = defects_like();
    a.stream.corrupt_frames.push_back({10, 12, 0.0, {}});
    a.stream.decode_errors.push_back({0, 11, kNoPts, "slice damaged"});  // inside the run
    a.stream.decode_errors.push_back({0, 40, kNoPts, "bad header"});
    a.stream.decode_errors.push_back({-1, -1, kNoPts, "container"});
    const auto results = evaluate_checks(a, QcProfile{});
    const CheckResult& r = check(results, "decode_errors");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].first_frame, 10);
    EXPECT_EQ(r.events[0].last_frame, 12);
    EXPECT_EQ(r.events[1].first_frame, 40);
    EXPECT_THAT(r.message, HasSubstr("3 decode errors, 3 corrupt frames in 1 runs"));
    EXPECT_THAT(r.message, HasSubstr("slice damaged"));
    EXPECT_EQ(file_verdict(a, results, QcProfile{}), FileVerdict::Error);
}

TEST(VideoChecks, InterlaceMismatchAndMixedScan) {
    FileAnalysis a = defects_like();
    a.interlace->detected = "tff";
    CheckResult r = evaluate(a, "interlace");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.message, "detected tff, expected progressive");
    a.interlace->detected = "progressive";
    a.interlace->combed.push_back({30, 40, 0.5, {}});
    r = evaluate(a, "interlace");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_timecode, "10:00:01:05");
}

TEST(VideoChecks, CadenceRepeatsAndDrops) {
    FileAnalysis a = defects_like();
    a.cadence->repeated_frames = {151, 153};
    a.cadence->dropped.push_back({60, 61, 2.0, {}});
    a.cadence->pattern = "none";
    const CheckResult r = evaluate(a, "cadence");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 3u);
    EXPECT_EQ(r.events[0].first_frame, 60);  // events in time order
    EXPECT_EQ(r.events[1].first_frame, 151);
    EXPECT_EQ(r.message, "2 repeated frames, 1 drops");
}

TEST(VideoChecks, FlashWindowsAreEvents) {
    FileAnalysis a = defects_like();
    a.flash->failures.push_back({"luminance", 150, 174, 6, 1.0, 180.0});
    a.flash->max_flashes_per_second = 6;
    const CheckResult r = evaluate(a, "flash");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.measured, 6.0);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_timecode, "10:00:06:00");
    EXPECT_THAT(r.events[0].detail, HasSubstr("6 flashes in 1 s over 100.00 %"));
}

TEST(VideoChecks, LetterboxOnlyFlagsAreasSmallerThanTheFrame) {
    FileAnalysis a = defects_like();
    a.picture->active_area.push_back({0, 9, {0, 0, 1280, 720}});
    a.picture->active_area.push_back({10, 19, {0, 0, 0, 0}});  // all black: black's business
    a.picture->active_area.push_back({20, 249, {0, 90, 1280, 540}});
    const CheckResult r = evaluate(a, "letterbox");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.severity, Severity::Info);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].detail, "active 1280x540 at (0, 90)");
    EXPECT_NEAR(*r.measured, 75.0, 1e-9);
}

TEST(VideoChecks, HdrLightLevelAgainstDeclaredMetadata) {
    FileAnalysis a = defects_like();
    EXPECT_EQ(evaluate(a, "hdr_light_level").message, "not a PQ (SMPTE ST 2084) stream");
    a.facts.color.transfer = TransferCharacteristic::SMPTE2084;
    // Brightest pixel 9000 (encoder overshoot) but 3900 at the 99.99th percentile, frame 12.
    a.picture->light = {};
    a.picture->light.max_cll = 9000.0;
    a.picture->light.max_cll_frame = 11;
    a.picture->light.max_fall = 350.0;
    a.picture->light.max_fall_frame = 30;
    a.picture->light.pq_frames = 250;
    a.picture->light.max_cll_robust = 3900.0;
    a.picture->light.max_cll_robust_frame = 12;
    a.facts.color.content_light = ContentLightLevel{1000, 400};
    CheckResult r = evaluate(a, "hdr_light_level");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);  // MaxFALL 350 is within 400
    EXPECT_EQ(r.events[0].first_frame, 12);
    EXPECT_THAT(r.events[0].detail, HasSubstr("MaxCLL 3900 cd/m² above declared 1000"));
    a.picture->light.max_cll_robust = 1090.0;  // within 10 %: the overshoot alone passes
    EXPECT_EQ(evaluate(a, "hdr_light_level").verdict, Verdict::Pass);
    a.facts.color.content_light.reset();
    r = evaluate(a, "hdr_light_level");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.message, "PQ stream without MaxCLL/MaxFALL metadata");
}

TEST(VideoChecks, NonFiniteOnlyRunsOnFloatFormats) {
    FileAnalysis a = defects_like();
    EXPECT_EQ(evaluate(a, "nonfinite").verdict, Verdict::NotChecked);
    a.facts.pixel_format = "gbrpf32le";
    a.picture->nonfinite.push_back({3, 3, 17.0, {}});
    const CheckResult r = evaluate(a, "nonfinite");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.measured, 17.0);
}

TEST(VideoChecks, EventsAreCappedWithTheCountInTheMessage) {
    FileAnalysis a = defects_like();
    for (int64_t i = 0; i < 1500; ++i) a.black->push_back({2 * i, 2 * i, 1.0, {}});
    const CheckResult r = evaluate(a, "black");
    EXPECT_EQ(r.events.size(), 1000u);
    EXPECT_THAT(r.message, HasSubstr("(1500 events; the first 1000 are listed)"));
}

// ---- audio --------------------------------------------------------------------------------------

TEST(AudioChecks, SamplePositionsMapToSecondsAndFrames) {
    FileAnalysis a = defects_like();
    // samples/README.md: the loudness spike covers samples 432000-456959 = frames 225-237.
    for (analysis::ChannelLevels& channel : a.audio_levels->per_channel)
        channel.peak_over.push_back({432000, 456959, -1.0, {}});
    const CheckResult r = evaluate(a, "peak_level");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 2u);
    for (int channel = 0; channel < 2; ++channel) {
        const Event& e = r.events[channel];
        EXPECT_EQ(e.channel, channel);
        EXPECT_DOUBLE_EQ(e.start_seconds, 9.0);
        EXPECT_DOUBLE_EQ(e.end_seconds, 9.52);
        EXPECT_EQ(e.first_frame, 225);
        EXPECT_EQ(e.last_frame, 237);
        EXPECT_EQ(e.first_timecode, "10:00:09:00");
        EXPECT_EQ(e.last_timecode, "10:00:09:12");
    }
}

TEST(AudioChecks, SampleToFrameAt2997) {
    FileAnalysis a = defects_like();
    a.facts.frame_rate = Rational(30000, 1001);
    a.facts.start_timecode.reset();
    // Frame 30 starts at 1.001 s = sample 48048; the run covers 2 ms either side of it.
    a.audio_levels->per_channel[0].clipping.push_back({47952, 48143, 2.0, {}});
    const CheckResult r = evaluate(a, "clipping");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_frame, 29);
    EXPECT_EQ(r.events[0].last_frame, 30);
}

TEST(AudioChecks, ASampleOrTwoOverAFrameBoundaryDoesNotNameTheNextFrame) {
    FileAnalysis a = defects_like();
    // A tone resuming at sample 403200 starts at a zero crossing: the silent run reads one
    // sample long (and a detector may start it a sample early); the frames stay 200-209.
    a.audio_levels->silence_all.push_back({383999, 403200, -200.0, {}});
    const CheckResult r = evaluate(a, "silence");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_frame, 200);
    EXPECT_EQ(r.events[0].last_frame, 209);
    // A 0.5 ms click is still placed in its frame.
    a.audio_levels->per_channel[1].clipping.push_back({1000, 1023, 24.0, {}});
    const CheckResult click = evaluate(a, "clipping");
    ASSERT_EQ(click.events.size(), 1u);
    EXPECT_EQ(click.events[0].first_frame, 0);
    EXPECT_EQ(click.events[0].last_frame, 0);
}

TEST(AudioChecks, AudioOnlyEventsHaveNoFrames) {
    FileAnalysis a = defects_like();
    a.facts.has_video = false;
    a.audio_levels->silence_all.push_back({384000, 403199, -200.0, {}});
    const CheckResult r = evaluate(a, "silence");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_frame, -1);
    EXPECT_EQ(r.events[0].first_timecode, "");
    EXPECT_DOUBLE_EQ(r.events[0].start_seconds, 8.0);
    EXPECT_DOUBLE_EQ(r.events[0].end_seconds, 8.4);
}

TEST(AudioChecks, SilenceOfAllChannelsIsOneEventNotOnePerChannel) {
    FileAnalysis a = defects_like();
    const Segment run{384000, 403199, -200.0, {}};
    a.audio_levels->silence_all.push_back(run);
    for (analysis::ChannelLevels& channel : a.audio_levels->per_channel)
        channel.silence.push_back(run);
    a.audio_levels->per_channel[1].silence.push_back({0, 47999, -80.0, {}});
    const CheckResult r = evaluate(a, "silence");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].channel, 1);  // channel 2 alone, first second
    EXPECT_EQ(r.events[1].channel, -1);
    EXPECT_EQ(r.events[1].first_frame, 200);
    EXPECT_EQ(r.events[1].last_frame, 209);
    EXPECT_NEAR(*r.measured, 1.0, 1e-12);
}

TEST(AudioChecks, IntegratedLoudnessAgainstTarget) {
    FileAnalysis a = defects_like();
    QcProfile profile;
    profile.loudness_target = -23.0;
    profile.loudness_tolerance = 0.5;
    a.loudness->integrated = -23.44;
    EXPECT_EQ(evaluate(a, "loudness_integrated", profile).verdict, Verdict::Pass);
    a.loudness->integrated = -23.6;
    const CheckResult r = evaluate(a, "loudness_integrated", profile);
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.message, "0.6 LU below the target");
    EXPECT_EQ(r.threshold_text, "-23.0 ±0.5 LU");
    EXPECT_EQ(r.measured_text, "-23.6 LUFS");
    profile.loudness_target_enabled = false;
    const CheckResult measured_only = evaluate(a, "loudness_integrated", profile);
    EXPECT_EQ(measured_only.verdict, Verdict::NotChecked);
    EXPECT_EQ(measured_only.measured, -23.6);
    EXPECT_THAT(measured_only.message, HasSubstr("measured only"));
    a.loudness->integrated.reset();
    EXPECT_THAT(evaluate(a, "loudness_integrated").message, HasSubstr("silent"));
}

TEST(AudioChecks, TruePeakAndMomentaryMaxEvents) {
    FileAnalysis a = defects_like();
    a.loudness->true_peak = -0.8;
    a.loudness->true_peak_over.push_back({432000, 456959, -0.8, {}});
    CheckResult r = evaluate(a, "true_peak");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_frame, 225);
    QcProfile profile;
    profile.momentary_max = -10.0;
    a.loudness->momentary_max = -1.5;
    a.loudness->momentary = analysis::FrameSeries("M", "LUFS");
    for (int64_t ms = 0; ms < 10000; ms += 100)
        a.loudness->momentary.add(ms, ms >= 9000 && ms <= 9800 ? -1.5 : -20.0);
    r = evaluate(a, "loudness_max", profile);
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_DOUBLE_EQ(r.events[0].start_seconds, 9.0);
    EXPECT_DOUBLE_EQ(r.events[0].end_seconds, 9.9);
    EXPECT_EQ(r.events[0].value, -1.5);
}

TEST(AudioChecks, ChannelLevelFindings) {
    FileAnalysis a = defects_like();
    a.audio_levels->per_channel[0].dc_offset = 0.02;
    a.audio_levels->per_channel[1].dead = true;
    a.audio_levels->per_channel[1].peak_db = -120.0;
    a.audio_levels->phase_min = -0.8;
    a.audio_levels->out_of_phase.push_back({4800, 9599, -0.8, {}});
    EXPECT_EQ(evaluate(a, "dc_offset").events.at(0).channel, 0);
    EXPECT_EQ(evaluate(a, "dead_channels").events.at(0).channel, 1);
    const CheckResult phase = evaluate(a, "phase");
    EXPECT_EQ(phase.verdict, Verdict::Fail);
    EXPECT_DOUBLE_EQ(phase.events.at(0).start_seconds, 0.1);
    QcProfile profile;
    profile.expected_channels = 6;
    const CheckResult layout = evaluate(a, "channel_layout", profile);
    EXPECT_EQ(layout.verdict, Verdict::Fail);
    EXPECT_EQ(layout.message, "2 channels (stereo), expected 6 channels");
    EXPECT_EQ(evaluate(a, "channel_layout").verdict, Verdict::NotChecked);
}

// ---- NotChecked ---------------------------------------------------------------------------------

TEST(NotChecked, MissingStreamsAndDataSayWhy) {
    FileAnalysis a = defects_like();
    a.facts.has_audio = false;
    a.loudness.reset();
    a.audio_levels.reset();
    a.interlace.reset();
    a.stream.timestamps_known = false;
    const auto results = evaluate_checks(a, QcProfile{});
    for (const char* id :
         {"loudness_integrated", "true_peak", "silence", "phase", "channel_layout"}) {
        EXPECT_EQ(check(results, id).verdict, Verdict::NotChecked) << id;
        EXPECT_EQ(check(results, id).message, "no audio stream") << id;
    }
    EXPECT_EQ(check(results, "interlace").message, "interlace detection did not run");
    EXPECT_EQ(check(results, "timestamps").message, "the video has no usable timestamps");
    EXPECT_EQ(check(results, "av_duration").message, "needs video and audio");
    EXPECT_THAT(check(results, "black_silence").message, HasSubstr("disabled by the profile"));
    EXPECT_THAT(check(results, "head_tail_black").message, HasSubstr("disabled by the profile"));
    EXPECT_EQ(check(results, "nonfinite").verdict, Verdict::NotChecked);
    EXPECT_EQ(file_verdict(a, results, QcProfile{}), FileVerdict::Pass);
}

TEST(NotChecked, VideoChecksWithoutVideo) {
    FileAnalysis a = defects_like();
    a.facts.has_video = false;
    const auto results = evaluate_checks(a, QcProfile{});
    for (const char* id : {"black", "freeze", "luma_range", "flash", "timestamps", "frame_count"})
        EXPECT_EQ(check(results, id).message, "no video stream") << id;
}

// ---- stream checks ------------------------------------------------------------------------------

TEST(StreamChecks, TimecodeBreakShowsTheTimecodeFound) {
    FileAnalysis a = defects_like();
    a.facts.start_timecode = Timecode::from_string_for_rate("10:00:12:00", Rational(25, 1)).value();
    a.stream.timecode_breaks.push_back({0, "10:00:10:00", "10:00:12:00", 50, "x001.mov"});
    const CheckResult r = evaluate(a, "timecode_continuity");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_frame, 0);
    EXPECT_EQ(r.events[0].first_timecode, "10:00:12:00");
    EXPECT_EQ(r.events[0].value, 50.0);
    EXPECT_EQ(r.events[0].detail,
              "expected 10:00:10:00, found 10:00:12:00 (jump +50 frames) "
              "after x001.mov");
    a.stream.timecode_breaks.clear();
    a.facts.start_timecode.reset();
    EXPECT_EQ(evaluate(a, "timecode_continuity").message, "no timecode");
}

TEST(StreamChecks, TimestampGapsAndVariableRate) {
    FileAnalysis a = defects_like();
    a.stream.pts_gaps.push_back({99, 100, 3.0, {}});
    CheckResult r = evaluate(a, "timestamps");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.events.at(0).first_timecode, "10:00:03:24");
    a.stream.pts_gaps.clear();
    a.stream.variable_frame_rate = true;
    r = evaluate(a, "timestamps");
    EXPECT_EQ(r.message, "variable frame rate");
}

TEST(StreamChecks, AudioVideoDuration) {
    FileAnalysis a = defects_like();
    a.stream.audio_seconds = 9.5;
    const CheckResult r = evaluate(a, "av_duration");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.message, "video longer by 0.500 s");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].first_frame, 237);  // floor(9.5 x 25)
    EXPECT_EQ(r.events[0].last_frame, 249);
    a.stream.audio_seconds = 9.95;
    EXPECT_EQ(evaluate(a, "av_duration").verdict, Verdict::Pass);
}

TEST(StreamChecks, HeadAndTailBlack) {
    FileAnalysis a = defects_like();
    a.black->push_back({0, 29, 1.0, {}});     // 1.2 s
    a.black->push_back({240, 249, 1.0, {}});  // 0.4 s
    QcProfile profile;
    profile.head_black_max_seconds = 1.0;
    profile.tail_black_max_seconds = 1.0;
    const CheckResult r = evaluate(a, "head_tail_black", profile);
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].last_frame, 29);
    EXPECT_EQ(r.message, "head black 1.200 s, limit 1 s");
    EXPECT_EQ(r.measured_text, "head 1.200 s, tail 0.400 s");
    profile.head_black_max_seconds = 1.2;  // exactly at the limit passes
    EXPECT_EQ(evaluate(a, "head_tail_black", profile).verdict, Verdict::Pass);
}

TEST(StreamChecks, BlackWithSilence) {
    FileAnalysis a = defects_like();
    a.black->push_back({100, 224, 1.0, {}});                              // 4.0 .. 9.0 s
    a.audio_levels->silence_all.push_back({201600, 455999, -200.0, {}});  // 4.2 .. 9.5 s
    QcProfile profile;
    profile.black_silence_max_seconds = 4.0;
    CheckResult r = evaluate(a, "black_silence", profile);
    EXPECT_EQ(r.verdict, Verdict::Fail);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_DOUBLE_EQ(r.events[0].start_seconds, 4.2);
    EXPECT_DOUBLE_EQ(r.events[0].end_seconds, 9.0);
    EXPECT_EQ(r.events[0].first_frame, 105);
    EXPECT_EQ(r.events[0].last_frame, 224);
    EXPECT_NEAR(*r.measured, 4.8, 1e-9);
    profile.black_silence_max_seconds = 5.0;
    r = evaluate(a, "black_silence", profile);
    EXPECT_EQ(r.verdict, Verdict::Pass);
}

TEST(StreamChecks, FrameCount) {
    FileAnalysis a = defects_like();
    a.stream.frames_decoded = 240;
    const CheckResult r = evaluate(a, "frame_count");
    EXPECT_EQ(r.verdict, Verdict::Fail);
    EXPECT_EQ(r.message, "240 frames decoded, 250 declared (-10)");
    a.facts.declared_frames.reset();
    EXPECT_EQ(evaluate(a, "frame_count").message, "the container declares no frame count");
}

// ---- file verdict -------------------------------------------------------------------------------

TEST(FileVerdict, FromFailuresSeveritiesAndReadErrors) {
    FileAnalysis a = defects_like();
    QcProfile profile;
    profile.loudness_target_enabled = false;
    a.black->push_back({50, 54, 1.0, {}});  // black: warning by default
    auto results = evaluate_checks(a, profile);
    EXPECT_EQ(file_verdict(a, results, profile), FileVerdict::Warn);
    profile.fail_on = Severity::Warning;
    EXPECT_EQ(file_verdict(a, results, profile), FileVerdict::Fail);
    profile.fail_on = Severity::Error;
    a.stream.timecode_breaks.push_back({10, "10:00:00:10", "11:00:00:00", 90000, ""});
    results = evaluate_checks(a, profile);
    EXPECT_EQ(file_verdict(a, results, profile), FileVerdict::Fail);
    a.stream.fatal_error = "Invalid data found when processing input";
    a.stream.truncated = true;
    results = evaluate_checks(a, profile);
    EXPECT_EQ(check(results, "decode_errors").verdict, Verdict::Fail);
    EXPECT_THAT(check(results, "decode_errors").message, HasSubstr("could not be read to the end"));
    EXPECT_EQ(file_verdict(a, results, profile), FileVerdict::Error);
}

// ---- reference comparison -----------------------------------------------------------------------

TEST(FidelityCheck, JudgesThePooledVmafAndPointsAtTheWorstFrame) {
    FileAnalysis a = defects_like();
    FidelityMeasure f;
    f.reference = "source.mov";
    f.model = "vmaf_v0.6.1";
    f.frames = 240;
    f.vmaf_mean = 88.5;
    f.vmaf_min = 61.25;
    f.vmaf_worst_frame = 120;
    f.psnr_y_mean = 39.0;
    a.fidelity = f;
    QcProfile profile;
    CheckResult result = evaluate(a, "fidelity", profile);
    EXPECT_EQ(result.verdict, Verdict::NotChecked) << "no minimum: measured only";
    EXPECT_EQ(result.measured, 88.5);
    EXPECT_EQ(result.category, "reference");

    profile.fidelity_vmaf_min = 93.0;
    result = evaluate(a, "fidelity", profile);
    EXPECT_EQ(result.verdict, Verdict::Fail);
    ASSERT_EQ(result.events.size(), 1u);
    EXPECT_EQ(result.events[0].first_frame, 120);
    EXPECT_EQ(result.events[0].value, 61.25);

    profile.fidelity_vmaf_min.reset();
    profile.fidelity_psnr_min = 40.0;
    EXPECT_EQ(evaluate(a, "fidelity", profile).verdict, Verdict::Fail);

    a.fidelity->error = "lengths differ";
    result = evaluate(a, "fidelity", QcProfile{});
    EXPECT_EQ(result.verdict, Verdict::Fail);
    EXPECT_NE(result.message.find("lengths differ"), std::string::npos) << result.message;
}

}  // namespace
}  // namespace media::qc
