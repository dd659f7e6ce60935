// SPDX-License-Identifier: Apache-2.0
#pragma once

// CUDA implementation of frame_stats.h. Every plane, the histogram scratch, the hue tables and the
// result are in device memory. frame_stats enqueues its work on `stream` and returns the launch
// status: cudaErrorInvalidValue when !args_valid(args), otherwise what cudaGetLastError reports
// after the last launch. Errors during execution surface at the next synchronisation.

#include <cuda_runtime_api.h>

#include "slate_gpu/frame_stats.h"

namespace slate_gpu::cuda {

/// See FrameStatsArgs. Four steps on `stream`: clear the histogram (memset), initialise the result
/// (1 thread), one pass over the frame (luma rows and chroma rows in the blocks of one launch,
/// 256 threads each, blocks striding over rows: per-block shared-memory histograms up to 12 bits,
/// warp-aggregated global atomics above; warp shuffles, then 64-bit atomics once per block), then
/// the percentiles (3 blocks of 1024 threads). Copy back sizeof(FrameStatsRaw) bytes from
/// args.result and call finish_frame_stats.
cudaError_t frame_stats(const FrameStatsArgs<uint8_t>& args, cudaStream_t stream);
cudaError_t frame_stats(const FrameStatsArgs<uint16_t>& args, cudaStream_t stream);

/// Device copies of host_hue_tables(bit_depth) on the current device, uploaded on the first call
/// for that device and depth (synchronous cudaMalloc + cudaMemcpy; thread-safe) and kept for the
/// life of the process. 2 MB for 10 bits, 128 kB for 8, 8 kB above 10 bits.
cudaError_t device_hue_tables(int bit_depth, HueTables* tables);

}  // namespace slate_gpu::cuda
