// SPDX-License-Identifier: Apache-2.0
// A loaded VMAF model as the GPU code's plain VmafModelHost (gpu/include/slate_gpu/
// vmaf_predict.h): the same doubles predict() reads, with the options in effect folded in, for
// slate_gpu::ref::vmaf_predict and cuda::DeviceVmafModel::upload. Private to libmedia.
#pragma once

#include "media/metrics/vmaf_model.h"
#include "slate_gpu/vmaf_predict.h"

namespace media::metrics::detail {

/// The model and options as VmafModelHost; ref::vmaf_predict on it equals model.predict(values,
/// options) for every feature row (tests/unit/gpu/psnr_metric_parity_test.cpp).
slate_gpu::VmafModelHost export_vmaf_model(const VmafModel& model,
                                           const VmafPredictOptions& options);

}  // namespace media::metrics::detail
