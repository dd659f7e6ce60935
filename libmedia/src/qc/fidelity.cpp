// SPDX-License-Identifier: Apache-2.0
// slate qc --reference: the input compared with its reference by the metrics module (VMAF with
// the profile's model, PSNR), pooled into the measure the fidelity check judges.
#include "qc_internal.h"

#include "media/metrics/compare.h"

namespace media::qc::detail {

FidelityMeasure measure_fidelity(const std::string& input, const QcRequest& request) {
    FidelityMeasure measure;
    measure.reference = request.reference;
    measure.model = request.profile.fidelity_model;
    metrics::CompareRequest compare;
    compare.reference.path = request.reference;
    compare.distorted.path = input;
    compare.metrics = {metrics::Metric::Psnr, metrics::Metric::Vmaf};
    compare.vmaf_models = {request.profile.fidelity_model};
    compare.threads = request.threads;
    compare.device = request.device;
    auto result = metrics::run_compare(compare);
    if (!result) {
        measure.error = result.error().message();
        return measure;
    }
    measure.model = result->info.models.empty() ? measure.model : result->info.models[0].name;
    measure.frames = result->info.frames;
    auto worst = [&](const char* column, double& mean, double& min, int64_t& frame) {
        const int c = result->column(column);
        if (c < 0) return;
        const metrics::PooledStats& pooled = result->pooled[static_cast<size_t>(c)];
        mean = pooled.mean;
        min = pooled.min;
        if (pooled.min_index >= 0)
            frame = result->frame_numbers[static_cast<size_t>(pooled.min_index)];
    };
    worst("vmaf", measure.vmaf_mean, measure.vmaf_min, measure.vmaf_worst_frame);
    worst("psnr_y", measure.psnr_y_mean, measure.psnr_y_min, measure.psnr_y_worst_frame);
    return measure;
}

}  // namespace media::qc::detail
