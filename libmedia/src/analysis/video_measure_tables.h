// SPDX-License-Identifier: Apache-2.0
// Lookup tables the measures use instead of per-pixel transcendental functions. Each is built
// once per process on first use (thread-safe static initialisation) and read-only after.
#pragma once

#include <cstdint>
#include <span>

namespace media::analysis::detail {

/// signalstats' hue of every (Cb, Cr) code pair at `bit_depth` (8 or 10), indexed
/// (cb << bit_depth) | cr: floorf(degrees(atan2f(cb - mid, cr - mid)) + 180) mod 360, with the
/// degrees rounded to float before the floor exactly as FFmpeg 5.1 does.
std::span<const uint16_t> hue_table(int bit_depth);

/// signalstats' hue (whole degrees 0..359) of a chroma pair deeper than 10 bits, from an arctangent
/// table with linear interpolation (within 1e-5 degree of atan2, so only pairs that close to a
/// whole degree can land in the neighbouring one).
int fine_hue(int dcb, int dcr);

/// Entries of pq_nits_table(): index i stands for the PQ code value i / (kPqTableSize - 1).
inline constexpr int kPqTableSize = 65536;
/// SMPTE ST 2084 EOTF in cd/m² over normalised code values 0..1 (the constant formula of
/// media::color's PQ decode, copied because analysis must not link the colour module).
std::span<const float> pq_nits_table();

/// IEEE binary16 -> float for every bit pattern (RgbaHalf samples).
std::span<const float> half_table();

}  // namespace media::analysis::detail
