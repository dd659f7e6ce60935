// SPDX-License-Identifier: Apache-2.0
// measure_video: prepares the frame (Y'CbCr planes as they are, or derived from R'G'B'), runs
// the luma, chroma and pixel passes, and turns their sums into the published measures.
#include "media/analysis/video_measure.h"

#include <algorithm>
#include <optional>

#include "video_measure_chroma.h"
#include "video_measure_levels.h"
#include "video_measure_luma.h"
#include "video_measure_pixels.h"
#include "video_measure_rows.h"
#include "video_measure_source.h"

namespace media::analysis {

namespace {

using detail::CodeSummary;
using detail::MeasureSource;

double ratio(double numerator, int64_t denominator) {
    return denominator > 0 ? numerator / static_cast<double>(denominator) : 0.0;
}

Result<void> check_measurable(const Frame& frame) {
    if (frame.empty() || frame.width() <= 0 || frame.height() <= 0)
        return Error(ErrorCode::InvalidArgument, "measure_video: empty frame");
    if (frame.device() != DeviceKind::Cpu)
        return Error(ErrorCode::DeviceError, "measure_video: the frame is in device memory");
    return ok();
}

// A predecessor of another size or format (a mid-stream change) cannot be differenced: the
// frame is then measured as a first frame.
const Frame* usable_previous(const Frame& frame, const Frame* previous) {
    if (previous == nullptr || previous->empty() || previous->device() != DeviceKind::Cpu)
        return nullptr;
    if (previous->width() != frame.width() || previous->height() != frame.height() ||
        previous->format() != frame.format())
        return nullptr;
    return previous;
}

// Sums of |a - b| over every sample of every plane (packed planes: every component).
template <typename T>
uint64_t planes_sad(const Frame& a, const Frame& b, int first_plane, int64_t& samples) {
    uint64_t sum = 0;
    for (int p = first_plane; p < a.plane_count(); ++p) {
        const ImageView<const T> pa = a.plane<T>(p), pb = b.plane<T>(p);
        const auto n = static_cast<int>(pa.row_samples());
        for (int y = 0; y < pa.height(); ++y) sum += detail::sum_abs_diff(pa.row(y), pb.row(y), n);
        samples += pa.row_samples() * pa.height();
    }
    return sum;
}

uint64_t planes_sad(const Frame& a, const Frame& b, int first_plane, int64_t& samples) {
    if (info(a.format()).bytes_per_sample == 1)
        return planes_sad<uint8_t>(a, b, first_plane, samples);
    return planes_sad<uint16_t>(a, b, first_plane, samples);
}

// What the Y'CbCr passes found, for mafd.
struct PassDiffs {
    uint64_t sum = 0;
    int64_t samples = 0;
};

// freezedetect's measure: SAD over every plane / samples / 2^depth. The Y'CbCr planes' sums come
// from the passes; what they did not read (alpha, or the R'G'B' of integer sources) is read here.
double frame_mafd(const Frame& frame, const Frame& previous, const MeasureSource& source,
                  PassDiffs diffs) {
    const PixelFormatInfo& fi = info(frame.format());
    int depth = source.levels.bit_depth;
    if (fi.is_rgb && fi.sample_type != SampleType::F16 && fi.sample_type != SampleType::F32) {
        diffs = {};
        diffs.sum = planes_sad(frame, previous, 0, diffs.samples);
        depth = fi.bit_depth;
    } else if (!source.from_rgb && frame.plane_count() > (source.gray ? 1 : 3)) {
        diffs.sum += planes_sad(frame, previous, source.gray ? 1 : 3, diffs.samples);
    }
    return ratio(static_cast<double>(diffs.sum), diffs.samples) / static_cast<double>(1 << depth);
}

// Without detail only min/avg/max exist (from the summary); low/high stay 0.
PlaneStats summary_stats(const CodeSummary& s, int64_t samples) {
    PlaneStats stats;
    if (samples <= 0) return stats;
    stats.min = s.min;
    stats.max = s.max;
    stats.avg = static_cast<double>(s.sum) / static_cast<double>(samples);
    return stats;
}

void publish_luma(const MeasureSource& cur, const VideoMeasureOptions& options,
                  const detail::LumaTotals& totals, VideoMeasures& m) {
    const int64_t samples = int64_t{cur.ycbcr.width()} * cur.ycbcr.height();
    m.stats.ydif = ratio(static_cast<double>(totals.frame_diff), samples);
    m.stats.tout = ratio(static_cast<double>(totals.outliers), samples);
    // signalstats counts whole rows of pixels: rows * width / pixels.
    m.stats.vrep = ratio(static_cast<double>(totals.repeated_rows), cur.ycbcr.height());
    m.active = totals.active;
    m.blockiness = totals.blockiness;
    if (totals.histogram.empty()) {
        m.stats.y = summary_stats(totals.summary, samples);
        detail::fill_luma_levels(cur.levels, totals.summary, samples, m.levels);
        return;
    }
    m.stats.y = detail::plane_stats(totals.histogram, samples);
    detail::fill_luma_levels(cur.levels, options, totals.histogram, samples, m.levels);
}

int64_t chroma_outside(const MeasureSource& cur, const VideoMeasureOptions& options,
                       const detail::ChromaTotals& totals) {
    if (totals.cb_histogram.empty())
        return totals.cb_summary.below + totals.cb_summary.above + totals.cr_summary.below +
               totals.cr_summary.above;
    return detail::count_chroma_outside(cur.levels, options, totals.cb_histogram) +
           detail::count_chroma_outside(cur.levels, options, totals.cr_histogram);
}

void publish_chroma(const MeasureSource& cur, const VideoMeasureOptions& options,
                    const detail::ChromaTotals& totals, int64_t samples, VideoMeasures& m) {
    const bool full = !totals.cb_histogram.empty();
    m.stats.u = full ? detail::plane_stats(totals.cb_histogram, samples)
                     : summary_stats(totals.cb_summary, samples);
    m.stats.v = full ? detail::plane_stats(totals.cr_histogram, samples)
                     : summary_stats(totals.cr_summary, samples);
    m.stats.udif = ratio(static_cast<double>(totals.cb_diff), samples);
    m.stats.vdif = ratio(static_cast<double>(totals.cr_diff), samples);
    m.stats.sat_avg = ratio(static_cast<double>(totals.saturation_sum), samples);
    m.stats.sat_max = totals.saturation_max;
    m.stats.hue_avg = ratio(static_cast<double>(totals.hue_sum), samples);
    m.levels.chroma_outside =
        ratio(static_cast<double>(chroma_outside(cur, options, totals)), 2 * samples);
}

void publish_pixels(const MeasureSource& cur, const detail::PixelTasks& tasks,
                    const detail::PixelTotals& totals, VideoMeasures& m) {
    const int64_t pixels = int64_t{cur.ycbcr.width()} * cur.ycbcr.height();
    if (tasks.broadcast_range)
        m.stats.brng = ratio(static_cast<double>(totals.out_of_broadcast), pixels);
    if (tasks.gamut)
        m.levels.rgb_outside = ratio(static_cast<double>(totals.outside_gamut), pixels);
    if (tasks.light)
        m.light = LightLevel{totals.light_max, ratio(totals.light_sum, pixels), true,
                             totals.light_robust};
}

// R'G'B' sources had their gamut and light measured on the R'G'B' samples.
detail::PixelTasks pixel_tasks(const MeasureSource& cur, const VideoMeasureOptions& options) {
    return detail::PixelTasks{options.signal_stats, !cur.from_rgb,
                              options.light_level && cur.pq && !cur.from_rgb,
                              options.gamut_tolerance};
}

template <typename T>
detail::ChromaPlanes<T> chroma_planes(const MeasureSource& cur, const MeasureSource* before) {
    detail::ChromaPlanes<T> planes{cur.ycbcr.plane<T>(1), cur.ycbcr.plane<T>(2), {}, {}};
    if (before) {
        planes.prev_cb = before->ycbcr.plane<T>(1);
        planes.prev_cr = before->ycbcr.plane<T>(2);
    }
    return planes;
}

detail::LumaTasks luma_tasks(const MeasureSource& cur, const VideoMeasureOptions& options) {
    const bool full = options.signal_stats && options.signal_stats_detail;
    return {full, full, options.blockiness, full, detail::luma_thresholds(cur.levels, options)};
}

// The luma, chroma and pixel passes of one frame. walk() goes down the picture once: each chroma
// row, then the luma rows it covers, so that every row is read from memory once and each pass
// finds it in the cache.
template <typename T>
class FrameScan {
public:
    FrameScan(const MeasureSource& cur, const MeasureSource* before,
              const VideoMeasureOptions& options)
        : m_cur(cur),
          m_options(options),
          m_tasks(pixel_tasks(cur, options)),
          m_luma(cur.ycbcr.plane<T>(0), before ? before->ycbcr.plane<T>(0) : ImageView<const T>(),
                 cur.levels.bit_depth, luma_tasks(cur, options)) {
        const bool full = options.signal_stats && options.signal_stats_detail;
        if (!cur.gray)
            m_chroma.emplace(chroma_planes<T>(cur, before), cur.levels.bit_depth, full,
                             detail::chroma_thresholds(cur.levels, options));
        if (m_tasks.broadcast_range || m_tasks.gamut || m_tasks.light)
            m_pixels.emplace(cur, m_tasks);
    }

    void walk() {
        const Frame& f = m_cur.ycbcr;
        const int shift = m_cur.gray ? 0 : info(f.format()).log2_chroma_h;
        const int chroma_rows = m_cur.gray ? f.height() : f.plane<T>(1).height();
        for (int cy = 0; cy < chroma_rows; ++cy) {
            if (m_chroma) m_chroma->scan_row(cy);
            if (m_pixels) m_pixels->chroma_row(cy);
            for (int y = cy << shift; y < std::min(f.height(), (cy + 1) << shift); ++y) {
                m_luma.scan_row(y);
                if (m_pixels) m_pixels->luma_row(y);
            }
        }
    }

    // Fills `m`; returns the frame differences for mafd.
    PassDiffs publish(VideoMeasures& m) {
        const detail::SignalLevels& l = m_cur.levels;
        m.stats.bit_depth = l.bit_depth;
        const double letterbox =
            l.black() + m_options.letterbox_threshold * (l.white() - l.black());
        const detail::LumaTotals luma = m_luma.finish(letterbox);
        publish_luma(m_cur, m_options, luma, m);
        PassDiffs diffs{luma.frame_diff, int64_t{m_cur.ycbcr.width()} * m_cur.ycbcr.height()};
        if (m_chroma) {
            const detail::ChromaTotals chroma = m_chroma->finish();
            const ImageView<const T> cb = m_cur.ycbcr.plane<T>(1);
            const int64_t samples = int64_t{cb.width()} * cb.height();
            publish_chroma(m_cur, m_options, chroma, samples, m);
            diffs.sum += chroma.cb_diff + chroma.cr_diff;
            diffs.samples += 2 * samples;
        }
        if (m_pixels) publish_pixels(m_cur, m_tasks, m_pixels->finish(), m);
        return diffs;
    }

private:
    const MeasureSource& m_cur;
    const VideoMeasureOptions& m_options;
    detail::PixelTasks m_tasks;
    detail::LumaScan<T> m_luma;
    std::optional<detail::ChromaScan<T>> m_chroma;
    std::optional<detail::PixelScan<T>> m_pixels;
};

template <typename T>
PassDiffs measure_planes(const MeasureSource& cur, const MeasureSource* before,
                         const VideoMeasureOptions& options, VideoMeasures& m) {
    FrameScan<T> scan(cur, before, options);
    scan.walk();
    return scan.publish(m);
}

void apply_rgb_facts(const detail::RgbFacts& facts, const MeasureSource& source,
                     const VideoMeasureOptions& options, VideoMeasures& m) {
    if (!source.from_rgb) return;
    const int64_t pixels = int64_t{source.ycbcr.width()} * source.ycbcr.height();
    m.nonfinite = facts.nonfinite;
    m.levels.rgb_outside = ratio(static_cast<double>(facts.outside_gamut), pixels);
    if (source.pq && options.light_level)
        m.light =
            LightLevel{facts.light_max, ratio(facts.light_sum, pixels), true, facts.light_max};
}

}  // namespace

Result<VideoMeasures> measure_video(const Frame& frame, const Frame* previous,
                                    const VideoMeasureOptions& options) {
    MEDIA_TRY(check_measurable(frame));
    const Frame* prev = usable_previous(frame, previous);
    detail::RgbFacts facts;
    MEDIA_TRY_ASSIGN(const MeasureSource cur, detail::prepare_source(frame, 0, options, &facts));
    std::optional<MeasureSource> before;
    if (prev != nullptr) {
        MEDIA_TRY_ASSIGN(before, detail::prepare_source(*prev, 1, options, nullptr));
    }
    VideoMeasures m;
    const MeasureSource* before_ptr = before ? &*before : nullptr;
    const bool bytes = info(cur.ycbcr.format()).bytes_per_sample == 1;
    const PassDiffs diffs = bytes ? measure_planes<uint8_t>(cur, before_ptr, options, m)
                                  : measure_planes<uint16_t>(cur, before_ptr, options, m);
    if (prev != nullptr) m.mafd = frame_mafd(frame, *prev, cur, diffs);
    apply_rgb_facts(facts, cur, options, m);
    return m;
}

}  // namespace media::analysis
