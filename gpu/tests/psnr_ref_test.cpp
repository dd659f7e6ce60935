// SPDX-License-Identifier: Apache-2.0
// The references of PSNR's squared-error sum, VMAF's motion feature and the VMAF model
// evaluation against hand-computed values on tiny planes and a tiny model. Plain main, no
// GoogleTest: this runs in the SLATE_GPU_ONLY build.

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "slate_gpu/motion.h"
#include "slate_gpu/psnr.h"
#include "slate_gpu/vmaf_predict.h"

#include "check.h"

namespace {

using namespace slate_gpu;

/// Rows of samples stored `pitch` bytes apart (padding filled with a sentinel that would show in
/// a sum if read).
template <typename T>
struct Image {
    std::vector<unsigned char> bytes;
    std::ptrdiff_t pitch = 0;
    int width = 0, height = 0;

    Image(const std::vector<T>& samples, int w, int h, int pad_bytes)
        : pitch(static_cast<std::ptrdiff_t>(w * sizeof(T)) + pad_bytes), width(w), height(h) {
        bytes.assign(static_cast<size_t>(pitch) * static_cast<size_t>(h), 0xa5);
        for (int y = 0; y < h; ++y)
            std::memcpy(bytes.data() + static_cast<size_t>(y) * static_cast<size_t>(pitch),
                        samples.data() + static_cast<size_t>(y) * static_cast<size_t>(w),
                        static_cast<size_t>(w) * sizeof(T));
    }
    MetricPlane metric(int bit_depth) const {
        return MetricPlane{bytes.data(), pitch, width, height, bit_depth};
    }
    Plane<const T> plane() const {
        return Plane<const T>{reinterpret_cast<const T*>(bytes.data()), pitch, width, height};
    }
};

void test_sse() {
    // 8 bits, 3 x 2, padded rows: differences 3, 0, 4, 255, 255, 0.
    const Image<uint8_t> a({10, 20, 30, 0, 255, 7}, 3, 2, 5);
    const Image<uint8_t> b({13, 20, 26, 255, 0, 7}, 3, 2, 1);
    EXPECT_EQ(ref::sum_squared_error(a.metric(8), b.metric(8)), 9 + 16 + 65025 + 65025);
    EXPECT_EQ(ref::sum_squared_error(a.metric(8), a.metric(8)), 0);
    // 16 bits: the largest squares need more than 32 bits in the sum.
    const Image<uint16_t> c({65535, 0, 1000}, 3, 1, 2);
    const Image<uint16_t> d({0, 65535, 1003}, 3, 1, 0);
    EXPECT_EQ(ref::sum_squared_error(c.metric(16), d.metric(16)), 2ull * 65535 * 65535 + 9);
    // 10 bits, one column.
    const Image<uint16_t> e({1023, 0, 512}, 1, 3, 6);
    const Image<uint16_t> f({0, 1023, 500}, 1, 3, 0);
    EXPECT_EQ(ref::sum_squared_error(e.metric(10), f.metric(10)), 2 * 1023 * 1023 + 144);
    // Empty planes.
    const MetricPlane empty{nullptr, 0, 0, 0, 8};
    EXPECT_EQ(ref::sum_squared_error(empty, empty), 0);
}

std::vector<uint16_t> blur(const MetricPlane& in) {
    std::vector<uint16_t> out(static_cast<size_t>(in.width) * static_cast<size_t>(in.height),
                              0xdead);
    ref::motion_blur(
        in, Plane<uint16_t>{out.data(), static_cast<std::ptrdiff_t>(in.width * sizeof(uint16_t)),
                            in.width, in.height});
    return out;
}

void expect_row(const std::vector<uint16_t>& got, const std::vector<int>& want, int line) {
    bool same = got.size() == want.size();
    for (size_t i = 0; same && i < got.size(); ++i) same = got[i] == want[i];
    if (same) return;
    expect(false, "blurred values", line);
    for (size_t i = 0; i < got.size(); ++i) std::printf("  [%zu] %d\n", i, int{got[i]});
}

void test_motion() {
    // A flat plane stays flat: 8-bit v -> 256 v; 10-bit v -> 64 v; 16-bit 65535 -> 65535.
    const Image<uint8_t> flat8(std::vector<uint8_t>(4 * 3, 77), 4, 3, 3);
    expect_row(blur(flat8.metric(8)), std::vector<int>(12, 77 * 256), __LINE__);
    const Image<uint16_t> flat10(std::vector<uint16_t>(5 * 2, 1023), 5, 2, 2);
    expect_row(blur(flat10.metric(10)), std::vector<int>(10, 1023 * 64), __LINE__);
    const Image<uint16_t> flat16(std::vector<uint16_t>(3 * 3, 65535), 3, 3, 0);
    expect_row(blur(flat16.metric(16)), std::vector<int>(9, 65535), __LINE__);
    // One row: the vertical pass gives 256 s (all five rows are row 0). Horizontal impulse of 1:
    // centre 26386 * 256 / 65536 = 103.07; neighbours 16004 * 256 / 65536 = 62.5 -> 63 (+0.5
    // rounds up); the edges mirror the impulse onto both outer taps: 2 * 3571 * 256 / 65536 =
    // 27.9 -> 28.
    const Image<uint8_t> impulse_row({0, 0, 1, 0, 0}, 5, 1, 0);
    expect_row(blur(impulse_row.metric(8)), {28, 63, 103, 63, 28}, __LINE__);
    // One column, impulse of 255 at 8 bits: vertical (tap * 255 + 128) >> 8 with both outer
    // taps at the edges: 7142 * 255 -> 7114, 16004 * 255 -> 15941, 26386 * 255 -> 26283; the
    // horizontal pass (65536 t + 32768) >> 16 keeps t.
    const Image<uint8_t> impulse_col({0, 0, 255, 0, 0}, 1, 5, 7);
    expect_row(blur(impulse_col.metric(8)), {7114, 15941, 26283, 15941, 7114}, __LINE__);
    // The same at 10 bits with 1023: (tap * 1023 + 512) >> 10.
    const Image<uint16_t> impulse_col10({0, 0, 1023, 0, 0}, 1, 5, 2);
    expect_row(blur(impulse_col10.metric(10)), {7135, 15988, 26360, 15988, 7135}, __LINE__);
    // A 1 x 1 plane is its own neighbourhood.
    const Image<uint8_t> one({200}, 1, 1, 0);
    expect_row(blur(one.metric(8)), {200 * 256}, __LINE__);

    // SAD over padded planes.
    const Image<uint16_t> p({0, 65535, 5, 9}, 2, 2, 4);
    const Image<uint16_t> q({65535, 0, 7, 9}, 2, 2, 0);
    EXPECT_EQ(ref::motion_sad(p.plane(), q.plane()), 2 * 65535 + 2);
    EXPECT_EQ(ref::motion_sad(p.plane(), p.plane()), 0);

    // motion = (float)(sad / 256) / (float)(w * h), in float.
    EXPECT_EQ(motion_from_sad(256 * 3 * 6, 3, 2), 3.0);
    EXPECT_EQ(motion_from_sad(1, 1, 1), 0.00390625);
    EXPECT_EQ(motion_from_sad(1, 3, 1), 0.0013020833721384406);  // float(1/768)
    EXPECT_EQ(motion_from_sad(1000, 7, 3), 0.1860119104385376);  // float(3.90625f / 21)
    EXPECT_EQ(motion_from_sad(0, 0, 5), 0.0);
}

VmafModelHost tiny_model() {
    // One feature (motion2, slot 1), one support vector at 1 with coefficient 2, gamma 0.5,
    // rho 0.25: svm(x) = 2 exp(-0.5 (x - 1)^2) - 0.25.
    VmafModelHost m;
    m.feature_slots = {1};
    m.gamma = 0.5;
    m.rho = 0.25;
    m.support_vectors = {1.0};
    m.coefficients = {2.0};
    return m;
}

double predict(const VmafModelHost& m, const std::vector<double>& row) {
    double score = -1;
    ref::vmaf_predict(m, row.data(), 1, &score);
    return score;
}

void test_vmaf_predict() {
    VmafModelHost m = tiny_model();
    EXPECT(vmaf_model_valid(m));
    EXPECT_EQ(predict(m, {9, 1.0, 9, 9, 9, 9}), 1.75);
    EXPECT_NEAR(predict(m, {0, 3.0, 0, 0, 0, 0}), 2 * std::exp(-2.0) - 0.25, 1e-15);

    // linear_rescale: x = 2 v - 1; output (y - 0.5) / 4. v = 1 -> x = 1 -> 1.75 -> 0.3125.
    m.linear_rescale = true;
    m.slopes = {2.0};
    m.intercepts = {-1.0};
    m.out_slope = 4.0;
    m.out_intercept = 0.5;
    EXPECT_EQ(predict(m, {0, 1.0, 0, 0, 0, 0}), 0.3125);
    // v = 2 -> x = 3 -> (2 exp(-2) - 0.75) / 4.
    EXPECT_NEAR(predict(m, {0, 2.0, 0, 0, 0, 0}), (2 * std::exp(-2.0) - 0.75) / 4, 1e-15);

    // Polynomial 1 + 2 y + 0.5 y^2 at y = 0.3125: 1.673828125 (exact in binary).
    m.transform = true;
    m.has_p0 = m.has_p1 = m.has_p2 = true;
    m.p0 = 1.0;
    m.p1 = 2.0;
    m.p2 = 0.5;
    EXPECT_EQ(predict(m, {0, 1.0, 0, 0, 0, 0}), 1.673828125);
    // Only p1 given: 3 y.
    m.has_p0 = m.has_p2 = false;
    m.p1 = 3.0;
    EXPECT_EQ(predict(m, {0, 1.0, 0, 0, 0, 0}), 0.9375);
    // out_lte_in: never above the untransformed score.
    m.out_lte_in = true;
    EXPECT_EQ(predict(m, {0, 1.0, 0, 0, 0, 0}), 0.3125);
    m.out_lte_in = false;

    // Knots (0, 0) (1, 10) (2, 10) (4, 14), no polynomial: 10 x on the first segment, flat 10 on
    // the second, 10 + 2 (x - 2) on the third, extended past the ends.
    m.has_p1 = false;
    m.segments = {0, 1, 0,  0, 10, 0,                    // (0,0)-(1,10): slope 10, offset 0
                  1, 2, 10, 1, 0,  0,                    // (1,10)-(2,10): horizontal
                  2, 4, 10, 0, 2,  6};                   // (2,10)-(4,14): slope 2, offset 6
    EXPECT_EQ(predict(m, {0, 1.0, 0, 0, 0, 0}), 3.125);  // 10 * 0.3125
    // A model without rescale gives the knots the raw score: svm(v) = 2 exp(-0.5 (v-1)^2) - 0.25.
    VmafModelHost k = tiny_model();
    k.transform = true;
    k.segments = m.segments;
    EXPECT_EQ(predict(k, {0, 1.0, 0, 0, 0, 0}), 10.0);  // 1.75 on the flat segment
    k.coefficients = {4.0};
    k.rho = -1.0;  // svm(1) = 5: third segment, 2 * 5 + 6
    EXPECT_EQ(predict(k, {0, 1.0, 0, 0, 0, 0}), 16.0);
    k.rho = 4.5;  // svm(1) = -0.5: below the first knot, the first segment extended
    EXPECT_EQ(predict(k, {0, 1.0, 0, 0, 0, 0}), -5.0);
    // out_gte_in: never below the untransformed score.
    k.rho = 0.0;  // svm(1) = 4: third segment, 14 >= 4
    k.out_gte_in = true;
    EXPECT_EQ(predict(k, {0, 1.0, 0, 0, 0, 0}), 14.0);

    // Clip to [0, 12].
    k.clip = true;
    k.clip_min = 0.0;
    k.clip_max = 12.0;
    EXPECT_EQ(predict(k, {0, 1.0, 0, 0, 0, 0}), 12.0);
    k.rho = 4.5;
    k.out_gte_in = false;
    EXPECT_EQ(predict(k, {0, 1.0, 0, 0, 0, 0}), 0.0);

    // Two features in the model's order (vif_scale3 = slot 5, then adm2 = slot 0), two support
    // vectors, several rows: svm = exp(-|x - (1, 0)|^2) - exp(-|x - (0, 1)|^2).
    VmafModelHost two;
    two.feature_slots = {5, 0};
    two.gamma = 1.0;
    two.support_vectors = {1, 0, 0, 1};
    two.coefficients = {1.0, -1.0};
    const std::vector<double> rows = {0.0, 7, 7, 7, 7, 1.0,   // x = (1, 0): 1 - exp(-2)
                                      1.0, 7, 7, 7, 7, 0.0,   // x = (0, 1): exp(-2) - 1
                                      0.5, 7, 7, 7, 7, 0.5};  // equidistant: 0
    double scores[3] = {-1, -1, -1};
    ref::vmaf_predict(two, rows.data(), 3, scores);
    EXPECT_NEAR(scores[0], 1 - std::exp(-2.0), 1e-15);
    EXPECT_NEAR(scores[1], std::exp(-2.0) - 1, 1e-15);
    EXPECT_EQ(scores[2], 0.0);

    // Invalid models.
    VmafModelHost bad = two;
    bad.feature_slots = {6, 0};
    EXPECT(!vmaf_model_valid(bad));
    bad = two;
    bad.support_vectors.pop_back();
    EXPECT(!vmaf_model_valid(bad));
    bad = two;
    bad.linear_rescale = true;
    EXPECT(!vmaf_model_valid(bad));
}

}  // namespace

int main() {
    test_sse();
    test_motion();
    test_vmaf_predict();
    if (g_failures == 0) std::printf("psnr/motion/vmaf_predict references: all checks passed\n");
    return g_failures == 0 ? 0 : 1;
}
