// SPDX-License-Identifier: Apache-2.0
#include "grade/grade_args.h"

#include <algorithm>
#include <regex>

#include <CLI/CLI.hpp>

#include "media/core/rational.h"

namespace slate {
namespace {

constexpr const char* kFooter =
    R"(Colour (applied in this fixed order; CDL and show LUTs take the camera encoding,
as on set):
  1. --cdl FILE [--cdl-id ID]   ASC CDL (.cdl, .cc, .ccc) or CMX3600 .edl *ASC_SOP;
                                an .edl event is picked by clip name, reel or number
  2. --look NAME|FILE           built-in look (presets/looks) or look file (.yaml)
  3. --lut FILE                 LUT files (.cube, .3dl, .spi1d, .spi3d), repeatable
  4. conversion: --from SPACE --to SPACE (built-in spaces, see --list-spaces;
     --from auto reads the first input's colour tags), or OpenColorIO:
     --ocio-config FILE (else $OCIO) --src SPACE with --dst SPACE or
     --display D --view V, and --ocio-look NAMES

Outputs (in OUTDIR, named <clip>_<frame, 7 digits>[_suffix].<ext>):
  --at FRAME|TIMECODE|first|middle|last   graded stills (FRAME counts from 0)
  --before-after split|side    ungraded | graded at each --at frame (_compare)
  --scopes waveform,parade,vectorscope,histogram   of the graded picture (_waveform...)
  --contact-sheet N            N thumbnails per clip, one sheet for all inputs
                               (contact_sheet.<ext>)
  --preview SECONDS            graded H.264 of the first seconds (<clip>_preview.mp4)
  Without --at, before/after and scopes use the middle frame, and with nothing else
  asked a still of the middle frame is written.
  --bake OUT.cube              the pipeline sampled into a 3D LUT (no input needed)

Existing outputs are an error before any work unless --overwrite. NaN/Inf pixels
pass through and are counted.

Exit codes:
  0  every output was written
  2  an input, LUT, CDL, look or OCIO config was unreadable, or an output could not
     be written
  3  usage error)";

bool is_at_value(const std::string& at) {
    static const std::regex pattern(R"(\d+|first|middle|last|\d\d[:;.]\d\d[:;.]\d\d[:;.]\d\d)");
    return std::regex_match(at, pattern);
}

ParseExit usage(const std::string& message) {
    return ParseExit{kExitUsage, "slate grade: " + message + "\n"};
}

}  // namespace

ParseResult<GradeSettings> parse_grade_args(const std::vector<std::string>& args) {
    GradeSettings s;
    media::grade::GradePipelineOptions& p = s.pipeline;
    CLI::App app("Graded stills, contact sheets, before/after, scopes and previews; bake LUTs.",
                 "slate grade");
    app.add_option("inputs", s.inputs, "Media files or image sequence patterns");
    app.add_option("-o,--output", s.output_dir, "Output folder (created when missing)");

    app.add_option("--from", p.from, "Built-in colour space of the input, or auto (its tags)");
    app.add_option("--to", p.to, "Built-in colour space of the output");
    app.add_option("--ocio-config", p.ocio_config, "OpenColorIO config (default: $OCIO)");
    app.add_option("--src", p.ocio_src, "OCIO colour space (or role) of the input");
    app.add_option("--dst", p.ocio_dst, "OCIO colour space of the output");
    app.add_option("--display", p.display, "OCIO display (default: the config's)");
    app.add_option("--view", p.view, "OCIO view (default: the display's first)");
    app.add_option("--ocio-look", p.ocio_looks, "OCIO looks, comma separated");
    app.add_option("--cdl", p.cdl, "ASC CDL file (.cdl, .cc, .ccc) or CMX3600 .edl");
    app.add_option("--cdl-id", p.cdl_id, "Correction id (.ccc/.cdl) or event (.edl)");
    app.add_option("--look", p.look, "Built-in look name or look file (.yaml)");
    // One value per flag: a following input file must never become a LUT.
    app.add_option("--lut", p.luts, "LUT file (repeatable, applied in order)")
        ->allow_extra_args(false);
    std::string interp = "tetrahedral";
    app.add_option("--interp", interp, "3D LUT interpolation")
        ->check(CLI::IsMember({"tetrahedral", "trilinear"}));
    app.add_flag("--describe", s.describe, "Print the compiled colour pipeline and exit");
    app.add_flag("--list-spaces", s.list_spaces,
                 "Print the built-in colour spaces (and the OCIO config's) and exit");

    app.add_option("--at", s.at, "Still at FRAME, TIMECODE, first, middle or last (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--format", s.format, "Still format: png (8-bit), jpg, tif (16-bit), exr (half)")
        ->check(CLI::IsMember({"png", "jpg", "tif", "exr"}));
    app.add_option("--contact-sheet", s.contact_sheet, "Contact sheet of N thumbnails per clip")
        ->check(CLI::Range(1, 1000));
    app.add_option("--columns", s.columns, "Contact sheet columns")->check(CLI::Range(1, 100));
    std::string before_after;
    app.add_option("--before-after", before_after, "Ungraded vs graded: split or side")
        ->check(CLI::IsMember({"split", "side"}));
    std::vector<std::string> scopes;
    app.add_option("--scopes", scopes, "waveform, parade, vectorscope, histogram (comma list)")
        ->delimiter(',')
        ->allow_extra_args(false);
    app.add_option("--preview", s.preview_seconds, "Graded H.264 preview of the first SECONDS")
        ->check(CLI::Range(0.001, 86400.0));
    app.add_option("--preview-width", s.preview_width, "Preview width at most (default 1920)")
        ->check(CLI::Range(16, 16384));

    app.add_option("--bake", s.bake, "Write the pipeline as a 3D LUT (.cube)");
    app.add_option("--cube-size", s.cube_size, "Baked LUT edge (default 33)")
        ->check(CLI::Range(2, 256));

    add_device_option(app, s.device_name);
    app.add_option("--rate", s.sequence_rate,
                   "Frame rate of image sequence inputs (24, 25, 23.976, 24000/1001...)");
    app.add_flag("--overwrite", s.overwrite, "Replace outputs that exist");
    app.add_flag("--json", s.json, "Print one JSON document (schema slate.grade)");
    app.footer(kFooter);

    ParseExit exit = parse_with(app, args);
    if (exit.code >= 0) return exit;

    p.interpolation = interp == "trilinear" ? "linear" : "tetrahedral";
    s.device = device_policy(s.device_name);
    if (before_after == "split") s.before_after = media::grade::CompareLayout::SplitWipe;
    if (before_after == "side") s.before_after = media::grade::CompareLayout::SideBySide;
    for (const std::string& name : scopes) {
        const auto kind = media::grade::scope_from_name(name);
        if (!kind)
            return usage("--scopes: unknown scope '" + name +
                         "' (waveform, parade, vectorscope, histogram)");
        if (std::find(s.scopes.begin(), s.scopes.end(), *kind) == s.scopes.end())
            s.scopes.push_back(*kind);
    }
    for (const std::string& at : s.at)
        if (!is_at_value(at))
            return usage("--at '" + at +
                         "': use a frame number, a timecode (HH:MM:SS:FF), first, middle or last");
    const auto rate = media::Rational::parse(s.sequence_rate);
    if (!rate || rate->num() <= 0 || rate->den() <= 0)
        return usage("--rate: not a frame rate: '" + s.sequence_rate + "'");
    if (s.list_spaces) return s;

    const bool builtin = !p.from.empty() || !p.to.empty();
    if (builtin && (p.from.empty() || p.to.empty())) return usage("--from and --to go together");
    if (builtin && p.uses_ocio())
        return usage("--from/--to and the OCIO options are two ways of converting: use one");
    const bool display_view = !p.display.empty() || !p.view.empty();
    if (!p.ocio_dst.empty() && display_view) return usage("give --dst or --display/--view");
    if (p.uses_ocio() && p.ocio_src.empty())
        return usage("an OCIO transform needs --src (the input's colour space)");
    if (!p.ocio_src.empty() && p.ocio_dst.empty() && !display_view)
        return usage("--src needs --dst or --display/--view");
    if (!p.cdl_id.empty() && p.cdl.empty()) return usage("--cdl-id needs --cdl");
    if (!s.bake.empty()) {
        const auto dot = s.bake.rfind('.');
        std::string ext = dot == std::string::npos ? "" : s.bake.substr(dot);
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (ext != ".cube") return usage("--bake writes a .cube file: '" + s.bake + "'");
    }
    if (s.describe) return s;
    if (s.inputs.empty() && s.bake.empty()) return usage("no input given");
    if (!s.inputs.empty() && s.output_dir.empty()) return usage("--output is required");
    return s;
}

}  // namespace slate
