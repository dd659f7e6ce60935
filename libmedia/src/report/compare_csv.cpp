// SPDX-License-Identifier: Apache-2.0
// The comparison's per-frame table as CSV: a header row, then Frame and every metric column with
// 6 decimals (fmt formats without the C locale, so the decimal point is always '.').
#include <cmath>

#include <fmt/format.h>

#include "media/report/compare_writers.h"

namespace media::report {

std::string compare_csv(const metrics::CompareResult& result) {
    std::string out = "Frame";
    for (const auto& column : result.columns) out += "," + column;
    out += "\n";
    for (size_t r = 0; r < result.frames.size(); ++r) {
        out += std::to_string(result.frame_numbers[r]);
        for (double value : result.frames[r])
            out += std::isfinite(value) ? fmt::format(",{:.6f}", value) : std::string(",");
        out += "\n";
    }
    return out;
}

}  // namespace media::report
