// SPDX-License-Identifier: Apache-2.0
#pragma once

// A synthetic VMAF model for the self-test: libvmaf's model files are not shipped with Slate and
// the GPU machine has none, so the device's model evaluation is checked with a model of the same
// shape as vmaf_v0.6.1 (six features with linear_rescale, an RBF nu-SVR, de-normalisation, a
// score transform with all its parts, and clipping). Fixed, deterministic values.

#include "slate_gpu/vmaf_predict.h"

namespace slate_gpu {

/// The test model; `no_clip` leaves score_clip off (the transform stays on).
VmafModelHost vmaf_test_model(bool no_clip);
/// Its number of support vectors.
int vmaf_test_model_support_vectors();

}  // namespace slate_gpu
