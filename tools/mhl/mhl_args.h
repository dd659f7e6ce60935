// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "common/cli.h"

namespace slate {

/// What `slate mhl` was asked to do.
struct MhlSettings {
    enum class Action { Create, Verify };
    Action action = Action::Verify;
    std::string root;  ///< the folder whose ascmhl/ history is written or checked
    std::string process =
        "transfer";       ///< create: ASC MHL process "in-place", "transfer", "flatten"
    std::string comment;  ///< create: free text in <creatorinfo>
    bool md5 = true;      ///< create: record MD5 beside xxh64
    bool json = false;    ///< one JSON document on stdout instead of text
};

/// Parses `mhl create DIR [--process P] [--comment TEXT] [--no-md5] [--json]` or
/// `mhl verify DIR [--json]`; args[0] is "mhl". Pure: help and usage errors come back as a
/// ParseExit.
ParseResult<MhlSettings> parse_mhl_args(const std::vector<std::string>& args);

}  // namespace slate
