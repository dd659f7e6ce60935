// SPDX-License-Identifier: Apache-2.0
// Job plans through a real one-node Slurm (the ctest fixture "slurm", scripts/slurm-local):
// the same outputs as a local run, a failing array task cancelling the dependent job, --resume
// re-submitting only what is not done, and a worker killed mid-write losing nothing.
#include <gtest/gtest.h>

#include <cstdlib>

#include "farm_fixtures.h"

namespace media::test {
namespace {

// Slurm polls are cheap here; a short interval keeps the tests quick.
constexpr const char* kPoll = "--poll 0.2";

class FarmSlurm : public ::testing::Test {
protected:
    void SetUp() override {
        const char* conf = std::getenv("SLURM_CONF");
        if (!conf || !fs::exists(conf) || std::system("sinfo -h >/dev/null 2>&1") != 0)
            GTEST_SKIP() << "no Slurm here (scripts/slurm-local start DIR, then SLURM_CONF)";
    }
};

std::string slurm(const std::string& extra = "") {
    return std::string("--on slurm ") + kPoll + " " + extra;
}

TEST_F(FarmSlurm, SameOutputsAsLocal) {
    ScratchDir scratch;
    const auto local = gen_probe_plan("same_local", scratch.file("local"));
    const auto farm = gen_probe_plan("same_slurm", scratch.file("slurm"));
    save(local, scratch.file("local.json"));
    save(farm, scratch.file("slurm.json"));
    const auto local_run =
        slate_run(scratch.file("local.json"), scratch.file("rl.json"), "-q", scratch);
    ASSERT_EQ(local_run.exit_code, 0) << local_run.err;
    const auto farm_run =
        slate_run(scratch.file("slurm.json"), scratch.file("rs.json"), slurm(), scratch);
    ASSERT_EQ(farm_run.exit_code, 0) << farm_run.out << farm_run.err;

    const auto report = read_json(scratch.file("rs.json"));
    EXPECT_EQ(report["engine"], "slurm");
    EXPECT_FALSE(report["steps"][0]["engine_job"].get<std::string>().empty());
    for (size_t t = 0; t < 2; ++t) {
        const std::string a = local.steps[0].tasks[t].outputs[0];
        const std::string b = farm.steps[0].tasks[t].outputs[0];
        ASSERT_TRUE(fs::exists(b)) << b;
        EXPECT_EQ(file_checksum(a), file_checksum(b)) << a << " vs " << b;
    }
    EXPECT_EQ(status_state(farm, "probe", 0), "done");
    EXPECT_EQ(read_json(batch::task_status_path(farm, "probe", 0))["exit_code"], 0);
    // One job array per step, the second after the first.
    const auto submissions = read_json(farm.work_dir + "/slurm/submissions.json");
    ASSERT_EQ(submissions["submissions"].size(), 2u);
    EXPECT_EQ(submissions["submissions"][0]["array"], "0-1");
    EXPECT_NE(
        farm_run.err.find("(after " + submissions["submissions"][0]["job_id"].get<std::string>()),
        std::string::npos)
        << farm_run.err;
}

TEST_F(FarmSlurm, FailureCancelsDependantsAndResumeResubmitsOnlyIt) {
    ScratchDir scratch;
    // Quotes and spaces in every path: the job script is the one place a shell reads them.
    const std::string root = scratch.file("it's a farm");
    const std::string plan_path = root + "/plan $x.json";
    fs::create_directories(root);
    const auto plan = expect_failure_then_resume("slurm_fail", root, plan_path, slurm(),
                                                 slurm("--resume"), scratch);
    const auto submissions = read_json(plan.work_dir + "/slurm/submissions.json");
    ASSERT_EQ(submissions["submissions"].size(), 2u);
    EXPECT_EQ(submissions["submissions"][0]["array"], "1") << "only the failed index goes again";
}

TEST_F(FarmSlurm, WorkerKilledMidWriteLosesNothing) {
    ScratchDir scratch;
    const std::string root = scratch.file("run");
    const auto plan = gen_probe_plan("slurm_kill", root);
    save(plan, scratch.file("plan.json"));
    const std::string prores_dir = root + "/out/prores";
    fs::create_directories(prores_dir);
    const pid_t run = spawn_slate_run({scratch.file("plan.json"), "--on", "slurm", "--poll", "0.2",
                                       "--json", scratch.file("r1.json")},
                                      scratch.file("run.log"));
    ASSERT_GT(run, 0);
    const bool killed = kill_samples_mid_write(prores_dir, std::chrono::seconds(60));
    const int code = wait_exit_code(run);
    ASSERT_TRUE(killed) << read_file(scratch.file("run.log"));
    EXPECT_EQ(code, 1) << read_file(scratch.file("run.log"));
    const std::string output = plan.steps[0].tasks[1].outputs[0];
    EXPECT_FALSE(fs::exists(output)) << "a killed task left its output under the final name";
    const auto first = read_json(scratch.file("r1.json"));
    EXPECT_EQ(task_state(first, "gen", 1), "failed");
    EXPECT_EQ(task_state(first, "probe", 0), "cancelled");

    const auto resumed =
        slate_run(scratch.file("plan.json"), scratch.file("r2.json"), slurm("--resume"), scratch);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
    const auto second = read_json(scratch.file("r2.json"));
    EXPECT_EQ(task_state(second, "gen", 0), "skipped");
    EXPECT_EQ(task_state(second, "gen", 1), "done");
    EXPECT_EQ(task_state(second, "probe", 0), "done");
    const auto again = run_command(
        quote(SLATE_BINARY) + " samples " + quote(scratch.file("again")) + " --only " + kProresClip,
        scratch);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(file_checksum(output),
              file_checksum(scratch.file(std::string("again/") + kProresClip + ".mov")));
}

}  // namespace
}  // namespace media::test
