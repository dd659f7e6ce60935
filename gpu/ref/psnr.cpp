// SPDX-License-Identifier: Apache-2.0
// PSNR's sum of squared errors, scalar reference (the CUDA kernel: gpu/cuda/psnr.cu).
#include "slate_gpu/psnr.h"

#include <cassert>

#include "slate_gpu/detail/psnr_math.h"

namespace slate_gpu::ref {

uint64_t sum_squared_error(const MetricPlane& a, const MetricPlane& b) {
    assert(metric_pair_valid(a, b));
    uint64_t sum = 0;
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x)
            sum += detail::squared_error(a.sample(x, y), b.sample(x, y));
    return sum;
}

}  // namespace slate_gpu::ref
