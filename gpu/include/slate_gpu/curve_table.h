// SPDX-License-Identifier: Apache-2.0
#pragma once

// A smooth curve as a table with linear interpolation, shared by libmedia's CPU colour ops and
// the CUDA colour kernels (same table, same lookup, same exact fallback -> same results).
// Two spacings:
// - Log: indexed by the float's own bits; the exponent and the top kMantissaBits of the mantissa
//   pick a bucket, inside which x is linear, so buckets have a relative width of
//   2^-kMantissaBits and need no log to index. It covers |x| in [2^kMinExp, 2^kMaxExp), both
//   signs. Right for curves of linear light (encoding, gains), which are smooth in log x.
// - Uniform: kUniformBuckets equal buckets over [kUniformMin, kUniformMax). Right for decoding
//   (code values to linear), where log curves grow exponentially.
// A bucket is used only when both ends are finite and the interpolation reproduces the exact
// curve within kTableTolerance at its midpoint (checked when the table is built); other inputs
// take the exact curve (lookup returns NaN for them).

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "slate_gpu/plane.h"  // SLATE_GPU_HD

namespace slate_gpu {

enum class CurveSpacing : uint8_t { Log, Uniform };

struct CurveTableConstants {
    static constexpr int kMantissaBits = 10;
    static constexpr int kMinExp = -24;
    static constexpr int kMaxExp = 16;
    static constexpr int kUniformBuckets = 16384;
    static constexpr float kUniformMin = -0.5f;
    static constexpr float kUniformMax = 1.5f;
    static constexpr double kTableTolerance = 2e-6;  // absolute below 1, relative above
};

/// Non-owning view of a built table, in host or device memory: values[sign] has buckets + 1
/// entries, usable[sign] one byte per bucket (sign 1 only for Log spacing).
struct CurveTableView {
    CurveSpacing spacing = CurveSpacing::Uniform;
    const float* values[2] = {nullptr, nullptr};
    const uint8_t* usable[2] = {nullptr, nullptr};
};

namespace detail {
SLATE_GPU_HD inline uint32_t float_bits(float x) {
#if defined(__CUDA_ARCH__)
    return __float_as_uint(x);
#else
    uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    return bits;
#endif
}
SLATE_GPU_HD inline float bits_float(uint32_t bits) {
#if defined(__CUDA_ARCH__)
    return __uint_as_float(bits);
#else
    float x;
    std::memcpy(&x, &bits, sizeof x);
    return x;
#endif
}
}  // namespace detail

/// The table's value at x, or NaN when x is outside it or its bucket is not usable (the caller
/// then evaluates the exact curve).
SLATE_GPU_HD inline float curve_lookup(const CurveTableView& t, float x) {
    using K = CurveTableConstants;
    const float nan = detail::bits_float(0x7fc00000u);
    if (t.spacing == CurveSpacing::Uniform) {
        if (!(x >= K::kUniformMin && x < K::kUniformMax)) return nan;  // NaN falls out here too
        const float pos = (x - K::kUniformMin) * (static_cast<float>(K::kUniformBuckets) /
                                                  (K::kUniformMax - K::kUniformMin));
        uint32_t bucket = static_cast<uint32_t>(pos);
        if (bucket > static_cast<uint32_t>(K::kUniformBuckets - 1))
            bucket = static_cast<uint32_t>(K::kUniformBuckets - 1);
        if (!t.usable[0][bucket]) return nan;
        const float frac = pos - static_cast<float>(bucket);
        const float a = t.values[0][bucket], b = t.values[0][bucket + 1];
        return a + (b - a) * frac;
    }
    const uint32_t bits = detail::float_bits(x);
    const uint32_t magnitude = bits & 0x7fffffffu;
    constexpr uint32_t kLow = static_cast<uint32_t>(127 + K::kMinExp) << 23;
    constexpr uint32_t kHigh = static_cast<uint32_t>(127 + K::kMaxExp) << 23;
    if (magnitude < kLow || magnitude >= kHigh) return nan;
    const uint32_t offset = magnitude - kLow;
    const uint32_t bucket = offset >> (23 - K::kMantissaBits);
    const uint32_t sign = bits >> 31;
    if (!t.usable[sign][bucket]) return nan;
    const float frac = static_cast<float>(offset & ((1u << (23 - K::kMantissaBits)) - 1)) *
                       (1.0f / static_cast<float>(1u << (23 - K::kMantissaBits)));
    const float a = t.values[sign][bucket], b = t.values[sign][bucket + 1];
    return a + (b - a) * frac;
}

/// A built table in host memory (libmedia uploads the arrays for the device).
class CurveTable {
public:
    template <typename Exact>
    CurveTable(CurveSpacing spacing, Exact&& exact) : m_spacing(spacing) {
        using K = CurveTableConstants;
        const int buckets = spacing == CurveSpacing::Log
                                ? (K::kMaxExp - K::kMinExp) << K::kMantissaBits
                                : K::kUniformBuckets;
        for (int sign = 0; sign < (spacing == CurveSpacing::Log ? 2 : 1); ++sign) {
            std::vector<float>& table = m_values[sign];
            std::vector<uint8_t>& usable = m_usable[sign];
            table.resize(static_cast<size_t>(buckets) + 1);
            usable.assign(static_cast<size_t>(buckets), 0);
            for (int i = 0; i <= buckets; ++i)
                table[static_cast<size_t>(i)] = static_cast<float>(exact(bucket_start(i, sign)));
            for (int i = 0; i < buckets; ++i) {
                const auto at = static_cast<size_t>(i);
                if (!std::isfinite(table[at]) || !std::isfinite(table[at + 1])) continue;
                const double mid = (bucket_start(i, sign) + bucket_start(i + 1, sign)) / 2;
                const double want = exact(mid);
                const double got = (static_cast<double>(table[at]) + table[at + 1]) / 2;
                usable[at] =
                    std::abs(got - want) <= K::kTableTolerance * std::max(1.0, std::abs(want));
            }
        }
    }

    CurveTableView view() const {
        CurveTableView v;
        v.spacing = m_spacing;
        for (int s = 0; s < 2; ++s) {
            v.values[s] = m_values[s].empty() ? nullptr : m_values[s].data();
            v.usable[s] = m_usable[s].empty() ? nullptr : m_usable[s].data();
        }
        return v;
    }
    float lookup(float x) const { return curve_lookup(view(), x); }
    CurveSpacing spacing() const { return m_spacing; }
    const std::vector<float>& values(int sign) const { return m_values[sign]; }
    const std::vector<uint8_t>& usable(int sign) const { return m_usable[sign]; }

private:
    double bucket_start(int i, int negative) const {
        using K = CurveTableConstants;
        if (m_spacing == CurveSpacing::Uniform)
            return K::kUniformMin +
                   (double{K::kUniformMax} - K::kUniformMin) * i / K::kUniformBuckets;
        const uint32_t bits = (static_cast<uint32_t>(127 + K::kMinExp) << 23) +
                              (static_cast<uint32_t>(i) << (23 - K::kMantissaBits));
        const double x = detail::bits_float(bits);
        return negative ? -x : x;
    }

    CurveSpacing m_spacing;
    std::vector<float> m_values[2];
    std::vector<uint8_t> m_usable[2];
};

}  // namespace slate_gpu
