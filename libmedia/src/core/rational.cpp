// SPDX-License-Identifier: Apache-2.0
#include "media/core/rational.h"

#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace media {
namespace {

__extension__ typedef __int128 Wide;  // exact products of two int64 values

Rational from_wide(Wide num, Wide den) {
    if (den == 0) return {};
    if (den < 0) num = -num, den = -den;
    Wide a = num < 0 ? -num : num, b = den;
    while (b != 0) a = std::exchange(b, a % b);  // gcd in 128 bits; std::gcd has no __int128
    if (a > 1) num /= a, den /= a;
    return {static_cast<int64_t>(num), static_cast<int64_t>(den)};
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

Rational::Rational(int64_t num, int64_t den) { *this = from_wide(num, den); }

double Rational::to_double() const {
    return valid() ? static_cast<double>(m_num) / static_cast<double>(m_den) : 0.0;
}

Rational Rational::inverse() const { return from_wide(m_den, m_num); }

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
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
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
    Wide num = Wide(value) * from.num() * to.den();
    Wide den = Wide(from.den()) * to.num();
    if (den == 0) return 0;
    if (den < 0) num = -num, den = -den;
    Wide half = den / 2;
    Wide q = num >= 0 ? (num + half) / den : -((-num + half) / den);
    return static_cast<int64_t>(q);
}

}  // namespace media
