// SPDX-License-Identifier: Apache-2.0
#pragma once

// The CUDA implementations of the kernels in unpack.h, pack.h, plane_stats.h and yuv_to_rgb.h.
// Every plane (and PlaneStatsArgs::result) is in device memory. Each call only enqueues work on
// `stream` and returns the launch status: cudaErrorInvalidValue when !args_valid(args), otherwise
// what cudaGetLastError reports after the launch. Errors during execution surface at the next
// synchronisation. Empty planes launch nothing.

#include <cuda_runtime_api.h>

#include "slate_gpu/pack.h"
#include "slate_gpu/plane_stats.h"
#include "slate_gpu/unpack.h"
#include "slate_gpu/yuv_to_rgb.h"

namespace slate_gpu::cuda {

/// See UnpackArgs.
cudaError_t unpack_to_float(const UnpackArgs<uint8_t>& args, cudaStream_t stream);
/// See UnpackArgs.
cudaError_t unpack_to_float(const UnpackArgs<uint16_t>& args, cudaStream_t stream);
/// See PackArgs.
cudaError_t pack_from_float(const PackArgs<uint8_t>& args, cudaStream_t stream);
/// See PackArgs.
cudaError_t pack_from_float(const PackArgs<uint16_t>& args, cudaStream_t stream);
/// See PlaneStatsArgs; two launches (reset, then a block-wise reduction with 64-bit atomics).
cudaError_t plane_stats(const PlaneStatsArgs& args, cudaStream_t stream);
/// See Yuv422ToRgbArgs.
cudaError_t yuv422_to_rgb(const Yuv422ToRgbArgs& args, cudaStream_t stream);

}  // namespace slate_gpu::cuda
