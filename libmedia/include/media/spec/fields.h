// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "media/spec/spec.h"

namespace media::spec {

/// Where a field's value comes from.
enum class FieldSource : uint8_t {
    Probe,    ///< container and stream headers: no decoding
    Measure,  ///< a measurement of the essence (one QC decode pass)
    Param,    ///< a spec parameter (param.<name>)
};

/// A field a rule can test.
struct FieldInfo {
    std::string name;                      ///< "video.frame_rate"
    Value::Kind type = Value::Kind::Text;  ///< a List field holds a list of its items
    std::string unit;                      ///< "px", "s", "LUFS", "" ...
    std::string description;
    FieldSource source = FieldSource::Probe;
    /// Audio stream fields are tested on every audio stream (all must pass).
    bool per_audio_stream = false;
    /// Measure fields: the QC checks whose analysis provides the value.
    std::vector<std::string> qc_checks;
};

/// Every field, in documentation order.
const std::vector<FieldInfo>& field_catalog();
/// The field named `name`; null when there is none (param.* fields are not in the catalog).
const FieldInfo* find_field(std::string_view name);

}  // namespace media::spec
