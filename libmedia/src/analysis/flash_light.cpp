// SPDX-License-Identifier: Apache-2.0
// The scalar reference of the flash light kernel (flash_light_simd.cpp): same steps, one sample
// at a time.
#include "flash_light.h"

#include <cstddef>

namespace media::analysis::detail {
namespace {

float lookup(const float* table, float v) {
    float t = v * 4095.0f + 0.5f;
    t = t > 0.0f ? t : 0.0f;  // NaN reads black too
    t = t < 4095.0f ? t : 4095.0f;
    return table[static_cast<int>(t)];
}

float component(const LightJob& job, int c, int i) {
    const auto k = static_cast<size_t>(c);
    if (job.values[k]) return job.values[k][i];
    return (static_cast<float>(job.codes[k][i]) - job.offset[k]) * job.scale[k];
}

}  // namespace

void light_scalar(const LightJob& job) {
    for (int i = 0; i < job.count; ++i) {
        float r = component(job, 0, i), g = component(job, 1, i), b = component(job, 2, i);
        if (job.yuv) {
            const float y = r, cb = g, cr = b;
            r = job.cr_r * cr + y;
            g = job.cb_g * cb + (job.cr_g * cr + y);
            b = job.cb_b * cb + y;
        }
        const float lr = lookup(job.eotf, r), lg = lookup(job.eotf, g), lb = lookup(job.eotf, b);
        const float sum = lr + (lg + lb);
        const bool is_red = sum > 0.0f && lr >= job.red_saturation * sum;
        job.luminance[i] = job.weights[0] * lr + (job.weights[1] * lg + job.weights[2] * lb);
        job.red[i] = is_red ? 1.0f : 0.0f;
        job.red_level[i] = is_red ? lr - (lg + lb) : 0.0f;
    }
}

}  // namespace media::analysis::detail
