// SPDX-License-Identifier: Apache-2.0
// ADM's GPU reference (gpu/ref/adm.cpp: ref::adm + finish_adm, over detail/adm_math.h, what the
// CUDA kernel is checked against) against libmedia's CPU path: compute_adm (SIMD kernels) and
// compute_adm_with(scalar kernels). Synthetic 8/10/12/16-bit planes (gradient + texture and its
// blurred, noisy and quantised copies, random noise, extreme codes and stray bits above the
// depth), odd and tiny sizes, default and "neg" gain limit, padded pitches. Every score must be
// EXACTLY equal: the integer sums are libvmaf's fixed point on both sides and the pooling is the
// same float/double arithmetic in the same order.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "media/metrics/adm.h"
#include "metrics/adm_kernels.h"
#include "slate_gpu/adm.h"
#include "slate_gpu/detail/adm_math.h"

namespace {

namespace mm = media::metrics;

// One plane of samples with a padded pitch, viewable by both sides.
struct TestPlane {
    int width = 0, height = 0, bits = 8;
    std::ptrdiff_t pitch = 0;  // bytes
    std::vector<unsigned char> bytes;

    TestPlane(int w, int h, int b) : width(w), height(h), bits(b) {
        const int size = b > 8 ? 2 : 1;
        pitch = static_cast<std::ptrdiff_t>(w + 7) * size;
        bytes.assign(static_cast<size_t>(pitch) * static_cast<size_t>(h), 0xA5);
    }
    void set(int x, int y, uint32_t v) {
        unsigned char* row = bytes.data() + static_cast<std::ptrdiff_t>(y) * pitch;
        if (bits > 8) {
            const auto s = static_cast<uint16_t>(v);
            std::memcpy(row + 2 * x, &s, 2);
        } else {
            row[x] = static_cast<uint8_t>(v);
        }
    }
    uint32_t get(int x, int y) const { return gpu().sample(x, y); }
    mm::SamplePlane cpu() const {
        return mm::SamplePlane{bytes.data(), static_cast<int64_t>(pitch), width, height, bits};
    }
    slate_gpu::MetricPlane gpu() const {
        return slate_gpu::MetricPlane{bytes.data(), pitch, width, height, bits};
    }
};

uint32_t max_code(int bits) {
    return (1u << bits) - 1u;
}

TestPlane textured(int w, int h, int bits, uint32_t seed) {
    TestPlane p(w, h, bits);
    std::mt19937 rng(seed);
    std::normal_distribution<double> grain(0.0, 0.02);
    const double maxv = max_code(bits);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double gradient = 0.15 + 0.6 * (x + 0.5 * y) / (w + 0.5 * h);
            const double texture = 0.12 * std::sin(x * 0.37 + std::cos(y * 0.11) * 3.0) *
                                   std::cos(y * 0.23 - x * 0.05);
            const double edge = ((x / 9 + y / 13) % 2 == 0) ? 0.05 : -0.05;
            const double v = std::clamp(gradient + texture + edge + grain(rng), 0.0, 1.0);
            p.set(x, y, static_cast<uint32_t>(std::lround(v * maxv)));
        }
    return p;
}

TestPlane blurred(const TestPlane& src) {
    TestPlane p(src.width, src.height, src.bits);
    for (int y = 0; y < src.height; ++y)
        for (int x = 0; x < src.width; ++x) {
            uint32_t sum = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx)
                    sum += src.get(std::clamp(x + dx, 0, src.width - 1),
                                   std::clamp(y + dy, 0, src.height - 1));
            p.set(x, y, (sum + 4) / 9);
        }
    return p;
}

TestPlane noisy(const TestPlane& src, double sigma_codes, uint32_t seed) {
    TestPlane p(src.width, src.height, src.bits);
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, sigma_codes);
    const auto maxv = static_cast<double>(max_code(src.bits));
    for (int y = 0; y < src.height; ++y)
        for (int x = 0; x < src.width; ++x)
            p.set(x, y,
                  static_cast<uint32_t>(
                      std::clamp(std::round(src.get(x, y) + noise(rng)), 0.0, maxv)));
    return p;
}

TestPlane quantised(const TestPlane& src, uint32_t step) {
    TestPlane p(src.width, src.height, src.bits);
    for (int y = 0; y < src.height; ++y)
        for (int x = 0; x < src.width; ++x)
            p.set(x, y, std::min((src.get(x, y) + step / 2) / step * step, max_code(src.bits)));
    return p;
}

TestPlane random_plane(int w, int h, int bits, uint32_t seed, uint32_t max_value) {
    TestPlane p(w, h, bits);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<uint32_t> dist(0, max_value);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) p.set(x, y, dist(rng));
    return p;
}

// Blocks of 0 and the maximum code, plus random pixels with bits above the depth set.
TestPlane extreme(int w, int h, int bits, uint32_t seed, bool stray) {
    TestPlane p(w, h, bits);
    std::mt19937 rng(seed);
    const uint32_t top = bits > 8 ? 0xffffu : 0xffu;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint32_t v = ((x / 3 + y / 5 + static_cast<int>(rng() % 2)) % 2) ? max_code(bits) : 0;
            if (stray && rng() % 7 == 0) v = static_cast<uint32_t>(rng()) & top;
            p.set(x, y, v);
        }
    return p;
}

void expect_same(const TestPlane& ref, const TestPlane& dis, const slate_gpu::AdmConfig& config,
                 const std::string& what, bool scalar_too = true) {
    mm::AdmOptions options;
    options.enhn_gain_limit = config.enhn_gain_limit;
    options.norm_view_dist = config.norm_view_dist;
    options.ref_display_height = config.ref_display_height;
    const mm::AdmScores cpu = mm::compute_adm(ref.cpu(), dis.cpu(), options);
    const slate_gpu::AdmRaw raw = slate_gpu::ref::adm(ref.gpu(), dis.gpu(), config);
    const slate_gpu::AdmScores gpu = slate_gpu::finish_adm(raw, config, ref.width, ref.height);
    EXPECT_EQ(gpu.adm2, cpu.adm2) << what;
    for (int s = 0; s < 4; ++s)
        EXPECT_EQ(gpu.scale[s], cpu.scale[static_cast<size_t>(s)]) << what << " scale " << s;
    if (scalar_too) {
        const mm::AdmScores scalar = mm::detail::compute_adm_with(ref.cpu(), dis.cpu(), options,
                                                                  mm::detail::adm_scalar_kernels());
        EXPECT_EQ(gpu.adm2, scalar.adm2) << what << " (scalar kernels)";
        for (int s = 0; s < 4; ++s)
            EXPECT_EQ(gpu.scale[s], scalar.scale[static_cast<size_t>(s)])
                << what << " scalar scale " << s;
    }
    EXPECT_TRUE(std::isfinite(gpu.adm2)) << what;
}

slate_gpu::AdmConfig config_with(double gain) {
    slate_gpu::AdmConfig c;
    c.enhn_gain_limit = gain;
    return c;
}

TEST(AdmMetricParity, ReciprocalsAndAngleMatchLibmedia) {
    const int32_t* table = mm::detail::adm_reciprocals();
    for (int i = -32768; i <= 32768; ++i) {
        if (i == 0) continue;
        ASSERT_EQ(slate_gpu::detail::adm_reciprocal(i), table[i + 32768]) << i;
    }
    const double deg = 3.14159265358979323846 / 180.0;
    EXPECT_EQ(slate_gpu::detail::kAdmCosSq1Deg, static_cast<float>(std::cos(deg) * std::cos(deg)));
    std::mt19937_64 rng(7);
    for (int n = 0; n < 200000; ++n) {
        // Near-parallel vectors, so both outcomes occur often.
        const int64_t scale = int64_t{1} << (rng() % 31);
        const auto oh = static_cast<int64_t>(rng() % 65536) - 32768;
        const auto ov = static_cast<int64_t>(rng() % 65536) - 32768;
        const int64_t th = oh + static_cast<int64_t>(rng() % 1024) - 512;
        const int64_t tv = ov + static_cast<int64_t>(rng() % 1024) - 512;
        const int64_t dot = (oh * th + ov * tv) * (n % 2 ? 1 : scale % 4096 + 1);
        const int64_t o = oh * oh + ov * ov, t = th * th + tv * tv;
        ASSERT_EQ(slate_gpu::detail::adm_angle_within_1deg(dot, o, t),
                  mm::detail::adm_angle_within_1deg(dot, o, t))
            << dot << " " << o << " " << t;
    }
}

TEST(AdmMetricParity, TinyPlanesScoreOne) {
    for (const auto& [w, h] : {std::pair{1, 1}, std::pair{32, 100}, std::pair{100, 32},
                               std::pair{32, 32}, std::pair{5, 7}}) {
        const TestPlane a = random_plane(w, h, 8, 1, 255), b = random_plane(w, h, 8, 2, 255);
        expect_same(a, b, {}, fmt::format("{}x{}", w, h));
    }
}

TEST(AdmMetricParity, SyntheticPlanes) {
    const int sizes[][2] = {{33, 33}, {35, 47}, {47, 35}, {176, 144}, {640, 360}};
    uint32_t seed = 100;
    for (const auto& size : sizes) {
        for (int bits : {8, 10, 12, 16}) {
            const int w = size[0], h = size[1];
            const TestPlane ref = textured(w, h, bits, ++seed);
            const double lsb = std::ldexp(1.0, bits - 8);
            const TestPlane dists[] = {ref, blurred(ref), noisy(ref, 3.0 * lsb, ++seed),
                                       quantised(ref, static_cast<uint32_t>(12 * lsb))};
            const char* names[] = {"identical", "blur", "noise", "quantised"};
            for (int d = 0; d < 4; ++d)
                for (double gain : {100.0, 1.0}) {
                    const std::string what =
                        fmt::format("{}x{} {}-bit {} gain {}", w, h, bits, names[d], gain);
                    expect_same(ref, dists[d], config_with(gain), what);
                    if (d == 1) expect_same(dists[d], ref, config_with(gain), what + " swapped");
                }
            const std::string what = fmt::format("{}x{} {}-bit", w, h, bits);
            const uint32_t all_bits = bits > 8 ? 0xffffu : 0xffu;
            const TestPlane random_a = random_plane(w, h, bits, ++seed, max_code(bits));
            const TestPlane random_b = random_plane(w, h, bits, ++seed, max_code(bits));
            const TestPlane extreme_a = extreme(w, h, bits, ++seed, false);
            const TestPlane extreme_b = extreme(w, h, bits, ++seed, false);
            const TestPlane stray_a = extreme(w, h, bits, ++seed, true);
            const TestPlane stray_b = extreme(w, h, bits, ++seed, true);
            const TestPlane wide_a = random_plane(w, h, bits, ++seed, all_bits);
            const TestPlane wide_b = random_plane(w, h, bits, ++seed, all_bits);
            expect_same(random_a, random_b, {}, what + " random");
            expect_same(ref, random_a, config_with(1.0), what + " vs random");
            expect_same(extreme_a, extreme_b, {}, what + " extremes");
            expect_same(stray_a, ref, {}, what + " stray bits");
            expect_same(ref, stray_b, config_with(1.0), what + " stray bits dist");
            expect_same(wide_a, wide_b, {}, what + " random 16 bits");
        }
    }
}

TEST(AdmMetricParity, OtherViewingConditions) {
    const TestPlane ref = textured(176, 144, 10, 5);
    const TestPlane dis = noisy(ref, 10.0, 6);
    slate_gpu::AdmConfig c;
    c.norm_view_dist = 5.0;
    c.ref_display_height = 2160;
    expect_same(ref, dis, c, "5H at 2160");
    c.norm_view_dist = 1.5;
    c.ref_display_height = 480;
    expect_same(ref, dis, c, "1.5H at 480");
}

TEST(AdmMetricParity, FullHdOnce) {
    const TestPlane ref = textured(1920, 1080, 10, 77);
    expect_same(ref, noisy(blurred(ref), 6.0, 78), {}, "1920x1080 10-bit", false);
}

}  // namespace
