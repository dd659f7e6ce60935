// SPDX-License-Identifier: Apache-2.0
// The comparison as a short readable summary: the scores a person reads (PSNR, SSIM, MS-SSIM,
// each model), not the VMAF features, which stay in JSON/CSV/XML.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "media/report/compare_writers.h"

namespace media::report {
namespace {

bool is_feature(const std::string& column) {
    return column.rfind("adm", 0) == 0 || column.rfind("vif_", 0) == 0 || column == "motion2";
}

std::string value_text(double value) {
    return std::isfinite(value) ? fmt::format("{:.4f}", value) : std::string("-");
}

}  // namespace

std::string compare_text(const metrics::CompareResult& result) {
    const metrics::CompareInfo& info = result.info;
    std::string out;
    out += fmt::format("reference  {}  ({}x{} {}, {} fps)\n", info.reference, info.width,
                       info.height, info.pixel_format,
                       info.frame_rate.valid() ? info.frame_rate.to_string() : "unknown");
    std::string how;
    if (info.distorted_scaled)
        how = fmt::format("  (scaled from {}x{}, bicubic)", info.distorted_width,
                          info.distorted_height);
    else if (info.distorted_converted)
        how = "  (converted to the reference's format)";
    out += fmt::format("distorted  {}{}\n", info.distorted, how);
    for (const auto& m : info.models)
        out += fmt::format("model      {} = {} ({})\n", m.column, m.name, m.path);
    if (info.reference_decode_errors + info.distorted_decode_errors > 0)
        out += fmt::format(
            "warning    decode errors: {} in the reference, {} in the distorted "
            "input; damaged frames were compared as decoded\n",
            info.reference_decode_errors, info.distorted_decode_errors);
    out += fmt::format("\n{:<15}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}  {}\n", "metric", "mean",
                       "harmonic", "min", "1%", "5%", "max", "worst frame");
    for (size_t c = 0; c < result.columns.size(); ++c) {
        const std::string& name = result.columns[c];
        if (is_feature(name)) continue;
        const metrics::PooledStats& s = result.pooled[c];
        const int64_t worst =
            s.min_index >= 0 ? result.frame_numbers[static_cast<size_t>(s.min_index)] : -1;
        const bool decibels = name.rfind("psnr", 0) == 0;
        out += fmt::format("{:<15}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}  {}\n",
                           decibels ? name + " dB" : name, value_text(s.mean),
                           value_text(s.harmonic_mean), value_text(s.min), value_text(s.p1),
                           value_text(s.p5), value_text(s.max),
                           worst >= 0 ? std::to_string(worst) : std::string("-"));
    }
    out += fmt::format("\n{} frames in {:.2f} s ({:.1f} frames/s, {} threads)\n", info.frames,
                       info.seconds, info.seconds > 0 ? double(info.frames) / info.seconds : 0.0,
                       info.threads);
    return out;
}

}  // namespace media::report
