// SPDX-License-Identifier: Apache-2.0
// `slate grade`: parse, build the colour pipeline (checking every file and name), then list,
// describe, bake and/or grade; report each output as text or one JSON document.
#include "grade/grade_command.h"

#include <cstdlib>
#include <iostream>
#include <variant>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/cli.h"
#include "grade/grade_args.h"
#include "media/color/color_processor.h"
#include "media/color/color_space.h"
#include "media/grade/grade.h"
#include "media/io/media_source.h"

namespace slate {
namespace {

namespace grade = media::grade;
namespace color = media::color;

int list_spaces(const GradeSettings& settings) {
    std::cout << "Built-in colour spaces (--from / --to):\n";
    for (const color::ColorSpaceInfo& space : color::color_space_table())
        std::cout << fmt::format("  {:<16} {}{}{}\n", space.name, space.title,
                                 space.display_referred ? "  [display]" : "",
                                 space.hdr ? "  [HDR]" : "");
    std::cout << "  auto             (--from only) the first input's colour tags\n";
    const auto looks = color::builtin_look_names();
    std::cout << fmt::format("Built-in looks (--look): {}\n",
                             looks.empty() ? "(none)" : fmt::format("{}", fmt::join(looks, ", ")));
    const char* env = std::getenv("OCIO");
    if (settings.pipeline.ocio_config.empty() && (env == nullptr || *env == '\0')) return kExitOk;
    auto config = color::load_ocio_config(settings.pipeline.ocio_config);
    if (!config) return report_error("grade", config.error());
    std::cout << fmt::format("OCIO config {}{}\n", config->path,
                             config->description.empty() ? "" : ": " + config->description);
    std::cout << "  colour spaces (--src / --dst):\n";
    for (const auto& name : config->color_spaces) std::cout << "    " << name << '\n';
    if (!config->roles.empty())
        std::cout << fmt::format("  roles: {}\n", fmt::join(config->roles, ", "));
    std::cout << fmt::format("  displays and views (--display / --view), default {}:\n",
                             config->default_display);
    for (size_t i = 0; i < config->displays.size(); ++i)
        std::cout << fmt::format(
            "    {}: {}\n", config->displays[i],
            i < config->views.size() ? fmt::format("{}", fmt::join(config->views[i], ", ")) : "");
    std::cout << fmt::format(
        "  looks (--ocio-look): {}\n",
        config->looks.empty() ? "(none)" : fmt::format("{}", fmt::join(config->looks, ", ")));
    return kExitOk;
}

// Lines of `text`, each indented by two spaces and ended; `empty` when there are none.
std::string indented(const std::string& text, const std::string& empty) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.find('\n', start), text.size());
        if (end > start) out += "  " + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out.empty() ? "  " + empty + "\n" : out;
}

nlohmann::json output_json(const grade::GradeOutput& output) {
    return {
        {"kind", output.kind},
        {"input", output.input.empty() ? nlohmann::json(nullptr) : nlohmann::json(output.input)},
        {"path", output.path},
        {"frame", output.frame ? nlohmann::json(*output.frame) : nullptr},
        {"timecode", output.timecode ? nlohmann::json(output.timecode->to_string()) : nullptr}};
}

}  // namespace

int run_grade(const std::vector<std::string>& args) {
    auto parsed = parse_grade_args(args);
    if (const auto* exit = std::get_if<ParseExit>(&parsed)) return finish(*exit);
    const auto& settings = std::get<GradeSettings>(parsed);
    if (settings.list_spaces) return list_spaces(settings);
    if (auto device = settle_device("grade", settings.device_name); !device)
        return report_error("grade", device.error());
    const media::Rational sequence_rate =
        media::Rational::parse(settings.sequence_rate).value_or(media::Rational(24, 1));

    // The first input's tags drive --from auto and an HDR source's tone-mapping peak.
    std::optional<media::SourceSummary> first;
    if (!settings.pipeline.from.empty() && !settings.inputs.empty()) {
        media::SourceOptions options;
        options.sequence_rate = sequence_rate;
        auto source = media::MediaSource::open(settings.inputs.front(), options);
        if (!source) return report_error("grade", source.error());
        first = source->summary();
    }
    auto pipeline = grade::build_grade_pipeline(settings.pipeline, first ? &*first : nullptr);
    if (!pipeline) return report_error("grade", pipeline.error());

    if (settings.describe) {
        auto processor = color::ColorProcessor::create(*pipeline, settings.device);
        if (!processor) return report_error("grade", processor.error());
        if (settings.json) {
            std::cout << nlohmann::json{{"schema", "slate.grade.describe"},
                                        {"version", 1},
                                        {"steps", color::describe(*pipeline)},
                                        {"compiled", processor->describe()},
                                        {"device", processor->device()},
                                        {"backend", processor->backend()}}
                             .dump(2)
                      << '\n';
            return kExitOk;
        }
        std::cout << "Steps (CDL -> look -> LUTs -> conversion):\n"
                  << indented(color::describe(*pipeline), "(none)");
        std::cout << fmt::format("Compiled ({} {}):\n", processor->device(), processor->backend())
                  << indented(processor->describe(), "(no-op)");
        return kExitOk;
    }

    nlohmann::json json{{"schema", "slate.grade"}, {"version", 1}};
    if (!settings.bake.empty()) {
        color::BakeOptions bake;
        bake.cube_size = settings.cube_size;
        auto baked = grade::bake_grade_lut(*pipeline, settings.bake, bake, settings.overwrite,
                                           settings.device);
        if (!baked) return report_error("grade", baked.error());
        json["bake"] = {{"path", settings.bake}, {"cube_size", settings.cube_size}};
        if (!settings.json)
            std::cout << fmt::format("{:<18} {} ({}^3)\n", "bake", settings.bake,
                                     settings.cube_size);
    }
    if (!settings.inputs.empty()) {
        grade::GradeRequest request;
        request.inputs = settings.inputs;
        request.pipeline = *pipeline;
        request.output_dir = settings.output_dir;
        request.overwrite = settings.overwrite;
        request.at = settings.at;
        request.still_format = settings.format;
        request.contact_sheet = settings.contact_sheet;
        request.contact_columns = settings.columns;
        if (settings.before_after) {
            grade::CompareOptions compare;
            compare.layout = *settings.before_after;
            request.before_after = compare;
        }
        request.scopes = settings.scopes;
        request.preview_seconds = settings.preview_seconds;
        request.preview_max_width = settings.preview_width;
        request.sequence_rate = sequence_rate;
        request.device = settings.device;
        if (!settings.json)
            request.progress = [](const std::string& line) { std::cout << line << std::endl; };
        auto report = grade::run_grade(request);
        if (!report) return report_error("grade", report.error());
        nlohmann::json outputs = nlohmann::json::array();
        for (const auto& output : report->outputs) outputs.push_back(output_json(output));
        json["outputs"] = outputs;
        json["nonfinite_pixels"] = report->nonfinite_pixels;
        json["device"] = report->device;
        json["pipeline"] = report->pipeline;
        if (!settings.json) {
            std::cout << fmt::format("{} outputs, colour on {}\n", report->outputs.size(),
                                     report->device);
            if (report->nonfinite_pixels > 0)
                std::cout << fmt::format("{} pixels with NaN/Inf (passed through)\n",
                                         report->nonfinite_pixels);
        }
    }
    if (settings.json) std::cout << json.dump(2) << '\n';
    return kExitOk;
}

}  // namespace slate
