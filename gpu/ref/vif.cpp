// SPDX-License-Identifier: Apache-2.0
// VMAF's VIF, scalar reference: host loops over the per-point maths of detail/vif_math.h, in the
// order of libmedia's scalar path (vif.cpp: each output row summed on its own, then added), so the
// sums equal compute_vif_with(..., simd = false) bit for bit on the same machine.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "slate_gpu/detail/vif_math.h"
#include "slate_gpu/vif.h"

namespace slate_gpu {
namespace {

using detail::kVifPlaneCount;
using detail::vif_mirror;
using detail::VifAcc;

/// A decimated plane: values in 1/256 of an 8-bit level.
struct Values {
    std::vector<uint16_t> v;
    int width = 0;
    int height = 0;
    uint32_t at(int x, int y) const { return v[static_cast<size_t>(y) * width + x]; }
};

/// One scale's sums: `prep(which, x, y)` gives the prepared value (F) of the reference (0) or
/// the distorted plane (1).
template <int S, typename F, typename Prep>
VifAcc scale_sums(int w, int h, F limit, Prep prep) {
    const size_t n = static_cast<size_t>(w) * h;
    std::vector<F> a(n), b(n);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            a[static_cast<size_t>(y) * w + x] = prep(0, x, y);
            b[static_cast<size_t>(y) * w + x] = prep(1, x, y);
        }
    std::vector<F> m(n * kVifPlaneCount);
    auto mp = [&](int p, int x, int y) -> F& {
        return m[(static_cast<size_t>(p) * h + y) * w + x];
    };
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto col = [&](const std::vector<F>& plane) {
                return [&plane, x, y, w, h](int k) {
                    return plane[static_cast<size_t>(vif_mirror(y + k, h)) * w + x];
                };
            };
            F v[kVifPlaneCount];
            detail::vif_vertical<S, F>(col(a), col(b), v);
            detail::vif_round_moments(v);
            for (int p = 0; p < kVifPlaneCount; ++p) mp(p, x, y) = v[p];
        }
    VifAcc sums;
    for (int y = 0; y < h; ++y) {
        VifAcc row;
        for (int x = 0; x < w; ++x) {
            F hs[kVifPlaneCount];
            detail::vif_horizontal<S, F>(
                [&](int p, int k) { return mp(p, vif_mirror(x + k, w), y); }, hs);
            detail::vif_pixel(hs, limit, row);
        }
        detail::vif_acc_add(sums, row);
    }
    return sums;
}

/// The plane decimated with scale S's filter: `sample(x, y)`, `shift` the bit depth for samples,
/// 16 for decimated values.
template <int S, typename Sample>
Values decimate(int w, int h, int shift, Sample sample) {
    constexpr int R = detail::vif_radius(S);
    Values out;
    out.width = w / 2;
    out.height = h / 2;
    out.v.resize(static_cast<size_t>(out.width) * out.height);
    std::vector<uint32_t> t(static_cast<size_t>(w));
    for (int y = 0; y < out.height; ++y) {
        for (int j = 0; j < w; ++j)
            t[j] = detail::vif_decimate_vertical<S>(
                [&](int k) { return sample(j, vif_mirror(2 * y - R + k, h)); }, shift);
        for (int q = 0; q < out.width; ++q)
            out.v[static_cast<size_t>(y) * out.width + q] = detail::vif_decimate_horizontal<S>(
                [&](int k) { return t[vif_mirror(2 * q - R + k, w)]; });
    }
    return out;
}

void store(VifRaw& raw, int scale, const VifAcc& sums) {
    raw.num_log[scale] = sums.num_log;
    raw.den_log[scale] = sums.den_log;
    raw.flat_sigma2[scale] = sums.flat_sigma2;
    raw.flat_count[scale] = sums.flat_count;
}

template <int S>
Values decimate_values(const Values& from) {
    return decimate<S>(from.width, from.height, 16, [&](int x, int y) { return from.at(x, y); });
}

}  // namespace

void finish_vif(const VifRaw& raw, double scores[kVifScaleCount]) {
    for (int s = 0; s < kVifScaleCount; ++s)
        scores[s] = detail::vif_scale_score(raw.num_log[s], raw.den_log[s], raw.flat_sigma2[s],
                                            raw.flat_count[s]);
}

namespace ref {

VifRaw vif(const MetricPlane& ref, const MetricPlane& dist, const VifConfig& config) {
    VifRaw raw;
    const int w = ref.width, h = ref.height;
    if (w <= 0 || h <= 0) return raw;
    // libvmaf accepts gain limits of 1 to 100; the float log products rely on the upper bound.
    const double limit = std::clamp(config.enhn_gain_limit, 1.0, 100.0);
    const auto limit_f = static_cast<float>(limit);
    const float inv = 1.0f / static_cast<float>(1 << (ref.bit_depth - 8));
    const MetricPlane* planes[2] = {&ref, &dist};

    store(raw, 0, scale_sums<0, float>(w, h, limit_f, [&](int which, int x, int y) {
              return detail::vif_prepare_f32(planes[which]->sample(x, y), inv);
          }));
    Values v1[2], v2[2], v3[2];
    for (int which = 0; which < 2; ++which)
        v1[which] = decimate<1>(w, h, ref.bit_depth,
                                [&](int x, int y) { return planes[which]->sample(x, y); });
    if (v1[0].width > 0 && v1[0].height > 0)
        store(
            raw, 1,
            scale_sums<1, float>(v1[0].width, v1[0].height, limit_f, [&](int which, int x, int y) {
                return detail::vif_prepare_f32(v1[which].at(x, y), 1.0f / 256.0f);
            }));
    for (int which = 0; which < 2; ++which) v2[which] = decimate_values<2>(v1[which]);
    if (v2[0].width > 0 && v2[0].height > 0)
        store(raw, 2,
              scale_sums<2, double>(v2[0].width, v2[0].height, limit, [&](int which, int x, int y) {
                  return detail::vif_prepare_f64(v2[which].at(x, y));
              }));
    for (int which = 0; which < 2; ++which) v3[which] = decimate_values<3>(v2[which]);
    if (v3[0].width > 0 && v3[0].height > 0)
        store(raw, 3,
              scale_sums<3, double>(v3[0].width, v3[0].height, limit, [&](int which, int x, int y) {
                  return detail::vif_prepare_f64(v3[which].at(x, y));
              }));
    return raw;
}

}  // namespace ref
}  // namespace slate_gpu
