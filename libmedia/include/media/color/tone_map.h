// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "media/color/matrix.h"

namespace media::color {

/// HDR -> SDR (or HDR -> lower-peak HDR) preview tone mapping with the ITU-R BT.2390 EETF
/// (BT.2390-10 section 5.4): a Hermite spline knee in the PQ domain from the source's
/// [black, peak] to the target's, applied to max(R, G, B) so hue and saturation ratios are kept.
/// Below the knee (KS = 1.5 maxLum - 0.5, in PQ normalised to the source range) light is
/// unchanged; the source peak lands on the target peak with slope 0; light above the source peak
/// stays there. A target black above (below) the source black lifts (lowers) the shadows by
/// BT.2390's minLum (1 - E)^4 term, which also leaves the peak a little above the target peak,
/// as the Recommendation has it. Where BT.2390 is silent: a target peak at or above the source
/// peak maps nothing (identity); a knee below 0 is taken as 0 and the curve capped at the target
/// peak (very large peak ratios); non-finite or out-of-range nits are repaired (0..10000, peak
/// above black) rather than refused.
struct ToneMapDesc {
    double source_peak_nits = 1000.0;  ///< mastering peak (MaxCLL or ST 2086 max when known)
    double source_black_nits = 0.0;
    double target_peak_nits = 100.0;
    double target_black_nits = 0.0;
};

class ToneMapper {
public:
    explicit ToneMapper(const ToneMapDesc& desc);
    /// The EETF on one PQ-encoded value (0..1 for 0..10000 cd/m²) -> PQ-encoded value.
    double eetf_pq(double pq) const;
    /// Display-light RGB in units of 100 cd/m² (1.0 = 100 cd/m², as to_linear(Transfer::Pq))
    /// -> display-light RGB normalised to the target: 1.0 = target peak. Non-finite and
    /// negative values come back as they are (negatives clamp to 0).
    Vec3 apply(const Vec3& rgb) const;
    const ToneMapDesc& desc() const { return m_desc; }

private:
    ToneMapDesc m_desc;
    double m_src_black_pq = 0.0, m_src_peak_pq = 1.0, m_min_lum = 0.0, m_max_lum = 1.0;
    double m_knee_start = 1.0;
};

}  // namespace media::color
