// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace slate_gpu::selftest {

/// One line of the chain table: frames per second and the bandwidth it means.
struct ChainRow {
    std::string name;   ///< "resident, LUT in shared memory", "host -> device -> host, 3 streams"
    double ms = 0.0;    ///< median milliseconds per frame
    double fps = 0.0;   ///< frames per second
    double gbps = 0.0;  ///< bytes moved per second (device memory, or the host link)
    double ref_gbps = 0.0;  ///< what it is compared with: a device copy, or the link alone
    std::string ref_name;   ///< "copy", "link"
};

/// The graded-frame chain of the GPU issue at UHD 10-bit 4:2:0 (BT.709 narrow in and out):
/// Y'CbCr -> R'G'B' -> matrix -> CDL -> 33^3 LUT (tetrahedral) -> Y'CbCr, fused in one kernel.
/// Times it with frames resident on the device (each LUT placement, against a device-to-device
/// copy of the same bytes), then with every frame uploaded from and downloaded to pinned host
/// memory on three streams (against the link's measured bandwidth). Prints as it goes; throws
/// CudaFailure on a CUDA error.
std::vector<ChainRow> bench_chain();

}  // namespace slate_gpu::selftest
