// SPDX-License-Identifier: Apache-2.0
// Blending burn-in layers into frames. Per layer and frame encoding, each plane's blend is
// precomputed as in * keep + add; per frame only that multiply-add runs, in one template per
// sample type.
#include "burnin_composite.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <type_traits>
#include <utility>
#include <vector>

#include "burnin_encode.h"

namespace media::transcode::detail {
namespace {

/// Blend weights over one plane's rectangle: out = in * (1 - text - box) + text_colour * text +
/// box_colour * box.
struct BlendWeights {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    std::vector<float> text;
    std::vector<float> box;
};

/// Full-resolution weights over the layer's columns [first, last) widened to whole chroma
/// samples and clipped to the frame (pixels outside the layer weigh 0), so the chroma weights
/// can be summed from them.
BlendWeights full_weights(const BurnInLayer& layer, int frame_w, int frame_h, int shift_x,
                          int shift_y, int first, int last) {
    BlendWeights w;
    const int window_x0 = ((layer.x + first) >> shift_x) << shift_x;
    const int window_x1 = (((layer.x + last - 1) >> shift_x) + 1) << shift_x;
    const int x0 = std::max({layer.x, 0, window_x0});
    const int y0 = std::max(layer.y, 0);
    const int x1 = std::min({layer.x + layer.width, frame_w, window_x1});
    const int y1 = std::min(layer.y + layer.height, frame_h);
    if (x0 >= x1 || y0 >= y1) return w;
    w.x = (x0 >> shift_x) << shift_x;
    w.y = (y0 >> shift_y) << shift_y;
    w.width = std::min((((x1 - 1) >> shift_x) + 1) << shift_x, frame_w) - w.x;
    w.height = std::min((((y1 - 1) >> shift_y) + 1) << shift_y, frame_h) - w.y;
    const size_t count = static_cast<size_t>(w.width) * static_cast<size_t>(w.height);
    w.text.assign(count, 0.0f);
    w.box.assign(count, 0.0f);
    // Box under text: text weight a_t, box weight a_b * (1 - a_t), per coverage level.
    std::array<float, 256> text_of{}, box_of{};
    const auto text_alpha = static_cast<float>(layer.text_color[3]);
    const auto box_alpha = layer.box ? static_cast<float>(layer.box_color[3]) : 0.0f;
    for (size_t c = 0; c < 256; ++c) {
        text_of[c] = static_cast<float>(c) / 255.0f * text_alpha;
        box_of[c] = box_alpha * (1.0f - text_of[c]);
    }
    for (int y = y0; y < y1; ++y) {
        const uint8_t* cov = layer.coverage +
                             static_cast<size_t>(y - layer.y) * static_cast<size_t>(layer.width) +
                             static_cast<size_t>(x0 - layer.x);
        const size_t row = static_cast<size_t>(y - w.y) * static_cast<size_t>(w.width) +
                           static_cast<size_t>(x0 - w.x);
        for (int i = 0; i < x1 - x0; ++i) {
            w.text[row + static_cast<size_t>(i)] = text_of[cov[i]];
            w.box[row + static_cast<size_t>(i)] = box_of[cov[i]];
        }
    }
    return w;
}

/// Chroma weights: the mean of the full-resolution weights of the pixels each sample covers.
/// The blend is linear in the input, so this equals averaging the pixels' composites.
BlendWeights chroma_weights(const BlendWeights& full, int shift_x, int shift_y) {
    BlendWeights c;
    if (full.width == 0) return c;
    c.x = full.x >> shift_x;
    c.y = full.y >> shift_y;
    c.width = ((full.width - 1) >> shift_x) + 1;
    c.height = ((full.height - 1) >> shift_y) + 1;
    const size_t count = static_cast<size_t>(c.width) * static_cast<size_t>(c.height);
    c.text.assign(count, 0.0f);
    c.box.assign(count, 0.0f);
    for (int cy = 0; cy < c.height; ++cy) {
        for (int cx = 0; cx < c.width; ++cx) {
            float text = 0.0f, box = 0.0f;
            int samples = 0;
            // full's rectangle ends on a chroma boundary or at the frame edge.
            for (int y = cy << shift_y; y < std::min((cy + 1) << shift_y, full.height); ++y) {
                for (int x = cx << shift_x; x < std::min((cx + 1) << shift_x, full.width); ++x) {
                    const size_t at = static_cast<size_t>(y) * static_cast<size_t>(full.width) +
                                      static_cast<size_t>(x);
                    text += full.text[at];
                    box += full.box[at];
                    ++samples;
                }
            }
            const size_t at =
                static_cast<size_t>(cy) * static_cast<size_t>(c.width) + static_cast<size_t>(cx);
            c.text[at] = text / static_cast<float>(samples);
            c.box[at] = box / static_cast<float>(samples);
        }
    }
    return c;
}

/// keep/add for one plane from its weights and the colours' codes for its components.
PlaneBlend plane_blend(const BlendWeights& w, int components, const std::array<double, 4>& text,
                       const std::array<double, 4>& box, bool integer) {
    PlaneBlend pb;
    pb.x = w.x;
    pb.y = w.y;
    pb.width = w.width;
    pb.height = w.height;
    pb.components = components;
    const size_t count = w.text.size();
    const auto comps = static_cast<size_t>(components);
    if (integer) {
        pb.keep_q16.resize(count * comps);
        pb.add_q16.resize(count * comps);
    } else {
        pb.keep.resize(count * comps);
        pb.add.resize(count * comps);
    }
    for (size_t i = 0; i < count; ++i) {
        if (integer) {
            // Weights in 1/65536 that sum to exactly one, so untouched samples stay exact and
            // (max code * 65536 + rounding) still fits 32 bits.
            const auto t = static_cast<uint32_t>(w.text[i] * 65536.0f + 0.5f);
            const uint32_t b =
                std::min(static_cast<uint32_t>(w.box[i] * 65536.0f + 0.5f), 65536u - t);
            for (size_t c = 0; c < comps; ++c) {
                pb.keep_q16[i * comps + c] = 65536u - t - b;
                pb.add_q16[i * comps + c] = static_cast<uint32_t>(text[c] * t + box[c] * b + 0.5);
            }
        } else {
            for (size_t c = 0; c < comps; ++c) {
                pb.keep[i * comps + c] = 1.0f - w.text[i] - w.box[i];
                pb.add[i * comps + c] = static_cast<float>(text[c] * w.text[i] + box[c] * w.box[i]);
            }
        }
    }
    return pb;
}

/// The plane blends of the layer's columns [first, last) (widened to whole chroma samples).
std::vector<PlaneBlend> plane_blends(const FrameSpec& spec, const BurnInLayer& layer, int first,
                                     int last) {
    const PixelFormatInfo& fi = info(spec.format);
    const int shift_x = fi.is_yuv ? fi.log2_chroma_w : 0;
    const int shift_y = fi.is_yuv ? fi.log2_chroma_h : 0;
    const BlendWeights full =
        full_weights(layer, spec.width, spec.height, shift_x, shift_y, first, last);
    const BlendWeights chroma = chroma_weights(full, shift_x, shift_y);
    const std::array<double, 4> text = encode(layer.text_color, spec);
    const std::array<double, 4> box = encode(layer.box_color, spec);
    const bool integer = fi.sample_type == SampleType::U8 || fi.sample_type == SampleType::U16;
    std::vector<PlaneBlend> planes;
    for (int p = 0; p < fi.planes; ++p) {
        const bool subsampled = fi.is_yuv && (p == 1 || p == 2);
        const int comps = fi.components_in_plane(p);
        std::array<double, 4> text_codes{}, box_codes{};
        for (int c = 0; c < comps; ++c) {
            const auto k = static_cast<size_t>(channel_of(fi, p, c));
            text_codes[static_cast<size_t>(c)] = text[k];
            box_codes[static_cast<size_t>(c)] = box[k];
        }
        planes.push_back(
            plane_blend(subsampled ? chroma : full, comps, text_codes, box_codes, integer));
    }
    return planes;
}

/// Copies `part` (the same rows, fewer columns) into `whole`.
void splice(PlaneBlend& whole, const PlaneBlend& part) {
    if (part.width == 0) return;
    const auto comps = static_cast<size_t>(whole.components);
    const size_t offset = static_cast<size_t>(part.x - whole.x) * comps;
    const size_t whole_row = static_cast<size_t>(whole.width) * comps;
    const size_t part_row = static_cast<size_t>(part.width) * comps;
    for (size_t j = 0; j < static_cast<size_t>(part.height); ++j) {
        auto copy = [&](const auto& from, auto& to) {
            if (from.empty()) return;
            std::copy_n(from.begin() + static_cast<std::ptrdiff_t>(j * part_row), part_row,
                        to.begin() + static_cast<std::ptrdiff_t>(j * whole_row + offset));
        };
        copy(part.keep_q16, whole.keep_q16);
        copy(part.add_q16, whole.add_q16);
        copy(part.keep, whole.keep);
        copy(part.add, whole.add);
    }
}

/// Columns [first, last) where two coverages of the same size differ; first == last if none.
std::pair<int, int> changed_columns(const std::vector<uint8_t>& before, const uint8_t* after,
                                    int width, int height) {
    int first = width, last = 0;
    for (int y = 0; y < height; ++y) {
        const uint8_t* a = before.data() + static_cast<size_t>(y) * static_cast<size_t>(width);
        const uint8_t* b = after + static_cast<size_t>(y) * static_cast<size_t>(width);
        int x = 0;
        while (x < first && a[x] == b[x]) ++x;
        first = std::min(first, x);
        int r = width;
        while (r > last && a[r - 1] == b[r - 1]) --r;
        last = std::max(last, r);
    }
    return first < last ? std::pair{first, last} : std::pair{0, 0};
}

/// Brings the cache up to date. A layer that kept its rectangle, colours and encoding (the
/// next timecode) is patched over the columns whose coverage changed: usually one digit.
void update_blend(const Frame& frame, const BurnInLayer& layer, LayerBlendCache& cache) {
    const FrameSpec& spec = frame.spec();
    const bool same_drawing = cache.format == spec.format && cache.matrix == spec.color.matrix &&
                              cache.range == spec.color.range && cache.box == layer.box &&
                              cache.text_color == layer.text_color &&
                              cache.box_color == layer.box_color;
    if (same_drawing && cache.version == layer.version) return;
    const size_t count = static_cast<size_t>(layer.width) * static_cast<size_t>(layer.height);
    if (same_drawing && cache.x == layer.x && cache.y == layer.y && cache.width == layer.width &&
        cache.height == layer.height && cache.coverage.size() == count) {
        const auto [first, last] =
            changed_columns(cache.coverage, layer.coverage, layer.width, layer.height);
        if (first < last) {
            const std::vector<PlaneBlend> parts = plane_blends(spec, layer, first, last);
            for (size_t p = 0; p < parts.size(); ++p) splice(cache.planes[p], parts[p]);
        }
    } else {
        cache.planes = plane_blends(spec, layer, 0, layer.width);
    }
    cache.coverage.assign(layer.coverage, layer.coverage + count);
    cache.version = layer.version;
    cache.x = layer.x;
    cache.y = layer.y;
    cache.width = layer.width;
    cache.height = layer.height;
    cache.format = spec.format;
    cache.matrix = spec.color.matrix;
    cache.range = spec.color.range;
    cache.box = layer.box;
    cache.text_color = layer.text_color;
    cache.box_color = layer.box_color;
}

/// out = (in * keep + add + 1/2) >> 16 over one row. Fixed-size blocks let the compiler
/// vectorise without runtime checks; __restrict because T may be a char type.
template <typename T>
void blend_integer_row(T* __restrict row, const uint32_t* __restrict keep,
                       const uint32_t* __restrict add, size_t n) {
    constexpr size_t kBlock = 16;
    size_t i = 0;
    for (; i + kBlock <= n; i += kBlock) {
        for (size_t k = i; k < i + kBlock; ++k)
            row[k] = static_cast<T>((row[k] * keep[k] + add[k] + 32768u) >> 16);
    }
    for (; i < n; ++i) row[i] = static_cast<T>((row[i] * keep[i] + add[i] + 32768u) >> 16);
}

struct HalfCodec {
    static float load(uint16_t v) { return half_to_float(v); }
    static uint16_t store(float v) { return float_to_half(v); }
};

struct FloatCodec {
    static float load(float v) { return v; }
    static float store(float v) { return v; }
};

/// Integer samples: fixed-point keep/add.
struct IntegerCodec {};

template <typename T, typename Codec>
void blend_row(T* row, const PlaneBlend& pb, size_t first, size_t n) {
    if constexpr (std::is_same_v<Codec, IntegerCodec>) {
        blend_integer_row(row, pb.keep_q16.data() + first, pb.add_q16.data() + first, n);
    } else {
        const float* keep = pb.keep.data() + first;
        const float* add = pb.add.data() + first;
        for (size_t i = 0; i < n; ++i) {
            if (keep[i] == 1.0f) continue;  // untouched (also keeps NaN payloads of halves)
            row[i] = Codec::store(Codec::load(row[i]) * keep[i] + add[i]);
        }
    }
}

template <typename T, typename Codec>
Result<void> blend_planes(Frame& frame, const LayerBlendCache& cache) {
    for (size_t p = 0; p < cache.planes.size(); ++p) {
        const PlaneBlend& pb = cache.planes[p];
        const ImageView<T> view = frame.mutable_plane<T>(static_cast<int>(p));
        if (view.empty()) return Error{ErrorCode::Internal, "burn-in: frame is not writable"};
        const size_t n = static_cast<size_t>(pb.width) * static_cast<size_t>(pb.components);
        for (int j = 0; j < pb.height; ++j) {
            T* row = view.row(pb.y + j) + static_cast<int64_t>(pb.x) * pb.components;
            blend_row<T, Codec>(row, pb, static_cast<size_t>(j) * n, n);
        }
    }
    return {};
}

}  // namespace

Result<void> composite(Frame& frame, const BurnInLayer& layer, LayerBlendCache& cache) {
    if (frame.empty()) return Error{ErrorCode::InvalidArgument, "burn-in: empty frame"};
    if (frame.device() != DeviceKind::Cpu)
        return Error{ErrorCode::InvalidArgument, "burn-in: frame is in device memory"};
    if (frame.format() >= PixelFormat::Count)
        return Error{ErrorCode::InvalidArgument, "burn-in: unsupported pixel format"};
    if (layer.width <= 0 || layer.height <= 0 || layer.coverage == nullptr) return {};
    update_blend(frame, layer, cache);
    switch (info(frame.format()).sample_type) {
        case SampleType::U8:
            return blend_planes<uint8_t, IntegerCodec>(frame, cache);
        case SampleType::U16:
            return blend_planes<uint16_t, IntegerCodec>(frame, cache);
        case SampleType::F16:
            return blend_planes<uint16_t, HalfCodec>(frame, cache);
        case SampleType::F32:
            return blend_planes<float, FloatCodec>(frame, cache);
    }
    return Error{ErrorCode::InvalidArgument, "burn-in: unsupported pixel format"};
}

}  // namespace media::transcode::detail
