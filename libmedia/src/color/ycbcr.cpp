// SPDX-License-Identifier: Apache-2.0
// Y'CbCr <-> R'G'B' (ITU-R BT.601, BT.709, BT.2020 non-constant luminance) and the frame
// conversions around it. Work is done per row in float: every code value of up to 16 bits is
// exact in a float and the matrix adds errors near 1e-7, far below half a 16-bit code (7.6e-6),
// so a 4:4:4 round trip comes back to the same codes.
#include "media/color/ycbcr.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "media/frame/half.h"
#include "ycbcr_internal.h"

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace media::color {

namespace detail {

LumaWeights luma_weights(YcbcrMatrix matrix) {
    switch (matrix) {
        case YcbcrMatrix::Bt601:
            return {0.299, 0.114};
        case YcbcrMatrix::Bt2020Ncl:
            return {0.2627, 0.0593};
        case YcbcrMatrix::Bt709:
            break;
    }
    return {0.2126, 0.0722};
}

Siting siting_of(ChromaLocation location) {
    switch (location) {
        case ChromaLocation::Center:
            return {0.5f, 0.5f};
        case ChromaLocation::TopLeft:
            return {0.0f, 0.0f};
        case ChromaLocation::Top:
            return {0.5f, 0.0f};
        case ChromaLocation::BottomLeft:
            return {0.0f, 1.0f};
        case ChromaLocation::Bottom:
            return {0.5f, 1.0f};
        case ChromaLocation::Left:
        case ChromaLocation::Unspecified:
            break;
    }
    return {0.0f, 0.5f};
}

}  // namespace detail

namespace {

// Frames above this many pixels are cut into row bands that TBB spreads over the cores;
// smaller ones are not worth the task overhead.
constexpr int64_t kParallelPixels = 256 * 1024;
constexpr int64_t kPixelsPerBand = 64 * 1024;

// Runs fn(first_row, end_row) over [0, rows), in parallel bands when the work is large.
template <typename Fn>
void for_row_bands(int rows, int64_t pixels_per_row, const Fn& fn) {
    if (int64_t{rows} * pixels_per_row <= kParallelPixels) {
        fn(0, rows);
        return;
    }
    const auto band_rows = static_cast<size_t>(
        std::max<int64_t>(1, kPixelsPerBand / std::max<int64_t>(1, pixels_per_row)));
    tbb::parallel_for(tbb::blocked_range<int>(0, rows, band_rows),
                      [&](const tbb::blocked_range<int>& band) { fn(band.begin(), band.end()); });
}

using detail::luma_weights;
using detail::Siting;
using detail::siting_of;

MatrixCoefficients matrix_code(YcbcrMatrix matrix) {
    switch (matrix) {
        case YcbcrMatrix::Bt601:
            return MatrixCoefficients::SMPTE170M;
        case YcbcrMatrix::Bt2020Ncl:
            return MatrixCoefficients::BT2020_NCL;
        case YcbcrMatrix::Bt709:
            break;
    }
    return MatrixCoefficients::BT709;
}

bool is_ycbcr_format(PixelFormat format) {
    return format < PixelFormat::Count && info(format).is_yuv;
}

// Timing, flags and metadata travel with the pixels; only the format changes.
void copy_properties(const Frame& from, Frame& to) {
    to.set_pts(from.pts(), from.time_base());
    to.set_index(from.index());
    to.set_timecode(from.timecode());
    to.set_key_frame(from.key_frame());
    to.set_corrupt(from.corrupt());
    const FrameMetadata stale = to.metadata();  // a reused frame may hold an older picture's
    for (const auto& entry : stale) to.erase_metadata(entry.first);
    for (const auto& [key, value] : from.metadata()) to.set_metadata(key, value);
}

// A fresh UHD RgbFloat frame is 100 MB of untouched memory: filling it costs 25 000 page faults
// of 4 KB, which take longer than the conversion itself. Asking for transparent huge pages
// (where the system grants them on request) turns those into 50 faults of 2 MB.
void advise_huge_pages(const Frame& frame) {
#ifdef __linux__
    constexpr uintptr_t kHugePage = 2u << 20;
    const PixelFormatInfo& fi = info(frame.format());
    for (int p = 0; p < fi.planes; ++p) {
        const auto begin = reinterpret_cast<uintptr_t>(frame.plane_data(p));
        const auto end = begin + static_cast<uintptr_t>(frame.plane_stride(p)) *
                                     static_cast<uintptr_t>(fi.plane_height(p, frame.height()));
        const uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
        const uintptr_t last = end & ~(kHugePage - 1);
        if (last > first)
            (void)madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
    }
#else
    (void)frame;
#endif
}

Result<Frame> allocate_like(const Frame& source, PixelFormat format, ColorInfo color) {
    MEDIA_TRY_ASSIGN(Frame out, Frame::allocate(FrameSpec{source.width(), source.height(), format,
                                                          std::move(color)}));
    advise_huge_pages(out);
    return out;
}

Result<void> check_cpu_frame(const Frame& frame, const char* what) {
    if (frame.empty())
        return Error(ErrorCode::InvalidArgument, fmt::format("{}: empty frame", what));
    if (frame.device() != DeviceKind::Cpu)
        return Error(ErrorCode::DeviceError,
                     fmt::format("{}: the frame is in device memory, not on the CPU", what));
    return ok();
}

// ---------------------------------------------------------------------------------------------
// Y'CbCr -> R'G'B'

// The decode in float, on code values: E'Y = (Y - y_offset) * y_scale, E'Cb = (Cb - c_offset) *
// c_scale, then R' = E'Y + r_cr E'Cr, G' = E'Y + g_cb E'Cb + g_cr E'Cr, B' = E'Y + b_cb E'Cb.
struct Decode {
    float y_offset, y_scale, c_offset, c_scale;
    float r_cr, g_cb, g_cr, b_cb;
};

Decode make_decode(const YcbcrDesc& desc, int bit_depth) {
    const YcbcrLevels levels = ycbcr_levels(bit_depth, desc.full_range);
    const Matrix3 m = ycbcr_to_rgb_matrix(desc.matrix);
    return {static_cast<float>(levels.y_offset), static_cast<float>(1.0 / levels.y_range),
            static_cast<float>(levels.c_offset), static_cast<float>(1.0 / levels.c_range),
            static_cast<float>(m[0][2]),         static_cast<float>(m[1][1]),
            static_cast<float>(m[1][2]),         static_cast<float>(m[2][1])};
}

// Inner loops run over blocks of a fixed number of pixels: GCC at -O2 vectorises a loop only
// when its trip count is a known multiple of the vector width, so the bulk of each row goes
// through these blocks and only the last few pixels through the scalar tail.
constexpr int kBlock = 16;

// One chroma row at full width: `padded` holds the row's samples with one copy of the edge
// sample on each side (padded[0] = c[0], padded[n + 1] = c[n - 1]).
void upsample_row(const float* padded, int chroma_width, int width, bool subsampled, float phase,
                  float* __restrict out) {
    const float* c = padded + 1;
    if (!subsampled) {
        std::copy(c, c + width, out);
        return;
    }
    const int pairs = width / 2;
    int k = 0;
    if (phase == 0.0f) {
        // Co-sited: even columns take the sample, odd ones the mean of both neighbours.
        for (; k + kBlock <= pairs; k += kBlock)
            for (int i = 0; i < kBlock; ++i) {
                out[2 * (k + i)] = c[k + i];
                out[2 * (k + i) + 1] = 0.5f * (c[k + i] + c[k + i + 1]);
            }
        for (; k < pairs; ++k) {
            out[2 * k] = c[k];
            out[2 * k + 1] = 0.5f * (c[k] + c[k + 1]);
        }
    } else {
        // Centred between columns 2k and 2k+1: 3/4 of the nearer sample, 1/4 of the next one.
        for (; k + kBlock <= pairs; k += kBlock)
            for (int i = 0; i < kBlock; ++i) {
                out[2 * (k + i)] = 0.75f * c[k + i] + 0.25f * c[k + i - 1];
                out[2 * (k + i) + 1] = 0.75f * c[k + i] + 0.25f * c[k + i + 1];
            }
        for (; k < pairs; ++k) {
            out[2 * k] = 0.75f * c[k] + 0.25f * c[k - 1];
            out[2 * k + 1] = 0.75f * c[k] + 0.25f * c[k + 1];
        }
    }
    if (width % 2 != 0) {  // the last column sits on chroma sample (width - 1) / 2
        const int last = chroma_width - 1;
        out[width - 1] = phase == 0.0f ? c[last] : 0.75f * c[last] + 0.25f * c[last - 1];
    }
}

// The two chroma rows around luma row y and the weight of the second (linear interpolation
// between chroma rows centred on 2j + phase, clamped at the picture edges).
struct RowBlend {
    int first;
    int second;
    float weight;
};

RowBlend chroma_rows_for(int y, bool subsampled, float phase, int chroma_height) {
    if (!subsampled) return {y, y, 0.0f};
    const float position = (static_cast<float>(y) - phase) * 0.5f;
    const float base = std::floor(position);
    const int j = static_cast<int>(base);
    const float weight = position - base;
    return {std::clamp(j, 0, chroma_height - 1), std::clamp(j + 1, 0, chroma_height - 1), weight};
}

// E'C of one chroma row from two source rows: ((1 - w) c0 + w c1 - offset) * scale.
template <typename T>
void blend_chroma_row(const T* __restrict c0, const T* __restrict c1, float w1, const Decode& d,
                      int count, float* __restrict out) {
    const float w0 = 1.0f - w1;
    const float offset = d.c_offset;
    const float scale = d.c_scale;
    int k = 0;
    if (w1 == 0.0f) {  // on a chroma row (and always for 4:4:4 and 4:2:2)
        for (; k + kBlock <= count; k += kBlock)
            for (int i = 0; i < kBlock; ++i)
                out[k + i] = (static_cast<float>(c0[k + i]) - offset) * scale;
        for (; k < count; ++k) out[k] = (static_cast<float>(c0[k]) - offset) * scale;
        return;
    }
    for (; k + kBlock <= count; k += kBlock)
        for (int i = 0; i < kBlock; ++i)
            out[k + i] =
                (w0 * static_cast<float>(c0[k + i]) + w1 * static_cast<float>(c1[k + i]) - offset) *
                scale;
    for (; k < count; ++k)
        out[k] = (w0 * static_cast<float>(c0[k]) + w1 * static_cast<float>(c1[k]) - offset) * scale;
}

// R'G'B' of n pixels from Y' codes and full-width E'Cb/E'Cr.
template <typename T, int N>
void decode_pixels(const T* __restrict ys, const float* __restrict cbs, const float* __restrict crs,
                   const Decode& d, float* __restrict rgb) {
    float r[N], g[N], b[N];
    for (int i = 0; i < N; ++i) {
        const float e_y = (static_cast<float>(ys[i]) - d.y_offset) * d.y_scale;
        r[i] = e_y + d.r_cr * crs[i];
        g[i] = e_y + d.g_cb * cbs[i] + d.g_cr * crs[i];
        b[i] = e_y + d.b_cb * cbs[i];
    }
    for (int i = 0; i < N; ++i) {
        rgb[3 * i] = r[i];
        rgb[3 * i + 1] = g[i];
        rgb[3 * i + 2] = b[i];
    }
}

// The planes of a Y'CbCr frame (views taken once, before any band runs: a Frame object is not
// shared across threads).
template <typename T>
struct YcbcrPlanes {
    ImageView<T> y, cb, cr, alpha;
    bool sub_h = false;
    bool sub_v = false;
};

template <typename T>
YcbcrPlanes<const T> planes_of(const Frame& frame) {
    const PixelFormatInfo& fi = info(frame.format());
    return {frame.plane<T>(0),    frame.plane<T>(1),
            frame.plane<T>(2),    fi.has_alpha ? frame.plane<T>(3) : ImageView<const T>(),
            fi.log2_chroma_w > 0, fi.log2_chroma_h > 0};
}

template <typename T>
YcbcrPlanes<T> mutable_planes_of(Frame& frame) {
    const PixelFormatInfo& fi = info(frame.format());
    return {frame.mutable_plane<T>(0), frame.mutable_plane<T>(1),
            frame.mutable_plane<T>(2), fi.has_alpha ? frame.mutable_plane<T>(3) : ImageView<T>(),
            fi.log2_chroma_w > 0,      fi.log2_chroma_h > 0};
}

template <typename T>
void ycbcr_rows_to_rgb(const YcbcrPlanes<const T>& in, ImageView<float> out, const Decode& d,
                       const Siting& siting, int first_row, int end_row) {
    const int width = in.y.width();
    const int chroma_width = in.cb.width();
    const int chroma_height = in.cb.height();

    std::vector<float> padded_cb(static_cast<size_t>(chroma_width) + 2);
    std::vector<float> padded_cr(static_cast<size_t>(chroma_width) + 2);
    std::vector<float> full_cb(static_cast<size_t>(width));
    std::vector<float> full_cr(static_cast<size_t>(width));

    for (int y = first_row; y < end_row; ++y) {
        // Vertical step on the chroma row (scaled to E'Cb/E'Cr), then horizontal to full width.
        const RowBlend rows = chroma_rows_for(y, in.sub_v, siting.vertical, chroma_height);
        float* pcb = padded_cb.data() + 1;
        float* pcr = padded_cr.data() + 1;
        blend_chroma_row(in.cb.row(rows.first), in.cb.row(rows.second), rows.weight, d,
                         chroma_width, pcb);
        blend_chroma_row(in.cr.row(rows.first), in.cr.row(rows.second), rows.weight, d,
                         chroma_width, pcr);
        pcb[-1] = pcb[0];
        pcr[-1] = pcr[0];
        pcb[chroma_width] = pcb[chroma_width - 1];
        pcr[chroma_width] = pcr[chroma_width - 1];
        upsample_row(padded_cb.data(), chroma_width, width, in.sub_h, siting.horizontal,
                     full_cb.data());
        upsample_row(padded_cr.data(), chroma_width, width, in.sub_h, siting.horizontal,
                     full_cr.data());

        const T* ys = in.y.row(y);
        float* rgb = out.row(y);
        int x = 0;
        for (; x + kBlock <= width; x += kBlock)
            decode_pixels<T, kBlock>(ys + x, full_cb.data() + x, full_cr.data() + x, d,
                                     rgb + 3 * x);
        for (; x < width; ++x)
            decode_pixels<T, 1>(ys + x, full_cb.data() + x, full_cr.data() + x, d, rgb + 3 * x);
    }
}

// ---------------------------------------------------------------------------------------------
// R'G'B' -> Y'CbCr

// Loads row y of any RGB frame as planar float R', G', B' (and alpha, 1 when absent), 0..1
// nominal. Float input is made safe for the integer conversion: NaN -> 0, magnitudes limited.
class RgbRowReader {
public:
    explicit RgbRowReader(const Frame& frame) : m_info(info(frame.format())) {
        for (int p = 0; p < m_info.planes; ++p) {
            m_planes[static_cast<size_t>(p)] = frame.plane_data(p);
            m_strides[static_cast<size_t>(p)] = frame.plane_stride(p);
        }
    }

    void read(int y, int width, float* r, float* g, float* b, float* a) const {
        const int n = m_info.components;
        switch (m_info.sample_type) {
            case SampleType::U8:
                read_integer<uint8_t>(y, width, r, g, b, a);
                return;
            case SampleType::U16:
                read_integer<uint16_t>(y, width, r, g, b, a);
                return;
            case SampleType::F16: {
                const auto* row = this->row<uint16_t>(0, y);
                for (int x = 0; x < width; ++x) {
                    r[x] = safe(half_to_float(row[n * x]));
                    g[x] = safe(half_to_float(row[n * x + 1]));
                    b[x] = safe(half_to_float(row[n * x + 2]));
                    a[x] = n == 4 ? safe(half_to_float(row[n * x + 3])) : 1.0f;
                }
                return;
            }
            case SampleType::F32:
                if (n == 4)
                    read_float<4>(this->row<float>(0, y), width, r, g, b, a);
                else
                    read_float<3>(this->row<float>(0, y), width, r, g, b, a);
                return;
        }
    }

private:
    static float safe(float v) {
        constexpr float kLimit = 1.0e6f;
        return v == v ? std::clamp(v, -kLimit, kLimit) : 0.0f;
    }

    // Deinterleaves, then makes the values safe in a second pass that vectorises.
    template <int N>
    static void read_float(const float* __restrict row, int width, float* __restrict r,
                           float* __restrict g, float* __restrict b, float* __restrict a) {
        for (int x = 0; x < width; ++x) {
            r[x] = row[N * x];
            g[x] = row[N * x + 1];
            b[x] = row[N * x + 2];
            a[x] = N == 4 ? row[N * x + 3] : 1.0f;
        }
        for (float* channel : {r, g, b, a}) make_safe(channel, width);
    }

    static void make_safe(float* __restrict values, int n) {
        int x = 0;
        for (; x + kBlock <= n; x += kBlock)
            for (int i = 0; i < kBlock; ++i) values[x + i] = safe(values[x + i]);
        for (; x < n; ++x) values[x] = safe(values[x]);
    }

    template <typename T>
    const T* row(int plane, int y) const {
        const auto p = static_cast<size_t>(plane);
        return reinterpret_cast<const T*>(m_planes[p] + int64_t{y} * m_strides[p]);
    }

    template <typename T>
    void read_integer(int y, int width, float* r, float* g, float* b, float* a) const {
        // Division, not a reciprocal: the top code must give exactly 1.
        const float max = static_cast<float>((1 << m_info.bit_depth) - 1);
        if (!m_info.is_packed) {  // Gbrp: planes G, B, R
            const T* gs = row<T>(0, y);
            const T* bs = row<T>(1, y);
            const T* rs = row<T>(2, y);
            for (int x = 0; x < width; ++x) {
                r[x] = static_cast<float>(rs[x]) / max;
                g[x] = static_cast<float>(gs[x]) / max;
                b[x] = static_cast<float>(bs[x]) / max;
                a[x] = 1.0f;
            }
            return;
        }
        const T* samples = row<T>(0, y);
        const int n = m_info.components;
        for (int x = 0; x < width; ++x) {
            r[x] = static_cast<float>(samples[n * x]) / max;
            g[x] = static_cast<float>(samples[n * x + 1]) / max;
            b[x] = static_cast<float>(samples[n * x + 2]) / max;
            a[x] = n == 4 ? static_cast<float>(samples[n * x + 3]) / max : 1.0f;
        }
    }

    const PixelFormatInfo& m_info;
    std::array<const std::byte*, Frame::kMaxPlanes> m_planes{};
    std::array<int64_t, Frame::kMaxPlanes> m_strides{};
};

// The encode in float, straight to (unrounded) code values.
struct Encode {
    float y_r, y_g, y_b, y_offset;
    float cb_r, cb_g, cb_b, cr_r, cr_g, cr_b, c_offset;
    float max_code;
};

Encode make_encode(const YcbcrDesc& desc, int bit_depth) {
    const YcbcrLevels levels = ycbcr_levels(bit_depth, desc.full_range);
    const Matrix3 m = rgb_to_ycbcr_matrix(desc.matrix);
    const auto f = [](double v) { return static_cast<float>(v); };
    return {f(m[0][0] * levels.y_range), f(m[0][1] * levels.y_range), f(m[0][2] * levels.y_range),
            f(levels.y_offset),          f(m[1][0] * levels.c_range), f(m[1][1] * levels.c_range),
            f(m[1][2] * levels.c_range), f(m[2][0] * levels.c_range), f(m[2][1] * levels.c_range),
            f(m[2][2] * levels.c_range), f(levels.c_offset),          f((1 << bit_depth) - 1)};
}

template <typename T>
T to_code(float value, float max_code) {
    return static_cast<T>(std::clamp(value, 0.0f, max_code) + 0.5f);
}

// Rounds n unrounded code values to T, clipped to 0..max_code.
template <typename T>
void to_codes(const float* __restrict values, int n, float max_code, T* __restrict out) {
    int x = 0;
    for (; x + kBlock <= n; x += kBlock)
        for (int i = 0; i < kBlock; ++i) out[x + i] = to_code<T>(values[x + i], max_code);
    for (; x < n; ++x) out[x] = to_code<T>(values[x], max_code);
}

// Y' = y_r R' + y_g G' + y_b B' + y_offset, and likewise Cb and Cr, for n pixels.
void encode_pixels(const float* __restrict r, const float* __restrict g, const float* __restrict b,
                   const Encode& e, int n, float* __restrict y, float* __restrict cb,
                   float* __restrict cr) {
    const auto block = [&](int x, auto count) {
        for (int i = 0; i < count; ++i) {
            const float rr = r[x + i], gg = g[x + i], bb = b[x + i];
            y[x + i] = e.y_r * rr + e.y_g * gg + e.y_b * bb + e.y_offset;
            cb[x + i] = e.cb_r * rr + e.cb_g * gg + e.cb_b * bb + e.c_offset;
            cr[x + i] = e.cr_r * rr + e.cr_g * gg + e.cr_b * bb + e.c_offset;
        }
    };
    int x = 0;
    for (; x + kBlock <= n; x += kBlock) block(x, std::integral_constant<int, kBlock>{});
    for (; x < n; ++x) block(x, std::integral_constant<int, 1>{});
}

// One luma row converted at full width: Y', Cb, Cr as unrounded codes, alpha 0..1.
struct EncodedRow {
    std::vector<float> r, g, b, a, y, cb, cr;
    explicit EncodedRow(int width)
        : r(static_cast<size_t>(width)),
          g(r.size()),
          b(r.size()),
          a(r.size()),
          y(r.size()),
          cb(r.size()),
          cr(r.size()) {}

    void fill(const RgbRowReader& reader, const Encode& e, int row, int width) {
        reader.read(row, width, r.data(), g.data(), b.data(), a.data());
        encode_pixels(r.data(), g.data(), b.data(), e, width, y.data(), cb.data(), cr.data());
    }
};

// The luma rows (and weights) averaged into chroma row j: a filter centred on the sample's
// vertical position 2j + phase ([1 1]/2 between rows, [1 2 1]/4 on a row), clamped at edges.
struct RowTaps {
    int count = 0;
    std::array<int, 3> row{};
    std::array<float, 3> weight{};
};

RowTaps luma_rows_for(int j, bool subsampled, float phase, int height) {
    RowTaps taps;
    const auto add = [&](int row, float weight) {
        taps.row[static_cast<size_t>(taps.count)] = std::clamp(row, 0, height - 1);
        taps.weight[static_cast<size_t>(taps.count)] = weight;
        ++taps.count;
    };
    if (!subsampled) {
        add(j, 1.0f);
    } else if (phase == 0.5f) {
        add(2 * j, 0.5f);
        add(2 * j + 1, 0.5f);
    } else {
        const int centre = 2 * j + (phase == 0.0f ? 0 : 1);
        add(centre - 1, 0.25f);
        add(centre, 0.5f);
        add(centre + 1, 0.25f);
    }
    return taps;
}

// sum = w * values (first tap) or sum += w * values.
void accumulate(const float* __restrict values, float w, bool first, int n, float* __restrict sum) {
    int x = 0;
    if (first) {
        for (; x + kBlock <= n; x += kBlock)
            for (int i = 0; i < kBlock; ++i) sum[x + i] = w * values[x + i];
        for (; x < n; ++x) sum[x] = w * values[x];
        return;
    }
    for (; x + kBlock <= n; x += kBlock)
        for (int i = 0; i < kBlock; ++i) sum[x + i] += w * values[x + i];
    for (; x < n; ++x) sum[x] += w * values[x];
}

// Horizontal chroma filter centred on the sample position 2k + phase, rounded to codes.
// `filtered` is scratch of the chroma width.
template <typename T>
void downsample_row(const float* __restrict full, int width, bool subsampled, float phase,
                    float max_code, float* __restrict filtered, T* out, int chroma_width) {
    if (!subsampled) {
        to_codes(full, width, max_code, out);
        return;
    }
    const int last = width - 1;
    // Samples whose taps stay inside the row need no clamping: 1 <= k and 2k + 1 <= last.
    const int inner_end = std::max(1, std::min(chroma_width, (last - 1) / 2 + 1));
    const auto edge = [&](int k) {
        const int x = 2 * k;
        filtered[k] = phase == 0.0f ? 0.25f * full[std::max(x - 1, 0)] + 0.5f * full[x] +
                                          0.25f * full[std::min(x + 1, last)]
                                    : 0.5f * (full[x] + full[std::min(x + 1, last)]);
    };
    edge(0);
    int k = 1;
    if (phase == 0.0f) {
        for (; k + kBlock <= inner_end; k += kBlock)
            for (int i = 0; i < kBlock; ++i) {
                const int x = 2 * (k + i);
                filtered[k + i] = 0.25f * full[x - 1] + 0.5f * full[x] + 0.25f * full[x + 1];
            }
    } else {
        for (; k + kBlock <= inner_end; k += kBlock)
            for (int i = 0; i < kBlock; ++i) {
                const int x = 2 * (k + i);
                filtered[k + i] = 0.5f * (full[x] + full[x + 1]);
            }
    }
    for (; k < chroma_width; ++k) edge(k);
    to_codes(filtered, chroma_width, max_code, out);
}

template <typename T>
void rgb_rows_to_ycbcr(const RgbRowReader& reader, const YcbcrPlanes<T>& out, const Encode& e,
                       const Siting& siting, int first_chroma_row, int end_chroma_row) {
    const int width = out.y.width();
    const int height = out.y.height();
    const int chroma_width = out.cb.width();

    EncodedRow row(width);
    std::vector<float> sum_cb(static_cast<size_t>(width));
    std::vector<float> sum_cr(static_cast<size_t>(width));
    std::vector<float> filtered(static_cast<size_t>(chroma_width));
    std::vector<float> alpha_codes(out.alpha.empty() ? 0 : static_cast<size_t>(width));

    for (int j = first_chroma_row; j < end_chroma_row; ++j) {
        const RowTaps taps = luma_rows_for(j, out.sub_v, siting.vertical, height);
        for (int t = 0; t < taps.count; ++t) {
            const int y = taps.row[static_cast<size_t>(t)];
            row.fill(reader, e, y, width);
            if (taps.count > 1) {
                const float w = taps.weight[static_cast<size_t>(t)];
                accumulate(row.cb.data(), w, t == 0, width, sum_cb.data());
                accumulate(row.cr.data(), w, t == 0, width, sum_cr.data());
            }
            // Each luma row belongs to one chroma row: written by the band that owns it.
            if ((out.sub_v ? y / 2 : y) != j) continue;
            to_codes(row.y.data(), width, e.max_code, out.y.row(y));
            if (!out.alpha.empty()) {
                for (int x = 0; x < width; ++x)
                    alpha_codes[static_cast<size_t>(x)] =
                        row.a[static_cast<size_t>(x)] * e.max_code;
                to_codes(alpha_codes.data(), width, e.max_code, out.alpha.row(y));
            }
        }
        const float* cb = taps.count > 1 ? sum_cb.data() : row.cb.data();
        const float* cr = taps.count > 1 ? sum_cr.data() : row.cr.data();
        downsample_row(cb, width, out.sub_h, siting.horizontal, e.max_code, filtered.data(),
                       out.cb.row(j), chroma_width);
        downsample_row(cr, width, out.sub_h, siting.horizontal, e.max_code, filtered.data(),
                       out.cr.row(j), chroma_width);
    }
}

// ---------------------------------------------------------------------------------------------
// Other formats -> RgbFloat

template <typename T>
void gray_rows_to_rgb(ImageView<const T> gray, ImageView<float> out, float offset, float range,
                      int first_row, int end_row) {
    for (int y = first_row; y < end_row; ++y) {
        const T* src = gray.row(y);
        float* dst = out.row(y);
        for (int x = 0; x < gray.width(); ++x) {
            const float v = (static_cast<float>(src[x]) - offset) / range;
            dst[3 * x] = dst[3 * x + 1] = dst[3 * x + 2] = v;
        }
    }
}

// RGB formats other than RgbFloat: R', G', B' scaled to 0..1 by their bit depth (floats as
// they are, NaN and infinities kept); alpha dropped.
void rgb_rows_to_rgb_float(const RgbRowReader& reader, const PixelFormatInfo& fi, const Frame& in,
                           ImageView<float> out, int first_row, int end_row) {
    const int width = out.width();
    const int n = fi.components;
    if (fi.sample_type == SampleType::F32) {
        const ImageView<const float> src = in.plane<float>(0);
        for (int y = first_row; y < end_row; ++y) {
            const float* s = src.row(y);
            float* dst = out.row(y);
            for (int x = 0; x < width; ++x)
                for (int c = 0; c < 3; ++c) dst[3 * x + c] = s[n * x + c];
        }
        return;
    }
    if (fi.sample_type == SampleType::F16) {
        const ImageView<const uint16_t> src = in.plane<uint16_t>(0);
        for (int y = first_row; y < end_row; ++y) {
            const uint16_t* s = src.row(y);
            float* dst = out.row(y);
            for (int x = 0; x < width; ++x)
                for (int c = 0; c < 3; ++c) dst[3 * x + c] = half_to_float(s[n * x + c]);
        }
        return;
    }
    std::vector<float> r(static_cast<size_t>(width)), g(r.size()), b(r.size()), a(r.size());
    for (int y = first_row; y < end_row; ++y) {
        reader.read(y, width, r.data(), g.data(), b.data(), a.data());
        float* dst = out.row(y);
        for (size_t x = 0; x < r.size(); ++x) {
            dst[3 * x] = r[x];
            dst[3 * x + 1] = g[x];
            dst[3 * x + 2] = b[x];
        }
    }
}

Result<void> check_ycbcr_input(const Frame& ycbcr) {
    MEDIA_TRY(check_cpu_frame(ycbcr, "ycbcr_to_rgb"));
    if (!is_ycbcr_format(ycbcr.format()))
        return Error(
            ErrorCode::UnsupportedFormat,
            fmt::format("ycbcr_to_rgb: {} is not a Y'CbCr format", info(ycbcr.format()).name));
    return ok();
}

Result<void> check_rgb_input(const Frame& rgb) {
    MEDIA_TRY(check_cpu_frame(rgb, "rgb_to_ycbcr"));
    if (rgb.format() >= PixelFormat::Count || !info(rgb.format()).is_rgb)
        return Error(ErrorCode::UnsupportedFormat,
                     fmt::format("rgb_to_ycbcr: the input {} is not an RGB format",
                                 info(rgb.format()).name));
    return ok();
}

Result<void> check_ycbcr_output(PixelFormat format) {
    if (!is_ycbcr_format(format))
        return Error(ErrorCode::UnsupportedFormat,
                     fmt::format("rgb_to_ycbcr: the output {} is not a Y'CbCr format",
                                 format < PixelFormat::Count ? info(format).name : "format"));
    return ok();
}

// The tags of an encoded frame: the source's, with the matrix, range and (for 4:2:x) siting
// that the encode used.
ColorInfo encoded_color(ColorInfo color, const PixelFormatInfo& fi, const YcbcrDesc& desc) {
    color.matrix = matrix_code(desc.matrix);
    color.range = desc.full_range ? ColorRange::Full : ColorRange::Limited;
    if (fi.log2_chroma_w > 0 || fi.log2_chroma_h > 0)
        color.chroma_location =
            desc.siting == ChromaLocation::Unspecified ? ChromaLocation::Left : desc.siting;
    return color;
}

// Checks a caller's output frame (CPU, the format, the source's size), makes it writable and
// gives it the source's properties and `color`.
Result<void> prepare_output(const Frame& source, Frame& out, PixelFormat format, ColorInfo color,
                            const char* what) {
    MEDIA_TRY(check_cpu_frame(out, what));
    if (out.format() != format || out.width() != source.width() || out.height() != source.height())
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: the output frame is {} {}x{}, not {} {}x{}", what,
                                 info(out.format()).name, out.width(), out.height(),
                                 info(format).name, source.width(), source.height()));
    MEDIA_TRY(out.make_writable());
    out.set_color(std::move(color));
    copy_properties(source, out);
    return ok();
}

}  // namespace

YcbcrDesc ycbcr_desc_from(const ColorInfo& color, int height) {
    YcbcrDesc desc;
    switch (color.matrix) {
        case MatrixCoefficients::BT709:
        case MatrixCoefficients::SMPTE240M:  // Kr .212, Kb .087: closest to BT.709
            desc.matrix = YcbcrMatrix::Bt709;
            break;
        case MatrixCoefficients::BT470BG:
        case MatrixCoefficients::SMPTE170M:
        case MatrixCoefficients::FCC:  // Kr .30, Kb .11: closest to BT.601
            desc.matrix = YcbcrMatrix::Bt601;
            break;
        case MatrixCoefficients::BT2020_NCL:
        case MatrixCoefficients::BT2020_CL:
            desc.matrix = YcbcrMatrix::Bt2020Ncl;
            break;
        default:
            // Untagged: BT.2020 primaries or an HDR transfer mean a BT.2020 master; SD sizes
            // are BT.601 (as players guess); everything else BT.709.
            if (color.primaries == ColorPrimaries::BT2020 || color.is_hdr())
                desc.matrix = YcbcrMatrix::Bt2020Ncl;
            else if (height > 0 && height <= 576)
                desc.matrix = YcbcrMatrix::Bt601;
            else
                desc.matrix = YcbcrMatrix::Bt709;
            break;
    }
    desc.full_range = color.range == ColorRange::Full;
    desc.siting = color.chroma_location == ChromaLocation::Unspecified ? ChromaLocation::Left
                                                                       : color.chroma_location;
    return desc;
}

YcbcrLevels ycbcr_levels(int bit_depth, bool full_range) {
    bit_depth = std::clamp(bit_depth, 8, 16);
    const double max_code = std::ldexp(1.0, bit_depth) - 1.0;
    const double c_offset = std::ldexp(1.0, bit_depth - 1);
    if (full_range) return {0.0, max_code, c_offset, max_code};
    // BT.601/709/2020 narrow range: 16, 219 and 224 at 8 bits, scaled by 2^(bits - 8).
    const double scale = std::ldexp(1.0, bit_depth - 8);
    return {16.0 * scale, 219.0 * scale, c_offset, 224.0 * scale};
}

Matrix3 rgb_to_ycbcr_matrix(YcbcrMatrix matrix) {
    const auto [kr, kb] = luma_weights(matrix);
    const double kg = 1.0 - kr - kb;
    // E'Y = Kr R' + Kg G' + Kb B'; E'Cb = (B' - E'Y) / (2 (1 - Kb)); E'Cr = (R' - E'Y) / (2 (1 -
    // Kr)).
    const double cb = 2.0 * (1.0 - kb);
    const double cr = 2.0 * (1.0 - kr);
    return {{{kr, kg, kb},
             {-kr / cb, -kg / cb, (1.0 - kb) / cb},
             {(1.0 - kr) / cr, -kg / cr, -kb / cr}}};
}

Matrix3 ycbcr_to_rgb_matrix(YcbcrMatrix matrix) {
    const auto [kr, kb] = luma_weights(matrix);
    const double kg = 1.0 - kr - kb;
    // The closed form of the inverse (as the standards print it): R' = E'Y + 2 (1 - Kr) E'Cr,
    // B' = E'Y + 2 (1 - Kb) E'Cb, G' from E'Y = Kr R' + Kg G' + Kb B'.
    return {{{1.0, 0.0, 2.0 * (1.0 - kr)},
             {1.0, -2.0 * kb * (1.0 - kb) / kg, -2.0 * kr * (1.0 - kr) / kg},
             {1.0, 2.0 * (1.0 - kb), 0.0}}};
}

Result<void> ycbcr_to_rgb(const Frame& ycbcr, const YcbcrDesc& desc, Frame& rgb) {
    MEDIA_TRY(check_ycbcr_input(ycbcr));
    MEDIA_TRY(prepare_output(ycbcr, rgb, PixelFormat::RgbFloat, ycbcr.color(), "ycbcr_to_rgb"));
    const PixelFormatInfo& fi = info(ycbcr.format());
    const Decode decode = make_decode(desc, fi.bit_depth);
    const Siting siting = siting_of(desc.siting);
    const ImageView<float> out = rgb.mutable_plane<float>(0);
    if (fi.bytes_per_sample == 1) {
        const auto planes = planes_of<uint8_t>(ycbcr);
        for_row_bands(ycbcr.height(), ycbcr.width(), [&](int first, int end) {
            ycbcr_rows_to_rgb(planes, out, decode, siting, first, end);
        });
    } else {
        const auto planes = planes_of<uint16_t>(ycbcr);
        for_row_bands(ycbcr.height(), ycbcr.width(), [&](int first, int end) {
            ycbcr_rows_to_rgb(planes, out, decode, siting, first, end);
        });
    }
    return ok();
}

Result<Frame> ycbcr_to_rgb(const Frame& ycbcr, const YcbcrDesc& desc) {
    MEDIA_TRY(check_ycbcr_input(ycbcr));
    MEDIA_TRY_ASSIGN(Frame out, allocate_like(ycbcr, PixelFormat::RgbFloat, ycbcr.color()));
    MEDIA_TRY(ycbcr_to_rgb(ycbcr, desc, out));
    return out;
}

Result<void> rgb_to_ycbcr(const Frame& rgb, const YcbcrDesc& desc, Frame& ycbcr) {
    MEDIA_TRY(check_rgb_input(rgb));
    MEDIA_TRY(check_ycbcr_output(ycbcr.format()));
    const PixelFormatInfo& fi = info(ycbcr.format());
    MEDIA_TRY(prepare_output(rgb, ycbcr, ycbcr.format(), encoded_color(rgb.color(), fi, desc),
                             "rgb_to_ycbcr"));
    const Encode encode = make_encode(desc, fi.bit_depth);
    const Siting siting = siting_of(desc.siting);
    const int chroma_rows = fi.plane_height(1, rgb.height());
    const int64_t pixels_per_chroma_row = int64_t{rgb.width()} << fi.log2_chroma_h;
    const RgbRowReader reader(rgb);
    if (fi.bytes_per_sample == 1) {
        const auto planes = mutable_planes_of<uint8_t>(ycbcr);
        for_row_bands(chroma_rows, pixels_per_chroma_row, [&](int first, int end) {
            rgb_rows_to_ycbcr(reader, planes, encode, siting, first, end);
        });
    } else {
        const auto planes = mutable_planes_of<uint16_t>(ycbcr);
        for_row_bands(chroma_rows, pixels_per_chroma_row, [&](int first, int end) {
            rgb_rows_to_ycbcr(reader, planes, encode, siting, first, end);
        });
    }
    return ok();
}

Result<Frame> rgb_to_ycbcr(const Frame& rgb, PixelFormat format, const YcbcrDesc& desc) {
    MEDIA_TRY(check_rgb_input(rgb));
    MEDIA_TRY(check_ycbcr_output(format));
    MEDIA_TRY_ASSIGN(Frame out, allocate_like(rgb, format, rgb.color()));
    MEDIA_TRY(rgb_to_ycbcr(rgb, desc, out));
    return out;
}

Result<Frame> to_rgb_float(const Frame& frame, const YcbcrDesc* desc) {
    MEDIA_TRY(check_cpu_frame(frame, "to_rgb_float"));
    if (frame.format() >= PixelFormat::Count)
        return Error(ErrorCode::UnsupportedFormat, "to_rgb_float: unknown pixel format");
    const PixelFormatInfo& fi = info(frame.format());
    if (fi.is_yuv)
        return ycbcr_to_rgb(frame, desc ? *desc : ycbcr_desc_from(frame.color(), frame.height()));
    if (frame.format() == PixelFormat::RgbFloat) return frame;  // shares the pixels

    MEDIA_TRY_ASSIGN(Frame out, allocate_like(frame, PixelFormat::RgbFloat, frame.color()));
    copy_properties(frame, out);
    const ImageView<float> rgb = out.mutable_plane<float>(0);
    if (fi.is_rgb) {
        const RgbRowReader reader(frame);
        for_row_bands(frame.height(), frame.width(), [&](int first, int end) {
            rgb_rows_to_rgb_float(reader, fi, frame, rgb, first, end);
        });
        return out;
    }
    // Gray: luma as R' = G' = B'; narrow-range levels only when the frame is tagged so.
    const YcbcrLevels levels =
        ycbcr_levels(fi.bit_depth, frame.color().range != ColorRange::Limited);
    const auto offset = static_cast<float>(levels.y_offset);
    const auto range = static_cast<float>(levels.y_range);
    if (fi.bytes_per_sample == 1) {
        const auto gray = frame.plane<uint8_t>(0);
        for_row_bands(frame.height(), frame.width(), [&](int first, int end) {
            gray_rows_to_rgb(gray, rgb, offset, range, first, end);
        });
    } else {
        const auto gray = frame.plane<uint16_t>(0);
        for_row_bands(frame.height(), frame.width(), [&](int first, int end) {
            gray_rows_to_rgb(gray, rgb, offset, range, first, end);
        });
    }
    return out;
}

}  // namespace media::color
