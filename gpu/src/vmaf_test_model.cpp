// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/vmaf_test_model.h"

#include <cstdint>

namespace slate_gpu {
namespace {

constexpr int kSupportVectors = 211;  // vmaf_v0.6.1 has 211 as well

// A small deterministic generator (the same sequence on every compiler).
double unit(uint32_t& state) {
    state = state * 1664525u + 1013904223u;
    return static_cast<double>(state >> 8) / 16777216.0;
}

}  // namespace

int vmaf_test_model_support_vectors() {
    return kSupportVectors;
}

VmafModelHost vmaf_test_model(bool no_clip) {
    VmafModelHost m;
    // The model's order differs from the row order, as in libvmaf's files.
    m.feature_slots = {0, 1, 2, 3, 4, 5};
    m.linear_rescale = true;
    // Slopes and intercepts of the size vmaf_v0.6.1 uses (features to about [-1, 1]).
    m.slopes = {2.8, 0.06, 2.4, 2.1, 2.0, 2.0};
    m.intercepts = {-1.9, -1.0, -1.0, -1.0, -1.0, -1.0};
    m.out_slope = 0.0106;
    m.out_intercept = -0.3092;
    m.gamma = 0.04;
    // Zero-mean coefficients, so that the score follows the features (about 25 VMAF points
    // between a poor and a good frame) instead of a constant; rho puts it mid-range.
    m.rho = -0.33;
    uint32_t state = 20261127u;
    double mean = 0.0;
    for (int j = 0; j < kSupportVectors; ++j) {
        for (int f = 0; f < 6; ++f) m.support_vectors.push_back(2.0 * unit(state) - 1.0);
        m.coefficients.push_back(8.0 * unit(state) - 4.0);
        mean += m.coefficients.back() / kSupportVectors;
    }
    for (double& c : m.coefficients) c = 0.1 * (c - mean);
    m.transform = true;
    m.has_p0 = m.has_p1 = m.has_p2 = true;
    m.p0 = 1.70674;
    m.p1 = 1.72643;
    m.p2 = -0.00705;
    // Two segments through (0, 0), (50, 60), (110, 100): x0 x1 y0 horizontal slope offset.
    m.segments = {0.0,  50.0,  0.0,  0.0, 1.2,         0.0,
                  50.0, 110.0, 60.0, 0.0, 40.0 / 60.0, 60.0 - 50.0 * 40.0 / 60.0};
    m.out_gte_in = true;
    m.clip = !no_clip;
    m.clip_min = 0.0;
    m.clip_max = 100.0;
    return m;
}

}  // namespace slate_gpu
