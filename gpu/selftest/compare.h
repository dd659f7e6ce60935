// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "buffers.h"

namespace slate_gpu::selftest {

/// How one output buffer of the CUDA kernel compares with the reference's.
struct Comparison {
    double max_error = 0.0;  ///< largest |cuda - reference| over the plane (infinite: NaN mismatch)
    bool pass = true;
    std::string first_failure;  ///< where and what, for a person; empty when pass
};

/// Compares the plane samples within `tolerance` and requires the padding of both buffers to be
/// untouched (still kSentinel): a kernel must not write outside its plane.
Comparison compare(const HostBuffer& reference, const HostBuffer& cuda, const Tolerance& tolerance);

}  // namespace slate_gpu::selftest
