// SPDX-License-Identifier: Apache-2.0
// PSNR: the SIMD SSE against its scalar reference (exact, random planes of odd sizes, 8 to 16
// bits), the cap and peak, and per-frame psnr_y/cb/cr against libvmaf's scores on the 576x324
// material (all 10 pairs, 48 frames).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "../../../libmedia/src/metrics/psnr_rows.h"
#include "../../../libmedia/src/metrics/ssim_kernels.h"
#include "media/metrics/psnr.h"
#include "vmaf_material.h"

namespace media::metrics {
namespace {

// libvmaf prints 6 decimals; the SSE is exact, so only that rounding remains.
constexpr double kLibvmafTolerance = 1e-5;

// A plane of random samples with a padded stride and an odd start address.
struct TestPlane {
    std::vector<uint8_t> bytes;
    SamplePlane plane;
};

TestPlane random_plane(int width, int height, int bits, std::mt19937& rng, int pad = 3) {
    const int sample = bits > 8 ? 2 : 1;
    TestPlane t;
    const int64_t stride = int64_t{width + pad} * sample;
    t.bytes.resize(size_t(stride * height + 2 * sample));
    uint8_t* base = t.bytes.data() + sample;  // not aligned to a vector
    std::uniform_int_distribution<int> dist(0, (1 << bits) - 1);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const int v = dist(rng);
            if (sample == 1)
                base[y * stride + x] = static_cast<uint8_t>(v);
            else
                reinterpret_cast<uint16_t*>(base + y * stride)[x] = static_cast<uint16_t>(v);
        }
    }
    t.plane = {base, stride, width, height, bits};
    return t;
}

uint64_t naive_sse(const SamplePlane& a, const SamplePlane& b) {
    uint64_t sum = 0;
    for (int y = 0; y < a.height; ++y)
        for (int x = 0; x < a.width; ++x) {
            const int64_t d = a.wide() ? int64_t{a.row16(y)[x]} - b.row16(y)[x]
                                       : int64_t{a.row8(y)[x]} - b.row8(y)[x];
            sum += static_cast<uint64_t>(d * d);
        }
    return sum;
}

TEST(PsnrTest, PeakAndCapFollowLibvmaf) {
    EXPECT_EQ(psnr_peak(8), 255.0);
    EXPECT_EQ(psnr_peak(10), 1023.0);
    EXPECT_EQ(psnr_peak(16), 65535.0);
    EXPECT_EQ(psnr_peak(8, {.reduced_hbd_peak = true}), 255.0);
    EXPECT_EQ(psnr_peak(10, {.reduced_hbd_peak = true}), 1020.0);
    EXPECT_EQ(psnr_peak(16, {.reduced_hbd_peak = true}), 65280.0);
    // libvmaf's psnr_max with min_sse = 0: 6 * bpc + 12.
    EXPECT_EQ(psnr_cap_db(8), 60.0);
    EXPECT_EQ(psnr_cap_db(10), 72.0);
    EXPECT_EQ(psnr_cap_db(12), 84.0);
    EXPECT_EQ(psnr_cap_db(16), 108.0);
}

TEST(PsnrTest, IdenticalPlanesGiveExactlyTheCap) {
    std::mt19937 rng(1);
    for (int bits : {8, 9, 10, 12, 16}) {
        const TestPlane p = random_plane(37, 11, bits, rng);
        const uint64_t sse = sum_squared_error(p.plane, p.plane);
        EXPECT_EQ(sse, 0u);
        EXPECT_EQ(psnr_db(sse, 37 * 11, bits), psnr_cap_db(bits)) << bits;
    }
    EXPECT_EQ(psnr_db(0, 0, 8), 60.0);  // an empty plane
}

TEST(PsnrTest, FormulaAndCapOnKnownErrors) {
    // MSE 1 at 8 bits: 20 log10(255) = 48.1308 dB.
    EXPECT_NEAR(psnr_db(100, 100, 8), 20.0 * std::log10(255.0), 1e-12);
    // One step in 576x324 samples is 100.8 dB, above the 60 dB cap.
    EXPECT_EQ(psnr_db(1, 576 * 324, 8), 60.0);
    EXPECT_NEAR(psnr_db(4 * 100, 100, 10, {.reduced_hbd_peak = true}),
                20.0 * std::log10(1020.0 / 2.0), 1e-12);
}

TEST(PsnrTest, SixteenBitExtremes) {
    // Full-range 16-bit differences: every square is 65535^2, which needs the 64-bit sum.
    const int w = 333, h = 7;
    std::vector<uint16_t> a(size_t(w) * h, 0), b(size_t(w) * h, 65535);
    const SamplePlane pa{a.data(), int64_t{w} * 2, w, h, 16},
        pb{b.data(), int64_t{w} * 2, w, h, 16};
    const uint64_t expected = uint64_t{65535} * 65535 * w * h;
    EXPECT_EQ(sum_squared_error(pa, pb), expected);
    EXPECT_EQ(scalar_sum_squared_error(pb, pa), expected);
    EXPECT_NEAR(psnr_db(expected, int64_t{w} * h, 16), 0.0, 1e-12);
}

TEST(PsnrTest, LongEightBitRowsDoNotWrap) {
    // Longer than the 2^14 vector steps after which the SIMD kernel widens its 32-bit sums.
    const int w = (1 << 21) + 5;
    std::vector<uint8_t> a(w, 0), b(w, 255);
    const SamplePlane pa{a.data(), w, w, 1, 8}, pb{b.data(), w, w, 1, 8};
    for (int64_t target : detail::simd_targets()) {
        detail::use_simd_target(target);
        EXPECT_EQ(sum_squared_error(pa, pb), uint64_t{65025} * w) << detail::psnr_kernels_target();
    }
    detail::use_simd_target(0);
}

TEST(PsnrTest, SimdEqualsScalarOnRandomPlanes) {
    for (int64_t target : detail::simd_targets()) {
        detail::use_simd_target(target);
        SCOPED_TRACE(detail::psnr_kernels_target());
        std::mt19937 rng(7);
        const int sizes[][2] = {{1, 1},  {3, 5},   {17, 9},  {31, 33},  {63, 2},  {64, 3},
                                {65, 4}, {129, 7}, {257, 3}, {1001, 5}, {1920, 2}};
        for (int bits : {8, 9, 10, 12, 14, 16}) {
            for (const auto& s : sizes) {
                const TestPlane a = random_plane(s[0], s[1], bits, rng);
                const TestPlane b = random_plane(s[0], s[1], bits, rng);
                const uint64_t expected = naive_sse(a.plane, b.plane);
                EXPECT_EQ(scalar_sum_squared_error(a.plane, b.plane), expected);
                EXPECT_EQ(sum_squared_error(a.plane, b.plane), expected)
                    << s[0] << "x" << s[1] << " " << bits << " bits";
            }
        }
    }
    detail::use_simd_target(0);
}

TEST(PsnrTest, MatchesLibvmafOnTheMaterial) {
    namespace fs = std::filesystem;
    const fs::path dir = test::vmaf_material_dir();
    if (!fs::exists(dir / "mandel_324p_8b_ref.yuv")) GTEST_SKIP() << "no material in " << dir;
    const char* names[3] = {"psnr_y", "psnr_cb", "psnr_cr"};
    for (int bits : {8, 10}) {
        const std::string prefix = "mandel_324p_" + std::to_string(bits) + "b_";
        const test::RawYuv420 ref(dir / (prefix + "ref.yuv"), 576, 324, bits);
        double worst = 0.0;
        for (const std::string& distortion : test::vmaf_distortions()) {
            const test::RawYuv420 dist(dir / (prefix + distortion + ".yuv"), 576, 324, bits);
            const test::LibvmafScores scores = test::load_libvmaf_scores(prefix + distortion);
            ASSERT_EQ(dist.frames(), static_cast<int>(scores.frames.size()));
            for (int f = 0; f < dist.frames(); ++f) {
                for (int p = 0; p < 3; ++p) {
                    const SamplePlane r = ref.plane(f, p), d = dist.plane(f, p);
                    const double db =
                        psnr_db(sum_squared_error(r, d), int64_t{r.width} * r.height, bits);
                    const double expected = scores.frames[f].at(names[p]);
                    worst = std::max(worst, std::abs(db - expected));
                    ASSERT_NEAR(db, expected, kLibvmafTolerance)
                        << prefix << distortion << " frame " << f << " " << names[p];
                }
            }
        }
        std::printf("psnr %d-bit: max |slate - libvmaf| = %.3g dB\n", bits, worst);
    }
}

}  // namespace
}  // namespace media::metrics
