// SPDX-License-Identifier: Apache-2.0
// Comparison rules: text compares case-insensitively with ==, != and in (codec and colour names
// are not case sensitive anywhere a spec comes from; `matches` is a regular expression and says
// its own case rules); a number written with decimals matches an exact rate
// that rounds to it (23.976 and 23.98 both match 24000/1001, 24 matches only 24/1); list fields
// compare position by position, and an expected position may list alternatives.
#include "condition_eval.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <regex>

#include <fmt/format.h>

#include "media/spec/fields.h"
#include "spec_internal.h"

namespace media::spec::detail {
namespace {

using K = Value::Kind;

bool text_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool is_numeric(const Value& v) {
    return v.kind == K::Number || v.kind == K::Rational;
}

double as_double(const Value& v) {
    return v.kind == K::Rational ? v.rational.to_double() : v.number;
}

double allowed(const Tolerance& t, double reference) {
    return t.relative ? t.amount * std::abs(reference) : t.amount;
}

bool numbers_equal(const Value& m, const Value& e, const std::optional<Tolerance>& tolerance) {
    const double measured = as_double(m);
    const double expected = as_double(e);
    if (tolerance) return std::abs(measured - expected) <= allowed(*tolerance, expected) + 1e-12;
    if (m.kind == K::Rational && e.kind == K::Rational) return m.rational == e.rational;
    // A number written with d decimals stands for everything that rounds to it.
    if (e.kind == K::Number && e.decimals > 0)
        return std::abs(measured - expected) < 0.5 * std::pow(10.0, -e.decimals) + 1e-12;
    if (m.kind == K::Number && m.decimals > 0)
        return std::abs(measured - expected) < 0.5 * std::pow(10.0, -m.decimals) + 1e-12;
    return std::abs(measured - expected) <= 1e-9 * std::max(1.0, std::abs(expected));
}

bool item_matches(const Value& measured, const Value& expected) {
    if (expected.kind == K::List)
        return std::any_of(expected.list.begin(), expected.list.end(),
                           [&](const Value& alt) { return item_matches(measured, alt); });
    return text_equal(measured.to_text(), expected.to_text());
}

// A number or rate given as text (a list parameter's item, "23.976" or "24000/1001").
std::optional<Value> number_or_rate(const std::string& text) {
    if (text.find('/') == std::string::npos) return number_from_text(text);
    const auto rational = Rational::parse(text);
    if (rational && rational->valid()) return Value::of(*rational);
    return std::nullopt;
}

bool equal(const Value& m, const Value& e, const std::optional<Tolerance>& tolerance) {
    if (is_numeric(m) && is_numeric(e)) return numbers_equal(m, e, tolerance);
    if (is_numeric(m) && e.kind == K::Text) {
        const std::optional<Value> number = number_or_rate(e.text);
        return number && numbers_equal(m, *number, tolerance);
    }
    if (m.kind == K::Bool && e.kind == K::Bool) return m.boolean == e.boolean;
    if (m.kind == K::List && e.kind == K::List) {
        if (m.list.size() != e.list.size()) return false;
        for (size_t i = 0; i < m.list.size(); ++i)
            if (!item_matches(m.list[i], e.list[i])) return false;
        return true;
    }
    if (m.kind == K::List || e.kind == K::List) return false;
    return text_equal(m.to_text(), e.to_text());
}

}  // namespace

bool compare(const Value& measured, Op op, const Value& expected,
             const std::optional<Tolerance>& tolerance) {
    if (op == Op::Exists) return measured.is_none() != expected.boolean;
    if (measured.is_none()) return false;
    switch (op) {
        case Op::Eq:
            return equal(measured, expected, tolerance);
        case Op::Ne:
            return !equal(measured, expected, tolerance);
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge: {
            if (!is_numeric(measured) || !is_numeric(expected)) return false;
            const double m = as_double(measured), e = as_double(expected);
            if (op == Op::Lt) return m < e;
            if (op == Op::Le) return m <= e;
            if (op == Op::Gt) return m > e;
            return m >= e;
        }
        case Op::In:
        case Op::NotIn: {
            const bool found =
                std::any_of(expected.list.begin(), expected.list.end(),
                            [&](const Value& item) { return equal(measured, item, tolerance); });
            return op == Op::In ? found : !found;
        }
        case Op::Between: {
            if (!is_numeric(measured) || expected.list.size() != 2) return false;
            const double m = as_double(measured);
            const double low = as_double(expected.list[0]), high = as_double(expected.list[1]);
            const double slack_low = tolerance ? allowed(*tolerance, low) : 0.0;
            const double slack_high = tolerance ? allowed(*tolerance, high) : 0.0;
            return m >= low - slack_low - 1e-12 && m <= high + slack_high + 1e-12;
        }
        case Op::Matches:
            try {
                return std::regex_search(measured.to_text(), std::regex(expected.text));
            } catch (const std::regex_error&) {
                return false;  // checked on load; a pattern that still fails matches nothing
            }
        case Op::Exists:
            break;
    }
    return false;
}

namespace {

std::string unit_of(const std::string& field) {
    const FieldInfo* info = find_field(field);
    return info && !info->unit.empty() ? " " + info->unit : std::string();
}

std::string joined_values(const std::vector<Value>& values) {
    std::vector<std::string> texts;
    for (const Value& v : values) {
        std::string text = v.to_text();
        if (std::find(texts.begin(), texts.end(), text) == texts.end()) texts.push_back(text);
    }
    return fmt::format("{}", fmt::join(texts, ", "));
}

Evaluation evaluate_test(const Condition& c, const FileFields& file, bool short_form) {
    Evaluation result;
    const std::vector<Value> values = field_values(file, c.field);
    const std::string unit = c.field.starts_with("param.") ? std::string() : unit_of(c.field);
    const std::string prefix = short_form ? std::string() : c.field + " ";
    result.measured = (short_form ? std::string() : c.field + " = ") + joined_values(values) +
                      (values.size() == 1 && values[0].is_none() ? std::string() : unit);
    if (values.size() == 1 && is_numeric(values[0])) {
        result.value = as_double(values[0]);
        result.unit = unit.empty() ? std::string() : unit.substr(1);
    }
    Value expected = c.expected.literal;
    std::string origin;
    if (c.expected.kind == Operand::Kind::Param) {
        const auto found = file.params->find(c.expected.name);
        expected = found != file.params->end() ? found->second : Value::none();
        origin = fmt::format(" (parameter {})", c.expected.name);
    } else if (c.expected.kind == Operand::Kind::Field) {
        const std::vector<Value> reference = field_values(file, c.expected.name);
        expected = reference.empty() ? Value::none() : reference.front();
        origin = fmt::format(" ({})", c.expected.name);
    }
    if (c.op == Op::Exists)
        result.expected = prefix + (expected.boolean ? "present" : "absent");
    else
        result.expected =
            fmt::format("{}{} {}{}{}{}", prefix, to_string(c.op), expected.to_text(),
                        tolerance_text(c.tolerance), expected.is_none() ? "" : unit, origin);
    if (c.op != Op::Exists && expected.is_none()) {
        result.outcome = Outcome::Unknown;
        result.reason = c.expected.kind == Operand::Kind::Param
                            ? fmt::format(
                                  "parameter {} has no value (give --source or --param "
                                  "{}=VALUE)",
                                  c.expected.name, c.expected.name)
                            : fmt::format("{} has no value to compare with", c.expected.name);
        return result;
    }
    if (expected.kind == K::Text && expected.text == "source") {
        result.outcome = Outcome::Unknown;
        result.reason = fmt::format("parameter {} takes the source file's value: give --source",
                                    c.expected.name);
        return result;
    }
    const bool measured_field = c.field.starts_with("measure.");
    bool all = true;
    for (const Value& value : values) {
        if (value.is_none() && measured_field && c.op != Op::Exists) {
            result.outcome = Outcome::Unknown;
            result.reason = fmt::format("{} could not be measured", c.field);
            return result;
        }
        all = all && compare(value, c.op, expected, c.tolerance);
    }
    result.outcome = all ? Outcome::Pass : Outcome::Fail;
    if (!all)
        result.reason = fmt::format("{} = {}, expected {}", c.field, joined_values(values),
                                    result.expected.substr(prefix.size()));
    return result;
}

Evaluation evaluate_qc(const Condition& c, const FileFields& file) {
    Evaluation result;
    result.expected = fmt::format("QC check {} passes", c.qc_check);
    const qc::CheckResult* check = nullptr;
    if (file.measured)
        for (const qc::CheckResult& r : file.measured->checks)
            if (r.id == c.qc_check) check = &r;
    if (!check) {
        result.outcome = Outcome::Unknown;
        result.reason = fmt::format("QC check {} did not run", c.qc_check);
        return result;
    }
    if (!check->threshold_text.empty())
        result.expected += fmt::format(" ({})", check->threshold_text);
    result.measured = check->measured_text.empty() ? std::string(qc::to_string(check->verdict))
                                                   : check->measured_text;
    result.value = check->measured;
    result.unit = check->unit;
    result.events = check->events;
    switch (check->verdict) {
        case qc::Verdict::Pass:
            result.outcome = Outcome::Pass;
            break;
        case qc::Verdict::Fail:
            result.outcome = Outcome::Fail;
            result.reason = check->message;
            break;
        case qc::Verdict::NotChecked:
        case qc::Verdict::NotApplicable:
            result.outcome = Outcome::Unknown;
            result.reason = check->message;
            break;
    }
    return result;
}

Evaluation evaluate_group(const Condition& c, const FileFields& file) {
    Evaluation result;
    std::vector<std::string> expected, measured;
    int passed = 0, failed = 0, unknown = 0;
    std::string first_fail, first_unknown;
    for (const Condition& child : c.children) {
        Evaluation e = evaluate(child, file, false);
        expected.push_back(child.kind == Condition::Kind::Test ||
                                   child.kind == Condition::Kind::QcCheck
                               ? e.expected
                               : "(" + e.expected + ")");
        if (!e.measured.empty() &&
            std::find(measured.begin(), measured.end(), e.measured) == measured.end())
            measured.push_back(e.measured);
        result.events.insert(result.events.end(), e.events.begin(), e.events.end());
        if (e.outcome == Outcome::Pass) ++passed;
        if (e.outcome == Outcome::Fail) {
            ++failed;
            if (first_fail.empty()) first_fail = e.reason;
        }
        if (e.outcome == Outcome::Unknown) {
            ++unknown;
            if (first_unknown.empty()) first_unknown = e.reason;
        }
    }
    result.measured = fmt::format("{}", fmt::join(measured, "; "));
    switch (c.kind) {
        case Condition::Kind::AllOf:
            result.expected = fmt::format("all of: {}", fmt::join(expected, "; "));
            result.outcome = failed ? Outcome::Fail : unknown ? Outcome::Unknown : Outcome::Pass;
            result.reason = failed ? first_fail : first_unknown;
            break;
        case Condition::Kind::AnyOf:
            result.expected = fmt::format("any of: {}", fmt::join(expected, " | "));
            result.outcome = passed ? Outcome::Pass : unknown ? Outcome::Unknown : Outcome::Fail;
            result.reason =
                passed ? std::string()
                : unknown
                    ? first_unknown
                    : (c.children.size() == 1 ? first_fail : "no alternative holds: " + first_fail);
            break;
        default: {  // Not
            result.expected = fmt::format("not ({})", fmt::join(expected, ""));
            const Outcome inner = failed    ? Outcome::Fail
                                  : unknown ? Outcome::Unknown
                                            : Outcome::Pass;
            result.outcome = inner == Outcome::Pass   ? Outcome::Fail
                             : inner == Outcome::Fail ? Outcome::Pass
                                                      : Outcome::Unknown;
            result.reason = inner == Outcome::Pass ? "the negated condition holds" : first_unknown;
            break;
        }
    }
    return result;
}

}  // namespace

Evaluation evaluate(const Condition& condition, const FileFields& file, bool short_form) {
    switch (condition.kind) {
        case Condition::Kind::Test:
            return evaluate_test(condition, file, short_form);
        case Condition::Kind::QcCheck:
            return evaluate_qc(condition, file);
        case Condition::Kind::AllOf:
        case Condition::Kind::AnyOf:
        case Condition::Kind::Not:
            return evaluate_group(condition, file);
    }
    return {};
}

}  // namespace media::spec::detail
