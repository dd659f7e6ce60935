// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "slate_gpu/registry.h"

namespace slate_gpu::selftest {

/// Median times of a kernel and of a device-to-device copy moving as many bytes.
struct Timing {
    double kernel_ms = 0.0;
    double copy_ms = 0.0;
    double bytes = 0.0;  ///< bytes the kernel reads plus writes (plane samples, not padding)

    double kernel_gbps() const { return bytes / (kernel_ms * 1e6); }
    double copy_gbps() const { return bytes / (copy_ms * 1e6); }
    /// The kernel's bandwidth as a percentage of the copy's: how close to memory-bound it is.
    double percent_of_copy() const { return 100.0 * copy_ms / kernel_ms; }
};

/// Times one kernel at width x height (rows pitched to 256 bytes, as cudaMallocPitch does) with
/// CUDA events: the median of 20 runs after 3 warm-up runs, alternating with a device-to-device
/// cudaMemcpy of bytes / 2 (read once, written once: the same traffic) timed the same way, so
/// that both see the same clocks. Throws CudaFailure on a CUDA error.
Timing time_kernel(const KernelEntry& entry, const Variant& variant, int width, int height);

}  // namespace slate_gpu::selftest
