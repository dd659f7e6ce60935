// SPDX-License-Identifier: Apache-2.0
// A VMAF model's score_transform as libvmaf's predict.c applies it, in its order: polynomial
// p0 + p1*y + p2*y^2 (terms present only when given), then the piecewise-linear map through the
// knots (extrapolating the first and last segment), then rectification against the untransformed
// score (out_lte_in: min, out_gte_in: max). Private to the metrics module.
#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace media::metrics::detail {

struct ScoreTransform {
    struct Segment {
        double x0, x1;  ///< the knots' x at either end
        double y0;      ///< the left knot's y (a horizontal segment's value)
        bool horizontal;
        double slope, offset;
    };

    bool present = false;  ///< the model file has a score_transform
    bool enabled = false;  ///< the file sets "enabled": true
    std::optional<double> p0, p1, p2;
    std::vector<Segment> segments;  ///< empty: no knots
    bool out_lte_in = false;
    bool out_gte_in = false;

    /// Builds the segments from knots already checked: at least two, x strictly increasing, y
    /// not decreasing. The line through two knots is computed as libvmaf does, bit for bit.
    void set_knots(const std::vector<std::pair<double, double>>& knots) {
        segments.clear();
        for (size_t i = 0; i + 1 < knots.size(); ++i) {
            const auto [x0, y0] = knots[i];
            const auto [x1, y1] = knots[i + 1];
            Segment s{x0, x1, y0, y0 == y1, 0.0, 0.0};
            if (!s.horizontal && x0 == 0) {
                s.offset = y0;
                s.slope = (y1 - s.offset) / x1;
            } else if (!s.horizontal) {
                s.slope = (y1 - y0) / (x1 - x0);
                s.offset = y0 - x0 * s.slope;
            }
            segments.push_back(s);
        }
    }

    double polynomial(double y) const {
        if (!p0 && !p1 && !p2) return y;
        double out = 0.0;
        if (p0) out += *p0;
        if (p1) out += *p1 * y;
        if (p2) out += *p2 * y * y;
        return out;
    }

    /// Later segments win at shared knots and the end segments extend beyond the knots, as in
    /// libvmaf's loop (the map is continuous, so only the last bits could tell).
    double piecewise(double x) const {
        double y = 0.0;
        const size_t last = segments.size() - 1;
        for (size_t i = 0; i < segments.size(); ++i) {
            const Segment& s = segments[i];
            const double value = s.horizontal ? s.y0 : s.slope * x + s.offset;
            const bool inside = s.x0 <= x && x <= s.x1;
            if (inside || (i == 0 && x < s.x0) || (i == last && x > s.x1)) y = value;
        }
        return y;
    }

    double apply(double y_in) const {
        double y = polynomial(y_in);
        if (!segments.empty()) y = piecewise(y);
        if (out_lte_in && y > y_in) y = y_in;
        if (out_gte_in && y < y_in) y = y_in;
        return y;
    }
};

}  // namespace media::metrics::detail
