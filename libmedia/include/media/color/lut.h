// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "media/color/matrix.h"
#include "media/core/result.h"

namespace media::color {

enum class LutInterpolation : uint8_t { Trilinear, Tetrahedral };

/// A 1D LUT, one curve per channel: `size` entries spread evenly over [domain_min, domain_max]
/// of each channel; inputs outside the domain clamp to it; linear interpolation.
struct Lut1D {
    int size = 0;
    Vec3 domain_min{0, 0, 0};
    Vec3 domain_max{1, 1, 1};
    std::vector<float> table;  ///< size * 3 floats: R, G, B of entry 0, then entry 1...
    Vec3 apply(const Vec3& rgb) const;
};

/// A 3D LUT: size^3 RGB entries over [domain_min, domain_max]^3, red varying fastest (the order
/// of a .cube file): entry (r, g, b) is at ((b * size + g) * size + r) * 3.
struct Lut3D {
    int size = 0;
    Vec3 domain_min{0, 0, 0};
    Vec3 domain_max{1, 1, 1};
    std::vector<float> table;
    /// Inputs clamp to the domain; NaN is taken as domain_min.
    Vec3 apply(const Vec3& rgb,
               LutInterpolation interpolation = LutInterpolation::Tetrahedral) const;
};

/// What one LUT file holds: a 1D LUT, a 3D LUT, or a 1D shaper followed by a 3D LUT (Resolve
/// .cube with both sizes, .spi3d never). Applying: shaper (when present), then cube.
struct LutFile {
    std::string path;
    std::string title;
    std::optional<Lut1D> shaper;  ///< the 1D part (alone, or the shaper before `cube`)
    std::optional<Lut3D> cube;
    Vec3 apply(const Vec3& rgb,
               LutInterpolation interpolation = LutInterpolation::Tetrahedral) const;
};

/// Largest 3D LUT edge we read (256^3 entries = 200 MB of floats); 1D LUTs up to 65536 * 16.
inline constexpr int kMaxLut3DSize = 256;
inline constexpr int kMaxLut1DSize = 1 << 20;

/// Reads .cube (Resolve and IRIDAS: TITLE, LUT_1D_SIZE, LUT_3D_SIZE, DOMAIN_MIN/MAX,
/// LUT_1D_INPUT_RANGE/LUT_3D_INPUT_RANGE; both sizes make a shaper + cube), .3dl (Lustre/Nuke
/// integer tables with their input-range line), .spi1d and .spi3d (Sony Imageworks). The format
/// follows the extension. Errors: NotFound for a missing file; InvalidArgument "file:line: ..."
/// for a wrong entry count, a missing size, a size over the limits, NaN/Inf entries, stray text.
Result<LutFile> read_lut_file(const std::string& path);

/// Writes a .cube (shaper as LUT_1D_SIZE + cube as LUT_3D_SIZE when both, DOMAIN lines when not
/// 0..1), values with 7 significant digits, to a temporary name then renamed.
/// Values are written in the shortest form that reads back as the same float (up to 9 digits),
/// so write -> read is exact. With a shaper and a cube, the domains go in LUT_1D/3D_INPUT_RANGE
/// (one min/max for all channels, else InvalidArgument) and the title in a comment, since
/// OpenColorIO's Resolve reader rejects TITLE. InvalidArgument for NaN/Inf or mis-sized tables.
Result<void> write_cube_file(const std::string& path, const LutFile& lut);

/// Samples a function on a size^3 grid over [0, 1]^3 (what ociobakelut does): `fn` maps an RGB
/// triple to the output triple.
Lut3D bake_lut3d(int size, const std::function<Vec3(const Vec3&)>& fn);

}  // namespace media::color
