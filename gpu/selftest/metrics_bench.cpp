// SPDX-License-Identifier: Apache-2.0
#include "metrics_bench.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "cuda_check.h"
#include "slate_gpu/frame_metrics.h"
#include "slate_gpu/metric_engine.h"
#include "slate_gpu/vmaf_test_model.h"

namespace slate_gpu::selftest {
namespace {

// ---- real-looking frames ----

uint32_t hash(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

// Grain in [-1, 1], fixed per sample and frame.
double grain(int x, int y, int t, uint32_t salt) {
    const uint32_t h =
        hash(static_cast<uint32_t>(x) * 73856093u ^ static_cast<uint32_t>(y) * 19349663u ^
             static_cast<uint32_t>(t) * 83492791u ^ salt);
    return static_cast<double>(h & 0xffffu) / 32767.5 - 1.0;
}

// Frame t of a scene in [0, 1]: a moving gradient, a sinusoidal texture, a sharp-edged disc that
// travels, and grain.
double scene(double u, double v, int t, int x, int y, uint32_t salt) {
    double value = 0.25 + 0.4 * u + 0.1 * v;
    value += 0.12 * std::sin(40.0 * u + 0.35 * t) * std::cos(23.0 * v - 0.2 * t);
    const double cx = 0.3 + 0.05 * t, cy = 0.5;
    if ((u - cx) * (u - cx) + (v - cy) * (v - cy) < 0.02) value = 0.85 - 0.3 * v;
    value += 0.02 * grain(x, y, t, salt);
    return std::clamp(value, 0.0, 1.0);
}

// One plane of samples (u8 or u16 in a byte vector), rows packed.
struct HostPlane {
    std::vector<uint8_t> bytes;
    int width = 0;
    int height = 0;
    int bit_depth = 8;
    std::ptrdiff_t pitch() const {
        return static_cast<std::ptrdiff_t>(width) * (bit_depth > 8 ? 2 : 1);
    }
    MetricPlane view() const {
        return MetricPlane{bytes.data(), pitch(), width, height, bit_depth};
    }
    void set(int x, int y, uint32_t code) {
        const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                              static_cast<std::size_t>(x);
        if (bit_depth > 8) {
            const auto c = static_cast<uint16_t>(code);
            std::memcpy(bytes.data() + 2 * i, &c, 2);
        } else {
            bytes[i] = static_cast<uint8_t>(code);
        }
    }
};

HostPlane make_plane(int width, int height, int bit_depth) {
    HostPlane p;
    p.width = width;
    p.height = height;
    p.bit_depth = bit_depth;
    p.bytes.assign(static_cast<std::size_t>(p.pitch()) * static_cast<std::size_t>(height), 0);
    return p;
}

struct HostFrame {
    HostPlane plane[3];
};

// Reference and distorted frame t of a 4:2:0 sequence. The distorted picture is the reference
// box-blurred over 3x3, quantised to 1/48 of the range in 8x8 blocks whose offset changes
// (blocking), with its own grain.
void make_pair(int width, int height, int bit_depth, int t, HostFrame& ref, HostFrame& dist) {
    const double max_code = static_cast<double>((1 << bit_depth) - 1);
    for (int p = 0; p < 3; ++p) {
        const int w = p == 0 ? width : (width + 1) / 2;
        const int h = p == 0 ? height : (height + 1) / 2;
        ref.plane[p] = make_plane(w, h, bit_depth);
        dist.plane[p] = make_plane(w, h, bit_depth);
        std::vector<double> values(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const double u = (x + 0.5) / w, v = (y + 0.5) / h;
                const double value =
                    p == 0
                        ? scene(u, v, t, x, y, 1u)
                        : 0.5 + 0.1 * (scene(v, u, t, x, y, 7u + static_cast<uint32_t>(p)) - 0.5);
                values[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) +
                       static_cast<std::size_t>(x)] = value;
                ref.plane[p].set(x, y, static_cast<uint32_t>(std::lround(value * max_code)));
            }
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                double sum = 0.0;
                for (int dy = -1; dy <= 1; ++dy)
                    for (int dx = -1; dx <= 1; ++dx) {
                        const int sx = std::clamp(x + dx, 0, w - 1),
                                  sy = std::clamp(y + dy, 0, h - 1);
                        sum += values[static_cast<std::size_t>(sy) * static_cast<std::size_t>(w) +
                                      static_cast<std::size_t>(sx)];
                    }
                double value = sum / 9.0;
                const double block = 0.01 * (((x + t) / 8 + (y / 8)) % 3 - 1);
                value = std::round((value + block) * 48.0) / 48.0 + 0.01 * grain(x, y, t, 99u);
                dist.plane[p].set(
                    x, y,
                    static_cast<uint32_t>(std::lround(std::clamp(value, 0.0, 1.0) * max_code)));
            }
    }
}

// ---- device copies ----

class DeviceFrame {
public:
    DeviceFrame() = default;
    DeviceFrame(const DeviceFrame&) = delete;
    DeviceFrame& operator=(const DeviceFrame&) = delete;
    ~DeviceFrame() {
        for (void* d : m_data) cudaFree(d);
    }
    void upload(const HostFrame& frame) {
        for (int p = 0; p < 3; ++p) {
            const HostPlane& h = frame.plane[p];
            const std::size_t row = static_cast<std::size_t>(h.pitch());
            std::size_t pitch = 0;
            if (m_data[p] == nullptr)
                check(cudaMallocPitch(&m_data[p], &pitch, row, static_cast<std::size_t>(h.height)),
                      "cudaMallocPitch");
            else
                pitch = static_cast<std::size_t>(m_view[p].pitch);
            check(cudaMemcpy2D(m_data[p], pitch, h.bytes.data(), row, row,
                               static_cast<std::size_t>(h.height), cudaMemcpyHostToDevice),
                  "cudaMemcpy2D");
            m_view[p] = MetricPlane{m_data[p], static_cast<std::ptrdiff_t>(pitch), h.width,
                                    h.height, h.bit_depth};
        }
    }
    const MetricPlane* planes() const { return m_view; }
    double bytes(int planes) const {
        double total = 0.0;
        for (int p = 0; p < planes; ++p)
            total += static_cast<double>(m_view[p].width) * m_view[p].height *
                     (m_view[p].wide() ? 2 : 1);
        return total;
    }

private:
    void* m_data[3] = {nullptr, nullptr, nullptr};
    MetricPlane m_view[3]{};
};

template <typename T>
class DeviceValue {
public:
    DeviceValue() { check(cudaMalloc(reinterpret_cast<void**>(&m_data), sizeof(T)), "cudaMalloc"); }
    ~DeviceValue() { cudaFree(m_data); }
    DeviceValue(const DeviceValue&) = delete;
    DeviceValue& operator=(const DeviceValue&) = delete;
    T* get() const { return m_data; }
    T read() const {
        T value{};
        check(cudaMemcpy(&value, m_data, sizeof(T), cudaMemcpyDeviceToHost), "cudaMemcpy");
        return value;
    }

private:
    T* m_data = nullptr;
};

int ssim_auto_scale(int width, int height) {
    return std::max(
        1,
        static_cast<int>(std::floor(static_cast<float>(std::min(width, height)) / 256.0f + 0.5f)));
}

MetricSelection full_selection(int width, int height, int feature_sets) {
    MetricSelection s;
    s.planes = 3;
    s.psnr = true;
    s.ssim = true;
    s.ssim_scale = ssim_auto_scale(width, height);
    s.ms_ssim = true;
    s.feature_sets = feature_sets;
    if (feature_sets > 1) {
        s.vif[1].enhn_gain_limit = 1.0;
        s.adm[1].enhn_gain_limit = 1.0;
    }
    s.motion = true;
    return s;
}

// ---- the whole-frame check ----

// The finished values of one frame, in a fixed order with their names and tolerances.
struct Finished {
    std::vector<double> values;
};

struct FeatureSpec {
    const char* name;
    double tolerance;
};

// sse_y sse_cb sse_cr, ssim, ms_ssim, per set: vif0..3 adm2 adm0..3, motion.
std::vector<FeatureSpec> feature_specs(int sets) {
    std::vector<FeatureSpec> specs = {{"psnr SSE Y (exact)", 0.0},
                                      {"psnr SSE Cb (exact)", 0.0},
                                      {"psnr SSE Cr (exact)", 0.0},
                                      {"float_ssim", 1e-6},
                                      {"float_ms_ssim", 1e-6}};
    static const char* const kVif[2][4] = {
        {"vif_scale0", "vif_scale1", "vif_scale2", "vif_scale3"},
        {"vif_scale0 (neg)", "vif_scale1 (neg)", "vif_scale2 (neg)", "vif_scale3 (neg)"}};
    static const char* const kAdm[2][5] = {
        {"adm2 (exact)", "adm_scale0 (exact)", "adm_scale1 (exact)", "adm_scale2 (exact)",
         "adm_scale3 (exact)"},
        {"adm2 neg (exact)", "adm_scale0 neg (exact)", "adm_scale1 neg (exact)",
         "adm_scale2 neg (exact)", "adm_scale3 neg (exact)"}};
    for (int s = 0; s < sets; ++s) {
        for (int i = 0; i < 4; ++i) specs.push_back({kVif[s][i], 1e-6});
        for (int i = 0; i < 5; ++i) specs.push_back({kAdm[s][i], 0.0});
    }
    specs.push_back({"motion (exact)", 0.0});
    specs.push_back({"vmaf, test model (per frame)", 1e-3});
    return specs;
}

Finished finish(const FrameMetricsRaw& raw, const MetricSelection& s, int width, int height) {
    Finished f;
    for (int p = 0; p < 3; ++p) f.values.push_back(static_cast<double>(raw.sse[p]));
    f.values.push_back(finish_ssim(raw.ssim));
    f.values.push_back(finish_ms_ssim(raw.ms_ssim));
    for (int set = 0; set < s.feature_sets; ++set) {
        double vif[kVifScaleCount];
        finish_vif(raw.vif[set], vif);
        f.values.insert(f.values.end(), vif, vif + kVifScaleCount);
        const AdmScores adm = finish_adm(raw.adm[set], s.adm[set], width, height);
        f.values.push_back(adm.adm2);
        f.values.insert(f.values.end(), adm.scale, adm.scale + kAdmScaleCount);
    }
    f.values.push_back(motion_from_sad(raw.motion_sad, width, height));
    return f;
}

// The test model's features of a finished frame: adm2, motion, vif0..3 of the first set.
std::vector<double> model_features(const Finished& f) {
    const std::size_t base = 5;
    return {f.values[base + 4], f.values.back(),    f.values[base + 0],
            f.values[base + 1], f.values[base + 2], f.values[base + 3]};
}

struct Case {
    int width;
    int height;
    int bit_depth;
};
constexpr Case kCases[] = {{333, 187, 12}, {640, 360, 8}, {1280, 720, 10}, {1920, 1080, 8}};
constexpr int kFrames = 3;
constexpr int kBatch = 8;  // frames per timed run

}  // namespace

std::vector<FeatureParity> check_metric_frames() {
    std::printf(
        "\nwhole frames: MetricEngine vs the reference engine on real-looking 4:2:0 sequences "
        "(%d frames each), every metric, two VIF/ADM option sets, motion, the VMAF test model\n",
        kFrames);
    const std::vector<FeatureSpec> specs = feature_specs(2);
    std::vector<FeatureParity> parity;
    for (const FeatureSpec& spec : specs) parity.push_back({spec.name, 0.0, spec.tolerance, true});
    const VmafModelHost model = vmaf_test_model(false);
    cuda::DeviceVmafModel device_model;
    check(device_model.upload(model), "upload the test model");
    for (const Case& c : kCases) {
        const MetricSelection selection = full_selection(c.width, c.height, 2);
        cuda::MetricEngine engine;
        check(engine.configure(selection, c.width, c.height), "MetricEngine::configure");
        std::vector<uint16_t> blur[2];
        for (auto& b : blur)
            b.assign(static_cast<std::size_t>(c.width) * static_cast<std::size_t>(c.height), 0);
        DeviceFrame device_ref, device_dist;
        DeviceValue<FrameMetricsRaw> device_raw;
        double* device_features = nullptr;
        check(cudaMalloc(reinterpret_cast<void**>(&device_features),
                         sizeof(double) * kVmafFeatureSlots),
              "cudaMalloc");
        DeviceValue<double> device_score;
        for (int t = 0; t < kFrames; ++t) {
            HostFrame ref, dist;
            make_pair(c.width, c.height, c.bit_depth, t, ref, dist);
            const MetricPlane host_ref[3] = {ref.plane[0].view(), ref.plane[1].view(),
                                             ref.plane[2].view()};
            const MetricPlane host_dist[3] = {dist.plane[0].view(), dist.plane[1].view(),
                                              dist.plane[2].view()};
            const auto pitch = static_cast<std::ptrdiff_t>(c.width) * 2;
            const Plane<uint16_t> current{blur[t % 2].data(), pitch, c.width, c.height};
            const Plane<const uint16_t> previous{blur[(t + 1) % 2].data(), pitch, c.width,
                                                 c.height};
            FrameMetricsRaw expected;
            ref::frame_metrics(selection, host_ref, host_dist, current,
                               t == 0 ? nullptr : &previous, &expected);
            device_ref.upload(ref);
            device_dist.upload(dist);
            check(
                engine.score(device_ref.planes(), device_dist.planes(), device_raw.get(), nullptr),
                "MetricEngine::score");
            check(cudaDeviceSynchronize(), "MetricEngine::score execution");
            const FrameMetricsRaw got = device_raw.read();
            const Finished want = finish(expected, selection, c.width, c.height);
            const Finished have = finish(got, selection, c.width, c.height);
            // The model: the reference's features through the reference predictor, the device's
            // through the device predictor.
            const std::vector<double> want_features = model_features(want);
            const std::vector<double> have_features = model_features(have);
            double want_score = 0.0;
            ref::vmaf_predict(model, want_features.data(), 1, &want_score);
            check(cudaMemcpy(device_features, have_features.data(),
                             sizeof(double) * kVmafFeatureSlots, cudaMemcpyHostToDevice),
                  "cudaMemcpy");
            check(cuda::vmaf_predict(device_model, device_features, 1, device_score.get(), nullptr),
                  "vmaf_predict");
            const double have_score = device_score.read();
            std::vector<double> w = want.values, h = have.values;
            w.push_back(want_score);
            h.push_back(have_score);
            for (std::size_t i = 0; i < specs.size() && i < w.size(); ++i) {
                const double error =
                    (std::isnan(w[i]) && std::isnan(h[i])) ? 0.0 : std::fabs(w[i] - h[i]);
                const bool ok =
                    error <= specs[i].tolerance || (std::isnan(w[i]) && std::isnan(h[i]));
                parity[i].max_error =
                    std::max(parity[i].max_error, std::isnan(error) ? INFINITY : error);
                if (!ok && parity[i].pass) {
                    parity[i].pass = false;
                    std::printf(
                        "  FAIL  %-30s %dx%d %d-bit frame %d: reference %.17g, CUDA %.17g\n",
                        specs[i].name, c.width, c.height, c.bit_depth, t, w[i], h[i]);
                }
            }
        }
        cudaFree(device_features);
        std::printf("  %4dx%-4d %2d-bit: %d frames compared\n", c.width, c.height, c.bit_depth,
                    kFrames);
    }
    return parity;
}

bool check_metric_frames_reference() {
    std::printf(
        "\nwhole frames, references only: ref::frame_metrics on the real-looking sequences "
        "must be deterministic and give plausible scores\n");
    const VmafModelHost model = vmaf_test_model(false);
    bool pass = true;
    for (const Case& c : {kCases[0], kCases[1]}) {
        const MetricSelection selection = full_selection(c.width, c.height, 2);
        std::vector<uint16_t> blur[3];
        for (auto& b : blur)
            b.assign(static_cast<std::size_t>(c.width) * static_cast<std::size_t>(c.height), 0);
        const auto pitch = static_cast<std::ptrdiff_t>(c.width) * 2;
        for (int t = 0; t < 2; ++t) {
            HostFrame ref, dist;
            make_pair(c.width, c.height, c.bit_depth, t, ref, dist);
            const MetricPlane r[3] = {ref.plane[0].view(), ref.plane[1].view(),
                                      ref.plane[2].view()};
            const MetricPlane d[3] = {dist.plane[0].view(), dist.plane[1].view(),
                                      dist.plane[2].view()};
            const Plane<const uint16_t> previous{blur[(t + 1) % 2].data(), pitch, c.width,
                                                 c.height};
            FrameMetricsRaw first, second;
            ref::frame_metrics(selection, r, d,
                               Plane<uint16_t>{blur[t % 2].data(), pitch, c.width, c.height},
                               t == 0 ? nullptr : &previous, &first);
            ref::frame_metrics(selection, r, d,
                               Plane<uint16_t>{blur[2].data(), pitch, c.width, c.height},
                               t == 0 ? nullptr : &previous, &second);
            const bool same = std::memcmp(&first, &second, sizeof(FrameMetricsRaw)) == 0 &&
                              blur[2] == blur[t % 2];
            const Finished f = finish(first, selection, c.width, c.height);
            const std::vector<double> features = model_features(f);
            double vmaf = 0.0;
            ref::vmaf_predict(model, features.data(), 1, &vmaf);
            bool plausible = std::isfinite(vmaf) && vmaf >= 0.0 && vmaf <= 100.0;
            for (std::size_t i = 3; i + 1 < f.values.size(); ++i)  // scores, not the SSEs or motion
                plausible = plausible && std::isfinite(f.values[i]) && f.values[i] > 0.0 &&
                            f.values[i] <= 1.5;
            plausible = plausible && f.values.back() >= 0.0 && (t == 0) == (first.motion_sad == 0);
            std::printf(
                "  %s  %4dx%-4d %2d-bit frame %d: ssim %.6f ms_ssim %.6f vif0 %.6f adm2 "
                "%.6f motion %.4f vmaf(test model) %.4f%s\n",
                same && plausible ? "PASS" : "FAIL", c.width, c.height, c.bit_depth, t, f.values[3],
                f.values[4], f.values[5], f.values[9], f.values.back(), vmaf,
                same ? "" : " (not deterministic)");
            pass = pass && same && plausible;
        }
    }
    return pass;
}

std::vector<MetricTiming> bench_metrics() {
    std::printf(
        "\nmetric timing: MetricEngine::score on resident 4:2:0 frames, %d frames per timed run "
        "(so that launch latency overlaps the previous frame's kernels, as in a stream of "
        "frames), median of 20 runs after 3 warm-ups (CUDA events), alternating two frame pairs "
        "(motion always has a previous frame), against device copies of the bytes read\n",
        kBatch);
    struct Size {
        int width, height, bit_depth;
    };
    constexpr Size kSizes[] = {
        {1920, 1080, 8}, {1920, 1080, 10}, {3840, 2160, 8}, {3840, 2160, 10}};
    std::vector<MetricTiming> rows;
    cudaEvent_t start{}, stop{};
    check(cudaEventCreate(&start), "cudaEventCreate");
    check(cudaEventCreate(&stop), "cudaEventCreate");
    auto time_ms = [&](auto&& run) {
        check(cudaEventRecord(start, nullptr), "cudaEventRecord");
        run();
        check(cudaEventRecord(stop, nullptr), "cudaEventRecord");
        check(cudaEventSynchronize(stop), "execution");
        float ms = 0.0f;
        check(cudaEventElapsedTime(&ms, start, stop), "cudaEventElapsedTime");
        return static_cast<double>(ms);
    };
    auto median = [](std::vector<double> v) {
        std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
        return v[v.size() / 2];
    };
    for (const Size& size : kSizes) {
        HostFrame ref[2], dist[2];
        DeviceFrame device_ref[2], device_dist[2];
        for (int t = 0; t < 2; ++t) {
            make_pair(size.width, size.height, size.bit_depth, t, ref[t], dist[t]);
            device_ref[t].upload(ref[t]);
            device_dist[t].upload(dist[t]);
        }
        DeviceValue<FrameMetricsRaw> raw;
        struct Config {
            const char* name;
            MetricSelection selection;
        };
        MetricSelection vmaf;
        vmaf.planes = 3;
        vmaf.feature_sets = 1;
        vmaf.motion = true;
        const MetricSelection full = full_selection(size.width, size.height, 1);
        MetricSelection psnr;
        psnr.psnr = true;
        MetricSelection ssim;
        ssim.ssim = true;
        ssim.ssim_scale = full.ssim_scale;
        MetricSelection ms_ssim;
        ms_ssim.ms_ssim = true;
        MetricSelection motion;
        motion.motion = true;
        const Config configs[] = {{"VMAF (VIF+ADM+motion)", vmaf}, {"full set", full},
                                  {"psnr (3 planes)", psnr},       {"float_ssim", ssim},
                                  {"float_ms_ssim", ms_ssim},      {"motion", motion}};
        for (const Config& config : configs) {
            cuda::MetricEngine engine;
            check(engine.configure(config.selection, size.width, size.height), "configure");
            int frame = 0;
            auto run = [&] {
                for (int b = 0; b < kBatch; ++b, ++frame)
                    check(engine.score(device_ref[frame % 2].planes(),
                                       device_dist[frame % 2].planes(), raw.get(), nullptr),
                          config.name);
            };
            const int planes = config.selection.psnr ? 3 : 1;
            const double bytes = device_ref[0].bytes(planes) +
                                 (config.selection.motion && !config.selection.psnr &&
                                          config.selection.feature_sets == 0 &&
                                          !config.selection.ssim && !config.selection.ms_ssim
                                      ? 0.0
                                      : device_dist[0].bytes(planes));
            void* from = nullptr;
            void* to = nullptr;
            check(cudaMalloc(&from, static_cast<std::size_t>(bytes)), "cudaMalloc");
            check(cudaMalloc(&to, static_cast<std::size_t>(bytes)), "cudaMalloc");
            auto copy = [&] {
                for (int b = 0; b < kBatch; ++b)
                    check(cudaMemcpyAsync(to, from, static_cast<std::size_t>(bytes),
                                          cudaMemcpyDeviceToDevice, nullptr),
                          "cudaMemcpyAsync");
            };
            for (int i = 0; i < 3; ++i) {
                time_ms(run);
                time_ms(copy);
            }
            std::vector<double> kernel_ms, copy_ms;
            for (int i = 0; i < 20; ++i) {
                kernel_ms.push_back(time_ms(run));
                copy_ms.push_back(time_ms(copy));
            }
            cudaFree(from);
            cudaFree(to);
            MetricTiming row;
            row.name = config.name;
            row.width = size.width;
            row.height = size.height;
            row.bit_depth = size.bit_depth;
            row.ms = median(kernel_ms) / kBatch;
            row.fps = 1000.0 / row.ms;
            row.gbps = bytes / (row.ms * 1e6);
            // A copy reads and writes every byte.
            row.copy_gbps = 2.0 * bytes / (median(copy_ms) / kBatch * 1e6);
            std::printf(
                "  %-22s %4dx%-4d %2d-bit %9.4f ms %9.0f frames/s %8.1f GB/s (copy %8.1f GB/s)\n",
                row.name.c_str(), row.width, row.height, row.bit_depth, row.ms, row.fps, row.gbps,
                row.copy_gbps);
            rows.push_back(row);
        }
    }
    // The model: one launch scores a batch; per frame it is a few microseconds.
    {
        const VmafModelHost model = vmaf_test_model(false);
        cuda::DeviceVmafModel device_model;
        check(device_model.upload(model), "upload the test model");
        constexpr int kRows = 1000;
        std::vector<double> features(static_cast<std::size_t>(kRows) * kVmafFeatureSlots);
        for (std::size_t i = 0; i < features.size(); ++i)
            features[i] =
                0.1 + 0.8 * static_cast<double>(hash(static_cast<uint32_t>(i)) & 0xffff) / 65535.0;
        double* device_features = nullptr;
        double* device_scores = nullptr;
        check(cudaMalloc(reinterpret_cast<void**>(&device_features),
                         sizeof(double) * features.size()),
              "cudaMalloc");
        check(cudaMalloc(reinterpret_cast<void**>(&device_scores), sizeof(double) * kRows),
              "cudaMalloc");
        check(cudaMemcpy(device_features, features.data(), sizeof(double) * features.size(),
                         cudaMemcpyHostToDevice),
              "cudaMemcpy");
        std::vector<double> ms;
        for (int i = 0; i < 23; ++i) {
            const double t = time_ms([&] {
                check(cuda::vmaf_predict(device_model, device_features, kRows, device_scores,
                                         nullptr),
                      "vmaf_predict");
            });
            if (i >= 3) ms.push_back(t);
        }
        cudaFree(device_features);
        cudaFree(device_scores);
        std::printf(
            "  vmaf_predict (test model, %d support vectors): %d frames in %.4f ms, %.2f us per "
            "frame\n",
            vmaf_test_model_support_vectors(), kRows, median(ms), 1000.0 * median(ms) / kRows);
    }
    cudaEventDestroy(start);
    cudaEventDestroy(stop);
    return rows;
}

}  // namespace slate_gpu::selftest
