// SPDX-License-Identifier: Apache-2.0
// VMAF's ADM (adm2, adm_scale0..3) as libvmaf's integer extractor computes it: four levels of a
// fixed-point db2 DWT, decoupling of the distorted details into restored reference detail and
// additive impairment, CSF weighting, contrast masking and Minkowski-3 pooling with a 10% border
// left out. The scalar row kernels here are the references (the SIMD set in adm_simd.cpp and the
// GPU port mirror them); the driver streams each scale row by row so the bands stay in cache.
#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <numbers>
#include <type_traits>
#include <vector>

#include "adm_kernels.h"
#include "slate_gpu/detail/adm_math.h"

namespace media::metrics {
namespace detail {
namespace {

// Rounding shifts of the scale 1..3 DWT passes (libvmaf's adm_dwt2_s123_combined).
constexpr int64_t kVerticalAddN[3] = {0, 32768, 32768};
constexpr int kVerticalShiftN[3] = {0, 16, 16};
constexpr int64_t kHorizontalAddN[3] = {16384, 32768, 16384};
constexpr int kHorizontalShiftN[3] = {15, 16, 15};

// Scale 0 CSF of the impairment: rounding adds and shifts per band.
constexpr int32_t kCsfAdd0[3] = {16384, 16384, 65535};
constexpr int kCsfShift0[3] = {15, 15, 17};
// Scale 0 masking: the threshold's left shift and the square's rounding per band.
constexpr int kThresholdShift0[3] = {10, 10, 12};
constexpr int64_t kSquareAdd0[3] = {int64_t{1} << 28, int64_t{1} << 28, int64_t{1} << 29};
constexpr int kSquareShift0[3] = {29, 29, 30};
// 1/30 and 1/15 in fixed point: Q12 of the 16-bit pipeline, Q32 of the 32-bit one.
constexpr int32_t kOneBy30Q12 = 4369;
constexpr int32_t kOneBy15Q12 = 8738;
constexpr int64_t kOneBy30Q32 = 143165577;
constexpr int64_t kOneBy15Q32 = 286331153;
// libvmaf's 32-bit rounding term 1u << 31 is stored in an int32, so it subtracts 2^31.
constexpr int64_t kHalfQ32AsInt32 = -(int64_t{1} << 31);

template <typename T>
T clamp_k(int64_t k) {
    return static_cast<T>(std::clamp<int64_t>(k, 0, 32768));
}

// Reciprocal-multiplication ratio dis/ref in Q15, clamped to [0, 1].
int32_t ratio0(int32_t o, int32_t t) {
    if (o == 0) return 32768;
    const int64_t k = (int64_t{adm_reciprocals()[o + 32768]} * t + 16384) >> 15;
    return clamp_k<int32_t>(k);
}

int64_t ratioN(int32_t o, int32_t t) {
    if (o == 0) return 32768;
    const uint32_t magnitude = o < 0 ? 0u - static_cast<uint32_t>(o) : static_cast<uint32_t>(o);
    uint32_t top15 = magnitude;
    int shift = 0;
    if (magnitude >= 32768) {
        shift = 17 - std::countl_zero(magnitude);
        top15 = (magnitude + (1u << (shift - 1))) >> shift;
    }
    const int64_t sign = o < 0 ? -1 : 1;
    const int64_t product = int64_t{adm_reciprocals()[top15 + 32768]} * t * sign;
    return clamp_k<int64_t>((product + (int64_t{1} << (14 + shift))) >> (15 + shift));
}

// Within 1 degree the distortion counts as enhancement: r follows dis, up to the gain limit.
template <typename T>
T enhance(T rst, int64_t k, int32_t o, int32_t t, double limit) {
    if (k <= 0 || o == 0) return rst;
    const double gained = static_cast<double>(rst) * limit;
    const double bounded =
        o > 0 ? std::min(gained, static_cast<double>(t)) : std::max(gained, static_cast<double>(t));
    return static_cast<T>(bounded);
}

// |v| in 32 bits, wrapping as libvmaf's abs() does in practice (|INT32_MIN| stays INT32_MIN).
template <typename T>
int32_t abs32(T v) {
    const auto u = static_cast<uint32_t>(static_cast<int32_t>(v));
    return static_cast<int32_t>(v < 0 ? 0u - u : u);
}

int32_t wrap32(int64_t v) {
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
}

int32_t threshold(const int32_t* const f[3], const int32_t* g, int j) {
    uint32_t sum = static_cast<uint32_t>(g[j]);
    for (int dy = 0; dy < 3; ++dy)
        sum += static_cast<uint32_t>(f[dy][j - 1]) + static_cast<uint32_t>(f[dy][j]) +
               static_cast<uint32_t>(f[dy][j + 1]);
    return static_cast<int32_t>(sum);
}

}  // namespace

const int32_t* adm_reciprocals() {
    static const std::array<int32_t, 65537> table = [] {
        std::array<int32_t, 65537> t{};
        for (int i = 1; i <= 32768; ++i) {
            t[static_cast<size_t>(32768 + i)] = (1 << 30) / i;
            t[static_cast<size_t>(32768 - i)] = -((1 << 30) / i);
        }
        return t;
    }();
    return table.data();
}

bool adm_angle_within_1deg(int64_t dot, int64_t ref_mag_sq, int64_t dist_mag_sq) {
    const double deg = std::numbers::pi / 180.0;
    static const float cos_sq = static_cast<float>(std::cos(deg) * std::cos(deg));
    const double d = static_cast<double>(static_cast<float>(dot)) / 4096.0;
    const double o = static_cast<double>(static_cast<float>(ref_mag_sq)) / 4096.0;
    const double t = static_cast<double>(static_cast<float>(dist_mag_sq)) / 4096.0;
    return d >= 0.0 && d * d >= static_cast<double>(cos_sq) * o * t;
}

template <typename T>
static void vertical0(const T* const rows[4], int n, int bits, int16_t* lo, int16_t* hi) {
    const int64_t add = int64_t{1} << (bits - 1);
    for (int j = 0; j < n; ++j) {
        int64_t l = -kDb2LoSum * add, h = 0;
        for (int k = 0; k < 4; ++k) {
            l += int64_t{kDb2Lo[k]} * rows[k][j];
            h += int64_t{kDb2Hi[k]} * rows[k][j];
        }
        lo[j] = static_cast<int16_t>(wrap32(l + add) >> bits);
        hi[j] = static_cast<int16_t>(wrap32(h + add) >> bits);
    }
}

void scalar_adm_vertical0_u8(const uint8_t* const rows[4], int n, int16_t* lo, int16_t* hi) {
    vertical0(rows, n, 8, lo, hi);
}

void scalar_adm_vertical0_u16(const uint16_t* const rows[4], int n, int bits, int16_t* lo,
                              int16_t* hi) {
    vertical0(rows, n, bits, lo, hi);
}

template <typename T>
static void filter_pair(const T* src, const int idx[4], int64_t& low, int64_t& high) {
    low = high = 0;
    for (int k = 0; k < 4; ++k) {
        low += int64_t{kDb2Lo[k]} * src[idx[k]];
        high += int64_t{kDb2Hi[k]} * src[idx[k]];
    }
}

void scalar_adm_horizontal0_range(const int16_t* lo, const int16_t* hi, int n, int begin, int end,
                                  int32_t* a, AdmHvd<int16_t> out) {
    for (int j = begin; j < end; ++j) {
        int idx[4];
        for (int k = 0; k < 4; ++k) idx[k] = adm_dwt_index(2 * j - 1 + k, n);
        int64_t low, high;
        filter_pair(lo, idx, low, high);
        a[j] = wrap32(low + 32768) >> 16;
        out.v[j] = static_cast<int16_t>(wrap32(high + 32768) >> 16);
        filter_pair(hi, idx, low, high);
        out.h[j] = static_cast<int16_t>(wrap32(low + 32768) >> 16);
        out.d[j] = static_cast<int16_t>(wrap32(high + 32768) >> 16);
    }
}

void scalar_adm_horizontal0(const int16_t* lo, const int16_t* hi, int n, int32_t* a,
                            AdmHvd<int16_t> out) {
    scalar_adm_horizontal0_range(lo, hi, n, 0, (n + 1) / 2, a, out);
}

void scalar_adm_verticalN(const int32_t* const rows[4], int n, int scale, int32_t* lo,
                          int32_t* hi) {
    const int64_t add = kVerticalAddN[scale - 1];
    const int shift = kVerticalShiftN[scale - 1];
    for (int j = 0; j < n; ++j) {
        int64_t l = 0, h = 0;
        for (int k = 0; k < 4; ++k) {
            l += int64_t{kDb2Lo[k]} * rows[k][j];
            h += int64_t{kDb2Hi[k]} * rows[k][j];
        }
        lo[j] = static_cast<int32_t>((l + add) >> shift);
        hi[j] = static_cast<int32_t>((h + add) >> shift);
    }
}

void scalar_adm_horizontalN_range(const int32_t* lo, const int32_t* hi, int n, int scale, int begin,
                                  int end, int32_t* a, AdmHvd<int32_t> out) {
    const int64_t add = kHorizontalAddN[scale - 1];
    const int shift = kHorizontalShiftN[scale - 1];
    for (int j = begin; j < end; ++j) {
        int idx[4];
        for (int k = 0; k < 4; ++k) idx[k] = adm_dwt_index(2 * j - 1 + k, n);
        int64_t low, high;
        filter_pair(lo, idx, low, high);
        a[j] = static_cast<int32_t>((low + add) >> shift);
        out.v[j] = static_cast<int32_t>((high + add) >> shift);
        filter_pair(hi, idx, low, high);
        out.h[j] = static_cast<int32_t>((low + add) >> shift);
        out.d[j] = static_cast<int32_t>((high + add) >> shift);
    }
}

void scalar_adm_horizontalN(const int32_t* lo, const int32_t* hi, int n, int scale, int32_t* a,
                            AdmHvd<int32_t> out) {
    scalar_adm_horizontalN_range(lo, hi, n, scale, 0, (n + 1) / 2, a, out);
}

void scalar_adm_decouple0(AdmHvd<const int16_t> ref, AdmHvd<const int16_t> dis, int begin, int end,
                          const AdmCsf0& p, AdmHvd<int16_t> r, int32_t* f, int32_t* g) {
    for (int j = begin; j < end; ++j) {
        const int32_t oh = ref.h[j], ov = ref.v[j], th = dis.h[j], tv = dis.v[j];
        const bool angle = adm_angle_within_1deg(int64_t{oh} * th + int64_t{ov} * tv,
                                                 int64_t{oh} * oh + int64_t{ov} * ov,
                                                 int64_t{th} * th + int64_t{tv} * tv);
        uint32_t f_sum = 0, g_sum = 0;
        for (int b = 0; b < 3; ++b) {
            const int32_t o = ref[b][j], t = dis[b][j];
            const int32_t k = ratio0(o, t);
            auto rst = static_cast<int16_t>((k * o + 16384) >> 15);
            if (angle) rst = enhance(rst, k, o, t, p.enhn_gain_limit);
            const auto impairment = static_cast<int16_t>(t - rst);
            const auto csf =
                static_cast<int16_t>((p.factor[b] * impairment + kCsfAdd0[b]) >> kCsfShift0[b]);
            const auto flt = static_cast<int16_t>((kOneBy30Q12 * abs32(csf) + 2048) >> 12);
            const auto centre = static_cast<int16_t>((kOneBy15Q12 * abs32(csf) + 2048) >> 12);
            r[b][j] = rst;
            f_sum += static_cast<uint32_t>(flt);
            g_sum += static_cast<uint32_t>(centre - flt);
        }
        f[j] = static_cast<int32_t>(f_sum);
        g[j] = static_cast<int32_t>(g_sum);
    }
}

void scalar_adm_decoupleN(AdmHvd<const int32_t> ref, AdmHvd<const int32_t> dis, int begin, int end,
                          const AdmCsfN& p, AdmHvd<int32_t> r, int32_t* f, int32_t* g) {
    for (int j = begin; j < end; ++j) {
        const int64_t oh = ref.h[j], ov = ref.v[j], th = dis.h[j], tv = dis.v[j];
        const bool angle =
            adm_angle_within_1deg(oh * th + ov * tv, oh * oh + ov * ov, th * th + tv * tv);
        uint32_t f_sum = 0, g_sum = 0;
        for (int b = 0; b < 3; ++b) {
            const int32_t o = ref[b][j], t = dis[b][j];
            const int64_t k = ratioN(o, t);
            auto rst = static_cast<int32_t>((k * o + 16384) >> 15);
            if (angle) rst = enhance(rst, k, o, t, p.enhn_gain_limit);
            const int32_t impairment = wrap32(int64_t{t} - rst);
            const auto csf =
                static_cast<int32_t>((p.factor[b] * impairment + (int64_t{1} << 27)) >> 28);
            const int64_t mag = std::abs(int64_t{csf});
            const auto flt = static_cast<int32_t>((kOneBy30Q32 * mag + kHalfQ32AsInt32) >> 32);
            const auto centre = static_cast<int32_t>((kOneBy15Q32 * mag + kHalfQ32AsInt32) >> 32);
            r[b][j] = rst;
            f_sum += static_cast<uint32_t>(flt);
            g_sum += static_cast<uint32_t>(centre) - static_cast<uint32_t>(flt);
        }
        f[j] = static_cast<int32_t>(f_sum);
        g[j] = static_cast<int32_t>(g_sum);
    }
}

// One band's masked cube: |x| less the threshold, squared and cubed with libvmaf's roundings
// (the square is kept in 32 bits, as libvmaf does).
static int64_t masked_cube(int32_t x, int32_t thr, int64_t square_add, int square_shift,
                           int64_t cube_add, int cube_shift) {
    const int32_t excess = std::max(wrap32(int64_t{abs32(x)} - thr), 0);
    const int32_t square = wrap32((int64_t{excess} * excess + square_add) >> square_shift);
    return adm_wrapping_add(int64_t{square} * excess, cube_add) >> cube_shift;
}

void scalar_adm_masked0(const int32_t* const f[3], const int32_t* g, AdmHvd<const int16_t> r,
                        int begin, int end, const AdmCm0& p, int64_t sums[3]) {
    for (int j = begin; j < end; ++j) {
        const int32_t thr = threshold(f, g, j);
        for (int b = 0; b < 3; ++b) {
            const int32_t x = r[b][j] * p.factor[b];
            const int32_t shifted =
                static_cast<int32_t>(static_cast<uint32_t>(thr) << kThresholdShift0[b]);
            sums[b] =
                adm_wrapping_add(sums[b], masked_cube(x, shifted, kSquareAdd0[b], kSquareShift0[b],
                                                      p.cube_add[b], p.cube_shift[b]));
        }
    }
}

void scalar_adm_maskedN(const int32_t* const f[3], const int32_t* g, AdmHvd<const int32_t> r,
                        int begin, int end, const AdmCmN& p, int64_t sums[3]) {
    for (int j = begin; j < end; ++j) {
        const int32_t thr = threshold(f, g, j);
        for (int b = 0; b < 3; ++b) {
            const auto x =
                static_cast<int32_t>((int64_t{r[b][j]} * p.factor[b] + (int64_t{1} << 27)) >> 28);
            sums[b] = adm_wrapping_add(
                sums[b], masked_cube(x, thr, int64_t{1} << 29, 30, p.cube_add, p.cube_shift));
        }
    }
}

void scalar_adm_reference0(AdmHvd<const int16_t> ref, int begin, int end, uint64_t sums[3]) {
    for (int j = begin; j < end; ++j)
        for (int b = 0; b < 3; ++b) {
            const auto m = static_cast<uint64_t>(abs32(ref[b][j]));
            sums[b] += m * m * m;
        }
}

void scalar_adm_referenceN(AdmHvd<const int32_t> ref, int begin, int end, const AdmDenN& p,
                           uint64_t sums[3]) {
    for (int j = begin; j < end; ++j)
        for (int b = 0; b < 3; ++b) {
            const int32_t v = ref[b][j];
            const uint64_t m = v < 0 ? 0u - static_cast<uint32_t>(v) : static_cast<uint32_t>(v);
            const uint64_t square = (m * m + p.square_add) >> p.square_shift;
            sums[b] += (square * m + p.cube_add) >> p.cube_shift;
        }
}

const AdmKernels& adm_scalar_kernels() {
    static const AdmKernels kernels{
        scalar_adm_vertical0_u8, scalar_adm_vertical0_u16, scalar_adm_horizontal0,
        scalar_adm_verticalN,    scalar_adm_horizontalN,   scalar_adm_decouple0,
        scalar_adm_decoupleN,    scalar_adm_masked0,       scalar_adm_maskedN,
        scalar_adm_reference0,   scalar_adm_referenceN};
    return kernels;
}

namespace {

// ---- CSF: Watson et al. 1997 wavelet quantisation thresholds (libvmaf's dwt_quant_step) ----

// Reciprocal threshold of scale `lambda`, orientation 1 (h and v) or 2 (diagonal), as a float:
// the GPU code's definition (detail/adm_math.h), which both paths share.
float csf_reciprocal(int lambda, int theta, const AdmOptions& o) {
    slate_gpu::AdmConfig config;
    config.enhn_gain_limit = o.enhn_gain_limit;
    config.norm_view_dist = o.norm_view_dist;
    config.ref_display_height = o.ref_display_height;
    return slate_gpu::detail::adm_csf_reciprocal(lambda, theta, config);
}

std::array<float, 3> csf_reciprocals(int lambda, const AdmOptions& o) {
    const float hv = csf_reciprocal(lambda, 1, o), d = csf_reciprocal(lambda, 2, o);
    return {hv, hv, d};
}

// Scale 0's reciprocals in Q21 (h, v) and Q23 (d), 16-bit; libvmaf hard-codes the default ones.
std::array<int32_t, 3> csf_factors0(const AdmOptions& o) {
    if (std::fabs(o.norm_view_dist * o.ref_display_height - 3.0 * 1080) < 1.0e-8)
        return {36453, 36453, 49417};
    const auto rf = csf_reciprocals(0, o);
    auto q = [](float v, double scale) {
        return static_cast<int32_t>(
            static_cast<uint16_t>(std::clamp(static_cast<double>(v) * scale, 0.0, 65535.0)));
    };
    return {q(rf[0], 2097152.0), q(rf[1], 2097152.0), q(rf[2], 8388608.0)};
}

// Scales 1..3: Q32 reciprocals. Watson's thresholds keep them below 1/2 for every viewing
// distance (amplitudes < 0.5 over 2a = 0.99), so they fit 31 bits, which the SIMD kernels use.
std::array<int64_t, 3> csf_factorsN(int scale, const AdmOptions& o) {
    const auto rf = csf_reciprocals(scale, o);
    std::array<int64_t, 3> q{};
    for (size_t b = 0; b < 3; ++b)
        q[b] = static_cast<int64_t>(
            std::clamp(static_cast<double>(rf[b]) * 4294967296.0, 0.0, 2147483647.0));
    return q;
}

// libvmaf's rounding shift ceil(log2(x) + offset) and its rounding term (truncated 2^(s - 1)).
uint32_t log2_shift(double x, double offset = 0.0) {
    return static_cast<uint32_t>(std::max(std::ceil(std::log2(x) + offset), 0.0));
}

uint32_t half_of(uint32_t shift) {
    return static_cast<uint32_t>(std::pow(2.0, static_cast<double>(shift) - 1.0));
}

// Unsigned exponent as libvmaf writes it (a negative one wraps to a huge power: zero result).
double pow2u(uint32_t e) {
    return std::pow(2.0, static_cast<double>(e));
}

// ---- geometry ----

// The band of one scale: size, the pooled region (10% border left out) and the rows and columns
// the decoupling must cover (one more on each side for the masking's 3x3 neighbourhood).
struct Region {
    int w = 0, h = 0;
    int left = 0, top = 0, right = 0, bottom = 0;
    int col0 = 0, col1 = 0, row0 = 0, row1 = 0;
    Region() = default;
    Region(int width, int height) : w(width), h(height) {
        left = static_cast<int>(w * 0.1 - 0.5);
        top = static_cast<int>(h * 0.1 - 0.5);
        right = w - left;
        bottom = h - top;
        col0 = std::max(left - 1, 0);
        col1 = std::min(right + 1, w);
        row0 = std::max(top - 1, 0);
        row1 = std::min(bottom + 1, h);
    }
    int area() const { return (bottom - top) * (right - left); }
    bool pooled_row(int i) const { return i >= top && i < bottom; }
    bool decoupled_row(int i) const { return i >= row0 && i < row1; }
};

float noise_term(const Region& g) {
    return std::pow(static_cast<float>(g.area()) / 32.0f, 1.0f / 3.0f);
}

// Per-row sums of the three bands, each rounded down by `shift` before adding (libvmaf's guard
// against 64-bit overflow).
template <typename S>
struct RowSums {
    S total[3] = {};
    uint32_t shift = 0;
    S add = 0;
    void reset(uint32_t s, S a) {
        *this = RowSums{};
        shift = s;
        add = a;
    }
    void add_row(const S inner[3]) {
        for (int b = 0; b < 3; ++b) {
            if constexpr (std::is_signed_v<S>)
                total[b] = adm_wrapping_add(total[b], adm_wrapping_add(inner[b], add) >> shift);
            else
                total[b] += (inner[b] + add) >> shift;
        }
    }
};

// ---- one scale, streamed a band row at a time ----

// Approximation rows kept per scale: the next scale reads four consecutive ones.
constexpr int kRing = 8;

// Buffers only grow: shrinking and regrowing between scales or frames would clear them.
template <typename C>
void ensure(std::vector<C>& v, size_t n) {
    if (v.size() < n) v.resize(n);
}

template <typename C>
AdmHvd<C> hvd(std::vector<C>& v, int bw, int slot = 0) {
    C* base = v.data() + static_cast<size_t>(slot) * 3 * static_cast<size_t>(bw);
    return {base, base + bw, base + 2 * bw};
}

template <typename C>
AdmHvd<const C> as_const(AdmHvd<C> b) {
    return {b.h, b.v, b.d};
}

// Scale 0 works on 16-bit coefficients, scales 1..3 on 32-bit ones.
template <typename C>
struct ScaleParams;
template <>
struct ScaleParams<int16_t> {
    AdmCsf0 csf;
    AdmCm0 cm;
};
template <>
struct ScaleParams<int32_t> {
    AdmCsfN csf;
    AdmCmN cm;
    AdmDenN den;
};

template <typename C>
struct ScaleRun {
    int scale = 0;
    int in_w = 0, in_h = 0;  // the input: picture or previous approximation
    Region g;
    int produced = 0;                // band rows done
    std::vector<C> ref, dis;         // h, v, d of the current row
    std::vector<C> restored;         // two rows of h, v, d
    std::vector<C> lo, hi;           // the vertical pass of one input row
    std::vector<int32_t> f, gsum;    // three padded f rows, two g rows
    std::vector<int32_t> approx[2];  // kRing rows of the approximation, ref and dis
    ScaleParams<C> p;
    RowSums<int64_t> num;
    RowSums<uint64_t> den;
    uint32_t cube[3] = {};  // the masked cubes' shifts, for the final scaling

    void start(int s, int w, int h) {
        scale = s;
        in_w = w;
        in_h = h;
        g = Region((w + 1) / 2, (h + 1) / 2);
        produced = 0;
        const auto bw = static_cast<size_t>(g.w);
        ensure(ref, 3 * bw);
        ensure(dis, 3 * bw);
        ensure(restored, 6 * bw);
        ensure(lo, static_cast<size_t>(w));
        ensure(hi, static_cast<size_t>(w));
        ensure(f, 3 * (bw + 2));
        ensure(gsum, 2 * bw);
        for (auto& a : approx) ensure(a, kRing * bw);
    }
    int32_t* f_row(int i) { return f.data() + static_cast<size_t>(i % 3) * (g.w + 2) + 1; }
    int32_t* g_row(int i) { return gsum.data() + static_cast<size_t>(i % 2) * g.w; }
    int32_t* approx_row(int side, int i) {
        return approx[side].data() + static_cast<size_t>(i % kRing) * g.w;
    }
};

void configure(ScaleRun<int16_t>& s, const AdmOptions& o) {
    const auto factors = csf_factors0(o);
    auto& p = s.p;
    for (int b = 0; b < 3; ++b) p.csf.factor[b] = p.cm.factor[b] = factors[static_cast<size_t>(b)];
    p.csf.enhn_gain_limit = o.enhn_gain_limit;
    const uint32_t hv = log2_shift(s.g.w, -4.0), d = log2_shift(s.g.w, -3.0);
    const uint32_t cubes[3] = {hv, hv, d};
    for (int b = 0; b < 3; ++b) {
        s.cube[b] = cubes[b];
        p.cm.cube_shift[b] = static_cast<int>(cubes[b]);
        p.cm.cube_add[b] = half_of(cubes[b]);
    }
    const uint32_t num_shift = log2_shift(s.g.h);
    s.num.reset(num_shift, half_of(num_shift));
    const uint32_t den_shift = log2_shift(s.g.area(), -20.0);
    s.den.reset(den_shift, den_shift > 0 ? uint64_t{1} << (den_shift - 1) : 0);
}

void configure(ScaleRun<int32_t>& s, const AdmOptions& o) {
    const auto factors = csf_factorsN(s.scale, o);
    auto& p = s.p;
    for (int b = 0; b < 3; ++b) p.csf.factor[b] = p.cm.factor[b] = factors[static_cast<size_t>(b)];
    p.csf.enhn_gain_limit = o.enhn_gain_limit;
    const uint32_t cube = log2_shift(s.g.w);
    for (auto& c : s.cube) c = cube;
    p.cm.cube_shift = static_cast<int>(cube);
    p.cm.cube_add = half_of(cube);
    const uint32_t num_shift = log2_shift(s.g.h);
    s.num.reset(num_shift, half_of(num_shift));
    constexpr int kSquareShift[3] = {31, 30, 31};
    p.den.square_shift = kSquareShift[s.scale - 1];
    p.den.square_add = uint64_t{1} << p.den.square_shift;
    const uint32_t den_cube = log2_shift(s.g.right - s.g.left);
    p.den.cube_shift = static_cast<int>(den_cube);
    p.den.cube_add = half_of(den_cube);
    const uint32_t den_shift = log2_shift(s.g.bottom - s.g.top);
    s.den.reset(den_shift, half_of(den_shift));
}

// Band row m's masked cube sums: its f neighbours (mirrored at the band's edges), g and r.
template <typename C>
void mask_row(ScaleRun<C>& s, const AdmKernels& k, int m) {
    const int above = m == 0 ? 1 : m - 1, below = m + 1 >= s.g.h ? s.g.h - 1 : m + 1;
    const int32_t* f[3] = {s.f_row(above), s.f_row(m), s.f_row(below)};
    const auto r = as_const(hvd(s.restored, s.g.w, m % 2));
    int64_t inner[3] = {};
    if constexpr (sizeof(C) == 2)
        k.masked0(f, s.g_row(m), r, s.g.left, s.g.right, s.p.cm, inner);
    else
        k.maskedN(f, s.g_row(m), r, s.g.left, s.g.right, s.p.cm, inner);
    s.num.add_row(inner);
}

// Everything of band row i once its DWT coefficients are in s.ref / s.dis.
template <typename C>
void process_row(ScaleRun<C>& s, const AdmKernels& k, int i) {
    const Region& g = s.g;
    const auto ref = as_const(hvd(s.ref, g.w)), dis = as_const(hvd(s.dis, g.w));
    if (g.decoupled_row(i)) {
        int32_t* f = s.f_row(i);
        const auto r = hvd(s.restored, g.w, i % 2);
        if constexpr (sizeof(C) == 2)
            k.decouple0(ref, dis, g.col0, g.col1, s.p.csf, r, f, s.g_row(i));
        else
            k.decoupleN(ref, dis, g.col0, g.col1, s.p.csf, r, f, s.g_row(i));
        if (g.col0 == 0) f[-1] = f[1];
        if (g.col1 == g.w) f[g.w] = f[g.w - 1];
    }
    if (g.pooled_row(i)) {
        uint64_t inner[3] = {};
        if constexpr (sizeof(C) == 2)
            k.reference0(ref, g.left, g.right, inner);
        else
            k.referenceN(ref, g.left, g.right, s.p.den, inner);
        s.den.add_row(inner);
    }
    if (i >= 1 && g.pooled_row(i - 1)) mask_row(s, k, i - 1);
    if (i == g.h - 1 && g.pooled_row(i)) mask_row(s, k, i);
}

struct ScaleResult {
    float num = 0.0f;
    float den = 0.0f;
};

// The pooled sums back in float (libvmaf's pending shifts), Minkowski-3 plus the noise term.
ScaleResult pool(const ScaleRun<int16_t>& s, const AdmOptions& o) {
    const auto rf = csf_reciprocals(0, o);
    const float noise = noise_term(s.g);
    const uint32_t pending[3] = {52, 52, 57};
    ScaleResult out;
    for (int b = 0; b < 3; ++b) {
        const auto accum = static_cast<float>(static_cast<double>(s.num.total[b]) /
                                              pow2u(pending[b] - s.cube[b] - s.num.shift));
        out.num += std::pow(accum, 1.0f / 3.0f) + noise;
        const double csf_cube = static_cast<double>(s.den.total[b]) / pow2u(18 - s.den.shift) *
                                std::pow(static_cast<double>(rf[static_cast<size_t>(b)]), 3.0);
        out.den += std::pow(static_cast<float>(csf_cube), 1.0f / 3.0f) + noise;
    }
    return out;
}

ScaleResult pool(const ScaleRun<int32_t>& s, const AdmOptions& o) {
    constexpr uint32_t kPending[3] = {45, 39, 36};
    constexpr uint32_t kDenBits[3] = {32, 27, 23};
    const auto idx = static_cast<size_t>(s.scale - 1);
    const auto final_shift = static_cast<float>(pow2u(kPending[idx] - s.cube[0] - s.num.shift));
    const double den_shift =
        pow2u(kDenBits[idx] - s.den.shift - static_cast<uint32_t>(s.p.den.cube_shift));
    const auto rf = csf_reciprocals(s.scale, o);
    const float noise = noise_term(s.g);
    ScaleResult out;
    for (int b = 0; b < 3; ++b) {
        const float accum = static_cast<float>(s.num.total[b]) / final_shift;
        out.num += std::pow(accum, 1.0f / 3.0f) + noise;
        const double csf_cube = static_cast<double>(s.den.total[b]) / den_shift *
                                std::pow(static_cast<double>(rf[static_cast<size_t>(b)]), 3.0);
        out.den += std::pow(static_cast<float>(csf_cube), 1.0f / 3.0f) + noise;
    }
    return out;
}

struct Workspace {
    ScaleRun<int16_t> s0;
    ScaleRun<int32_t> sn[3];
};

// The four scales in one pass: scale s + 1 pulls the approximation rows it needs from scale s,
// so every band row is made, used and dropped while in cache.
template <typename T>
class Pipeline {
public:
    Pipeline(const SamplePlane& ref, const SamplePlane& dist, const AdmKernels& k, Workspace& ws)
        : m_ref(ref), m_dist(dist), m_k(k), m_ws(ws) {}

    void run() {
        const auto& last = m_ws.sn[2];
        need(3, last.g.h - 1);
    }

private:
    const T* plane_row(const SamplePlane& p, int y) const {
        if constexpr (sizeof(T) == 1)
            return p.row8(y);
        else
            return p.row16(y);
    }

    void advance0() {
        auto& s = m_ws.s0;
        const int i = s.produced;
        auto transform = [&](const SamplePlane& p, int side, std::vector<int16_t>& bands) {
            const T* src[4];
            for (int t = 0; t < 4; ++t) src[t] = plane_row(p, adm_dwt_index(2 * i - 1 + t, s.in_h));
            if constexpr (sizeof(T) == 1)
                m_k.vertical0_u8(src, s.in_w, s.lo.data(), s.hi.data());
            else
                m_k.vertical0_u16(src, s.in_w, p.bit_depth, s.lo.data(), s.hi.data());
            m_k.horizontal0(s.lo.data(), s.hi.data(), s.in_w, s.approx_row(side, i),
                            hvd(bands, s.g.w));
        };
        transform(m_ref, 0, s.ref);
        transform(m_dist, 1, s.dis);
        process_row(s, m_k, i);
        ++s.produced;
    }

    void advance(int scale) {
        auto& s = m_ws.sn[scale - 1];
        const int i = s.produced;
        const int last = std::min(2 * i + 2, s.in_h - 1);
        if (scale == 1)
            while (m_ws.s0.produced <= last) advance0();
        else
            need(scale - 1, last);
        auto transform = [&](int side, std::vector<int32_t>& bands) {
            const int32_t* src[4];
            for (int t = 0; t < 4; ++t) {
                const int y = adm_dwt_index(2 * i - 1 + t, s.in_h);
                src[t] = scale == 1 ? m_ws.s0.approx_row(side, y)
                                    : m_ws.sn[scale - 2].approx_row(side, y);
            }
            m_k.verticalN(src, s.in_w, scale, s.lo.data(), s.hi.data());
            m_k.horizontalN(s.lo.data(), s.hi.data(), s.in_w, scale, s.approx_row(side, i),
                            hvd(bands, s.g.w));
        };
        transform(0, s.ref);
        transform(1, s.dis);
        process_row(s, m_k, i);
        ++s.produced;
    }

    void need(int scale, int row) {
        while (m_ws.sn[scale - 1].produced <= row) advance(scale);
    }

    const SamplePlane& m_ref;
    const SamplePlane& m_dist;
    const AdmKernels& m_k;
    Workspace& m_ws;
};

}  // namespace

AdmScores compute_adm_with(const SamplePlane& ref, const SamplePlane& dist,
                           const AdmOptions& options, const AdmKernels& kernels) {
    assert(ref.width == dist.width && ref.height == dist.height);
    assert(ref.bit_depth == dist.bit_depth && ref.bit_depth >= 8 && ref.bit_depth <= 16);
    // libvmaf refuses planes of 32 samples or fewer either way: the fourth DWT level would
    // mirror past a line of fewer than 5 samples. No detail is measurable; report no loss.
    if (ref.width <= 32 || ref.height <= 32) return AdmScores{1.0, {1.0, 1.0, 1.0, 1.0}};

    thread_local Workspace ws;
    ws.s0.start(0, ref.width, ref.height);
    configure(ws.s0, options);
    int w = ws.s0.g.w, h = ws.s0.g.h;
    for (int s = 1; s < 4; ++s) {
        auto& run = ws.sn[s - 1];
        run.start(s, w, h);
        configure(run, options);
        w = run.g.w;
        h = run.g.h;
    }
    if (ref.wide())
        Pipeline<uint16_t>(ref, dist, kernels, ws).run();
    else
        Pipeline<uint8_t>(ref, dist, kernels, ws).run();

    std::array<ScaleResult, 4> per{pool(ws.s0, options), pool(ws.sn[0], options),
                                   pool(ws.sn[1], options), pool(ws.sn[2], options)};
    AdmScores scores;
    double num = 0.0, den = 0.0;
    for (size_t s = 0; s < 4; ++s) {
        num += per[s].num;
        den += per[s].den;
        scores.scale[s] = static_cast<double>(per[s].num) / static_cast<double>(per[s].den);
    }
    // Sums this small are zero (libvmaf's numden_limit); a zero denominator scores 1.
    const double limit = 1e-10 * (ref.width * ref.height) / (1920.0 * 1080.0);
    if (num < limit) num = 0.0;
    if (den < limit) den = 0.0;
    scores.adm2 = den == 0.0 ? 1.0 : num / den;
    return scores;
}

}  // namespace detail

AdmScores compute_adm(const SamplePlane& ref, const SamplePlane& dist, const AdmOptions& options) {
    return detail::compute_adm_with(ref, dist, options, detail::adm_simd_kernels());
}

}  // namespace media::metrics
