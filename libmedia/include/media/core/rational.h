// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace media {

/// An exact int64 ratio for times and rates (23.976 is 24000/1001, never a double).
/// Always normalised: reduced, den > 0; 0/0 is the "unknown" value. Construction and arithmetic
/// are exact in 128 bits; a result whose reduced form does not fit int64 is 0/0.
class Rational {
public:
    constexpr Rational() = default;
    Rational(int64_t num, int64_t den);

    int64_t num() const { return m_num; }
    int64_t den() const { return m_den; }
    bool valid() const { return m_den != 0; }
    double to_double() const;
    Rational inverse() const;

    /// "24000/1001", or "24" when den is 1.
    std::string to_string() const;
    /// Parses "24000/1001", "24000:1001", "25", or a decimal like "23.976" (mapped to the NTSC rate).
    static std::optional<Rational> parse(std::string_view text);

    friend Rational operator+(Rational a, Rational b);
    friend Rational operator-(Rational a, Rational b);
    friend Rational operator*(Rational a, Rational b);
    friend Rational operator/(Rational a, Rational b);
    friend bool operator==(Rational a, Rational b) = default;
    friend std::strong_ordering operator<=>(Rational a, Rational b);

private:
    int64_t m_num = 0;
    int64_t m_den = 0;
};

/// value * from / to, rounded to nearest (ties away from zero), in 128-bit arithmetic; saturates
/// at the int64 limits, and gives 0 when `to` is 0 or unknown.
int64_t rescale(int64_t value, Rational from, Rational to);

}  // namespace media
