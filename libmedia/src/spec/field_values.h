// SPDX-License-Identifier: Apache-2.0
// The values of spec fields for one file: probe facts, QC measurements and parameters.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "media/io/media_info.h"
#include "media/qc/qc_report.h"
#include "media/spec/spec.h"

namespace media::spec::detail {

/// Everything a file's field values are read from.
struct FileFields {
    const MediaInfo* info = nullptr;           ///< probe facts
    const qc::FileReport* measured = nullptr;  ///< the QC pass; null when the spec needs none
    const std::map<std::string, Value>* params = nullptr;  ///< resolved parameter values
};

/// A field's values: one per audio stream for per-stream audio fields (a file without audio has
/// one absent value), one otherwise. An absent value (Kind::None) is a fact the file lacks: a
/// stream, a tag, a measurement that could not be made.
std::vector<Value> field_values(const FileFields& file, const std::string& field);

/// The same field read from probe facts alone (parameters that take a source file's value).
Value probe_field(const MediaInfo& info, const std::string& field);

}  // namespace media::spec::detail
