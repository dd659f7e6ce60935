// SPDX-License-Identifier: Apache-2.0
// Private pieces of the spec module shared between the loader, the YAML reader and validate.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "media/core/result.h"
#include "media/spec/spec.h"

namespace media::spec::detail {

/// The specs being loaded, outermost first (real paths), for finding cyclic `extends`.
using LoadChain = std::vector<std::string>;

/// Reads a spec file (YAML, or a MediaConch policy for .xml). `name_or_path` is a built-in name
/// or a path; a relative path is taken from `base_dir` when that is not empty.
Result<Spec> load_spec_file(const std::string& name_or_path, const std::string& base_dir,
                            LoadChain& chain);

/// parse_spec with the chain of specs that led here.
Result<Spec> parse_spec_text(const std::string& text, const std::string& source, LoadChain& chain);

/// The value of a parameter given as text (--param NAME=VALUE) for its type: "true"/"false",
/// numbers, rationals ("24000/1001" or a number), text, lists ("a,b,c").
Result<Value> parse_parameter_text(const std::string& text, Value::Kind type);

/// A number written as text, keeping the decimals it was written with ("23.976" → 23.976 at 3
/// decimals, "24" at 0, "1.5e3" at 1); nullopt when the text is not a finite number.
std::optional<Value> number_from_text(const std::string& text);

/// " ±0.5", " ±10%", or "" without a tolerance (as rules print it).
std::string tolerance_text(const std::optional<Tolerance>& tolerance);

/// ASCII lower case (file extensions, names).
std::string lowercase(std::string text);

/// "number", "rational", "text", "bool", "list".
std::string_view type_name(Value::Kind kind);

}  // namespace media::spec::detail
