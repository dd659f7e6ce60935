// SPDX-License-Identifier: Apache-2.0
// `slate samples` argument parsing (a pure function) and the exit codes of the command.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "samples/samples_args.h"

namespace {

using media::samples::SampleSet;
using slate::ParseExit;
using slate::SamplesSettings;

slate::ParseResult<SamplesSettings> parse(std::vector<std::string> args) {
    args.insert(args.begin(), "samples");
    return slate::parse_samples_args(args);
}

TEST(SamplesArgs, OutdirAloneMeansTheDailies) {
    auto r = parse({"/tmp/out"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    const auto& s = std::get<SamplesSettings>(r);
    EXPECT_EQ(s.output_dir, "/tmp/out");
    EXPECT_EQ(s.set, SampleSet::Dailies);
    EXPECT_TRUE(s.only.empty());
    EXPECT_FALSE(s.list);
}

TEST(SamplesArgs, SetAndOnly) {
    auto r = parse({"out", "--set", "defects", "--only", "x001_c001_defects"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    EXPECT_EQ(std::get<SamplesSettings>(r).set, SampleSet::Defects);
    EXPECT_EQ(std::get<SamplesSettings>(r).only, "x001_c001_defects");
}

TEST(SamplesArgs, MastersSet) {
    auto r = parse({"out", "--set", "masters"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    EXPECT_EQ(std::get<SamplesSettings>(r).set, SampleSet::Masters);
    r = parse({"out", "--only", "m009_broadcast_1080i25"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    EXPECT_EQ(std::get<SamplesSettings>(r).set, SampleSet::All);
}

TEST(SamplesArgs, OnlyWithoutSetSearchesEverySet) {
    auto r = parse({"out", "--only", "x001_c001_defects"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    EXPECT_EQ(std::get<SamplesSettings>(r).set, SampleSet::All);
}

TEST(SamplesArgs, ListWithoutSetShowsEverySet) {
    auto r = parse({"--list"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    EXPECT_EQ(std::get<SamplesSettings>(r).set, SampleSet::All);
    r = parse({"--list", "--set", "defects"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    EXPECT_EQ(std::get<SamplesSettings>(r).set, SampleSet::Defects);
}

TEST(SamplesArgs, ListNeedsNoOutdir) {
    auto r = parse({"--list", "--set", "all"});
    ASSERT_TRUE(std::holds_alternative<SamplesSettings>(r));
    EXPECT_TRUE(std::get<SamplesSettings>(r).list);
    EXPECT_EQ(std::get<SamplesSettings>(r).set, SampleSet::All);
}

TEST(SamplesArgs, UsageErrors) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {},                                                          // no OUTDIR
             {"out", "--set", "weeklies"},                                // unknown set
             {"out", "--set", "dailies", "--only", "x001_c001_defects"},  // not in that set
             {"out", "--only", "nope"},                                   // unknown clip
             {"out", "--frobnicate"},                                     // unknown option
             {"out", "other"}}) {                                         // two folders
        auto r = parse(args);
        ASSERT_TRUE(std::holds_alternative<ParseExit>(r)) << ::testing::PrintToString(args);
        EXPECT_EQ(std::get<ParseExit>(r).code, slate::kExitUsage) << ::testing::PrintToString(args);
        EXPECT_FALSE(std::get<ParseExit>(r).text.empty());
    }
}

TEST(SamplesArgs, HelpExitsZero) {
    auto r = parse({"--help"});
    ASSERT_TRUE(std::holds_alternative<ParseExit>(r));
    EXPECT_EQ(std::get<ParseExit>(r).code, slate::kExitOk);
    EXPECT_NE(std::get<ParseExit>(r).text.find("--only"), std::string::npos);
}

int run_slate(const std::string& args) {
    const std::string command = std::string(SLATE_BINARY) + " " + args + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(SamplesCommand, ExitCodes) {
    EXPECT_EQ(run_slate("samples --list"), slate::kExitOk);
    EXPECT_EQ(run_slate("samples"), slate::kExitUsage);
    EXPECT_EQ(run_slate("samples out --set bogus"), slate::kExitUsage);
    // The output folder cannot be created under a regular file: a runtime error, not usage.
    EXPECT_EQ(run_slate(std::string("samples ") + SLATE_BINARY + "/sub --only b001_c001_h264"),
              slate::kExitInputError);
}

}  // namespace
