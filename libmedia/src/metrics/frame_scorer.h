// SPDX-License-Identifier: Apache-2.0
// Private to metrics/: which values one frame pair yields (the column plan) and the per-frame
// computation over plain sample planes. The runner (compare.cpp) feeds it decoded frames; the
// GPU path will feed it device planes through the same plan.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "media/metrics/adm.h"
#include "media/metrics/compare.h"
#include "media/metrics/motion.h"
#include "media/metrics/sample_plane.h"
#include "media/metrics/vif.h"
#include "media/metrics/vmaf_model.h"

namespace media::metrics::detail {

/// Feature columns of one VIF/ADM option set, in this order.
inline constexpr std::array<const char*, 10> kFeatureColumns{
    "adm2",    "adm_scale0", "adm_scale1", "adm_scale2", "adm_scale3",
    "motion2", "vif_scale0", "vif_scale1", "vif_scale2", "vif_scale3"};
inline constexpr int kFeatureAdm2 = 0;
inline constexpr int kFeatureMotion2 = 5;
inline constexpr int kFeatureVif0 = 6;

/// The extractor options one or more models share; each set is computed once per frame.
struct FeatureSet {
    VifOptions vif;
    AdmOptions adm;
    int first_column = -1;  ///< where its kFeatureColumns values sit in a row
};

struct ModelColumn {
    VmafModel model;
    int feature_set = 0;
    int column = -1;
};

/// Which columns a row has and where each value goes.
struct ScorePlan {
    int planes = 3;        ///< 1 for grey inputs (no chroma PSNR)
    int psnr_column = -1;  ///< psnr_y; then psnr_cb, psnr_cr, psnr when planes == 3, else psnr
    int ssim_column = -1;
    int ms_ssim_column = -1;
    int ssim_scale = 0;
    PsnrOptions psnr;
    std::vector<FeatureSet> feature_sets;  ///< [0] is reported; others are hidden columns
    std::vector<ModelColumn> models;
    std::vector<std::string> columns;  ///< every column, hidden ones included
    int visible_columns = 0;           ///< columns [0, visible) are reported
    bool needs_motion() const { return !models.empty(); }
};

/// Builds the plan: columns for the requested metrics, one feature set per distinct model
/// extractor options (hidden columns for all but the first).
ScorePlan make_score_plan(const CompareRequest& request, int planes, int width, int height,
                          std::vector<ModelColumn> models);

/// Scores one frame pair into `row` (sized to plan.columns, motion2 and model columns left for
/// the end of the run) and blurs the reference for motion.
void score_frame(const ScorePlan& plan, const std::array<SamplePlane, 3>& ref,
                 const std::array<SamplePlane, 3>& dist, std::vector<double>& row,
                 MotionBlur* blur);

/// Fills motion2 from the per-frame motion values and every model's score.
void finish_rows(const ScorePlan& plan, const std::vector<double>& motion,
                 std::vector<std::vector<double>>& rows, const VmafPredictOptions& predict_options);

}  // namespace media::metrics::detail
