// SPDX-License-Identifier: Apache-2.0
#include "video_measure_pixels.h"

#include <algorithm>
#include <cmath>

#include "video_measure_tables.h"

namespace media::analysis::detail {

namespace {

int32_t fixed(double value, int shift) {
    return static_cast<int32_t>(std::lround(std::ldexp(value, shift)));
}

// Fractional bits: 29 - depth keeps every sum of the limit arithmetic inside int32 (luma codes
// up to 1.5 x 2^depth, chroma terms up to 1.6 x 2^(depth-1)) while the coefficients' rounding
// moves a limit by at most 2^(depth-2-shift) codes: 1/512 of a code at any depth.
ChromaLimitParams limit_params(const MeasureSource& source, const PixelTasks& tasks) {
    const SignalLevels& l = source.levels;
    const LumaWeights& k = source.weights;
    const int d = l.bit_depth, shift = 29 - d;
    const double range = l.white() - l.black();
    const double per_chroma = range / (l.chroma_high() - l.chroma_low());
    const double tolerance = std::clamp(tasks.gamut_tolerance, 0.0, 0.5);
    ChromaLimitParams p;
    p.shift = shift;
    p.mid = 1 << (d - 1);
    p.max_code = l.max_code();
    p.cr_to_red = fixed(2.0 * (1.0 - k.kr) * per_chroma, shift);
    p.cb_to_green = fixed(-2.0 * k.kb * (1.0 - k.kb) / k.kg() * per_chroma, shift);
    p.cr_to_green = fixed(-2.0 * k.kr * (1.0 - k.kr) / k.kg() * per_chroma, shift);
    p.cb_to_blue = fixed(2.0 * (1.0 - k.kb) * per_chroma, shift);
    p.gamut_low = fixed(l.black() - tolerance * range, shift);
    p.gamut_high = fixed(l.black() + (1.0 + tolerance) * range, shift);
    p.brng_chroma_low = p.brng_luma_low = 16 << (d - 8);
    p.brng_chroma_high = 240 << (d - 8);
    p.brng_luma_high = 235 << (d - 8);
    return p;
}

LightParams light_params(const SignalLevels& l) {
    return LightParams{static_cast<float>(l.black()),
                       static_cast<float>(1.0 / (l.white() - l.black())), pq_nits_table().data()};
}

}  // namespace

template <typename T>
void LimitBuffers<T>::resize(size_t n) {
    gamut_low.resize(n);
    gamut_high.resize(n);
    brng_low.resize(n);
    brng_high.resize(n);
    peak_add.resize(n);
}

template <typename T>
LumaLimits<T> LimitBuffers<T>::view(bool light) {
    return {gamut_low.data(), gamut_high.data(), brng_low.data(), brng_high.data(),
            light ? peak_add.data() : nullptr};
}

template <typename T>
PixelScan<T>::PixelScan(const MeasureSource& source, const PixelTasks& tasks)
    : m_source(source),
      m_tasks(tasks),
      m_light(tasks.light && source.pq),
      m_params(limit_params(source, tasks)),
      m_light_params(light_params(source.levels)) {
    const auto w = static_cast<size_t>(source.ycbcr.width());
    m_chroma.resize(w);
    m_wide.resize(w + 1);  // widened 4:2:x rows of odd width
    if (!source.gray) return;
    // Gray frames: neutral chroma everywhere, so one row of limits serves the whole picture.
    const std::vector<T> neutral(w, static_cast<T>(m_params.mid));
    chroma_limits(neutral.data(), neutral.data(), static_cast<int>(w), m_params,
                  m_wide.view(m_light));
}

template <typename T>
void PixelScan<T>::chroma_row(int cy) {
    if (m_source.gray) return;
    const Frame& f = m_source.ycbcr;
    const ImageView<const T> cb = f.plane<T>(1), cr = f.plane<T>(2);
    const int cw = cb.width();
    if (cw == f.width()) {
        chroma_limits(cb.row(cy), cr.row(cy), cw, m_params, m_wide.view(m_light));
        return;
    }
    chroma_limits(cb.row(cy), cr.row(cy), cw, m_params, m_chroma.view(m_light));
    widen2(m_chroma.gamut_low.data(), cw, m_wide.gamut_low.data());
    widen2(m_chroma.gamut_high.data(), cw, m_wide.gamut_high.data());
    widen2(m_chroma.brng_low.data(), cw, m_wide.brng_low.data());
    widen2(m_chroma.brng_high.data(), cw, m_wide.brng_high.data());
    if (m_light) widen2(m_chroma.peak_add.data(), cw, m_wide.peak_add.data());
}

template <typename T>
void PixelScan<T>::luma_row(int y) {
    const T* luma = m_source.ycbcr.template plane<T>(0).row(y);
    const int w = m_source.ycbcr.width();
    if (m_tasks.gamut || m_tasks.broadcast_range)
        count_outside(luma, m_wide.view(false), w, m_counts);
    if (m_light) {
        add_light(luma, m_wide.peak_add.data(), w, m_light_params, m_light_sum, m_light_max);
        count_light(luma, m_wide.peak_add.data(), w);
    }
}

// Histogram of the PQ code of max(R,G,B) at 1/1024 resolution, for the robust peak. Scalar: it
// runs on PQ frames only, and a scatter does not vectorise.
template <typename T>
void PixelScan<T>::count_light(const T* luma, const float* peak_add, int n) {
    if (m_light_histogram.empty()) m_light_histogram.assign(kLightBins, 0);
    const LightParams& p = m_light_params;
    constexpr float kScale = static_cast<float>(kLightBins - 1);
    for (int x = 0; x < n; ++x) {
        const float nominal = (static_cast<float>(luma[x]) + peak_add[x] - p.black) * p.inv_range;
        ++m_light_histogram[static_cast<size_t>(std::clamp(nominal, 0.0f, 1.0f) * kScale + 0.5f)];
    }
    m_light_pixels += n;
}

template <typename T>
double PixelScan<T>::robust_light() const {
    if (m_light_histogram.empty()) return 0.0;
    const int64_t allowed = m_light_pixels / 1000;
    int64_t above = 0;
    for (int bin = kLightBins - 1; bin > 0; --bin) {
        above += m_light_histogram[static_cast<size_t>(bin)];
        if (above > allowed) {
            const int index = bin * (kPqTableSize - 1) / (kLightBins - 1);
            return std::min(static_cast<double>(m_light_params.nits[index]),
                            static_cast<double>(m_light_max));
        }
    }
    return 0.0;
}

template <typename T>
PixelTotals PixelScan<T>::finish() const {
    return PixelTotals{m_counts.broadcast, m_counts.gamut, m_light_sum,
                       static_cast<double>(m_light_max), robust_light()};
}

template struct LimitBuffers<uint8_t>;
template struct LimitBuffers<uint16_t>;
template class PixelScan<uint8_t>;
template class PixelScan<uint16_t>;

}  // namespace media::analysis::detail
