// SPDX-License-Identifier: Apache-2.0
#include "frame_scorer.h"

#include <cmath>
#include <limits>

#include "media/metrics/psnr.h"
#include "media/metrics/ssim.h"

namespace media::metrics::detail {

namespace {

bool same_options(const FeatureSet& set, const VifOptions& vif, const AdmOptions& adm) {
    return set.vif.enhn_gain_limit == vif.enhn_gain_limit &&
           set.adm.enhn_gain_limit == adm.enhn_gain_limit &&
           set.adm.norm_view_dist == adm.norm_view_dist &&
           set.adm.ref_display_height == adm.ref_display_height;
}

}  // namespace

ScorePlan make_score_plan(const CompareRequest& request, int planes, int width, int height,
                          std::vector<ModelColumn> models) {
    ScorePlan plan;
    plan.planes = planes;
    plan.psnr = request.psnr;
    auto add = [&](std::string name) {
        plan.columns.push_back(std::move(name));
        return static_cast<int>(plan.columns.size()) - 1;
    };
    if (request.wants(Metric::Psnr)) {
        plan.psnr_column = add("psnr_y");
        if (planes == 3) {
            add("psnr_cb");
            add("psnr_cr");
        }
        add("psnr");
    }
    if (request.wants(Metric::Ssim)) {
        plan.ssim_column = add("float_ssim");
        plan.ssim_scale =
            request.ssim_scale > 0 ? request.ssim_scale : ssim_auto_scale(width, height);
    }
    if (request.wants(Metric::MsSsim)) plan.ms_ssim_column = add("float_ms_ssim");
    // Feature sets: the first model's options are the reported features.
    for (ModelColumn& m : models) {
        const VifOptions vif = m.model.vif_options();
        const AdmOptions adm = m.model.adm_options();
        int found = -1;
        for (size_t i = 0; i < plan.feature_sets.size(); ++i)
            if (same_options(plan.feature_sets[i], vif, adm)) found = static_cast<int>(i);
        if (found < 0) {
            plan.feature_sets.push_back(FeatureSet{vif, adm, -1});
            found = static_cast<int>(plan.feature_sets.size()) - 1;
        }
        m.feature_set = found;
    }
    if (!plan.feature_sets.empty()) {
        plan.feature_sets[0].first_column = add(kFeatureColumns[0]);
        for (size_t i = 1; i < kFeatureColumns.size(); ++i) add(kFeatureColumns[i]);
    }
    for (ModelColumn& m : models) {
        m.column = add("");  // named by the caller (CompareInfo::Model::column)
        plan.models.push_back(std::move(m));
    }
    plan.visible_columns = static_cast<int>(plan.columns.size());
    for (size_t s = 1; s < plan.feature_sets.size(); ++s) {
        plan.feature_sets[s].first_column =
            add(std::string(kFeatureColumns[0]) + "#" + std::to_string(s));
        for (size_t i = 1; i < kFeatureColumns.size(); ++i)
            add(std::string(kFeatureColumns[i]) + "#" + std::to_string(s));
    }
    return plan;
}

void score_frame(const ScorePlan& plan, const std::array<SamplePlane, 3>& ref,
                 const std::array<SamplePlane, 3>& dist, std::vector<double>& row,
                 MotionBlur* blur) {
    row.assign(plan.columns.size(), std::numeric_limits<double>::quiet_NaN());
    if (plan.psnr_column >= 0) {
        uint64_t total_sse = 0;
        int64_t total_samples = 0;
        for (int p = 0; p < plan.planes; ++p) {
            const uint64_t sse = sum_squared_error(ref[p], dist[p]);
            const int64_t samples = int64_t{ref[p].width} * ref[p].height;
            row[plan.psnr_column + p] = psnr_db(sse, samples, ref[p].bit_depth, plan.psnr);
            total_sse += sse;
            total_samples += samples;
        }
        // Combined: the PSNR of the pooled squared error of all planes (ffmpeg's "average").
        row[plan.psnr_column + plan.planes] =
            psnr_db(total_sse, total_samples, ref[0].bit_depth, plan.psnr);
    }
    if (plan.ssim_column >= 0) row[plan.ssim_column] = float_ssim(ref[0], dist[0], plan.ssim_scale);
    if (plan.ms_ssim_column >= 0) row[plan.ms_ssim_column] = float_ms_ssim(ref[0], dist[0]);
    for (const FeatureSet& set : plan.feature_sets) {
        const AdmScores adm = compute_adm(ref[0], dist[0], set.adm);
        const VifScores vif = compute_vif(ref[0], dist[0], set.vif);
        row[set.first_column + kFeatureAdm2] = adm.adm2;
        for (int s = 0; s < 4; ++s) {
            row[set.first_column + 1 + s] = adm.scale[s];
            row[set.first_column + kFeatureVif0 + s] = vif.scale[s];
        }
    }
    if (blur && plan.needs_motion()) *blur = motion_blur(ref[0]);
}

void finish_rows(const ScorePlan& plan, const std::vector<double>& motion,
                 std::vector<std::vector<double>>& rows,
                 const VmafPredictOptions& predict_options) {
    if (plan.feature_sets.empty()) return;
    const std::vector<double> motion2 = motion2_from_motion(motion);
    for (size_t r = 0; r < rows.size(); ++r) {
        std::vector<double>& row = rows[r];
        for (const FeatureSet& set : plan.feature_sets)
            row[set.first_column + kFeatureMotion2] = r < motion2.size() ? motion2[r] : 0.0;
        for (const ModelColumn& m : plan.models) {
            const int base = plan.feature_sets[m.feature_set].first_column;
            VmafFeatureValues values{};
            values[static_cast<int>(VmafFeature::Adm2)] = row[base + kFeatureAdm2];
            values[static_cast<int>(VmafFeature::Motion2)] = row[base + kFeatureMotion2];
            for (int s = 0; s < 4; ++s)
                values[static_cast<int>(VmafFeature::Vif0) + s] = row[base + kFeatureVif0 + s];
            row[m.column] = m.model.predict(values, predict_options);
        }
    }
}

}  // namespace media::metrics::detail
