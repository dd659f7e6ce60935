// SPDX-License-Identifier: Apache-2.0
// Emitters for other farm engines, checked against golden files (tests/data/farm/) and by parsing
// what they write. Regenerate the goldens after an intended change with
//   SLATE_UPDATE_GOLDEN=1 ./farm_emitters_tests
// and review the diff.
#include "media/batch/farm_emitters.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <pugixml.hpp>

#include "scratch_dir.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

const std::string k_golden_dir = std::string(SLATE_SOURCE_DIR) + "/tests/data/farm";
// A space, double quotes, ": " and '#' in the path every task command carries.
const std::string k_plan_path = "/farm/jobs/A001 \"night\": v2 #1/plan.json";

PlanTask task(std::string id, std::vector<std::string> argv) {
    PlanTask out;
    out.id = std::move(id);
    out.argv = std::move(argv);
    return out;
}

// encode (two chunks on a GPU) -> join -> qc.
JobPlan fixed_plan() {
    JobPlan plan;
    plan.name = "A001.encode";
    plan.kind = "encode";
    plan.work_dir = "/farm/jobs/A001";
    PlanStep encode;
    encode.id = "encode";
    encode.title = "Encode chunks: \"ProRes\" 422 HQ";
    encode.resources = {4, 8192, 1, 30};
    encode.retry.max_attempts = 3;
    encode.max_parallel = 2;
    encode.tasks = {task("chunk_0000", {"slate", "transcode", "/media/A001 \"C002\".mov"}),
                    task("chunk_0001", {"slate", "transcode", "/media/A001 \"C002\".mov"})};
    PlanStep join;
    join.id = "join";
    join.title = "Join";
    join.depends_on = {"encode"};
    join.tasks = {task("join", {"slate", "join"})};
    PlanStep qc;
    qc.id = "qc";
    qc.depends_on = {"join"};
    qc.resources.cores = 2;
    qc.tasks = {task("qc", {"slate", "qc"})};
    plan.steps = {encode, join, qc};
    return plan;
}

EmitOptions fixed_options() {
    EmitOptions options;
    options.plan_path = k_plan_path;
    options.slate = "/opt/slate/bin/slate";
    return options;
}

std::string deadline_text(const std::vector<DeadlineJob>& jobs) {
    std::string text;
    for (const auto& job : jobs) {
        text += "## " + job.step + " job info\n" + job.job_info;
        text += "## " + job.step + " plugin info\n" + job.plugin_info;
    }
    return text;
}

// Compares with the golden file byte for byte, or rewrites it under SLATE_UPDATE_GOLDEN=1.
void expect_golden(const std::string& name, const std::string& text) {
    const std::string path = k_golden_dir + "/" + name;
    const char* update = std::getenv("SLATE_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        fs::create_directories(k_golden_dir);
        std::ofstream(path, std::ios::binary) << text;
        return;
    }
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(in) << path << " is missing; run with SLATE_UPDATE_GOLDEN=1 to write it";
    std::stringstream golden;
    golden << in.rdbuf();
    EXPECT_EQ(text, golden.str())
        << "differs from " << path
        << " (SLATE_UPDATE_GOLDEN=1 rewrites it after an intended change)";
}

TEST(FarmEmitters, OpenJdMatchesGolden) {
    ASSERT_TRUE(validate_plan(fixed_plan(), false));
    expect_golden("openjd.yaml.golden", emit_openjd(fixed_plan(), fixed_options()));
}

TEST(FarmEmitters, OpenCueMatchesGolden) {
    expect_golden("opencue.xml.golden", emit_opencue(fixed_plan(), fixed_options()));
}

TEST(FarmEmitters, DeadlineMatchesGolden) {
    expect_golden("deadline.golden", deadline_text(emit_deadline(fixed_plan(), fixed_options())));
}

std::vector<std::string> strings_of(const YAML::Node& list) {
    std::vector<std::string> out;
    for (const auto& item : list) out.push_back(item.as<std::string>());
    return out;
}

TEST(FarmEmitters, OpenJdParsesWithTheStructureExpected) {
    JobPlan plan = fixed_plan();
    plan.steps[1].title = "a: b 'c' \"d\" #e {{f}}\nsecond line\x7f end";
    const YAML::Node root = YAML::Load(emit_openjd(plan, fixed_options()));
    EXPECT_EQ(root["specificationVersion"].as<std::string>(), "jobtemplate-2023-09");
    EXPECT_EQ(root["name"].as<std::string>(), "A001.encode");
    ASSERT_EQ(root["parameterDefinitions"].size(), 2u);
    EXPECT_EQ(root["parameterDefinitions"][0]["default"].as<std::string>(), k_plan_path);
    EXPECT_EQ(root["parameterDefinitions"][1]["default"].as<std::string>(), "/opt/slate/bin/slate");
    const YAML::Node steps = root["steps"];
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_EQ(steps[0]["name"].as<std::string>(), "encode");
    EXPECT_FALSE(steps[0]["dependencies"]);
    EXPECT_EQ(steps[1]["description"].as<std::string>(), plan.steps[1].title);
    EXPECT_EQ(steps[2]["dependencies"][0]["dependsOn"].as<std::string>(), "join");
    const YAML::Node index = steps[0]["parameterSpace"]["taskParameterDefinitions"][0];
    EXPECT_EQ(index["name"].as<std::string>(), "Index");
    EXPECT_EQ(index["type"].as<std::string>(), "INT");
    EXPECT_EQ(index["range"].as<std::string>(), "0-1");
    EXPECT_EQ(steps[1]["parameterSpace"]["taskParameterDefinitions"][0]["range"].as<std::string>(),
              "0");
    const YAML::Node on_run = steps[0]["script"]["actions"]["onRun"];
    EXPECT_EQ(on_run["command"].as<std::string>(), "{{Param.SlateExecutable}}");
    EXPECT_EQ(strings_of(on_run["args"]),
              (std::vector<std::string>{"task", "--plan", "{{Param.SlatePlan}}", "--step", "encode",
                                        "--index", "{{Task.Param.Index}}"}));
    EXPECT_EQ(on_run["timeout"].as<int>(), 1800);
    const YAML::Node amounts = steps[0]["hostRequirements"]["amounts"];
    ASSERT_EQ(amounts.size(), 3u);
    EXPECT_EQ(amounts[0]["name"].as<std::string>(), "amount.worker.vcpu");
    EXPECT_EQ(amounts[0]["min"].as<int>(), 4);
    EXPECT_EQ(amounts[1]["name"].as<std::string>(), "amount.worker.memory");
    EXPECT_EQ(amounts[1]["min"].as<int>(), 8192);
    EXPECT_EQ(amounts[2]["name"].as<std::string>(), "amount.worker.gpu");
    EXPECT_EQ(amounts[2]["min"].as<int>(), 1);
    EXPECT_EQ(steps[2]["hostRequirements"]["amounts"].size(), 2u);  // no GPU asked
}

TEST(FarmEmitters, OpenCueIsValidXmlWithLayersAndDepends) {
    JobPlan plan = fixed_plan();
    plan.steps[2].title = "<&> \x01";
    pugi::xml_document document;
    const std::string xml = emit_opencue(plan, fixed_options());
    ASSERT_TRUE(document.load_string(xml.c_str()));
    EXPECT_NE(xml.find("cjsl-1.13.dtd"), std::string::npos);
    const pugi::xml_node job = document.child("spec").child("job");
    EXPECT_STREQ(job.attribute("name").value(), "A001.encode");
    EXPECT_STREQ(job.child_value("maxretries"), "2");
    std::vector<std::string> names;
    for (const auto& layer : job.child("layers").children("layer"))
        names.push_back(layer.attribute("name").value());
    EXPECT_EQ(names, (std::vector<std::string>{"encode", "join", "qc_step"}));
    const pugi::xml_node encode = job.child("layers").child("layer");
    EXPECT_STREQ(encode.child_value("range"), "0-1");
    EXPECT_STREQ(encode.child_value("chunk"), "1");
    EXPECT_STREQ(encode.child_value("cores"), "4.0");
    EXPECT_STREQ(encode.child_value("memory"), "8192m");
    EXPECT_STREQ(encode.child_value("gpus"), "1");
    EXPECT_STREQ(encode.child("services").child_value("service"), "shell");
    std::vector<std::string> depends;
    for (const auto& depend : document.child("spec").child("depends").children("depend"))
        depends.push_back(std::string(depend.attribute("type").value()) + " " +
                          depend.child_value("deplayer") + " on " + depend.child_value("onlayer"));
    EXPECT_EQ(depends, (std::vector<std::string>{"LAYER_ON_LAYER join on encode",
                                                 "LAYER_ON_LAYER qc_step on join"}));
}

// The <cmd> is a shell line: run it (the frame token substituted as cuebot does) through /bin/sh
// with a stand-in slate that prints its arguments, one per line.
TEST(FarmEmitters, OpenCueCommandSurvivesTheShell) {
    test::ScratchDir dir;
    const std::string script = dir.file("print args");
    std::ofstream(script) << "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n";
    fs::permissions(script, fs::perms::owner_all);
    EmitOptions options = fixed_options();
    options.slate = script;
    pugi::xml_document document;
    ASSERT_TRUE(document.load_string(emit_opencue(fixed_plan(), options).c_str()));
    std::string command =
        document.child("spec").child("job").child("layers").child("layer").child_value("cmd");
    command.replace(command.find("#IFRAME#"), 8, "1");
    std::ofstream(dir.file("cmd.sh"))
        << command << " > " << test::quote(dir.file("out.txt")) << "\n";
    ASSERT_EQ(std::system(("/bin/sh " + test::quote(dir.file("cmd.sh"))).c_str()), 0);
    std::ifstream in(dir.file("out.txt"));
    std::vector<std::string> words;
    for (std::string line; std::getline(in, line);) words.push_back(line);
    EXPECT_EQ(words, (std::vector<std::string>{"task", "--plan", k_plan_path, "--step", "encode",
                                               "--index", "1"}));
}

TEST(FarmEmitters, DeadlineJobsInOrderWithDependencies) {
    const auto jobs = emit_deadline(fixed_plan(), fixed_options());
    ASSERT_EQ(jobs.size(), 3u);
    EXPECT_EQ(jobs[0].step, "encode");
    EXPECT_TRUE(jobs[0].depends_on.empty());
    EXPECT_EQ(jobs[1].depends_on, std::vector<size_t>{0});
    EXPECT_EQ(jobs[2].depends_on, std::vector<size_t>{1});
    EXPECT_NE(jobs[0].job_info.find("Frames=0-1\n"), std::string::npos);
    EXPECT_NE(jobs[0].job_info.find("MachineLimit=2\n"), std::string::npos);
    EXPECT_NE(jobs[0].plugin_info.find(
                  "Arguments=task --plan \"/farm/jobs/A001 \\\"night\\\": v2 #1/plan.json\" "
                  "--step encode --index <STARTFRAME>\n"),
              std::string::npos);
}

TEST(FarmEmitters, ControlCharactersCannotInjectLinesOrBreakXml) {
    JobPlan plan = fixed_plan();
    plan.steps[0].title = "title\nPlugin=Evil\r";
    EmitOptions options = fixed_options();
    options.plan_path = "/farm/a\nExecutable=/bin/evil.json";
    const auto jobs = emit_deadline(plan, options);
    EXPECT_EQ(jobs[0].job_info.find("\nPlugin=Evil"), std::string::npos);
    EXPECT_EQ(jobs[0].plugin_info.find("\nExecutable=/bin/evil"), std::string::npos);
    pugi::xml_document document;
    EXPECT_TRUE(document.load_string(emit_opencue(plan, options).c_str()));
    const YAML::Node root = YAML::Load(emit_openjd(plan, options));
    EXPECT_EQ(root["parameterDefinitions"][0]["default"].as<std::string>(), options.plan_path);
}

}  // namespace
}  // namespace media::batch
