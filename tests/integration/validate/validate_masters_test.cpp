// SPDX-License-Identifier: Apache-2.0
// The shipped specs against the sample masters: the good masters pass every rule, and each
// deliberately wrong one fails exactly the rule it was made to break (wrong frame rate, channel
// order, 5.1 alone, loud mix, long head black, missing HDR metadata). Then `slate validate`
// itself: exit codes, --strict, reports, --lint and --explain.
#include <gtest/gtest.h>

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "../test_support.h"
#include "media/spec/validate.h"
#include "scratch_dir.h"
#include "slate_samples/samples.h"

namespace media::spec {
namespace {

using test::ScratchDir;

class Masters : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir();
        auto report = samples::generate_samples({s_dir->path(), samples::SampleSet::Masters, {}});
        ASSERT_TRUE(report) << report.error().to_string();
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    static std::string file(const std::string& name) { return s_dir->file(name); }

    static qc::FileReport validate(const std::string& name, const std::string& spec_name,
                                   std::map<std::string, std::string> params = {}) {
        auto spec = load_spec(spec_name);
        EXPECT_TRUE(spec) << spec.error().to_string();
        ValidateRequest request;
        request.inputs = {file(name)};
        request.spec = *spec;
        request.params = std::move(params);
        request.threads = 2;
        auto report = run_validate(request);
        EXPECT_TRUE(report) << report.error().to_string();
        return report->files.at(0);
    }

    /// Ids of the rules with this verdict.
    static std::set<std::string> rules(const qc::FileReport& file, qc::Verdict verdict) {
        std::set<std::string> ids;
        for (const qc::CheckResult& rule : file.checks)
            if (rule.verdict == verdict) ids.insert(rule.id);
        return ids;
    }

    static ScratchDir* s_dir;
};
ScratchDir* Masters::s_dir = nullptr;

using Ids = std::set<std::string>;

TEST_F(Masters, GoodMastersPassEveryRule) {
    const auto hd = validate("m001_master_hd.mov", "streaming-originals-prores-master");
    EXPECT_EQ(hd.verdict, qc::FileVerdict::Pass);
    EXPECT_EQ(rules(hd, qc::Verdict::Fail), Ids{});
    EXPECT_EQ(rules(hd, qc::Verdict::NotChecked), Ids{});
    EXPECT_GT(hd.analysis.stream.frames_decoded, 0);  // loudness, black, PSE are measured

    const auto hdr = validate("m002_master_uhd_hdr.mov", "streaming-uhd-hdr-pq");
    EXPECT_EQ(hdr.verdict, qc::FileVerdict::Pass);
    EXPECT_EQ(rules(hdr, qc::Verdict::Fail), Ids{});
    EXPECT_EQ(rules(hdr, qc::Verdict::NotChecked), Ids{});

    const auto broadcast = validate("m009_broadcast_1080i25.mxf", "broadcast-hd-ebu");
    EXPECT_EQ(broadcast.verdict, qc::FileVerdict::Pass);
    EXPECT_EQ(rules(broadcast, qc::Verdict::Fail), Ids{});
    EXPECT_EQ(rules(broadcast, qc::Verdict::NotApplicable), Ids{});  // interlaced: field order
}

TEST_F(Masters, EachWrongMasterFailsExactlyItsRule) {
    const std::string spec = "streaming-originals-prores-master";
    struct Case {
        const char* file;
        Ids failed;
        qc::FileVerdict verdict;
    };
    const Case cases[] = {
        {"m003_master_hd_50p.mov", {"frame_rate"}, qc::FileVerdict::Fail},
        {"m004_master_hd_71.mov", {"channel_config"}, qc::FileVerdict::Fail},
        {"m005_master_hd_51.mov", {"channel_config"}, qc::FileVerdict::Fail},
        {"m006_master_hd_loud.mov", {"loudness"}, qc::FileVerdict::Fail},
        // Head black is an Issue, below the spec's fail_on (Blocker): the file warns.
        {"m007_master_hd_head_black.mov", {"head_black"}, qc::FileVerdict::Warn},
    };
    for (const Case& c : cases) {
        const auto report = validate(c.file, spec);
        EXPECT_EQ(rules(report, qc::Verdict::Fail), c.failed) << c.file;
        EXPECT_EQ(rules(report, qc::Verdict::NotChecked), Ids{}) << c.file;
        EXPECT_EQ(report.verdict, c.verdict) << c.file;
    }
    const auto black = validate("m007_master_hd_head_black.mov", spec);
    for (const qc::CheckResult& rule : black.checks) {
        if (rule.id == "head_black") {
            EXPECT_NEAR(rule.measured.value_or(0), 1.5, 0.01);
        }
    }
    // The HFR parameter allows 50 fps.
    const auto hfr = validate("m003_master_hd_50p.mov", spec, {{"hfr", "true"}});
    EXPECT_EQ(hfr.verdict, qc::FileVerdict::Pass);

    const auto nometa = validate("m008_master_uhd_hdr_nometa.mov", "streaming-uhd-hdr-pq");
    EXPECT_EQ(rules(nometa, qc::Verdict::Fail), (Ids{"light_levels_present", "mastering_display"}));
    EXPECT_EQ(rules(nometa, qc::Verdict::NotApplicable),
              (Ids{"mastering_primaries", "max_cll_consistent", "max_fall_consistent"}));
    EXPECT_EQ(nometa.verdict, qc::FileVerdict::Fail);
}

TEST_F(Masters, MetadataOnlySpecNeverDecodes) {
    auto spec = parse_spec(
        "schema: slate.delivery-spec\nversion: 1\nname: meta\nrules:\n  - id: codec\n    title: "
        "ProRes\n    check: {field: video.codec, op: ==, value: prores}\n",
        "meta.yaml");
    ASSERT_TRUE(spec) << spec.error().to_string();
    ValidateRequest request;
    request.inputs = {file("m001_master_hd.mov")};
    request.spec = *spec;
    auto report = run_validate(request);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->files[0].verdict, qc::FileVerdict::Pass);
    EXPECT_EQ(report->files[0].analysis.stream.frames_decoded, 0);
}

TEST_F(Masters, BadInputAndParameters) {
    auto spec = load_spec("streaming-originals-prores-master");
    ASSERT_TRUE(spec);
    ValidateRequest request;
    request.inputs = {file("missing.mov")};
    request.spec = *spec;
    auto report = run_validate(request);
    ASSERT_TRUE(report);
    EXPECT_EQ(report->files[0].verdict, qc::FileVerdict::Error);
    EXPECT_EQ(report->exit_code(), 2);
    request.params = {{"hrf", "true"}};
    auto typo = run_validate(request);
    ASSERT_FALSE(typo);
    EXPECT_NE(typo.error().message().find("no such parameter"), std::string::npos);
    request.params = {{"hfr", "maybe"}};
    EXPECT_FALSE(run_validate(request));

    // A spec whose parameters take the source's values needs --source (or the values).
    auto deliverable = load_spec("dailies-deliverable");
    ASSERT_TRUE(deliverable);
    ValidateRequest proxy;
    proxy.inputs = {file("m001_master_hd.mov")};
    proxy.spec = *deliverable;
    auto no_source = run_validate(proxy);
    ASSERT_FALSE(no_source);
    EXPECT_NE(no_source.error().message().find("give --source FILE"), std::string::npos);
    proxy.params = {{"fps", "24000/1001"}, {"timecode", "01:00:00:00"}};
    auto given = run_validate(proxy);
    ASSERT_TRUE(given) << given.error().to_string();
    EXPECT_EQ(given->files[0].verdict, qc::FileVerdict::Pass);
}

TEST_F(Masters, CommandLine) {
    const std::string slate = test::quote(SLATE_BINARY);
    const ScratchDir out;
    const auto run = [&](const std::string& args) {
        return test::run_command(fmt::format("{} validate {}", slate, args), out);
    };
    const std::string good = test::quote(file("m001_master_hd.mov"));
    const std::string loud = test::quote(file("m006_master_hd_loud.mov"));
    const std::string black = test::quote(file("m007_master_hd_head_black.mov"));
    const std::string spec = "--spec streaming-originals-prores-master";
    EXPECT_EQ(run(good + " " + spec).exit_code, 0);
    EXPECT_EQ(run(black + " " + spec).exit_code, 0);  // warnings alone pass
    EXPECT_EQ(run(black + " " + spec + " --strict").exit_code, 1);
    EXPECT_EQ(run(good + " --spec no-such-spec").exit_code, 2);
    EXPECT_EQ(run(test::quote(file("missing.mov")) + " " + spec).exit_code, 2);
    EXPECT_EQ(run(good).exit_code, 3);  // no --spec

    const auto failed =
        run(good + " " + loud + " " + spec + " --json " + test::quote(out.file("r.json")) +
            " --junit " + test::quote(out.file("r.xml")) + " --html " +
            test::quote(out.file("r.html")));
    EXPECT_EQ(failed.exit_code, 1) << failed.out << failed.err;
    EXPECT_NE(failed.out.find("loudness"), std::string::npos) << failed.out;
    const auto json = nlohmann::json::parse(test::read_file(out.file("r.json")));
    EXPECT_EQ(json["schema"], "slate.validate-report");
    EXPECT_EQ(json["spec"]["name"], "streaming-originals-prores-master");
    pugi::xml_document junit;
    ASSERT_TRUE(junit.load_file(out.file("r.xml").c_str()));
    const auto failure = junit.select_node("//testcase[@name='loudness']/failure");
    EXPECT_TRUE(failure) << test::read_file(out.file("r.xml"));
    EXPECT_EQ(junit.select_nodes("//testcase/failure").size(), 1u);
    EXPECT_NE(test::read_file(out.file("r.html")).find("streaming-originals-prores-master"),
              std::string::npos);

    // --lint: a built-in is clean; a broken spec names file:line.
    EXPECT_EQ(run("--lint streaming-uhd-hdr-pq").exit_code, 0);
    std::ofstream(out.file("bad.yaml"))
        << "schema: slate.delivery-spec\nversion: 1\nname: bad\nrules:\n  - id: a\n    title: A\n"
           "    check: {field: video.hieght, op: ==, value: 1}\n";
    const auto lint = run("--lint " + test::quote(out.file("bad.yaml")));
    EXPECT_EQ(lint.exit_code, 2);
    EXPECT_NE(lint.err.find("bad.yaml:7: key 'rules[0].check.field': unknown field"),
              std::string::npos)
        << lint.err;
    const auto explain = run("--explain broadcast-hd-ebu");
    EXPECT_EQ(explain.exit_code, 0);
    EXPECT_NE(explain.out.find("EBU R128"), std::string::npos);
}

}  // namespace
}  // namespace media::spec
