// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

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

/// One step of a colour pipeline.
struct ColorStep {
    enum class Kind {
        Lut,  ///< a LUT file (.cube 1D/3D; other formats OpenColorIO reads), trilinear/tetrahedral
        Cdl,  ///< ASC CDL values
    };
    Kind kind = Kind::Lut;
    std::string path;  ///< Lut: the file
    bool inverse = false;
    std::string interpolation = "tetrahedral";  ///< Lut: "linear", "tetrahedral", "best"
    CdlValues cdl;                              ///< Cdl
};

/// A colour pipeline as plain data (what presets, looks and `--lut/--cdl/--look` describe);
/// steps apply in order to display-referred RGB in 0..1.
struct ColorPipelineDesc {
    std::vector<ColorStep> steps;
    bool empty() const { return steps.empty(); }
};

/// Checks CDL values are finite and in a sane range (slope 0..100, offset -10..10, power over 0
/// up to 100, saturation 0..100). InvalidArgument naming the value at fault.
Result<void> check_cdl(const CdlValues& cdl);

/// Reads ASC CDL values from a .cdl (ColorDecisionList), .cc (ColorCorrection) or .ccc
/// (ColorCorrectionCollection) file. `id` picks a correction by id in a .ccc/.cdl holding more
/// than one (empty: the first). Errors name the file and the element at fault.
Result<CdlValues> load_cdl(const std::string& path, const std::string& id = {});

/// Checks a LUT file can be read (parsed fully by OpenColorIO, sizes sane) without applying it.
/// NotFound for a missing file; InvalidArgument naming the file (and the line, where
/// OpenColorIO reports one) for a malformed one.
Result<void> check_lut_file(const std::string& path);

/// Folder of the built-in looks: $SLATE_PRESETS_DIR/looks or the source tree's presets/looks.
std::string looks_dir();
/// A look by name (presets/looks/<name>.yaml, schema "slate.look" v1: a list of `lut:`/`cdl:`
/// steps whose relative paths resolve against the look's folder) or by path to such a file.
Result<ColorPipelineDesc> load_look(const std::string& name_or_path);
/// Names of the built-in looks, sorted.
std::vector<std::string> builtin_look_names();

}  // namespace media::color
