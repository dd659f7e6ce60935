// SPDX-License-Identifier: Apache-2.0
#include "color_ops.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "lut_file.h"
#include "media/color/cdl.h"
#include "media/color/tone_map.h"
#include "media/color/transfer.h"
#include "ocio_adapter.h"

namespace media::color::detail {
namespace {

float clamp01(float v) {
    return v != v ? 0.0f : std::min(std::max(v, 0.0f), 1.0f);  // NaN -> 0
}

std::string file_name(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

// --- ops -------------------------------------------------------------------------------------

class MatrixOp final : public ColorOp {
public:
    MatrixOp(const Matrix3& matrix, const Vec3& offset, std::string label)
        : m_params(matrix_params(matrix, offset)), m_label(std::move(label)) {}
    void apply(const Chunk& chunk) const override { simd_matrix(m_params, chunk); }
    std::string describe() const override { return m_label; }

private:
    MatrixParams m_params;
    std::string m_label;
};

class CdlOp final : public ColorOp {
public:
    explicit CdlOp(const CdlValues& cdl) : m_params(cdl_params(cdl)), m_cdl(cdl) {}
    void apply(const Chunk& chunk) const override { simd_cdl(m_params, chunk); }
    std::string describe() const override {
        return fmt::format("CDL slope {} {} {} offset {} {} {} power {} {} {} sat {}",
                           m_cdl.slope[0], m_cdl.slope[1], m_cdl.slope[2], m_cdl.offset[0],
                           m_cdl.offset[1], m_cdl.offset[2], m_cdl.power[0], m_cdl.power[1],
                           m_cdl.power[2], m_cdl.saturation);
    }

private:
    CdlParams m_params;
    CdlValues m_cdl;
};

// Ops that work one pixel at a time in double (curves, tone mapping): exact first, fast later.
template <typename Fn>
void per_pixel(const Chunk& chunk, Fn&& fn) {
    for (int i = 0; i < chunk.n; ++i) {
        const Vec3 out = fn(Vec3{chunk.r[i], chunk.g[i], chunk.b[i]});
        chunk.r[i] = static_cast<float>(out[0]);
        chunk.g[i] = static_cast<float>(out[1]);
        chunk.b[i] = static_cast<float>(out[2]);
    }
}

class CdlInverseOp final : public ColorOp {
public:
    explicit CdlInverseOp(const CdlValues& cdl) : m_cdl(cdl) {}
    void apply(const Chunk& chunk) const override {
        per_pixel(chunk, [&](const Vec3& v) { return apply_cdl_inverse(m_cdl, v); });
    }
    std::string describe() const override { return "CDL (inverse)"; }

private:
    CdlValues m_cdl;
};

// A smooth curve as a table with linear interpolation, in one of two spacings:
// - Log: indexed by the float's own bits; the exponent and the top kMantissaBits of the mantissa
//   pick a bucket, inside which x is linear, so buckets have a relative width of
//   2^-kMantissaBits and need no log to index. It covers |x| in [2^kMinExp, 2^kMaxExp), both
//   signs. Right for curves of linear light (encoding, gains), which are smooth in log x.
// - Uniform: kUniformBuckets equal buckets over [kUniformMin, kUniformMax). Right for decoding
//   (code values to linear), where log curves grow exponentially.
// A bucket is used only when both ends are finite and the interpolation reproduces the exact
// curve within kTableTolerance at its midpoint (checked at construction); other inputs take
// the exact curve.
class CurveTable {
public:
    enum class Spacing { Log, Uniform };
    static constexpr int kMantissaBits = 10;
    static constexpr int kMinExp = -24;
    static constexpr int kMaxExp = 16;
    static constexpr int kUniformBuckets = 16384;
    static constexpr float kUniformMin = -0.5f;
    static constexpr float kUniformMax = 1.5f;
    static constexpr double kTableTolerance = 2e-6;  // absolute below 1, relative above

    template <typename Fn>
    CurveTable(Spacing spacing, Fn&& exact) : m_spacing(spacing) {
        const int buckets =
            spacing == Spacing::Log ? (kMaxExp - kMinExp) << kMantissaBits : kUniformBuckets;
        for (int sign = 0; sign < (spacing == Spacing::Log ? 2 : 1); ++sign) {
            std::vector<float>& table = m_values[sign];
            std::vector<uint8_t>& usable = m_usable[sign];
            table.resize(static_cast<size_t>(buckets) + 1);
            usable.assign(static_cast<size_t>(buckets), 0);
            for (int i = 0; i <= buckets; ++i)
                table[static_cast<size_t>(i)] = static_cast<float>(exact(bucket_start(i, sign)));
            for (int i = 0; i < buckets; ++i) {
                const auto at = static_cast<size_t>(i);
                if (!std::isfinite(table[at]) || !std::isfinite(table[at + 1])) continue;
                const double mid = (bucket_start(i, sign) + bucket_start(i + 1, sign)) / 2;
                const double want = exact(mid);
                const double got = (static_cast<double>(table[at]) + table[at + 1]) / 2;
                usable[at] =
                    std::abs(got - want) <= kTableTolerance * std::max(1.0, std::abs(want));
            }
        }
    }

    /// The table's value, or NaN when x is outside it (the caller then takes the exact curve).
    float lookup(float x) const {
        constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
        if (m_spacing == Spacing::Uniform) {
            if (!(x >= kUniformMin && x < kUniformMax)) return kNaN;  // NaN falls out here too
            const float t = (x - kUniformMin) * (kUniformBuckets / (kUniformMax - kUniformMin));
            const auto bucket = std::min(static_cast<size_t>(t), size_t{kUniformBuckets - 1});
            if (!m_usable[0][bucket]) return kNaN;
            const float frac = t - static_cast<float>(bucket);
            const float a = m_values[0][bucket], b = m_values[0][bucket + 1];
            return a + (b - a) * frac;
        }
        const auto bits = std::bit_cast<uint32_t>(x);
        const uint32_t magnitude = bits & 0x7fffffffu;
        constexpr uint32_t kLow = static_cast<uint32_t>(127 + kMinExp) << 23;
        constexpr uint32_t kHigh = static_cast<uint32_t>(127 + kMaxExp) << 23;
        if (magnitude < kLow || magnitude >= kHigh) return kNaN;
        const uint32_t offset = magnitude - kLow;
        const uint32_t bucket = offset >> (23 - kMantissaBits);
        const size_t sign = bits >> 31;
        if (!m_usable[sign][bucket]) return kNaN;
        const float frac = static_cast<float>(offset & ((1u << (23 - kMantissaBits)) - 1)) *
                           (1.0f / static_cast<float>(1u << (23 - kMantissaBits)));
        const float a = m_values[sign][bucket], b = m_values[sign][bucket + 1];
        return a + (b - a) * frac;
    }

private:
    double bucket_start(int i, int negative) const {
        if (m_spacing == Spacing::Uniform)
            return kUniformMin + (double{kUniformMax} - kUniformMin) * i / kUniformBuckets;
        const uint32_t bits = (static_cast<uint32_t>(127 + kMinExp) << 23) +
                              (static_cast<uint32_t>(i) << (23 - kMantissaBits));
        const double x = std::bit_cast<float>(bits);
        return negative ? -x : x;
    }

    Spacing m_spacing;
    std::vector<float> m_values[2];
    std::vector<uint8_t> m_usable[2];
};

class TransferOp final : public ColorOp {
public:
    TransferOp(Transfer transfer, bool to_linear) : m_transfer(transfer), m_to_linear(to_linear) {
        // Decoding takes code values (mostly 0..1); encoding takes linear light.
        m_table.emplace(to_linear ? CurveTable::Spacing::Uniform : CurveTable::Spacing::Log,
                        [&](double x) { return exact(x); });
    }
    void apply(const Chunk& chunk) const override {
        for (float* plane : {chunk.r, chunk.g, chunk.b})
            for (int i = 0; i < chunk.n; ++i) {
                const float fast = m_table->lookup(plane[i]);
                plane[i] = fast == fast ? fast : static_cast<float>(exact(plane[i]));
            }
    }
    std::string describe() const override {
        const auto title = info(m_transfer).title;
        return m_to_linear ? fmt::format("{} -> linear", title)
                           : fmt::format("linear -> {}", title);
    }

private:
    double exact(double x) const {
        return m_to_linear ? to_linear(m_transfer, x) : from_linear(m_transfer, x);
    }

    Transfer m_transfer;
    bool m_to_linear;
    std::optional<CurveTable> m_table;
};

class Lut1DOp final : public ColorOp {
public:
    Lut1DOp(Lut1D lut, std::string label) : m_lut(std::move(lut)), m_label(std::move(label)) {}
    void apply(const Chunk& chunk) const override {
        const float top = static_cast<float>(m_lut.size - 1);
        float* planes[3] = {chunk.r, chunk.g, chunk.b};
        for (int c = 0; c < 3; ++c) {
            const auto min = static_cast<float>(m_lut.domain_min[static_cast<size_t>(c)]);
            const auto range = static_cast<float>(m_lut.domain_max[static_cast<size_t>(c)] -
                                                  m_lut.domain_min[static_cast<size_t>(c)]);
            const float scale = range > 0.0f ? top / range : 0.0f;
            for (int i = 0; i < chunk.n; ++i) {
                float x = (planes[c][i] - min) * scale;
                x = x != x ? 0.0f : std::min(std::max(x, 0.0f), top);
                const int cell = std::min(static_cast<int>(x), m_lut.size - 2);
                const float f = x - static_cast<float>(cell);
                const float a = m_lut.table[static_cast<size_t>(cell * 3 + c)];
                const float b = m_lut.table[static_cast<size_t>((cell + 1) * 3 + c)];
                planes[c][i] = a + (b - a) * f;
            }
        }
    }
    std::string describe() const override { return m_label; }

private:
    Lut1D m_lut;
    std::string m_label;
};

class Lut3DOp final : public ColorOp {
public:
    Lut3DOp(const Lut3D& lut, LutInterpolation interpolation, std::string label)
        : m_params(lut3d_params(lut)), m_interpolation(interpolation), m_label(std::move(label)) {}
    void apply(const Chunk& chunk) const override {
        if (m_interpolation == LutInterpolation::Tetrahedral)
            simd_lut3d_tetrahedral(m_params, chunk);
        else
            simd_lut3d_trilinear(m_params, chunk);
    }
    std::string describe() const override { return m_label; }

private:
    Lut3DParams m_params;
    LutInterpolation m_interpolation;
    std::string m_label;
};

// The EETF scales each pixel by a gain that depends on max(R, G, B) alone (ToneMapper::apply),
// so the gain is tabulated over that maximum; black and non-finite pixels take the exact path.
class ToneMapOp final : public ColorOp {
public:
    explicit ToneMapOp(const ToneMapDesc& desc)
        : m_mapper(desc), m_gain(CurveTable::Spacing::Log, [&](double m) { return gain(m); }) {}
    void apply(const Chunk& chunk) const override {
        for (int i = 0; i < chunk.n; ++i) {
            const float r = std::max(chunk.r[i], 0.0f), g = std::max(chunk.g[i], 0.0f),
                        b = std::max(chunk.b[i], 0.0f);
            const float gain = m_gain.lookup(std::max({r, g, b}));
            if (gain == gain) {
                chunk.r[i] = r * gain;
                chunk.g[i] = g * gain;
                chunk.b[i] = b * gain;
                continue;
            }
            const Vec3 out = m_mapper.apply({chunk.r[i], chunk.g[i], chunk.b[i]});
            chunk.r[i] = static_cast<float>(out[0]);
            chunk.g[i] = static_cast<float>(out[1]);
            chunk.b[i] = static_cast<float>(out[2]);
        }
    }
    std::string describe() const override {
        return fmt::format("BT.2390 tone map {} -> {} cd/m2", m_mapper.desc().source_peak_nits,
                           m_mapper.desc().target_peak_nits);
    }

private:
    // The gain for a maximum m > 0 (a grey of m maps to m * gain); NaN for m <= 0.
    double gain(double m) const {
        if (!(m > 0.0)) return std::numeric_limits<double>::quiet_NaN();
        return m_mapper.apply({m, m, m})[0] / m;
    }

    ToneMapper m_mapper;
    CurveTable m_gain;
};

class HlgOotfOp final : public ColorOp {
public:
    HlgOotfOp(double peak, double gamma, bool inverse)
        : m_peak(peak), m_gamma(gamma), m_inverse(inverse) {}
    void apply(const Chunk& chunk) const override {
        per_pixel(chunk, [&](const Vec3& v) {
            return m_inverse ? hlg_inverse_ootf(v, m_peak, m_gamma) : hlg_ootf(v, m_peak, m_gamma);
        });
    }
    std::string describe() const override {
        return fmt::format("HLG {}OOTF for {} cd/m2", m_inverse ? "inverse " : "", m_peak);
    }

private:
    double m_peak, m_gamma;
    bool m_inverse;
};

// An OpenColorIO transform inside a chunked pipeline: planes -> interleaved -> OCIO -> planes.
class OcioChunkOp final : public ColorOp {
public:
    explicit OcioChunkOp(std::unique_ptr<const OcioOp> op) : m_op(std::move(op)) {}
    void apply(const Chunk& chunk) const override {
        alignas(64) float rgb[kChunkPixels * 3];
        for (int i = 0; i < chunk.n; ++i) {
            rgb[i * 3] = chunk.r[i];
            rgb[i * 3 + 1] = chunk.g[i];
            rgb[i * 3 + 2] = chunk.b[i];
        }
        m_op->apply(rgb, chunk.n);
        for (int i = 0; i < chunk.n; ++i) {
            chunk.r[i] = rgb[i * 3];
            chunk.g[i] = rgb[i * 3 + 1];
            chunk.b[i] = rgb[i * 3 + 2];
        }
    }
    std::string describe() const override { return m_op->label(); }

private:
    std::unique_ptr<const OcioOp> m_op;
};

// Within double rounding of the identity (a matrix followed by its inverse), far below what a
// float pixel can show.
bool is_identity(const Matrix3& m, const Vec3& offset) {
    constexpr double kEpsilon = 1e-12;
    const Matrix3 id = identity_matrix();
    for (size_t r = 0; r < 3; ++r) {
        if (std::abs(offset[r]) > kEpsilon) return false;
        for (size_t c = 0; c < 3; ++c)
            if (std::abs(m[r][c] - id[r][c]) > kEpsilon) return false;
    }
    return true;
}

Result<LutInterpolation> interpolation_of(const ColorStep& step) {
    const std::string& name = step.interpolation;
    if (name.empty() || name == "tetrahedral" || name == "best")
        return LutInterpolation::Tetrahedral;
    if (name == "linear" || name == "trilinear") return LutInterpolation::Trilinear;
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("unknown LUT interpolation '{}' (tetrahedral or trilinear)", name))
        .with_file(step.path);
}

}  // namespace

// --- parameters and scalar references --------------------------------------------------------

MatrixParams matrix_params(const Matrix3& matrix, const Vec3& offset) {
    MatrixParams p;
    for (size_t r = 0; r < 3; ++r) {
        for (size_t c = 0; c < 3; ++c) p.m[r * 3 + c] = static_cast<float>(matrix[r][c]);
        p.offset[r] = static_cast<float>(offset[r]);
    }
    return p;
}

CdlParams cdl_params(const CdlValues& cdl) {
    CdlParams p;
    for (size_t c = 0; c < 3; ++c) {
        p.slope[c] = static_cast<float>(cdl.slope[c]);
        p.offset[c] = static_cast<float>(cdl.offset[c]);
        p.power[c] = static_cast<float>(cdl.power[c]);
    }
    p.saturation = static_cast<float>(cdl.saturation);
    return p;
}

Lut3DParams lut3d_params(const Lut3D& lut) {
    Lut3DParams p;
    p.size = lut.size;
    const auto entries = static_cast<size_t>(lut.size) * static_cast<size_t>(lut.size) *
                         static_cast<size_t>(lut.size);
    p.table.assign(entries * 4, 0.0f);
    for (size_t i = 0; i < entries; ++i)
        for (size_t c = 0; c < 3; ++c) p.table[i * 4 + c] = lut.table[i * 3 + c];
    for (size_t c = 0; c < 3; ++c) {
        p.domain_min[c] = static_cast<float>(lut.domain_min[c]);
        const double range = lut.domain_max[c] - lut.domain_min[c];
        p.scale[c] = range > 0.0 ? static_cast<float>((lut.size - 1) / range) : 0.0f;
    }
    return p;
}

void scalar_matrix(const MatrixParams& p, const Chunk& c) {
    for (int i = 0; i < c.n; ++i) {
        const float r = c.r[i], g = c.g[i], b = c.b[i];
        c.r[i] = p.m[0] * r + p.m[1] * g + p.m[2] * b + p.offset[0];
        c.g[i] = p.m[3] * r + p.m[4] * g + p.m[5] * b + p.offset[1];
        c.b[i] = p.m[6] * r + p.m[7] * g + p.m[8] * b + p.offset[2];
    }
}

void scalar_cdl(const CdlParams& p, const Chunk& c) {
    float* planes[3] = {c.r, c.g, c.b};
    for (int i = 0; i < c.n; ++i) {
        float v[3];
        for (size_t ch = 0; ch < 3; ++ch) {
            const float x = planes[ch][i];
            const float sop = clamp01((x != x ? 0.0f : x) * p.slope[ch] + p.offset[ch]);
            v[ch] = p.power[ch] == 1.0f ? sop : sop > 0.0f ? std::pow(sop, p.power[ch]) : 0.0f;
        }
        if (p.saturation != 1.0f) {
            const float luma = 0.2126f * v[0] + 0.7152f * v[1] + 0.0722f * v[2];
            for (float& x : v) x = clamp01(luma + p.saturation * (x - luma));
        }
        for (size_t ch = 0; ch < 3; ++ch) planes[ch][i] = v[ch];
    }
}

namespace {

struct GridPoint {
    int cell[3];
    float frac[3];
};

GridPoint grid_point(const Lut3DParams& p, float r, float g, float b) {
    const float in[3] = {r, g, b};
    const float top = static_cast<float>(p.size - 1);
    GridPoint out{};
    for (size_t c = 0; c < 3; ++c) {
        float x = (in[c] - p.domain_min[c]) * p.scale[c];
        x = x != x ? 0.0f : std::min(std::max(x, 0.0f), top);
        const float cell = std::min(std::floor(x), top - 1.0f);
        out.cell[c] = static_cast<int>(cell);
        out.frac[c] = x - cell;
    }
    return out;
}

}  // namespace

void scalar_lut3d_tetrahedral(const Lut3DParams& p, const Chunk& c) {
    const int sr = 4, sg = 4 * p.size, sb = 4 * p.size * p.size;
    for (int i = 0; i < c.n; ++i) {
        const GridPoint gp = grid_point(p, c.r[i], c.g[i], c.b[i]);
        const float fx = gp.frac[0], fy = gp.frac[1], fz = gp.frac[2];
        const int base = gp.cell[0] * sr + gp.cell[1] * sg + gp.cell[2] * sb;
        // The six tetrahedra of the cube, by the order of the fractions.
        int a, b;
        float w0, w1, w2, w3;
        if (fx > fy) {
            if (fy > fz) {
                a = sr, b = sr + sg, w0 = 1 - fx, w1 = fx - fy, w2 = fy - fz, w3 = fz;
            } else if (fx > fz) {
                a = sr, b = sr + sb, w0 = 1 - fx, w1 = fx - fz, w2 = fz - fy, w3 = fy;
            } else {
                a = sb, b = sr + sb, w0 = 1 - fz, w1 = fz - fx, w2 = fx - fy, w3 = fy;
            }
        } else {
            if (fz > fy) {
                a = sb, b = sg + sb, w0 = 1 - fz, w1 = fz - fy, w2 = fy - fx, w3 = fx;
            } else if (fz > fx) {
                a = sg, b = sg + sb, w0 = 1 - fy, w1 = fy - fz, w2 = fz - fx, w3 = fx;
            } else {
                a = sg, b = sr + sg, w0 = 1 - fy, w1 = fy - fx, w2 = fx - fz, w3 = fz;
            }
        }
        const float* t = p.table.data();
        const int far = base + sr + sg + sb;
        float* planes[3] = {c.r, c.g, c.b};
        for (int ch = 0; ch < 3; ++ch)
            planes[ch][i] = w0 * t[base + ch] + w1 * t[base + a + ch] + w2 * t[base + b + ch] +
                            w3 * t[far + ch];
    }
}

void scalar_lut3d_trilinear(const Lut3DParams& p, const Chunk& c) {
    const int sr = 4, sg = 4 * p.size, sb = 4 * p.size * p.size;
    for (int i = 0; i < c.n; ++i) {
        const GridPoint gp = grid_point(p, c.r[i], c.g[i], c.b[i]);
        const int base = gp.cell[0] * sr + gp.cell[1] * sg + gp.cell[2] * sb;
        float sum[3] = {0, 0, 0};
        for (int corner = 0; corner < 8; ++corner) {
            const bool ur = corner & 1, ug = corner & 2, ub = corner & 4;
            const float w = (ur ? gp.frac[0] : 1 - gp.frac[0]) *
                            (ug ? gp.frac[1] : 1 - gp.frac[1]) * (ub ? gp.frac[2] : 1 - gp.frac[2]);
            const int at = base + (ur ? sr : 0) + (ug ? sg : 0) + (ub ? sb : 0);
            for (int ch = 0; ch < 3; ++ch) sum[ch] += w * p.table[static_cast<size_t>(at + ch)];
        }
        c.r[i] = sum[0];
        c.g[i] = sum[1];
        c.b[i] = sum[2];
    }
}

// --- compiling -------------------------------------------------------------------------------

Result<std::vector<std::unique_ptr<const ColorOp>>> compile_ops(const ColorPipelineDesc& desc) {
    std::vector<std::unique_ptr<const ColorOp>> ops;
    // Consecutive matrices fold into one (in double) before they become an op.
    std::optional<std::pair<Matrix3, Vec3>> pending;
    std::vector<std::string> pending_labels;
    const auto flush = [&] {
        if (pending && !is_identity(pending->first, pending->second)) {
            std::string label;
            for (const std::string& l : pending_labels) label += (label.empty() ? "" : ", ") + l;
            ops.push_back(std::make_unique<MatrixOp>(pending->first, pending->second,
                                                     label.empty() ? "matrix" : label));
        }
        pending.reset();
        pending_labels.clear();
    };

    for (const ColorStep& step : desc.steps) {
        if (step.kind == ColorStep::Kind::Matrix) {
            if (!pending) pending.emplace(identity_matrix(), Vec3{0, 0, 0});
            const Matrix3 m = step.inverse ? inverse(step.matrix) : step.matrix;
            Vec3 off = step.offset;
            if (step.inverse) {
                const Vec3 t = multiply(m, off);
                off = {-t[0], -t[1], -t[2]};
            }
            const Vec3 carried = multiply(m, pending->second);
            pending->first = multiply(m, pending->first);
            pending->second = {carried[0] + off[0], carried[1] + off[1], carried[2] + off[2]};
            if (!step.label.empty()) pending_labels.push_back(step.label);
            continue;
        }
        flush();
        switch (step.kind) {
            case ColorStep::Kind::Lut: {
                if (step.path.empty())
                    return Error(ErrorCode::InvalidArgument, "LUT step without a file");
                MEDIA_TRY_ASSIGN(const LutInterpolation interpolation, interpolation_of(step));
                if (step.inverse) {
                    // Our parser judges the file first (errors with lines, size limits), then
                    // OpenColorIO inverts it, reading it by absolute path (its raw config has
                    // no search path).
                    MEDIA_TRY(read_lut_file(step.path));
                    ColorStep absolute = step;
                    absolute.path = absolute_path(step.path);
                    MEDIA_TRY_ASSIGN(auto op, OcioOp::inverse_lut(absolute));
                    ops.push_back(std::make_unique<OcioChunkOp>(std::move(op)));
                    break;
                }
                MEDIA_TRY_ASSIGN(LutFile file, read_lut_file(step.path));
                const std::string name = file_name(step.path);
                if (file.shaper)
                    ops.push_back(std::make_unique<Lut1DOp>(
                        std::move(*file.shaper),
                        fmt::format("LUT {} ({})", name, file.cube ? "1D shaper" : "1D")));
                if (file.cube)
                    ops.push_back(std::make_unique<Lut3DOp>(
                        *file.cube, interpolation,
                        fmt::format("LUT {} ({}^3, {})", name, file.cube->size,
                                    interpolation == LutInterpolation::Tetrahedral ? "tetrahedral"
                                                                                   : "trilinear")));
                break;
            }
            case ColorStep::Kind::Cdl:
                MEDIA_TRY(check_cdl(step.cdl));
                if (step.cdl.is_identity()) break;  // an identity CDL does not clamp
                if (step.inverse)
                    ops.push_back(std::make_unique<CdlInverseOp>(step.cdl));
                else
                    ops.push_back(std::make_unique<CdlOp>(step.cdl));
                break;
            case ColorStep::Kind::ToLinear:
            case ColorStep::Kind::FromLinear:
                if (step.transfer == Transfer::Linear) break;
                ops.push_back(std::make_unique<TransferOp>(
                    step.transfer, (step.kind == ColorStep::Kind::ToLinear) != step.inverse));
                break;
            case ColorStep::Kind::ToneMap:
                ops.push_back(std::make_unique<ToneMapOp>(step.tone_map));
                break;
            case ColorStep::Kind::HlgOotf:
                ops.push_back(std::make_unique<HlgOotfOp>(step.hlg_peak_nits, step.hlg_system_gamma,
                                                          step.inverse));
                break;
            case ColorStep::Kind::Ocio: {
                MEDIA_TRY_ASSIGN(auto op, OcioOp::from_config(step.ocio, step.inverse));
                if (!op->is_noop()) ops.push_back(std::make_unique<OcioChunkOp>(std::move(op)));
                break;
            }
            case ColorStep::Kind::Matrix:
                break;  // handled above
        }
    }
    flush();
    return ops;
}

}  // namespace media::color::detail
