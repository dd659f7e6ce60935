// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

#include "slate_gpu/plane.h"

namespace slate_gpu {

/// Exact integer statistics of a plane. An empty plane gives all zeros.
struct PlaneStats {
    uint64_t min = 0;
    uint64_t max = 0;
    uint64_t sum = 0;
    uint64_t sum_squares = 0;  ///< fits: 65535^2 * 2^32 samples < 2^64
};

/// Statistics of a uint16 plane, written to *result (host memory for the reference, device
/// memory for the CUDA kernel).
struct PlaneStatsArgs {
    Plane<const uint16_t> src;
    PlaneStats* result = nullptr;
};

/// True when the plane is valid and there is somewhere to write the result.
inline bool args_valid(const PlaneStatsArgs& args) {
    return plane_valid(args.src) && args.result != nullptr;
}

namespace ref {
/// Scalar reference of plane_stats. Returns false (writing nothing) when !args_valid(args).
bool plane_stats(const PlaneStatsArgs& args);
}  // namespace ref

}  // namespace slate_gpu
