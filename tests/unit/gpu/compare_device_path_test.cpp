// SPDX-License-Identifier: Apache-2.0
// The device path of `slate compare` without a device: the whole host half of
// DeviceFrameScorer (the plan's selection, the raw sums finished into rows, motion, the models
// evaluated through the exported model) around the reference engine that the CUDA engine must
// equal, against the CPU path's rows on libvmaf's real material (x264 encodes, blur, scaling),
// and against libvmaf's own scores.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "metrics/frame_scorer.h"
#include "metrics/frame_scorer_device.h"
#include "metrics/vmaf_model_export.h"
#include "slate_gpu/frame_metrics.h"
#include "slate_gpu/vmaf_predict.h"
#include "vmaf_material.h"

namespace media::metrics::detail {
namespace {

VmafModel load_model(const std::string& name) {
    auto model =
        VmafModel::load((test::vmaf_reference_dir() / "models" / (name + ".json")).string());
    if (!model.ok()) throw std::runtime_error(model.error().to_string());
    return std::move(model).value();
}

ScorePlan full_plan(int width, int height) {
    CompareRequest request;
    request.metrics = {Metric::Psnr, Metric::Ssim, Metric::MsSsim, Metric::Vmaf};
    std::vector<ModelColumn> models;
    models.push_back(ModelColumn{load_model("vmaf_v0.6.1"), 0, -1});
    models.push_back(ModelColumn{load_model("vmaf_v0.6.1neg"), 0, -1});
    models.push_back(ModelColumn{load_model("vmaf_4k_v0.6.1"), 0, -1});
    return make_score_plan(request, 3, width, height, std::move(models));
}

slate_gpu::MetricPlane gpu_plane(const SamplePlane& p) {
    return slate_gpu::MetricPlane{p.data, static_cast<std::ptrdiff_t>(p.stride_bytes), p.width,
                                  p.height, p.bit_depth};
}

Result<void> predict_on_host(const ModelColumn& model, const VmafPredictOptions& options,
                             const std::vector<double>& features, std::vector<double>& out, void*) {
    slate_gpu::ref::vmaf_predict(export_vmaf_model(model.model, options), features.data(),
                                 static_cast<int>(out.size()), out.data());
    return ok();
}

// Per-column tolerance between the device path and the CPU path (docs/compare.md, "Where the
// metrics run"): integer features exactly, float ones at the issue's limits. VIF: the kernels
// follow the scalar definition bit for bit (vif_metric_parity_test), while the CPU path runs
// libmedia's SIMD VIF, whose float sums at scales 0 and 1 run in another order (libmedia's own
// SIMD-vs-scalar bound, 1e-4; measured up to 2.3e-5).
double tolerance_of(const std::string& column) {
    if (column.rfind("psnr", 0) == 0) return 1e-6;
    if (column.rfind("adm", 0) == 0 || column.rfind("motion", 0) == 0) return 0.0;
    if (column.rfind("vif", 0) == 0) return 1e-4;
    if (column.find("ssim") != std::string::npos) return 1e-6;
    return 1e-3;  // the models
}

struct Material {
    const char* reference;
    const char* distorted;
    int bit_depth;
    const char* scores;
};

constexpr Material kPairs[] = {
    {"mandel_324p_8b_ref.yuv", "mandel_324p_8b_x264crf35.yuv", 8, "mandel_324p_8b_x264crf35"},
    {"mandel_324p_10b_ref.yuv", "mandel_324p_10b_x264crf45.yuv", 10, "mandel_324p_10b_x264crf45"},
    {"mandel_324p_8b_ref.yuv", "mandel_324p_8b_gblur2.yuv", 8, "mandel_324p_8b_gblur2"},
};
constexpr int kFrames = 6;

class CompareDevicePath : public ::testing::TestWithParam<Material> {};

TEST_P(CompareDevicePath, RowsEqualTheCpuPath) {
    const Material& m = GetParam();
    const auto dir = test::vmaf_material_dir();
    if (!std::filesystem::exists(dir / m.reference)) GTEST_SKIP() << "no material in " << dir;
    const test::RawYuv420 ref(dir / m.reference, 576, 324, m.bit_depth);
    const test::RawYuv420 dist(dir / m.distorted, 576, 324, m.bit_depth);
    const ScorePlan plan = full_plan(576, 324);
    const DeviceSelection selection = device_selection(plan);
    ASSERT_TRUE(selection.unsupported.empty()) << selection.unsupported;
    EXPECT_EQ(selection.selection.feature_sets, 2);  // v0.6.1 and 4k share one set; neg has its own
    EXPECT_EQ(selection.selection.vif[1].enhn_gain_limit, 1.0);

    std::vector<std::vector<double>> cpu_rows, device_rows;
    std::vector<double> cpu_motion, device_motion;
    MotionBlur previous;
    std::vector<uint16_t> blur[2];
    for (auto& b : blur) b.assign(576 * 324, 0);
    for (int f = 0; f < kFrames; ++f) {
        const std::array<SamplePlane, 3> r{ref.plane(f, 0), ref.plane(f, 1), ref.plane(f, 2)};
        const std::array<SamplePlane, 3> d{dist.plane(f, 0), dist.plane(f, 1), dist.plane(f, 2)};
        std::vector<double> row;
        MotionBlur current;
        score_frame(plan, r, d, row, &current);
        cpu_rows.push_back(row);
        cpu_motion.push_back(f == 0 ? 0.0 : motion_score(current, previous));
        previous = std::move(current);

        const slate_gpu::MetricPlane gr[3] = {gpu_plane(r[0]), gpu_plane(r[1]), gpu_plane(r[2])};
        const slate_gpu::MetricPlane gd[3] = {gpu_plane(d[0]), gpu_plane(d[1]), gpu_plane(d[2])};
        const slate_gpu::Plane<uint16_t> now{blur[f % 2].data(), 576 * 2, 576, 324};
        const slate_gpu::Plane<const uint16_t> before{blur[(f + 1) % 2].data(), 576 * 2, 576, 324};
        slate_gpu::FrameMetricsRaw raw;
        slate_gpu::ref::frame_metrics(selection.selection, gr, gd, now, f == 0 ? nullptr : &before,
                                      &raw);
        std::vector<double> device_row;
        row_from_raw(plan, raw, r, device_row);
        device_rows.push_back(device_row);
        device_motion.push_back(motion_from_raw(raw, 576, 324));
    }
    finish_rows(plan, cpu_motion, cpu_rows, {});
    ASSERT_TRUE(
        finish_rows_with(plan, device_motion, device_rows, {}, predict_on_host, nullptr).ok());

    const test::LibvmafScores libvmaf = test::load_libvmaf_scores(m.scores);
    std::vector<double> largest(plan.columns.size(), 0.0);
    for (int f = 0; f < kFrames; ++f)
        for (size_t c = 0; c < plan.columns.size(); ++c) {
            const double want = cpu_rows[f][c], got = device_rows[f][c];
            if (std::isnan(want)) {
                EXPECT_TRUE(std::isnan(got)) << plan.columns[c] << " frame " << f;
                continue;
            }
            largest[c] = std::max(largest[c], std::fabs(want - got));
            EXPECT_LE(std::fabs(want - got), tolerance_of(plan.columns[c]))
                << plan.columns[c] << " frame " << f << ": CPU " << want << ", device path " << got;
        }
    std::string report;
    for (size_t c = 0; c < plan.columns.size(); ++c)
        if (largest[c] > 0) report += " " + plan.columns[c] + " " + std::to_string(largest[c]);
    std::cout << "largest |device path - CPU path|:" << (report.empty() ? " none" : report) << "\n";
    // And the device path against libvmaf itself, at the CPU path's own test tolerance.
    const int vmaf = [&] {
        for (size_t c = 0; c < plan.columns.size(); ++c)
            if (plan.models[0].column == static_cast<int>(c)) return static_cast<int>(c);
        return -1;
    }();
    ASSERT_GE(vmaf, 0);
    for (int f = 0; f < kFrames; ++f)
        EXPECT_NEAR(device_rows[f][vmaf], libvmaf.frames[f].at("vmaf"), 0.01) << "frame " << f;
}

INSTANTIATE_TEST_SUITE_P(Material, CompareDevicePath, ::testing::ValuesIn(kPairs),
                         [](const auto& param_info) {
                             return std::string(param_info.param.scores);
                         });

TEST(CompareDeviceSelection, FollowsThePlan) {
    CompareRequest request;
    request.metrics = {Metric::Psnr, Metric::Ssim};
    request.ssim_scale = 3;
    const ScorePlan plan = make_score_plan(request, 1, 640, 360, {});
    const DeviceSelection s = device_selection(plan);
    EXPECT_TRUE(s.unsupported.empty());
    EXPECT_EQ(s.selection.planes, 1);
    EXPECT_TRUE(s.selection.psnr);
    EXPECT_TRUE(s.selection.ssim);
    EXPECT_EQ(s.selection.ssim_scale, 3);
    EXPECT_FALSE(s.selection.ms_ssim);
    EXPECT_EQ(s.selection.feature_sets, 0);
    EXPECT_FALSE(s.selection.motion);
}

}  // namespace
}  // namespace media::metrics::detail
