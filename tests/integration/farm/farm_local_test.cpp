// SPDX-License-Identifier: Apache-2.0
// Job plans run on this machine (`slate run --on local`): every task recorded, a failing task
// fails its step and cancels dependants, --resume re-runs only what is not done, a task killed
// mid-write is redone, and `slate task` exits with its task's code.
#include <gtest/gtest.h>

#include "farm_fixtures.h"

namespace media::test {
namespace {

TEST(FarmLocal, RunsAPlanAndRecordsEveryTask) {
    ScratchDir scratch;
    const auto plan = gen_probe_plan("local_ok", scratch.file("run"));
    save(plan, scratch.file("plan.json"));
    const auto run =
        slate_run(scratch.file("plan.json"), scratch.file("report.json"), "-j 2", scratch);
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_NE(run.out.find("total"), std::string::npos) << run.out;

    const auto report = read_json(scratch.file("report.json"));
    ASSERT_TRUE(report.is_object());
    EXPECT_EQ(report["schema"], "slate.plan-run");
    EXPECT_EQ(report["engine"], "local");
    EXPECT_EQ(report["ok"], true);
    for (const auto& [step, index] : {std::pair{"gen", 0}, {"gen", 1}, {"probe", 0}}) {
        EXPECT_EQ(task_state(report, step, index), "done") << step << index;
        EXPECT_EQ(status_state(plan, step, index), "done") << step << index;
        EXPECT_TRUE(fs::exists(report_task(report, step, index)["log"].get<std::string>()));
    }
    for (const auto& output :
         {plan.steps[0].tasks[0].outputs[0], plan.steps[0].tasks[1].outputs[0]})
        EXPECT_TRUE(fs::exists(output)) << output;
    // The probe's JSON went to its log.
    const std::string log = read_file(report_task(report, "probe", 0)["log"].get<std::string>());
    EXPECT_NE(log.find("\"streams\""), std::string::npos) << log;
}

TEST(FarmLocal, FailedTaskCancelsDependantsAndResumeRerunsOnlyIt) {
    ScratchDir scratch;
    expect_failure_then_resume("local_fail", scratch.file("run"), scratch.file("plan.json"), "",
                               "--resume", scratch);
}

TEST(FarmLocal, TaskKilledMidWriteIsRedoneOnResume) {
    ScratchDir scratch;
    const std::string root = scratch.file("run");
    const auto plan = gen_probe_plan("local_kill", root);
    save(plan, scratch.file("plan.json"));
    const std::string prores_dir = root + "/out/prores";
    fs::create_directories(prores_dir);
    const pid_t run =
        spawn_slate_run({scratch.file("plan.json"), "-j", "1", "--json", scratch.file("r1.json")},
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
    EXPECT_EQ(report_task(first, "gen", 1)["exit_code"], 128 + SIGKILL);

    const auto resumed =
        slate_run(scratch.file("plan.json"), scratch.file("r2.json"), "--resume", scratch);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
    const auto second = read_json(scratch.file("r2.json"));
    EXPECT_EQ(task_state(second, "gen", 0), "skipped");
    EXPECT_EQ(task_state(second, "gen", 1), "done");
    EXPECT_TRUE(fs::exists(output));
    // The redone clip is the clip: generating it again gives the same bytes.
    const auto again = run_command(
        quote(SLATE_BINARY) + " samples " + quote(scratch.file("again")) + " --only " + kProresClip,
        scratch);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(file_checksum(output),
              file_checksum(scratch.file(std::string("again/") + kProresClip + ".mov")));
}

TEST(FarmLocal, TaskCommandExitsWithItsTasksCode) {
    ScratchDir scratch;
    const auto plan = gen_probe_plan("task_exit", scratch.file("run"), true);
    save(plan, scratch.file("plan.json"));
    const std::string task =
        quote(SLATE_BINARY) + " task --plan " + quote(scratch.file("plan.json"));
    const auto failed = run_command(task + " --step gen --index 1", scratch);
    EXPECT_EQ(failed.exit_code, 3) << failed.err;
    EXPECT_EQ(status_state(plan, "gen", 1), "failed");
    const auto status = read_json(batch::task_status_path(plan, "gen", 1));
    EXPECT_EQ(status["exit_code"], 3);
    EXPECT_EQ(status["attempts"], 1);

    const auto unknown = run_command(task + " --step nope --index 0", scratch);
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("unknown step 'nope'"), std::string::npos) << unknown.err;
    const auto out_of_range = run_command(task + " --step gen --index 7", scratch);
    EXPECT_EQ(out_of_range.exit_code, 2);
    EXPECT_NE(out_of_range.err.find("no index 7"), std::string::npos) << out_of_range.err;
}

TEST(FarmLocal, RetriesUpToTheStepsPolicy) {
    ScratchDir scratch;
    auto plan = gen_probe_plan("retry", scratch.file("run"), true);
    plan.steps[0].retry.max_attempts = 2;
    save(plan, scratch.file("plan.json"));
    const auto run = slate_run(scratch.file("plan.json"), scratch.file("r.json"), "-q", scratch);
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_EQ(report_task(read_json(scratch.file("r.json")), "gen", 1)["attempts"], 2);
}

TEST(FarmLocal, UsageAndPlanErrors) {
    ScratchDir scratch;
    const std::string slate = quote(SLATE_BINARY);
    EXPECT_EQ(run_command(slate + " run", scratch).exit_code, 3);
    EXPECT_EQ(run_command(slate + " run x.json --on moon", scratch).exit_code, 3);
    const auto missing = run_command(slate + " run " + quote(scratch.file("none.json")), scratch);
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("none.json"), std::string::npos) << missing.err;

    save(gen_probe_plan("no_sbatch", scratch.file("run")), scratch.file("plan.json"));
    const auto no_sbatch = run_command(
        "PATH=/nonexistent " + slate + " run " + quote(scratch.file("plan.json")) + " --on slurm",
        scratch);
    EXPECT_EQ(no_sbatch.exit_code, 2);
    EXPECT_NE(no_sbatch.err.find("sbatch is not on PATH"), std::string::npos) << no_sbatch.err;
    const auto no_conf = run_command("SLURM_CONF=/nonexistent/slurm.conf " + slate + " run " +
                                         quote(scratch.file("plan.json")) + " --on slurm",
                                     scratch);
    if (have_program("sbatch")) {
        EXPECT_EQ(no_conf.exit_code, 2);
        EXPECT_NE(no_conf.err.find("/nonexistent/slurm.conf"), std::string::npos) << no_conf.err;
    }
}

}  // namespace
}  // namespace media::test
