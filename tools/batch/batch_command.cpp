// SPDX-License-Identifier: Apache-2.0
// `slate batch`: gather clips, load presets, run the dailies batch, print the summary.
#include "batch/batch_command.h"

#include <csignal>
#include <fstream>
#include <iostream>
#include <variant>

#include <fmt/format.h>

#include "batch/batch_args.h"
#include "common/cli.h"
#include "media/batch/dailies_batch.h"
#include "media/batch/manifest.h"
#include "transcode/job_request.h"

namespace slate {
namespace {

std::atomic<bool> g_cancel{false};

extern "C" void on_interrupt(int) {
    g_cancel.store(true);
}

}  // namespace

int run_batch(const std::vector<std::string>& args) {
    auto parsed = parse_batch_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<BatchSettings>(parsed);

    media::batch::DailiesBatchOptions options;
    auto clips = media::batch::gather_clips(settings.inputs);
    if (!clips) return report_error("batch", clips.error());
    options.clips = std::move(*clips);
    for (const auto& name : settings.presets) {
        auto preset = media::transcode::find_preset(name);
        if (!preset) return report_error("batch", preset.error());
        options.presets.push_back(std::move(*preset));
    }
    if (auto device = settle_device("batch", settings.job.device); !device)
        return report_error("batch", device.error());
    auto job = request_template(settings.job);
    if (!job) return report_error("batch", job.error());
    options.job = std::move(*job);
    options.burnin = burnin_request(settings.job);
    options.cores = settings.cores;
    options.max_jobs = settings.jobs;
    options.progress = media::batch::progress_style_from_name(settings.progress)
                           .value_or(media::batch::ProgressStyle::Auto);
    options.dry_run = settings.job.dry_run;
    options.ale = !settings.no_ale;
    options.checksums = !settings.no_checksums;
    options.mhl = !settings.no_mhl;
    options.cancel = &g_cancel;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);

    auto report = media::batch::run_dailies_batch(options);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!report) return report_error("batch", report.error());
    if (settings.json) {
        std::ifstream summary(report->summary_json);
        if (options.dry_run || !summary) {
            std::cout << fmt::format(
                "{{\"schema\":\"slate.batch\",\"version\":1,\"dry_run\":{},"
                "\"jobs\":{}}}\n",
                options.dry_run, report->jobs.size());
        } else {
            std::cout << summary.rdbuf();
        }
    } else {
        std::cout << media::batch::format_batch_table(*report);
        for (const auto& ale : report->ale_files) std::cout << "ALE   " << ale << '\n';
        if (!report->mhl_manifest.empty()) std::cout << "MHL   " << report->mhl_manifest << '\n';
        if (!report->summary_json.empty()) std::cout << "summary " << report->summary_json << '\n';
    }
    return report->ok() ? kExitOk : kExitChecksFailed;
}

}  // namespace slate
