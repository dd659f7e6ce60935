// SPDX-License-Identifier: Apache-2.0
// Exhaustive timecode checks over whole days, against libavutil's av_timecode_make_string as the
// reference formatter. (Its parser is not a reference: it accepts labels drop frame skips.)
#include <array>
#include <string>

#include <gtest/gtest.h>

#include "media/core/timecode.h"

extern "C" {
#include <libavutil/timecode.h>
}

namespace media {
namespace {

TimecodeRate rate(int64_t num, int64_t den, bool drop) {
    return TimecodeRate::make(Rational(num, den), drop).value();
}

AVTimecode av_reference(const TimecodeRate& r) {
    AVTimecode tc{};
    const int flags = AV_TIMECODE_FLAG_24HOURSMAX | (r.drop ? AV_TIMECODE_FLAG_DROPFRAME : 0);
    const AVRational av_rate{static_cast<int>(r.rate.num()), static_cast<int>(r.rate.den())};
    EXPECT_EQ(av_timecode_init(&tc, av_rate, flags, 0, nullptr), 0);
    return tc;
}

// Every frame of 24 h: format matches libavutil and parse(format(n)) == n.
void check_whole_day(const TimecodeRate& r) {
    const AVTimecode reference = av_reference(r);
    std::array<char, AV_TIMECODE_STR_SIZE> buffer{};
    for (int64_t n = 0; n < r.frames_per_day(); ++n) {
        const std::string text = Timecode(r, n).to_string();
        ASSERT_STREQ(text.c_str(), av_timecode_make_string(&reference, buffer.data(), int(n)));
        const auto back = Timecode::parse(text, r);
        ASSERT_TRUE(back.ok()) << text << ": " << back.error().message();
        ASSERT_EQ(back->frames(), n) << text;
    }
}

TEST(TimecodeDay, EveryFrameRoundTripsAt2997DropFrame) {
    check_whole_day(rate(30000, 1001, true));
}

TEST(TimecodeDay, EveryFrameRoundTripsAt5994DropFrame) {
    check_whole_day(rate(60000, 1001, true));
}

// Every well-formed label of the day either names exactly one frame (and formats back to
// itself) or is one of the labels drop frame skips: 2 (29.97) or 4 (59.94) in each of the
// 1296 minutes of a day not divisible by ten.
std::string drop_label(int hh, int mm, int ss, int ff) {
    std::string text = "00:00:00;00";
    for (int field : {0, 1, 2, 3}) {
        const int value = std::array{hh, mm, ss, ff}[std::size_t(field)];
        text[std::size_t(field * 3)] = char('0' + value / 10);
        text[std::size_t(field * 3 + 1)] = char('0' + value % 10);
    }
    return text;
}

void check_every_label(const TimecodeRate& r) {
    int64_t rejected = 0, accepted = 0;
    const int fps = r.nominal_fps();
    for (int hh = 0; hh < 24; ++hh)
        for (int mm = 0; mm < 60; ++mm)
            for (int ss = 0; ss < 60; ++ss)
                for (int ff = 0; ff < fps; ++ff) {
                    const std::string text = drop_label(hh, mm, ss, ff);
                    const auto tc = Timecode::parse(text, r);
                    if (!tc.ok()) {
                        ++rejected;
                        ASSERT_TRUE(ss == 0 && mm % 10 != 0 && ff < r.dropped_per_minute()) << text;
                        continue;
                    }
                    ++accepted;
                    ASSERT_EQ(tc->to_string(), text);
                }
    EXPECT_EQ(rejected, 1296 * r.dropped_per_minute());
    EXPECT_EQ(accepted, r.frames_per_day());
}

TEST(TimecodeDay, EveryLabelAt2997DropFrame) {
    check_every_label(rate(30000, 1001, true));
}
TEST(TimecodeDay, EveryLabelAt5994DropFrame) {
    check_every_label(rate(60000, 1001, true));
}

// The other rates, sampled with a stride prime to every frame count so all fields vary.
TEST(TimecodeDay, AllRatesMatchLibavutil) {
    const std::array<TimecodeRate, 12> rates{
        rate(24000, 1001, false), rate(24, 1, false),      rate(25, 1, false),
        rate(30000, 1001, false), rate(30000, 1001, true), rate(30, 1, false),
        rate(48000, 1001, false), rate(48, 1, false),      rate(50, 1, false),
        rate(60000, 1001, false), rate(60000, 1001, true), rate(60, 1, false)};
    std::array<char, AV_TIMECODE_STR_SIZE> buffer{};
    for (const TimecodeRate& r : rates) {
        const AVTimecode reference = av_reference(r);
        for (int64_t n = 0; n < r.frames_per_day(); n += 997) {
            const std::string text = Timecode(r, n).to_string();
            ASSERT_STREQ(text.c_str(), av_timecode_make_string(&reference, buffer.data(), int(n)))
                << r.rate.to_string();
            ASSERT_EQ(Timecode::parse(text, r)->frames(), n) << text;
        }
    }
}

}  // namespace
}  // namespace media
