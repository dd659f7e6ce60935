// SPDX-License-Identifier: Apache-2.0
// `slate plan` end to end: the plans a user writes for a farm, run here (--on local) and on a
// real one-node Slurm (--on slurm, started by the ctest fixture), give the same outputs; a
// sharded QC plan's merged report equals one process's.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "../transcode/transcode_fixtures.h"
#include "media/batch/job_plan.h"
#include "slate_samples/samples.h"
#include "vmaf_material.h"

namespace media::test {
namespace {

namespace fs = std::filesystem;

std::string slate(const std::string& args) {
    return quote(SLATE_BINARY) + " " + args;
}

bool slurm_up() {
    return std::getenv("SLURM_CONF") != nullptr && have_program("sbatch") &&
           std::system("sinfo -h >/dev/null 2>&1") == 0;
}

/// Decoded frames' MD5s (video only): equal pictures, whatever the container wrote around them.
std::string frame_md5s(const std::string& file, const ScratchDir& scratch) {
    const std::string out = scratch.file(fs::path(file).filename().string() + ".framemd5");
    if (!ffmpeg("-i " + quote(file) + " -map 0:v -f framemd5 " + quote(out)))
        return "ffmpeg failed";
    // Drop the header comments (they name the file) and keep the per-frame lines.
    std::string text = read_file(out);
    std::string lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] != '#') lines += line + '\n';
    return lines;
}

class PlansTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_scratch = new ScratchDir();
        // Small camera-like clips (320x180 ProRes, timecode, reel, 4 channels of PCM): the
        // plans' behaviour does not depend on size, and CI has two cores.
        fs::create_directories(s_scratch->file("clips"));
        SourceClip clip;
        clip.frames = 48;
        write_source_clip(s_scratch->file("clips/A001_C001.mov"), clip);
        clip.reel = "A002";
        clip.timecode = "02:00:00:00";
        write_source_clip(s_scratch->file("clips/A002_C001.mov"), clip);
        samples::SampleOptions options;
        options.output_dir = s_scratch->file("defects");
        options.set = samples::SampleSet::Defects;
        options.only = "x001_c001_defects";
        auto generated = samples::generate_samples(options);
        ASSERT_TRUE(generated) << generated.error().to_string();
    }
    static void TearDownTestSuite() {
        delete s_scratch;
        s_scratch = nullptr;
    }
    static std::string clip(const std::string& name) {
        return s_scratch->file("clips/" + name + ".mov");
    }
    static std::string defects_clip() {
        for (const auto& entry : fs::recursive_directory_iterator(s_scratch->file("defects")))
            if (entry.path().stem() == "x001_c001_defects") return entry.path().string();
        return {};
    }
    CommandResult run(const std::string& args) { return run_command(slate(args), *s_scratch); }

    static ScratchDir* s_scratch;
};
ScratchDir* PlansTest::s_scratch = nullptr;

TEST_F(PlansTest, BatchPlanListsEveryClipPresetTaskThenChecksums) {
    const std::string out = s_scratch->file("batch_listing");
    const std::string plan_file = s_scratch->file("batch_listing.json");
    auto result = run("plan batch " + quote(clip("A001_C001")) + " " + quote(clip("A002_C001")) +
                      " -p dnxhr_lb_mxf -p h264_review --lut /nonexistent.cube -d " + quote(out) +
                      " -o " + quote(plan_file));
    // The LUT is only passed on: the plan is written, the tasks would fail on it.
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto plan = batch::load_plan(plan_file);
    ASSERT_TRUE(plan) << plan.error().to_string();
    ASSERT_EQ(plan->steps.size(), 2u);
    EXPECT_EQ(plan->steps[0].id, "transcode");
    EXPECT_EQ(plan->steps[0].tasks.size(), 4u);
    EXPECT_EQ(plan->steps[1].id, "checksums");
    EXPECT_EQ(plan->steps[1].depends_on, std::vector<std::string>{"transcode"});
    for (const auto& task : plan->steps[0].tasks) {
        ASSERT_GE(task.argv.size(), 3u);
        EXPECT_EQ(task.argv[0], "slate");
        EXPECT_EQ(task.argv[1], "transcode");
        EXPECT_NE(std::find(task.argv.begin(), task.argv.end(), "/nonexistent.cube"),
                  task.argv.end());
        ASSERT_EQ(task.outputs.size(), 1u);
        EXPECT_TRUE(task.outputs[0].starts_with(out)) << task.outputs[0];
    }
}

TEST_F(PlansTest, TwoClipsOfTheSameNameGetNumberedOutputs) {
    fs::create_directories(s_scratch->file("card2"));
    const std::string twin = s_scratch->file("card2/A001_C001.mov");
    fs::copy_file(clip("A001_C001"), twin, fs::copy_options::overwrite_existing);
    const std::string out = s_scratch->file("twins");
    const std::string plan_file = out + ".json";
    auto result = run("plan batch " + quote(clip("A001_C001")) + " " + quote(twin) +
                      " -p prores_hq -d " + quote(out) + " -o " + quote(plan_file) + " -q");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto plan = batch::load_plan(plan_file);
    ASSERT_TRUE(plan) << plan.error().to_string();
    const auto& tasks = plan->steps[0].tasks;
    ASSERT_EQ(tasks.size(), 2u);
    EXPECT_NE(tasks[0].outputs[0], tasks[1].outputs[0]);
    const std::string second = fs::path(tasks[1].outputs[0]).filename().string();
    EXPECT_NE(second.find("_2."), std::string::npos) << second;
    const auto name = std::find(tasks[1].argv.begin(), tasks[1].argv.end(), "--name");
    ASSERT_NE(name, tasks[1].argv.end());
    EXPECT_EQ(fs::path(*(name + 1)).filename().string() + fs::path(second).extension().string(),
              second);
}

TEST_F(PlansTest, BatchThroughSlurmMakesWhatALocalRunMakes) {
    if (!slurm_up()) GTEST_SKIP() << "no Slurm (the farm test fixture starts one as root)";
    std::vector<std::string> outputs[2];
    const char* engines[] = {"local", "slurm"};
    for (int e = 0; e < 2; ++e) {
        const std::string out = s_scratch->file(std::string("batch_") + engines[e]);
        const std::string plan_file = out + ".json";
        auto planned = run("plan batch " + quote(clip("A001_C001")) + " " +
                           quote(clip("A002_C001")) + " -p prores_hq -d " + quote(out) + " -o " +
                           quote(plan_file) + " --cores-per-task 1 -q");
        ASSERT_EQ(planned.exit_code, 0) << planned.err;
        auto ran = run("run " + quote(plan_file) + " --on " + engines[e] + " -q");
        ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
        auto plan = batch::load_plan(plan_file);
        ASSERT_TRUE(plan);
        for (const auto& task : plan->steps[0].tasks) {
            ASSERT_TRUE(fs::exists(task.outputs[0])) << task.outputs[0];
            outputs[e].push_back(frame_md5s(task.outputs[0], *s_scratch));
        }
        EXPECT_TRUE(fs::exists(fs::path(out) / "ascmhl")) << "the checksum step ran";
    }
    ASSERT_EQ(outputs[0].size(), 2u);
    EXPECT_EQ(outputs[0], outputs[1]);
}

TEST_F(PlansTest, ChunkedEncodeJoinsToTheSingleProcessPictures) {
    const std::string source = clip("A001_C001");
    const std::string single = s_scratch->file("single");
    auto whole = run("transcode " + quote(source) + " -p prores_hq -o " + quote(single) +
                     " --name whole --overwrite");
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    const std::string reference = frame_md5s(single + "/whole.mov", *s_scratch);

    std::vector<std::string> engines = {"local"};
    if (slurm_up()) engines.push_back("slurm");
    for (const std::string& engine : engines) {
        const std::string out = s_scratch->file("encode_" + engine);
        const std::string plan_file = out + ".json";
        auto planned = run("plan encode " + quote(source) + " -p prores_hq --chunks 3 -d " +
                           quote(out) + " -o " + quote(plan_file) + " --cores-per-task 1 -q");
        ASSERT_EQ(planned.exit_code, 0) << planned.err;
        auto plan = batch::load_plan(plan_file);
        ASSERT_TRUE(plan) << plan.error().to_string();
        const batch::PlanStep* chunks = batch::find_step(*plan, "chunks");
        ASSERT_NE(chunks, nullptr);
        EXPECT_EQ(chunks->tasks.size(), 3u);
        const batch::PlanStep* join = batch::find_step(*plan, "join");
        ASSERT_NE(join, nullptr);
        auto ran = run("run " + quote(plan_file) + " --on " + engine + " -q");
        ASSERT_EQ(ran.exit_code, 0) << engine << ": " << ran.out << ran.err;
        const std::string joined = join->tasks[0].outputs[0];
        ASSERT_TRUE(fs::exists(joined)) << joined;
        EXPECT_EQ(frame_md5s(joined, *s_scratch), reference) << engine;
        auto probed = run("probe " + quote(joined) + " --json");
        ASSERT_EQ(probed.exit_code, 0);
        auto source_probe = run("probe " + quote(source) + " --json");
        const auto a = nlohmann::json::parse(probed.out);
        const auto b = nlohmann::json::parse(source_probe.out);
        EXPECT_EQ(a["start_timecode"], b["start_timecode"]) << engine;
        EXPECT_EQ(a["duration_seconds"], b["duration_seconds"]) << engine;
    }
}

/// The JSON report without what differs between two runs of the same QC (timings, when).
nlohmann::json report_body(const std::string& path) {
    nlohmann::json report = nlohmann::json::parse(read_file(path));
    std::function<void(nlohmann::json&)> strip = [&](nlohmann::json& node) {
        if (node.is_object()) {
            for (const char* key : {"created", "generated", "elapsed_seconds", "seconds_taken",
                                    "tool_version", "command_line", "report_path"})
                node.erase(key);
            for (auto& [key, value] : node.items()) strip(value);
        } else if (node.is_array()) {
            for (auto& value : node) strip(value);
        }
    };
    strip(report);
    return report;
}

TEST_F(PlansTest, ShardedQcPlanMergesToTheOneProcessReport) {
    const std::string master = defects_clip();
    ASSERT_FALSE(master.empty());
    const std::string single = s_scratch->file("qc_single.json");
    auto one = run("qc " + quote(master) + " --json " + quote(single) + " -q");
    ASSERT_TRUE(one.exit_code == 0 || one.exit_code == 1) << one.err;

    const std::string out = s_scratch->file("qc_sharded");
    const std::string plan_file = out + ".json";
    auto planned = run("plan qc " + quote(master) + " --profile default --shards 4 -d " +
                       quote(out) + " -o " + quote(plan_file) + " --cores-per-task 1 -q");
    ASSERT_EQ(planned.exit_code, 0) << planned.err;
    auto ran = run("run " + quote(plan_file) + " --on local -q");
    ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
    auto plan = batch::load_plan(plan_file);
    ASSERT_TRUE(plan);
    const batch::PlanStep* merge = batch::find_step(*plan, "merge");
    ASSERT_NE(merge, nullptr);
    const std::string merged = merge->tasks[0].outputs[0];
    EXPECT_EQ(report_body(merged), report_body(single));
}

TEST_F(PlansTest, ShardedComparePlanMergesToTheOneRunScores) {
    // libvmaf's model files, from the shared reference data (the tasks inherit the variable).
    setenv("SLATE_VMAF_MODEL_PATH", (vmaf_reference_dir() / "models").c_str(), 1);
    const std::string reference = clip("A001_C001");
    const std::string distorted = s_scratch->file("A001_C001_crf35.mp4");
    ASSERT_TRUE(ffmpeg("-i " + quote(reference) + " -an -c:v libx264 -preset ultrafast -crf 35 " +
                       quote(distorted)));
    const std::string single = s_scratch->file("compare_single.json");
    auto one = run("compare " + quote(reference) + " " + quote(distorted) +
                   " -m psnr,vmaf --json " + quote(single) + " -q");
    ASSERT_EQ(one.exit_code, 0) << one.err;

    const std::string out = s_scratch->file("compare_sharded");
    const std::string plan_file = out + ".json";
    auto planned = run("plan compare " + quote(reference) + " " + quote(distorted) +
                       " -m psnr,vmaf --shards 3 -d " + quote(out) + " -o " + quote(plan_file) +
                       " --cores-per-task 1 -q");
    ASSERT_EQ(planned.exit_code, 0) << planned.err;
    auto ran = run("run " + quote(plan_file) + " --on local -q");
    ASSERT_EQ(ran.exit_code, 0) << ran.out << ran.err;
    auto plan = batch::load_plan(plan_file);
    ASSERT_TRUE(plan);
    ASSERT_EQ(batch::find_step(*plan, "shards")->tasks.size(), 3u);
    auto merged =
        nlohmann::json::parse(read_file(batch::find_step(*plan, "merge")->tasks[0].outputs[0]));
    auto expected = nlohmann::json::parse(read_file(single));
    merged.erase("run");  // timings and thread counts of the runs themselves
    expected.erase("run");
    EXPECT_EQ(merged, expected);
}

TEST_F(PlansTest, EmittedJobsNameEveryTaskThroughThePlan) {
    const std::string out = s_scratch->file("emit");
    const std::string plan_file = out + ".json";
    auto planned = run("plan encode " + quote(clip("A001_C001")) + " -p prores_hq --chunks 2 -d " +
                       quote(out) + " -o " + quote(plan_file) + " -q");
    ASSERT_EQ(planned.exit_code, 0) << planned.err;
    auto openjd = run("plan emit " + quote(plan_file) + " --format openjd");
    ASSERT_EQ(openjd.exit_code, 0) << openjd.err;
    EXPECT_NE(openjd.out.find("jobtemplate-2023-09"), std::string::npos);
    EXPECT_NE(openjd.out.find(fs::absolute(plan_file).string()), std::string::npos);
    auto cue = run("plan emit " + quote(plan_file) + " --format opencue");
    ASSERT_EQ(cue.exit_code, 0) << cue.err;
    EXPECT_NE(cue.out.find("<layer"), std::string::npos);
    auto deadline =
        run("plan emit " + quote(plan_file) + " --format deadline -o " + quote(out + "_deadline"));
    ASSERT_EQ(deadline.exit_code, 0) << deadline.err;
    EXPECT_TRUE(fs::exists(out + "_deadline/join.job_info.txt"));
}

TEST_F(PlansTest, BadRequestsNameWhatIsWrong) {
    auto missing = run("plan encode /no/such/file.mov -p prores_hq -d " +
                       quote(s_scratch->file("bad")) + " -q");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/no/such/file.mov"), std::string::npos) << missing.err;
    auto conform = run("plan encode " + quote(clip("A001_C001")) + " -p no-such-preset -d " +
                       quote(s_scratch->file("bad")) + " -q");
    EXPECT_EQ(conform.exit_code, 2);
    EXPECT_NE(conform.err.find("no-such-preset"), std::string::npos) << conform.err;
}

}  // namespace
}  // namespace media::test
