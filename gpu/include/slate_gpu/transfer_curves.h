// SPDX-License-Identifier: Apache-2.0
#pragma once

// The transfer curves of the colour module (display EOTFs, PQ/HLG, camera logs, ACEScct/cc), in
// double, written once for the host and the device: libmedia's media::color::to_linear /
// from_linear call these, and the CUDA colour kernels take them as the exact fallback of their
// curve tables, so both paths evaluate the same formulas. Standard library only.

#include <cstdint>

#include "slate_gpu/plane.h"  // SLATE_GPU_HD

namespace slate_gpu {

/// The curves, in the order of media::color::Transfer (libmedia static_asserts the match).
enum class TransferId : uint8_t {
    Linear,
    Srgb,
    Bt1886,
    Gamma22,
    Gamma26,
    Pq,
    Hlg,
    LogC3,
    LogC4,
    SLog3,
    Log3G10,
    VLog,
    CanonLog3,
    AcesCct,
    AcesCc,
    Count
};

/// Encoded value -> linear light (PQ: linear 1.0 = 100 cd/m2). Unknown ids return the input.
SLATE_GPU_HD inline double transfer_to_linear(TransferId id, double encoded);
/// Linear light -> encoded value. Unknown ids return the input.
SLATE_GPU_HD inline double transfer_from_linear(TransferId id, double linear);

}  // namespace slate_gpu

#include "slate_gpu/detail/transfer_curves_impl.h"  // IWYU pragma: export
