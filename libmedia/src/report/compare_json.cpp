// SPDX-License-Identifier: Apache-2.0
// The comparison as JSON (docs/compare.md). Keys in a fixed order (ordered_json); values rounded
// to 6 decimals like libvmaf's own output; nlohmann writes numbers without the C locale.
#include <cmath>

#include <nlohmann/json.hpp>

#include "media/core/version.h"
#include "media/report/compare_writers.h"
#include "report_format.h"

namespace media::report {
namespace {

using json = nlohmann::ordered_json;

json score(double value) {
    return std::isfinite(value) ? json(detail::round_decimals(value, 6)) : json(nullptr);
}

json pooled(const metrics::PooledStats& stats) {
    json out;
    out["min"] = score(stats.min);
    out["max"] = score(stats.max);
    out["mean"] = score(stats.mean);
    out["harmonic_mean"] = score(stats.harmonic_mean);
    out["p1"] = score(stats.p1);
    out["p5"] = score(stats.p5);
    return out;
}

}  // namespace

std::string compare_json(const metrics::CompareResult& result, bool run_info) {
    const metrics::CompareInfo& info = result.info;
    json doc;
    doc["schema"] = "slate.compare";
    doc["schema_version"] = 1;
    doc["version"] = "slate " + slate_version();
    json inputs;
    inputs["reference"] = info.reference;
    inputs["distorted"] = info.distorted;
    inputs["width"] = info.width;
    inputs["height"] = info.height;
    inputs["bit_depth"] = info.bit_depth;
    inputs["pixel_format"] = info.pixel_format;
    inputs["distorted_width"] = info.distorted_width;
    inputs["distorted_height"] = info.distorted_height;
    inputs["distorted_scaled"] = info.distorted_scaled;
    inputs["distorted_converted"] = info.distorted_converted;
    inputs["frame_rate"] =
        info.frame_rate.valid() ? json(info.frame_rate.to_string()) : json(nullptr);
    inputs["frames"] = info.frames;
    inputs["ssim_scale"] = info.ssim_scale;
    inputs["reference_decode_errors"] = info.reference_decode_errors;
    inputs["distorted_decode_errors"] = info.distorted_decode_errors;
    doc["inputs"] = inputs;
    json models = json::array();
    for (const auto& m : info.models) {
        json model;
        model["column"] = m.column;
        model["name"] = m.name;
        model["path"] = m.path;
        models.push_back(model);
    }
    doc["models"] = models;
    json frames = json::array();
    for (size_t r = 0; r < result.frames.size(); ++r) {
        json frame;
        frame["frameNum"] = result.frame_numbers[r];
        json values;
        for (size_t c = 0; c < result.columns.size(); ++c)
            values[result.columns[c]] = score(result.frames[r][c]);
        frame["metrics"] = values;
        frames.push_back(frame);
    }
    doc["frames"] = frames;
    json pool;
    for (size_t c = 0; c < result.columns.size(); ++c)
        pool[result.columns[c]] = pooled(result.pooled[c]);
    doc["pooled_metrics"] = pool;
    if (run_info) {
        json run;
        run["threads"] = info.threads;
        run["device"] = info.device;
        run["device_seconds"] = detail::round_decimals(info.device_seconds, 3);
        run["seconds"] = detail::round_decimals(info.seconds, 3);
        run["fps"] =
            info.seconds > 0 ? detail::round_decimals(double(info.frames) / info.seconds, 2) : 0.0;
        doc["run"] = run;
    }
    return doc.dump(1) + "\n";
}

}  // namespace media::report
