// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "media/color/color_pipeline.h"
#include "media/color/color_processor.h"
#include "media/core/device.h"
#include "media/core/rational.h"
#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/grade/composite.h"
#include "media/grade/scopes.h"
#include "media/io/sequence_pattern.h"

namespace media {
struct SourceSummary;
}

namespace media::grade {

/// The colour options of `slate grade`, as plain text (what the command line says). Steps are
/// built in a fixed order: CDL -> look -> LUTs -> conversion (`from`/`to` or OCIO), so the CDL
/// and show LUTs see the camera encoding, as on set.
struct GradePipelineOptions {
    std::string from;  ///< built-in colour space (color_space.h), or "auto": the source's tags
    std::string to;    ///< built-in colour space
    std::string ocio_config;  ///< OCIO config file; empty: $OCIO (when any OCIO option is given)
    std::string ocio_src;     ///< OCIO colour space or role of the input
    std::string ocio_dst;     ///< OCIO colour space out (or display + view)
    std::string display;      ///< OCIO display (empty with a view: the config's default display)
    std::string view;         ///< OCIO view (empty with a display: the display's first view)
    std::string ocio_looks;   ///< OCIO look names, comma separated
    std::string cdl;          ///< .cdl, .cc, .ccc or CMX3600 .edl with *ASC_SOP comments
    std::string cdl_id;       ///< correction id (.ccc/.cdl); .edl: clip name, reel or event number
    std::string look;         ///< built-in look name or look file (.yaml)
    std::vector<std::string> luts;              ///< LUT files, applied in order
    std::string interpolation = "tetrahedral";  ///< LUT steps: "tetrahedral" or "linear"

    /// True when an OCIO transform is asked for (any of the OCIO fields is set).
    bool uses_ocio() const;
};

/// Builds the pipeline the options describe, checking every file and name on the way: CDL
/// values, look and LUT files, built-in colour spaces, the OCIO config and the names in it.
/// `first_source` (may be null) is the first input: `from == "auto"` reads its colour tags, and
/// an HDR source's MaxCLL / mastering peak sets the tone mapper's source peak. Errors name the
/// file (and line) or the name at fault.
Result<color::ColorPipelineDesc> build_grade_pipeline(const GradePipelineOptions& options,
                                                      const SourceSummary* first_source);

/// Samples a pipeline into a 3D LUT and writes it as a .cube (temporary name, then renamed).
/// An existing file is an error unless `overwrite`.
Result<void> bake_grade_lut(const color::ColorPipelineDesc& pipeline, const std::string& path,
                            const color::BakeOptions& options, bool overwrite = false,
                            DevicePolicy device = DevicePolicy::Auto);

/// The clip name outputs are named after (media/io/sequence_pattern.h).
using media::clip_name_of;

/// What `slate grade` makes from one or more clips and one colour pipeline.
struct GradeRequest {
    std::vector<std::string> inputs;    ///< movies or image sequences
    color::ColorPipelineDesc pipeline;  ///< the grade (conversion, CDL, LUTs, OCIO...)
    std::string output_dir;             ///< every output goes here (created when missing)
    bool overwrite = false;  ///< replace existing outputs (else an error before any work)

    /// Stills: frame numbers ("120"), timecodes ("01:00:05:00"), "first", "middle", "last".
    /// Empty: no stills unless nothing else is asked for (then "middle").
    std::vector<std::string> at;
    std::string still_format = "png";  ///< png (8-bit), jpg, tif (16-bit), exr (half)

    int contact_sheet = 0;  ///< thumbnails per clip (0: no contact sheet); one sheet for all clips
    int contact_columns = 4;
    std::optional<CompareOptions> before_after;  ///< at each still's frame
    std::vector<ScopeKind> scopes;               ///< at each still's frame, of the graded picture

    double preview_seconds = 0;  ///< > 0: a graded H.264 preview of the clip's first N seconds
    int preview_max_width = 1920;

    Rational sequence_rate{24, 1};  ///< frame rate given to image sequence inputs
    DevicePolicy device = DevicePolicy::Auto;
    std::function<void(const std::string& line)> progress;  ///< one line per output written
};

/// One file written.
struct GradeOutput {
    std::string kind;  ///< "still", "contact_sheet", "before_after", "scope:waveform", "preview"
    std::string input;
    std::string path;
    std::optional<int64_t> frame;
    std::optional<Timecode> timecode;
};

struct GradeReport {
    std::vector<GradeOutput> outputs;
    int64_t nonfinite_pixels = 0;  ///< NaN/Inf pixels met on input (they pass through)
    std::string device;            ///< where the colour pipeline ran ("cpu (avx3)")
    std::string pipeline;          ///< describe() of the compiled pipeline
};

/// Decodes the asked frames, applies the pipeline with a ColorProcessor and writes the outputs
/// (temporary names, renamed when complete). Errors name the input or the output at fault.
Result<GradeReport> run_grade(const GradeRequest& request);

/// Output file name of a still: "<clip>_<frame, 7 digits>.<ext>" (kind "still"), with a suffix
/// for before/after ("_compare") and scopes ("_waveform"...).
std::string grade_output_name(const std::string& clip, int64_t frame, const std::string& suffix,
                              const std::string& extension);

}  // namespace media::grade
