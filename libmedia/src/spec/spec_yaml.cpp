// SPDX-License-Identifier: Apache-2.0
// Reads and validates delivery-spec YAML (schema "slate.delivery-spec", version 1; the language is
// documented in docs/validate.md). Everything is checked on load — keys, field names, operators,
// value types against the field, regular expressions, parameter references — so that a typo is
// an error with file:line and never a rule that silently passes.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <regex>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/yaml_reader.h"
#include "media/qc/profile.h"
#include "media/spec/fields.h"
#include "spec_internal.h"

namespace media::spec::detail {
namespace {

using yaml::ListItem;
using yaml::MapReader;
using K = Value::Kind;

constexpr std::string_view k_schema = "slate.delivery-spec";
constexpr int k_version = 1;
// Conditions nest (any_of inside all_of...); deeper than this is not a spec a person wrote.
constexpr int k_max_depth = 16;

Error error_at(const std::string& source, int line, const std::string& path,
               std::string_view problem) {
    return yaml::error_at(source, line, path, problem);
}

// ---- values ------------------------------------------------------------------------------------

Result<Value> scalar_for(const YAML::Node& node, K type, const std::string& source,
                         const std::string& path) {
    const int line = yaml::line_of(node);
    if (!node.IsScalar())
        return error_at(
            source, line, path,
            fmt::format("expected a {} value, got {}", type_name(type), yaml::describe(node)));
    const std::string& text = node.Scalar();
    switch (type) {
        case K::Bool: {
            bool flag = false;
            if (!YAML::convert<bool>::decode(node, flag))
                return error_at(source, line, path,
                                fmt::format("expected true or false, got '{}'", text));
            return Value::of(flag);
        }
        case K::Number:
        case K::Rational: {
            if (type == K::Rational && text.find('/') != std::string::npos) {
                const auto rational = Rational::parse(text);
                if (!rational || !rational->valid() || rational->num() <= 0)
                    return error_at(
                        source, line, path,
                        fmt::format("expected a rational like 24000/1001, got '{}'", text));
                return Value::of(*rational);
            }
            const std::optional<Value> number = number_from_text(text);
            if (!number)
                return error_at(source, line, path,
                                fmt::format("expected a number, got '{}'", text));
            return *number;
        }
        case K::Text:
        case K::List:
        case K::None:
            return Value::of(text);
    }
    return Value::of(text);
}

// An expected item of a list field: a name, or a list of names any of which may stand there
// ([SL, BL] accepts either surround pair naming).
Result<Value> list_item_for(const YAML::Node& node, const std::string& source,
                            const std::string& path) {
    if (node.IsScalar()) return Value::of(node.Scalar());
    if (!node.IsSequence() || node.size() == 0)
        return error_at(
            source, yaml::line_of(node), path,
            fmt::format("expected a name or a list of alternatives, got {}", yaml::describe(node)));
    std::vector<Value> alternatives;
    for (size_t i = 0; i < node.size(); ++i) {
        if (!node[i].IsScalar())
            return error_at(source, yaml::line_of(node[i]), fmt::format("{}[{}]", path, i),
                            "expected a name");
        alternatives.push_back(Value::of(node[i].Scalar()));
    }
    return Value::of(std::move(alternatives));
}

Result<Tolerance> read_tolerance(const MapReader& map) {
    const YAML::Node& node = map.node("tolerance");
    if (!node.IsScalar()) return map.error("tolerance", "expected a number or a percentage");
    std::string text = node.Scalar();
    Tolerance tolerance;
    if (!text.empty() && text.back() == '%') {
        tolerance.relative = true;
        text.pop_back();
    }
    double amount = 0;
    if (!YAML::convert<double>::decode(YAML::Node(text), amount) || !std::isfinite(amount) ||
        amount < 0)
        return map.error("tolerance",
                         fmt::format("expected a number >= 0 or a percentage like 10%, got '{}'",
                                     node.Scalar()));
    tolerance.amount = tolerance.relative ? amount / 100.0 : amount;
    return tolerance;
}

// ---- conditions --------------------------------------------------------------------------------

class ConditionReader {
public:
    ConditionReader(const std::string& source, const std::vector<Parameter>& parameters)
        : m_source(source), m_parameters(parameters) {}

    Result<Condition> read(const YAML::Node& node, const std::string& path, int line,
                           int depth) const {
        MEDIA_TRY_ASSIGN(const MapReader map, MapReader::open(m_source, node, path, line));
        if (depth > k_max_depth) return map.error_here("conditions nested too deeply");
        Condition condition;
        condition.line = yaml::line_of(node) >= 0 ? yaml::line_of(node) : line;
        const int kinds = map.has("field") + map.has("qc") + map.has("all_of") + map.has("any_of") +
                          map.has("not");
        if (kinds != 1)
            return map.error_here(
                "a condition has exactly one of: field (with op and value), qc, all_of, "
                "any_of, not");
        if (map.has("qc")) {
            MEDIA_TRY(map.only({"qc"}));
            condition.kind = Condition::Kind::QcCheck;
            MEDIA_TRY(map.read_name("qc", condition.qc_check));
            if (!qc::find_check(condition.qc_check))
                return map.error("qc", fmt::format("unknown QC check '{}' (slate qc checks: {})",
                                                   condition.qc_check, qc_check_names()));
            return condition;
        }
        if (map.has("not")) {
            MEDIA_TRY(map.only({"not"}));
            condition.kind = Condition::Kind::Not;
            MEDIA_TRY_ASSIGN(Condition child,
                             read(map.node("not"), map.path("not"), condition.line, depth + 1));
            condition.children.push_back(std::move(child));
            return condition;
        }
        if (map.has("all_of") || map.has("any_of")) {
            const std::string_view key = map.has("all_of") ? "all_of" : "any_of";
            MEDIA_TRY(map.only({key}));
            condition.kind = key == "all_of" ? Condition::Kind::AllOf : Condition::Kind::AnyOf;
            if (!map.node(key).IsSequence() || map.node(key).size() == 0)
                return map.error(key, "expected a non-empty list of conditions");
            MEDIA_TRY_ASSIGN(const std::vector<ListItem> items, map.list(key));
            for (const ListItem& item : items) {
                MEDIA_TRY_ASSIGN(Condition child, read(item.node, item.path, item.line, depth + 1));
                condition.children.push_back(std::move(child));
            }
            return condition;
        }
        MEDIA_TRY(map.only({"field", "op", "value", "tolerance"}));
        MEDIA_TRY(read_test(map, condition));
        return condition;
    }

private:
    static std::string qc_check_names() {
        std::vector<std::string> ids;
        for (const qc::CheckInfo& check : qc::check_catalog()) ids.push_back(check.id);
        return yaml::join(ids);
    }

    Result<K> type_of_field(const MapReader& map, std::string_view key,
                            const std::string& name) const {
        if (name.starts_with("param.")) {
            const std::string parameter = name.substr(6);
            for (const Parameter& p : m_parameters)
                if (p.name == parameter) return p.type;
            return map.error(key, fmt::format("unknown parameter '{}' (declared: {})", parameter,
                                              parameter_names()));
        }
        if (const FieldInfo* field = find_field(name)) return field->type;
        return map.error(key, fmt::format("unknown field '{}'{}", name, suggestion(name)));
    }

    std::string parameter_names() const {
        std::vector<std::string> names;
        for (const Parameter& p : m_parameters) names.push_back(p.name);
        return names.empty() ? std::string("none") : yaml::join(names);
    }

    // "; did you mean 'video.frame_rate'?" for a near miss, else a pointer to the list.
    static std::string suggestion(const std::string& name) {
        const FieldInfo* best = nullptr;
        size_t best_distance = 4;
        for (const FieldInfo& field : field_catalog()) {
            const size_t d = yaml::edit_distance(name, field.name);
            if (d < best_distance) {
                best_distance = d;
                best = &field;
            }
        }
        if (best) return fmt::format("; did you mean '{}'?", best->name);
        return " (docs/validate.md lists every field)";
    }

    Result<void> read_test(const MapReader& map, Condition& condition) const {
        condition.kind = Condition::Kind::Test;
        MEDIA_TRY(map.read_name("field", condition.field));
        MEDIA_TRY_ASSIGN(const K type, type_of_field(map, "field", condition.field));
        MEDIA_TRY(map.require("op"));
        std::string op_name;
        MEDIA_TRY(map.read_text("op", op_name));
        const std::optional<Op> op = op_from_name(op_name);
        if (!op)
            return map.error("op", fmt::format("unknown operator '{}' (==, !=, <, <=, >, >=, in, "
                                               "not_in, matches, exists, between)",
                                               op_name));
        condition.op = *op;
        MEDIA_TRY(check_op_fits(map, *op, type, condition.field));
        if (*op == Op::Exists) {
            MEDIA_TRY(map.forbid("tolerance", "exists takes no tolerance"));
            bool present = true;
            MEDIA_TRY(map.read_bool("value", present));
            condition.expected.literal = Value::of(present);
            return ok();
        }
        MEDIA_TRY(map.require("value"));
        if (map.has("tolerance")) {
            if (*op != Op::Eq && *op != Op::Between && *op != Op::Ne)
                return map.error("tolerance", "only ==, != and between take a tolerance");
            if (type != K::Number && type != K::Rational)
                return map.error("tolerance", "only number and rational fields take a tolerance");
            MEDIA_TRY_ASSIGN(condition.tolerance, read_tolerance(map));
        }
        return read_operand(map, *op, type, condition);
    }

    Result<void> check_op_fits(const MapReader& map, Op op, K type,
                               const std::string& field) const {
        const bool ordered =
            op == Op::Lt || op == Op::Le || op == Op::Gt || op == Op::Ge || op == Op::Between;
        if (ordered && type != K::Number && type != K::Rational)
            return map.error("op", fmt::format("'{}' needs a number field; {} is {}", to_string(op),
                                               field, type_name(type)));
        if (op == Op::Matches && type != K::Text)
            return map.error("op", fmt::format("'matches' needs a text field; {} is {}", field,
                                               type_name(type)));
        if ((op == Op::In || op == Op::NotIn) && (type == K::List || type == K::Bool))
            return map.error("op", fmt::format("'{}' does not apply to {} ({})", to_string(op),
                                               field, type_name(type)));
        return ok();
    }

    Result<void> read_operand(const MapReader& map, Op op, K type, Condition& condition) const {
        const YAML::Node& node = map.node("value");
        const std::string path = map.path("value");
        if (node.IsMap()) return read_reference(map, type, condition);
        switch (op) {
            case Op::In:
            case Op::NotIn: {
                if (!node.IsSequence() || node.size() == 0)
                    return map.error("value",
                                     fmt::format("'{}' needs a non-empty list", to_string(op)));
                std::vector<Value> items;
                for (size_t i = 0; i < node.size(); ++i) {
                    MEDIA_TRY_ASSIGN(Value item, scalar_for(node[i], type, map.source(),
                                                            fmt::format("{}[{}]", path, i)));
                    items.push_back(std::move(item));
                }
                condition.expected.literal = Value::of(std::move(items));
                return ok();
            }
            case Op::Between: {
                if (!node.IsSequence() || node.size() != 2)
                    return map.error("value", "'between' needs [low, high]");
                MEDIA_TRY_ASSIGN(Value low, scalar_for(node[0], K::Number, map.source(), path));
                MEDIA_TRY_ASSIGN(Value high, scalar_for(node[1], K::Number, map.source(), path));
                if (low.number > high.number)
                    return map.error("value", fmt::format("low {} is above high {}", low.to_text(),
                                                          high.to_text()));
                condition.expected.literal = Value::of(std::vector<Value>{low, high});
                return ok();
            }
            case Op::Matches: {
                if (!node.IsScalar()) return map.error("value", "'matches' needs a pattern");
                try {
                    std::regex pattern(node.Scalar(), std::regex::ECMAScript);
                } catch (const std::regex_error& e) {
                    return map.error("value", fmt::format("bad regular expression '{}': {}",
                                                          node.Scalar(), e.what()));
                }
                condition.expected.literal = Value::of(node.Scalar());
                return ok();
            }
            default:
                break;
        }
        if (type == K::List) {
            if (!node.IsSequence())
                return map.error("value",
                                 fmt::format("expected a list, got {}", yaml::describe(node)));
            std::vector<Value> items;
            for (size_t i = 0; i < node.size(); ++i) {
                MEDIA_TRY_ASSIGN(Value item, list_item_for(node[i], map.source(),
                                                           fmt::format("{}[{}]", path, i)));
                items.push_back(std::move(item));
            }
            condition.expected.literal = Value::of(std::move(items));
            return ok();
        }
        MEDIA_TRY_ASSIGN(condition.expected.literal, scalar_for(node, type, map.source(), path));
        return ok();
    }

    // value: {param: name} or {field: name}
    Result<void> read_reference(const MapReader& map, K type, Condition& condition) const {
        MEDIA_TRY_ASSIGN(const MapReader ref, map.map("value"));
        MEDIA_TRY(ref.only({"param", "field"}));
        if (ref.has("param") == ref.has("field"))
            return ref.error_here("a reference is {param: NAME} or {field: NAME}");
        const bool is_param = ref.has("param");
        const std::string_view key = is_param ? "param" : "field";
        std::string name;
        MEDIA_TRY(ref.read_name(key, name));
        const std::string field_name = is_param ? "param." + name : name;
        MEDIA_TRY_ASSIGN(const K ref_type, type_of_field(ref, key, field_name));
        const bool numeric = (type == K::Number || type == K::Rational) &&
                             (ref_type == K::Number || ref_type == K::Rational);
        const bool list_for_in =
            (condition.op == Op::In || condition.op == Op::NotIn) && ref_type == K::List;
        if (ref_type != type && !numeric && !list_for_in)
            return ref.error(
                key, fmt::format("{} is {}, the field {} is {}", field_name, type_name(ref_type),
                                 condition.field, type_name(type)));
        condition.expected.kind = is_param ? Operand::Kind::Param : Operand::Kind::Field;
        condition.expected.name = is_param ? name : field_name;
        return ok();
    }

    const std::string& m_source;
    const std::vector<Parameter>& m_parameters;
};

// ---- parameters --------------------------------------------------------------------------------

std::optional<K> type_from_name(std::string_view name) {
    for (K kind : {K::Bool, K::Number, K::Rational, K::Text, K::List})
        if (type_name(kind) == name) return kind;
    return std::nullopt;
}

Result<void> read_parameter(const MapReader& map, const std::string& name,
                            std::vector<Parameter>& parameters) {
    MEDIA_TRY_ASSIGN(const MapReader entry, map.map(name));
    MEDIA_TRY(entry.only({"type", "default", "field", "description"}));
    if (!yaml::is_plain_name(name)) return map.error(name, "parameter names are plain names");
    auto existing = std::find_if(parameters.begin(), parameters.end(),
                                 [&](const Parameter& p) { return p.name == name; });
    Parameter parameter = existing != parameters.end() ? *existing : Parameter{};
    parameter.name = name;
    if (existing == parameters.end()) MEDIA_TRY(entry.require("type"));
    if (entry.has("type")) {
        std::string type;
        MEDIA_TRY(entry.read_text("type", type));
        const std::optional<K> kind = type_from_name(type);
        if (!kind)
            return entry.error("type", fmt::format("unknown type '{}' (bool, number, rational, "
                                                   "text, list)",
                                                   type));
        // The base spec's rules were checked against the base's type.
        if (existing != parameters.end() && existing->type != *kind)
            return entry.error("type", fmt::format("parameter '{}' is {} in the base spec; an "
                                                   "extending spec changes its default only",
                                                   name, type_name(existing->type)));
        parameter.type = *kind;
    }
    MEDIA_TRY(entry.read_text("description", parameter.description));
    if (entry.has("field")) {
        MEDIA_TRY(entry.read_name("field", parameter.source_field));
        const FieldInfo* field = find_field(parameter.source_field);
        if (!field || field->source != FieldSource::Probe)
            return entry.error("field",
                               fmt::format("'{}' is not a probe field", parameter.source_field));
    }
    if (existing == parameters.end()) MEDIA_TRY(entry.require("default"));
    if (entry.has("default")) {
        const YAML::Node& node = entry.node("default");
        if (node.IsScalar() && node.Scalar() == "source") {
            if (parameter.source_field.empty())
                return entry.error("default", "'source' needs the parameter's field: key");
            parameter.default_value = Value::of(std::string("source"));
        } else if (parameter.type == K::List) {
            if (!node.IsSequence()) return entry.error("default", "expected a list");
            std::vector<Value> items;
            for (size_t i = 0; i < node.size(); ++i) {
                MEDIA_TRY_ASSIGN(Value item,
                                 list_item_for(node[i], entry.source(), entry.path("default")));
                items.push_back(std::move(item));
            }
            parameter.default_value = Value::of(std::move(items));
        } else {
            MEDIA_TRY_ASSIGN(
                parameter.default_value,
                scalar_for(node, parameter.type, entry.source(), entry.path("default")));
        }
    }
    if (existing != parameters.end())
        *existing = std::move(parameter);
    else
        parameters.push_back(std::move(parameter));
    return ok();
}

Result<void> read_parameters(const MapReader& root, std::vector<Parameter>& parameters) {
    if (!root.has("parameters") || root.node("parameters").IsNull()) return ok();
    MEDIA_TRY_ASSIGN(const MapReader map, root.map("parameters"));
    // Keys in file order, so errors come in the order a person reads them.
    std::vector<std::pair<int, std::string>> keys;
    for (auto it = root.node("parameters").begin(); it != root.node("parameters").end(); ++it)
        keys.emplace_back(yaml::line_of(it->first), it->first.Scalar());
    std::sort(keys.begin(), keys.end());
    for (const auto& [line, name] : keys) MEDIA_TRY(read_parameter(map, name, parameters));
    return ok();
}

// ---- rules ----------------------------------------------------------------------------------

std::string default_category(const Condition& check) {
    std::vector<std::string> fields, checks;
    collect_fields(check, fields, checks);
    std::string category;
    auto merge = [&](std::string_view c) {
        if (category.empty())
            category = c;
        else if (category != c)
            category = "mixed";
    };
    for (const std::string& field : fields) {
        if (field.starts_with("param.")) continue;
        const std::string prefix = field.substr(0, field.find('.'));
        merge(prefix == "file" ? "container" : prefix == "measure" ? "measurement" : prefix);
    }
    for (const std::string& id : checks)
        if (const qc::CheckInfo* info = qc::find_check(id)) merge(info->category);
    return category.empty() ? "other" : category;
}

Result<Rule> read_rule(const ListItem& item, const std::string& source,
                       const std::vector<Parameter>& parameters) {
    MEDIA_TRY_ASSIGN(const MapReader map, MapReader::open(source, item.node, item.path, item.line));
    MEDIA_TRY(
        map.only({"id", "title", "severity", "category", "when", "check", "reference", "notes"}));
    Rule rule;
    rule.source = source;
    rule.line = item.line;
    MEDIA_TRY(map.require("id"));
    MEDIA_TRY(map.read_name("id", rule.id));
    if (!yaml::is_plain_name(rule.id))
        return map.error("id", "rule ids are plain names (letters, digits, '_', '-', '.')");
    MEDIA_TRY(map.require("title"));
    MEDIA_TRY(map.read_name("title", rule.title));
    if (map.has("severity")) {
        std::string name;
        MEDIA_TRY(map.read_text("severity", name));
        const std::optional<qc::Severity> severity = qc::severity_from_name(name);
        if (!severity)
            return map.error("severity", fmt::format("unknown severity '{}' (info, warning, "
                                                     "error or FYI, Issue, Blocker)",
                                                     name));
        rule.severity = *severity;
    }
    const ConditionReader conditions(source, parameters);
    MEDIA_TRY(map.require("check"));
    MEDIA_TRY_ASSIGN(rule.check,
                     conditions.read(map.node("check"), map.path("check"), item.line, 0));
    if (map.has("when")) {
        MEDIA_TRY_ASSIGN(Condition when,
                         conditions.read(map.node("when"), map.path("when"), item.line, 0));
        rule.when = std::move(when);
    }
    rule.category = default_category(rule.check);
    MEDIA_TRY(map.read_name("category", rule.category));
    MEDIA_TRY(map.read_text("reference", rule.reference));
    MEDIA_TRY(map.read_text("notes", rule.notes));
    return rule;
}

Result<void> read_text_list(const MapReader& map, std::string_view key,
                            std::vector<std::string>& out) {
    MEDIA_TRY_ASSIGN(const std::vector<ListItem> items, map.list(key));
    for (const ListItem& item : items) {
        if (!item.node.IsScalar() || item.node.Scalar().empty())
            return yaml::error_at(map.source(), item.line, item.path, "expected a name");
        out.push_back(item.node.Scalar());
    }
    return ok();
}

// ---- the document -----------------------------------------------------------------------------

Result<void> read_info(const MapReader& root, SpecInfo& info) {
    MEDIA_TRY(root.require("name"));
    MEDIA_TRY(root.read_name("name", info.name));
    if (!yaml::is_plain_name(info.name))
        return root.error("name", "spec names are plain names (letters, digits, '_', '-', '.')");
    MEDIA_TRY(root.read_text("spec_version", info.version));
    MEDIA_TRY(root.read_text("issuer", info.issuer));
    MEDIA_TRY(root.read_text("document", info.document));
    MEDIA_TRY(root.read_text("document_date", info.document_date));
    MEDIA_TRY(root.read_text("description", info.description));
    if (root.has("severity_style")) {
        std::string style;
        MEDIA_TRY(root.read_text("severity_style", style));
        if (style != "standard" && style != "netflix")
            return root.error("severity_style",
                              fmt::format("unknown value '{}' (standard, netflix)", style));
        info.severity_style =
            style == "netflix" ? qc::SeverityStyle::Netflix : qc::SeverityStyle::Standard;
    }
    if (root.has("fail_on")) {
        std::string name;
        MEDIA_TRY(root.read_text("fail_on", name));
        const std::optional<qc::Severity> severity = qc::severity_from_name(name);
        if (!severity) return root.error("fail_on", fmt::format("unknown severity '{}'", name));
        info.fail_on = *severity;
    }
    if (root.has("qc_profile")) {
        MEDIA_TRY(root.read_name("qc_profile", info.qc_profile));
        // A profile path is taken from the spec's folder, like extends.
        std::string profile = info.qc_profile;
        if (profile.find('/') != std::string::npos && std::filesystem::path(profile).is_relative())
            profile = (std::filesystem::path(root.source()).parent_path() / profile).string();
        auto loaded = qc::load_profile(profile);
        if (!loaded)
            return root.error("qc_profile",
                              fmt::format("cannot load QC profile: {}", loaded.error().message()));
        info.qc_profile = profile;
    }
    info.presets.clear();
    MEDIA_TRY(read_text_list(root, "presets", info.presets));
    return ok();
}

Result<void> apply_rules(const MapReader& root, const std::string& source, Spec& spec) {
    std::vector<std::string> dropped;
    MEDIA_TRY(read_text_list(root, "drop", dropped));
    if (!dropped.empty() && !root.has("extends"))
        return root.error("drop", "drop removes rules of the spec named by extends");
    for (const std::string& id : dropped) {
        auto found = std::find_if(spec.rules.begin(), spec.rules.end(),
                                  [&](const Rule& r) { return r.id == id; });
        if (found == spec.rules.end())
            return root.error("drop", fmt::format("the base spec has no rule '{}'", id));
        spec.rules.erase(found);
    }
    MEDIA_TRY_ASSIGN(const std::vector<ListItem> items, root.list("rules"));
    std::vector<std::string> seen;
    for (const ListItem& item : items) {
        MEDIA_TRY_ASSIGN(Rule rule, read_rule(item, source, spec.parameters));
        if (std::find(seen.begin(), seen.end(), rule.id) != seen.end())
            return yaml::error_at(source, item.line, item.path + ".id",
                                  fmt::format("duplicate rule id '{}'", rule.id));
        seen.push_back(rule.id);
        auto base = std::find_if(spec.rules.begin(), spec.rules.end(),
                                 [&](const Rule& r) { return r.id == rule.id; });
        if (base != spec.rules.end())
            *base = std::move(rule);  // an override keeps the base rule's place
        else
            spec.rules.push_back(std::move(rule));
    }
    if (spec.rules.empty()) return root.error_here("a spec needs at least one rule");
    return ok();
}

}  // namespace

std::string_view type_name(Value::Kind kind) {
    switch (kind) {
        case K::Bool:
            return "bool";
        case K::Number:
            return "number";
        case K::Rational:
            return "rational";
        case K::Text:
            return "text";
        case K::List:
            return "list";
        case K::None:
            break;
    }
    return "none";
}

Result<Value> parse_parameter_text(const std::string& text, Value::Kind type) {
    if (type == K::List) {
        std::vector<Value> items;
        size_t start = 0;
        while (start <= text.size()) {
            const size_t comma = std::min(text.find(',', start), text.size());
            if (comma > start) items.push_back(Value::of(text.substr(start, comma - start)));
            start = comma + 1;
        }
        return Value::of(std::move(items));
    }
    const YAML::Node node(text);
    return scalar_for(node, type, "--param", text);
}

Result<Spec> parse_spec_text(const std::string& text, const std::string& source, LoadChain& chain) {
    try {
        MEDIA_TRY_ASSIGN(const YAML::Node document,
                         yaml::load_one_document(text, source, "schema: slate.delivery-spec",
                                                 "one spec per file"));
        MEDIA_TRY_ASSIGN(const MapReader root, MapReader::open(source, document, "", 0));
        int version = 0;
        MEDIA_TRY(yaml::read_schema_version(root, k_schema, k_version, version));
        MEDIA_TRY(root.only({"schema", "version", "name", "spec_version", "issuer", "document",
                             "document_date", "description", "severity_style", "fail_on",
                             "qc_profile", "presets", "extends", "drop", "parameters", "rules"}));
        Spec spec;
        if (root.has("extends")) {
            std::string base;
            MEDIA_TRY(root.read_name("extends", base));
            const std::string folder = std::filesystem::path(source).parent_path().string();
            auto loaded = load_spec_file(base, folder, chain);
            if (!loaded)
                return root.error("extends", fmt::format("cannot extend '{}': {}", base,
                                                         loaded.error().message()));
            spec = std::move(*loaded);
            std::vector<std::string> extends{spec.info.name};
            extends.insert(extends.end(), spec.info.extends.begin(), spec.info.extends.end());
            spec.info.extends = std::move(extends);
        }
        MEDIA_TRY(read_info(root, spec.info));
        spec.info.source = source;
        MEDIA_TRY(read_parameters(root, spec.parameters));
        MEDIA_TRY(apply_rules(root, source, spec));
        return spec;
    } catch (const YAML::Exception& e) {
        return yaml::file_error(source, e.mark.line, fmt::format("malformed YAML: {}", e.msg));
    }
}

}  // namespace media::spec::detail
