// SPDX-License-Identifier: Apache-2.0
// Job plans: JSON round trip and strict parsing, validation rules (each error names its field),
// step order, and saving/loading plan files.
#include "media/batch/job_plan.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "scratch_dir.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

PlanTask task(std::string id, std::vector<std::string> inputs = {},
              std::vector<std::string> outputs = {}) {
    PlanTask out;
    out.id = std::move(id);
    out.argv = {"slate", "transcode", "--preset", "proxy"};
    out.inputs = std::move(inputs);
    out.outputs = std::move(outputs);
    return out;
}

PlanStep step(std::string id, std::vector<std::string> depends_on, std::vector<PlanTask> tasks) {
    PlanStep out;
    out.id = std::move(id);
    out.title = "step " + out.id;
    out.depends_on = std::move(depends_on);
    out.tasks = std::move(tasks);
    return out;
}

// encode (two chunks) -> join -> qc; inputs of join and qc are outputs of earlier steps.
JobPlan sample_plan(const std::string& source) {
    JobPlan plan;
    plan.name = "A001.encode";
    plan.kind = "encode";
    plan.work_dir = "/farm/jobs/A001";
    plan.created = "2026-11-27T10:00:00.000Z";
    plan.metadata = {{"source", source}, {"preset", "prores_hq"}};
    PlanTask chunk0 = task("chunk_0000", {source}, {"/farm/out/c0.mov"});
    chunk0.frames = FrameRange{0, 100};
    PlanTask chunk1 = task("chunk_0001", {source}, {"/farm/out/c1.mov"});
    chunk1.frames = FrameRange{100, 50};
    plan.steps.push_back(step("encode", {}, {chunk0, chunk1}));
    plan.steps[0].resources = {4, 8192, 1, 30};
    plan.steps[0].retry.max_attempts = 3;
    plan.steps[0].max_parallel = 2;
    plan.steps.push_back(
        step("join", {"encode"},
             {task("join", {"/farm/out/c0.mov", "/farm/out/c1.mov"}, {"/farm/out/A001.mov"})}));
    plan.steps.push_back(step("qc", {"join"}, {task("qc", {"/farm/out/A001.mov"}, {})}));
    plan.steps[2].success_exit_codes = {1};
    return plan;
}

std::string message_of(const Result<void>& result) {
    return result ? std::string("(ok)") : result.error().message();
}

template <typename T>
std::string message_of(const Result<T>& result) {
    return result ? std::string("(ok)") : result.error().message();
}

// ---- JSON -----------------------------------------------------------------------------------

TEST(JobPlanJson, RoundTripsAndIsDeterministic) {
    JobPlan plan = sample_plan("/media/A001 \"C002\".mov");
    plan.steps[1].tasks[0].argv.push_back("weird: {value} 'quoted' \\ é");
    const std::string text = plan_to_json(plan);
    auto parsed = parse_plan(text, "plan.json");
    ASSERT_TRUE(parsed) << parsed.error().message();
    EXPECT_EQ(*parsed, plan);
    EXPECT_EQ(plan_to_json(*parsed), text);
    // Fixed key order: schema first, steps last; frames only where a task has a range.
    EXPECT_EQ(text.rfind("{\n  \"schema\": \"slate.job-plan\",\n  \"version\": 1,\n", 0), 0u);
    EXPECT_LT(text.find("\"metadata\""), text.find("\"steps\""));
}

TEST(JobPlanJson, FramesOmittedWhenAbsent) {
    JobPlan plan = sample_plan("/media/a.mov");
    const std::string text = plan_to_json(plan);
    size_t count = 0;
    for (size_t at = text.find("\"frames\""); at != std::string::npos;
         at = text.find("\"frames\"", at + 1))
        ++count;
    EXPECT_EQ(count, 2u);  // the two chunks, not join or qc
}

TEST(JobPlanJson, MissingOptionalKeysTakeDefaults) {
    auto plan = parse_plan(R"({"schema": "slate.job-plan", "version": 1, "name": "n",
        "work_dir": "/w", "steps": [{"id": "a", "tasks": [{"id": "t", "argv": ["slate"]}]}]})",
                           "p.json");
    ASSERT_TRUE(plan) << plan.error().message();
    EXPECT_EQ(plan->kind, "");
    ASSERT_EQ(plan->steps.size(), 1u);
    EXPECT_EQ(plan->steps[0].resources, TaskResources{});
    EXPECT_EQ(plan->steps[0].retry.max_attempts, 1);
    EXPECT_EQ(plan->steps[0].max_parallel, 0);
    EXPECT_FALSE(plan->steps[0].tasks[0].frames);
    EXPECT_TRUE(validate_plan(*plan, false)) << message_of(validate_plan(*plan, false));
}

struct ParseCase {
    std::string json;
    std::string message;  // expected to appear in the error
};

TEST(JobPlanJson, ErrorsNameSourceAndField) {
    const std::string head =
        R"("schema": "slate.job-plan", "version": 1, "name": "n", "work_dir": "/w")";
    const std::string task_ok = R"({"id": "t", "argv": ["slate"]})";
    const std::vector<ParseCase> cases = {
        {"{", "p.json: malformed JSON"},
        {"[]", "p.json: plan: expected an object, got array"},
        {R"({"version": 1})", "p.json: schema: missing required key"},
        {R"({"schema": "slate.job-plan", "version": 1, "version": 1})",
         "p.json: duplicate key 'version'"},
        {R"({"schema": "other", "version": 1})", "schema: expected 'slate.job-plan', got 'other'"},
        {R"({"schema": "slate.job-plan", "version": 2, "future": 1})",
         "p.json: version: unsupported plan version 2 (this slate reads 1)"},
        {R"({"schema": "slate.job-plan", "version": "1"})", "version: expected an integer"},
        {R"({"schema": "slate.job-plan", "version": 1.5})", "version: expected an integer"},
        {"{" + head + R"(, "extra": 1, "steps": []})", "p.json: extra: unknown key"},
        {"{" + head + "}", "steps: missing required key"},
        {"{" + head + R"(, "steps": {}})", "steps: expected an array, got object"},
        {"{" + head + R"(, "steps": [{"tasks": []}]})", "steps[0].id: missing required key"},
        {"{" + head + R"(, "steps": [{"id": "a"}]})", "steps[0].tasks: missing required key"},
        {"{" + head + R"(, "steps": [{"id": "a", "tasks": [)" + task_ok +
             R"(, {"id": "u", "argv": "slate x"}]}]})",
         "p.json: steps[0].tasks[1].argv: expected an array of strings"},
        {"{" + head + R"(, "steps": [{"id": "a", "tasks": [{"id": "u", "argv": ["slate", 3]}]}]})",
         "steps[0].tasks[0].argv: expected an array of strings"},
        {"{" + head + R"(, "steps": [{"id": "a", "tasks": [{"id": "u"}]}]})",
         "steps[0].tasks[0].argv: missing required key"},
        {"{" + head + R"(, "steps": [{"id": "a", "tasks": [{"id": "u", "argv": [], "x": 1}]}]})",
         "steps[0].tasks[0].x: unknown key"},
        {"{" + head + R"(, "steps": [{"id": "a", "resources": {"cores": "4"}, "tasks": []}]})",
         "steps[0].resources.cores: expected an integer, got string"},
        {"{" + head + R"(, "steps": [{"id": "a", "resources": {"cpus": 4}, "tasks": []}]})",
         "steps[0].resources.cpus: unknown key"},
        {"{" + head +
             R"(, "steps": [{"id": "a", "retry": {"max_attempts": 99999999999}, "tasks": []}]})",
         "steps[0].retry.max_attempts: 99999999999 is out of range"},
        {"{" + head +
             R"(, "steps": [{"id": "a", "tasks": [{"id": "u", "argv": [], "frames": {"first": 0}}]}]})",
         "steps[0].tasks[0].frames.count: missing required key"},
        {"{" + head + R"(, "metadata": {"k": 1}, "steps": []})", "metadata.k: expected a string"},
        {"{" + head + R"(, "steps": [{"id": "a", "depends_on": "b", "tasks": []}]})",
         "steps[0].depends_on: expected an array of strings"},
    };
    for (const auto& c : cases) {
        auto plan = parse_plan(c.json, "p.json");
        ASSERT_FALSE(plan) << c.json;
        EXPECT_EQ(plan.error().code(), ErrorCode::InvalidArgument);
        EXPECT_NE(plan.error().message().find(c.message), std::string::npos)
            << "input: " << c.json << "\nmessage: " << plan.error().message();
    }
}

// ---- validation -----------------------------------------------------------------------------

struct ValidationCase {
    std::string what;
    void (*change)(JobPlan&);
    std::string message;
};

TEST(JobPlanValidation, SamplePlanIsValid) {
    const JobPlan plan = sample_plan("/media/a.mov");
    EXPECT_TRUE(validate_plan(plan, false)) << message_of(validate_plan(plan, false));
}

TEST(JobPlanValidation, EachRuleNamesTheField) {
    const std::vector<ValidationCase> cases = {
        {"version", [](JobPlan& p) { p.version = 2; },
         "version: unsupported plan version 2 (this slate reads 1)"},
        {"name", [](JobPlan& p) { p.name = "a b"; }, "name: 'a b'"},
        {"relative work_dir", [](JobPlan& p) { p.work_dir = "jobs/a"; },
         "work_dir: 'jobs/a' is not an absolute path"},
        {"no steps", [](JobPlan& p) { p.steps.clear(); }, "steps: a plan needs at least one step"},
        {"step id pattern", [](JobPlan& p) { p.steps[1].id = "Join"; }, "steps[1].id: 'Join'"},
        {"duplicate step id", [](JobPlan& p) { p.steps[2].id = "encode"; },
         "steps[2].id: duplicate step id 'encode'"},
        {"empty tasks", [](JobPlan& p) { p.steps[2].tasks.clear(); },
         "steps[2].tasks: a step needs at least one task"},
        {"duplicate task id", [](JobPlan& p) { p.steps[0].tasks[1].id = "chunk_0000"; },
         "steps[0].tasks[1].id: duplicate task id 'chunk_0000'"},
        {"empty argv", [](JobPlan& p) { p.steps[0].tasks[1].argv.clear(); },
         "steps[0].tasks[1].argv: empty command"},
        {"argv[0]", [](JobPlan& p) { p.steps[0].tasks[1].argv[0] = "/bin/sh"; },
         "steps[0].tasks[1].argv[0]: '/bin/sh'"},
        {"NUL in argv",
         [](JobPlan& p) { p.steps[1].tasks[0].argv.push_back(std::string("a\0b", 3)); },
         "steps[1].tasks[0].argv[4]: contains a NUL character"},
        {"relative input", [](JobPlan& p) { p.steps[2].tasks[0].inputs[0] = "out.mov"; },
         "steps[2].tasks[0].inputs[0]: 'out.mov' is not an absolute path"},
        {"unknown dependency", [](JobPlan& p) { p.steps[1].depends_on = {"encodes"}; },
         "steps[1].depends_on[0]: unknown step 'encodes'"},
        {"self dependency", [](JobPlan& p) { p.steps[2].depends_on.push_back("qc"); },
         "steps[2].depends_on[1]: step 'qc' depends on itself"},
        {"cycle", [](JobPlan& p) { p.steps[0].depends_on = {"qc"}; },
         "steps: dependency cycle encode -> qc -> join -> encode"},
        {"cores", [](JobPlan& p) { p.steps[0].resources.cores = 0; },
         "steps[0].resources.cores: 0 < 1"},
        {"memory", [](JobPlan& p) { p.steps[1].resources.memory_mb = 0; },
         "steps[1].resources.memory_mb: 0 < 1"},
        {"gpus", [](JobPlan& p) { p.steps[1].resources.gpus = -1; },
         "steps[1].resources.gpus: -1 < 0"},
        {"retry low", [](JobPlan& p) { p.steps[0].retry.max_attempts = 0; },
         "steps[0].retry.max_attempts: 0 is not in 1..10"},
        {"retry high", [](JobPlan& p) { p.steps[0].retry.max_attempts = 11; },
         "steps[0].retry.max_attempts: 11 is not in 1..10"},
        {"max_parallel", [](JobPlan& p) { p.steps[0].max_parallel = -1; },
         "steps[0].max_parallel: -1 < 0"},
        {"frames",
         [](JobPlan& p) {
             p.steps[0].tasks[0].frames = FrameRange{0, 0};
         },
         "steps[0].tasks[0].frames:"},
        {"duplicate output",
         [](JobPlan& p) { p.steps[1].tasks[0].outputs = {"/farm/out/./c1.mov"}; },
         "steps[1].tasks[0].outputs[0]: output '/farm/out/./c1.mov' is also written by "
         "steps[0].tasks[1]"},
    };
    for (const auto& c : cases) {
        JobPlan plan = sample_plan("/media/a.mov");
        c.change(plan);
        const auto result = validate_plan(plan, false);
        ASSERT_FALSE(result) << c.what;
        EXPECT_EQ(result.error().code(), ErrorCode::InvalidArgument);
        EXPECT_NE(result.error().message().find(c.message), std::string::npos)
            << c.what << ": " << result.error().message();
    }
}

TEST(JobPlanValidation, InputsMustExistUnlessAnEarlierStepWritesThem) {
    test::ScratchDir dir;
    const std::string source = dir.file("A001.mov");
    JobPlan plan = sample_plan(source);
    auto missing = validate_plan(plan, true);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().message(),
              "steps[0].tasks[0].inputs[0]: missing input '" + source + "'");

    std::ofstream(source) << "x";
    EXPECT_TRUE(validate_plan(plan, true)) << message_of(validate_plan(plan, true));

    // qc reads the chunks too: encode is an ancestor through join, so they count as present.
    plan.steps[2].tasks[0].inputs.push_back("/farm/out/c0.mov");
    EXPECT_TRUE(validate_plan(plan, true)) << message_of(validate_plan(plan, true));

    // A step that does not depend on encode cannot count on its outputs.
    plan.steps.push_back(step("report", {}, {task("r", {"/farm/out/c0.mov"})}));
    EXPECT_EQ(message_of(validate_plan(plan, true)),
              "steps[3].tasks[0].inputs[0]: missing input '/farm/out/c0.mov'");
    EXPECT_TRUE(validate_plan(plan, false));
}

TEST(JobPlanValidation, SequencePatternExistsWhenAFrameDoes) {
    test::ScratchDir dir;
    JobPlan plan = sample_plan(dir.file("shot.%06d.dpx"));
    plan.steps[0].tasks[1].inputs = {dir.file("shot.####.dpx")};
    EXPECT_FALSE(validate_plan(plan, true));
    std::ofstream(dir.file("shot.000101.dpx")) << "x";
    std::ofstream(dir.file("shot.0101.dpx")) << "x";
    EXPECT_TRUE(validate_plan(plan, true)) << message_of(validate_plan(plan, true));
}

// ---- step order -----------------------------------------------------------------------------

TEST(JobPlanOrder, DependenciesFirstOtherwisePlanOrder) {
    JobPlan plan;
    plan.steps.push_back(step("qc", {"join"}, {}));
    plan.steps.push_back(step("a", {}, {}));
    plan.steps.push_back(step("join", {"encode", "a"}, {}));
    plan.steps.push_back(step("encode", {}, {}));
    plan.steps.push_back(step("b", {}, {}));
    EXPECT_EQ(step_order(plan), (std::vector<size_t>{1, 3, 2, 0, 4}));
    EXPECT_EQ(step_order(sample_plan("/a")), (std::vector<size_t>{0, 1, 2}));
}

TEST(JobPlanOrder, FindStep) {
    const JobPlan plan = sample_plan("/a");
    ASSERT_NE(find_step(plan, "join"), nullptr);
    EXPECT_EQ(find_step(plan, "join")->id, "join");
    EXPECT_EQ(find_step(plan, "nope"), nullptr);
}

// ---- files ----------------------------------------------------------------------------------

TEST(JobPlanFile, SaveLoadAndNoLeftovers) {
    test::ScratchDir dir;
    const JobPlan plan = sample_plan("/media/a.mov");
    ASSERT_TRUE(save_plan(plan, dir.file("plan.json")));
    ASSERT_TRUE(save_plan(plan, dir.file("plan.json")));  // replaces
    EXPECT_EQ(dir.entries(), std::vector<std::string>{"plan.json"});
    auto loaded = load_plan(dir.file("plan.json"));
    ASSERT_TRUE(loaded) << loaded.error().to_string();
    EXPECT_EQ(*loaded, plan);
}

TEST(JobPlanFile, LoadErrorsNameTheFile) {
    test::ScratchDir dir;
    EXPECT_EQ(load_plan(dir.file("none.json")).error().code(), ErrorCode::NotFound);
    JobPlan plan = sample_plan("/media/a.mov");
    plan.steps[1].depends_on = {"encodes"};
    ASSERT_TRUE(save_plan(plan, dir.file("bad.json")));
    auto loaded = load_plan(dir.file("bad.json"));
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().message(),
              dir.file("bad.json") + ": steps[1].depends_on[0]: unknown step 'encodes'");
    EXPECT_FALSE(save_plan(plan, dir.file("no/such/folder/plan.json")));
    EXPECT_EQ(dir.entries().size(), 1u);
}

}  // namespace
}  // namespace media::batch
