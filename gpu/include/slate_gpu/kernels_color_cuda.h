// SPDX-License-Identifier: Apache-2.0
#pragma once

// CUDA implementations of color_chain.h. Every plane, table and counter is in device memory
// (the ColorProgram's table pointers included). Each call enqueues work on `stream` and returns
// the launch status: cudaErrorInvalidValue when !args_valid(args). Empty pictures launch nothing.

#include <cuda_runtime_api.h>

#include "slate_gpu/color_chain.h"

namespace slate_gpu::cuda {

template <typename T>
cudaError_t ycbcr_to_rgb(const YcbcrToRgbArgs<T>& args, cudaStream_t stream);
template <typename T>
cudaError_t rgb_to_ycbcr(const RgbToYcbcrArgs<T>& args, cudaStream_t stream);
cudaError_t apply_program(const ProgramPlanarArgs& args, cudaStream_t stream);
cudaError_t apply_program(const ProgramPackedArgs& args, cudaStream_t stream);
/// The fused chain; honours args.program.lut_placement.
template <typename In, typename Out>
cudaError_t color_chain(const ColorChainArgs<In, Out>& args, cudaStream_t stream);

}  // namespace slate_gpu::cuda
