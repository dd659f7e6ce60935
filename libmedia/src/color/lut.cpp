// SPDX-License-Identifier: Apache-2.0
// Applying 1D and 3D LUTs (the same interpolation OpenColorIO's CPU renderers use) and baking a
// function into a 3D LUT.
#include "media/color/lut.h"

#include <algorithm>
#include <cmath>

namespace media::color {
namespace {

// Where `value` falls on a grid of `size` nodes over [min, max], in node units, clamped to
// [0, size - 1]. NaN (and a degenerate domain) goes to node 0, the domain's minimum.
double grid_position(double value, double min, double max, int size) {
    const double position = (value - min) / (max - min) * static_cast<double>(size - 1);
    if (!(position > 0)) return 0;  // also NaN
    return std::min(position, static_cast<double>(size - 1));
}

// The lower node of the cell holding `position` and the fraction across it. The last node
// belongs to the cell below it, so `node + 1` is always on the grid.
struct Cell {
    int node;
    double fraction;
};

Cell cell_of(double position, int size) {
    const int node = std::min(static_cast<int>(position), size - 2);
    return {node, position - node};
}

bool table_fits(size_t table_size, int size, int dimensions) {
    if (size < 2) return false;
    size_t entries = 1;
    for (int d = 0; d < dimensions; ++d) entries *= static_cast<size_t>(size);
    return table_size >= entries * 3;
}

}  // namespace

Vec3 Lut1D::apply(const Vec3& rgb) const {
    if (!table_fits(table.size(), size, 1)) return rgb;
    Vec3 out{};
    for (int c = 0; c < 3; ++c) {
        const Cell cell = cell_of(grid_position(rgb[c], domain_min[c], domain_max[c], size), size);
        const auto low = static_cast<size_t>(cell.node) * 3 + static_cast<size_t>(c);
        const double a = table[low];
        const double b = table[low + 3];
        out[c] = a + (b - a) * cell.fraction;
    }
    return out;
}

Vec3 Lut3D::apply(const Vec3& rgb, LutInterpolation interpolation) const {
    if (!table_fits(table.size(), size, 3)) return rgb;
    std::array<Cell, 3> cell{};
    for (int c = 0; c < 3; ++c)
        cell[c] = cell_of(grid_position(rgb[c], domain_min[c], domain_max[c], size), size);
    // Strides of one step along red, green and blue in the red-fastest table.
    const auto n = static_cast<size_t>(size);
    const size_t step_r = 3;
    const size_t step_g = 3 * n;
    const size_t step_b = 3 * n * n;
    const size_t base = static_cast<size_t>(cell[0].node) * step_r +
                        static_cast<size_t>(cell[1].node) * step_g +
                        static_cast<size_t>(cell[2].node) * step_b;
    const double fr = cell[0].fraction;
    const double fg = cell[1].fraction;
    const double fb = cell[2].fraction;
    // Corner (r, g, b) of the cell, each 0 or 1.
    const auto corner = [&](size_t r, size_t g, size_t b, int c) {
        return static_cast<double>(
            table[base + r * step_r + g * step_g + b * step_b + static_cast<size_t>(c)]);
    };
    Vec3 out{};
    for (int c = 0; c < 3; ++c) {
        const double c000 = corner(0, 0, 0, c);
        const double c111 = corner(1, 1, 1, c);
        if (interpolation == LutInterpolation::Trilinear) {
            const double c100 = corner(1, 0, 0, c), c010 = corner(0, 1, 0, c);
            const double c110 = corner(1, 1, 0, c), c001 = corner(0, 0, 1, c);
            const double c101 = corner(1, 0, 1, c), c011 = corner(0, 1, 1, c);
            const double c00 = c000 + (c100 - c000) * fr;
            const double c10 = c010 + (c110 - c010) * fr;
            const double c01 = c001 + (c101 - c001) * fr;
            const double c11 = c011 + (c111 - c011) * fr;
            const double c0 = c00 + (c10 - c00) * fg;
            const double c1 = c01 + (c11 - c01) * fg;
            out[c] = c0 + (c1 - c0) * fb;
            continue;
        }
        // Tetrahedral: the cube splits into six tetrahedra along its main diagonal; the order
        // of the three fractions picks the one holding the point.
        if (fr > fg) {
            if (fg > fb) {
                out[c] = (1 - fr) * c000 + (fr - fg) * corner(1, 0, 0, c) +
                         (fg - fb) * corner(1, 1, 0, c) + fb * c111;
            } else if (fr > fb) {
                out[c] = (1 - fr) * c000 + (fr - fb) * corner(1, 0, 0, c) +
                         (fb - fg) * corner(1, 0, 1, c) + fg * c111;
            } else {
                out[c] = (1 - fb) * c000 + (fb - fr) * corner(0, 0, 1, c) +
                         (fr - fg) * corner(1, 0, 1, c) + fg * c111;
            }
        } else {
            if (fb > fg) {
                out[c] = (1 - fb) * c000 + (fb - fg) * corner(0, 0, 1, c) +
                         (fg - fr) * corner(0, 1, 1, c) + fr * c111;
            } else if (fb > fr) {
                out[c] = (1 - fg) * c000 + (fg - fb) * corner(0, 1, 0, c) +
                         (fb - fr) * corner(0, 1, 1, c) + fr * c111;
            } else {
                out[c] = (1 - fg) * c000 + (fg - fr) * corner(0, 1, 0, c) +
                         (fr - fb) * corner(1, 1, 0, c) + fb * c111;
            }
        }
    }
    return out;
}

Vec3 LutFile::apply(const Vec3& rgb, LutInterpolation interpolation) const {
    Vec3 out = shaper ? shaper->apply(rgb) : rgb;
    return cube ? cube->apply(out, interpolation) : out;
}

Lut3D bake_lut3d(int size, const std::function<Vec3(const Vec3&)>& fn) {
    Lut3D lut;
    lut.size = std::clamp(size, 2, kMaxLut3DSize);
    const auto n = static_cast<size_t>(lut.size);
    lut.table.resize(n * n * n * 3);
    const double last = static_cast<double>(lut.size - 1);
    size_t at = 0;
    for (int b = 0; b < lut.size; ++b)
        for (int g = 0; g < lut.size; ++g)
            for (int r = 0; r < lut.size; ++r) {
                const Vec3 out = fn({r / last, g / last, b / last});
                for (int c = 0; c < 3; ++c) lut.table[at++] = static_cast<float>(out[c]);
            }
    return lut;
}

}  // namespace media::color
