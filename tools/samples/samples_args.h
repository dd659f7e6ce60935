// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/cli.h"
#include "slate_samples/samples.h"

namespace slate {

/// What `slate samples` was asked to do.
struct SamplesSettings {
    std::filesystem::path output_dir;  ///< empty only with list
    media::samples::SampleSet set = media::samples::SampleSet::Dailies;
    std::string only;   ///< one clip name, or empty for the whole set
    bool list = false;  ///< print the catalog instead of writing
};

/// Parses `slate samples OUTDIR [--set dailies|defects|masters|all] [--only NAME] [--list]`
/// (args[0] is "samples"). Without --set, --only looks in and --list shows every set; a name not in
/// the set is a usage error.
ParseResult<SamplesSettings> parse_samples_args(const std::vector<std::string>& args);

}  // namespace slate
