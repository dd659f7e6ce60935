// SPDX-License-Identifier: Apache-2.0
// SMPTE ST 12-1 timecode. Drop-frame counting skips the first `d` frame numbers of every minute
// not divisible by ten (d = 2 at 29.97, 4 at 59.94); everything else is plain base-N counting.
#include "media/core/timecode.h"

#include <array>
#include <cmath>

#include <fmt/format.h>

namespace media {
namespace {

struct SupportedRate {
    int64_t num;
    int64_t den;
    int nominal;
};

constexpr std::array<SupportedRate, 10> k_rates{{
    {24000, 1001, 24},
    {24, 1, 24},
    {25, 1, 25},
    {30000, 1001, 30},
    {30, 1, 30},
    {48000, 1001, 48},
    {48, 1, 48},
    {50, 1, 50},
    {60000, 1001, 60},
    {60, 1, 60},
}};

constexpr std::string_view k_rate_list = "23.976, 24, 25, 29.97, 30, 47.952, 48, 50, 59.94, 60";

// A measured rate this close (in fps) to a supported one is that rate; the nearest two supported
// rates (24 and 23.976) are 0.024 apart, so the snap is never ambiguous.
constexpr double k_snap_tolerance = 0.005;

struct Fields {
    int hh = 0, mm = 0, ss = 0, ff = 0;
    bool drop = false;
};

Error bad_timecode(std::string_view text, std::string_view why) {
    // Quote only the start of the text: it comes from files and may be arbitrarily long.
    constexpr std::size_t k_quoted = 32;
    const std::string_view more = text.size() > k_quoted ? "..." : "";
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("invalid timecode \"{}{}\": {}", text.substr(0, k_quoted), more, why));
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads "HH?MM?SS?FF" with two digits per field; the three separators select the counting.
Result<Fields> split_fields(std::string_view text) {
    constexpr std::string_view shape = "expected HH:MM:SS:FF, HH:MM:SS;FF or HH:MM:SS.FF";
    if (text.size() != 11) return bad_timecode(text, shape);
    std::array<int, 4> values{};
    for (std::size_t field = 0; field < 4; ++field) {
        const char hi = text[field * 3], lo = text[field * 3 + 1];
        if (!is_digit(hi) || !is_digit(lo)) return bad_timecode(text, shape);
        values[field] = (hi - '0') * 10 + (lo - '0');
    }
    const char a = text[2], b = text[5], c = text[8];
    const bool ndf = a == ':' && b == ':' && c == ':';
    const bool df =
        (a == ':' && b == ':' && (c == ';' || c == '.')) || (a == ';' && b == ';' && c == ';');
    if (!ndf && !df) return bad_timecode(text, shape);
    return Fields{values[0], values[1], values[2], values[3], df};
}

Result<void> check_fields(std::string_view text, const Fields& f, const TimecodeRate& rate) {
    if (f.hh >= 24 || f.mm >= 60 || f.ss >= 60) return bad_timecode(text, "field out of range");
    if (f.ff >= rate.nominal_fps())
        return bad_timecode(text, fmt::format("frame field must be below {}", rate.nominal_fps()));
    if (f.drop != rate.drop)
        return bad_timecode(text, rate.drop ? "drop-frame rate needs ';' or '.' before frames"
                                            : "drop-frame separator at a non-drop rate");
    if (f.ss == 0 && f.mm % 10 != 0 && f.ff < rate.dropped_per_minute())
        return bad_timecode(text, "label skipped by drop-frame counting");
    return ok();
}

// Frame number -> the base-N count its label spells, by adding back the skipped frame numbers.
int64_t label_count(int64_t frame, const TimecodeRate& rate) {
    const int64_t d = rate.dropped_per_minute();
    if (d == 0) return frame;
    const int64_t per_minute = rate.nominal_fps() * 60 - d;
    const int64_t per_ten_minutes = rate.nominal_fps() * 600 - 9 * d;
    const int64_t tens = frame / per_ten_minutes, rest = frame % per_ten_minutes;
    const int64_t minutes_dropped = rest > d ? (rest - d) / per_minute : 0;
    return frame + 9 * d * tens + d * minutes_dropped;
}

int64_t frame_of(const Fields& f, const TimecodeRate& rate) {
    const int64_t minutes = int64_t{f.hh} * 60 + f.mm;
    const int64_t count = (minutes * 60 + f.ss) * rate.nominal_fps() + f.ff;
    return count - rate.dropped_per_minute() * (minutes - minutes / 10);
}

}  // namespace

int TimecodeRate::nominal_fps() const {
    for (const SupportedRate& r : k_rates)
        if (rate.num() == r.num && rate.den() == r.den) return r.nominal;
    return 0;
}

int TimecodeRate::dropped_per_minute() const {
    const int nominal = nominal_fps();
    return drop && (nominal == 30 || nominal == 60) ? nominal / 15 : 0;
}

int64_t TimecodeRate::frames_per_day() const {
    // 24 h hold 1440 minutes, of which 144 are multiples of ten and keep all their numbers.
    return int64_t{nominal_fps()} * 86400 - int64_t{dropped_per_minute()} * (1440 - 144);
}

Result<TimecodeRate> TimecodeRate::make(Rational rate, bool drop) {
    TimecodeRate result{rate, drop};
    if (result.nominal_fps() == 0)
        return Error(ErrorCode::UnsupportedFormat, fmt::format("timecode rate {} is not one of {}",
                                                               rate.to_string(), k_rate_list));
    if (drop && (rate.den() != 1001 || result.dropped_per_minute() == 0))
        return Error(
            ErrorCode::InvalidArgument,
            fmt::format("drop-frame timecode needs 29.97 or 59.94 fps, not {}", rate.to_string()));
    return result;
}

Result<TimecodeRate> TimecodeRate::from_frame_rate(Rational fps, bool drop) {
    if (fps.valid() && fps > Rational(0, 1)) {
        const double value = fps.to_double();
        for (const SupportedRate& r : k_rates)
            if (std::abs(value - static_cast<double>(r.num) / static_cast<double>(r.den)) <
                k_snap_tolerance)
                return make(Rational(r.num, r.den), drop);
    }
    return Error(
        ErrorCode::UnsupportedFormat,
        fmt::format("no timecode rate for {} fps (supported: {})", fps.to_string(), k_rate_list));
}

Result<Timecode> Timecode::parse(std::string_view text, TimecodeRate rate) {
    if (rate.nominal_fps() == 0)
        return Error(ErrorCode::InvalidArgument, "timecode parse needs a supported rate");
    MEDIA_TRY_ASSIGN(const Fields fields, split_fields(text));
    MEDIA_TRY(check_fields(text, fields, rate));
    return Timecode(rate, frame_of(fields, rate));
}

Result<Timecode> Timecode::from_string_for_rate(std::string_view text, Rational fps) {
    const bool drop = text.find_first_of(";.") != std::string_view::npos;
    auto rate = TimecodeRate::from_frame_rate(fps, drop);
    if (!rate) return bad_timecode(text, rate.error().message());
    return parse(text, *rate);
}

Rational Timecode::seconds() const {
    return Rational(m_frames, 1) / m_rate.rate;
}

std::string Timecode::to_string() const {
    const int64_t day = m_rate.frames_per_day();
    if (day == 0) return "??:??:??:??";  // only reachable by skipping TimecodeRate::make
    const int64_t frame = (m_frames % day + day) % day;
    const int64_t n = m_rate.nominal_fps();
    const int64_t count = label_count(frame, m_rate);
    const int64_t secs = count / n;
    return fmt::format("{:02}:{:02}:{:02}{}{:02}", secs / 3600, secs / 60 % 60, secs % 60,
                       m_rate.drop ? ';' : ':', count % n);
}

}  // namespace media
