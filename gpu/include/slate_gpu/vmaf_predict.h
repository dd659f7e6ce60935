// SPDX-License-Identifier: Apache-2.0
#pragma once

// VMAF model evaluation (libmedia: media::metrics::VmafModel::predict): feature normalisation
// (linear_rescale), the RBF nu-SVR, de-normalisation, score_transform and score_clip as the
// model file says. libmedia exports a loaded model as VmafModelHost; the CUDA side uploads it
// once and scores every frame's features in one launch.

#include <cstdint>
#include <vector>

namespace slate_gpu {

/// Feature values of one frame, in this order (media::metrics::VmafFeature's).
inline constexpr int kVmafFeatureSlots = 6;  // adm2, motion2, vif_scale0..3

/// The most features a model may use (libvmaf's limit, and libmedia's).
inline constexpr int kVmafMaxModelFeatures = 32;

/// Everything predict() reads, as plain values and arrays.
struct VmafModelHost {
    // CONTRACT: fields chosen by the implementer (mirroring libmedia's VmafModelData and the
    // VmafPredictOptions in effect).

    /// The model's features in its own (SVM vector) order, each as its slot in a feature row
    /// (0..kVmafFeatureSlots-1). 1..kVmafMaxModelFeatures entries.
    std::vector<int> feature_slots;

    /// norm_type linear_rescale: x = slopes[i] * v + intercepts[i], and the output
    /// (y - out_intercept) / out_slope. Otherwise the features go in unchanged.
    bool linear_rescale = false;
    std::vector<double> slopes, intercepts;  ///< per feature (feature_slots' order)
    double out_slope = 1.0, out_intercept = 0.0;

    /// The RBF nu-SVR: sum_j coefficients[j] * exp(-gamma * |x - sv_j|^2) - rho.
    double gamma = 0.0;
    double rho = 0.0;
    std::vector<double> support_vectors;  ///< sv_count x feature_count
    std::vector<double> coefficients;     ///< sv_count

    /// score_transform, when the file or the options enable it (false: not applied at all).
    bool transform = false;
    bool has_p0 = false, has_p1 = false, has_p2 = false;
    double p0 = 0.0, p1 = 0.0, p2 = 0.0;
    /// Piecewise-linear segments, kVmafSegmentFields doubles each: x0, x1, y0, horizontal (0 or
    /// 1), slope, offset (libmedia's ScoreTransform::Segment). Empty: no knots.
    std::vector<double> segments;
    bool out_lte_in = false, out_gte_in = false;

    /// score_clip, when the file has one and the options do not disable it.
    bool clip = false;
    double clip_min = 0.0, clip_max = 0.0;

    int feature_count() const { return static_cast<int>(feature_slots.size()); }
    int sv_count() const { return static_cast<int>(coefficients.size()); }
};

inline constexpr int kVmafSegmentFields = 6;

/// True when the model's arrays agree with each other (sizes, slots in range, 1 to
/// kVmafMaxModelFeatures features, at least one support vector).
bool vmaf_model_valid(const VmafModelHost& model);

namespace ref {

/// Scores `rows` frames: features[r * kVmafFeatureSlots + f] -> scores[r].
void vmaf_predict(const VmafModelHost& model, const double* features, int rows, double* scores);

}  // namespace ref
}  // namespace slate_gpu
