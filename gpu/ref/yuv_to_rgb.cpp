// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/yuv_to_rgb.h"

#include <algorithm>

namespace slate_gpu {

YuvMatrix yuv_matrix(double kr, double kb) {
    const double kg = 1.0 - kr - kb;
    return YuvMatrix{
        static_cast<float>(2.0 * (1.0 - kr)), static_cast<float>(-2.0 * kb * (1.0 - kb) / kg),
        static_cast<float>(-2.0 * kr * (1.0 - kr) / kg), static_cast<float>(2.0 * (1.0 - kb))};
}

YuvMatrix bt709_matrix() {
    return yuv_matrix(0.2126, 0.0722);
}

bool args_valid(const Yuv422ToRgbArgs& args) {
    const int chroma_width = (args.y.width + 1) / 2;
    const auto fits_chroma = [&](const Plane<const uint16_t>& c) {
        return plane_valid(c) && c.width == chroma_width && c.height == args.y.height;
    };
    return plane_valid(args.y) && fits_chroma(args.cb) && fits_chroma(args.cr) &&
           plane_valid(args.r) && plane_valid(args.g) && plane_valid(args.b) &&
           same_size(args.y, args.r) && same_size(args.y, args.g) && same_size(args.y, args.b) &&
           args.luma.span > 0.0f && args.chroma.span > 0.0f && args.luma.max_code <= 65535u &&
           args.chroma.max_code <= 65535u;
}

namespace ref {
namespace {

float normalise(uint32_t code, const Levels& levels) {
    return (static_cast<float>(std::min(code, levels.max_code)) - levels.offset) / levels.span;
}

// Chroma at luma column x: co-sited on even columns, the mean of both neighbours on odd ones.
// The mean is taken on clamped codes, exactly representable in float, so it rounds nowhere.
float chroma_at(const uint16_t* c, int x, int chroma_width, const Levels& levels) {
    const int left = x / 2;
    const uint32_t a = std::min<uint32_t>(c[left], levels.max_code);
    if (x % 2 == 0) return normalise(a, levels);
    const uint32_t b = std::min<uint32_t>(c[std::min(left + 1, chroma_width - 1)], levels.max_code);
    const float mean = (static_cast<float>(a) + static_cast<float>(b)) * 0.5f;
    return (mean - levels.offset) / levels.span;
}

}  // namespace

bool yuv422_to_rgb(const Yuv422ToRgbArgs& args) {
    if (!args_valid(args)) return false;
    const YuvMatrix& m = args.matrix;
    for (int y = 0; y < args.y.height; ++y) {
        const uint16_t* luma = row(args.y, y);
        const uint16_t* cb = row(args.cb, y);
        const uint16_t* cr = row(args.cr, y);
        float* r = row(args.r, y);
        float* g = row(args.g, y);
        float* b = row(args.b, y);
        for (int x = 0; x < args.y.width; ++x) {
            const float yv = normalise(luma[x], args.luma);
            const float u = chroma_at(cb, x, args.cb.width, args.chroma);
            const float v = chroma_at(cr, x, args.cr.width, args.chroma);
            r[x] = yv + m.cr_to_r * v;
            g[x] = yv + m.cb_to_g * u + m.cr_to_g * v;
            b[x] = yv + m.cb_to_b * u;
        }
    }
    return true;
}

}  // namespace ref
}  // namespace slate_gpu
