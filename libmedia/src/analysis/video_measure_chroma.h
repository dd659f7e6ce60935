// SPDX-License-Identifier: Apache-2.0
// The chroma pass: the Cb and Cr histograms, frame differences, and signalstats' saturation and
// hue, one chroma row at a time.
#pragma once

#include <cstdint>
#include <span>

#include "media/frame/image_view.h"
#include "video_measure_histogram.h"
#include "video_measure_rows.h"

namespace media::analysis::detail {

/// The chroma planes of a frame and of its predecessor (empty views for the first frame).
template <typename T>
struct ChromaPlanes {
    ImageView<const T> cb, cr;
    ImageView<const T> prev_cb, prev_cr;
};

/// Results of the chroma pass, in code values.
struct ChromaTotals {
    std::span<const uint32_t> cb_histogram;  ///< 2^depth bins each, owned by the ChromaScan
    std::span<const uint32_t> cr_histogram;  ///< (empty without detail)
    CodeSummary cb_summary, cr_summary;      ///< without detail
    uint64_t cb_diff = 0;                    ///< sum |Cb - previous Cb|
    uint64_t cr_diff = 0;
    uint64_t saturation_sum = 0;  ///< sum of floor(hypot(Cb - mid, Cr - mid))
    int saturation_max = 0;
    uint64_t hue_sum = 0;  ///< sum of whole degrees 0..359 (with detail)
};

/// Walks Cb and Cr row by row (in order, each once). With `detail`, histograms and hue: up to 10
/// bits hue comes from signalstats' exact table (video_measure_tables.h), deeper samples use the
/// interpolated arctangent. Without, code summaries against `thresholds` and saturation only.
template <typename T>
class ChromaScan {
public:
    ChromaScan(const ChromaPlanes<T>& planes, int bit_depth, bool detail,
               const CodeThresholds& thresholds);
    void scan_row(int cy);
    ChromaTotals finish();

private:
    void add_hue_and_saturation(const T* cb, const T* cr, int n);

    ChromaPlanes<T> m_planes;
    int m_bit_depth;
    bool m_detail;
    CodeThresholds m_thresholds;
    const uint16_t* m_hue = nullptr;  ///< table of up to 10-bit pairs
    HistogramBuilder<T> m_cb_histogram, m_cr_histogram;
    ChromaTotals m_totals;
};

}  // namespace media::analysis::detail
