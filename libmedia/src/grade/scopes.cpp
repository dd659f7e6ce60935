// SPDX-License-Identifier: Apache-2.0
// Scopes as images: the picture's samples are counted into bins (one per scope pixel), then the
// graticule is drawn on black and the trace added on top with a brightness that grows with the
// logarithm of the hit count, as a phosphor monitor shows it.
#include "media/grade/scopes.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <opencv2/imgproc.hpp>

#include "draw.h"

namespace media::grade {

namespace {

using draw::Rgb;

// The level range a waveform area shows, top row to bottom row.
constexpr double kLevelTop = 1.10;
constexpr double kLevelBottom = -0.07;
// Scope images outside these sizes are refused (labels need room; memory stays bounded).
constexpr int kMinSize = 64;
constexpr int kMaxSize = 8192;
// The vectorscope graticule circle (|C| = 0.5) as a fraction of half the image.
constexpr double kCircleFraction = 0.9;
// The dimmest a bin with one hit is drawn, so that isolated samples stay visible.
constexpr float kTraceFloor = 0.22f;

constexpr Rgb kWaveformTrace{0.42f, 1.0f, 0.52f};
constexpr Rgb kParadeTrace[3] = {{1.0f, 0.30f, 0.25f}, {0.35f, 1.0f, 0.35f}, {0.35f, 0.55f, 1.0f}};
constexpr Rgb kLabelColour{0.62f, 0.62f, 0.58f};
constexpr Rgb kMajorLine{0.42f, 0.42f, 0.38f};
constexpr Rgb kMinorLine{0.22f, 0.22f, 0.20f};

struct LumaWeights {
    double kr, kg, kb;
};

LumaWeights luma_weights(color::YcbcrMatrix matrix) {
    switch (matrix) {
        case color::YcbcrMatrix::Bt601:
            return {0.299, 0.587, 0.114};
        case color::YcbcrMatrix::Bt2020Ncl:
            return {0.2627, 0.6780, 0.0593};
        case color::YcbcrMatrix::Bt709:
            break;
    }
    return {0.2126, 0.7152, 0.0722};
}

bool size_ok(int v) {
    return v >= kMinSize && v <= kMaxSize;
}

bool options_ok(ScopeKind kind, const ScopeOptions& options) {
    return size_ok(options.width) && (kind == ScopeKind::Vectorscope || size_ok(options.height));
}

// Label text scale: about 9 px tall digits on a 512-line scope, more on bigger ones.
double label_scale(int extent) {
    return std::clamp(extent / 1280.0, 0.3, 0.8);
}

// Room around the waveform/parade areas: level labels (%) left, 10-bit codes right.
struct Margins {
    int left, right, top, bottom;
    int pad;  // between a label and the area
};

Margins waveform_margins(const ScopeOptions& options) {
    const double scale = label_scale(options.height);
    const int pad = std::max(4, options.height / 64);
    return {draw::text_size("100", scale).width + 2 * pad,
            draw::text_size("1019", scale).width + 2 * pad, pad, pad, pad};
}

Margins histogram_margins(const ScopeOptions& options) {
    const double scale = label_scale(options.height);
    const int pad = std::max(4, options.height / 64);
    int baseline = 0;
    const int text_h = draw::text_size("100", scale, 1, &baseline).height + baseline;
    const int side = draw::text_size("100", scale).width / 2 + pad;
    return {side, side, pad, text_h + 2 * pad, pad};
}

// Level -> row inside a waveform area; one definition for the counting and for waveform_row.
class LevelToRow {
public:
    explicit LevelToRow(int rows)
        : m_last(std::max(rows - 1, 0)), m_scale(m_last / (kLevelTop - kLevelBottom)) {}
    // -1 for NaN.
    int operator()(double level) const {
        if (std::isnan(level)) return -1;
        const double t = std::clamp((kLevelTop - level) * m_scale, 0.0, double(m_last));
        return static_cast<int>(std::lround(t));
    }

private:
    int m_last;
    double m_scale;
};

// log-scaled brightness of a bin with `count` hits when the fullest bin has `most`.
class Brightness {
public:
    explicit Brightness(uint64_t most)
        : m_inv_log(1.0 / std::log1p(double(std::max<uint64_t>(most, 1)))) {}
    float operator()(uint64_t count) const {
        if (count == 0) return 0.0f;
        const double t = std::log1p(double(count)) * m_inv_log;
        return std::min(1.0f, kTraceFloor + (1.0f - kTraceFloor) * static_cast<float>(t));
    }

private:
    double m_inv_log;
};

void add_light(cv::Mat& canvas, int x, int y, Rgb c, float k) {
    float* px = canvas.ptr<float>(y) + x * 3;
    px[0] = std::min(1.0f, px[0] + c.r * k);
    px[1] = std::min(1.0f, px[1] + c.g * k);
    px[2] = std::min(1.0f, px[2] + c.b * k);
}

int histogram_bin_of(float v) {
    if (!(v > 0.0f)) return 0;  // also NaN: callers skip NaN before
    if (v >= 1.0f) return ScopeHistogram::kBins - 1;
    return std::min(static_cast<int>(v * float(ScopeHistogram::kBins)), ScopeHistogram::kBins - 1);
}

// ---------------------------------------------------------------------------------------------
// Waveform and parade

// counts[(channel * bins + bin) * rows + row] for `channels` (1: luma, 3: R', G', B').
struct WaveformCounts {
    int channels = 1;
    int bins = 0;
    int rows = 0;
    std::vector<uint32_t> counts;
    uint64_t most = 0;
};

WaveformCounts count_waveform(const cv::Mat& pic, int channels, int area_width, int rows,
                              const LumaWeights& w) {
    WaveformCounts out;
    out.channels = channels;
    out.bins = std::min(pic.cols, area_width);
    out.rows = rows;
    out.counts.assign(size_t(channels) * size_t(out.bins) * size_t(rows), 0);
    const int64_t pw = pic.cols;
    const int bins = out.bins;
    auto first_column = [&](int bin) { return static_cast<int>(int64_t{bin} * pw / bins); };
    std::vector<int> bin_of_column(static_cast<size_t>(pw));
    for (int c = 0; c < bins; ++c)
        for (int x = first_column(c); x < first_column(c + 1); ++x) bin_of_column[size_t(x)] = c;
    const LevelToRow to_row(rows);
    const float kr = float(w.kr), kg = float(w.kg), kb = float(w.kb);
    // Tasks own disjoint bin columns, so they write disjoint counts.
    tbb::parallel_for(tbb::blocked_range<int>(0, bins, 16), [&](const tbb::blocked_range<int>& r) {
        const int x0 = first_column(r.begin());
        const int x1 = first_column(r.end());
        for (int y = 0; y < pic.rows; ++y) {
            const float* px = pic.ptr<float>(y) + x0 * 3;
            for (int x = x0; x < x1; ++x, px += 3) {
                const size_t bin = size_t(bin_of_column[size_t(x)]);
                if (channels == 1) {
                    const int row = to_row(kr * px[0] + kg * px[1] + kb * px[2]);
                    if (row >= 0) ++out.counts[bin * size_t(rows) + size_t(row)];
                    continue;
                }
                for (int ch = 0; ch < 3; ++ch) {
                    const int row = to_row(px[ch]);
                    if (row >= 0)
                        ++out.counts[(size_t(ch) * size_t(bins) + bin) * size_t(rows) +
                                     size_t(row)];
                }
            }
        }
    });
    out.most = *std::max_element(out.counts.begin(), out.counts.end());
    return out;
}

void draw_waveform_graticule(cv::Mat& canvas, const ScopeOptions& options,
                             std::span<const ScopeRect> panels) {
    const double scale = label_scale(options.height);
    const Margins m = waveform_margins(options);
    const int tick = std::max(3, options.height / 128);
    for (const ScopeRect& p : panels) {
        const double x0 = p.x, x1 = p.x + p.width - 1;
        for (int percent = 0; percent <= 100; percent += 2) {
            const double y = waveform_row(percent / 100.0, p);
            if (percent % 10 == 0) {
                const bool major = percent == 0 || percent == 100;
                draw::line(canvas, {x0, y}, {x1, y}, major ? kMajorLine : kMinorLine);
            } else {
                // Minor ticks every 2 % on both edges of the panel.
                draw::line(canvas, {x0, y}, {x0 + tick, y}, kMinorLine);
                draw::line(canvas, {x1 - tick, y}, {x1, y}, kMinorLine);
            }
        }
        // Super-white (109 %) and sub-black (-4 %) limits, dotted.
        for (double level : {1.09, -0.04}) {
            const double y = waveform_row(level, p);
            for (double x = x0; x < x1; x += 2 * tick)
                draw::line(canvas, {x, y}, {std::min(x + tick - 1, x1), y}, kMinorLine);
        }
    }
    const ScopeRect& first = panels.front();
    const ScopeRect& last = panels.back();
    for (int percent = 0; percent <= 100; percent += 10) {
        const int y = waveform_row(percent / 100.0, first);
        const std::string pct = std::to_string(percent);
        const cv::Size ts = draw::text_size(pct, scale);
        draw::text(canvas, pct, {m.left - m.pad - ts.width, y + ts.height / 2}, scale,
                   kLabelColour);
        // Narrow-range 10-bit code values: 64 + 876 * level.
        const std::string code = std::to_string(static_cast<int>(std::lround(64 + 8.76 * percent)));
        draw::text(canvas, code, {last.x + last.width + m.pad, y + ts.height / 2}, scale * 0.85,
                   draw::scaled(kLabelColour, 0.8f));
    }
}

Result<Frame> render_waveform(const cv::Mat& pic, const ScopeOptions& options, bool parade) {
    const ScopeKind kind = parade ? ScopeKind::Parade : ScopeKind::Waveform;
    const int channels = parade ? 3 : 1;
    std::vector<ScopeRect> panels;
    for (int ch = 0; ch < channels; ++ch) panels.push_back(scope_trace_area(kind, options, ch));
    MEDIA_TRY_ASSIGN(Frame image, draw::new_canvas(options.width, options.height, {}));
    cv::Mat canvas = draw::canvas_mat(image);
    if (options.graticule) {
        draw_waveform_graticule(canvas, options, panels);
        if (parade) {
            const double scale = label_scale(options.height);
            constexpr const char* kNames[3] = {"R", "G", "B"};
            for (int ch = 0; ch < 3; ++ch) {
                const cv::Size ts = draw::text_size(kNames[ch], scale);
                draw::text(canvas, kNames[ch],
                           {panels[size_t(ch)].x + ts.width, panels[size_t(ch)].y + ts.height + 4},
                           scale, draw::scaled(kParadeTrace[ch], 0.85f));
            }
        }
    }
    const WaveformCounts counts = count_waveform(pic, channels, panels[0].width, panels[0].height,
                                                 luma_weights(options.matrix));
    const Brightness brightness(counts.most);
    for (int ch = 0; ch < channels; ++ch) {
        const ScopeRect& p = panels[size_t(ch)];
        const Rgb colour = parade ? kParadeTrace[ch] : kWaveformTrace;
        for (int sx = 0; sx < p.width; ++sx) {
            const size_t bin = size_t(int64_t{sx} * counts.bins / p.width);
            const uint32_t* column =
                counts.counts.data() + (size_t(ch) * size_t(counts.bins) + bin) * size_t(p.height);
            for (int row = 0; row < p.height; ++row)
                if (column[row] != 0)
                    add_light(canvas, p.x + sx, p.y + row, colour, brightness(column[row]));
        }
    }
    return image;
}

// ---------------------------------------------------------------------------------------------
// Vectorscope

struct VectorMapping {
    LumaWeights w;
    double centre, gain;  // pixel = centre + C * gain (y: centre - Cr * gain)
    VectorMapping(int size, color::YcbcrMatrix matrix)
        : w(luma_weights(matrix)),
          centre((size - 1) / 2.0),
          gain(size / 2.0 * kCircleFraction / 0.5) {}
    ScopePoint operator()(double r, double g, double b) const {
        const double y = w.kr * r + w.kg * g + w.kb * b;
        const double cb = (b - y) / (2.0 * (1.0 - w.kb));
        const double cr = (r - y) / (2.0 * (1.0 - w.kr));
        return {centre + cb * gain, centre - cr * gain};
    }
};

struct Bar {
    const char* name;
    double r, g, b;
};
// The chroma bars in the order they sit around the circle.
constexpr Bar kBars[6] = {{"R", 1, 0, 0},  {"Mg", 1, 0, 1}, {"B", 0, 0, 1},
                          {"Cy", 0, 1, 1}, {"G", 0, 1, 0},  {"Yl", 1, 1, 0}};

void draw_vectorscope_graticule(cv::Mat& canvas, const ScopeOptions& options) {
    const int size = options.width;
    const VectorMapping map(size, options.matrix);
    const double c = map.centre;
    const double radius = size / 2.0 * kCircleFraction;
    const double scale = label_scale(size);
    const cv::Point2d centre(c, c);
    draw::circle(canvas, centre, radius, kMajorLine);
    // Cb and Cr axes with a tick every 0.05 (a tenth of the circle's radius).
    draw::line(canvas, {c - radius, c}, {c + radius, c}, kMinorLine);
    draw::line(canvas, {c, c - radius}, {c, c + radius}, kMinorLine);
    const double tick = std::max(2.0, size / 160.0);
    for (int i = -10; i <= 10; ++i) {
        if (i == 0) continue;
        const double d = radius * i / 10.0;
        const double t = (i % 5 == 0) ? tick * 1.8 : tick;
        draw::line(canvas, {c + d, c - t}, {c + d, c + t}, kMinorLine);
        draw::line(canvas, {c - t, c + d}, {c + t, c + d}, kMinorLine);
    }
    // Degree ticks inside the circle, longer every 30 degrees.
    constexpr double kPi = 3.14159265358979323846;
    for (int deg = 0; deg < 360; deg += 5) {
        const double a = deg * kPi / 180.0;
        const double len = (deg % 30 == 0) ? tick * 2.5 : (deg % 10 == 0 ? tick * 1.5 : tick);
        const cv::Point2d dir(std::cos(a), -std::sin(a));
        draw::line(canvas, centre + dir * radius, centre + dir * (radius - len), kMajorLine);
    }
    // Skin-tone line from the centre to the circle.
    const double skin = kSkinToneLineDegrees * kPi / 180.0;
    const cv::Point2d skin_dir(std::cos(skin), -std::sin(skin));
    draw::line(canvas, centre, centre + skin_dir * radius, {0.80f, 0.58f, 0.42f}, 1, 0.85f);
    // 75 % targets (boxes) and 100 % targets (smaller boxes with a centre dot), bar-coloured.
    const double box = std::max(3.0, size / 72.0);
    int baseline = 0;
    for (const Bar& bar : kBars) {
        const Rgb hue{float(0.45 + 0.45 * bar.r), float(0.45 + 0.45 * bar.g),
                      float(0.45 + 0.45 * bar.b)};
        const ScopePoint p75 = map(0.75 * bar.r, 0.75 * bar.g, 0.75 * bar.b);
        const ScopePoint p100 = map(bar.r, bar.g, bar.b);
        draw::rectangle(canvas, {p75.x - box, p75.y - box}, {p75.x + box, p75.y + box}, hue);
        const double small = box * 0.6;
        draw::rectangle(canvas, {p100.x - small, p100.y - small}, {p100.x + small, p100.y + small},
                        hue);
        // Label just outside the 100 % target, along the line from the centre.
        const cv::Point2d out(p100.x - c, p100.y - c);
        const double len = std::hypot(out.x, out.y);
        const cv::Point2d dir = len > 0 ? out / len : cv::Point2d(1, 0);
        const cv::Size ts = draw::text_size(bar.name, scale, 1, &baseline);
        const double reach = box + 0.75 * std::max(ts.width, ts.height) + 3;
        const cv::Point2d at = cv::Point2d(p100.x, p100.y) + dir * reach;
        // Kept inside the image: the secondaries' 100 % targets lie near its corners.
        const int edge = 2;
        draw::text(canvas, bar.name,
                   {std::clamp(static_cast<int>(std::lround(at.x - ts.width / 2.0)), edge,
                               size - edge - ts.width),
                    std::clamp(static_cast<int>(std::lround(at.y + ts.height / 2.0)),
                               edge + ts.height, size - edge - baseline)},
                   scale, hue);
    }
    // A small cross at the centre (neutral).
    draw::line(canvas, {c - tick * 2, c}, {c + tick * 2, c}, kMajorLine);
    draw::line(canvas, {c, c - tick * 2}, {c, c + tick * 2}, kMajorLine);
}

Result<Frame> render_vectorscope(const cv::Mat& pic, const ScopeOptions& options) {
    const int size = options.width;
    MEDIA_TRY_ASSIGN(Frame image, draw::new_canvas(size, size, {}));
    cv::Mat canvas = draw::canvas_mat(image);
    if (options.graticule) draw_vectorscope_graticule(canvas, options);

    // Pass 1 (parallel): the bin of every pixel. Pass 2 (serial): counts and colour sums, so
    // no thread needs its own size x size grid.
    const VectorMapping map(size, options.matrix);
    constexpr uint32_t kNoBin = UINT32_MAX;
    std::vector<uint32_t> bin_of(size_t(pic.cols) * size_t(pic.rows));
    tbb::parallel_for(
        tbb::blocked_range<int>(0, pic.rows, 8), [&](const tbb::blocked_range<int>& r) {
            for (int y = r.begin(); y < r.end(); ++y) {
                const float* px = pic.ptr<float>(y);
                uint32_t* out = bin_of.data() + size_t(y) * size_t(pic.cols);
                for (int x = 0; x < pic.cols; ++x, px += 3) {
                    const ScopePoint p = map(px[0], px[1], px[2]);
                    if (std::isnan(p.x) || std::isnan(p.y)) {
                        out[x] = kNoBin;
                        continue;
                    }
                    const auto bx =
                        static_cast<uint32_t>(std::lround(std::clamp(p.x, 0.0, size - 1.0)));
                    const auto by =
                        static_cast<uint32_t>(std::lround(std::clamp(p.y, 0.0, size - 1.0)));
                    out[x] = by * uint32_t(size) + bx;
                }
            }
        });
    const size_t cells = size_t(size) * size_t(size);
    std::vector<uint32_t> counts(cells, 0);
    std::vector<float> sums(cells * 3, 0.0f);
    for (int y = 0; y < pic.rows; ++y) {
        const float* px = pic.ptr<float>(y);
        const uint32_t* bins = bin_of.data() + size_t(y) * size_t(pic.cols);
        for (int x = 0; x < pic.cols; ++x, px += 3) {
            if (bins[x] == kNoBin) continue;
            ++counts[bins[x]];
            float* s = sums.data() + size_t(bins[x]) * 3;
            // Colour of the trace only: out-of-range samples count as their clipped colour.
            s[0] += std::clamp(px[0], 0.0f, 1.0f);
            s[1] += std::clamp(px[1], 0.0f, 1.0f);
            s[2] += std::clamp(px[2], 0.0f, 1.0f);
        }
    }
    const Brightness brightness(*std::max_element(counts.begin(), counts.end()));
    cv::Mat trace = cv::Mat::zeros(size, size, CV_32FC3);
    for (size_t i = 0; i < cells; ++i) {
        if (counts[i] == 0) continue;
        const float* s = sums.data() + i * 3;
        const float top = std::max({s[0], s[1], s[2]});
        // Trace in the pixels' hue at full value, lifted towards white so dark hues show;
        // neutrals are white.
        Rgb colour{1, 1, 1};
        if (top > 1e-3f * float(counts[i]))
            colour = {0.3f + 0.7f * s[0] / top, 0.3f + 0.7f * s[1] / top, 0.3f + 0.7f * s[2] / top};
        add_light(trace, int(i % size_t(size)), int(i / size_t(size)), colour,
                  brightness(counts[i]));
    }
    // A glow of half brightness one pixel around every hit, as a phosphor blooms: a flat
    // colour (one bin) would otherwise be a single pixel, too small to see.
    cv::Mat glow;
    cv::dilate(trace, glow, cv::Mat::ones(3, 3, CV_8U));
    cv::max(trace, glow * 0.5, trace);
    // In place: `canvas` is the frame's memory.
    cv::add(canvas, trace, canvas);
    cv::min(canvas, 1.0, canvas);
    return image;
}

// ---------------------------------------------------------------------------------------------
// Histogram

ScopeHistogram count_histogram(const cv::Mat& pic, const LumaWeights& w) {
    using Counts = std::array<std::array<uint64_t, ScopeHistogram::kBins>, 4>;
    tbb::enumerable_thread_specific<Counts> local([] { return Counts{}; });
    const float kr = float(w.kr), kg = float(w.kg), kb = float(w.kb);
    tbb::parallel_for(tbb::blocked_range<int>(0, pic.rows, 16),
                      [&](const tbb::blocked_range<int>& r) {
                          Counts& counts = local.local();
                          for (int y = r.begin(); y < r.end(); ++y) {
                              const float* px = pic.ptr<float>(y);
                              for (int x = 0; x < pic.cols; ++x, px += 3) {
                                  for (int ch = 0; ch < 3; ++ch)
                                      if (!std::isnan(px[ch]))
                                          ++counts[size_t(ch)][size_t(histogram_bin_of(px[ch]))];
                                  const float luma = kr * px[0] + kg * px[1] + kb * px[2];
                                  if (!std::isnan(luma))
                                      ++counts[3][size_t(histogram_bin_of(luma))];
                              }
                          }
                      });
    ScopeHistogram out;
    for (const Counts& counts : local)
        for (size_t ch = 0; ch < 4; ++ch)
            for (size_t i = 0; i < size_t(ScopeHistogram::kBins); ++i)
                out.counts[ch][i] += counts[ch][i];
    return out;
}

Result<Frame> render_histogram(const cv::Mat& pic, const ScopeOptions& options) {
    const ScopeRect a = scope_trace_area(ScopeKind::Histogram, options);
    MEDIA_TRY_ASSIGN(Frame image, draw::new_canvas(options.width, options.height, {}));
    cv::Mat canvas = draw::canvas_mat(image);
    constexpr int kBins = ScopeHistogram::kBins;
    auto bin_x0 = [&](int i) { return a.x + static_cast<int>(int64_t{i} * a.width / kBins); };
    const int bottom = a.y + a.height - 1;
    if (options.graticule) {
        const double scale = label_scale(options.height);
        for (int percent = 0; percent <= 100; percent += 25) {
            const double x = std::min(a.x + a.width * percent / 100.0, a.x + a.width - 1.0);
            draw::line(canvas, {x, double(a.y)}, {x, double(bottom)},
                       percent % 50 == 0 ? kMajorLine : kMinorLine);
            const std::string label = std::to_string(percent);
            const cv::Size ts = draw::text_size(label, scale);
            draw::text(canvas, label,
                       {static_cast<int>(std::lround(x - ts.width / 2.0)),
                        bottom + ts.height + std::max(4, options.height / 64)},
                       scale, kLabelColour);
        }
        for (int quarter = 1; quarter < 4; ++quarter) {
            const double y = a.y + a.height * quarter / 4.0;
            draw::line(canvas, {double(a.x), y}, {double(a.x + a.width - 1), y}, kMinorLine);
        }
        draw::line(canvas, {double(a.x), double(bottom)},
                   {double(a.x + a.width - 1), double(bottom)}, kMajorLine);
    }
    const ScopeHistogram h = count_histogram(pic, luma_weights(options.matrix));
    uint64_t most = 1;
    for (const auto& channel : h.counts)
        most = std::max(most, *std::max_element(channel.begin(), channel.end()));
    const double inv_log = 1.0 / std::log1p(double(most));
    auto bar_height = [&](uint64_t count) {
        if (count == 0) return 0;
        return std::clamp(
            static_cast<int>(std::lround(std::log1p(double(count)) * inv_log * a.height)), 1,
            a.height);
    };
    // R', G', B' as filled bars added on top of each other: where all three agree it is grey.
    constexpr Rgb kPrimary[3] = {{0.62f, 0.0f, 0.0f}, {0.0f, 0.62f, 0.0f}, {0.0f, 0.0f, 0.62f}};
    for (int ch = 0; ch < 3; ++ch) {
        for (int i = 0; i < kBins; ++i) {
            const int height = bar_height(h.counts[size_t(ch)][size_t(i)]);
            if (height == 0) continue;
            const int x1 = std::max(bin_x0(i + 1), bin_x0(i) + 1);
            for (int x = bin_x0(i); x < x1; ++x)
                for (int y = bottom; y > bottom - height; --y)
                    add_light(canvas, x, y, kPrimary[ch], 1.0f);
        }
    }
    // Luma as a white outline over them.
    cv::Point2d previous;
    for (int i = 0; i < kBins; ++i) {
        const double x = (bin_x0(i) + std::max(bin_x0(i + 1), bin_x0(i) + 1) - 1) / 2.0;
        const cv::Point2d p(x, double(bottom - bar_height(h.counts[3][size_t(i)]) + 1));
        if (i > 0) draw::line(canvas, previous, p, draw::grey(0.92f), 1, 0.9f);
        previous = p;
    }
    return image;
}

}  // namespace

std::string_view scope_name(ScopeKind kind) {
    switch (kind) {
        case ScopeKind::Waveform:
            return "waveform";
        case ScopeKind::Parade:
            return "parade";
        case ScopeKind::Vectorscope:
            return "vectorscope";
        case ScopeKind::Histogram:
            return "histogram";
    }
    return "unknown";
}

std::optional<ScopeKind> scope_from_name(std::string_view name) {
    for (ScopeKind kind :
         {ScopeKind::Waveform, ScopeKind::Parade, ScopeKind::Vectorscope, ScopeKind::Histogram})
        if (scope_name(kind) == name) return kind;
    return std::nullopt;
}

ScopePoint vectorscope_position(double r, double g, double b, int size, color::YcbcrMatrix matrix) {
    return VectorMapping(size, matrix)(r, g, b);
}

ScopeRect scope_trace_area(ScopeKind kind, const ScopeOptions& options, int channel) {
    if (!options_ok(kind, options)) return {};
    switch (kind) {
        case ScopeKind::Vectorscope:
            return {0, 0, options.width, options.width};
        case ScopeKind::Histogram: {
            const Margins m = histogram_margins(options);
            return {m.left, m.top, options.width - m.left - m.right,
                    options.height - m.top - m.bottom};
        }
        case ScopeKind::Waveform:
        case ScopeKind::Parade:
            break;
    }
    const Margins m = waveform_margins(options);
    const ScopeRect all{m.left, m.top, options.width - m.left - m.right,
                        options.height - m.top - m.bottom};
    if (kind == ScopeKind::Waveform) return all;
    const int gap = std::max(6, options.width / 96);
    const int panel = (all.width - 2 * gap) / 3;
    return {all.x + std::clamp(channel, 0, 2) * (panel + gap), all.y, panel, all.height};
}

int waveform_row(double level, const ScopeRect& area) {
    const int row = LevelToRow(area.height)(level);
    return area.y + std::max(row, 0);
}

Result<ScopeHistogram> compute_histogram(const Frame& picture, color::YcbcrMatrix matrix) {
    MEDIA_TRY_ASSIGN(cv::Mat pic, draw::picture_mat(picture, "scope"));
    return count_histogram(pic, luma_weights(matrix));
}

Result<Frame> render_scope(const Frame& picture, ScopeKind kind, const ScopeOptions& options) {
    if (!options_ok(kind, options))
        return Error(ErrorCode::InvalidArgument,
                     std::string("grade: ") + std::string(scope_name(kind)) + " size " +
                         std::to_string(options.width) + "x" + std::to_string(options.height) +
                         " is outside " + std::to_string(kMinSize) + ".." +
                         std::to_string(kMaxSize));
    MEDIA_TRY_ASSIGN(cv::Mat pic, draw::picture_mat(picture, "scope"));
    switch (kind) {
        case ScopeKind::Waveform:
            return render_waveform(pic, options, false);
        case ScopeKind::Parade:
            return render_waveform(pic, options, true);
        case ScopeKind::Vectorscope:
            return render_vectorscope(pic, options);
        case ScopeKind::Histogram:
            return render_histogram(pic, options);
    }
    return Error(ErrorCode::InvalidArgument, "grade: unknown scope kind");
}

}  // namespace media::grade
