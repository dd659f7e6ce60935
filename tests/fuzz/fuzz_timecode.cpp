// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for Rational::parse, Timecode::parse and Timecode::from_string_for_rate.
// Input: "<rate text>\n<timecode text>" (no newline: the whole input is both). Beyond "no crash",
// it checks the invariants a caller relies on, and traps when one breaks.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

#include "media/core/rational.h"
#include "media/core/timecode.h"

namespace {

using media::Rational;
using media::Timecode;
using media::TimecodeRate;

void check(bool condition) {
    if (!condition) __builtin_trap();
}

void check_rational(std::string_view text) {
    const auto r = Rational::parse(text);
    if (!r) return;
    check(r->den() >= 0);
    if (!r->valid()) return;
    check(Rational::parse(r->to_string()) == *r);  // a parsed value prints and parses back
    check(r->inverse().inverse() == *r || r->num() == 0);
    (void)media::rescale(r->num(), *r, r->inverse());  // no overflow trap in 128-bit maths
}

// A parsed timecode names a frame of the day, and formatting it names the same frame again.
void check_timecode(const Timecode& tc) {
    check(tc.frames() >= 0 && tc.frames() < tc.rate().frames_per_day());
    const auto again = Timecode::parse(tc.to_string(), tc.rate());
    check(again.ok() && again->frames() == tc.frames());
}

void check_timecode_text(std::string_view text) {
    static const std::array<std::pair<Rational, bool>, 12> rates{{
        {{24000, 1001}, false},
        {{24, 1}, false},
        {{25, 1}, false},
        {{30000, 1001}, false},
        {{30000, 1001}, true},
        {{30, 1}, false},
        {{48000, 1001}, false},
        {{48, 1}, false},
        {{50, 1}, false},
        {{60000, 1001}, false},
        {{60000, 1001}, true},
        {{60, 1}, false},
    }};
    for (const auto& [fps, drop] : rates) {
        const auto rate = TimecodeRate::make(fps, drop);
        check(rate.ok());
        if (const auto tc = Timecode::parse(text, *rate); tc.ok()) check_timecode(*tc);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string_view rate_text = input.substr(0, newline);
    const std::string_view tc_text =
        newline == std::string_view::npos ? input : input.substr(newline + 1);
    check_rational(rate_text);
    check_timecode_text(tc_text);
    if (const auto fps = Rational::parse(rate_text)) {
        if (const auto tc = Timecode::from_string_for_rate(tc_text, *fps); tc.ok())
            check_timecode(*tc);
    }
    return 0;
}
