// SPDX-License-Identifier: Apache-2.0
// VMAF model evaluation, scalar reference: per frame, the inputs, the support vectors' terms
// summed in their order (as libmedia's SvmNuSvr::predict) and the finish, all from
// detail/vmaf_predict_math.h, which the CUDA kernel (gpu/cuda/vmaf_predict.cu) runs too.
#include "slate_gpu/vmaf_predict.h"

#include <cassert>
#include <cstddef>

#include "slate_gpu/detail/vmaf_predict_math.h"

namespace slate_gpu {

bool vmaf_model_valid(const VmafModelHost& m) {
    const auto features = m.feature_slots.size();
    const auto svs = m.coefficients.size();
    if (features < 1 || features > static_cast<size_t>(kVmafMaxModelFeatures) || svs < 1)
        return false;
    for (const int slot : m.feature_slots)
        if (slot < 0 || slot >= kVmafFeatureSlots) return false;
    if (m.linear_rescale && (m.slopes.size() != features || m.intercepts.size() != features))
        return false;
    if (m.support_vectors.size() != svs * features) return false;
    if (m.segments.size() % static_cast<size_t>(kVmafSegmentFields) != 0) return false;
    return svs <= static_cast<size_t>(INT32_MAX) / features;
}

namespace ref {

void vmaf_predict(const VmafModelHost& model, const double* features, int rows, double* scores) {
    assert(vmaf_model_valid(model));
    const detail::VmafModelView m = detail::vmaf_view(model);
    for (int r = 0; r < rows; ++r) {
        const double* row = features + static_cast<std::ptrdiff_t>(r) * kVmafFeatureSlots;
        double x[kVmafMaxModelFeatures];
        for (int i = 0; i < m.feature_count; ++i) x[i] = detail::vmaf_input(m, row, i);
        double sum = 0;
        for (int j = 0; j < m.sv_count; ++j)
            sum = detail::add_rn(sum, detail::vmaf_svm_term(m, x, j));
        scores[r] = detail::vmaf_finish(m, sum);
    }
}

}  // namespace ref
}  // namespace slate_gpu
