// SPDX-License-Identifier: Apache-2.0
// The GPU references of PSNR's squared-error sum, VMAF's motion feature and the VMAF model
// (gpu/ref/{psnr,motion,vmaf_predict}.cpp) against libmedia's CPU path: the SSE and the blurred
// planes exactly, the motion score exactly, and the model's score for libvmaf's real models
// (vmaf_v0.6.1, vmaf_v0.6.1neg, vmaf_4k_v0.6.1, plus a copy with knots) exactly (the same double
// operations in the same order, glibc's exp on both sides). On a GPU, slate-gpu-selftest then
// checks each kernel against these references.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/metrics/motion.h"
#include "media/metrics/psnr.h"
#include "media/metrics/sample_plane.h"
#include "media/metrics/vmaf_model.h"
#include "metrics/vmaf_model_export.h"
#include "slate_gpu/motion.h"
#include "slate_gpu/psnr.h"
#include "slate_gpu/vmaf_predict.h"
#include "vmaf_material.h"

namespace media::metrics {
namespace {

/// A plane of random samples with `pad` bytes after each row (filled with other random bytes).
struct Samples {
    std::vector<unsigned char> bytes;
    int64_t pitch = 0;
    int width = 0, height = 0, bit_depth = 8;

    Samples(int w, int h, int bits, int pad, std::mt19937& rng, int smooth = 0)
        : width(w), height(h), bit_depth(bits) {
        const int size = bits > 8 ? 2 : 1;
        pitch = int64_t{w} * size + pad;
        bytes.resize(static_cast<size_t>(pitch * h) + 1);
        std::uniform_int_distribution<int> byte(0, 255);
        for (auto& b : bytes) b = static_cast<unsigned char>(byte(rng));
        const int top = (1 << bits) - 1;
        std::uniform_int_distribution<int> code(0, top);
        std::uniform_int_distribution<int> jitter(-smooth, smooth);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                // smooth > 0: a gradient with a little noise (realistic content); else uniform,
                // with the extremes 0 and top forced in the first row.
                int v = smooth > 0 ? std::clamp((x * 7 + y * 3) % (top + 1) + jitter(rng), 0, top)
                                   : code(rng);
                if (smooth == 0 && y == 0 && x < 2) v = x == 0 ? top : 0;
                unsigned char* row = bytes.data() + pitch * y;
                if (size == 1)
                    row[x] = static_cast<unsigned char>(v);
                else {
                    const auto s = static_cast<uint16_t>(v);
                    std::memcpy(row + 2 * x, &s, 2);
                }
            }
    }
    SamplePlane cpu() const {
        SamplePlane p;
        p.data = bytes.data();
        p.stride_bytes = pitch;
        p.width = width;
        p.height = height;
        p.bit_depth = bit_depth;
        return p;
    }
    slate_gpu::MetricPlane gpu() const {
        return slate_gpu::MetricPlane{bytes.data(), static_cast<std::ptrdiff_t>(pitch), width,
                                      height, bit_depth};
    }
};

struct Size {
    int w, h;
};
const std::vector<Size> k_sizes{{1, 1}, {2, 2},   {3, 1},  {1, 5},   {4, 3},    {5, 7},
                                {7, 2}, {33, 17}, {64, 9}, {257, 5}, {131, 67}, {576, 324}};

// ---- PSNR
// ----------------------------------------------------------------------------------------

TEST(PsnrRefParity, SumOfSquaredErrorsEqualsTheCpuPath) {
    std::mt19937 rng(17);
    int cases = 0;
    for (int bits = 8; bits <= 16; ++bits)
        for (const Size s : k_sizes)
            for (const int pad : {0, 2, 6, 34}) {
                // 16-bit rows must stay 2-byte aligned; 8-bit ones take odd padding too.
                const int p = bits == 8 ? pad + (pad > 0 ? 1 : 0) : pad;
                const Samples a(s.w, s.h, bits, p, rng), b(s.w, s.h, bits, pad, rng);
                const uint64_t want = sum_squared_error(a.cpu(), b.cpu());
                ASSERT_EQ(slate_gpu::ref::sum_squared_error(a.gpu(), b.gpu()), want)
                    << fmt::format("{} bits, {}x{}, pad {}", bits, s.w, s.h, p);
                ++cases;
            }
    // The largest differences: 0 against the maximum everywhere.
    for (const int bits : {8, 10, 16}) {
        std::mt19937 unused(1);
        Samples a(300, 7, bits, 4, unused), b(300, 7, bits, 0, unused);
        const int top = (1 << bits) - 1;
        for (int y = 0; y < 7; ++y)
            for (int x = 0; x < 300; ++x) {
                const auto va = static_cast<uint16_t>(top), vb = uint16_t{0};
                if (bits == 8) {
                    a.bytes[static_cast<size_t>(a.pitch * y + x)] = static_cast<unsigned char>(va);
                    b.bytes[static_cast<size_t>(b.pitch * y + x)] = 0;
                } else {
                    std::memcpy(&a.bytes[static_cast<size_t>(a.pitch * y + 2 * x)], &va, 2);
                    std::memcpy(&b.bytes[static_cast<size_t>(b.pitch * y + 2 * x)], &vb, 2);
                }
            }
        const uint64_t want = sum_squared_error(a.cpu(), b.cpu());
        EXPECT_EQ(want, uint64_t(top) * uint64_t(top) * 300 * 7);
        EXPECT_EQ(slate_gpu::ref::sum_squared_error(a.gpu(), b.gpu()), want);
    }
    EXPECT_GT(cases, 400);
}

// ---- motion
// --------------------------------------------------------------------------------------

std::vector<uint16_t> ref_blur(const Samples& in) {
    std::vector<uint16_t> out(static_cast<size_t>(in.width) * static_cast<size_t>(in.height));
    slate_gpu::ref::motion_blur(
        in.gpu(), slate_gpu::Plane<uint16_t>{
                      out.data(), static_cast<std::ptrdiff_t>(in.width * sizeof(uint16_t)),
                      in.width, in.height});
    return out;
}

uint64_t ref_sad(const std::vector<uint16_t>& a, const std::vector<uint16_t>& b, int w, int h) {
    const auto pitch = static_cast<std::ptrdiff_t>(w * sizeof(uint16_t));
    return slate_gpu::ref::motion_sad(slate_gpu::Plane<const uint16_t>{a.data(), pitch, w, h},
                                      slate_gpu::Plane<const uint16_t>{b.data(), pitch, w, h});
}

TEST(MotionRefParity, BlurTimes256AndScoreEqualTheCpuPath) {
    std::mt19937 rng(29);
    int planes = 0;
    for (const int bits : {8, 9, 10, 12, 16})
        for (const Size s : k_sizes)
            for (const int pad : {0, 6})
                for (const int smooth : {0, 3}) {
                    const std::string what = fmt::format("{} bits, {}x{}, pad {}, smooth {}", bits,
                                                         s.w, s.h, pad, smooth);
                    const Samples cur(s.w, s.h, bits, pad, rng, smooth);
                    const Samples prev(s.w, s.h, bits, bits == 8 ? pad + 1 : pad + 2, rng, smooth);
                    const MotionBlur cpu_cur = motion_blur(cur.cpu());
                    const MotionBlur cpu_prev = motion_blur(prev.cpu());
                    const std::vector<uint16_t> gpu_cur = ref_blur(cur);
                    const std::vector<uint16_t> gpu_prev = ref_blur(prev);
                    ASSERT_EQ(cpu_cur.pixels.size(), gpu_cur.size()) << what;
                    for (size_t i = 0; i < gpu_cur.size(); ++i) {
                        ASSERT_EQ(cpu_cur.pixels[i] * 256.0f, static_cast<float>(gpu_cur[i]))
                            << what << " sample " << i;
                        ASSERT_EQ(cpu_prev.pixels[i] * 256.0f, static_cast<float>(gpu_prev[i]))
                            << what << " sample " << i;
                    }
                    const uint64_t sad = ref_sad(gpu_cur, gpu_prev, s.w, s.h);
                    ASSERT_EQ(slate_gpu::motion_from_sad(sad, s.w, s.h),
                              motion_score(cpu_cur, cpu_prev))
                        << what;
                    ASSERT_EQ(
                        slate_gpu::motion_from_sad(ref_sad(gpu_cur, gpu_cur, s.w, s.h), s.w, s.h),
                        motion_score(cpu_cur, cpu_cur))
                        << what;
                    ++planes;
                }
    EXPECT_EQ(planes, 5 * static_cast<int>(k_sizes.size()) * 4);
}

// A frame moved by one sample against the previous one (realistic motion scores of a few units).
TEST(MotionRefParity, ShiftedContentScoresEqually) {
    std::mt19937 rng(3);
    for (const int bits : {8, 10}) {
        const Samples base(1920 + 1, 108, bits, 0, rng, 20);
        Samples shifted = base;
        shifted.width = 1920;
        Samples cur = base;
        cur.width = 1920;
        const int size = bits > 8 ? 2 : 1;
        shifted.bytes.erase(shifted.bytes.begin(), shifted.bytes.begin() + size);  // one column on
        const MotionBlur a = motion_blur(cur.cpu()), b = motion_blur(shifted.cpu());
        const double want = motion_score(a, b);
        EXPECT_GT(want, 0.5);
        const uint64_t sad = ref_sad(ref_blur(cur), ref_blur(shifted), 1920, 108);
        EXPECT_EQ(slate_gpu::motion_from_sad(sad, 1920, 108), want) << bits << " bits";
    }
}

// ---- VMAF model
// ----------------------------------------------------------------------------------

std::filesystem::path model_file(const std::string& name) {
    return test::vmaf_reference_dir() / "models" / (name + ".json");
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Random rows over and beyond each feature's usual range, then the libvmaf material's real
/// features when present.
std::vector<VmafFeatureValues> feature_rows() {
    std::vector<VmafFeatureValues> rows;
    std::mt19937 rng(41);
    std::uniform_real_distribution<double> adm(0.3, 1.2), motion(0.0, 40.0), vif(0.0, 1.1);
    for (int i = 0; i < 400; ++i)
        rows.push_back({adm(rng), motion(rng), vif(rng), vif(rng), vif(rng), vif(rng)});
    rows.push_back({1, 0, 1, 1, 1, 1});
    rows.push_back({0, 0, 0, 0, 0, 0});
    rows.push_back({2, 100, 2, 2, 2, 2});
    rows.push_back({-1, -5, -1, -1, -1, -1});
    for (const std::string size : {"324p", "1080p"})
        for (const std::string& distortion : test::vmaf_distortions()) {
            const std::string name = "mandel_" + size + "_8b_" + distortion;
            if (!std::filesystem::exists(test::vmaf_reference_dir() / "scores" / (name + ".json")))
                continue;
            for (const auto& f : test::load_libvmaf_scores(name).frames)
                rows.push_back({f.at("integer_adm2"), f.at("integer_motion2"),
                                f.at("integer_vif_scale0"), f.at("integer_vif_scale1"),
                                f.at("integer_vif_scale2"), f.at("integer_vif_scale3")});
        }
    return rows;
}

/// The reference on `model` as exported with `options` equals VmafModel::predict on every row;
/// returns the largest difference (expected 0).
double compare_model(const VmafModel& model, const VmafPredictOptions& options,
                     const std::vector<VmafFeatureValues>& rows, const std::string& what) {
    const slate_gpu::VmafModelHost host = detail::export_vmaf_model(model, options);
    EXPECT_TRUE(slate_gpu::vmaf_model_valid(host)) << what;
    std::vector<double> features;
    for (const VmafFeatureValues& row : rows)
        features.insert(features.end(), row.begin(), row.end());
    static_assert(slate_gpu::kVmafFeatureSlots == kVmafFeatureCount);
    std::vector<double> scores(rows.size(), -999.0);
    slate_gpu::ref::vmaf_predict(host, features.data(), static_cast<int>(rows.size()),
                                 scores.data());
    double worst = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const double want = model.predict(rows[i], options);
        worst = std::max(worst, std::abs(scores[i] - want));
        EXPECT_LE(std::abs(scores[i] - want), 1e-9) << what << " row " << i;
        EXPECT_EQ(scores[i], want) << what << " row " << i;
    }
    return worst;
}

const VmafPredictOptions k_options[] = {{false, false}, {true, false}, {false, true}, {true, true}};

TEST(VmafPredictRefParity, RealModelsPredictEqually) {
    const std::vector<VmafFeatureValues> rows = feature_rows();
    int models = 0;
    for (const std::string name : {"vmaf_v0.6.1", "vmaf_v0.6.1neg", "vmaf_4k_v0.6.1"}) {
        if (!std::filesystem::exists(model_file(name))) continue;
        auto model = VmafModel::load(model_file(name).string());
        ASSERT_TRUE(model.ok()) << model.error().to_string();
        for (const VmafPredictOptions& options : k_options) {
            const std::string what = fmt::format("{} transform {} no-clip {}", name,
                                                 options.enable_transform, options.disable_clip);
            EXPECT_EQ(compare_model(*model, options, rows, what), 0.0) << what;
        }
        ++models;
    }
    if (models == 0) GTEST_SKIP() << "no libvmaf models in " << model_file("").parent_path();
}

// vmaf_v0.6.1 edited: knots (enabled, with and without the polynomial, out_lte_in), no
// linear_rescale, and a clip that bites; every path of the transform.
TEST(VmafPredictRefParity, EditedModelsPredictEqually) {
    if (!std::filesystem::exists(model_file("vmaf_v0.6.1")))
        GTEST_SKIP() << "no libvmaf models in " << model_file("").parent_path();
    const nlohmann::json base = nlohmann::json::parse(read_text(model_file("vmaf_v0.6.1")));
    const std::vector<VmafFeatureValues> rows = feature_rows();

    std::vector<std::pair<std::string, nlohmann::json>> edits;
    nlohmann::json knots = base;
    knots["model_dict"]["score_transform"]["knots"] = {
        {0.0, 0.0}, {20.0, 30.0}, {50.0, 55.0}, {60.0, 55.0}, {90.0, 95.0}};
    edits.emplace_back("knots + polynomial", knots);
    nlohmann::json knots_only = knots;
    knots_only["model_dict"]["score_transform"].erase("p0");
    knots_only["model_dict"]["score_transform"].erase("p1");
    knots_only["model_dict"]["score_transform"].erase("p2");
    knots_only["model_dict"]["score_transform"]["enabled"] = true;
    knots_only["model_dict"]["score_transform"]["knots"][0] = {5.0, 1.0};  // x0 != 0
    edits.emplace_back("knots only, enabled", knots_only);
    nlohmann::json lte = base;
    lte["model_dict"]["score_transform"]["out_lte_in"] = "true";
    lte["model_dict"]["score_transform"].erase("out_gte_in");
    lte["model_dict"]["score_transform"]["enabled"] = true;
    edits.emplace_back("out_lte_in", lte);
    nlohmann::json no_rescale = base;
    no_rescale["model_dict"]["norm_type"] = "none";
    no_rescale["model_dict"]["score_clip"] = {-1.0, 1.5};
    edits.emplace_back("norm none, clip [-1, 1.5]", no_rescale);
    nlohmann::json p1_only = base;
    p1_only["model_dict"]["score_transform"] = {{"enabled", true}, {"p1", 1.1}};
    edits.emplace_back("p1 only", p1_only);
    nlohmann::json no_transform = base;
    no_transform["model_dict"].erase("score_transform");
    no_transform["model_dict"].erase("score_clip");
    edits.emplace_back("no transform, no clip", no_transform);

    for (const auto& [label, doc] : edits) {
        auto model = VmafModel::parse(doc.dump(), "edited.json");
        ASSERT_TRUE(model.ok()) << label << ": " << model.error().to_string();
        for (const VmafPredictOptions& options : k_options) {
            const std::string what = fmt::format("{}, transform {} no-clip {}", label,
                                                 options.enable_transform, options.disable_clip);
            EXPECT_EQ(compare_model(*model, options, rows, what), 0.0) << what;
        }
    }
}

TEST(VmafPredictRefParity, ExportFoldsTheOptionsIn) {
    if (!std::filesystem::exists(model_file("vmaf_4k_v0.6.1")))
        GTEST_SKIP() << "no libvmaf models in " << model_file("").parent_path();
    auto model = VmafModel::load(model_file("vmaf_4k_v0.6.1").string());
    ASSERT_TRUE(model.ok());
    const slate_gpu::VmafModelHost plain = detail::export_vmaf_model(*model, {});
    EXPECT_EQ(plain.feature_slots, (std::vector<int>{0, 1, 2, 3, 4, 5}));
    EXPECT_EQ(plain.sv_count(), 262);
    EXPECT_EQ(plain.support_vectors.size(), 262u * 6u);
    EXPECT_TRUE(plain.linear_rescale);
    EXPECT_FALSE(plain.transform);  // the 4k model has no score_transform
    EXPECT_TRUE(plain.clip);
    EXPECT_EQ(plain.clip_max, 100.0);
    EXPECT_FALSE(detail::export_vmaf_model(*model, {true, true}).clip);
    EXPECT_FALSE(detail::export_vmaf_model(*model, {true, true}).transform);
}

}  // namespace
}  // namespace media::metrics
