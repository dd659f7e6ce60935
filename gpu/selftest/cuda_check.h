// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cuda_runtime_api.h>

#include <stdexcept>
#include <string>

namespace slate_gpu::selftest {

/// A CUDA call of the harness itself failed; main reports it as a failure of the run.
class CudaFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Throws CudaFailure naming `what` when `status` is not cudaSuccess.
inline void check(cudaError_t status, const std::string& what) {
    if (status != cudaSuccess)
        throw CudaFailure(what + ": " + cudaGetErrorString(status) + " (" +
                          cudaGetErrorName(status) + ")");
}

}  // namespace slate_gpu::selftest
