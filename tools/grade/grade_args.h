// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/cli.h"
#include "media/core/device.h"
#include "media/grade/composite.h"
#include "media/grade/grade.h"
#include "media/grade/scopes.h"

namespace slate {

/// What `slate grade` was asked to do.
struct GradeSettings {
    std::vector<std::string> inputs;
    std::string output_dir;
    media::grade::GradePipelineOptions pipeline;  ///< colour options as given

    bool describe = false;     ///< print the compiled pipeline and exit
    bool list_spaces = false;  ///< print the colour spaces (and the OCIO config's) and exit

    std::vector<std::string> at;  ///< frame numbers, timecodes, first/middle/last
    std::string format = "png";
    int contact_sheet = 0;
    int columns = 4;
    std::optional<media::grade::CompareLayout> before_after;
    std::vector<media::grade::ScopeKind> scopes;
    double preview_seconds = 0;
    int preview_width = 1920;

    std::string bake;  ///< .cube to write
    int cube_size = 33;

    media::DevicePolicy device = media::DevicePolicy::Auto;
    std::string device_name;  ///< --device as given ("" when not given)
    std::string sequence_rate = "24";
    bool overwrite = false;
    bool json = false;
};

/// Parses `grade IN... -o OUTDIR [options]`; args[0] is "grade". Pure: checks the syntax of
/// every value (files and colour-space names are checked when the pipeline is built).
ParseResult<GradeSettings> parse_grade_args(const std::vector<std::string>& args);

}  // namespace slate
