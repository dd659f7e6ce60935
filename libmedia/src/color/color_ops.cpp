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
    bool export_op(slate_gpu::ColorOpData& out) const override {
        out.kind = slate_gpu::ColorOpKind::Matrix;
        out.matrix = matrix_op_data(m_params);
        return true;
    }

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
    bool export_op(slate_gpu::ColorOpData& out) const override {
        out.kind = slate_gpu::ColorOpKind::Cdl;
        out.cdl = cdl_op_data(m_params);
        return true;
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

// Curves (TransferOp) and the tone-map gain (ToneMapOp) run through slate_gpu::CurveTable
// (gpu/include/slate_gpu/curve_table.h): a table with linear interpolation where it reproduces
// the exact curve within 2e-6, the exact double formula elsewhere. The CUDA kernels use the same
// tables and the same lookup.
using slate_gpu::CurveSpacing;
using slate_gpu::CurveTable;

class TransferOp final : public ColorOp {
public:
    // Decoding takes code values (mostly 0..1); encoding takes linear light.
    TransferOp(Transfer transfer, bool to_linear)
        : m_transfer(transfer),
          m_to_linear(to_linear),
          m_table(to_linear ? CurveSpacing::Uniform : CurveSpacing::Log,
                  [this](double x) { return exact(x); }) {}
    void apply(const Chunk& chunk) const override {
        for (float* plane : {chunk.r, chunk.g, chunk.b})
            for (int i = 0; i < chunk.n; ++i) {
                const float fast = m_table.lookup(plane[i]);
                plane[i] = fast == fast ? fast : static_cast<float>(exact(plane[i]));
            }
    }
    std::string describe() const override {
        const auto title = info(m_transfer).title;
        return m_to_linear ? fmt::format("{} -> linear", title)
                           : fmt::format("linear -> {}", title);
    }
    bool export_op(slate_gpu::ColorOpData& out) const override {
        out.kind = slate_gpu::ColorOpKind::Curve;
        out.curve = {};
        out.curve.transfer = static_cast<slate_gpu::TransferId>(m_transfer);
        out.curve.to_linear = m_to_linear;
        out.curve.table = m_table.view();
        return true;
    }

private:
    double exact(double x) const {
        return m_to_linear ? to_linear(m_transfer, x) : from_linear(m_transfer, x);
    }

    Transfer m_transfer;
    bool m_to_linear;
    CurveTable m_table;
};

class Lut1DOp final : public ColorOp {
public:
    Lut1DOp(Lut1D lut, std::string label) : m_lut(std::move(lut)), m_label(std::move(label)) {}
    void apply(const Chunk& chunk) const override {
        const float top = static_cast<float>(m_lut.size - 1);
        float* planes[3] = {chunk.r, chunk.g, chunk.b};
        for (int c = 0; c < 3; ++c) {
            const float min = channel_min(c);
            const float scale = channel_scale(c);
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
    bool export_op(slate_gpu::ColorOpData& out) const override {
        out.kind = slate_gpu::ColorOpKind::Lut1D;
        out.lut1d = {};
        out.lut1d.size = m_lut.size;
        for (int c = 0; c < 3; ++c) {
            out.lut1d.domain_min[c] = channel_min(c);
            out.lut1d.scale[c] = channel_scale(c);
        }
        out.lut1d.table = m_lut.table.data();
        return true;
    }

private:
    float channel_min(int c) const {
        return static_cast<float>(m_lut.domain_min[static_cast<size_t>(c)]);
    }
    // Grid units per input unit, in float as apply() has always computed it.
    float channel_scale(int c) const {
        const float top = static_cast<float>(m_lut.size - 1);
        const auto range = static_cast<float>(m_lut.domain_max[static_cast<size_t>(c)] -
                                              m_lut.domain_min[static_cast<size_t>(c)]);
        return range > 0.0f ? top / range : 0.0f;
    }

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
    bool export_op(slate_gpu::ColorOpData& out) const override {
        out.kind = slate_gpu::ColorOpKind::Lut3D;
        out.lut3d = lut3d_op_data(m_params, m_interpolation);
        return true;
    }

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
        : m_mapper(desc), m_gain(CurveSpacing::Log, [&](double m) { return gain(m); }) {}
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

slate_gpu::MatrixOpData matrix_op_data(const MatrixParams& p) {
    slate_gpu::MatrixOpData out{};
    std::copy(p.m.begin(), p.m.end(), out.m);
    std::copy(p.offset.begin(), p.offset.end(), out.offset);
    return out;
}

slate_gpu::CdlOpData cdl_op_data(const CdlParams& p) {
    slate_gpu::CdlOpData out{};
    std::copy(p.slope.begin(), p.slope.end(), out.slope);
    std::copy(p.offset.begin(), p.offset.end(), out.offset);
    std::copy(p.power.begin(), p.power.end(), out.power);
    out.saturation = p.saturation;
    return out;
}

slate_gpu::Lut3DOpData lut3d_op_data(const Lut3DParams& p, LutInterpolation interpolation) {
    slate_gpu::Lut3DOpData out{};
    out.size = p.size;
    std::copy(p.domain_min.begin(), p.domain_min.end(), out.domain_min);
    std::copy(p.scale.begin(), p.scale.end(), out.scale);
    out.interpolation = interpolation == LutInterpolation::Tetrahedral
                            ? slate_gpu::LutInterpolation::Tetrahedral
                            : slate_gpu::LutInterpolation::Trilinear;
    out.table = p.table.data();
    return out;
}

// The scalar references of the SIMD kernels are the per-pixel functions the GPU kernels and
// their references run (slate_gpu/color_program.h): one definition of each op.

void scalar_matrix(const MatrixParams& p, const Chunk& c) {
    const slate_gpu::MatrixOpData op = matrix_op_data(p);
    for (int i = 0; i < c.n; ++i) slate_gpu::detail::apply_matrix(op, c.r[i], c.g[i], c.b[i]);
}

void scalar_cdl(const CdlParams& p, const Chunk& c) {
    const slate_gpu::CdlOpData op = cdl_op_data(p);
    for (int i = 0; i < c.n; ++i) slate_gpu::detail::apply_cdl(op, c.r[i], c.g[i], c.b[i]);
}

namespace {

void scalar_lut3d(const Lut3DParams& p, LutInterpolation interpolation, const Chunk& c) {
    const slate_gpu::Lut3DOpData op = lut3d_op_data(p, interpolation);
    for (int i = 0; i < c.n; ++i)
        slate_gpu::detail::apply_lut3d(op, op.table, c.r[i], c.g[i], c.b[i]);
}

}  // namespace

void scalar_lut3d_tetrahedral(const Lut3DParams& p, const Chunk& c) {
    scalar_lut3d(p, LutInterpolation::Tetrahedral, c);
}

void scalar_lut3d_trilinear(const Lut3DParams& p, const Chunk& c) {
    scalar_lut3d(p, LutInterpolation::Trilinear, c);
}

// --- the GPU program ------------------------------------------------------------------------

ExportedProgram export_program(const std::vector<std::unique_ptr<const ColorOp>>& ops) {
    ExportedProgram exported;
    // An op with no GPU form is named even when there are also too many ops: it is the reason
    // that cannot be fixed by splitting the pipeline.
    for (const auto& op : ops) {
        slate_gpu::ColorOpData data;
        if (!op->export_op(data)) {
            exported.unsupported = op->describe();
            return exported;
        }
    }
    if (ops.size() > static_cast<size_t>(slate_gpu::kMaxColorOps)) {
        exported.unsupported = fmt::format("more than {} ops", slate_gpu::kMaxColorOps);
        return exported;
    }
    for (const auto& op : ops) op->export_op(exported.program.ops[exported.program.count++]);
    return exported;
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
