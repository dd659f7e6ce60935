// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "media/core/result.h"

namespace media::transcode {

/// Values for an output naming template's fields ({clip}, {reel}, {tc}, {preset}, {date}...).
using NamingFields = std::map<std::string, std::string, std::less<>>;

/// Expands `pattern` ("{clip}_{preset}", "{reel}/{clip}_{tc}") into a relative output name.
/// Field values are made safe for file names: '/' '\\' and control characters become '_',
/// ':' becomes '-' (timecode), leading dots are dropped so no value can climb out of the output
/// folder ("..") or hide a file. '/' written in the pattern itself makes sub-folders; the result
/// never starts with '/' and has no "." or ".." component. "{{" and "}}" are literal braces.
/// InvalidArgument for an unknown field, an unclosed brace or an empty result.
Result<std::string> expand_naming(std::string_view pattern, const NamingFields& fields);

/// Makes one value safe as a file-name component (the rule expand_naming applies to values).
/// UTF-8 C1 control characters (U+0080..U+009F) also become '_'; other non-ASCII is kept.
std::string sanitize_file_component(std::string_view value);

/// The fields a preset's naming template may use, in documentation order:
/// clip reel tc preset date time codec width height fps ext index.
std::span<const std::string_view> naming_field_names();

/// Checks a template against naming_field_names() (unknown field, unclosed brace, a ".."
/// written in the pattern) without real values.
Result<void> check_naming(std::string_view pattern);

}  // namespace media::transcode
