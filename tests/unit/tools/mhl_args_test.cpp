// SPDX-License-Identifier: Apache-2.0
#include "mhl/mhl_args.h"

#include <gtest/gtest.h>

namespace slate {
namespace {

MhlSettings settings_of(const std::vector<std::string>& args) {
    auto parsed = parse_mhl_args(args);
    EXPECT_TRUE(std::holds_alternative<MhlSettings>(parsed));
    return std::holds_alternative<MhlSettings>(parsed) ? std::get<MhlSettings>(parsed)
                                                       : MhlSettings{};
}

ParseExit exit_of(const std::vector<std::string>& args) {
    auto parsed = parse_mhl_args(args);
    EXPECT_TRUE(std::holds_alternative<ParseExit>(parsed));
    return std::holds_alternative<ParseExit>(parsed) ? std::get<ParseExit>(parsed) : ParseExit{};
}

TEST(MhlArgs, CreateDefaultsToTransferWithMd5) {
    MhlSettings s = settings_of({"mhl", "create", "/media/DAY01"});
    EXPECT_EQ(s.action, MhlSettings::Action::Create);
    EXPECT_EQ(s.root, "/media/DAY01");
    EXPECT_EQ(s.process, "transfer");
    EXPECT_TRUE(s.md5);
    EXPECT_FALSE(s.json);
}

TEST(MhlArgs, CreateOptions) {
    MhlSettings s = settings_of({"mhl", "create", "--process", "in-place", "DAY01", "--json",
                                 "--no-md5", "--comment", "shuttle drive 2"});
    EXPECT_EQ(s.process, "in-place");
    EXPECT_EQ(s.root, "DAY01");
    EXPECT_TRUE(s.json);
    EXPECT_FALSE(s.md5);
    EXPECT_EQ(s.comment, "shuttle drive 2");
}

TEST(MhlArgs, Verify) {
    MhlSettings s = settings_of({"mhl", "verify", "--json", "DAY01"});
    EXPECT_EQ(s.action, MhlSettings::Action::Verify);
    EXPECT_EQ(s.root, "DAY01");
    EXPECT_TRUE(s.json);
}

TEST(MhlArgs, UsageErrorsExitThree) {
    EXPECT_EQ(exit_of({"mhl"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"mhl", "verify"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"mhl", "check", "DAY01"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"mhl", "create", "DAY01", "--process", "copy"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"mhl", "verify", "DAY01", "--process", "transfer"}).code, kExitUsage);
    EXPECT_EQ(exit_of({"mhl", "verify", "a", "b"}).code, kExitUsage);
}

TEST(MhlArgs, HelpExitsZeroAndDocumentsExitCodes) {
    ParseExit help = exit_of({"mhl", "--help"});
    EXPECT_EQ(help.code, kExitOk);
    EXPECT_NE(help.text.find("Exit codes"), std::string::npos);
    EXPECT_NE(help.text.find("ascmhl_chain.xml"), std::string::npos);
}

}  // namespace
}  // namespace slate
