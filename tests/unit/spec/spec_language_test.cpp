// SPDX-License-Identifier: Apache-2.0
// The spec language: loading (every mistake an error with file:line), composition (extends,
// override, drop, cycles) and the comparison rules the evaluator applies.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "condition_eval.h"
#include "media/spec/spec.h"
#include "media/spec/validate.h"
#include "scratch_dir.h"

namespace media::spec {
namespace {

std::string with_rules(const std::string& rules, const std::string& head = "") {
    return "schema: slate.delivery-spec\nversion: 1\nname: t\n" + head + "rules:\n" + rules;
}

const std::string k_one_rule =
    "  - id: height\n    title: Height\n    check: {field: video.height, op: ==, value: 1080}\n";

std::string error_of(const std::string& text) {
    auto spec = parse_spec(text, "t.yaml");
    return spec ? std::string("(loaded)") : spec.error().message();
}

TEST(SpecLanguage, LoadsRulesWithDefaults) {
    auto spec = parse_spec(with_rules(k_one_rule), "t.yaml");
    ASSERT_TRUE(spec) << spec.error().message();
    ASSERT_EQ(spec->rules.size(), 1u);
    const Rule& rule = spec->rules[0];
    EXPECT_EQ(rule.id, "height");
    EXPECT_EQ(rule.severity, qc::Severity::Error);
    EXPECT_EQ(rule.category, "video");
    EXPECT_EQ(rule.check.field, "video.height");
    EXPECT_EQ(rule.check.op, Op::Eq);
    EXPECT_EQ(rule.check.expected.literal.number, 1080.0);
    EXPECT_EQ(rule.line, 4);
}

TEST(SpecLanguage, ErrorsNameFileLineAndKey) {
    EXPECT_EQ(error_of(with_rules(k_one_rule, "isuer: x\n")),
              "t.yaml:4: key 'isuer': unknown key (allowed: schema, version, name, spec_version, "
              "issuer, document, document_date, description, severity_style, fail_on, "
              "qc_profile, presets, extends, drop, parameters, rules)");
    EXPECT_EQ(error_of(with_rules("  - id: a\n    title: A\n    check: {field: video.heigth, op: "
                                  "==, value: 1}\n")),
              "t.yaml:7: key 'rules[0].check.field': unknown field 'video.heigth'; did you mean "
              "'video.height'?");
    EXPECT_EQ(error_of(with_rules("  - id: a\n    title: A\n    check: {field: video.height, op: "
                                  "=~, value: 1}\n")),
              "t.yaml:7: key 'rules[0].check.op': unknown operator '=~' (==, !=, <, <=, >, >=, in, "
              "not_in, matches, exists, between)");
    EXPECT_EQ(error_of(with_rules("  - id: a\n    title: A\n    check: {field: video.height, op: "
                                  "==, value: tall}\n")),
              "t.yaml:7: key 'rules[0].check.value': expected a number, got 'tall'");
    EXPECT_EQ(error_of(with_rules("  - id: a\n    title: A\n    severity: fatal\n    check: "
                                  "{field: video.height, op: ==, value: 1}\n")),
              "t.yaml:7: key 'rules[0].severity': unknown severity 'fatal' (info, warning, error "
              "or FYI, Issue, Blocker)");
}

TEST(SpecLanguage, RejectsWhatWouldTurnARuleOff) {
    const auto rule = [](const std::string& check) {
        return with_rules("  - id: a\n    title: A\n    check: " + check + "\n");
    };
    EXPECT_NE(error_of(rule("{field: file.name, op: matches, value: \"[a-\"}"))
                  .find("bad regular expression"),
              std::string::npos);
    EXPECT_NE(error_of(rule("{field: video.height, op: between, value: [2160, 1080]}"))
                  .find("low 2160 is above high 1080"),
              std::string::npos);
    EXPECT_NE(error_of(rule("{qc: flashes}")).find("unknown QC check 'flashes'"),
              std::string::npos);
    EXPECT_NE(error_of(rule("{field: video.codec, op: <, value: 3}")).find("needs a number field"),
              std::string::npos);
    EXPECT_NE(error_of(rule("{field: video.codec, op: ==, value: prores, tolerance: 1}"))
                  .find("only number and rational fields take a tolerance"),
              std::string::npos);
    EXPECT_NE(error_of(rule("{field: video.height, op: ==, value: {param: h}}"))
                  .find("unknown parameter 'h'"),
              std::string::npos);
    EXPECT_NE(error_of(rule("{field: video.height, op: ==}")).find("missing required key"),
              std::string::npos);
    EXPECT_NE(
        error_of(rule("{field: video.height, op: ==, value: 1, qc: flash}")).find("exactly one of"),
        std::string::npos);
    EXPECT_NE(error_of(rule("{any_of: []}")).find("non-empty list"), std::string::npos);
    EXPECT_NE(error_of(with_rules(k_one_rule + k_one_rule)).find("duplicate rule id 'height'"),
              std::string::npos);
    EXPECT_NE(error_of(with_rules(k_one_rule, "drop: [x]\n")).find("drop removes rules"),
              std::string::npos);
    EXPECT_NE(error_of("schema: slate.qc-profile\nversion: 1\n")
                  .find("expected "
                        "'slate.delivery-spec'"),
              std::string::npos);
    EXPECT_NE(error_of("").find("empty file"), std::string::npos);
    EXPECT_NE(error_of("schema: [").find("malformed YAML"), std::string::npos);
}

TEST(SpecLanguage, ParametersAndReferences) {
    const std::string head =
        "parameters:\n  fps: {type: rational, default: source, field: video.frame_rate, "
        "description: d}\n  hfr: {type: bool, default: false, description: d}\n";
    auto spec = parse_spec(
        with_rules("  - id: a\n    title: A\n    check: {field: video.frame_rate, op: ==, value: "
                   "{param: fps}}\n  - id: b\n    title: B\n    when: {field: param.hfr, op: ==, "
                   "value: true}\n    check: {field: measure.max_cll, op: ==, value: {field: "
                   "video.max_cll}, tolerance: 10%}\n",
                   head),
        "t.yaml");
    ASSERT_TRUE(spec) << spec.error().message();
    ASSERT_EQ(spec->parameters.size(), 2u);
    EXPECT_EQ(spec->parameters[0].source_field, "video.frame_rate");
    EXPECT_EQ(spec->rules[0].check.expected.kind, Operand::Kind::Param);
    EXPECT_EQ(spec->rules[1].check.expected.kind, Operand::Kind::Field);
    ASSERT_TRUE(spec->rules[1].check.tolerance);
    EXPECT_TRUE(spec->rules[1].check.tolerance->relative);
    EXPECT_DOUBLE_EQ(spec->rules[1].check.tolerance->amount, 0.10);
    EXPECT_NE(
        error_of(with_rules(k_one_rule, "parameters:\n  fps: {type: rational, default: source}\n"))
            .find("'source' needs the parameter's field"),
        std::string::npos);
}

class SpecFiles : public ::testing::Test {
protected:
    void write(const std::string& name, const std::string& text) {
        std::ofstream(m_dir.path() / name) << text;
    }
    std::string path(const std::string& name) const { return (m_dir.path() / name).string(); }
    test::ScratchDir m_dir;
};

TEST_F(SpecFiles, ExtendsOverridesAndDrops) {
    write("base.yaml",
          "schema: slate.delivery-spec\nversion: 1\nname: base\nspec_version: '1'\n"
          "parameters:\n  hfr: {type: bool, default: false, description: d}\nrules:\n" +
              k_one_rule +
              "  - id: codec\n    title: Codec\n    check: {field: video.codec, op: ==, value: "
              "prores}\n  - id: rate\n    title: Rate\n    check: {field: param.hfr, op: ==, "
              "value: false}\n");
    write(
        "child.yaml",
        "schema: slate.delivery-spec\nversion: 1\nname: child\nextends: base.yaml\n"
        "drop: [codec]\nparameters:\n  hfr: {default: true}\nrules:\n"
        "  - id: height\n    title: UHD\n    check: {field: video.height, op: ==, value: 2160}\n"
        "  - id: extra\n    title: Extra\n    check: {field: video.width, op: ==, value: 3840}\n");
    auto spec = load_spec(path("child.yaml"));
    ASSERT_TRUE(spec) << spec.error().message();
    ASSERT_EQ(spec->rules.size(), 3u);
    EXPECT_EQ(spec->rules[0].id, "height");  // overridden in place
    EXPECT_EQ(spec->rules[0].title, "UHD");
    EXPECT_EQ(spec->rules[1].id, "rate");
    EXPECT_EQ(spec->rules[2].id, "extra");
    EXPECT_EQ(spec->info.extends, std::vector<std::string>{"base"});
    EXPECT_EQ(spec->info.version, "1");  // inherited
    ASSERT_EQ(spec->parameters.size(), 1u);
    EXPECT_TRUE(spec->parameters[0].default_value.boolean);
    EXPECT_EQ(spec->parameters[0].type, Value::Kind::Bool);

    write("retyped.yaml",
          "schema: slate.delivery-spec\nversion: 1\nname: c\nextends: base.yaml\n"
          "parameters:\n  hfr: {type: number, default: 1}\n");
    auto retyped = load_spec(path("retyped.yaml"));
    ASSERT_FALSE(retyped);
    EXPECT_NE(retyped.error().message().find("parameter 'hfr' is bool in the base spec"),
              std::string::npos)
        << retyped.error().message();

    write("bad_drop.yaml",
          "schema: slate.delivery-spec\nversion: 1\nname: c\nextends: base.yaml\ndrop: [codex]\n");
    auto bad = load_spec(path("bad_drop.yaml"));
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message().find("bad_drop.yaml:5: key 'drop': the base spec has no rule "
                                         "'codex'"),
              std::string::npos)
        << bad.error().message();
}

TEST_F(SpecFiles, CyclicExtendsIsAnError) {
    const std::string body = "rules:\n" + k_one_rule;
    write("a.yaml", "schema: slate.delivery-spec\nversion: 1\nname: a\nextends: b.yaml\n" + body);
    write("b.yaml", "schema: slate.delivery-spec\nversion: 1\nname: b\nextends: a.yaml\n" + body);
    auto spec = load_spec(path("a.yaml"));
    ASSERT_FALSE(spec);
    EXPECT_NE(spec.error().message().find("cyclic extends"), std::string::npos)
        << spec.error().message();
    EXPECT_NE(spec.error().message().find("a.yaml:4: key 'extends'"), std::string::npos)
        << spec.error().message();
}

TEST(SpecCompare, RatesNumbersTextAndLists) {
    using detail::compare;
    const Value ntsc = Value::of(Rational(24000, 1001));
    EXPECT_TRUE(compare(ntsc, Op::Eq, Value::of(23.976, 3), {}));
    EXPECT_TRUE(compare(ntsc, Op::Eq, Value::of(23.98, 2), {}));
    EXPECT_FALSE(compare(ntsc, Op::Eq, Value::of(24.0, 0), {}));
    EXPECT_TRUE(compare(ntsc, Op::Eq, Value::of(Rational(24000, 1001)), {}));
    EXPECT_FALSE(compare(Value::of(Rational(24, 1)), Op::Eq, Value::of(Rational(24000, 1001)), {}));
    EXPECT_TRUE(compare(
        ntsc, Op::In, Value::of(std::vector<Value>{Value::of(25.0, 0), Value::of(23.976, 3)}), {}));
    EXPECT_TRUE(compare(Value::of(std::string("HQ")), Op::Eq, Value::of(std::string("hq")), {}));
    EXPECT_TRUE(compare(Value::of(std::string("a_b.mov")), Op::Matches,
                        Value::of(std::string("^[a-z_.]+$")), {}));
    EXPECT_FALSE(compare(Value::of(std::string("a b.mov")), Op::Matches,
                         Value::of(std::string("^[a-z_.]+$")), {}));
    const Value order =
        Value::of(std::vector<Value>{Value::of(std::string("FL")), Value::of(std::string("SL"))});
    const Value either = Value::of(std::vector<Value>{
        Value::of(std::string("FL")),
        Value::of(std::vector<Value>{Value::of(std::string("BL")), Value::of(std::string("SL"))})});
    EXPECT_TRUE(compare(order, Op::Eq, either, {}));
    EXPECT_FALSE(
        compare(order, Op::Eq, Value::of(std::vector<Value>{Value::of(std::string("FL"))}), {}));
    // Absent values fail every operator but exists.
    EXPECT_FALSE(compare(Value::none(), Op::Ne, Value::of(1.0), {}));
    EXPECT_FALSE(compare(Value::none(), Op::NotIn, Value::of(std::vector<Value>{}), {}));
    EXPECT_TRUE(compare(Value::none(), Op::Exists, Value::of(false), {}));
    EXPECT_FALSE(compare(Value::none(), Op::Exists, Value::of(true), {}));
}

TEST(SpecCompare, Tolerances) {
    using detail::compare;
    const Value range = Value::of(std::vector<Value>{Value::of(-26.0, 0), Value::of(-22.0, 0)});
    EXPECT_TRUE(compare(Value::of(-22.0), Op::Between, range, {}));
    EXPECT_FALSE(compare(Value::of(-21.9), Op::Between, range, {}));
    EXPECT_TRUE(compare(Value::of(-21.9), Op::Between, range, Tolerance{0.5, false}));
    EXPECT_TRUE(compare(Value::of(1080.0), Op::Eq, Value::of(int64_t{1000}), Tolerance{0.1, true}));
    EXPECT_FALSE(
        compare(Value::of(1101.0), Op::Eq, Value::of(int64_t{1000}), Tolerance{0.1, true}));
}

TEST(SpecPlan, MetadataOnlySpecsNeverDecode) {
    auto probe_only = parse_spec(with_rules(k_one_rule), "t.yaml");
    ASSERT_TRUE(probe_only);
    EXPECT_FALSE(plan_measurements(*probe_only).decode);
    auto measured = parse_spec(
        with_rules(k_one_rule +
                   "  - id: l\n    title: L\n    check: {field: measure.true_peak, op: <=, value: "
                   "-1}\n  - id: f\n    title: F\n    check: {qc: flash}\n"),
        "t.yaml");
    ASSERT_TRUE(measured) << measured.error().message();
    const MeasurementPlan plan = plan_measurements(*measured);
    EXPECT_TRUE(plan.decode);
    EXPECT_EQ(plan.qc_checks, (std::vector<std::string>{"flash", "true_peak"}));
}

}  // namespace
}  // namespace media::spec
