// SPDX-License-Identifier: Apache-2.0
#pragma once

// The per-frame maths of VMAF model evaluation, shared by the scalar reference
// (gpu/ref/vmaf_predict.cpp) and the CUDA kernel (gpu/cuda/vmaf_predict.cu), in libmedia's
// operation order (VmafModel::predict, SvmNuSvr::predict, ScoreTransform::apply). Every product
// and sum rounds on its own (rounded_ops.h), so nvcc contracts nothing into a fused multiply-add
// that the host would round twice. The one difference left is exp: glibc's on the host, CUDA's
// double exp (within 1 ulp) on the device.

#include <cmath>

#include "slate_gpu/detail/rounded_ops.h"
#include "slate_gpu/plane.h"  // SLATE_GPU_HD
#include "slate_gpu/vmaf_predict.h"

namespace slate_gpu::detail {

/// A VmafModelHost's values and arrays (host or device memory) as one trivially copyable view.
struct VmafModelView {
    int feature_count;
    int sv_count;
    int segment_count;
    const int* feature_slots;
    bool linear_rescale;
    const double* slopes;
    const double* intercepts;
    double out_slope, out_intercept;
    double gamma, rho;
    const double* support_vectors;
    const double* coefficients;
    bool transform;
    bool has_p0, has_p1, has_p2;
    double p0, p1, p2;
    const double* segments;  ///< kVmafSegmentFields (6) doubles each
    bool out_lte_in, out_gte_in;
    bool clip;
    double clip_min, clip_max;
};

/// The view of a host model: its values, and pointers into its vectors (the CUDA side replaces
/// the pointers by device ones).
inline VmafModelView vmaf_view(const VmafModelHost& model) {
    VmafModelView m{};
    m.feature_count = model.feature_count();
    m.sv_count = model.sv_count();
    m.segment_count = static_cast<int>(model.segments.size() / kVmafSegmentFields);
    m.feature_slots = model.feature_slots.data();
    m.linear_rescale = model.linear_rescale;
    m.slopes = model.slopes.data();
    m.intercepts = model.intercepts.data();
    m.out_slope = model.out_slope;
    m.out_intercept = model.out_intercept;
    m.gamma = model.gamma;
    m.rho = model.rho;
    m.support_vectors = model.support_vectors.data();
    m.coefficients = model.coefficients.data();
    m.transform = model.transform;
    m.has_p0 = model.has_p0;
    m.has_p1 = model.has_p1;
    m.has_p2 = model.has_p2;
    m.p0 = model.p0;
    m.p1 = model.p1;
    m.p2 = model.p2;
    m.segments = model.segments.data();
    m.out_lte_in = model.out_lte_in;
    m.out_gte_in = model.out_gte_in;
    m.clip = model.clip;
    m.clip_min = model.clip_min;
    m.clip_max = model.clip_max;
    return m;
}

SLATE_GPU_HD inline double exp_d(double x) {
#if defined(__CUDA_ARCH__)
    return ::exp(x);
#else
    return std::exp(x);
#endif
}

/// The SVM's input feature i of one frame's row (kVmafFeatureSlots values), normalised.
SLATE_GPU_HD inline double vmaf_input(const VmafModelView& m, const double* row, int i) {
    const double v = row[m.feature_slots[i]];
    return m.linear_rescale ? add_rn(mul_rn(m.slopes[i], v), m.intercepts[i]) : v;
}

/// Support vector j's term coef_j * exp(-gamma * |x - sv_j|^2), x normalised.
SLATE_GPU_HD inline double vmaf_svm_term(const VmafModelView& m, const double* x, int j) {
    const double* sv = m.support_vectors + static_cast<std::ptrdiff_t>(j) * m.feature_count;
    double distance = 0;
    for (int i = 0; i < m.feature_count; ++i) {
        const double d = sub_rn(x[i], sv[i]);
        distance = add_rn(distance, mul_rn(d, d));
    }
    return mul_rn(m.coefficients[j], exp_d(mul_rn(-m.gamma, distance)));
}

SLATE_GPU_HD inline double vmaf_polynomial(const VmafModelView& m, double y) {
    if (!m.has_p0 && !m.has_p1 && !m.has_p2) return y;
    double out = 0.0;
    if (m.has_p0) out = add_rn(out, m.p0);
    if (m.has_p1) out = add_rn(out, mul_rn(m.p1, y));
    if (m.has_p2) out = add_rn(out, mul_rn(mul_rn(m.p2, y), y));
    return out;
}

/// Later segments win at shared knots; the end segments extend beyond the knots.
SLATE_GPU_HD inline double vmaf_piecewise(const VmafModelView& m, double x) {
    double y = 0.0;
    const int last = m.segment_count - 1;
    for (int i = 0; i < m.segment_count; ++i) {
        const double* s = m.segments + static_cast<std::ptrdiff_t>(i) * kVmafSegmentFields;
        const double x0 = s[0], x1 = s[1], y0 = s[2];
        const bool horizontal = s[3] != 0.0;
        const double value = horizontal ? y0 : add_rn(mul_rn(s[4], x), s[5]);
        const bool inside = x0 <= x && x <= x1;
        if (inside || (i == 0 && x < x0) || (i == last && x > x1)) y = value;
    }
    return y;
}

/// The score from the SVM's sum over support vectors (rho not yet subtracted): de-normalised,
/// transformed and clipped as the model says.
SLATE_GPU_HD inline double vmaf_finish(const VmafModelView& m, double svm_sum) {
    double score = sub_rn(svm_sum, m.rho);
    if (m.linear_rescale) score = div_rn(sub_rn(score, m.out_intercept), m.out_slope);
    if (m.transform) {
        const double y_in = score;
        double y = vmaf_polynomial(m, y_in);
        if (m.segment_count > 0) y = vmaf_piecewise(m, y);
        if (m.out_lte_in && y > y_in) y = y_in;
        if (m.out_gte_in && y < y_in) y = y_in;
        score = y;
    }
    if (m.clip) {
        if (score < m.clip_min) score = m.clip_min;
        if (score > m.clip_max) score = m.clip_max;
    }
    return score;
}

}  // namespace slate_gpu::detail
