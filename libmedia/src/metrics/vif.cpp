// SPDX-License-Identifier: Apache-2.0
// VMAF's VIF: the scale loop, the row rings and libvmaf's final arithmetic, and the scalar
// references of the row kernels (their SIMD versions are in vif_simd.cpp; vif_kernels.h says how
// they follow libvmaf's integer_vif).
#include "media/metrics/vif.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <vector>

#include "vif_kernels.h"

namespace media::metrics {
namespace detail {
namespace {

constexpr int round_up(int n, int m) {
    return (n + m - 1) / m * m;
}

/// The five local statistics of one output row, each with 64 values of room on both sides.
template <typename F>
struct MomentRows {
    F* row[kVifPlanes];  // mu1, mu2, xx, yy, xy (indexed like the input planes)
};

template <typename F>
MomentRows<F> moment_rows(F* scratch, int width, int which) {
    const int stride = round_up(width, 64) + 2 * 64;
    MomentRows<F> m;
    for (int p = 0; p < kVifPlanes; ++p)
        m.row[p] = scratch + (which * kVifPlanes + p) * stride + 64;
    return m;
}

template <typename F>
void mirror_edges(F* row, int width, int radius) {
    for (int f = 1; f <= radius; ++f) {
        row[-f] = row[vif_mirror(-f, width)];
        row[width - 1 + f] = row[vif_mirror(width - 1 + f, width)];
    }
}

/// Vertical sums of plane p for output row `out` (0: row i, 1: row i + 1) at column j.
template <typename F, typename Tap>
F vertical_at(const VifRows<F>& rows, int p, int out, int j, const Tap* taps, int radius) {
    const F* const* r = rows.rows + out;
    const int at = vif_index<F>(j, p);
    F sum = static_cast<F>(taps[radius]) * r[radius][at];
    for (int k = 1; k <= radius; ++k)
        sum += static_cast<F>(taps[radius - k]) * (r[radius - k][at] + r[radius + k][at]);
    return sum;
}

template <typename F>
F filter_at(const F* row, int j, const F* taps, int radius) {
    F sum = taps[radius] * row[j];
    for (int k = 1; k <= radius; ++k) sum += taps[radius - k] * (row[j - k] + row[j + k]);
    return sum;
}

void add_row(VifSums& sums, const VifSums& row) {
    sums.num_log += row.num_log;
    sums.den_log += row.den_log;
    sums.flat_sigma2 += row.flat_sigma2;
    sums.flat_count += row.flat_count;
}

// Scales 0 and 1, vertical: libvmaf rounds the vertical means to 1/256 of a level but keeps the
// second moments (to 1/65536), so the rounding r of a mean enters its centred second moment as
// -2 * centre * r.
void scalar_vertical_f32(const VifRows<float>& rows, int out, const float* taps, int r,
                         const MomentRows<float>& m) {
    for (int j = 0; j < rows.width; ++j) {
        float v[kVifPlanes];
        for (int p = 0; p < kVifPlanes; ++p) v[p] = vertical_at(rows, p, out, j, taps, r);
        const float r1 = std::floor(v[0] * 256.0f + 0.5f) / 256.0f - v[0];
        const float r2 = std::floor(v[1] * 256.0f + 0.5f) / 256.0f - v[1];
        m.row[0][j] = v[0] + r1;
        m.row[1][j] = v[1] + r2;
        m.row[2][j] = v[2] - 2.0f * kVifCentre * r1;
        m.row[3][j] = v[3] - 2.0f * kVifCentre * r2;
        m.row[4][j] = v[4] - kVifCentre * (r1 + r2);
    }
}

void scalar_stats_f32(const MomentRows<float>& m, int width, const float* taps, int r, float limit,
                      VifSums& sums) {
    VifSums row;
    for (int j = 0; j < width; ++j) {
        const float mu1 = filter_at(m.row[0], j, taps, r), mu2 = filter_at(m.row[1], j, taps, r);
        const float s1 = filter_at(m.row[2], j, taps, r) - mu1 * mu1;
        const float s2 = std::max(filter_at(m.row[3], j, taps, r) - mu2 * mu2, 0.0f);
        const float s12 = filter_at(m.row[4], j, taps, r) - mu1 * mu2;
        if (s1 >= 2.0f) {
            row.den_log += std::log2(static_cast<double>(1.0f + 0.5f * s1));
            if (s12 > 0.0f && s2 > 0.0f) {
                float g = s12 / s1;
                const float sv = std::max(s2 - g * s12, 0.0f);
                g = std::min(g, limit);
                const float b = sv + 2.0f;
                const float a = g * g * s1 + b;
                row.num_log +=
                    std::log2(static_cast<double>(a)) - std::log2(static_cast<double>(b));
            }
        } else {
            row.flat_sigma2 += s2;
            row.flat_count += 1;
        }
    }
    add_row(sums, row);
}

}  // namespace

void scalar_vif_rows_f32(const VifRows<float>& rows, int scale, float enhn_gain_limit,
                         float* scratch, VifSums& sums) {
    const int r = kVifRadius[scale];
    float taps[17];
    for (int k = 0; k <= 2 * r; ++k) taps[k] = static_cast<float>(kVifTaps[scale][k]) / 65536.0f;
    for (int out = 0; out < rows.count; ++out) {
        const MomentRows<float> m = moment_rows(scratch, rows.width, out);
        scalar_vertical_f32(rows, out, taps, r, m);
        for (float* row : m.row) mirror_edges(row, rows.width, r);
        scalar_stats_f32(m, rows.width, taps, r, enhn_gain_limit, sums);
    }
}

namespace {

// Scales 2 and 3 hold integers below 2^53 throughout, so double reproduces libvmaf's
// uint32/uint64 arithmetic exactly: values v < 2^16, v^2 * tap sums < 2^48.
void scalar_vertical_f64(const VifRows<double>& rows, int out, int scale,
                         const MomentRows<double>& m) {
    const int r = kVifRadius[scale];
    for (int j = 0; j < rows.width; ++j)
        for (int p = 0; p < kVifPlanes; ++p)
            m.row[p][j] =
                std::floor(vertical_at(rows, p, out, j, kVifTaps[scale], r) / 65536.0 + 0.5);
}

// round(a * b / 2^32) for integers a, b < 2^32. The product rounds in double (to 2^11 of
// 2^64), which moves the result only within 2^-21 of a half: off by one unit in about 1e-6 of
// the pixels, against libvmaf's exact uint64.
double product_q32(double a, double b) {
    return std::floor(a * b / 4294967296.0 + 0.5);
}

void scalar_stats_f64(const MomentRows<double>& m, int width, int scale, double limit,
                      VifSums& sums) {
    const int r = kVifRadius[scale];
    double taps[17];
    for (int k = 0; k <= 2 * r; ++k) taps[k] = kVifTaps[scale][k];
    constexpr double sigma_nsq = 131072.0;  // 2 in units of 1/65536
    VifSums row;
    for (int j = 0; j < width; ++j) {
        const double mu1 = filter_at(m.row[0], j, taps, r), mu2 = filter_at(m.row[1], j, taps, r);
        const double xx = std::floor(filter_at(m.row[2], j, taps, r) / 65536.0 + 0.5);
        const double yy = std::floor(filter_at(m.row[3], j, taps, r) / 65536.0 + 0.5);
        const double xy = std::floor(filter_at(m.row[4], j, taps, r) / 65536.0 + 0.5);
        const double s1 = xx - product_q32(mu1, mu1);
        const double s2 = std::max(yy - product_q32(mu2, mu2), 0.0);
        const double s12 = xy - product_q32(mu1, mu2);
        if (s1 >= sigma_nsq) {
            row.den_log += std::log2(1.0 + s1 / sigma_nsq);
            if (s12 > 0 && s2 > 0) {
                double g = s12 / (s1 + 65536 * 1.0e-10);
                const double sv = std::max(std::trunc(s2 - g * s12), 0.0);
                g = std::min(g, limit);
                const double n1 = sv + sigma_nsq;
                const double nt = std::trunc(g * g * s1) + n1;
                row.num_log += std::log2(nt) - std::log2(n1);
            }
        } else {
            row.flat_sigma2 += s2 / 65536.0;
            row.flat_count += 1;
        }
    }
    add_row(sums, row);
}

}  // namespace

void scalar_vif_rows_f64(const VifRows<double>& rows, int scale, double enhn_gain_limit,
                         double* scratch, VifSums& sums) {
    const int r = kVifRadius[scale];
    for (int out = 0; out < rows.count; ++out) {
        const MomentRows<double> m = moment_rows(scratch, rows.width, out);
        scalar_vertical_f64(rows, out, scale, m);
        for (double* row : m.row) mirror_edges(row, rows.width, r);
        scalar_stats_f64(m, rows.width, scale, enhn_gain_limit, sums);
    }
}

namespace {

template <typename T>
void scalar_prepare_f32(const T* ref, const T* dist, int n, float scale, float* out) {
    for (int i = 0; i < n; ++i) {
        const float a = static_cast<float>(ref[i]) * scale - kVifCentre;
        const float b = static_cast<float>(dist[i]) * scale - kVifCentre;
        out[vif_index<float>(i, kVifRef)] = a;
        out[vif_index<float>(i, kVifDist)] = b;
        out[vif_index<float>(i, kVifRefSq)] = a * a;
        out[vif_index<float>(i, kVifDistSq)] = b * b;
        out[vif_index<float>(i, kVifRefDist)] = a * b;
    }
}

}  // namespace

void scalar_vif_prepare(const uint8_t* ref, const uint8_t* dist, int n, float* out) {
    scalar_prepare_f32(ref, dist, n, 1.0f, out);
}
void scalar_vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, int bit_depth,
                        float* out) {
    scalar_prepare_f32(ref, dist, n, 1.0f / static_cast<float>(1 << (bit_depth - 8)), out);
}
void scalar_vif_prepare(const uint16_t* ref, const uint16_t* dist, int n, double* out) {
    for (int i = 0; i < n; ++i) {
        const double a = ref[i], b = dist[i];
        out[vif_index<double>(i, kVifRef)] = a;
        out[vif_index<double>(i, kVifDist)] = b;
        out[vif_index<double>(i, kVifRefSq)] = a * a;
        out[vif_index<double>(i, kVifDistSq)] = b * b;
        out[vif_index<double>(i, kVifRefDist)] = a * b;
    }
}

namespace {

template <typename T>
void scalar_decimate(const VifDecimateRows<T>& rows, int scale, uint32_t* scratch, uint16_t* out) {
    const int r = kVifRadius[scale];
    const uint16_t* taps = kVifTaps[scale];
    uint32_t* t = scratch + 64;
    const uint32_t round = 1u << (rows.shift - 1);
    for (int j = 0; j < rows.width; ++j) {
        uint32_t sum = 0;
        for (int k = 0; k <= 2 * r; ++k) sum += uint32_t{taps[k]} * rows.rows[k][j];
        t[j] = static_cast<uint32_t>((uint64_t{sum} + round) >> rows.shift);
    }
    mirror_edges(t, rows.width, r);
    for (int q = 0; q < rows.width / 2; ++q) {
        uint32_t sum = 0;
        for (int k = 0; k <= 2 * r; ++k) sum += uint32_t{taps[k]} * t[2 * q - r + k];
        out[q] = static_cast<uint16_t>((uint64_t{sum} + 32768) >> 16);
    }
}

}  // namespace

void scalar_vif_decimate_row(const VifDecimateRows<uint8_t>& rows, int scale, uint32_t* scratch,
                             uint16_t* out) {
    scalar_decimate(rows, scale, scratch, out);
}
void scalar_vif_decimate_row(const VifDecimateRows<uint16_t>& rows, int scale, uint32_t* scratch,
                             uint16_t* out) {
    scalar_decimate(rows, scale, scratch, out);
}

namespace {

/// A decimated plane: values in 1/256 of an 8-bit level, rows padded for whole vectors.
struct ValuePlane {
    std::vector<uint16_t> values;
    int width = 0;
    int height = 0;
    int stride = 0;
    const uint16_t* row(int y) const { return values.data() + static_cast<size_t>(y) * stride; }
};

struct Scratch {
    std::vector<float> ring_f32;
    std::vector<double> ring_f64;
    std::vector<float> rows_f32;
    std::vector<double> rows_f64;
    std::vector<uint32_t> decimate;
    ValuePlane planes[2][2];  // [ping-pong][ref, dist]
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

template <typename V>
void grow(std::vector<V>& v, size_t n) {
    if (v.size() < n) v.resize(n);
}

/// The prepared rows of the current scale, made on demand in a ring of 2 * radius + 2 slots: the
/// mirrored input rows of output rows i and i + 1 all lie in it.
template <typename F, typename Prepare>
class RowRing {
public:
    RowRing(std::vector<F>& storage, int width, int height, int radius, Prepare prepare)
        : m_height(height),
          m_radius(radius),
          m_slots(2 * radius + 2),
          m_stride(vif_prepared_row(width)),
          m_prepare(prepare) {
        grow(storage, static_cast<size_t>(m_slots) * m_stride);
        m_data = storage.data();
    }
    /// Fills `ptrs` (2 * radius + 2 of them) for output rows i and i + 1.
    void rows_for(int i, const F** ptrs) {
        const int last = std::min(m_height - 1, i + 1 + m_radius);
        for (; m_prepared <= last; ++m_prepared) m_prepare(m_prepared, slot(m_prepared));
        for (int k = 0; k < 2 * m_radius + 2; ++k)
            ptrs[k] = slot(vif_mirror(i - m_radius + k, m_height));
    }

private:
    F* slot(int y) { return m_data + static_cast<size_t>(y % m_slots) * m_stride; }
    int m_height, m_radius, m_slots, m_stride;
    Prepare m_prepare;
    F* m_data = nullptr;
    int m_prepared = 0;
};

template <typename F, typename Prepare>
RowRing<F, Prepare> make_ring(std::vector<F>& storage, int width, int height, int radius,
                              Prepare prepare) {
    return RowRing<F, Prepare>(storage, width, height, radius, prepare);
}

template <typename T>
const T* plane_row(const SamplePlane& p, int y) {
    if constexpr (sizeof(T) == 1)
        return p.row8(y);
    else
        return p.row16(y);
}

/// Runs `kernel` over every output row pair of a plane `height` rows high.
template <typename F, typename Ring, typename Kernel>
VifSums sum_rows(Ring& ring, int width, int height, Kernel kernel) {
    const F* ptrs[18];
    VifRows<F> rows;
    rows.rows = ptrs;
    rows.width = width;
    VifSums sums;
    for (int i = 0; i < height; i += 2) {
        ring.rows_for(i, ptrs);
        rows.count = std::min(2, height - i);
        kernel(rows, sums);
    }
    return sums;
}

/// Scales 0 and 1 in float: `row_of(plane, y)` gives row y of the reference (plane 0) or the
/// distorted plane (1), samples of `bits` bits (decimated values count as 16-bit samples).
template <typename T, typename RowOf>
VifSums float_sums(RowOf row_of, int width, int height, int bits, int scale, float limit, bool simd,
                   Scratch& s) {
    auto prepare = [&](int y, float* out) {
        const T* r = row_of(0, y);
        const T* d = row_of(1, y);
        if constexpr (sizeof(T) == 1) {
            if (simd)
                vif_prepare(r, d, width, out);
            else
                scalar_vif_prepare(r, d, width, out);
        } else {
            if (simd)
                vif_prepare(r, d, width, bits, out);
            else
                scalar_vif_prepare(r, d, width, bits, out);
        }
    };
    auto ring = make_ring(s.ring_f32, width, height, kVifRadius[scale], prepare);
    grow(s.rows_f32, static_cast<size_t>(vif_row_scratch(width)));
    return sum_rows<float>(ring, width, height, [&](const VifRows<float>& rows, VifSums& sums) {
        if (simd)
            vif_rows_f32(rows, scale, limit, s.rows_f32.data(), sums);
        else
            scalar_vif_rows_f32(rows, scale, limit, s.rows_f32.data(), sums);
    });
}

/// Scales 2 and 3 in double, exactly as libvmaf's integers.
VifSums double_sums(const ValuePlane& ref, const ValuePlane& dist, int scale, double limit,
                    bool simd, Scratch& s) {
    const int w = ref.width;
    auto prepare = [&](int y, double* out) {
        if (simd)
            vif_prepare(ref.row(y), dist.row(y), w, out);
        else
            scalar_vif_prepare(ref.row(y), dist.row(y), w, out);
    };
    auto ring = make_ring(s.ring_f64, w, ref.height, kVifRadius[scale], prepare);
    grow(s.rows_f64, static_cast<size_t>(vif_row_scratch(w)));
    return sum_rows<double>(ring, w, ref.height, [&](const VifRows<double>& rows, VifSums& sums) {
        if (simd)
            vif_rows_f64(rows, scale, limit, s.rows_f64.data(), sums);
        else
            scalar_vif_rows_f64(rows, scale, limit, s.rows_f64.data(), sums);
    });
}

/// Filters `width` x `height` rows (from `row_of`) with scale `scale`'s kernel and keeps the
/// even rows and columns, as libvmaf does between scales.
template <typename T, typename RowOf>
void decimate(RowOf row_of, int width, int height, int shift, int scale, bool simd, Scratch& s,
              ValuePlane& out) {
    out.width = width / 2;
    out.height = height / 2;
    out.stride = round_up(out.width, 64) + 64;
    grow(out.values, static_cast<size_t>(out.stride) * std::max(out.height, 1));
    grow(s.decimate, static_cast<size_t>(vif_decimate_scratch(width)));
    const int r = kVifRadius[scale];
    const T* rows[17];
    for (int y = 0; y < out.height; ++y) {
        for (int k = 0; k <= 2 * r; ++k) rows[k] = row_of(vif_mirror(2 * y - r + k, height));
        const VifDecimateRows<T> in{rows, width, shift};
        uint16_t* dst = out.values.data() + static_cast<size_t>(y) * out.stride;
        if (simd)
            vif_decimate_row(in, scale, s.decimate.data(), dst);
        else
            scalar_vif_decimate_row(in, scale, s.decimate.data(), dst);
    }
}

/// libvmaf's per-scale score: num and den are kept as float, and so is their ratio.
double scale_score(const VifSums& sums) {
    const double den_d = sums.den_log + sums.flat_count;
    if (den_d <= 0) return 1.0;  // no pixels at this scale (tiny planes)
    const auto num =
        static_cast<float>(sums.num_log + (sums.flat_count - sums.flat_sigma2 * 4.0 / 65025.0));
    const auto den = static_cast<float>(den_d);
    return static_cast<double>(num / den);
}

template <typename T>
VifScores compute(const SamplePlane& ref, const SamplePlane& dist, const VifOptions& options,
                  bool simd) {
    Scratch& s = scratch();
    // libvmaf accepts gain limits of 1 to 100; the float log products rely on the upper bound.
    const double limit = std::clamp(options.enhn_gain_limit, 1.0, 100.0);
    VifSums sums[kVifScales];
    auto samples = [&](int which, int y) { return plane_row<T>(which == 0 ? ref : dist, y); };
    sums[0] = float_sums<T>(samples, ref.width, ref.height, ref.bit_depth, 0,
                            static_cast<float>(limit), simd, s);
    // Samples to scale 1: libvmaf shifts the vertical sums by the bit depth, later by 16.
    for (int which = 0; which < 2; ++which)
        decimate<T>([&](int y) { return samples(which, y); }, ref.width, ref.height, ref.bit_depth,
                    1, simd, s, s.planes[1][which]);
    for (int scale = 1; scale < kVifScales; ++scale) {
        const ValuePlane* planes = s.planes[scale % 2];
        if (planes[0].width > 0 && planes[0].height > 0) {
            if (scale == 1) {
                auto values = [&](int which, int y) { return planes[which].row(y); };
                sums[1] = float_sums<uint16_t>(values, planes[0].width, planes[0].height, 16, 1,
                                               static_cast<float>(limit), simd, s);
            } else {
                sums[scale] = double_sums(planes[0], planes[1], scale, limit, simd, s);
            }
        }
        if (scale + 1 < kVifScales)
            for (int which = 0; which < 2; ++which) {
                const ValuePlane& from = planes[which];
                decimate<uint16_t>([&](int y) { return from.row(y); }, from.width, from.height, 16,
                                   scale + 1, simd, s, s.planes[(scale + 1) % 2][which]);
            }
    }
    VifScores scores;
    for (int scale = 0; scale < kVifScales; ++scale) scores.scale[scale] = scale_score(sums[scale]);
    return scores;
}

}  // namespace

VifScores compute_vif_with(const SamplePlane& ref, const SamplePlane& dist,
                           const VifOptions& options, bool simd) {
    assert(ref.width == dist.width && ref.height == dist.height);
    assert(ref.bit_depth == dist.bit_depth && ref.bit_depth >= 8 && ref.bit_depth <= 16);
    if (ref.width <= 0 || ref.height <= 0) return VifScores{{1.0, 1.0, 1.0, 1.0}};
    return ref.wide() ? compute<uint16_t>(ref, dist, options, simd)
                      : compute<uint8_t>(ref, dist, options, simd);
}

}  // namespace detail

VifScores compute_vif(const SamplePlane& ref, const SamplePlane& dist, const VifOptions& options) {
    return detail::compute_vif_with(ref, dist, options, true);
}

}  // namespace media::metrics
