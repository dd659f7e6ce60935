// SPDX-License-Identifier: Apache-2.0
// `slate run`: load a job plan, run it locally or on Slurm, print the table and the failures.
#include "run/run_command.h"

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <variant>

#include "common/cli.h"
#include "media/batch/plan_runner.h"
#include "media/core/text_file.h"
#include "run/run_args.h"

namespace slate {
namespace {

std::atomic<bool> g_cancel{false};

extern "C" void on_run_interrupt(int) {
    g_cancel.store(true);
}

media::batch::RunPlanOptions options_from(const RunSettings& settings,
                                          const std::string& plan_path) {
    media::batch::RunPlanOptions options;
    options.engine =
        settings.on == "slurm" ? media::batch::Engine::Slurm : media::batch::Engine::Local;
    options.plan_path = plan_path;
    options.slate =
        settings.slate.empty() ? std::string() : std::filesystem::absolute(settings.slate).string();
    options.resume = settings.resume;
    options.cores = settings.cores;
    options.sbatch_args = settings.sbatch_args;
    options.poll_seconds = settings.poll_seconds;
    options.cancel = &g_cancel;
    if (!settings.quiet)
        options.on_event = [](const std::string& line) {
            std::cerr << "slate run: " << line << std::endl;
        };
    return options;
}

int print_report(const RunSettings& settings, const media::batch::PlanRunReport& report) {
    if (!settings.json.empty()) {
        const std::string json = media::batch::run_report_json(report);
        if (settings.json == "-") {
            std::cout << json;
        } else if (auto written = media::write_text_file_atomically(settings.json, json);
                   !written) {
            return report_error("run", written.error());
        }
    }
    if (!settings.quiet && settings.json != "-") std::cout << media::batch::run_report_text(report);
    for (const auto& failure : report.failures()) std::cerr << "slate run: " << failure << '\n';
    if (g_cancel.load()) std::cerr << "slate run: cancelled\n";
    return report.ok() ? kExitOk : kExitChecksFailed;
}

}  // namespace

int run_run(const std::vector<std::string>& args) {
    auto parsed = parse_run_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<RunSettings>(parsed);
    const std::string plan_path = std::filesystem::absolute(settings.plan).lexically_normal();
    auto plan = media::batch::load_plan(plan_path);
    if (!plan) return report_error("run", plan.error());

    std::signal(SIGINT, on_run_interrupt);
    std::signal(SIGTERM, on_run_interrupt);
    auto report = media::batch::run_plan(*plan, options_from(settings, plan_path));
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!report) return report_error("run", report.error());
    return print_report(settings, *report);
}

}  // namespace slate
