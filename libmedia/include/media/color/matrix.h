// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>

namespace media::color {

/// A 3-vector (an RGB triple, an XYZ value, a chromaticity's XYZ).
using Vec3 = std::array<double, 3>;
/// A 3x3 matrix, row-major: m[row][column]; applied to column vectors (out = m * in).
using Matrix3 = std::array<Vec3, 3>;

constexpr Matrix3 identity_matrix() {
    return {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
}

constexpr Vec3 multiply(const Matrix3& m, const Vec3& v) {
    return {m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2]};
}

/// a * b: applying the result equals applying b, then a.
constexpr Matrix3 multiply(const Matrix3& a, const Matrix3& b) {
    Matrix3 out{};
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
            out[r][c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c];
    return out;
}

constexpr double determinant(const Matrix3& m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) -
           m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
           m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
}

/// The inverse (adjugate over determinant). The caller makes sure m is not singular: every
/// matrix built from real chromaticities is not.
constexpr Matrix3 inverse(const Matrix3& m) {
    const double d = determinant(m);
    return {
        {{(m[1][1] * m[2][2] - m[1][2] * m[2][1]) / d, (m[0][2] * m[2][1] - m[0][1] * m[2][2]) / d,
          (m[0][1] * m[1][2] - m[0][2] * m[1][1]) / d},
         {(m[1][2] * m[2][0] - m[1][0] * m[2][2]) / d, (m[0][0] * m[2][2] - m[0][2] * m[2][0]) / d,
          (m[0][2] * m[1][0] - m[0][0] * m[1][2]) / d},
         {(m[1][0] * m[2][1] - m[1][1] * m[2][0]) / d, (m[0][1] * m[2][0] - m[0][0] * m[2][1]) / d,
          (m[0][0] * m[1][1] - m[0][1] * m[1][0]) / d}}};
}

}  // namespace media::color
