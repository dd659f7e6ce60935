// SPDX-License-Identifier: Apache-2.0
#pragma once

// The CUDA implementations of the resampling kernels in resample.h. Every plane and both filter
// banks (FilterBank::first, ::weights) are in device memory. Each call only enqueues work on
// `stream` (two launches: the horizontal pass, then the vertical one) and returns the launch
// status: cudaErrorInvalidValue when !args_valid(args), otherwise what cudaGetLastError reports
// after the launches. Errors during execution surface at the next synchronisation. Empty planes
// launch nothing. The banks' contents are trusted (build them with FilterBankData::build).

#include <cuda_runtime_api.h>

#include "slate_gpu/resample.h"

namespace slate_gpu::cuda {

/// See ResampleArgs.
cudaError_t resample(const ResampleArgs<uint8_t>& args, cudaStream_t stream);
/// See ResampleArgs.
cudaError_t resample(const ResampleArgs<uint16_t>& args, cudaStream_t stream);
/// See ResampleArgs.
cudaError_t resample(const ResampleArgs<float>& args, cudaStream_t stream);

}  // namespace slate_gpu::cuda
