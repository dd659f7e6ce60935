// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace media {

/// IEEE 754 binary16 <-> float, as RgbaHalf frames (OpenEXR half) store samples. Round to nearest
/// even; NaN and infinities kept. Own code rather than Imath's: the frame module stays free of
/// third-party headers and `gpu/` references can share it.
float half_to_float(uint16_t half);
uint16_t float_to_half(float value);

}  // namespace media
