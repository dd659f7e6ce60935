// SPDX-License-Identifier: Apache-2.0
// The flash light kernel, written once with Highway for every target it knows; the best one for
// the running CPU is picked on first call (HWY_DYNAMIC_DISPATCH). Per vector of samples: codes ->
// normalised components -> R'G'B' -> three gathers from the transfer table -> luminance and the
// saturated-red measures. The transfer table replaces per-pixel powers.
#include "flash_light.h"

// Highway's order matters: foreach_target.h re-includes this file once per target.
// clang-format off
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "../src/analysis/flash_light_simd.cpp"  // from libmedia/include
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace media::analysis::detail {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

using DF = hn::ScalableTag<float>;
using DI = hn::RebindToSigned<DF>;
using DU16 = hn::Rebind<uint16_t, DF>;
using VF = hn::Vec<DF>;

// Table entry for normalised values; NaN and negatives read black, above 1 white.
VF lookup(const DF d, const float* table, VF v) {
    constexpr float top = 4095.0f;
    VF t = hn::MulAdd(v, hn::Set(d, top), hn::Set(d, 0.5f));
    t = hn::IfThenElse(hn::IsNaN(t), hn::Zero(d), t);
    t = hn::Min(hn::Max(t, hn::Zero(d)), hn::Set(d, top));
    return hn::GatherIndex(d, table, hn::ConvertTo(DI(), t));
}

// One component of the job as normalised values: codes are converted on the way in.
class Component {
public:
    Component(const DF d, const LightJob& job, size_t c)
        : m_values(job.values[c]),
          m_codes(job.codes[c]),
          m_offset(hn::Set(d, job.offset[c])),
          m_scale(hn::Set(d, job.scale[c])) {}

    VF load(const DF d, size_t i) const {
        if (m_values) return hn::LoadU(d, m_values + i);
        const auto codes = hn::PromoteTo(DI(), hn::LoadU(DU16(), m_codes + i));
        return hn::Mul(hn::Sub(hn::ConvertTo(d, codes), m_offset), m_scale);
    }

private:
    const float* HWY_RESTRICT m_values;
    const uint16_t* HWY_RESTRICT m_codes;
    VF m_offset, m_scale;
};

void LightKernel(const LightJob& job) {
    const DF d;
    const Component c0(d, job, 0), c1(d, job, 1), c2(d, job, 2);
    const bool yuv = job.yuv;
    const VF cr_r = hn::Set(d, job.cr_r), cb_g = hn::Set(d, job.cb_g), cr_g = hn::Set(d, job.cr_g),
             cb_b = hn::Set(d, job.cb_b);
    const VF wr = hn::Set(d, job.weights[0]), wg = hn::Set(d, job.weights[1]),
             wb = hn::Set(d, job.weights[2]), k = hn::Set(d, job.red_saturation);
    const VF one = hn::Set(d, 1.0f);
    const float* HWY_RESTRICT eotf = job.eotf;
    float* HWY_RESTRICT luminance = job.luminance;
    float* HWY_RESTRICT red = job.red;
    float* HWY_RESTRICT red_level = job.red_level;
    const auto count = static_cast<size_t>(job.count);
    for (size_t i = 0; i < count; i += hn::Lanes(d)) {
        VF r = c0.load(d, i), g = c1.load(d, i), b = c2.load(d, i);
        if (yuv) {
            const VF y = r, cb = g, cr = b;
            r = hn::MulAdd(cr_r, cr, y);
            g = hn::MulAdd(cb_g, cb, hn::MulAdd(cr_g, cr, y));
            b = hn::MulAdd(cb_b, cb, y);
        }
        const VF lr = lookup(d, eotf, r), lg = lookup(d, eotf, g), lb = lookup(d, eotf, b);
        const VF sum = hn::Add(lr, hn::Add(lg, lb));
        const auto is_red = hn::And(hn::Gt(sum, hn::Zero(d)), hn::Ge(lr, hn::Mul(k, sum)));
        hn::StoreU(hn::MulAdd(wr, lr, hn::MulAdd(wg, lg, hn::Mul(wb, lb))), d, luminance + i);
        hn::StoreU(hn::IfThenElseZero(is_red, one), d, red + i);
        hn::StoreU(hn::IfThenElseZero(is_red, hn::Sub(lr, hn::Add(lg, lb))), d, red_level + i);
    }
}

}  // namespace HWY_NAMESPACE
}  // namespace media::analysis::detail
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace media::analysis::detail {

HWY_EXPORT(LightKernel);

void light_simd(const LightJob& job) {
    HWY_DYNAMIC_DISPATCH(LightKernel)(job);
}

}  // namespace media::analysis::detail
#endif  // HWY_ONCE
