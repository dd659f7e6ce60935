// SPDX-License-Identifier: Apache-2.0
#include "pattern.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <utility>

#include "slate_samples/samples.h"

namespace media::samples {
namespace {

constexpr double k_two_pi = 2.0 * std::numbers::pi;
// Zone plate chirp: about 57 rings from the centre to the left and right edges, so the finest
// rings (0.12 cycles per pixel at 1920 wide) stress encoders without aliasing.
constexpr double k_zone_chirp = 360.0;
// The background stays inside Y' 0.2..0.75 and |Cb|, |Cr| <= 0.1, which keeps every pixel legal
// and inside the R'G'B' cube, so only planted defects are out of range.
constexpr float k_base_luma = 0.2f;
constexpr float k_ramp_gain = 0.3f;
constexpr float k_zone_gain = 0.125f;
constexpr float k_chroma_gain = 0.1f;
constexpr float k_counter_one = 0.9f;
constexpr float k_counter_zero = 0.1f;

int even(double v) {
    return static_cast<int>(v) & ~1;
}

// Triangle wave: 0 at t = 0, 1 at t = 0.5, 0 again at t = 1, periodic.
double triangle(double t) {
    const double u = t - std::floor(t);
    return 1.0 - std::abs(2.0 * u - 1.0);
}

template <typename Sample>
Sample* row_of(const PlanarImage& image, int plane, int row) {
    return reinterpret_cast<Sample*>(image.planes[plane] +
                                     static_cast<std::ptrdiff_t>(row) * image.strides[plane]);
}

template <typename Sample>
void fill_plane_rect(const PlanarImage& image, int plane, const Rect& r, uint16_t code) {
    for (int y = r.y; y < r.y + r.h; ++y) {
        Sample* row = row_of<Sample>(image, plane, y);
        std::fill(row + r.x, row + r.x + r.w, static_cast<Sample>(code));
    }
}

Rect clip(const Rect& r, int width, int height) {
    const int x0 = std::clamp(r.x, 0, width), y0 = std::clamp(r.y, 0, height);
    const int x1 = std::clamp(r.x + r.w, 0, width), y1 = std::clamp(r.y + r.h, 0, height);
    return {x0, y0, x1 - x0, y1 - y0};
}

// The chroma samples whose sites (left/top co-sited) fall inside a luma rectangle.
Rect chroma_rect(const Rect& r, int shift_x, int shift_y) {
    const int x0 = (r.x + (1 << shift_x) - 1) >> shift_x;
    const int y0 = (r.y + (1 << shift_y) - 1) >> shift_y;
    const int x1 = (r.x + r.w + (1 << shift_x) - 1) >> shift_x;
    const int y1 = (r.y + r.h + (1 << shift_y) - 1) >> shift_y;
    return {x0, y0, x1 - x0, y1 - y0};
}

template <typename Sample>
void fill_yuv_typed(PlanarImage& image, const Rect& luma, YuvLevel level) {
    fill_plane_rect<Sample>(image, 0, luma, luma_code(level.y, image.bits));
    const Rect c = chroma_rect(luma, image.chroma_shift_x, image.chroma_shift_y);
    fill_plane_rect<Sample>(image, 1, c, chroma_code(level.cb, image.bits));
    fill_plane_rect<Sample>(image, 2, c, chroma_code(level.cr, image.bits));
    if (image.has_alpha)
        fill_plane_rect<Sample>(image, 3, luma, static_cast<uint16_t>((1 << image.bits) - 1));
}

// The flat-coloured parts drawn over the background: the box, its inner square, the counter.
std::vector<std::pair<Rect, YuvLevel>> overlays(int width, int height, int64_t index,
                                                YuvLevel outer, YuvLevel inner) {
    std::vector<std::pair<Rect, YuvLevel>> out;
    const int size = even(height / 5.0);
    const int x = even(triangle(static_cast<double>(index) / 96.0) * (width - size));
    const int y = even(height * 0.28);
    out.push_back({{x, y, size, size}, outer});
    out.push_back({{(x + size / 4) & ~1, (y + size / 4) & ~1, size / 2, size / 2}, inner});
    const FrameCounterLayout counter = frame_counter_layout(width, height);
    for (int bit = 0; bit < counter.bits; ++bit) {
        const bool one = (index >> (counter.bits - 1 - bit)) & 1;
        const Rect cell{counter.x + bit * counter.cell, counter.y, counter.cell, counter.cell};
        out.push_back({cell, {one ? k_counter_one : k_counter_zero, 0.0f, 0.0f}});
    }
    return out;
}

// Through a table of every code value: a UHD frame has 16 million samples to scale.
template <typename Sample>
void scale_plane(const PlanarImage& image, int plane, int width, int height, double centre,
                 float gain) {
    std::vector<Sample> table(std::size_t{1} << image.bits);
    for (std::size_t code = 0; code < table.size(); ++code)
        table[code] =
            static_cast<Sample>(std::lround(centre + (static_cast<double>(code) - centre) * gain));
    for (int y = 0; y < height; ++y) {
        Sample* row = row_of<Sample>(image, plane, y);
        for (int x = 0; x < width; ++x) row[x] = table[row[x]];
    }
}

template <typename Sample>
void scale_typed(PlanarImage& image, float gain) {
    const double scale = static_cast<double>(1 << (image.bits - 8));
    scale_plane<Sample>(image, 0, image.width, image.height, 16.0 * scale, gain);
    const int chroma_w = (image.width + (1 << image.chroma_shift_x) - 1) >> image.chroma_shift_x;
    const int chroma_h = (image.height + (1 << image.chroma_shift_y) - 1) >> image.chroma_shift_y;
    for (int plane = 1; plane <= 2; ++plane)
        scale_plane<Sample>(image, plane, chroma_w, chroma_h, 128.0 * scale, gain);
}

}  // namespace

FrameCounterLayout frame_counter_layout(int width, int height) {
    const int cell = std::max(8, even(height / 27.0));
    (void)width;  // the counter hugs the left edge; 16 cells fit any supported width
    return {cell, height - 2 * cell, cell, 16};
}

uint16_t luma_code(float y, int bits) {
    const double scale = static_cast<double>(1 << (bits - 8));
    const double code = std::round((16.0 + 219.0 * y) * scale);
    return static_cast<uint16_t>(std::clamp(code, 0.0, (1 << bits) - 1.0));
}

uint16_t chroma_code(float c, int bits) {
    const double scale = static_cast<double>(1 << (bits - 8));
    const double code = std::round((128.0 + 224.0 * c) * scale);
    return static_cast<uint16_t>(std::clamp(code, 0.0, (1 << bits) - 1.0));
}

void fill_yuv(PlanarImage& image, const Rect& rect, YuvLevel level) {
    const Rect r = clip(rect, image.width, image.height);
    if (r.w <= 0 || r.h <= 0) return;
    if (image.bits > 8)
        fill_yuv_typed<uint16_t>(image, r, level);
    else
        fill_yuv_typed<uint8_t>(image, r, level);
}

void scale_towards_black(PlanarImage& image, float gain) {
    if (image.bits > 8)
        scale_typed<uint16_t>(image, gain);
    else
        scale_typed<uint8_t>(image, gain);
}

struct Pattern::Frame {
    std::vector<float> ramp;  ///< per column: luma ramp, 0..1
    std::vector<float> cb;    ///< per column
    std::vector<float> cr;    ///< per row
    double zone_phase = 0;
};

Pattern::Pattern(int width, int height, YuvMatrix matrix)
    : m_width(width), m_height(height), m_matrix(matrix), m_zone_k(k_zone_chirp) {
    m_cos_x.resize(static_cast<std::size_t>(width));
    m_sin_x.resize(static_cast<std::size_t>(width));
    const double half = width / 2.0;
    for (int x = 0; x < width; ++x) {
        const double u = (x - half) / half;
        m_cos_x[static_cast<std::size_t>(x)] = static_cast<float>(std::cos(m_zone_k * u * u));
        m_sin_x[static_cast<std::size_t>(x)] = static_cast<float>(std::sin(m_zone_k * u * u));
    }
}

Pattern::Frame Pattern::frame_tables(int64_t index) const {
    Frame f;
    f.ramp.resize(static_cast<std::size_t>(m_width));
    f.cb.resize(static_cast<std::size_t>(m_width));
    f.cr.resize(static_cast<std::size_t>(m_height));
    const double t = static_cast<double>(index);
    for (int x = 0; x < m_width; ++x) {
        const double u = static_cast<double>(x) / m_width;
        f.ramp[static_cast<std::size_t>(x)] = static_cast<float>(triangle(u + t / 240.0));
        f.cb[static_cast<std::size_t>(x)] =
            k_chroma_gain * static_cast<float>(std::sin(k_two_pi * (u + t / 48.0)));
    }
    for (int y = 0; y < m_height; ++y) {
        const double v = static_cast<double>(y) / m_height;
        f.cr[static_cast<std::size_t>(y)] =
            k_chroma_gain * static_cast<float>(std::cos(k_two_pi * (1.5 * v - t / 64.0)));
    }
    f.zone_phase = k_two_pi * t / 16.0;
    return f;
}

YuvLevel Pattern::to_yuv(float r, float g, float b) const {
    const double kr = m_matrix.kr, kb = m_matrix.kb, kg = 1.0 - kr - kb;
    const double y = kr * r + kg * g + kb * b;
    return {static_cast<float>(y), static_cast<float>((b - y) / (2.0 * (1.0 - kb))),
            static_cast<float>((r - y) / (2.0 * (1.0 - kr)))};
}

template <typename Sample>
void Pattern::render_planes(const Frame& f, PlanarImage& image) const {
    const double scale = static_cast<double>(1 << (image.bits - 8));
    const auto offset =
        static_cast<float>((16.0 + 219.0 * (k_base_luma + k_zone_gain)) * scale + 0.5);
    const auto ramp_gain = static_cast<float>(219.0 * k_ramp_gain * scale);
    const auto zone_gain = static_cast<float>(219.0 * k_zone_gain * scale);
    const double half = m_width / 2.0;
    for (int y = 0; y < m_height; ++y) {
        const double v = (y - m_height / 2.0) / half;
        const auto cos_y = static_cast<float>(std::cos(m_zone_k * v * v - f.zone_phase));
        const auto sin_y = static_cast<float>(std::sin(m_zone_k * v * v - f.zone_phase));
        Sample* row = row_of<Sample>(image, 0, y);
        for (std::size_t x = 0; x < static_cast<std::size_t>(m_width); ++x) {
            const float zone = m_cos_x[x] * cos_y - m_sin_x[x] * sin_y;
            row[x] = static_cast<Sample>(offset + ramp_gain * f.ramp[x] + zone_gain * zone);
        }
    }
    const int chroma_w = (m_width + (1 << image.chroma_shift_x) - 1) >> image.chroma_shift_x;
    const int chroma_h = (m_height + (1 << image.chroma_shift_y) - 1) >> image.chroma_shift_y;
    // Cb varies along x only and Cr along y only: one Cb row serves every row.
    Sample* first = row_of<Sample>(image, 1, 0);
    for (int x = 0; x < chroma_w; ++x)
        first[x] = static_cast<Sample>(
            chroma_code(f.cb[static_cast<std::size_t>(x << image.chroma_shift_x)], image.bits));
    for (int y = 0; y < chroma_h; ++y) {
        if (y > 0) std::memcpy(row_of<Sample>(image, 1, y), first, sizeof(Sample) * chroma_w);
        const uint16_t cr =
            chroma_code(f.cr[static_cast<std::size_t>(y << image.chroma_shift_y)], image.bits);
        Sample* row = row_of<Sample>(image, 2, y);
        std::fill(row, row + chroma_w, static_cast<Sample>(cr));
    }
}

void Pattern::draw_overlays_yuv(int64_t index, PlanarImage& image) const {
    const YuvLevel outer = to_yuv(0.75f, 0.2f, 0.6f), inner = to_yuv(0.2f, 0.7f, 0.3f);
    for (const auto& [rect, level] : overlays(m_width, m_height, index, outer, inner))
        fill_yuv(image, rect, level);
}

void Pattern::render_yuv(int64_t index, PlanarImage& image) const {
    const Frame f = frame_tables(index);
    if (image.bits > 8)
        render_planes<uint16_t>(f, image);
    else
        render_planes<uint8_t>(f, image);
    if (image.has_alpha) {
        const Rect all{0, 0, m_width, m_height};
        const auto opaque = static_cast<uint16_t>((1 << image.bits) - 1);
        if (image.bits > 8)
            fill_plane_rect<uint16_t>(image, 3, all, opaque);
        else
            fill_plane_rect<uint8_t>(image, 3, all, opaque);
    }
    draw_overlays_yuv(index, image);
}

void Pattern::render_rgb(int64_t index, float* pixels, int channels) const {
    const Frame f = frame_tables(index);
    const auto kr = static_cast<float>(m_matrix.kr), kb = static_cast<float>(m_matrix.kb);
    const float kg = 1.0f - kr - kb;
    const auto to_rgb = [&](float y, float cb, float cr, float* out) {
        out[0] = y + 2.0f * (1.0f - kr) * cr;
        out[2] = y + 2.0f * (1.0f - kb) * cb;
        out[1] = (y - kr * out[0] - kb * out[2]) / kg;
        if (channels == 4) out[3] = 1.0f;
    };
    const double half = m_width / 2.0;
    for (int y = 0; y < m_height; ++y) {
        const double v = (y - m_height / 2.0) / half;
        const auto cos_y = static_cast<float>(std::cos(m_zone_k * v * v - f.zone_phase));
        const auto sin_y = static_cast<float>(std::sin(m_zone_k * v * v - f.zone_phase));
        float* row = pixels + static_cast<std::ptrdiff_t>(y) * m_width * channels;
        for (std::size_t x = 0; x < static_cast<std::size_t>(m_width); ++x) {
            const float zone = m_cos_x[x] * cos_y - m_sin_x[x] * sin_y;
            const float luma = k_base_luma + k_ramp_gain * f.ramp[x] + k_zone_gain * (1.0f + zone);
            to_rgb(luma, f.cb[x], f.cr[static_cast<std::size_t>(y)], row + x * channels);
        }
    }
    const YuvLevel outer = to_yuv(0.75f, 0.2f, 0.6f), inner = to_yuv(0.2f, 0.7f, 0.3f);
    for (const auto& [rect, level] : overlays(m_width, m_height, index, outer, inner)) {
        const Rect r = clip(rect, m_width, m_height);
        float rgb[4];
        to_rgb(level.y, level.cb, level.cr, rgb);
        for (int y = r.y; y < r.y + r.h; ++y)
            for (int x = r.x; x < r.x + r.w; ++x)
                std::copy(rgb, rgb + channels,
                          pixels + (static_cast<std::ptrdiff_t>(y) * m_width + x) * channels);
    }
}

}  // namespace media::samples
