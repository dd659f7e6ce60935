// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "media/core/rational.h"
#include "media/core/result.h"

namespace media {

/// A SMPTE timecode rate: the nominal frames per second label and whether it drops frame numbers.
/// Supported: 23.976, 24, 25, 29.97 DF/NDF, 30, 47.952, 48, 50, 59.94 DF/NDF, 60.
struct TimecodeRate {
    Rational rate;       ///< actual frame rate, e.g. 30000/1001
    bool drop = false;   ///< drop-frame counting (only 29.97 and 59.94)

    int nominal_fps() const;  ///< frames per timecode second: 24, 25, 30, 48, 50, 60
    /// Validates a rate/drop pair; drop frame is only legal at 30000/1001 and 60000/1001.
    static Result<TimecodeRate> make(Rational rate, bool drop);
    friend bool operator==(const TimecodeRate&, const TimecodeRate&) = default;
};

/// A SMPTE timecode: a frame number on a timecode rate. Arithmetic works on frame numbers, so
/// drop-frame labels are always legal.
class Timecode {
public:
    Timecode(TimecodeRate rate, int64_t frames) : m_rate(rate), m_frames(frames) {}

    /// Parses "HH:MM:SS:FF" (NDF) or "HH:MM:SS;FF" / "HH:MM:SS.FF" / "HH;MM;SS;FF" (DF).
    /// Labels that do not exist in drop-frame counting (e.g. 00:01:00;00 at 29.97) are errors.
    /// The separator must agree with rate.drop.
    static Result<Timecode> parse(std::string_view text, TimecodeRate rate);

    /// Frame number counted from 00:00:00:00.
    int64_t frames() const { return m_frames; }
    const TimecodeRate& rate() const { return m_rate; }
    /// "01:00:00:00", or "00:01:00;02" in drop-frame. Wraps at 24 hours.
    std::string to_string() const;

    Timecode operator+(int64_t frames) const { return {m_rate, m_frames + frames}; }
    Timecode operator-(int64_t frames) const { return {m_rate, m_frames - frames}; }
    /// Frame difference; both must share a rate.
    int64_t operator-(const Timecode& other) const { return m_frames - other.m_frames; }
    friend bool operator==(const Timecode&, const Timecode&) = default;

private:
    TimecodeRate m_rate;
    int64_t m_frames;
};

}  // namespace media
