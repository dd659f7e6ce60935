// SPDX-License-Identifier: Apache-2.0
// The metrics family: the reference metrics of `slate compare` (PSNR, motion, SSIM, MS-SSIM, VIF,
// ADM, the VMAF model), each checked as the user sees it: integer sums exactly, the other
// metrics as finished scores (the device's raw sums copied back and finished by the same host
// code as the reference's).
#include <cuda_runtime_api.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include "buffer_planes.h"
#include "slate_gpu/kernels_metrics_cuda.h"
#include "slate_gpu/registry.h"
#include "slate_gpu/vmaf_test_model.h"

namespace slate_gpu {
namespace {

using detail::plane_of;

// Variant::options: bit 0 the "neg" extractor options (gain limits 1.0); bits 8..15 SSIM's
// box decimation (0 means 1).
constexpr uint32_t kNeg = 1;
constexpr uint32_t ssim_scale_option(int scale) {
    return static_cast<uint32_t>(scale) << 8;
}
int ssim_scale_of(const Variant& v) {
    const int scale = static_cast<int>((v.options >> 8) & 0xffu);
    return scale == 0 ? 1 : scale;
}

constexpr Range kF = Range::Full;
constexpr Component kL = Component::Luma;

constexpr Variant kU8[] = {{"8-bit", 8, kF, kL, 0}};
constexpr Variant kU16[] = {{"10-bit", 10, kF, kL, 0}, {"16-bit", 16, kF, kL, 0}};
constexpr Variant kSsimU8[] = {{"8-bit, scale 1", 8, kF, kL, ssim_scale_option(1)},
                               {"8-bit, scale 3", 8, kF, kL, ssim_scale_option(3)}};
constexpr Variant kSsimU16[] = {{"10-bit, scale 2", 10, kF, kL, ssim_scale_option(2)},
                                {"12-bit, scale 1", 12, kF, kL, ssim_scale_option(1)}};
constexpr Variant kFeatureU8[] = {{"8-bit", 8, kF, kL, 0}, {"8-bit, neg options", 8, kF, kL, kNeg}};
constexpr Variant kFeatureU16[] = {{"10-bit", 10, kF, kL, 0},
                                   {"12-bit, neg options", 12, kF, kL, kNeg},
                                   {"16-bit", 16, kF, kL, 0}};
constexpr Variant kBlurred[] = {{"blurred planes", 16, kF, kL, 0}};
constexpr Variant kModels[] = {{"test model, transform + clip", 8, kF, kL, 0},
                               {"test model, no clip", 8, kF, kL, 1}};

constexpr Tolerance kExact{0.0, 0.0, "exact: integer sums"};
constexpr Tolerance kExactScores{
    0.0, 0.0,
    "exact: the same integer sums (libvmaf's fixed point), finished by the same host code"};
constexpr Tolerance kSsim{
    1e-6, 0.0,
    "the issue's 1e-6: per-position terms bit-identical (rounded float products, no FMA); "
    "only the order of the double sums over positions differs, which can move the final float "
    "by an ulp"};
constexpr Tolerance kVif{
    1e-6, 0.0,
    "per-pixel terms bit-identical (rounded float products, no FMA); CUDA's double log2 is "
    "within 1 ulp of glibc's, and the double sums over pixels run in another order: both far "
    "below the float the score is kept in"};
constexpr Tolerance kModel{
    1e-9, 1e-12,
    "the same double operations in the same order; CUDA's exp is within 1 ulp of glibc's"};

MetricPlane metric_plane(const Buffer& b, int bit_depth) {
    return MetricPlane{b.data, b.pitch, b.width, b.height, bit_depth};
}

template <typename T>
Layout pair_layout(int width, int height, const Variant& v, SampleType out_type, int out_width) {
    Layout layout;
    const auto max_code = static_cast<uint32_t>((1u << v.bit_depth) - 1u);
    layout.inputs[0] = layout.inputs[1] = {detail::sample_type_of<T>(), width, height, max_code};
    layout.input_count = 2;
    layout.outputs[0] = {out_type, out_width, 1};
    layout.output_count = 1;
    return layout;
}

void write_f64(const Buffer& out, const double* values, int n) {
    std::memcpy(out.data, values, sizeof(double) * static_cast<std::size_t>(n));
}

// The CUDA side of a finished-score entry: the metric writes its raw struct to device memory,
// which is copied back, finished on the host and copied to the output buffer. Synchronous:
// these adapters serve the parity check (the timing goes through MetricEngine).
template <typename Raw, typename Run, typename Finish>
cudaError_t run_finished(const Buffer& out, int n, Run&& run, Finish&& finish,
                         cudaStream_t stream) {
    Raw* device_raw = nullptr;
    cudaError_t status = cudaMalloc(reinterpret_cast<void**>(&device_raw), sizeof(Raw));
    if (status != cudaSuccess) return status;
    status = run(device_raw);
    Raw raw{};
    if (status == cudaSuccess)
        status = cudaMemcpyAsync(&raw, device_raw, sizeof(Raw), cudaMemcpyDeviceToHost, stream);
    if (status == cudaSuccess) status = cudaStreamSynchronize(stream);
    cudaFree(device_raw);
    if (status != cudaSuccess) return status;
    std::vector<double> values(static_cast<std::size_t>(n));
    finish(raw, values.data());
    return cudaMemcpy(out.data, values.data(), sizeof(double) * values.size(),
                      cudaMemcpyHostToDevice);
}

// ---- PSNR ----

template <typename T>
Layout sse_layout(int w, int h, const Variant& v) {
    return pair_layout<T>(w, h, v, SampleType::U64, 1);
}
bool sse_cpu(const Binding& b) {
    const int bits = b.variant.bit_depth;
    const MetricPlane a = metric_plane(b.inputs[0], bits), d = metric_plane(b.inputs[1], bits);
    if (!metric_pair_valid(a, d)) return false;
    *static_cast<uint64_t*>(b.outputs[0].data) = ref::sum_squared_error(a, d);
    return true;
}
cudaError_t sse_cuda(const Binding& b, cudaStream_t s) {
    const int bits = b.variant.bit_depth;
    cuda::PsnrWorkspace ws;
    cudaError_t status = ws.reserve(b.inputs[0].width, b.inputs[0].height);
    if (status != cudaSuccess) return status;
    status =
        cuda::sum_squared_error(metric_plane(b.inputs[0], bits), metric_plane(b.inputs[1], bits),
                                ws, static_cast<uint64_t*>(b.outputs[0].data), s);
    // The workspace dies here: finish before it does.
    if (status == cudaSuccess) status = cudaStreamSynchronize(s);
    return status;
}

// ---- motion ----

template <typename T>
Layout blur_layout(int w, int h, const Variant& v) {
    Layout layout;
    const auto max_code = static_cast<uint32_t>((1u << v.bit_depth) - 1u);
    layout.inputs[0] = {detail::sample_type_of<T>(), w, h, max_code};
    layout.input_count = 1;
    layout.outputs[0] = {SampleType::U16, w, h};
    layout.output_count = 1;
    return layout;
}
bool blur_cpu(const Binding& b) {
    const MetricPlane in = metric_plane(b.inputs[0], b.variant.bit_depth);
    if (!metric_plane_valid(in)) return false;
    ref::motion_blur(in, plane_of<uint16_t>(b.outputs[0]));
    return true;
}
cudaError_t blur_cuda(const Binding& b, cudaStream_t s) {
    cuda::MotionWorkspace ws;
    cudaError_t status = ws.reserve(b.inputs[0].width, b.inputs[0].height);
    if (status != cudaSuccess) return status;
    status = cuda::motion_blur(metric_plane(b.inputs[0], b.variant.bit_depth),
                               plane_of<uint16_t>(b.outputs[0]), ws, s);
    if (status == cudaSuccess) status = cudaStreamSynchronize(s);
    return status;
}

Layout sad_layout(int w, int h, const Variant&) {
    Layout layout;
    // Blurred values are below 256 * 256; random ones up to the container's maximum.
    layout.inputs[0] = layout.inputs[1] = {SampleType::U16, w, h, 65535};
    layout.input_count = 2;
    layout.outputs[0] = {SampleType::U64, 1, 1};
    layout.output_count = 1;
    return layout;
}
bool sad_cpu(const Binding& b) {
    *static_cast<uint64_t*>(b.outputs[0].data) = ref::motion_sad(
        plane_of<const uint16_t>(b.inputs[0]), plane_of<const uint16_t>(b.inputs[1]));
    return true;
}
cudaError_t sad_cuda(const Binding& b, cudaStream_t s) {
    cuda::MotionWorkspace ws;
    cudaError_t status = ws.reserve(b.inputs[0].width, b.inputs[0].height);
    if (status != cudaSuccess) return status;
    status = cuda::motion_sad(plane_of<const uint16_t>(b.inputs[0]),
                              plane_of<const uint16_t>(b.inputs[1]), ws,
                              static_cast<uint64_t*>(b.outputs[0].data), s);
    if (status == cudaSuccess) status = cudaStreamSynchronize(s);
    return status;
}

// ---- SSIM, MS-SSIM ----

template <typename T>
Layout score_layout(int w, int h, const Variant& v) {
    return pair_layout<T>(w, h, v, SampleType::F64, 1);
}
bool ssim_cpu(const Binding& b) {
    const int bits = b.variant.bit_depth;
    const MetricPlane r = metric_plane(b.inputs[0], bits), d = metric_plane(b.inputs[1], bits);
    if (!metric_pair_valid(r, d)) return false;
    const double score = finish_ssim(ref::float_ssim(r, d, ssim_scale_of(b.variant)));
    write_f64(b.outputs[0], &score, 1);
    return true;
}
cudaError_t ssim_cuda(const Binding& b, cudaStream_t s) {
    const int bits = b.variant.bit_depth;
    cuda::SsimWorkspace ws;
    if (cudaError_t e = ws.reserve(b.inputs[0].width, b.inputs[0].height); e != cudaSuccess)
        return e;
    return run_finished<SsimRaw>(
        b.outputs[0], 1,
        [&](SsimRaw* raw) {
            return cuda::float_ssim(metric_plane(b.inputs[0], bits),
                                    metric_plane(b.inputs[1], bits), ssim_scale_of(b.variant), ws,
                                    raw, s);
        },
        [](const SsimRaw& raw, double* out) { out[0] = finish_ssim(raw); }, s);
}
bool ms_ssim_cpu(const Binding& b) {
    const int bits = b.variant.bit_depth;
    const MetricPlane r = metric_plane(b.inputs[0], bits), d = metric_plane(b.inputs[1], bits);
    if (!metric_pair_valid(r, d)) return false;
    const double score = finish_ms_ssim(ref::float_ms_ssim(r, d));
    write_f64(b.outputs[0], &score, 1);
    return true;
}
cudaError_t ms_ssim_cuda(const Binding& b, cudaStream_t s) {
    const int bits = b.variant.bit_depth;
    cuda::SsimWorkspace ws;
    if (cudaError_t e = ws.reserve(b.inputs[0].width, b.inputs[0].height); e != cudaSuccess)
        return e;
    return run_finished<MsSsimRaw>(
        b.outputs[0], 1,
        [&](MsSsimRaw* raw) {
            return cuda::float_ms_ssim(metric_plane(b.inputs[0], bits),
                                       metric_plane(b.inputs[1], bits), ws, raw, s);
        },
        [](const MsSsimRaw& raw, double* out) { out[0] = finish_ms_ssim(raw); }, s);
}

// ---- VIF, ADM ----

VifConfig vif_config(const Variant& v) {
    VifConfig c;
    if ((v.options & kNeg) != 0) c.enhn_gain_limit = 1.0;
    return c;
}
AdmConfig adm_config(const Variant& v) {
    AdmConfig c;
    if ((v.options & kNeg) != 0) c.enhn_gain_limit = 1.0;
    return c;
}

template <typename T>
Layout vif_layout(int w, int h, const Variant& v) {
    return pair_layout<T>(w, h, v, SampleType::F64, kVifScaleCount);
}
bool vif_cpu(const Binding& b) {
    const int bits = b.variant.bit_depth;
    const MetricPlane r = metric_plane(b.inputs[0], bits), d = metric_plane(b.inputs[1], bits);
    if (!metric_pair_valid(r, d)) return false;
    double scores[kVifScaleCount];
    finish_vif(ref::vif(r, d, vif_config(b.variant)), scores);
    write_f64(b.outputs[0], scores, kVifScaleCount);
    return true;
}
cudaError_t vif_cuda(const Binding& b, cudaStream_t s) {
    const int bits = b.variant.bit_depth;
    cuda::VifWorkspace ws;
    if (cudaError_t e = ws.reserve(b.inputs[0].width, b.inputs[0].height); e != cudaSuccess)
        return e;
    return run_finished<VifRaw>(
        b.outputs[0], kVifScaleCount,
        [&](VifRaw* raw) {
            return cuda::vif(metric_plane(b.inputs[0], bits), metric_plane(b.inputs[1], bits),
                             vif_config(b.variant), ws, raw, s);
        },
        [](const VifRaw& raw, double* out) { finish_vif(raw, out); }, s);
}

// adm2, then adm_scale0..3.
void adm_values(const AdmScores& scores, double* out) {
    out[0] = scores.adm2;
    for (int i = 0; i < kAdmScaleCount; ++i) out[1 + i] = scores.scale[i];
}
template <typename T>
Layout adm_layout(int w, int h, const Variant& v) {
    return pair_layout<T>(w, h, v, SampleType::F64, 1 + kAdmScaleCount);
}
bool adm_cpu(const Binding& b) {
    const int bits = b.variant.bit_depth;
    const MetricPlane r = metric_plane(b.inputs[0], bits), d = metric_plane(b.inputs[1], bits);
    if (!metric_pair_valid(r, d)) return false;
    const AdmConfig config = adm_config(b.variant);
    double values[1 + kAdmScaleCount];
    adm_values(finish_adm(ref::adm(r, d, config), config, r.width, r.height), values);
    write_f64(b.outputs[0], values, 1 + kAdmScaleCount);
    return true;
}
cudaError_t adm_cuda(const Binding& b, cudaStream_t s) {
    const int bits = b.variant.bit_depth;
    const AdmConfig config = adm_config(b.variant);
    const int width = b.inputs[0].width, height = b.inputs[0].height;
    cuda::AdmWorkspace ws;
    if (cudaError_t e = ws.reserve(width, height); e != cudaSuccess) return e;
    return run_finished<AdmRaw>(
        b.outputs[0], 1 + kAdmScaleCount,
        [&](AdmRaw* raw) {
            return cuda::adm(metric_plane(b.inputs[0], bits), metric_plane(b.inputs[1], bits),
                             config, ws, raw, s);
        },
        [&](const AdmRaw& raw, double* out) {
            adm_values(finish_adm(raw, config, width, height), out);
        },
        s);
}

// ---- the VMAF model ----

// Each input sample gives one frame's features: the harness's random doubles (some of them
// non-finite or huge) folded into the features' usual ranges (adm2 and VIF about 0..1, motion
// 0..20), deterministic so both sides see the same rows.
std::vector<double> vmaf_test_features(const Buffer& in) {
    std::vector<double> features;
    for (int y = 0; y < in.height; ++y) {
        const auto* row = reinterpret_cast<const double*>(
            static_cast<const std::byte*>(in.data) + static_cast<std::ptrdiff_t>(y) * in.pitch);
        for (int x = 0; x < in.width; ++x) {
            double v = row[x];
            if (!(v >= -1e6 && v <= 1e6)) v = 0.5;  // NaN, infinities, huge
            for (int f = 0; f < kVmafFeatureSlots; ++f) {
                double t = v * (1.0 + 0.37 * f) + 0.11 * f;
                t -= static_cast<double>(static_cast<int64_t>(t));
                if (t < 0) t += 1.0;
                features.push_back(f == 1 ? 20.0 * t : 1.1 * t);
            }
        }
    }
    return features;
}

void store_row_major(const Buffer& out, const std::vector<double>& values) {
    for (int y = 0; y < out.height; ++y)
        std::memcpy(
            static_cast<std::byte*>(out.data) + static_cast<std::ptrdiff_t>(y) * out.pitch,
            values.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width),
            sizeof(double) * static_cast<std::size_t>(out.width));
}

// Inputs: one F64 buffer seen as rows of features (the harness's random doubles, mapped into
// each feature's range by vmaf_test_features); output: one score per row.
Layout model_layout(int w, int h, const Variant&) {
    Layout layout;
    layout.inputs[0] = {SampleType::F64, w, h, 0, 0.0f, 1.0f};
    layout.input_count = 1;
    layout.outputs[0] = {SampleType::F64, w, h};
    layout.output_count = 1;
    return layout;
}
bool model_cpu(const Binding& b) {
    const Buffer& in = b.inputs[0];
    const std::vector<double> features = vmaf_test_features(in);
    const VmafModelHost model = vmaf_test_model(b.variant.options != 0);
    const int rows = in.width * in.height;
    std::vector<double> scores(static_cast<std::size_t>(rows));
    ref::vmaf_predict(model, features.data(), rows, scores.data());
    store_row_major(b.outputs[0], scores);
    return true;
}
cudaError_t model_cuda(const Binding& b, cudaStream_t s) {
    // The features are mapped on the host (the same code as the reference's), then scored on
    // the device.
    const Buffer& in = b.inputs[0];
    const int rows = in.width * in.height;
    std::vector<double> host_in(static_cast<std::size_t>(rows));
    cudaError_t status = cudaMemcpy2D(
        host_in.data(), sizeof(double) * static_cast<std::size_t>(in.width), in.data,
        static_cast<std::size_t>(in.pitch), sizeof(double) * static_cast<std::size_t>(in.width),
        static_cast<std::size_t>(in.height), cudaMemcpyDeviceToHost);
    if (status != cudaSuccess) return status;
    const Buffer host_view{host_in.data(), static_cast<std::ptrdiff_t>(sizeof(double)) * in.width,
                           in.width, in.height};
    const std::vector<double> features = vmaf_test_features(host_view);
    cuda::DeviceVmafModel model;
    if (status = model.upload(vmaf_test_model(b.variant.options != 0)); status != cudaSuccess)
        return status;
    double* device_features = nullptr;
    double* device_scores = nullptr;
    status =
        cudaMalloc(reinterpret_cast<void**>(&device_features), sizeof(double) * features.size());
    if (status == cudaSuccess)
        status = cudaMalloc(reinterpret_cast<void**>(&device_scores),
                            sizeof(double) * static_cast<std::size_t>(rows));
    if (status == cudaSuccess)
        status = cudaMemcpy(device_features, features.data(), sizeof(double) * features.size(),
                            cudaMemcpyHostToDevice);
    if (status == cudaSuccess)
        status = cuda::vmaf_predict(model, device_features, rows, device_scores, s);
    if (status == cudaSuccess) status = cudaStreamSynchronize(s);
    std::vector<double> scores(static_cast<std::size_t>(rows));
    if (status == cudaSuccess)
        status = cudaMemcpy(scores.data(), device_scores, sizeof(double) * scores.size(),
                            cudaMemcpyDeviceToHost);
    cudaFree(device_features);
    cudaFree(device_scores);
    if (status != cudaSuccess) return status;
    const Buffer& out = b.outputs[0];
    return cudaMemcpy2D(out.data, static_cast<std::size_t>(out.pitch), scores.data(),
                        sizeof(double) * static_cast<std::size_t>(out.width),
                        sizeof(double) * static_cast<std::size_t>(out.width),
                        static_cast<std::size_t>(out.height), cudaMemcpyHostToDevice);
}

constexpr KernelEntry kMetricKernels[] = {
    {"psnr.sse.u8", kU8, kExact, sse_layout<uint8_t>, sse_cpu, sse_cuda},
    {"psnr.sse.u16", kU16, kExact, sse_layout<uint16_t>, sse_cpu, sse_cuda},
    {"motion.blur.u8", kU8, kExact, blur_layout<uint8_t>, blur_cpu, blur_cuda},
    {"motion.blur.u16", kU16, kExact, blur_layout<uint16_t>, blur_cpu, blur_cuda},
    {"motion.sad", kBlurred, kExact, sad_layout, sad_cpu, sad_cuda},
    {"ssim.u8", kSsimU8, kSsim, score_layout<uint8_t>, ssim_cpu, ssim_cuda, false},
    {"ssim.u16", kSsimU16, kSsim, score_layout<uint16_t>, ssim_cpu, ssim_cuda, false},
    {"ms_ssim.u8", kU8, kSsim, score_layout<uint8_t>, ms_ssim_cpu, ms_ssim_cuda, false},
    {"ms_ssim.u16", kU16, kSsim, score_layout<uint16_t>, ms_ssim_cpu, ms_ssim_cuda, false},
    {"vif.u8", kFeatureU8, kVif, vif_layout<uint8_t>, vif_cpu, vif_cuda, false},
    {"vif.u16", kFeatureU16, kVif, vif_layout<uint16_t>, vif_cpu, vif_cuda, false},
    {"adm.u8", kFeatureU8, kExactScores, adm_layout<uint8_t>, adm_cpu, adm_cuda, false},
    {"adm.u16", kFeatureU16, kExactScores, adm_layout<uint16_t>, adm_cpu, adm_cuda, false},
    {"vmaf.predict", kModels, kModel, model_layout, model_cpu, model_cuda, false},
};

}  // namespace

std::span<const KernelEntry> metrics_kernels() {
    return kMetricKernels;
}

}  // namespace slate_gpu
