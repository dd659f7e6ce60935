// SPDX-License-Identifier: Apache-2.0
#include "media/core/rational.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <tuple>
#include <utility>

#include <fmt/format.h>

namespace media {
namespace {

__extension__ typedef __int128 Wide;  // exact products of two int64 values

constexpr Wide k_int64_min = std::numeric_limits<int64_t>::min();
constexpr Wide k_int64_max = std::numeric_limits<int64_t>::max();

Wide wide_abs(Wide v) {
    return v < 0 ? -v : v;
}

Wide wide_gcd(Wide a, Wide b) {  // std::gcd has no __int128
    a = wide_abs(a), b = wide_abs(b);
    while (b != 0) a = std::exchange(b, a % b);
    return a;
}

bool fits_int64(Wide v) {
    return v >= k_int64_min && v <= k_int64_max;
}

// Reduces num/den with den > 0; a value that does not fit int64 after reduction becomes 0/0
// ("unknown") rather than silently wrapping into a different number.
std::pair<int64_t, int64_t> normalise(Wide num, Wide den) {
    if (den == 0) return {0, 0};
    if (den < 0) num = -num, den = -den;
    if (Wide g = wide_gcd(num, den); g > 1) num /= g, den /= g;
    if (!fits_int64(num) || !fits_int64(den)) return {0, 0};
    return {static_cast<int64_t>(num), static_cast<int64_t>(den)};
}

// The constructor normalises again; that is idempotent, and unlike building the result through
// the constructor from inside normalisation it cannot recurse.
Rational from_wide(Wide num, Wide den) {
    auto [n, d] = normalise(num, den);
    return {n, d};
}

std::optional<int64_t> parse_int(std::string_view text) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// Decimal rates people write for NTSC-family rates, mapped to their exact value.
std::optional<Rational> ntsc_rate(double value) {
    for (int64_t base : {24, 30, 48, 60, 120}) {
        double ntsc = static_cast<double>(base) * 1000.0 / 1001.0;
        if (std::abs(value - ntsc) < 0.005) return Rational(base * 1000, 1001);
    }
    return std::nullopt;
}

}  // namespace

Rational::Rational(int64_t num, int64_t den) {
    std::tie(m_num, m_den) = normalise(num, den);
}

double Rational::to_double() const {
    return valid() ? static_cast<double>(m_num) / static_cast<double>(m_den) : 0.0;
}

Rational Rational::inverse() const {
    return from_wide(m_den, m_num);
}

std::string Rational::to_string() const {
    return m_den == 1 ? fmt::format("{}", m_num) : fmt::format("{}/{}", m_num, m_den);
}

std::optional<Rational> Rational::parse(std::string_view text) {
    if (auto sep = text.find_first_of("/:"); sep != std::string_view::npos) {
        auto num = parse_int(text.substr(0, sep));
        auto den = parse_int(text.substr(sep + 1));
        if (!num || !den || *den == 0) return std::nullopt;
        return Rational(*num, *den);
    }
    if (auto whole = parse_int(text)) return Rational(*whole, 1);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // Beyond 1e12 the micro-unit fixed point below would overflow int64.
    if (ec != std::errc{} || end != text.data() + text.size() || !(std::abs(value) <= 1e12))
        return std::nullopt;
    if (auto ntsc = ntsc_rate(value)) return ntsc;
    return Rational(static_cast<int64_t>(std::llround(value * 1000000.0)), 1000000);
}

Rational operator+(Rational a, Rational b) {
    return from_wide(Wide(a.m_num) * b.m_den + Wide(b.m_num) * a.m_den, Wide(a.m_den) * b.m_den);
}
Rational operator-(Rational a, Rational b) {
    return from_wide(Wide(a.m_num) * b.m_den - Wide(b.m_num) * a.m_den, Wide(a.m_den) * b.m_den);
}
Rational operator*(Rational a, Rational b) {
    return from_wide(Wide(a.m_num) * b.m_num, Wide(a.m_den) * b.m_den);
}
Rational operator/(Rational a, Rational b) {
    return from_wide(Wide(a.m_num) * b.m_den, Wide(a.m_den) * b.m_num);
}
std::strong_ordering operator<=>(Rational a, Rational b) {
    return Wide(a.m_num) * b.m_den <=> Wide(b.m_num) * a.m_den;
}

int64_t rescale(int64_t value, Rational from, Rational to) {
    Wide num = Wide(from.num()) * to.den();
    Wide den = Wide(from.den()) * to.num();
    if (den == 0) return 0;
    if (den < 0) num = -num, den = -den;
    if (Wide g = wide_gcd(num, den); g > 1) num /= g, den /= g;
    Wide product = 0;
    if (__builtin_mul_overflow(Wide(value), num, &product))
        return (value < 0) != (num < 0) ? INT64_MIN : INT64_MAX;
    Wide q = product / den;
    const Wide r = product % den;
    if (2 * wide_abs(r) >= den) q += product < 0 ? -1 : 1;  // |r| < den < 2^126: no overflow
    return static_cast<int64_t>(std::clamp(q, k_int64_min, k_int64_max));
}

}  // namespace media
