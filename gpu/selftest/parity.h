// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "slate_gpu/registry.h"

namespace slate_gpu::selftest {

/// How a kernel's CUDA implementation compares with its reference over every test case.
struct ParityResult {
    bool pass = true;
    double max_error = 0.0;
    int cases = 0;
    std::string failure;  ///< the first failure: case, buffer, sample; empty when pass
};

/// Runs the reference and the CUDA kernel on the same random inputs (seeded from `seed`) at sizes
/// from 1x1 to 1920x1080, odd widths and heights, tight and padded pitches, and compares every
/// output within the entry's tolerance. A CUDA error is a failure, not an exception.
ParityResult check_parity(const KernelEntry& entry, const Variant& variant, unsigned seed);

/// The reference side alone, on the host (no device needed): at the same sizes and pitches it
/// must accept every binding its layout describes, write nothing into the row padding, and give
/// the same output twice (max_error is then 0). Catches layout and adapter mistakes before any
/// GPU time is spent on them.
ParityResult check_reference(const KernelEntry& entry, const Variant& variant, unsigned seed);

}  // namespace slate_gpu::selftest
