// SPDX-License-Identifier: Apache-2.0
// Motion against libvmaf's integer_motion2 on the 576x324 material, the SIMD kernels against their
// scalar references, and motion2's frame bookkeeping.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "media/metrics/motion.h"
#include "vmaf_material.h"

#include "../../../libmedia/src/metrics/motion_kernels.h"

namespace media::metrics {
namespace {

// The blur and the sums follow libvmaf's integer arithmetic and the score is divided in float as
// libvmaf does. A residual of up to 5.3e-5 (8-bit) / 5.2e-5 (10-bit) on values of 10-25, about
// 2e-6 relative and nearly always positive, remains unexplained: libvmaf's SAD is a few hundred
// 1/256 steps smaller per frame. VMAF needs ~1e-2.
constexpr double kMotionTolerance = 2e-4;

TEST(Motion, MatchesLibvmafIntegerMotion2) {
    const auto dir = test::vmaf_material_dir();
    for (int bits : {8, 10}) {
        const std::string tag = "mandel_324p_" + std::to_string(bits) + "b_";
        const test::RawYuv420 ref(dir / (tag + "ref.yuv"), 576, 324, bits);
        std::vector<double> motion(static_cast<size_t>(ref.frames()), 0.0);
        MotionBlur previous;
        for (int i = 0; i < ref.frames(); ++i) {
            MotionBlur current = motion_blur(ref.plane(i, 0));
            if (i > 0) motion[static_cast<size_t>(i)] = motion_score(current, previous);
            previous = std::move(current);
        }
        const std::vector<double> motion2 = motion2_from_motion(motion);
        double max_dev = 0;
        // motion2 looks at the reference only: every distortion's table has the same values.
        for (const auto& name : test::vmaf_distortions()) {
            const auto scores = test::load_libvmaf_scores(tag + name);
            ASSERT_EQ(scores.frames.size(), motion2.size());
            for (size_t i = 0; i < motion2.size(); ++i) {
                const double dev = std::fabs(motion2[i] - scores.frames[i].at("integer_motion2"));
                max_dev = std::max(max_dev, dev);
                EXPECT_LE(dev, kMotionTolerance) << tag << name << " frame " << i;
            }
        }
        std::printf("motion2 %d-bit max |deviation| from libvmaf: %.2g\n", bits, max_dev);
    }
}

TEST(Motion, Motion2Bookkeeping) {
    EXPECT_TRUE(motion2_from_motion({}).empty());
    EXPECT_EQ(motion2_from_motion({0.0}), (std::vector<double>{0.0}));
    EXPECT_EQ(motion2_from_motion({0.0, 3.0}), (std::vector<double>{0.0, 3.0}));
    EXPECT_EQ(motion2_from_motion({0.0, 3.0, 1.0, 2.0, 5.0}),
              (std::vector<double>{0.0, 1.0, 1.0, 2.0, 5.0}));
    // Frame 0 is 0 whatever motion(0) holds.
    EXPECT_EQ(motion2_from_motion({7.0, 3.0, 4.0})[0], 0.0);
}

template <typename T>
void check_blur_rows(int bits, std::mt19937& rng) {
    std::uniform_int_distribution<int> value(0, (1 << bits) - 1);
    for (int width : {1, 2, 3, 5, 15, 16, 17, 63, 64, 65, 301}) {
        std::vector<std::vector<T>> rows(5, std::vector<T>(static_cast<size_t>(width)));
        for (auto& row : rows)
            for (auto& v : row) v = static_cast<T>(value(rng));
        detail::MotionRows<T> in;
        for (int k = 0; k < 5; ++k) in.rows[k] = rows[static_cast<size_t>(k)].data();
        in.width = width;
        in.bit_depth = bits;
        std::vector<uint32_t> scratch(static_cast<size_t>(detail::motion_scratch(width)));
        std::vector<float> a(static_cast<size_t>(width)), b(static_cast<size_t>(width));
        detail::motion_blur_row(in, scratch.data(), a.data());
        detail::scalar_motion_blur_row(in, scratch.data(), b.data());
        EXPECT_EQ(a, b) << bits << "-bit width " << width;
    }
}

TEST(Motion, SimdEqualsScalarReference) {
    std::mt19937 rng(4);
    check_blur_rows<uint8_t>(8, rng);
    for (int bits : {10, 12, 16}) check_blur_rows<uint16_t>(bits, rng);
    std::uniform_int_distribution<int> value(0, 65535);
    for (int n : {0, 1, 7, 16, 33, 1000, 5000}) {
        std::vector<float> a(static_cast<size_t>(n)), b(static_cast<size_t>(n));
        for (size_t i = 0; i < a.size(); ++i) {
            a[i] = static_cast<float>(value(rng)) / 256.0f;
            b[i] = static_cast<float>(value(rng)) / 256.0f;
        }
        EXPECT_EQ(detail::motion_sad_row(a.data(), b.data(), n),
                  detail::scalar_motion_sad_row(a.data(), b.data(), n))
            << n;
    }
}

SamplePlane plane8(const std::vector<uint8_t>& bytes, int width, int height) {
    SamplePlane p;
    p.data = bytes.data();
    p.width = width;
    p.height = height;
    p.stride_bytes = width;
    p.bit_depth = 8;
    return p;
}

TEST(Motion, ConstantPlaneBlursToItself) {
    const std::vector<uint8_t> bytes(37 * 11, 77);
    const MotionBlur blur = motion_blur(plane8(bytes, 37, 11));
    ASSERT_EQ(blur.pixels.size(), bytes.size());
    for (float v : blur.pixels) EXPECT_EQ(v, 77.0f);
    EXPECT_EQ(motion_score(blur, blur), 0.0);
}

TEST(Motion, MeanAbsoluteDifferenceInEightBitUnits) {
    // A uniform step of one 10-bit code is a quarter of an 8-bit level.
    std::vector<uint16_t> a(40 * 30, 400), b(40 * 30, 401);
    SamplePlane pa;
    pa.data = a.data();
    pa.width = 40;
    pa.height = 30;
    pa.stride_bytes = 80;
    pa.bit_depth = 10;
    SamplePlane pb = pa;
    pb.data = b.data();
    EXPECT_DOUBLE_EQ(motion_score(motion_blur(pa), motion_blur(pb)), 0.25);
}

TEST(Motion, TinyPlanesAreDefined) {
    std::mt19937 rng(2);
    std::uniform_int_distribution<int> value(0, 255);
    for (const auto& size :
         std::vector<std::pair<int, int>>{{1, 1}, {2, 1}, {1, 3}, {2, 2}, {4, 3}}) {
        std::vector<uint8_t> x(static_cast<size_t>(size.first * size.second));
        std::vector<uint8_t> y(x.size());
        for (auto& v : x) v = static_cast<uint8_t>(value(rng));
        for (auto& v : y) v = static_cast<uint8_t>(value(rng));
        const MotionBlur bx = motion_blur(plane8(x, size.first, size.second));
        const MotionBlur by = motion_blur(plane8(y, size.first, size.second));
        const double m = motion_score(bx, by);
        EXPECT_TRUE(std::isfinite(m));
        EXPECT_GE(m, 0.0);
    }
    SamplePlane empty;
    EXPECT_TRUE(motion_blur(empty).pixels.empty());
}

}  // namespace
}  // namespace media::metrics
