// SPDX-License-Identifier: Apache-2.0
// `slate transcode`: parse, build one request per input, plan (and print with --dry-run) or run,
// report each output; exit code from the worst outcome.
#include "transcode/transcode_command.h"

#include <iostream>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/cli.h"
#include "media/transcode/transcode.h"
#include "transcode/job_request.h"
#include "transcode/transcode_args.h"

namespace slate {
namespace {

namespace tc = media::transcode;

nlohmann::json plan_json(const tc::TranscodePlan& plan) {
    return {{"input", plan.input},
            {"clip", plan.clip},
            {"reel", plan.reel},
            {"output", plan.output},
            {"output_exists", plan.output_exists},
            {"codec", plan.codec},
            {"pixel_format", std::string(media::info(plan.pixel_format).name)},
            {"width", plan.width},
            {"height", plan.height},
            {"frame_rate", plan.frame_rate.to_string()},
            {"start_timecode",
             plan.start_timecode ? nlohmann::json(plan.start_timecode->to_string()) : nullptr},
            {"scale", plan.scale},
            {"look", plan.look},
            {"audio", plan.audio},
            {"burnins", plan.burnins},
            {"frame_range",
             plan.frames ? nlohmann::json(media::format_frame_range(*plan.frames)) : nullptr},
            {"audio_only", plan.audio_only}};
}

int list_presets() {
    for (const auto& name : tc::builtin_preset_names()) {
        auto preset = tc::find_preset(name);
        std::cout << fmt::format("{:<20} {}\n", name, preset ? preset->description : "(invalid)");
    }
    return kExitOk;
}

}  // namespace

int run_transcode(const std::vector<std::string>& args) {
    auto parsed = parse_transcode_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<TranscodeSettings>(parsed);
    if (settings.list_presets) return list_presets();

    auto preset = tc::find_preset(settings.preset);
    if (!preset) return report_error("transcode", preset.error());
    if (auto device = settle_device("transcode", settings.job.device); !device)
        return report_error("transcode", device.error());
    auto base = request_template(settings.job);
    if (!base) return report_error("transcode", base.error());
    base->burnin = tc::compose_burnins(preset->burnin, burnin_request(settings.job));

    nlohmann::json outputs = nlohmann::json::array();
    int exit_code = kExitOk;
    for (const auto& input : settings.inputs) {
        tc::TranscodeRequest request = *base;
        request.input = input;
        request.preset = *preset;
        request.clip = settings.clip;
        request.reel = settings.reel;
        request.frames = settings.frames;
        request.audio = settings.audio_only ? tc::AudioScope::Only
                        : settings.no_audio ? tc::AudioScope::None
                                            : tc::AudioScope::Whole;
        if (settings.job.dry_run) {
            auto plan = tc::plan_transcode(request);
            if (!plan) {
                exit_code = std::max(exit_code, report_error("transcode", plan.error()));
                outputs.push_back({{"input", input}, {"error", plan.error().to_string()}});
                continue;
            }
            if (settings.json)
                outputs.push_back(plan_json(*plan));
            else
                std::cout << plan->describe()
                          << (plan->output_exists && !request.overwrite
                                  ? "         (would fail: exists; "
                                    "--overwrite replaces it)\n"
                                  : "")
                          << '\n';
            continue;
        }
        auto result = tc::run_transcode(request);
        if (!result) {
            const bool check_failed = result.error().message().rfind("output check failed", 0) == 0;
            if (check_failed) {
                std::cerr << "slate transcode: error: " << result.error().to_string() << '\n';
                exit_code = std::max(exit_code, static_cast<int>(kExitChecksFailed));
            } else {
                exit_code = std::max(exit_code, report_error("transcode", result.error()));
            }
            outputs.push_back({{"input", input}, {"error", result.error().to_string()}});
            continue;
        }
        nlohmann::json entry = plan_json(result->plan);
        entry["frames"] = result->frames;
        entry["decode_errors"] = result->decode_errors;
        entry["seconds"] = result->seconds;
        entry["check"] = {{"ok", result->check.ok}, {"problems", result->check.problems}};
        outputs.push_back(entry);
        if (!settings.json && result->plan.audio_only) {
            std::cout << fmt::format("{} -> {}: audio {}{}, {:.1f} s\n", input, result->plan.output,
                                     result->plan.audio, request.verify ? ", checked" : "",
                                     result->seconds);
        } else if (!settings.json) {
            std::cout << fmt::format(
                "{} -> {}: {} frames{}{}, {:.1f} s\n", input, result->plan.output, result->frames,
                result->plan.start_timecode ? ", TC " + result->plan.start_timecode->to_string()
                                            : "",
                request.verify ? ", checked" : "", result->seconds);
            if (result->decode_errors > 0)
                std::cout << fmt::format("  {} decode errors tolerated (first: {})\n",
                                         result->decode_errors, result->first_decode_error);
        }
    }
    if (settings.json)
        std::cout << nlohmann::json{{"schema", "slate.transcode"},
                                    {"version", 1},
                                    {"dry_run", settings.job.dry_run},
                                    {"outputs", outputs}}
                         .dump(2)
                  << '\n';
    return exit_code;
}

}  // namespace slate
