// SPDX-License-Identifier: Apache-2.0
// Private to the profile reader: loading with an `extends` depth, so a chain of profiles that
// extend each other ends with an error instead of recursing forever.
#pragma once

#include <string>

#include "media/core/result.h"
#include "media/qc/profile.h"

namespace media::qc::detail {

/// Profiles may extend profiles this deep (default <- house <- show is 2).
inline constexpr int k_max_extends_depth = 8;
/// Profiles are a few kilobytes; anything this large is not one.
inline constexpr size_t k_max_profile_bytes = 1 << 20;
/// The schema name every profile declares.
inline constexpr const char* k_profile_schema = "slate.qc-profile";
inline constexpr int k_profile_version = 1;

/// parse_profile for a file reached through `depth` extends.
Result<QcProfile> parse_profile_nested(const std::string& text, const std::string& source,
                                       int depth);
/// load_profile for a profile reached through `depth` extends.
Result<QcProfile> load_profile_nested(const std::string& name_or_path, int depth);

}  // namespace media::qc::detail
