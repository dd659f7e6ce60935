// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "media/color/matrix.h"
#include "media/color/tone_map.h"
#include "media/color/transfer.h"
#include "media/core/result.h"

namespace media::color {

/// ASC CDL values (ASC Color Decision List v1.2): out = clamp(in * slope + offset) ^ power,
/// then saturation around Rec.709 luma, then clamp (to 0..1, as the ASC specifies).
/// An identity CDL is skipped when a processor is built: it does not clamp.
struct CdlValues {
    std::array<double, 3> slope{1.0, 1.0, 1.0};
    std::array<double, 3> offset{0.0, 0.0, 0.0};
    std::array<double, 3> power{1.0, 1.0, 1.0};
    double saturation = 1.0;
    std::string id;  ///< ColorCorrection id, when the file gave one
    bool is_identity() const;
};

/// A transform from a studio's OpenColorIO config: src -> dst colour space, or src -> a
/// display/view, with optional looks.
struct OcioTransform {
    std::string config;  ///< the config file; empty: $OCIO
    std::string src;     ///< colour space (or role) name
    std::string dst;     ///< colour space, when no display/view is given
    std::string display;
    std::string view;
    std::string looks;  ///< look names, comma separated, applied before the view
};

/// One step of a colour pipeline.
struct ColorStep {
    enum class Kind {
        Lut,         ///< a LUT file (.cube, .3dl, .spi1d, .spi3d)
        Cdl,         ///< ASC CDL values
        ToLinear,    ///< decode `transfer` (encoded -> linear)
        FromLinear,  ///< encode `transfer` (linear -> encoded)
        Matrix,      ///< out = matrix * in + offset (gamut conversions, exposure, Y'CbCr...)
        ToneMap,     ///< BT.2390 EETF on display light (see ToneMapper)
        HlgOotf,     ///< BT.2100 HLG OOTF (scene -> display light); `inverse` undoes it
        Ocio,        ///< a transform of an OpenColorIO config
    };
    Kind kind = Kind::Lut;
    std::string path;  ///< Lut: the file
    bool inverse = false;
    std::string interpolation = "tetrahedral";  ///< Lut: "linear" (trilinear) or "tetrahedral"
    CdlValues cdl;                              ///< Cdl
    Transfer transfer = Transfer::Linear;       ///< ToLinear / FromLinear
    Matrix3 matrix = identity_matrix();         ///< Matrix
    Vec3 offset{0.0, 0.0, 0.0};                 ///< Matrix
    ToneMapDesc tone_map;                       ///< ToneMap
    double hlg_peak_nits = 1000.0;              ///< HlgOotf
    double hlg_system_gamma = 0.0;              ///< HlgOotf; 0: from the peak (BT.2100)
    OcioTransform ocio;                         ///< Ocio
    std::string label;  ///< what describe() prints for it ("AWG3 -> Rec.709"); may be empty
};

/// A colour pipeline as plain data (what presets, looks, `--from/--to`, `--lut/--cdl/--look`
/// describe); steps apply in order to RGB.
struct ColorPipelineDesc {
    std::vector<ColorStep> steps;
    bool empty() const { return steps.empty(); }
    /// Appends the steps of another pipeline.
    void append(const ColorPipelineDesc& more);
};

/// One line per step ("LogC3 -> linear", "CDL slope 1.1 1 0.9 ...", "LUT show.cube (tetrahedral)").
std::string describe(const ColorPipelineDesc& desc);

/// Checks CDL values are finite and in a sane range (slope 0..100, offset -10..10, power over 0
/// up to 100, saturation 0..100). InvalidArgument naming the value at fault.
Result<void> check_cdl(const CdlValues& cdl);

/// Reads ASC CDL values from a .cdl (ColorDecisionList), .cc (ColorCorrection) or .ccc
/// (ColorCorrectionCollection) file, or from a CMX3600 .edl's *ASC_SOP / *ASC_SAT comments.
/// `id` picks a correction by id in a .ccc/.cdl holding more than one, or an .edl event by clip
/// name, reel name or event number ("3" or "003"); empty: the first. Errors name the file and
/// the element or line at fault; an unknown id lists the ids present.
Result<CdlValues> load_cdl(const std::string& path, const std::string& id = {});

/// Checks a LUT file can be read (parsed fully, sizes sane) without applying it (read_lut_file in
/// lut.h). NotFound for a missing file; InvalidArgument "file:line: ..." for a malformed one.
Result<void> check_lut_file(const std::string& path);

/// Folder of the built-in looks: $SLATE_PRESETS_DIR/looks or the source tree's presets/looks.
std::string looks_dir();
/// A look by name (presets/looks/<name>.yaml, schema "slate.look" v1: a list of `lut:`/`cdl:`
/// steps whose relative paths resolve against the look's folder) or by path to such a file.
Result<ColorPipelineDesc> load_look(const std::string& name_or_path);
/// Names of the built-in looks, sorted.
std::vector<std::string> builtin_look_names();

}  // namespace media::color
