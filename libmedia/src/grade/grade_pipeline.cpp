// SPDX-License-Identifier: Apache-2.0
// The colour options of `slate grade` turned into a checked ColorPipelineDesc, LUT bakes, and
// clip names.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string_view>

#include <fmt/format.h>

#include "media/color/color_space.h"
#include "media/color/lut.h"
#include "media/grade/grade.h"
#include "media/io/media_source.h"

namespace media::grade {
namespace {

namespace fs = std::filesystem;

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool contains_name(const std::vector<std::string>& names, std::string_view name) {
    return std::any_of(names.begin(), names.end(),
                       [&](const std::string& known) { return same_name(known, name); });
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return std::string(text);
}

Result<color::ColorStep> cdl_step(const GradePipelineOptions& options) {
    // .cdl/.cc/.ccc by id, .edl by clip, reel or event number.
    MEDIA_TRY_ASSIGN(color::CdlValues values, color::load_cdl(options.cdl, options.cdl_id));
    if (auto checked = color::check_cdl(values); !checked)
        return std::move(checked).error().with_file(options.cdl);
    color::ColorStep step;
    step.kind = color::ColorStep::Kind::Cdl;
    step.cdl = values;
    step.path = options.cdl;
    return step;
}

// The tone mapper's source peak from what an HDR source declares (MaxCLL, else ST 2086 max).
color::ConversionOptions conversion_options(const SourceSummary* source) {
    color::ConversionOptions options;
    if (source == nullptr) return options;
    const ColorInfo& color = source->video.color;
    if (color.content_light && color.content_light->max_cll > 0)
        options.tone_map.source_peak_nits = color.content_light->max_cll;
    else if (color.mastering_display && color.mastering_display->max_luminance > 0)
        options.tone_map.source_peak_nits = color.mastering_display->max_luminance;
    return options;
}

Result<color::ColorPipelineDesc> builtin_step(const GradePipelineOptions& options,
                                              const SourceSummary* source) {
    std::string from = options.from;
    if (same_name(from, "auto")) {
        if (source == nullptr)
            return Error(ErrorCode::InvalidArgument,
                         "--from auto reads the input's colour tags: give an input");
        const auto space = color::color_space_from_tags(source->video.color);
        if (!space)
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("--from auto: no built-in colour space for the input's tags "
                                     "(primaries {}, transfer {}); name it with --from",
                                     to_string(source->video.color.primaries),
                                     to_string(source->video.color.transfer)));
        from = std::string(space->name);
    }
    return color::builtin_conversion(from, options.to, conversion_options(source));
}

Result<std::string> check_ocio_name(const color::OcioConfigInfo& config, const std::string& name,
                                    const char* what) {
    if (contains_name(config.color_spaces, name) || contains_name(config.roles, name)) return name;
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("{}: no colour space or role '{}' in the OCIO config (it has: {})",
                             what, name, fmt::join(config.color_spaces, ", ")))
        .with_file(config.path);
}

Result<color::ColorStep> ocio_step(const GradePipelineOptions& options) {
    MEDIA_TRY_ASSIGN(const color::OcioConfigInfo config,
                     color::load_ocio_config(options.ocio_config));
    color::OcioTransform transform;
    transform.config = config.path;
    if (options.ocio_src.empty())
        return Error(ErrorCode::InvalidArgument,
                     "an OCIO transform needs --src (the input's colour space)");
    MEDIA_TRY_ASSIGN(transform.src, check_ocio_name(config, options.ocio_src, "--src"));
    const bool display_view = !options.display.empty() || !options.view.empty();
    if (!options.ocio_dst.empty() && display_view)
        return Error(ErrorCode::InvalidArgument, "give --dst or --display/--view, not both");
    if (options.ocio_dst.empty() && !display_view)
        return Error(ErrorCode::InvalidArgument,
                     "an OCIO transform needs --dst or --display/--view");
    std::string label;
    if (!options.ocio_dst.empty()) {
        MEDIA_TRY_ASSIGN(transform.dst, check_ocio_name(config, options.ocio_dst, "--dst"));
        label = fmt::format("OCIO {} -> {}", transform.src, transform.dst);
    } else {
        transform.display = options.display.empty() ? config.default_display : options.display;
        const auto display = std::find_if(
            config.displays.begin(), config.displays.end(),
            [&](const std::string& known) { return same_name(known, transform.display); });
        if (display == config.displays.end())
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("--display: no display '{}' in the OCIO config (it has: {})",
                                     transform.display, fmt::join(config.displays, ", ")))
                .with_file(config.path);
        const auto index = static_cast<size_t>(display - config.displays.begin());
        const std::vector<std::string> views =
            index < config.views.size() ? config.views[index] : std::vector<std::string>{};
        transform.view = options.view.empty() && !views.empty() ? views.front() : options.view;
        if (!contains_name(views, transform.view))
            return Error(ErrorCode::InvalidArgument,
                         fmt::format("--view: display '{}' has no view '{}' (it has: {})",
                                     transform.display, transform.view, fmt::join(views, ", ")))
                .with_file(config.path);
        label = fmt::format("OCIO {} -> {} / {}", transform.src, transform.display, transform.view);
    }
    if (!options.ocio_looks.empty()) {
        std::string_view rest = options.ocio_looks;
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            std::string name = trimmed(rest.substr(0, comma));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
            // OCIO look syntax: "+look" applies it, "-look" its inverse.
            if (!name.empty() && (name.front() == '+' || name.front() == '-')) name.erase(0, 1);
            if (name.empty()) continue;
            if (!contains_name(config.looks, name))
                return Error(
                           ErrorCode::InvalidArgument,
                           fmt::format("--ocio-look: no look '{}' in the OCIO config (it has: {})",
                                       name, fmt::join(config.looks, ", ")))
                    .with_file(config.path);
        }
        transform.looks = options.ocio_looks;
        label += " (looks " + options.ocio_looks + ")";
    }
    color::ColorStep step;
    step.kind = color::ColorStep::Kind::Ocio;
    step.ocio = transform;
    step.label = label;
    return step;
}

}  // namespace

bool GradePipelineOptions::uses_ocio() const {
    return !ocio_config.empty() || !ocio_src.empty() || !ocio_dst.empty() || !display.empty() ||
           !view.empty() || !ocio_looks.empty();
}

Result<color::ColorPipelineDesc> build_grade_pipeline(const GradePipelineOptions& options,
                                                      const SourceSummary* first_source) {
    if (options.interpolation != "tetrahedral" && options.interpolation != "linear")
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("LUT interpolation '{}': use tetrahedral or linear",
                                 options.interpolation));
    const bool builtin = !options.from.empty() || !options.to.empty();
    if (builtin && options.uses_ocio())
        return Error(ErrorCode::InvalidArgument,
                     "--from/--to and the OCIO options (--ocio-config, --src, --dst, --display, "
                     "--view, --ocio-look) are two ways of converting: use one");
    if (builtin && (options.from.empty() || options.to.empty()))
        return Error(ErrorCode::InvalidArgument, "--from and --to go together");

    color::ColorPipelineDesc desc;
    if (!options.cdl.empty()) {
        MEDIA_TRY_ASSIGN(color::ColorStep step, cdl_step(options));
        desc.steps.push_back(std::move(step));
    }
    if (!options.look.empty()) {
        MEDIA_TRY_ASSIGN(const color::ColorPipelineDesc look, color::load_look(options.look));
        desc.append(look);
    }
    for (const std::string& lut : options.luts) {
        MEDIA_TRY(color::check_lut_file(lut));
        color::ColorStep step;
        step.kind = color::ColorStep::Kind::Lut;
        step.path = lut;
        step.interpolation = options.interpolation;
        desc.steps.push_back(std::move(step));
    }
    if (builtin) {
        MEDIA_TRY_ASSIGN(const color::ColorPipelineDesc conversion,
                         builtin_step(options, first_source));
        desc.append(conversion);
    } else if (options.uses_ocio()) {
        MEDIA_TRY_ASSIGN(color::ColorStep step, ocio_step(options));
        desc.steps.push_back(std::move(step));
    }
    return desc;
}

Result<void> bake_grade_lut(const color::ColorPipelineDesc& pipeline, const std::string& path,
                            const color::BakeOptions& options, bool overwrite,
                            DevicePolicy device) {
    std::error_code ec;
    if (!overwrite && fs::exists(path, ec))
        return Error(ErrorCode::InvalidArgument, "exists (use --overwrite to replace it)")
            .with_file(path);
    MEDIA_TRY_ASSIGN(const color::ColorProcessor processor,
                     color::ColorProcessor::create(pipeline, device));
    color::BakeOptions bake = options;
    if (bake.title.empty()) bake.title = "slate grade";
    MEDIA_TRY_ASSIGN(const color::LutFile lut, processor.bake(bake));
    return color::write_cube_file(path, lut);
}

}  // namespace media::grade
