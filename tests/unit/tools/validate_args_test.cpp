// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "validate/validate_args.h"

namespace slate {
namespace {

using Mode = ValidateSettings::Mode;
using Strings = std::vector<std::string>;

ValidateSettings settings_of(const Strings& args) {
    auto parsed = parse_validate_args(args);
    EXPECT_TRUE(std::holds_alternative<ValidateSettings>(parsed))
        << (std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed).text : "");
    return std::holds_alternative<ValidateSettings>(parsed) ? std::get<ValidateSettings>(parsed)
                                                            : ValidateSettings{};
}

ParseExit exit_of(const Strings& args) {
    auto parsed = parse_validate_args(args);
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed)
                                                     : ParseExit{-1, {}};
}

TEST(ValidateArgs, EverythingAUserCanSay) {
    const ValidateSettings s =
        settings_of({"validate", "a.mov",          "b.%06d.dpx", "--spec",       "netflix-prores",
                     "--param",  "fps=24000/1001", "--param",    "channels=2,6", "--source",
                     "src.mov",  "--json",         "r.json",     "--junit",      "r.xml",
                     "--html",   "r.html",         "--strict",   "-j",           "3",
                     "-v"});
    EXPECT_EQ(s.mode, Mode::Validate);
    EXPECT_EQ(s.inputs, (Strings{"a.mov", "b.%06d.dpx"}));
    EXPECT_EQ(s.spec, "netflix-prores");
    EXPECT_EQ(s.params,
              (std::map<std::string, std::string>{{"fps", "24000/1001"}, {"channels", "2,6"}}));
    EXPECT_EQ(s.source, "src.mov");
    EXPECT_EQ(s.json, "r.json");
    EXPECT_EQ(s.junit, "r.xml");
    EXPECT_EQ(s.html, "r.html");
    EXPECT_TRUE(s.strict);
    EXPECT_EQ(s.threads, 3);
    EXPECT_TRUE(s.verbose);
    EXPECT_FALSE(s.quiet);
}

TEST(ValidateArgs, DefaultsAreLenientAndUseEveryCore) {
    const ValidateSettings s = settings_of({"validate", "a.mov", "-s", "x.yaml"});
    EXPECT_EQ(s.spec, "x.yaml");
    EXPECT_FALSE(s.strict);
    EXPECT_EQ(s.threads, 0);
    EXPECT_TRUE(s.params.empty());
    EXPECT_TRUE(s.json.empty());
}

TEST(ValidateArgs, AParamTakesOneValueSoFilesAfterItStayInputs) {
    const ValidateSettings s =
        settings_of({"validate", "--spec", "x", "--param", "fps=source", "a.mov", "b.mov"});
    EXPECT_EQ(s.inputs, (Strings{"a.mov", "b.mov"}));
    EXPECT_EQ(s.params.at("fps"), "source");
}

TEST(ValidateArgs, ParamValuesKeepEqualsSignsAndMayBeEmpty) {
    const ValidateSettings s = settings_of(
        {"validate", "a.mov", "--spec", "x", "--param", "title=a=b", "--param", "note="});
    EXPECT_EQ(s.params.at("title"), "a=b");
    EXPECT_EQ(s.params.at("note"), "");
}

TEST(ValidateArgs, MalformedOrRepeatedParamsAreUsageErrors) {
    const ParseExit missing = exit_of({"validate", "a.mov", "--spec", "x", "--param", "fps"});
    EXPECT_EQ(missing.code, kExitUsage);
    EXPECT_NE(missing.text.find("NAME=VALUE"), std::string::npos) << missing.text;
    EXPECT_EQ(exit_of({"validate", "a.mov", "--spec", "x", "--param", "=24"}).code, kExitUsage);
    EXPECT_EQ(
        exit_of({"validate", "a.mov", "--spec", "x", "--param", "a=1", "--param", "a=2"}).code,
        kExitUsage);
}

TEST(ValidateArgs, ExplainTakesOneSpec) {
    const ValidateSettings s = settings_of({"validate", "--explain", "netflix-prores"});
    EXPECT_EQ(s.mode, Mode::Explain);
    EXPECT_EQ(s.spec, "netflix-prores");
    EXPECT_EQ(exit_of({"validate", "--explain", "x", "a.mov"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "--explain"}).code, kExitUsage);
}

TEST(ValidateArgs, LintTakesEverySpecGiven) {
    const ValidateSettings s = settings_of({"validate", "--lint", "a.yaml", "b.yaml"});
    EXPECT_EQ(s.mode, Mode::Lint);
    EXPECT_EQ(s.lint_specs, (Strings{"a.yaml", "b.yaml"}));
    EXPECT_TRUE(s.inputs.empty());
    EXPECT_EQ(settings_of({"validate", "--lint", "--spec", "c"}).lint_specs, (Strings{"c"}));
    EXPECT_EQ(exit_of({"validate", "--lint"}).code, kExitUsage);
}

TEST(ValidateArgs, ListNeedsNothingElse) {
    EXPECT_EQ(settings_of({"validate", "--list"}).mode, Mode::List);
    EXPECT_EQ(exit_of({"validate", "--list", "a.mov"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "--list", "--lint", "a"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "--list", "--explain", "a"}).code, kExitUsage);
}

TEST(ValidateArgs, UsageErrorsExitThree) {
    EXPECT_EQ(exit_of({"validate"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "a.mov"}).code, kExitUsage);        // no --spec
    EXPECT_EQ(exit_of({"validate", "--spec", "x"}).code, kExitUsage);  // no input
    EXPECT_EQ(exit_of({"validate", "a.mov", "--spec", "x", "--html", "-"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "a.mov", "--spec", "x", "--junit", "-"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "a.mov", "--spec", "x", "--json", "-", "-q"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "a.mov", "--spec", "x", "-j", "-1"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"validate", "a.mov", "--spec", "x", "--no-such-option"}).code, kExitUsage);
}

TEST(ValidateArgs, JsonToStdout) {
    EXPECT_EQ(settings_of({"validate", "a.mov", "--spec", "x", "--json", "-"}).json, "-");
}

TEST(ValidateArgs, HelpExitsZeroAndNamesTheExitCodes) {
    const ParseExit help = exit_of({"validate", "--help"});
    EXPECT_EQ(help.code, kExitOk);
    EXPECT_NE(help.text.find("Exit codes"), std::string::npos);
    EXPECT_NE(help.text.find("--param"), std::string::npos);
}

}  // namespace
}  // namespace slate
