// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "media/core/result.h"
#include "media/metrics/compare.h"

namespace media::report {

/// The comparison as JSON, close to libvmaf's --json layout: "version", "frames" (frameNum and
/// metrics per frame), "pooled_metrics" (min, max, mean, harmonic_mean, plus p1 and p5 per
/// metric), then Slate's "inputs", "models" and a "run" section (the only part that varies from
/// run to run). Values have 6 decimals as libvmaf prints them. docs/compare.md has every key.
std::string compare_json(const metrics::CompareResult& result, bool run_info = true);

/// One row per frame: Frame then every metric column (6 decimals), comma-separated, '.' decimal.
std::string compare_csv(const metrics::CompareResult& result);

/// libvmaf's XML layout: <VMAF version> with <params>, <fyi>, <frames><frame frameNum ... />,
/// <pooled_metrics><metric name min max mean harmonic_mean p1 p5 />.
std::string compare_xml(const metrics::CompareResult& result);

/// A readable summary: inputs, then one line per metric with mean, harmonic mean, min, 1 %
/// and 5 % percentiles and max, and the worst frame of each score.
std::string compare_text(const metrics::CompareResult& result);

/// Where `slate compare` writes; "-" is standard output, empty is off. Files are written
/// atomically (temporary name, then rename).
struct CompareOutputs {
    std::string json;
    std::string csv;
    std::string xml;
};
Result<void> write_compare_outputs(const metrics::CompareResult& result,
                                   const CompareOutputs& outputs);

}  // namespace media::report
