// SPDX-License-Identifier: Apache-2.0
#include "frame_scorer_device.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <limits>

#include <fmt/format.h>

#include "media/metrics/motion.h"
#include "media/metrics/psnr.h"
#include "slate_gpu/adm.h"
#include "slate_gpu/motion.h"
#include "slate_gpu/ssim.h"
#include "slate_gpu/vif.h"
#include "slate_gpu/vmaf_predict.h"
#include "vmaf_model_export.h"

#ifdef SLATE_HAVE_CUDA
#include <cuda_runtime_api.h>

#include "common/cuda_memory.h"
#include "slate_gpu/metric_engine.h"
#endif

namespace media::metrics::detail {

namespace {

slate_gpu::AdmConfig adm_config(const AdmOptions& options) {
    slate_gpu::AdmConfig config;
    config.enhn_gain_limit = options.enhn_gain_limit;
    config.norm_view_dist = options.norm_view_dist;
    config.ref_display_height = options.ref_display_height;
    return config;
}

}  // namespace

DeviceSelection device_selection(const ScorePlan& plan) {
    DeviceSelection out;
    slate_gpu::MetricSelection& s = out.selection;
    s.planes = plan.planes;
    s.psnr = plan.psnr_column >= 0;
    s.ssim = plan.ssim_column >= 0;
    s.ssim_scale = std::max(plan.ssim_scale, 1);
    s.ms_ssim = plan.ms_ssim_column >= 0;
    s.motion = plan.needs_motion();
    if (plan.feature_sets.size() > static_cast<size_t>(slate_gpu::kMaxFeatureSets)) {
        out.unsupported = fmt::format(
            "the models ask for {} different VIF/ADM option sets; the device path computes at "
            "most {}",
            plan.feature_sets.size(), slate_gpu::kMaxFeatureSets);
        return out;
    }
    s.feature_sets = static_cast<int>(plan.feature_sets.size());
    for (size_t i = 0; i < plan.feature_sets.size(); ++i) {
        const FeatureSet& set = plan.feature_sets[i];
        s.vif[i].enhn_gain_limit = set.vif.enhn_gain_limit;
        s.adm[i] = adm_config(set.adm);
    }
    return out;
}

void row_from_raw(const ScorePlan& plan, const slate_gpu::FrameMetricsRaw& raw,
                  const std::array<SamplePlane, 3>& reference, std::vector<double>& row) {
    row.assign(plan.columns.size(), std::numeric_limits<double>::quiet_NaN());
    if (plan.psnr_column >= 0) {
        uint64_t total_sse = 0;
        int64_t total_samples = 0;
        for (int p = 0; p < plan.planes; ++p) {
            const int64_t samples = int64_t{reference[p].width} * reference[p].height;
            row[plan.psnr_column + p] =
                psnr_db(raw.sse[p], samples, reference[p].bit_depth, plan.psnr);
            total_sse += raw.sse[p];
            total_samples += samples;
        }
        row[plan.psnr_column + plan.planes] =
            psnr_db(total_sse, total_samples, reference[0].bit_depth, plan.psnr);
    }
    if (plan.ssim_column >= 0) row[plan.ssim_column] = slate_gpu::finish_ssim(raw.ssim);
    if (plan.ms_ssim_column >= 0) row[plan.ms_ssim_column] = slate_gpu::finish_ms_ssim(raw.ms_ssim);
    const size_t sets =
        std::min(plan.feature_sets.size(), static_cast<size_t>(slate_gpu::kMaxFeatureSets));
    for (size_t i = 0; i < sets; ++i) {
        const FeatureSet& set = plan.feature_sets[i];
        double vif[slate_gpu::kVifScaleCount];
        slate_gpu::finish_vif(raw.vif[i], vif);
        const slate_gpu::AdmScores adm = slate_gpu::finish_adm(
            raw.adm[i], adm_config(set.adm), reference[0].width, reference[0].height);
        row[set.first_column + kFeatureAdm2] = adm.adm2;
        for (int s = 0; s < 4; ++s) {
            row[set.first_column + 1 + s] = adm.scale[s];
            row[set.first_column + kFeatureVif0 + s] = vif[s];
        }
    }
}

double motion_from_raw(const slate_gpu::FrameMetricsRaw& raw, int width, int height) {
    return slate_gpu::motion_from_sad(raw.motion_sad, width, height);
}

Result<void> finish_rows_with(const ScorePlan& plan, const std::vector<double>& motion,
                              std::vector<std::vector<double>>& rows,
                              const VmafPredictOptions& options, PredictRows predict,
                              void* context) {
    if (plan.feature_sets.empty()) return ok();
    const std::vector<double> motion2 = motion2_from_motion(motion);
    for (size_t r = 0; r < rows.size(); ++r)
        for (const FeatureSet& set : plan.feature_sets)
            rows[r][set.first_column + kFeatureMotion2] = r < motion2.size() ? motion2[r] : 0.0;
    std::vector<double> features(rows.size() * slate_gpu::kVmafFeatureSlots);
    std::vector<double> scores(rows.size());
    for (const ModelColumn& m : plan.models) {
        const int base = plan.feature_sets[m.feature_set].first_column;
        for (size_t r = 0; r < rows.size(); ++r) {
            double* f = features.data() + r * slate_gpu::kVmafFeatureSlots;
            f[static_cast<int>(VmafFeature::Adm2)] = rows[r][base + kFeatureAdm2];
            f[static_cast<int>(VmafFeature::Motion2)] = rows[r][base + kFeatureMotion2];
            for (int s = 0; s < 4; ++s)
                f[static_cast<int>(VmafFeature::Vif0) + s] = rows[r][base + kFeatureVif0 + s];
        }
        MEDIA_TRY(predict(m, options, features, scores, context));
        for (size_t r = 0; r < rows.size(); ++r) rows[r][m.column] = scores[r];
    }
    return ok();
}

#ifdef SLATE_HAVE_CUDA

namespace {

/// One picture's planes in device memory, reallocated when the shape changes.
struct DevicePicture {
    media::detail::DeviceBuffer plane[3];
    size_t pitch[3] = {};
    slate_gpu::MetricPlane view[3]{};

    Result<void> upload(const std::array<SamplePlane, 3>& host, int planes, cudaStream_t stream) {
        for (int p = 0; p < planes; ++p) {
            const SamplePlane& h = host[p];
            const size_t row = static_cast<size_t>(h.width) * (h.wide() ? 2 : 1);
            const size_t padded = (row + 255) / 256 * 256;
            MEDIA_TRY(
                plane[p].reserve(std::max<size_t>(padded * static_cast<size_t>(h.height), 1)));
            pitch[p] = padded;
            SLATE_CUDA_TRY(cudaMemcpy2DAsync(
                               plane[p].data(), padded, h.data, static_cast<size_t>(h.stride_bytes),
                               row, static_cast<size_t>(h.height), cudaMemcpyHostToDevice, stream),
                           "upload of a frame");
            view[p] = slate_gpu::MetricPlane{plane[p].data(), static_cast<std::ptrdiff_t>(padded),
                                             h.width, h.height, h.bit_depth};
        }
        return ok();
    }
};

}  // namespace

struct DeviceFrameScorer::Impl {
    int device = 0;
    std::string name;
    ScorePlan plan;
    slate_gpu::MetricSelection selection;
    slate_gpu::cuda::MetricEngine engine;
    bool configured = false;
    int width = 0, height = 0;
    cudaStream_t stream = nullptr;
    DevicePicture reference, distorted;
    media::detail::DeviceBuffer raw;
    media::detail::PinnedBuffer raw_host;
    double seconds = 0.0;

    ~Impl() {
        if (stream != nullptr) cudaStreamDestroy(stream);
    }
};

DeviceFrameScorer::DeviceFrameScorer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DeviceFrameScorer::~DeviceFrameScorer() = default;

Result<std::unique_ptr<DeviceFrameScorer>> DeviceFrameScorer::create(const ScorePlan& plan,
                                                                     int device_index) {
    DeviceSelection selection = device_selection(plan);
    if (!selection.unsupported.empty()) return Error(ErrorCode::DeviceError, selection.unsupported);
    SLATE_CUDA_TRY(cudaSetDevice(device_index), "cudaSetDevice");
    auto impl = std::make_unique<Impl>();
    impl->device = device_index;
    impl->plan = plan;
    impl->selection = selection.selection;
    cudaDeviceProp props{};
    SLATE_CUDA_TRY(cudaGetDeviceProperties(&props, device_index), "cudaGetDeviceProperties");
    impl->name = fmt::format("cuda:{} ({})", device_index, props.name);
    SLATE_CUDA_TRY(cudaStreamCreateWithFlags(&impl->stream, cudaStreamNonBlocking),
                   "cudaStreamCreate");
    MEDIA_TRY(impl->raw.reserve(sizeof(slate_gpu::FrameMetricsRaw)));
    MEDIA_TRY(impl->raw_host.reserve(sizeof(slate_gpu::FrameMetricsRaw)));
    return std::unique_ptr<DeviceFrameScorer>(new DeviceFrameScorer(std::move(impl)));
}

Result<void> DeviceFrameScorer::score(const std::array<SamplePlane, 3>& reference,
                                      const std::array<SamplePlane, 3>& distorted,
                                      std::vector<double>& row, double& motion) {
    Impl& m = *m_impl;
    const auto started = std::chrono::steady_clock::now();
    SLATE_CUDA_TRY(cudaSetDevice(m.device), "cudaSetDevice");
    const int width = reference[0].width, height = reference[0].height;
    if (!m.configured || width != m.width || height != m.height) {
        SLATE_CUDA_TRY(m.engine.configure(m.selection, width, height),
                       "allocation of the metric workspaces");
        m.configured = true;
        m.width = width;
        m.height = height;
    }
    const int planes = m.selection.planes;
    MEDIA_TRY(m.reference.upload(reference, planes, m.stream));
    MEDIA_TRY(m.distorted.upload(distorted, planes, m.stream));
    auto* raw = static_cast<slate_gpu::FrameMetricsRaw*>(m.raw.data());
    SLATE_CUDA_TRY(m.engine.score(m.reference.view, m.distorted.view, raw, m.stream),
                   "metric kernel launch");
    SLATE_CUDA_TRY(cudaMemcpyAsync(m.raw_host.data(), raw, sizeof(slate_gpu::FrameMetricsRaw),
                                   cudaMemcpyDeviceToHost, m.stream),
                   "download of the metric sums");
    SLATE_CUDA_TRY(cudaStreamSynchronize(m.stream), "metric kernels");
    const auto& sums = *static_cast<const slate_gpu::FrameMetricsRaw*>(m.raw_host.data());
    m.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    row_from_raw(m.plan, sums, reference, row);
    motion = motion_from_raw(sums, width, height);
    return ok();
}

namespace {

Result<void> predict_on_device(const ModelColumn& model, const VmafPredictOptions& options,
                               const std::vector<double>& features, std::vector<double>& out,
                               void* context) {
    auto stream = static_cast<cudaStream_t>(context);
    slate_gpu::cuda::DeviceVmafModel device_model;
    SLATE_CUDA_TRY(device_model.upload(export_vmaf_model(model.model, options)),
                   "upload of a VMAF model");
    const int rows = static_cast<int>(out.size());
    if (rows == 0) return ok();
    media::detail::DeviceBuffer in, scores;
    MEDIA_TRY(in.reserve(sizeof(double) * features.size()));
    MEDIA_TRY(scores.reserve(sizeof(double) * out.size()));
    SLATE_CUDA_TRY(cudaMemcpyAsync(in.data(), features.data(), sizeof(double) * features.size(),
                                   cudaMemcpyHostToDevice, stream),
                   "upload of the features");
    SLATE_CUDA_TRY(
        slate_gpu::cuda::vmaf_predict(device_model, static_cast<const double*>(in.data()), rows,
                                      static_cast<double*>(scores.data()), stream),
        "VMAF model launch");
    SLATE_CUDA_TRY(cudaMemcpyAsync(out.data(), scores.data(), sizeof(double) * out.size(),
                                   cudaMemcpyDeviceToHost, stream),
                   "download of the scores");
    SLATE_CUDA_TRY(cudaStreamSynchronize(stream), "VMAF model");
    return ok();
}

}  // namespace

Result<void> DeviceFrameScorer::finish_rows(const std::vector<double>& motion,
                                            std::vector<std::vector<double>>& rows,
                                            const VmafPredictOptions& options) {
    SLATE_CUDA_TRY(cudaSetDevice(m_impl->device), "cudaSetDevice");
    return finish_rows_with(m_impl->plan, motion, rows, options, predict_on_device, m_impl->stream);
}

std::string DeviceFrameScorer::device_name() const {
    return m_impl->name;
}

double DeviceFrameScorer::seconds() const {
    return m_impl->seconds;
}

#else  // no CUDA in this build

struct DeviceFrameScorer::Impl {};

DeviceFrameScorer::DeviceFrameScorer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DeviceFrameScorer::~DeviceFrameScorer() = default;

Result<std::unique_ptr<DeviceFrameScorer>> DeviceFrameScorer::create(const ScorePlan&, int) {
    return Error(
        ErrorCode::DeviceError,
        "this build has no CUDA support (configured without nvcc, or with SLATE_CUDA=OFF)");
}

Result<void> DeviceFrameScorer::score(const std::array<SamplePlane, 3>&,
                                      const std::array<SamplePlane, 3>&, std::vector<double>&,
                                      double&) {
    return Error(ErrorCode::DeviceError, "this build has no CUDA support");
}

Result<void> DeviceFrameScorer::finish_rows(const std::vector<double>&,
                                            std::vector<std::vector<double>>&,
                                            const VmafPredictOptions&) {
    return Error(ErrorCode::DeviceError, "this build has no CUDA support");
}

std::string DeviceFrameScorer::device_name() const {
    return "cpu";
}

double DeviceFrameScorer::seconds() const {
    return 0.0;
}

#endif

}  // namespace media::metrics::detail
