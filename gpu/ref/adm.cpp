// SPDX-License-Identifier: Apache-2.0
// The ADM reference: a plain host loop over adm_math.h, scale by scale on whole band planes
// (what the CUDA kernels compute, in the same integers), and finish_adm, libmedia's pool() and
// compute_adm_with's final arithmetic on those integers.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "slate_gpu/adm.h"
#include "slate_gpu/detail/adm_math.h"

namespace slate_gpu {
namespace {

using detail::AdmScaleSetup;
using detail::AdmSetup;

bool adm_measurable(int width, int height) {
    // libvmaf refuses planes of 32 samples or fewer: the fourth level would mirror past a line
    // of fewer than 5 samples. libmedia then reports no loss.
    return width > 32 && height > 32;
}

// One scale's bands of one side: h, v, d planes of w x h and the approximation.
template <typename C>
struct Bands {
    std::vector<C> band[3];
    std::vector<int32_t> approx;
};

// DWT of one side: `sample(x, y)` reads the input (picture or previous approximation).
template <typename C, typename Sample>
void transform(const AdmScaleSetup& s, int bits, Sample sample, Bands<C>& out) {
    const auto n = static_cast<size_t>(s.w) * static_cast<size_t>(s.h);
    for (auto& b : out.band) b.assign(n, C{});
    out.approx.assign(n, 0);
    std::vector<C> lo(static_cast<size_t>(s.in_w)), hi(static_cast<size_t>(s.in_w));
    for (int i = 0; i < s.h; ++i) {
        int rows[4];
        for (int t = 0; t < 4; ++t) rows[t] = detail::adm_dwt_index(2 * i - 1 + t, s.in_h);
        for (int x = 0; x < s.in_w; ++x) {
            const auto xs = static_cast<size_t>(x);
            if constexpr (sizeof(C) == 2)
                detail::adm_vertical0(sample(x, rows[0]), sample(x, rows[1]), sample(x, rows[2]),
                                      sample(x, rows[3]), bits, lo[xs], hi[xs]);
            else
                detail::adm_verticalN(sample(x, rows[0]), sample(x, rows[1]), sample(x, rows[2]),
                                      sample(x, rows[3]), s.scale, lo[xs], hi[xs]);
        }
        for (int j = 0; j < s.w; ++j) {
            C l4[4], h4[4], bands[3];
            for (int k = 0; k < 4; ++k) {
                const auto c = static_cast<size_t>(detail::adm_dwt_index(2 * j - 1 + k, s.in_w));
                l4[k] = lo[c];
                h4[k] = hi[c];
            }
            const size_t at =
                static_cast<size_t>(i) * static_cast<size_t>(s.w) + static_cast<size_t>(j);
            if constexpr (sizeof(C) == 2)
                detail::adm_horizontal0(l4, h4, out.approx[at], bands);
            else
                detail::adm_horizontalN(l4, h4, s.scale, out.approx[at], bands);
            for (int b = 0; b < 3; ++b) out.band[b][at] = bands[b];
        }
    }
}

// Decoupling, masking and the sums of one scale from both sides' bands.
template <typename C>
void sums(const AdmScaleSetup& s, const Bands<C>& ref, const Bands<C>& dis, AdmRaw& raw) {
    const auto at = [&](int i, int j) {
        return static_cast<size_t>(i) * static_cast<size_t>(s.w) + static_cast<size_t>(j);
    };
    const auto n = static_cast<size_t>(s.w) * static_cast<size_t>(s.h);
    std::vector<C> r[3];
    for (auto& b : r) b.assign(n, C{});
    std::vector<int32_t> f(n, 0), g(n, 0);
    for (int i = s.row0; i < s.row1; ++i)
        for (int j = s.col0; j < s.col1; ++j) {
            C o[3], t[3], rr[3];
            for (int b = 0; b < 3; ++b) {
                o[b] = ref.band[b][at(i, j)];
                t[b] = dis.band[b][at(i, j)];
            }
            detail::adm_decouple(o, t, s, rr, f[at(i, j)], g[at(i, j)]);
            for (int b = 0; b < 3; ++b) r[b][at(i, j)] = rr[b];
        }
    int64_t num[3] = {};
    uint64_t den[3] = {};
    for (int i = s.top; i < s.bottom; ++i) {
        int64_t num_row[3] = {};
        uint64_t den_row[3] = {};
        for (int j = s.left; j < s.right; ++j) {
            C o[3], rr[3];
            for (int b = 0; b < 3; ++b) {
                o[b] = ref.band[b][at(i, j)];
                rr[b] = r[b][at(i, j)];
            }
            detail::adm_reference(o, s, den_row);
            int32_t f9[9];
            for (int dy = 0; dy < 3; ++dy)
                for (int dx = 0; dx < 3; ++dx)
                    f9[dy * 3 + dx] = f[at(detail::adm_dwt_index(i - 1 + dy, s.h),
                                           detail::adm_dwt_index(j - 1 + dx, s.w))];
            detail::adm_masked(rr, detail::adm_threshold(f9, g[at(i, j)]), s, num_row);
        }
        for (int b = 0; b < 3; ++b) {
            num[b] = detail::adm_wrapping_add(num[b], detail::adm_row_num(num_row[b], s));
            den[b] += detail::adm_row_den(den_row[b], s);
        }
    }
    for (int b = 0; b < 3; ++b) {
        raw.num[s.scale][b] = num[b];
        raw.den[s.scale][b] = den[b];
    }
}

double pow2u(uint32_t e) {
    return std::pow(2.0, static_cast<double>(e));
}

struct ScaleResult {
    float num = 0.0f;
    float den = 0.0f;
};

float noise_term(const AdmScaleSetup& s) {
    const int area = (s.bottom - s.top) * (s.right - s.left);
    return std::pow(static_cast<float>(area) / 32.0f, 1.0f / 3.0f);
}

ScaleResult pool0(const AdmRaw& raw, const AdmScaleSetup& s, const AdmConfig& c) {
    float rf[3];
    detail::adm_csf_reciprocals(0, c, rf);
    const float noise = noise_term(s);
    const uint32_t pending[3] = {52, 52, 57};
    ScaleResult out;
    for (int b = 0; b < 3; ++b) {
        const auto cube = static_cast<uint32_t>(s.cube_shift[b]);
        const auto accum = static_cast<float>(static_cast<double>(raw.num[0][b]) /
                                              pow2u(pending[b] - cube - s.num_shift));
        out.num += std::pow(accum, 1.0f / 3.0f) + noise;
        const double csf_cube = static_cast<double>(raw.den[0][b]) / pow2u(18 - s.den_shift) *
                                std::pow(static_cast<double>(rf[b]), 3.0);
        out.den += std::pow(static_cast<float>(csf_cube), 1.0f / 3.0f) + noise;
    }
    return out;
}

ScaleResult poolN(const AdmRaw& raw, const AdmScaleSetup& s, const AdmConfig& c) {
    constexpr uint32_t kPending[3] = {45, 39, 36};
    constexpr uint32_t kDenBits[3] = {32, 27, 23};
    const auto idx = static_cast<size_t>(s.scale - 1);
    const auto cube = static_cast<uint32_t>(s.cube_shift[0]);
    const auto final_shift = static_cast<float>(pow2u(kPending[idx] - cube - s.num_shift));
    const double den_shift =
        pow2u(kDenBits[idx] - s.den_shift - static_cast<uint32_t>(s.den_cube_shift));
    float rf[3];
    detail::adm_csf_reciprocals(s.scale, c, rf);
    const float noise = noise_term(s);
    ScaleResult out;
    for (int b = 0; b < 3; ++b) {
        const float accum = static_cast<float>(raw.num[s.scale][b]) / final_shift;
        out.num += std::pow(accum, 1.0f / 3.0f) + noise;
        const double csf_cube = static_cast<double>(raw.den[s.scale][b]) / den_shift *
                                std::pow(static_cast<double>(rf[b]), 3.0);
        out.den += std::pow(static_cast<float>(csf_cube), 1.0f / 3.0f) + noise;
    }
    return out;
}

}  // namespace

AdmScores finish_adm(const AdmRaw& raw, const AdmConfig& config, int width, int height) {
    AdmScores scores;
    if (!adm_measurable(width, height)) {
        scores.adm2 = 1.0;
        for (double& s : scores.scale) s = 1.0;
        return scores;
    }
    const AdmSetup setup = detail::adm_setup(width, height, config);
    ScaleResult per[kAdmScaleCount];
    per[0] = pool0(raw, setup.s[0], config);
    for (int s = 1; s < kAdmScaleCount; ++s) per[s] = poolN(raw, setup.s[s], config);
    double num = 0.0, den = 0.0;
    for (int s = 0; s < kAdmScaleCount; ++s) {
        num += per[s].num;
        den += per[s].den;
        scores.scale[s] = static_cast<double>(per[s].num) / static_cast<double>(per[s].den);
    }
    const double limit = 1e-10 * (width * height) / (1920.0 * 1080.0);
    if (num < limit) num = 0.0;
    if (den < limit) den = 0.0;
    scores.adm2 = den == 0.0 ? 1.0 : num / den;
    return scores;
}

namespace ref {

AdmRaw adm(const MetricPlane& ref, const MetricPlane& dist, const AdmConfig& config) {
    AdmRaw raw;
    if (!adm_measurable(ref.width, ref.height)) return raw;
    const AdmSetup setup = detail::adm_setup(ref.width, ref.height, config);
    Bands<int16_t> r0, d0;
    const int bits = ref.bit_depth;
    transform(
        setup.s[0], bits, [&](int x, int y) { return ref.sample(x, y); }, r0);
    transform(
        setup.s[0], bits, [&](int x, int y) { return dist.sample(x, y); }, d0);
    sums(setup.s[0], r0, d0, raw);
    std::vector<int32_t> prev_ref = std::move(r0.approx), prev_dis = std::move(d0.approx);
    for (int scale = 1; scale < kAdmScaleCount; ++scale) {
        const AdmScaleSetup& s = setup.s[scale];
        const auto reader = [&s](const std::vector<int32_t>& plane) {
            return [&s, &plane](int x, int y) {
                return plane[static_cast<size_t>(y) * static_cast<size_t>(s.in_w) +
                             static_cast<size_t>(x)];
            };
        };
        Bands<int32_t> rn, dn;
        transform(s, bits, reader(prev_ref), rn);
        transform(s, bits, reader(prev_dis), dn);
        sums(s, rn, dn, raw);
        prev_ref = std::move(rn.approx);
        prev_dis = std::move(dn.approx);
    }
    return raw;
}

}  // namespace ref
}  // namespace slate_gpu
