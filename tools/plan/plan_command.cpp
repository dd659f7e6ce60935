// SPDX-License-Identifier: Apache-2.0
#include "plan/plan_command.h"

#include <filesystem>
#include <iostream>
#include <variant>

#include <fmt/format.h>

#include "media/batch/farm_emitters.h"
#include "media/batch/manifest.h"
#include "media/batch/plan_builders.h"
#include "media/core/text_file.h"
#include "plan/plan_args.h"

namespace slate {
namespace {

namespace fs = std::filesystem;
using namespace media;

batch::PlanCommon common_of(const PlanSettings& s) {
    batch::PlanCommon common;
    common.name = s.name;
    common.output_dir = s.output_dir;
    common.work_dir = s.work_dir;
    common.cores_per_task = s.cores_per_task;
    common.memory_mb = s.memory_mb;
    common.max_parallel = s.max_parallel;
    common.max_attempts = s.retries + 1;
    return common;
}

Result<batch::JobPlan> build(const PlanSettings& s) {
    switch (s.kind) {
        case PlanSettings::Kind::Batch: {
            batch::BatchPlanRequest request;
            request.common = common_of(s);
            auto clips = batch::gather_clips(s.inputs);
            if (!clips) return clips.error();
            request.clips = std::move(*clips);
            request.presets = s.presets;
            request.transcode_args = s.transcode_args;
            return batch::make_batch_plan(request);
        }
        case PlanSettings::Kind::Encode: {
            batch::EncodePlanRequest request;
            request.common = common_of(s);
            request.input = s.inputs.front();
            request.preset = s.presets.front();
            request.chunks = s.chunks;
            request.chunk_seconds = s.chunk_seconds;
            request.decode_all = s.decode_all;
            request.transcode_args = s.transcode_args;
            return batch::make_encode_plan(request);
        }
        case PlanSettings::Kind::Qc: {
            batch::QcPlanRequest request;
            request.common = common_of(s);
            request.inputs = s.inputs;
            request.profile = s.profile;
            request.shards = s.shards;
            request.shard_seconds = s.shard_seconds;
            request.report_formats = s.reports;
            return batch::make_qc_plan(request);
        }
        case PlanSettings::Kind::Compare: {
            batch::ComparePlanRequest request;
            request.common = common_of(s);
            request.reference = s.inputs[0];
            request.distorted = s.inputs[1];
            request.compare_args = s.compare_args;
            request.merge_args = s.merge_args;
            request.shards = s.shards;
            request.shard_seconds = s.shard_seconds;
            request.report_formats = s.reports;
            return batch::make_compare_plan(request);
        }
        case PlanSettings::Kind::Emit:
            break;
    }
    return Error(ErrorCode::Internal, "plan: no plan kind");
}

void print_summary(const batch::JobPlan& plan, const std::string& where) {
    std::cout << fmt::format("plan {} ({}): {} step(s), written to {}\n", plan.name, plan.kind,
                             plan.steps.size(), where);
    for (size_t index : batch::step_order(plan)) {
        const batch::PlanStep& step = plan.steps[index];
        std::string after;
        if (!step.depends_on.empty())
            after = fmt::format(" after {}", fmt::join(step.depends_on, ", "));
        std::cout << fmt::format("  {:<10} {:>4} task(s) x {} core(s){}  {}\n", step.id,
                                 step.tasks.size(), step.resources.cores, after, step.title);
    }
    std::cout << fmt::format("work folder: {}\n", plan.work_dir);
}

int write_plan(const PlanSettings& s) {
    auto plan = build(s);
    if (!plan) return report_error("plan", plan.error());
    if (auto valid = batch::validate_plan(*plan, true); !valid)
        return report_error("plan", valid.error());
    if (s.plan_out.empty() || s.plan_out == "-") {
        std::cout << batch::plan_to_json(*plan);
        return kExitOk;
    }
    if (auto saved = batch::save_plan(*plan, s.plan_out); !saved)
        return report_error("plan", saved.error());
    if (!s.quiet) print_summary(*plan, s.plan_out);
    return kExitOk;
}

int emit(const PlanSettings& s) {
    const std::string& file = s.inputs.front();
    auto plan = batch::load_plan(file);
    if (!plan) return report_error("plan", plan.error());
    batch::EmitOptions options;
    std::error_code ec;
    options.plan_path = s.plan_path.empty() ? fs::absolute(file, ec).string() : s.plan_path;
    options.slate = s.slate;
    if (s.format == "deadline") {
        fs::create_directories(s.plan_out, ec);
        if (ec)
            return report_error(
                "plan", Error(ErrorCode::IoError, fmt::format("{}: {}", s.plan_out, ec.message())));
        for (const batch::DeadlineJob& job : batch::emit_deadline(*plan, options)) {
            for (const auto& [suffix, text] : {std::pair{"job_info", &job.job_info},
                                               std::pair{"plugin_info", &job.plugin_info}}) {
                const fs::path path =
                    fs::path(s.plan_out) / fmt::format("{}.{}.txt", job.step, suffix);
                if (auto written = write_text_file_atomically(path.string(), *text); !written)
                    return report_error("plan", written.error());
                if (!s.quiet) std::cout << path.string() << '\n';
            }
        }
        return kExitOk;
    }
    const std::string text = s.format == "openjd" ? batch::emit_openjd(*plan, options)
                                                  : batch::emit_opencue(*plan, options);
    if (s.plan_out.empty() || s.plan_out == "-") {
        std::cout << text;
        return kExitOk;
    }
    if (auto written = write_text_file_atomically(s.plan_out, text); !written)
        return report_error("plan", written.error());
    if (!s.quiet) std::cout << s.plan_out << '\n';
    return kExitOk;
}

}  // namespace

int run_plan(const std::vector<std::string>& args) {
    auto parsed = parse_plan_args(args);
    if (auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const PlanSettings& settings = std::get<PlanSettings>(parsed);
    return settings.kind == PlanSettings::Kind::Emit ? emit(settings) : write_plan(settings);
}

}  // namespace slate
