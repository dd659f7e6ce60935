// SPDX-License-Identifier: Apache-2.0
#include "media/core/rational.h"

#include <cstdint>
#include <limits>
#include <random>

#include <gtest/gtest.h>

extern "C" {
#include <libavutil/mathematics.h>
}

namespace media {
namespace {

constexpr int64_t k_max = std::numeric_limits<int64_t>::max();
constexpr int64_t k_min = std::numeric_limits<int64_t>::min();

TEST(Rational, NormalisesSignAndCommonFactors) {
    EXPECT_EQ(Rational(2, 4), Rational(1, 2));
    EXPECT_EQ(Rational(1, -2).num(), -1);
    EXPECT_EQ(Rational(1, -2).den(), 2);
    EXPECT_EQ(Rational(-3, -6), Rational(1, 2));
    EXPECT_EQ(Rational(0, 7).den(), 1);
    EXPECT_EQ(Rational(48000, 1001 * 2), Rational(24000, 1001));
}

TEST(Rational, ZeroDenominatorIsUnknown) {
    EXPECT_FALSE(Rational(5, 0).valid());
    EXPECT_FALSE(Rational().valid());
    EXPECT_EQ(Rational(5, 0), Rational());
    EXPECT_FALSE(Rational(0, 1).inverse().valid());
    EXPECT_EQ(Rational().to_double(), 0.0);
}

TEST(Rational, ValuesThatDoNotFitBecomeUnknownInsteadOfWrapping) {
    EXPECT_FALSE(Rational(k_min, -1).valid());  // +2^63
    EXPECT_FALSE(Rational(1, k_min).valid());   // den 2^63 after the sign moves up
    EXPECT_EQ(Rational(k_min, 2), Rational(k_min / 2, 1));
    EXPECT_FALSE((Rational(k_max, 1) + Rational(1, 1)).valid());
    EXPECT_FALSE((Rational(1, k_max) * Rational(1, 3)).valid());
}

TEST(Rational, ArithmeticIsExact) {
    EXPECT_EQ(Rational(1, 3) + Rational(1, 6), Rational(1, 2));
    EXPECT_EQ(Rational(1, 3) - Rational(1, 2), Rational(-1, 6));
    EXPECT_EQ(Rational(24000, 1001) * Rational(1001, 1000), Rational(24, 1));
    EXPECT_EQ(Rational(1, 25) / Rational(1, 90000), Rational(3600, 1));
    EXPECT_EQ(Rational(k_max, 3) * Rational(3, k_max), Rational(1, 1));  // 128-bit intermediate
    EXPECT_EQ(Rational(3, 4).inverse(), Rational(4, 3));
    EXPECT_EQ(Rational(-3, 4).inverse(), Rational(-4, 3));
}

TEST(Rational, OrdersByValue) {
    EXPECT_LT(Rational(24000, 1001), Rational(24, 1));
    EXPECT_GT(Rational(-1, 3), Rational(-1, 2));
    EXPECT_LT(Rational(k_max - 1, k_max), Rational(1, 1));
    EXPECT_EQ(Rational(2, 6) <=> Rational(1, 3), std::strong_ordering::equal);
}

TEST(Rational, ToString) {
    EXPECT_EQ(Rational(24000, 1001).to_string(), "24000/1001");
    EXPECT_EQ(Rational(50, 2).to_string(), "25");
    EXPECT_EQ(Rational(-1, 2).to_string(), "-1/2");
    EXPECT_EQ(Rational().to_string(), "0/0");
}

TEST(Rational, ParsesFractionsIntegersAndDecimals) {
    EXPECT_EQ(Rational::parse("24000/1001"), Rational(24000, 1001));
    EXPECT_EQ(Rational::parse("24000:1001"), Rational(24000, 1001));
    EXPECT_EQ(Rational::parse("25"), Rational(25, 1));
    EXPECT_EQ(Rational::parse("-1/-2"), Rational(1, 2));
    EXPECT_EQ(Rational::parse("25.5"), Rational(51, 2));
    EXPECT_EQ(Rational::parse("0.04"), Rational(1, 25));
}

TEST(Rational, ParsesNtscDecimalsAsTheirExactRate) {
    EXPECT_EQ(Rational::parse("23.976"), Rational(24000, 1001));
    EXPECT_EQ(Rational::parse("23.98"), Rational(24000, 1001));
    EXPECT_EQ(Rational::parse("29.97"), Rational(30000, 1001));
    EXPECT_EQ(Rational::parse("47.952"), Rational(48000, 1001));
    EXPECT_EQ(Rational::parse("59.94"), Rational(60000, 1001));
    EXPECT_EQ(Rational::parse("119.88"), Rational(120000, 1001));
}

TEST(Rational, RejectsMalformedText) {
    for (const char* text :
         {"", "abc", "1/0", "1/", "/1", ":", "1/2/3", " 25", "25 ", "+25", "1e400", "nan", "inf",
          "-inf", "1e13", "25fps", "0x19", "1/2.5", "99999999999999999999"}) {
        EXPECT_FALSE(Rational::parse(text).has_value()) << text;
    }
}

TEST(Rescale, ConvertsBetweenTimeBases) {
    EXPECT_EQ(rescale(1, Rational(1, 25), Rational(1, 90000)), 3600);
    EXPECT_EQ(rescale(90000, Rational(1, 90000), Rational(1001, 30000)), 30);
    EXPECT_EQ(rescale(1, Rational(1, 2), Rational(1, 1)), 1);    // tie away from zero
    EXPECT_EQ(rescale(-1, Rational(1, 2), Rational(1, 1)), -1);  // tie away from zero
    EXPECT_EQ(rescale(1, Rational(1, 3), Rational(1, 1)), 0);
    EXPECT_EQ(rescale(2, Rational(1, 3), Rational(1, 1)), 1);
}

TEST(Rescale, SaturatesAndHandlesUnknownRates) {
    EXPECT_EQ(rescale(k_max, Rational(1, 1), Rational(1, 1000)), k_max);
    EXPECT_EQ(rescale(k_min, Rational(1, 1), Rational(1, 1000)), k_min);
    EXPECT_EQ(rescale(k_max, Rational(k_max, 1), Rational(1, k_max)), k_max);
    EXPECT_EQ(rescale(5, Rational(1, 25), Rational()), 0);
    EXPECT_EQ(rescale(5, Rational(), Rational(1, 25)), 0);
}

// libavutil's av_rescale_q_rnd with AV_ROUND_NEAR_INF is the reference: same rounding rule.
TEST(Rescale, MatchesLibavutil) {
    std::mt19937_64 rng(20240601);
    const Rational bases[] = {{1, 25},       {1, 90000}, {1001, 30000}, {1, 48000}, {1, 1000000},
                              {1001, 24000}, {1, 1},     {3, 7},        {1, 600},   {1, 44100}};
    std::uniform_int_distribution<int64_t> values(-(int64_t{1} << 40), int64_t{1} << 40);
    for (int i = 0; i < 20000; ++i) {
        const Rational from = bases[rng() % std::size(bases)];
        const Rational to = bases[rng() % std::size(bases)];
        const int64_t value = values(rng);
        const int64_t expected =
            av_rescale_q_rnd(value, {int(from.num()), int(from.den())},
                             {int(to.num()), int(to.den())}, AV_ROUND_NEAR_INF);
        ASSERT_EQ(rescale(value, from, to), expected)
            << value << " " << from.to_string() << " -> " << to.to_string();
    }
}

}  // namespace
}  // namespace media
