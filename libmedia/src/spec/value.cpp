// SPDX-License-Identifier: Apache-2.0
// Values and operators of the spec language, and how they print in reports.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "media/spec/spec.h"
#include "spec_internal.h"

namespace media::spec {
namespace {

constexpr std::array<std::pair<Op, std::string_view>, 11> k_ops{{
    {Op::Eq, "=="},
    {Op::Ne, "!="},
    {Op::Lt, "<"},
    {Op::Le, "<="},
    {Op::Gt, ">"},
    {Op::Ge, ">="},
    {Op::In, "in"},
    {Op::NotIn, "not_in"},
    {Op::Matches, "matches"},
    {Op::Exists, "exists"},
    {Op::Between, "between"},
}};

// Measured numbers print like a person writes them: integers bare, others to 3 decimals with
// trailing zeros dropped ("-23.41", "0.5").
std::string number_text(double n, int decimals) {
    if (decimals >= 0) return fmt::format("{:.{}f}", n, decimals);
    if (std::isfinite(n) && n == std::round(n) && std::abs(n) < 1e15)
        return fmt::format("{:.0f}", n);
    std::string text = fmt::format("{:.3f}", n);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

}  // namespace

Value Value::of(bool b) {
    Value v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
}

Value Value::of(double n, int decimals) {
    Value v;
    v.kind = Kind::Number;
    v.number = n;
    v.decimals = decimals;
    return v;
}

Value Value::of(int64_t n) {
    return of(static_cast<double>(n));
}

Value Value::of(Rational r) {
    Value v;
    v.kind = Kind::Rational;
    v.rational = r;
    return v;
}

Value Value::of(std::string t) {
    Value v;
    v.kind = Kind::Text;
    v.text = std::move(t);
    return v;
}

Value Value::of(std::vector<Value> items) {
    Value v;
    v.kind = Kind::List;
    v.list = std::move(items);
    return v;
}

std::string Value::to_text() const {
    switch (kind) {
        case Kind::None:
            return "absent";
        case Kind::Bool:
            return boolean ? "true" : "false";
        case Kind::Number:
            return number_text(number, decimals);
        case Kind::Rational:
            if (!rational.valid()) return "unknown";
            if (rational.den() == 1) return rational.to_string();
            return fmt::format("{} ({})", rational.to_string(),
                               number_text(rational.to_double(), -1));
        case Kind::Text:
            return text;
        case Kind::List: {
            std::string out = "[";
            for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + list[i].to_text();
            return out + "]";
        }
    }
    return {};
}

std::string_view to_string(Op op) {
    for (const auto& [value, name] : k_ops)
        if (value == op) return name;
    return "==";
}

std::optional<Op> op_from_name(std::string_view name) {
    for (const auto& [value, text] : k_ops)
        if (text == name) return value;
    return std::nullopt;
}

namespace detail {

std::optional<Value> number_from_text(const std::string& text) {
    double number = 0.0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, number);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(number))
        return std::nullopt;
    const size_t dot = text.find('.');
    const size_t exponent = text.find_first_of("eE");
    int decimals = 0;
    if (dot != std::string::npos)
        decimals =
            static_cast<int>((exponent == std::string::npos ? text.size() : exponent) - dot - 1);
    return Value::of(number, decimals);
}

std::string tolerance_text(const std::optional<Tolerance>& tolerance) {
    if (!tolerance) return {};
    if (tolerance->relative)
        return fmt::format(" ±{}%", Value::of(tolerance->amount * 100).to_text());
    return fmt::format(" ±{}", Value::of(tolerance->amount).to_text());
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace detail
}  // namespace media::spec
