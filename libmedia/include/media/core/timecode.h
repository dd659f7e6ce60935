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
    Rational rate;      ///< actual frame rate, e.g. 30000/1001
    bool drop = false;  ///< drop-frame counting (only 29.97 and 59.94)

    /// Frames per timecode second: 24, 25, 30, 48, 50, 60 (0 for an invalid rate).
    int nominal_fps() const;
    /// Frame numbers skipped at each minute not divisible by ten: 2 at 29.97, 4 at 59.94, else 0.
    int dropped_per_minute() const;
    /// Frames in 24 hours of labels (2589408 at 29.97 DF); the modulus of to_string's wrap.
    int64_t frames_per_day() const;

    /// Validates an exact rate/drop pair; drop frame is only legal at 30000/1001 and 60000/1001.
    static Result<TimecodeRate> make(Rational rate, bool drop);
    /// Like make, but first snaps a measured stream rate within 0.005 fps of a supported rate
    /// (e.g. 2997/100 or 23.98) to it. UnsupportedFormat for rates outside the list.
    static Result<TimecodeRate> from_frame_rate(Rational fps, bool drop);
    friend bool operator==(const TimecodeRate&, const TimecodeRate&) = default;
};

/// A SMPTE timecode: a frame number on a timecode rate. Arithmetic works on frame numbers, so
/// drop-frame labels are always legal.
class Timecode {
public:
    /// `rate` must be valid (built by TimecodeRate::make or from_frame_rate).
    Timecode(TimecodeRate rate, int64_t frames) : m_rate(rate), m_frames(frames) {}

    /// Parses exactly "HH:MM:SS:FF" (NDF) or "HH:MM:SS;FF" / "HH:MM:SS.FF" / "HH;MM;SS;FF" (DF),
    /// two digits per field. Labels that do not exist in drop-frame counting (00:01:00;00 and
    /// ;01 at 29.97, ;00 to ;03 at 59.94) are errors, as are fields out of range (HH >= 24,
    /// MM or SS >= 60, FF >= nominal fps). The separator must agree with rate.drop.
    static Result<Timecode> parse(std::string_view text, TimecodeRate rate);
    /// Parses a timecode tag for a stream of frame rate `fps`, taking drop frame from the
    /// separator (';' or '.' means DF), e.g. "01:00:00:00" or "00:59:59;00" at 30000/1001.
    static Result<Timecode> from_string_for_rate(std::string_view text, Rational fps);

    /// Frame number counted from 00:00:00:00.
    int64_t frames() const { return m_frames; }
    const TimecodeRate& rate() const { return m_rate; }
    /// Time since 00:00:00:00 in seconds: frames / rate (exact).
    Rational seconds() const;
    /// "01:00:00:00", or "00:01:00;02" in drop-frame. Wraps at 24 hours (negative frame numbers
    /// count back from 24:00:00:00).
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
