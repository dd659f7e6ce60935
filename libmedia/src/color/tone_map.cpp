// SPDX-License-Identifier: Apache-2.0
// BT.2390 EETF tone mapping (ITU-R BT.2390-10, section 5.4).
//
// Method, all in the PQ domain (E = PQ-encoded luminance, 0..1 for 0..10000 cd/m²):
//   E1 = (E - PQ(Lb_src)) / (PQ(Lw_src) - PQ(Lb_src))          normalise to the source range
//   minLum, maxLum = the target black and peak normalised the same way
//   KS = 1.5 maxLum - 0.5                                        knee start
//   E2 = E1 below KS, else the Hermite spline P(E1) from (KS, slope 1) to (1, maxLum, slope 0):
//        T = (E1 - KS) / (1 - KS)
//        P = (2T³ - 3T² + 1) KS + (T³ - 2T² + T)(1 - KS) + (-2T³ + 3T²) maxLum
//   E3 = E2 + minLum (1 - E2)⁴                                   black-level lift
//   E4 = E3 (PQ(Lw_src) - PQ(Lb_src)) + PQ(Lb_src)               back to absolute PQ
// With a target black, E3 moves the peak too (by minLum (1 - maxLum)^4): kept, as BT.2390 has it.
// Refinements, for inputs BT.2390 leaves open: E1 clamps to 0..1 (light above the source peak
// lands on the target peak); KS is kept >= 0 and E2 <= maxLum (a target under a third of the
// source range in PQ would otherwise overshoot); no compression when the target peak reaches
// the source peak. The curve runs on max(R, G, B) and scales all three channels by the same
// ratio, so hue and saturation ratios are kept (BT.2390 also allows per-channel or luma).
#include "media/color/tone_map.h"

#include <algorithm>
#include <cmath>

#include "media/color/transfer.h"

namespace media::color {
namespace {

constexpr double kMaxNits = 10000.0;
constexpr double kNitsPerUnit = 100.0;  // display light 1.0 = 100 cd/m²

double pq_from_nits(double nits) {
    return from_linear(Transfer::Pq, nits / kNitsPerUnit);
}

double nits_from_pq(double pq) {
    return to_linear(Transfer::Pq, pq) * kNitsPerUnit;
}

double sane_nits(double nits, double fallback) {
    return std::isfinite(nits) ? std::clamp(nits, 0.0, kMaxNits) : fallback;
}

// Out-of-range descriptions are repaired rather than refused (the constructor cannot fail):
// luminances clamp to 0..10000 cd/m², and a peak not above its black sits 1 cd/m² over it.
ToneMapDesc sanitised(const ToneMapDesc& in) {
    const ToneMapDesc defaults;
    ToneMapDesc out;
    out.source_black_nits = sane_nits(in.source_black_nits, defaults.source_black_nits);
    out.source_peak_nits = sane_nits(in.source_peak_nits, defaults.source_peak_nits);
    out.target_black_nits = sane_nits(in.target_black_nits, defaults.target_black_nits);
    out.target_peak_nits = sane_nits(in.target_peak_nits, defaults.target_peak_nits);
    if (out.source_peak_nits <= out.source_black_nits)
        out.source_peak_nits = out.source_black_nits + 1.0;
    if (out.target_peak_nits <= out.target_black_nits)
        out.target_peak_nits = out.target_black_nits + 1.0;
    return out;
}

}  // namespace

ToneMapper::ToneMapper(const ToneMapDesc& desc) : m_desc(sanitised(desc)) {
    m_src_black_pq = pq_from_nits(m_desc.source_black_nits);
    m_src_peak_pq = pq_from_nits(m_desc.source_peak_nits);
    const double range = m_src_peak_pq - m_src_black_pq;
    m_min_lum = (pq_from_nits(m_desc.target_black_nits) - m_src_black_pq) / range;
    m_max_lum = (pq_from_nits(m_desc.target_peak_nits) - m_src_black_pq) / range;
    m_knee_start = std::max(1.5 * m_max_lum - 0.5, 0.0);
}

double ToneMapper::eetf_pq(double pq) const {
    if (!std::isfinite(pq)) return pq;
    const double range = m_src_peak_pq - m_src_black_pq;
    const double e1 = std::clamp((pq - m_src_black_pq) / range, 0.0, 1.0);

    double e2 = e1;
    if (m_knee_start < 1.0 && e1 > m_knee_start) {
        const double ks = m_knee_start;
        const double t = (e1 - ks) / (1.0 - ks);
        const double t2 = t * t;
        const double t3 = t2 * t;
        e2 = (2.0 * t3 - 3.0 * t2 + 1.0) * ks + (t3 - 2.0 * t2 + t) * (1.0 - ks) +
             (-2.0 * t3 + 3.0 * t2) * m_max_lum;
        e2 = std::min(e2, m_max_lum);
    }

    // Black-level lift: moves the source black to the target's, fading out towards the peak.
    if (m_min_lum != 0.0) {
        const double fade = 1.0 - e2;
        e2 += m_min_lum * fade * fade * fade * fade;
    }
    return e2 * range + m_src_black_pq;
}

Vec3 ToneMapper::apply(const Vec3& rgb) const {
    if (!std::isfinite(rgb[0]) || !std::isfinite(rgb[1]) || !std::isfinite(rgb[2])) return rgb;
    const Vec3 in{std::max(rgb[0], 0.0), std::max(rgb[1], 0.0), std::max(rgb[2], 0.0)};
    const double peak_units = m_desc.target_peak_nits / kNitsPerUnit;
    const double max_channel = std::max({in[0], in[1], in[2]});
    if (max_channel <= 0.0) {
        // Black: what the curve makes of 0 cd/m² (the target black when one is set), neutral.
        const double black = nits_from_pq(eetf_pq(pq_from_nits(0.0))) / m_desc.target_peak_nits;
        return {black, black, black};
    }
    // Channel c lands at in[c] * 100 * (nits_out / nits_in) cd/m², then over the target peak.
    const double nits_in = max_channel * kNitsPerUnit;
    const double nits_out = nits_from_pq(eetf_pq(pq_from_nits(nits_in)));
    const double gain = nits_out / nits_in / peak_units;
    return {in[0] * gain, in[1] * gain, in[2] * gain};
}

}  // namespace media::color
