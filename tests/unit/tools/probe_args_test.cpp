// SPDX-License-Identifier: Apache-2.0
#include "probe/probe_args.h"

#include <gtest/gtest.h>

namespace slate {
namespace {

ProbeSettings settings_of(const std::vector<std::string>& args) {
    auto parsed = parse_probe_args(args);
    EXPECT_TRUE(std::holds_alternative<ProbeSettings>(parsed));
    return std::holds_alternative<ProbeSettings>(parsed) ? std::get<ProbeSettings>(parsed)
                                                         : ProbeSettings{};
}

ParseExit exit_of(const std::vector<std::string>& args) {
    auto parsed = parse_probe_args(args);
    EXPECT_TRUE(std::holds_alternative<ParseExit>(parsed));
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed) : ParseExit{};
}

TEST(ProbeArgs, OneInputDefaultsToText) {
    ProbeSettings s = settings_of({"probe", "a.mov"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"a.mov"}));
    EXPECT_FALSE(s.json);
    EXPECT_FALSE(s.count_frames);
}

TEST(ProbeArgs, SeveralInputsAndFlagsInAnyOrder) {
    ProbeSettings s = settings_of(
        {"probe", "--json", "a.mov", "shot.%06d.exr", "--count-frames", "concat:x.mov"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"a.mov", "shot.%06d.exr", "concat:x.mov"}));
    EXPECT_TRUE(s.json);
    EXPECT_TRUE(s.count_frames);
}

TEST(ProbeArgs, DoubleDashAllowsDashedNames) {
    ProbeSettings s = settings_of({"probe", "--", "-odd.mov"});
    EXPECT_EQ(s.inputs, (std::vector<std::string>{"-odd.mov"}));
}

TEST(ProbeArgs, NoInputIsAUsageError) {
    ParseExit e = exit_of({"probe"});
    EXPECT_EQ(e.code, kExitUsage);
    EXPECT_NE(e.text.find("inputs"), std::string::npos);
}

TEST(ProbeArgs, UnknownOptionIsAUsageError) {
    EXPECT_EQ(exit_of({"probe", "--jsn", "a.mov"}).code, kExitUsage);
}

TEST(ProbeArgs, HelpExitsZeroAndDocumentsExitCodes) {
    ParseExit e = exit_of({"probe", "--help"});
    EXPECT_EQ(e.code, kExitOk);
    EXPECT_NE(e.text.find("--count-frames"), std::string::npos);
    EXPECT_NE(e.text.find("Exit codes"), std::string::npos);
}

}  // namespace
}  // namespace slate
