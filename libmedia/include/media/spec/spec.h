// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/qc/qc_report.h"

namespace media::spec {

/// A value written in a spec or measured from a file. Numbers keep the decimals they were
/// written with (a frame rate of 23.98 matches 24000/1001 at two decimals); rationals are exact.
struct Value {
    enum class Kind : uint8_t { None, Bool, Number, Rational, Text, List };
    Kind kind = Kind::None;
    bool boolean = false;
    double number = 0.0;
    int decimals = -1;  ///< decimals a number was written with; -1: measured (exact)
    Rational rational;
    std::string text;
    std::vector<Value> list;

    static Value none() { return {}; }
    static Value of(bool b);
    static Value of(double n, int decimals = -1);
    static Value of(int64_t n);
    static Value of(Rational r);
    static Value of(std::string t);
    static Value of(std::vector<Value> items);

    bool is_none() const { return kind == Kind::None; }
    /// The value as a spec would write it: "24000/1001", "[mov, mxf]", "true", "-24.5".
    std::string to_text() const;
    friend bool operator==(const Value&, const Value&) = default;
};

/// Rule operators. `between` takes [low, high]; `==`, `!=` and `between` accept a tolerance.
enum class Op : uint8_t { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn, Matches, Exists, Between };
/// "==", "!=", "<", "<=", ">", ">=", "in", "not_in", "matches", "exists", "between".
std::string_view to_string(Op op);
std::optional<Op> op_from_name(std::string_view name);

/// Where an expected value comes from: written in the spec, a spec parameter, or another field
/// of the same file (MaxCLL measured vs MaxCLL declared).
struct Operand {
    enum class Kind : uint8_t { Literal, Param, Field };
    Kind kind = Kind::Literal;
    Value literal;
    std::string name;  ///< parameter or field name
};

/// Slack on `==` and `between`: absolute (in the field's unit) or relative (written "10%").
struct Tolerance {
    double amount = 0.0;
    bool relative = false;
};

/// A condition tree: a field test, a QC check, or all/any of sub-conditions. Used both as a
/// rule's check and as its applicability condition (`when`).
struct Condition {
    enum class Kind : uint8_t { Test, QcCheck, AllOf, AnyOf, Not };
    Kind kind = Kind::Test;
    // Test
    std::string field;  ///< "video.height", "audio.channel_order", "measure.true_peak"...
    Op op = Op::Eq;
    Operand expected;  ///< unused for `exists`
    std::optional<Tolerance> tolerance;
    // QcCheck: passes when the QC check of that id passes (with the spec's QC profile)
    std::string qc_check;
    // AllOf / AnyOf / Not (one child)
    std::vector<Condition> children;
    int line = -1;  ///< 0-based line in the spec file, for messages
};

/// Every field a condition uses, every QC check it runs (for planning the measurement pass).
void collect_fields(const Condition& condition, std::vector<std::string>& fields,
                    std::vector<std::string>& qc_checks);

struct Rule {
    std::string id;     ///< unique in the spec; the key in reports (JUnit test case name)
    std::string title;  ///< "ProRes 422 HQ"
    qc::Severity severity = qc::Severity::Error;
    std::string category;           ///< "container", "video", "audio", "loudness", "content"...
    std::optional<Condition> when;  ///< absent: always applies
    Condition check;
    std::string reference;  ///< source of the figure (document, section)
    std::string notes;      ///< the spec author's research note
    std::string source;     ///< spec file it was written in (after extends)
    int line = -1;
};

/// A spec parameter: a name the rules refer to with `{param: name}` or field `param.name`.
struct Parameter {
    std::string name;
    Value::Kind type = Value::Kind::Text;  ///< Bool, Number, Rational, Text or List
    Value default_value;
    /// A default (or a --param value) of "source" means: this field of the source file
    /// (slate validate --source), e.g. fps: {type: rational, default: source, field:
    /// video.frame_rate}. Empty: "source" is not allowed.
    std::string source_field;
    std::string description;
};

struct SpecInfo {
    std::string name;
    std::string version;  ///< the spec's own version ("2026.11")
    std::string issuer;
    std::string document;       ///< source document the figures come from
    std::string document_date;  ///< its date or version as published
    std::string description;
    std::string source;  ///< file it was read from; "builtin:<name>" for shipped specs
    qc::SeverityStyle severity_style = qc::SeverityStyle::Standard;
    qc::Severity fail_on = qc::Severity::Error;
    std::string qc_profile = "default";  ///< thresholds for `qc:` checks and the measurements
    std::vector<std::string> extends;    ///< the chain of specs this one builds on, nearest first
    std::vector<std::string> presets;    ///< transcode presets whose output this spec describes
};

/// A delivery spec, loaded and validated from presets/specs/<name>.yaml (schema
/// "slate.delivery-spec", version 1; docs/validate.md documents the language). A spec that
/// extends another holds the merged rule list.
struct Spec {
    SpecInfo info;
    std::vector<Parameter> parameters;
    std::vector<Rule> rules;

    const Rule* find_rule(std::string_view id) const;
    const Parameter* find_parameter(std::string_view name) const;
};

/// Parses spec text; `source` names it in errors ("x.yaml:12: key 'rules[3].check.op': unknown
/// operator '=~' (==, !=, ...)"). `extends` names are looked up among the built-in specs, paths
/// relative to `source`'s folder. Unknown keys, fields, operators and wrong types are errors.
Result<Spec> parse_spec(const std::string& text, const std::string& source);
/// A built-in spec by name, a .yaml spec path, or a MediaConch policy .xml path.
Result<Spec> load_spec(const std::string& name_or_path);
/// Folder of the built-in specs: the specs/ sub-folder of the presets folder.
std::string specs_dir();
/// Names of the built-in specs, sorted.
std::vector<std::string> builtin_spec_names();

/// Problems `slate validate --lint` reports beyond load errors (a spec that loads has no
/// errors): missing source metadata (version, issuer, document and date, description), rules
/// without a reference, parameters no rule uses or without a description, presets that do not
/// exist. Each line names the file (and line for a rule).
std::vector<std::string> lint_spec(const Spec& spec);

/// The spec as readable text: metadata, parameters and one paragraph per rule (`--explain`).
std::string explain_spec(const Spec& spec);

/// The condition as one line: "video.height in [1080, 2160]", "any of (...)".
std::string describe(const Condition& condition);

/// Imports the subset of a MediaConch policy (XML) that maps onto probe fields: nested
/// <policy type="and|or"> groups and <rule value="Width" tracktype="Video" operator="=">1920
/// </rule>. Unsupported fields or operators are errors naming the line.
Result<Spec> import_mediaconch_policy(const std::string& xml, const std::string& source);

}  // namespace media::spec
