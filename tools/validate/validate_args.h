// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/cli.h"

namespace slate {

/// What `slate validate` was asked to do: validate files, or one of the spec-only modes.
struct ValidateSettings {
    enum class Mode { Validate, Explain, Lint, List };
    Mode mode = Mode::Validate;
    std::vector<std::string> inputs;            ///< files to validate (Validate)
    std::string spec;                           ///< built-in name or .yaml / MediaConch .xml path
    std::vector<std::string> lint_specs;        ///< specs to lint (Lint)
    std::map<std::string, std::string> params;  ///< --param NAME=VALUE
    std::string source;                         ///< the file the deliverables were made from
    std::string json;                           ///< report paths ("-" = stdout, JSON only)
    std::string junit;
    std::string html;
    bool strict = false;   ///< warnings fail the file too
    bool verbose = false;  ///< list passing and not-applicable rules too
    bool quiet = false;    ///< no summary on stdout
    int threads = 0;
};

/// Parses `validate FILE... --spec S [options]`, `validate --explain S`, `validate --lint S...`
/// or `validate --list`; args[0] is "validate". Pure: files and specs are checked later.
ParseResult<ValidateSettings> parse_validate_args(const std::vector<std::string>& args);

}  // namespace slate
