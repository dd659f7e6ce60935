// SPDX-License-Identifier: Apache-2.0
// ADM: every SIMD row kernel against its scalar reference on random rows (exact equality), the
// whole feature SIMD against scalar on random planes of odd sizes and 8..16 bits (exact), and
// against libvmaf's integer_adm2 / integer_adm_scale0..3 on the ten 576x324 pairs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "media/metrics/adm.h"
#include "vmaf_material.h"

#include "../../../libmedia/src/metrics/adm_kernels.h"

namespace media::metrics {
namespace {

using detail::AdmHvd;
using detail::AdmKernels;

const AdmKernels& scalar() {
    return detail::adm_scalar_kernels();
}
const AdmKernels& simd() {
    return detail::adm_simd_kernels();
}

// libvmaf prints six decimals; its float pooling and ours differ by float rounding (~1e-7).
constexpr double kLibvmafTolerance = 1e-6;

std::mt19937& rng() {
    static std::mt19937 engine(20240611);
    return engine;
}

template <typename T>
std::vector<T> random_values(size_t n, int64_t lo, int64_t hi) {
    std::uniform_int_distribution<int64_t> dist(lo, hi);
    std::vector<T> v(n);
    for (auto& x : v) x = static_cast<T>(dist(rng()));
    return v;
}

const std::vector<int> kLengths{1, 2, 3, 5, 6, 7, 16, 17, 31, 33, 47, 64, 65, 100, 257, 1001};

// ---------------------------------------------------------------- DWT

template <typename T>
void check_vertical0(int bits, int64_t max_sample) {
    for (int n : kLengths) {
        std::vector<std::vector<T>> rows(4);
        const T* ptr[4];
        for (int k = 0; k < 4; ++k) {
            rows[static_cast<size_t>(k)] = random_values<T>(static_cast<size_t>(n), 0, max_sample);
            ptr[k] = rows[static_cast<size_t>(k)].data();
        }
        std::vector<int16_t> lo1(static_cast<size_t>(n)), hi1(lo1), lo2(lo1), hi2(lo1);
        if constexpr (sizeof(T) == 1) {
            scalar().vertical0_u8(ptr, n, lo1.data(), hi1.data());
            simd().vertical0_u8(ptr, n, lo2.data(), hi2.data());
        } else {
            scalar().vertical0_u16(ptr, n, bits, lo1.data(), hi1.data());
            simd().vertical0_u16(ptr, n, bits, lo2.data(), hi2.data());
        }
        EXPECT_EQ(lo1, lo2) << "n " << n << " bits " << bits;
        EXPECT_EQ(hi1, hi2) << "n " << n << " bits " << bits;
    }
}

TEST(AdmKernels, VerticalScale0) {
    check_vertical0<uint8_t>(8, 255);
    for (int bits : {9, 10, 12, 15, 16}) check_vertical0<uint16_t>(bits, (1 << bits) - 1);
    // Samples above the bit depth still agree (libvmaf's 32-bit wrap and 16-bit truncation).
    check_vertical0<uint16_t>(10, 65535);
}

template <typename C>
struct BandRows {
    std::vector<int32_t> a;
    std::vector<C> h, v, d;
    explicit BandRows(int n) : a(static_cast<size_t>(n)), h(a.size()), v(a.size()), d(a.size()) {}
    AdmHvd<C> hvd() { return {h.data(), v.data(), d.data()}; }
    bool operator==(const BandRows&) const = default;
};

TEST(AdmKernels, HorizontalScale0) {
    for (int n : kLengths) {
        if (n < 5) continue;  // a DWT line has at least 5 samples (libvmaf: planes above 32)
        const auto lo = random_values<int16_t>(static_cast<size_t>(n), -32768, 32767);
        const auto hi = random_values<int16_t>(static_cast<size_t>(n), -32768, 32767);
        BandRows<int16_t> r1((n + 1) / 2), r2((n + 1) / 2);
        scalar().horizontal0(lo.data(), hi.data(), n, r1.a.data(), r1.hvd());
        simd().horizontal0(lo.data(), hi.data(), n, r2.a.data(), r2.hvd());
        EXPECT_TRUE(r1 == r2) << "n " << n;
    }
}

TEST(AdmKernels, DwtScales1To3) {
    for (int scale = 1; scale <= 3; ++scale)
        for (int n : kLengths) {
            if (n < 5) continue;
            std::vector<std::vector<int32_t>> rows(4);
            const int32_t* ptr[4];
            for (int k = 0; k < 4; ++k) {
                rows[static_cast<size_t>(k)] =
                    random_values<int32_t>(static_cast<size_t>(n), INT32_MIN, INT32_MAX);
                ptr[k] = rows[static_cast<size_t>(k)].data();
            }
            std::vector<int32_t> lo1(static_cast<size_t>(n)), hi1(lo1), lo2(lo1), hi2(lo1);
            scalar().verticalN(ptr, n, scale, lo1.data(), hi1.data());
            simd().verticalN(ptr, n, scale, lo2.data(), hi2.data());
            EXPECT_EQ(lo1, lo2) << "scale " << scale << " n " << n;
            EXPECT_EQ(hi1, hi2) << "scale " << scale << " n " << n;
            BandRows<int32_t> r1((n + 1) / 2), r2((n + 1) / 2);
            scalar().horizontalN(lo1.data(), hi1.data(), n, scale, r1.a.data(), r1.hvd());
            simd().horizontalN(lo1.data(), hi1.data(), n, scale, r2.a.data(), r2.hvd());
            EXPECT_TRUE(r1 == r2) << "scale " << scale << " n " << n;
        }
}

// ---------------------------------------------------------------- decoupling

// Reference and distorted detail rows: random values, zeros, and distorted vectors within and
// just beyond 1 degree of the reference, scaled up (enhancement) or down.
template <typename C>
struct DecoupleInput {
    std::vector<C> ref[3], dis[3];
    DecoupleInput(int n, int64_t range) {
        std::uniform_int_distribution<int64_t> value(-range, range);
        std::uniform_real_distribution<double> angle(-1.2, 1.2), gain(0.0, 3.0);
        std::uniform_int_distribution<int> kind(0, 5);
        for (int b = 0; b < 3; ++b) {
            ref[b].resize(static_cast<size_t>(n));
            dis[b].resize(static_cast<size_t>(n));
        }
        auto clamp = [&](double x) {
            return static_cast<C>(std::clamp<double>(std::round(x), -static_cast<double>(range),
                                                     static_cast<double>(range)));
        };
        for (size_t j = 0; j < static_cast<size_t>(n); ++j) {
            for (int b = 0; b < 3; ++b) {
                ref[b][j] = static_cast<C>(value(rng()));
                dis[b][j] = static_cast<C>(value(rng()));
            }
            switch (kind(rng())) {
                case 0:  // zeros
                    ref[0][j] = 0;
                    dis[1][j] = 0;
                    break;
                case 1:
                case 2: {  // rotated by up to 1.2 degrees and scaled
                    const double a = angle(rng()) * 3.14159265358979 / 180.0, s = gain(rng());
                    const double h = ref[0][j], v = ref[1][j];
                    dis[0][j] = clamp(s * (h * std::cos(a) - v * std::sin(a)));
                    dis[1][j] = clamp(s * (h * std::sin(a) + v * std::cos(a)));
                    dis[2][j] = clamp(s * ref[2][j]);
                    break;
                }
                case 3:  // small values
                    for (int b = 0; b < 3; ++b) {
                        ref[b][j] = static_cast<C>(ref[b][j] % 70);
                        dis[b][j] = static_cast<C>(dis[b][j] % 70);
                    }
                    break;
                default:
                    break;
            }
        }
    }
    AdmHvd<const C> r() const { return {ref[0].data(), ref[1].data(), ref[2].data()}; }
    AdmHvd<const C> d() const { return {dis[0].data(), dis[1].data(), dis[2].data()}; }
};

// Reference and distorted (h, v) pairs whose angle is within 2^-19 (relative, in libvmaf's
// squared-cosine test) of 1 degree, where the SIMD kernels leave float for libvmaf's double.
template <typename C>
void put_boundary_cases(DecoupleInput<C>& in, int64_t range) {
    std::uniform_real_distribution<double> unit(-1.0, 1.0), scale(0.2, 1.0);
    const double c =
        static_cast<float>(std::cos(3.14159265358979 / 180.0) * std::cos(3.14159265358979 / 180.0));
    size_t j = 0;
    const size_t n = in.ref[0].size();
    for (int tries = 0; tries < 4000000 && j < n; ++tries) {
        const double h = unit(rng()) * static_cast<double>(range),
                     v = unit(rng()) * static_cast<double>(range);
        const double a =
            (1.0 + 1e-4 * unit(rng())) * 3.14159265358979 / 180.0 * (unit(rng()) < 0 ? -1 : 1);
        const double s = scale(rng());
        const auto oh = static_cast<int64_t>(std::lround(h)),
                   ov = static_cast<int64_t>(std::lround(v));
        const auto th = static_cast<int64_t>(std::lround(s * (h * std::cos(a) - v * std::sin(a))));
        const auto tv = static_cast<int64_t>(std::lround(s * (h * std::sin(a) + v * std::cos(a))));
        const double dot = static_cast<float>(oh * th + ov * tv);
        const double rhs = c * static_cast<float>(oh * oh + ov * ov) *
                           static_cast<double>(static_cast<float>(th * th + tv * tv));
        if (rhs <= 0 || std::fabs(dot * dot / rhs - 1.0) > 0x1p-19) continue;
        in.ref[0][j] = static_cast<C>(oh);
        in.ref[1][j] = static_cast<C>(ov);
        in.dis[0][j] = static_cast<C>(th);
        in.dis[1][j] = static_cast<C>(tv);
        j += 5;  // spread over the vectors, mixed with ordinary lanes
    }
    EXPECT_GT(j, n / 2) << "too few boundary cases found";
}

template <typename C>
struct DecoupleOutput {
    std::vector<C> r[3];
    std::vector<int32_t> f, g;
    explicit DecoupleOutput(int n) : f(static_cast<size_t>(n), 7), g(f) {
        for (auto& row : r) row.assign(static_cast<size_t>(n), 7);
    }
    AdmHvd<C> hvd() { return {r[0].data(), r[1].data(), r[2].data()}; }
    bool operator==(const DecoupleOutput&) const = default;
};

TEST(AdmKernels, DecoupleScale0) {
    for (double limit : {100.0, 1.0, 7.0, 2.5})
        for (int n : kLengths) {
            // The DWT keeps scale 0 coefficients within +-27411; the full int16 range less
            // -32768 is exercised.
            const DecoupleInput<int16_t> in(n, 32767);
            detail::AdmCsf0 p;
            p.factor[0] = p.factor[1] = 36453;
            p.factor[2] = 49417;
            p.enhn_gain_limit = limit;
            for (int begin : {0, n / 3}) {
                DecoupleOutput<int16_t> o1(n), o2(n);
                scalar().decouple0(in.r(), in.d(), begin, n, p, o1.hvd(), o1.f.data(), o1.g.data());
                simd().decouple0(in.r(), in.d(), begin, n, p, o2.hvd(), o2.f.data(), o2.g.data());
                EXPECT_TRUE(o1 == o2) << "n " << n << " limit " << limit << " begin " << begin;
            }
        }
}

TEST(AdmKernels, DecoupleAtTheOneDegreeBoundary) {
    for (int n : {64, 333}) {
        DecoupleInput<int16_t> in16(n, 27000);
        put_boundary_cases(in16, 27000);
        detail::AdmCsf0 p0;
        p0.factor[0] = p0.factor[1] = 36453;
        p0.factor[2] = 49417;
        DecoupleOutput<int16_t> a1(n), a2(n);
        scalar().decouple0(in16.r(), in16.d(), 0, n, p0, a1.hvd(), a1.f.data(), a1.g.data());
        simd().decouple0(in16.r(), in16.d(), 0, n, p0, a2.hvd(), a2.f.data(), a2.g.data());
        EXPECT_TRUE(a1 == a2) << "scale 0, n " << n;
        for (int64_t range : {int64_t{30000}, int64_t{1} << 30}) {
            DecoupleInput<int32_t> in32(n, range);
            put_boundary_cases(in32, range);
            detail::AdmCsfN pn;
            pn.factor[0] = pn.factor[1] = 137374826;
            pn.factor[2] = 61414124;
            DecoupleOutput<int32_t> b1(n), b2(n);
            scalar().decoupleN(in32.r(), in32.d(), 0, n, pn, b1.hvd(), b1.f.data(), b1.g.data());
            simd().decoupleN(in32.r(), in32.d(), 0, n, pn, b2.hvd(), b2.f.data(), b2.g.data());
            EXPECT_TRUE(b1 == b2) << "scales 1..3, n " << n << " range " << range;
        }
    }
}

TEST(AdmKernels, DecoupleScale0AllReferenceValues) {
    // Every int16 reference value above -32768 (the SIMD reciprocals are computed, not looked up).
    const int n = 65535;
    DecoupleInput<int16_t> in(n, 32767);
    for (int b = 0; b < 3; ++b)
        for (int j = 0; j < n; ++j)
            in.ref[b][static_cast<size_t>(j)] = static_cast<int16_t>(j - 32767);
    detail::AdmCsf0 p;
    p.factor[0] = p.factor[1] = 36453;
    p.factor[2] = 49417;
    DecoupleOutput<int16_t> o1(n), o2(n);
    scalar().decouple0(in.r(), in.d(), 0, n, p, o1.hvd(), o1.f.data(), o1.g.data());
    simd().decouple0(in.r(), in.d(), 0, n, p, o2.hvd(), o2.f.data(), o2.g.data());
    EXPECT_TRUE(o1 == o2);
}

TEST(AdmKernels, DecoupleScales1To3) {
    for (double limit : {100.0, 1.0, 3.0, 1.5})
        for (int64_t range : {int64_t{100}, int64_t{70000}, int64_t{1} << 30})
            for (int n : kLengths) {
                const DecoupleInput<int32_t> in(n, range);
                detail::AdmCsfN p;
                p.factor[0] = p.factor[1] = 137374826;
                p.factor[2] = 61414124;
                p.enhn_gain_limit = limit;
                DecoupleOutput<int32_t> o1(n), o2(n);
                scalar().decoupleN(in.r(), in.d(), 0, n, p, o1.hvd(), o1.f.data(), o1.g.data());
                simd().decoupleN(in.r(), in.d(), 0, n, p, o2.hvd(), o2.f.data(), o2.g.data());
                EXPECT_TRUE(o1 == o2) << "n " << n << " range " << range << " limit " << limit;
            }
}

TEST(AdmKernels, DecoupleScales1To3AllMagnitudes) {
    // Reference magnitudes 1 .. 2^31 - 1 around every power of two (the 15-bit rounding of
    // libvmaf's division) and all values up to 70000.
    std::vector<int32_t> values;
    for (int32_t v = -70000; v <= 70000; ++v) values.push_back(v);
    for (int e = 15; e < 31; ++e)
        for (int64_t dv = -300; dv <= 300; ++dv) {
            const int64_t v = (int64_t{1} << e) + dv;
            values.push_back(static_cast<int32_t>(v));
            values.push_back(static_cast<int32_t>(-v));
        }
    values.push_back(INT32_MAX);
    const int n = static_cast<int>(values.size());
    DecoupleInput<int32_t> in(n, int64_t{1} << 30);
    for (int b = 0; b < 3; ++b) in.ref[b] = values;
    detail::AdmCsfN p;
    p.factor[0] = p.factor[1] = 137374826;
    p.factor[2] = 61414124;
    DecoupleOutput<int32_t> o1(n), o2(n);
    scalar().decoupleN(in.r(), in.d(), 0, n, p, o1.hvd(), o1.f.data(), o1.g.data());
    simd().decoupleN(in.r(), in.d(), 0, n, p, o2.hvd(), o2.f.data(), o2.g.data());
    EXPECT_TRUE(o1 == o2);
}

// The enhancement gain limit applies only where the distorted (h, v) detail is within 1 degree
// of the reference: there r follows the distorted detail up to limit times the restored one.
TEST(AdmKernels, EnhancementOnlyWithinOneDegree) {
    for (const AdmKernels* k : {&scalar(), &simd()}) {
        const int n = 40;
        std::vector<int16_t> ref[3], dis[3];
        for (int b = 0; b < 3; ++b) {
            ref[b].assign(n, 0);
            dis[b].assign(n, 0);
        }
        // Column 0: dis = 2 * ref (same direction). Column 1: dis = 2 * ref rotated by 5 deg.
        ref[0][0] = 1000, ref[1][0] = 500, ref[2][0] = 300;
        dis[0][0] = 2000, dis[1][0] = 1000, dis[2][0] = 600;
        const double a = 5.0 * 3.14159265358979 / 180.0;
        ref[0][1] = 1000, ref[1][1] = 500, ref[2][1] = 300;
        dis[0][1] = static_cast<int16_t>(std::lround(2 * (1000 * std::cos(a) - 500 * std::sin(a))));
        dis[1][1] = static_cast<int16_t>(std::lround(2 * (1000 * std::sin(a) + 500 * std::cos(a))));
        dis[2][1] = 600;
        const AdmHvd<const int16_t> r{ref[0].data(), ref[1].data(), ref[2].data()};
        const AdmHvd<const int16_t> d{dis[0].data(), dis[1].data(), dis[2].data()};
        for (double limit : {100.0, 1.0, 1.5}) {
            detail::AdmCsf0 p;
            p.factor[0] = p.factor[1] = 36453;
            p.factor[2] = 49417;
            p.enhn_gain_limit = limit;
            DecoupleOutput<int16_t> out(n);
            k->decouple0(r, d, 0, n, p, out.hvd(), out.f.data(), out.g.data());
            for (int b = 0; b < 3; ++b) {
                const int expected = static_cast<int>(std::min(ref[b][0] * limit, 2.0 * ref[b][0]));
                EXPECT_EQ(out.r[b][0], expected) << "band " << b << " limit " << limit;
                EXPECT_EQ(out.r[b][1], ref[b][1]) << "band " << b << " limit " << limit;
            }
        }
    }
}

// ---------------------------------------------------------------- masking and pooling

template <typename C>
void check_masked(int64_t range, int64_t f_range) {
    for (int n : kLengths) {
        std::vector<int32_t> f_rows[3];
        const int32_t* f[3];
        for (int dy = 0; dy < 3; ++dy) {
            f_rows[dy] = random_values<int32_t>(static_cast<size_t>(n) + 2, 0, f_range);
            f[dy] = f_rows[dy].data() + 1;
        }
        const auto g = random_values<int32_t>(static_cast<size_t>(n), -f_range, 3 * f_range);
        std::vector<C> rows[3];
        for (auto& row : rows) row = random_values<C>(static_cast<size_t>(n), -range, range);
        const AdmHvd<const C> r{rows[0].data(), rows[1].data(), rows[2].data()};
        for (int begin : {0, n / 4}) {
            int64_t s1[3] = {1, 2, 3}, s2[3] = {1, 2, 3};
            uint64_t d1[3] = {4, 5, 6}, d2[3] = {4, 5, 6};
            if constexpr (sizeof(C) == 2) {
                detail::AdmCm0 p;
                p.factor[0] = p.factor[1] = 36453;
                p.factor[2] = 49417;
                for (int b = 0; b < 3; ++b) {
                    p.cube_shift[b] = 6 + b % 2;
                    p.cube_add[b] = int64_t{1} << (p.cube_shift[b] - 1);
                }
                scalar().masked0(f, g.data(), r, begin, n, p, s1);
                simd().masked0(f, g.data(), r, begin, n, p, s2);
                scalar().reference0(r, begin, n, d1);
                simd().reference0(r, begin, n, d2);
            } else {
                detail::AdmCmN p;
                p.factor[0] = p.factor[1] = 137374826;
                p.factor[2] = 61414124;
                p.cube_shift = 9;
                p.cube_add = 256;
                scalar().maskedN(f, g.data(), r, begin, n, p, s1);
                simd().maskedN(f, g.data(), r, begin, n, p, s2);
                for (int shift : {30, 31}) {
                    detail::AdmDenN dp;
                    dp.square_shift = shift;
                    dp.square_add = uint64_t{1} << shift;
                    dp.cube_shift = 7;
                    dp.cube_add = 64;
                    scalar().referenceN(r, begin, n, dp, d1);
                    simd().referenceN(r, begin, n, dp, d2);
                }
            }
            for (int b = 0; b < 3; ++b) {
                EXPECT_EQ(s1[b], s2[b]) << "n " << n << " band " << b;
                EXPECT_EQ(d1[b], d2[b]) << "n " << n << " band " << b;
            }
        }
    }
}

TEST(AdmKernels, MaskedAndReferenceSums) {
    check_masked<int16_t>(32767, 2000);
    check_masked<int16_t>(300, 30);
    check_masked<int32_t>(int64_t{1} << 30, int64_t{1} << 24);
    check_masked<int32_t>(int64_t{1} << 20, 3000);
}

// ---------------------------------------------------------------- whole feature

struct TestPlane {
    std::vector<uint8_t> bytes;
    SamplePlane plane;
};

// A textured picture (gradient, edges, noise) or its distortion (noise, blur, gain), stored
// with a padded stride.
TestPlane make_plane(int w, int h, int bits, int seed, bool distort) {
    std::mt19937 r(static_cast<unsigned>(seed));
    std::normal_distribution<double> noise(0.0, 1.0);
    const double peak = std::ldexp(1.0, bits) - 1.0;
    std::vector<double> v(static_cast<size_t>(w) * h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            v[static_cast<size_t>(y) * w + x] =
                0.5 + 0.3 * std::sin(x * 0.21 + y * 0.05) * std::cos(y * 0.13) +
                (((x / 7) + (y / 5)) % 2 ? 0.1 : -0.1);
    std::mt19937 d(static_cast<unsigned>(seed * 7 + 1));
    for (auto& x : v) x += 0.02 * noise(d);
    if (distort)
        for (int y = 0; y < h; ++y)
            for (int x = 1; x + 1 < w; ++x) {
                auto& c = v[static_cast<size_t>(y) * w + x];
                c = 0.25 * v[static_cast<size_t>(y) * w + x - 1] + 0.5 * c +
                    0.25 * v[static_cast<size_t>(y) * w + x + 1] + 0.03 * noise(r);
            }
    const int sample = bits > 8 ? 2 : 1;
    const int stride = (w + 3) * sample;
    TestPlane t;
    t.bytes.assign(static_cast<size_t>(stride) * h, 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double s =
                std::clamp(std::round(v[static_cast<size_t>(y) * w + x] * peak), 0.0, peak);
            uint8_t* p = t.bytes.data() + static_cast<size_t>(y) * stride + x * sample;
            if (bits > 8) {
                const auto u = static_cast<uint16_t>(s);
                std::memcpy(p, &u, 2);
            } else {
                *p = static_cast<uint8_t>(s);
            }
        }
    t.plane = SamplePlane{t.bytes.data(), stride, w, h, bits};
    return t;
}

void expect_identical(const AdmScores& a, const AdmScores& b, const std::string& what) {
    EXPECT_EQ(a.adm2, b.adm2) << what;
    for (size_t s = 0; s < 4; ++s) EXPECT_EQ(a.scale[s], b.scale[s]) << what << " scale " << s;
}

TEST(Adm, SimdMatchesScalarOnOddPlanes) {
    const int sizes[][2] = {{33, 33}, {35, 47}, {64, 33}, {101, 67}, {257, 129}, {300, 41}};
    for (const auto& size : sizes)
        for (int bits : {8, 10, 12, 16})
            for (double limit : {100.0, 1.0}) {
                const auto ref = make_plane(size[0], size[1], bits, 1, false);
                const auto dis = make_plane(size[0], size[1], bits, 1, true);
                AdmOptions o;
                o.enhn_gain_limit = limit;
                const auto a = detail::compute_adm_with(ref.plane, dis.plane, o, scalar());
                const auto b = detail::compute_adm_with(ref.plane, dis.plane, o, simd());
                const std::string what = std::to_string(size[0]) + "x" + std::to_string(size[1]) +
                                         " " + std::to_string(bits) + "-bit";
                expect_identical(a, b, what);
                EXPECT_TRUE(std::isfinite(a.adm2)) << what;
                EXPECT_GT(a.adm2, 0.3) << what;
                EXPECT_LT(a.adm2, 1.0) << what;
            }
}

TEST(Adm, IdenticalPlanesScoreOne) {
    // Up to fixed-point rounding: numerator and denominator round differently (so does libvmaf).
    const auto ref = make_plane(97, 61, 10, 3, false);
    const auto s = compute_adm(ref.plane, ref.plane);
    EXPECT_NEAR(s.adm2, 1.0, 1e-4);
    for (double v : s.scale) EXPECT_NEAR(v, 1.0, 1e-4);
}

TEST(Adm, TinyPlanesScoreOne) {
    // libvmaf refuses planes of 32 samples or fewer on a side; they score "no loss".
    for (const auto& [w, h] : {std::pair{1, 1}, {8, 8}, {32, 32}, {32, 200}, {200, 32}, {4, 100}}) {
        std::vector<uint8_t> a(static_cast<size_t>(w) * h, 10), b(a.size(), 200);
        const SamplePlane pa{a.data(), w, w, h, 8}, pb{b.data(), w, w, h, 8};
        const auto s = compute_adm(pa, pb);
        EXPECT_EQ(s.adm2, 1.0);
        for (double v : s.scale) EXPECT_EQ(v, 1.0);
    }
    // The smallest plane libvmaf accepts runs all four levels.
    const auto ref = make_plane(33, 33, 8, 5, false), dis = make_plane(33, 33, 8, 5, true);
    const auto s = compute_adm(ref.plane, dis.plane);
    EXPECT_TRUE(std::isfinite(s.adm2));
}

TEST(Adm, FlatAndBlackPlanesAreFinite) {
    const int w = 120, h = 90;
    std::vector<uint8_t> black(static_cast<size_t>(w) * h, 0), grey(black.size(), 128);
    const auto textured = make_plane(w, h, 8, 9, false);
    const SamplePlane pb{black.data(), w, w, h, 8}, pg{grey.data(), w, w, h, 8};
    // Nothing to lose: only the noise terms remain, equal in numerator and denominator.
    const auto same = compute_adm(pb, pb);
    EXPECT_EQ(same.adm2, 1.0);
    for (double v : same.scale) EXPECT_EQ(v, 1.0);
    for (const auto& [r, d] :
         {std::pair{pb, pg}, {pg, pb}, {pb, textured.plane}, {textured.plane, pb}}) {
        const auto s = compute_adm(r, d);
        EXPECT_TRUE(std::isfinite(s.adm2));
        EXPECT_GE(s.adm2, 0.0);
        for (double v : s.scale) EXPECT_TRUE(std::isfinite(v));
        expect_identical(s, detail::compute_adm_with(r, d, {}, scalar()), "flat");
    }
}

TEST(Adm, GainLimitCapsEnhancement) {
    // A contrast-boosted copy gains detail: with libvmaf's default limit the boost counts as
    // enhancement (adm2 above 1); vmaf_v0.6.1neg's limit of 1 turns it off.
    const int w = 160, h = 120;
    const auto ref = make_plane(w, h, 8, 11, false);
    std::vector<uint8_t> boosted(ref.bytes);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            uint8_t& p = boosted[static_cast<size_t>(y) * ref.plane.stride_bytes + x];
            p = static_cast<uint8_t>(std::clamp(128.0 + 1.3 * (p - 128.0), 0.0, 255.0));
        }
    SamplePlane dis = ref.plane;
    dis.data = boosted.data();
    AdmOptions neg;
    neg.enhn_gain_limit = 1.0;
    const auto plain = compute_adm(ref.plane, dis);
    const auto capped = compute_adm(ref.plane, dis, neg);
    EXPECT_GT(plain.adm2, 1.0);
    EXPECT_LE(capped.adm2, 1.0 + 1e-6);
    EXPECT_LT(capped.adm2, plain.adm2);
}

// ---------------------------------------------------------------- libvmaf

struct Deviation {
    double adm2 = 0, scale[4] = {}, mean_adm2 = 0;
};

Deviation compare_with_libvmaf(int bits, const AdmKernels& kernels, int frames_limit) {
    const auto dir = test::vmaf_material_dir();
    const std::string tag = "mandel_324p_" + std::to_string(bits) + "b_";
    const test::RawYuv420 ref(dir / (tag + "ref.yuv"), 576, 324, bits);
    Deviation dev;
    for (const auto& name : test::vmaf_distortions()) {
        const test::RawYuv420 dis(dir / (tag + name + ".yuv"), 576, 324, bits);
        const auto lib = test::load_libvmaf_scores(tag + name);
        const int frames = std::min(ref.frames(), frames_limit);
        EXPECT_EQ(static_cast<size_t>(ref.frames()), lib.frames.size());
        double sum = 0.0, lib_sum = 0.0;
        for (int i = 0; i < frames; ++i) {
            const auto s = detail::compute_adm_with(ref.plane(i, 0), dis.plane(i, 0), {}, kernels);
            const auto& m = lib.frames[static_cast<size_t>(i)];
            dev.adm2 = std::max(dev.adm2, std::fabs(s.adm2 - m.at("integer_adm2")));
            for (size_t k = 0; k < 4; ++k)
                dev.scale[k] =
                    std::max(dev.scale[k],
                             std::fabs(s.scale[k] - m.at("integer_adm_scale" + std::to_string(k))));
            sum += s.adm2;
            lib_sum += m.at("integer_adm2");
        }
        dev.mean_adm2 = std::max(dev.mean_adm2, std::fabs(sum - lib_sum) / frames);
    }
    return dev;
}

void report(const char* what, int bits, const Deviation& d) {
    std::printf(
        "%s %d-bit vs libvmaf, max |diff|: adm2 %.2e (pooled mean %.2e), scale0..3 %.2e "
        "%.2e %.2e %.2e\n",
        what, bits, d.adm2, d.mean_adm2, d.scale[0], d.scale[1], d.scale[2], d.scale[3]);
}

TEST(Adm, MatchesLibvmafAllFrames) {
    for (int bits : {8, 10}) {
        const auto d = compare_with_libvmaf(bits, simd(), 1 << 30);
        report("SIMD", bits, d);
        EXPECT_LE(d.adm2, kLibvmafTolerance);
        EXPECT_LE(d.mean_adm2, kLibvmafTolerance);
        for (double s : d.scale) EXPECT_LE(s, kLibvmafTolerance);
    }
}

TEST(Adm, ScalarReferenceMatchesLibvmaf) {
    for (int bits : {8, 10}) {
        const auto d = compare_with_libvmaf(bits, scalar(), 6);
        report("scalar (6 frames)", bits, d);
        EXPECT_LE(d.adm2, kLibvmafTolerance);
        for (double s : d.scale) EXPECT_LE(s, kLibvmafTolerance);
    }
}

}  // namespace
}  // namespace media::metrics
