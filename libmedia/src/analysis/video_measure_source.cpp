// SPDX-License-Identifier: Apache-2.0
#include "video_measure_source.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "video_measure_rows.h"
#include "video_measure_tables.h"

namespace media::analysis::detail {

namespace {

// One row of R'G'B' as floats (integer sources normalised to 0..1).
struct RgbRow {
    std::vector<float> r, g, b;
    void resize(int width) {
        r.resize(static_cast<size_t>(width));
        g.resize(static_cast<size_t>(width));
        b.resize(static_cast<size_t>(width));
    }
};

bool is_float(PixelFormat format) {
    const SampleType type = info(format).sample_type;
    return type == SampleType::F16 || type == SampleType::F32;
}

// Reads packed R, G, B[, A] samples; counts non-finite ones (alpha included) for floats.
template <typename T, typename ToFloat>
int64_t read_packed(const T* row, int components, int width, ToFloat to_float, RgbRow& out) {
    int64_t nonfinite = 0;
    for (int x = 0; x < width; ++x) {
        const T* px = row + static_cast<ptrdiff_t>(x) * components;
        out.r[x] = to_float(px[0]);
        out.g[x] = to_float(px[1]);
        out.b[x] = to_float(px[2]);
        for (int c = 0; c < components; ++c) nonfinite += !std::isfinite(to_float(px[c]));
    }
    return nonfinite;
}

int64_t read_rgb_row(const Frame& frame, int y, RgbRow& out) {
    const int w = frame.width();
    const PixelFormatInfo& fi = info(frame.format());
    switch (frame.format()) {
        case PixelFormat::Rgb8:
        case PixelFormat::Rgba8:
            read_packed(
                frame.plane<uint8_t>(0).row(y), fi.components, w,
                [](uint8_t v) { return static_cast<float>(v) * (1.0f / 255.0f); }, out);
            return 0;
        case PixelFormat::Rgb16:
        case PixelFormat::Rgba16:
            read_packed(
                frame.plane<uint16_t>(0).row(y), fi.components, w,
                [](uint16_t v) { return static_cast<float>(v) * (1.0f / 65535.0f); }, out);
            return 0;
        case PixelFormat::RgbaHalf: {
            const float* half = half_table().data();
            return read_packed(
                frame.plane<uint16_t>(0).row(y), 4, w, [half](uint16_t v) { return half[v]; }, out);
        }
        case PixelFormat::RgbaFloat:
        case PixelFormat::RgbFloat:
            return read_packed(
                frame.plane<float>(0).row(y), fi.components, w, [](float v) { return v; }, out);
        default: {  // Gbrp10 / Gbrp12: planes G, B, R
            const float scale = 1.0f / static_cast<float>((1 << fi.bit_depth) - 1);
            codes_to_unit(frame.plane<uint16_t>(0).row(y), w, scale, out.g.data());
            codes_to_unit(frame.plane<uint16_t>(1).row(y), w, scale, out.b.data());
            codes_to_unit(frame.plane<uint16_t>(2).row(y), w, scale, out.r.data());
            return 0;
        }
    }
}

float clamp_unit(float v) {
    return std::isnan(v) ? 0.0f : std::clamp(v, 0.0f, 1.0f);
}

// Float samples may leave the R'G'B' cube; integer ones cannot, so only floats are tested.
int64_t count_outside(const RgbRow& row, int width, float tolerance) {
    const float lo = -tolerance, hi = 1.0f + tolerance;
    int64_t outside = 0;
    for (int x = 0; x < width; ++x) {
        const float r = row.r[x], g = row.g[x], b = row.b[x];
        outside += r < lo || r > hi || g < lo || g > hi || b < lo || b > hi;
    }
    return outside;
}

// CTA-861.3 light of one row of PQ code values: max(R,G,B) per pixel through the EOTF table.
void add_light(const RgbRow& row, int width, RgbFacts& facts) {
    const float* nits = pq_nits_table().data();
    constexpr float kScale = static_cast<float>(kPqTableSize - 1);
    for (int x = 0; x < width; ++x) {
        const float code =
            std::max({clamp_unit(row.r[x]), clamp_unit(row.g[x]), clamp_unit(row.b[x])});
        const float value = nits[static_cast<int>(code * kScale + 0.5f)];
        facts.light_sum += value;
        facts.light_max = std::max(facts.light_max, static_cast<double>(value));
    }
}

// The conversion to Y'CbCr codes of `levels` with the weights' matrix.
RgbToYcbcr conversion(const SignalLevels& levels, const LumaWeights& k) {
    RgbToYcbcr p;
    p.kr = static_cast<float>(k.kr);
    p.kg = static_cast<float>(k.kg());
    p.kb = static_cast<float>(k.kb);
    p.inv_cb_span = static_cast<float>(1.0 / (2.0 * (1.0 - k.kb)));
    p.inv_cr_span = static_cast<float>(1.0 / (2.0 * (1.0 - k.kr)));
    p.luma_scale = static_cast<float>(levels.white() - levels.black());
    p.luma_offset = static_cast<float>(levels.black());
    p.chroma_scale = static_cast<float>(levels.chroma_high() - levels.chroma_low());
    p.chroma_offset = static_cast<float>(levels.chroma_mid());
    return p;
}

PixelFormat derived_format(int bit_depth) {
    switch (bit_depth) {
        case 8:
            return PixelFormat::Yuv444p8;
        case 10:
            return PixelFormat::Yuv444p10;
        case 12:
            return PixelFormat::Yuv444p12;
        default:
            return PixelFormat::Yuv444p16;
    }
}

// Per-thread scratch frames, reused while nobody else holds them (a 16-bit UHD 4:4:4 frame is
// 48 MB: allocating and faulting it in per call would cost more than the measures).
// Returned by pointer: a copied handle would share the planes and writing would clone them.
Result<Frame*> scratch_frame(const FrameSpec& spec, int slot) {
    thread_local std::array<Frame, 2> slots;
    Frame& cached = slots[static_cast<size_t>(slot)];
    if (cached.empty() || cached.spec() != spec || !cached.is_writable()) {
        MEDIA_TRY_ASSIGN(cached, Frame::allocate(spec));
    }
    return &cached;
}

template <typename T>
void convert_rows(const Frame& frame, Frame& out, const MeasureSource& source,
                  const VideoMeasureOptions& options, RgbFacts* facts) {
    thread_local RgbRow row;
    const int w = frame.width();
    row.resize(w);
    const bool floats = is_float(frame.format());
    const RgbToYcbcr params = conversion(source.levels, source.weights);
    auto y_plane = out.mutable_plane<T>(0);
    auto cb_plane = out.mutable_plane<T>(1);
    auto cr_plane = out.mutable_plane<T>(2);
    for (int y = 0; y < frame.height(); ++y) {
        const int64_t nonfinite = read_rgb_row(frame, y, row);
        if (facts != nullptr && floats) {
            facts->nonfinite += nonfinite;
            facts->outside_gamut +=
                count_outside(row, w, static_cast<float>(options.gamut_tolerance));
        }
        if (facts != nullptr && source.pq && options.light_level) add_light(row, w, *facts);
        rgb_to_ycbcr(row.r.data(), row.g.data(), row.b.data(), w, params, y_plane.row(y),
                     cb_plane.row(y), cr_plane.row(y));
    }
}

Result<MeasureSource> derive_from_rgb(const Frame& frame, int slot,
                                      const VideoMeasureOptions& options, RgbFacts* facts) {
    MeasureSource source;
    const int depth = is_float(frame.format()) ? 10 : info(frame.format()).bit_depth;
    source.levels = SignalLevels{depth, false};
    source.weights = luma_coefficients(frame.color().matrix);  // R'G'B': BT.709 unless tagged
    source.from_rgb = true;
    source.pq = frame.color().transfer == TransferCharacteristic::SMPTE2084;
    FrameSpec spec{frame.width(), frame.height(), derived_format(depth), frame.color()};
    spec.color.range = ColorRange::Limited;
    MEDIA_TRY_ASSIGN(Frame * out, scratch_frame(spec, slot));
    if (depth == 8)
        convert_rows<uint8_t>(frame, *out, source, options, facts);
    else
        convert_rows<uint16_t>(frame, *out, source, options, facts);
    source.ycbcr = *out;
    return source;
}

}  // namespace

Result<MeasureSource> prepare_source(const Frame& frame, int slot,
                                     const VideoMeasureOptions& options, RgbFacts* facts) {
    const PixelFormatInfo& fi = info(frame.format());
    if (fi.is_rgb) return derive_from_rgb(frame, slot, options, facts);
    MeasureSource source;
    source.ycbcr = frame;
    source.gray = !fi.is_yuv;
    // Y'CbCr is narrow range unless tagged full; gray (PNG, TIFF, DPX luma) is full unless tagged.
    source.levels.bit_depth = fi.bit_depth;
    source.levels.full_range = source.gray ? frame.color().range != ColorRange::Limited
                                           : frame.color().range == ColorRange::Full;
    source.weights = luma_coefficients(assumed_matrix(frame.color().matrix, frame.height()));
    source.pq = frame.color().transfer == TransferCharacteristic::SMPTE2084;
    return source;
}

}  // namespace media::analysis::detail
