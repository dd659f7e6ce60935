// SPDX-License-Identifier: Apache-2.0
#include "media/core/timecode.h"

#include <gtest/gtest.h>

namespace media {
namespace {

TimecodeRate rate(int64_t num, int64_t den, bool drop = false) {
    auto r = TimecodeRate::make(Rational(num, den), drop);
    EXPECT_TRUE(r.ok()) << num << "/" << den << (drop ? " DF: " : ": ")
                        << (r.ok() ? "" : r.error().message());
    return r.value_or(TimecodeRate{});
}

const TimecodeRate k_df30 = rate(30000, 1001, true);
const TimecodeRate k_df60 = rate(60000, 1001, true);

std::string label(const TimecodeRate& r, int64_t frame) {
    return Timecode(r, frame).to_string();
}

int64_t frame_of(std::string_view text, const TimecodeRate& r) {
    auto tc = Timecode::parse(text, r);
    EXPECT_TRUE(tc.ok()) << text << ": " << (tc.ok() ? "" : tc.error().message());
    return tc.ok() ? tc->frames() : -1;
}

// SMPTE ST 12-1 drop-frame vectors at 29.97.
TEST(Timecode, DropFrame2997Vectors) {
    EXPECT_EQ(label(k_df30, 0), "00:00:00;00");
    EXPECT_EQ(label(k_df30, 1799), "00:00:59;29");
    EXPECT_EQ(label(k_df30, 1800), "00:01:00;02");
    EXPECT_EQ(label(k_df30, 3597), "00:01:59;29");
    EXPECT_EQ(label(k_df30, 3598), "00:02:00;02");
    EXPECT_EQ(label(k_df30, 17981), "00:09:59;29");
    EXPECT_EQ(label(k_df30, 17982), "00:10:00;00");
    EXPECT_EQ(label(k_df30, 17983), "00:10:00;01");
    EXPECT_EQ(label(k_df30, 19782), "00:11:00;02");
    EXPECT_EQ(label(k_df30, 107892), "01:00:00;00");
    EXPECT_EQ(frame_of("00:01:00;02", k_df30), 1800);
    EXPECT_EQ(frame_of("00:10:00;00", k_df30), 17982);
    EXPECT_EQ(frame_of("01:00:00;00", k_df30), 107892);
    EXPECT_EQ(frame_of("23:59:59;29", k_df30), 2589407);
}

// 59.94 DF drops four frame numbers a minute: the first minute still holds 3600 labels.
TEST(Timecode, DropFrame5994Vectors) {
    EXPECT_EQ(label(k_df60, 3596), "00:00:59;56");
    EXPECT_EQ(label(k_df60, 3599), "00:00:59;59");
    EXPECT_EQ(label(k_df60, 3600), "00:01:00;04");
    EXPECT_EQ(label(k_df60, 35963), "00:09:59;59");
    EXPECT_EQ(label(k_df60, 35964), "00:10:00;00");
    EXPECT_EQ(label(k_df60, 215784), "01:00:00;00");
    EXPECT_EQ(frame_of("00:01:00;04", k_df60), 3600);
    EXPECT_EQ(frame_of("00:10:00;00", k_df60), 35964);
    EXPECT_EQ(frame_of("01:00:00;00", k_df60), 215784);
}

TEST(Timecode, NonDropRates) {
    EXPECT_EQ(label(rate(25, 1), 90000), "01:00:00:00");
    EXPECT_EQ(label(rate(24000, 1001), 86400), "01:00:00:00");
    EXPECT_EQ(label(rate(30000, 1001), 1800), "00:01:00:00");
    EXPECT_EQ(label(rate(60000, 1001), 3600), "00:01:00:00");
    EXPECT_EQ(label(rate(48000, 1001), 47), "00:00:00:47");
    EXPECT_EQ(label(rate(50, 1), 12345), "00:04:06:45");
    EXPECT_EQ(frame_of("10:00:00:00", rate(24, 1)), 864000);
    EXPECT_EQ(frame_of("00:00:01:59", rate(60, 1)), 119);
}

TEST(Timecode, WrapsAtTwentyFourHours) {
    EXPECT_EQ(k_df30.frames_per_day(), 2589408);
    EXPECT_EQ(k_df60.frames_per_day(), 5178816);
    EXPECT_EQ(rate(25, 1).frames_per_day(), 2160000);
    EXPECT_EQ(label(k_df30, 2589408), "00:00:00;00");
    EXPECT_EQ(label(k_df30, -1), "23:59:59;29");
    EXPECT_EQ(label(rate(25, 1), 2160000 * 3 + 25), "00:00:01:00");
    EXPECT_EQ(label(rate(25, 1), -25), "23:59:59:00");
}

TEST(Timecode, ArithmeticCountsFrames) {
    const Timecode start = Timecode::parse("00:00:59;29", k_df30).value();
    EXPECT_EQ((start + 1).to_string(), "00:01:00;02");
    EXPECT_EQ((start + 1 - 1), start);
    EXPECT_EQ(Timecode::parse("01:00:00;00", k_df30).value() - start, 107892 - 1799);
    EXPECT_EQ(Timecode(k_df30, 107892).seconds(), Rational(107892 * 1001, 30000));
    EXPECT_EQ(Timecode(rate(25, 1), 50).seconds(), Rational(2, 1));
}

TEST(Timecode, AcceptsTheDropFrameSeparators) {
    EXPECT_EQ(frame_of("00:01:00.02", k_df30), 1800);
    EXPECT_EQ(frame_of("00;01;00;02", k_df30), 1800);
}

TEST(Timecode, RejectsLabelsDropFrameSkips) {
    // libavutil's av_timecode_init_from_string accepts these; they name no frame.
    for (const char* text : {"00:01:00;00", "00:01:00;01", "00:09:00;01", "23:59:00;00"})
        EXPECT_FALSE(Timecode::parse(text, k_df30).ok()) << text;
    for (const char* text : {"00:01:00;00", "00:01:00;01", "00:01:00;02", "00:01:00;03"})
        EXPECT_FALSE(Timecode::parse(text, k_df60).ok()) << text;
    EXPECT_TRUE(Timecode::parse("00:10:00;00", k_df30).ok());  // tenth minutes keep every label
    EXPECT_TRUE(Timecode::parse("00:01:01;00", k_df30).ok());  // only second 0 drops
}

TEST(Timecode, RejectsFieldsOutOfRange) {
    const TimecodeRate r25 = rate(25, 1);
    for (const char* text :
         {"24:00:00:00", "00:60:00:00", "00:00:60:00", "00:00:00:25", "99:99:99:99"})
        EXPECT_FALSE(Timecode::parse(text, r25).ok()) << text;
    EXPECT_FALSE(Timecode::parse("00:00:00;30", k_df30).ok());
    EXPECT_FALSE(Timecode::parse("00:00:00;60", k_df60).ok());
    EXPECT_TRUE(Timecode::parse("00:00:00;59", k_df60).ok());
}

TEST(Timecode, RejectsJunk) {
    const TimecodeRate r25 = rate(25, 1);
    for (const char* text :
         {"", "0:00:00:00", "00:00:00:000", "00:00:00", " 00:00:00:00", "00:00:00:00 ",
          "0a:00:00:00", "-1:00:00:00", "00-00-00-00", "00:00:00/00", "+0:00:00:00", "00:00;00:00",
          "00;00:00:00", "00.00.00.00", "00:00:00:0\xff", "00:00:00::0"})
        EXPECT_FALSE(Timecode::parse(text, r25).ok()) << text;
    EXPECT_FALSE(Timecode::parse(std::string_view("00:00\0:00:00", 11), r25).ok());
}

TEST(Timecode, SeparatorMustMatchTheRate) {
    EXPECT_FALSE(Timecode::parse("00:00:10;00", rate(30000, 1001)).ok());
    EXPECT_FALSE(Timecode::parse("00:00:10.00", rate(25, 1)).ok());
    EXPECT_FALSE(Timecode::parse("00:00:10:00", k_df30).ok());
    auto error = Timecode::parse("00:00:10:00", k_df30);
    EXPECT_EQ(error.error().code(), ErrorCode::InvalidArgument);
    EXPECT_NE(error.error().message().find("00:00:10:00"), std::string::npos);
}

TEST(Timecode, ParseNeedsASupportedRate) {
    EXPECT_FALSE(Timecode::parse("00:00:00:00", TimecodeRate{Rational(12, 1), false}).ok());
    EXPECT_FALSE(Timecode::parse("00:00:00:00", TimecodeRate{}).ok());
}

TEST(TimecodeRate, NominalRatesAndDrops) {
    const struct {
        int64_t num, den;
        int nominal;
    } rates[] = {{24000, 1001, 24}, {24, 1, 24}, {25, 1, 25}, {30000, 1001, 30}, {30, 1, 30},
                 {48000, 1001, 48}, {48, 1, 48}, {50, 1, 50}, {60000, 1001, 60}, {60, 1, 60}};
    for (const auto& r : rates) {
        const TimecodeRate ndf = rate(r.num, r.den);
        EXPECT_EQ(ndf.nominal_fps(), r.nominal);
        EXPECT_EQ(ndf.dropped_per_minute(), 0);
        EXPECT_EQ(ndf.frames_per_day(), int64_t{r.nominal} * 86400);
    }
    EXPECT_EQ(k_df30.dropped_per_minute(), 2);
    EXPECT_EQ(k_df60.dropped_per_minute(), 4);
    EXPECT_EQ((TimecodeRate{Rational(12, 1), false}).nominal_fps(), 0);
}

TEST(TimecodeRate, MakeRejectsUnsupportedRatesAndDrops) {
    EXPECT_EQ(TimecodeRate::make(Rational(12, 1), false).error().code(),
              ErrorCode::UnsupportedFormat);
    EXPECT_FALSE(TimecodeRate::make(Rational(2997, 100), false).ok());  // make wants exact rates
    EXPECT_FALSE(TimecodeRate::make(Rational(), false).ok());
    for (const Rational r : {Rational(30, 1), Rational(60, 1), Rational(25, 1),
                             Rational(24000, 1001), Rational(48000, 1001)})
        EXPECT_EQ(TimecodeRate::make(r, true).error().code(), ErrorCode::InvalidArgument)
            << r.to_string();
}

TEST(TimecodeRate, FromFrameRateSnapsMeasuredRates) {
    EXPECT_EQ(TimecodeRate::from_frame_rate(Rational(2997, 100), true).value(), k_df30);
    EXPECT_EQ(TimecodeRate::from_frame_rate(*Rational::parse("23.98"), false)->rate,
              Rational(24000, 1001));
    EXPECT_EQ(TimecodeRate::from_frame_rate(Rational(5994, 100), false)->rate,
              Rational(60000, 1001));
    EXPECT_EQ(TimecodeRate::from_frame_rate(Rational(25, 1), false)->rate, Rational(25, 1));
    EXPECT_EQ(TimecodeRate::from_frame_rate(Rational(15, 1), false).error().code(),
              ErrorCode::UnsupportedFormat);
    EXPECT_FALSE(TimecodeRate::from_frame_rate(Rational(), false).ok());
    EXPECT_FALSE(TimecodeRate::from_frame_rate(Rational(-25, 1), false).ok());
    EXPECT_FALSE(TimecodeRate::from_frame_rate(Rational(25, 1), true).ok());
}

TEST(Timecode, FromStringForRateInfersDropFrame) {
    auto ndf = Timecode::from_string_for_rate("01:00:00:00", Rational(30000, 1001));
    ASSERT_TRUE(ndf.ok());
    EXPECT_FALSE(ndf->rate().drop);
    EXPECT_EQ(ndf->frames(), 108000);
    auto df = Timecode::from_string_for_rate("00:59:59;00", Rational(30000, 1001));
    ASSERT_TRUE(df.ok());
    EXPECT_TRUE(df->rate().drop);
    EXPECT_EQ(df->to_string(), "00:59:59;00");
    EXPECT_EQ(df->frames(), 107892 - 30);
    auto dot = Timecode::from_string_for_rate("00:10:00.00", Rational(60000, 1001));
    ASSERT_TRUE(dot.ok());
    EXPECT_EQ(dot->frames(), 35964);
    EXPECT_EQ(Timecode::from_string_for_rate("10:00:00:00", Rational(24, 1))->frames(), 864000);
}

TEST(Timecode, FromStringForRateRejects) {
    EXPECT_FALSE(Timecode::from_string_for_rate("00:00:00;00", Rational(25, 1)).ok());
    EXPECT_FALSE(Timecode::from_string_for_rate("00:01:00;00", Rational(30000, 1001)).ok());
    EXPECT_FALSE(Timecode::from_string_for_rate("00:00:00:00", Rational(12, 1)).ok());
    EXPECT_FALSE(Timecode::from_string_for_rate("00:00:00:00", Rational()).ok());
    EXPECT_FALSE(Timecode::from_string_for_rate("junk", Rational(25, 1)).ok());
    const auto error = Timecode::from_string_for_rate("00:00:00:00", Rational(12, 1)).error();
    EXPECT_NE(error.message().find("00:00:00:00"), std::string::npos);
}

TEST(Timecode, ErrorQuotesOnlyTheStartOfLongText) {
    const std::string text(10000, '7');
    const auto error = Timecode::parse(text, rate(25, 1)).error();
    EXPECT_LT(error.message().size(), 200u);
}

}  // namespace
}  // namespace media
