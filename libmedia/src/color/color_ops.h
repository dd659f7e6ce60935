// SPDX-License-Identifier: Apache-2.0
// The ops a ColorProcessor compiles a pipeline into. Each op transforms a chunk of pixels held
// as three planes (R, G, B) of up to kChunkPixels floats: planar chunks let every op run as SIMD
// over whole vectors, and a chunk stays in L1 while the ops run over it in turn.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "media/color/color_pipeline.h"
#include "media/color/lut.h"
#include "media/color/matrix.h"
#include "media/core/result.h"

// The GPU program types (gpu/include: slate_gpu_ref, which the colour module links).
#include "slate_gpu/color_program.h"

namespace media::color {
class ColorProcessor;
}

namespace media::color::detail {

inline constexpr int kChunkPixels = 512;

/// One chunk: n pixels in three planes.
struct Chunk {
    float* r;
    float* g;
    float* b;
    int n;
};

class ColorOp {
public:
    virtual ~ColorOp() = default;
    virtual void apply(const Chunk& chunk) const = 0;
    virtual std::string describe() const = 0;
    /// Writes the op as a GPU program op (same parameters, same tables: the table pointers point
    /// into this op, valid while it lives). False for ops with no GPU form (tone mapping, HLG
    /// OOTF, inverse CDL, OpenColorIO transforms); `out` is then untouched.
    virtual bool export_op(slate_gpu::ColorOpData& out) const {
        (void)out;
        return false;
    }
};

/// out = m * in + offset, in float (the matrix rounded once from double).
struct MatrixParams {
    std::array<float, 9> m{};
    std::array<float, 3> offset{};
};

/// CDL in float with the ASC clamps.
struct CdlParams {
    std::array<float, 3> slope{}, offset{}, power{};
    float saturation = 1.0f;
};

/// A 3D LUT as the SIMD kernels read it: entries padded to 4 floats so one entry is one aligned
/// 16-byte load in the scalar path and an index * 4 in the gathers.
struct Lut3DParams {
    int size = 0;
    std::array<float, 3> domain_min{}, scale{};  ///< grid coordinate = (in - min) * scale
    std::vector<float> table;                    ///< size^3 * 4 floats, red fastest
};

/// The SIMD kernels (color_ops_simd.cpp: Highway, best target chosen at run time) and the
/// name of that target ("AVX3", "AVX2", "SSE4", "EMU128"...).
void simd_matrix(const MatrixParams& params, const Chunk& chunk);
void simd_cdl(const CdlParams& params, const Chunk& chunk);
void simd_lut3d_tetrahedral(const Lut3DParams& params, const Chunk& chunk);
void simd_lut3d_trilinear(const Lut3DParams& params, const Chunk& chunk);
/// Interleaved float RGB(A) -> planes, counting pixels with a non-finite component.
int simd_unpack_f32(const float* src, int channels, const Chunk& chunk);
/// Planes -> interleaved float RGB(A) (alpha left untouched).
void simd_pack_f32(const Chunk& chunk, int channels, float* dst);
std::string simd_target_name();

/// Scalar references of the SIMD kernels (the parity tests compare the two).
void scalar_matrix(const MatrixParams& params, const Chunk& chunk);
void scalar_cdl(const CdlParams& params, const Chunk& chunk);
void scalar_lut3d_tetrahedral(const Lut3DParams& params, const Chunk& chunk);
void scalar_lut3d_trilinear(const Lut3DParams& params, const Chunk& chunk);

MatrixParams matrix_params(const Matrix3& matrix, const Vec3& offset);
CdlParams cdl_params(const CdlValues& cdl);
Lut3DParams lut3d_params(const Lut3D& lut);
/// The same parameters as the GPU program's op data (color_program.h).
slate_gpu::MatrixOpData matrix_op_data(const MatrixParams& params);
slate_gpu::CdlOpData cdl_op_data(const CdlParams& params);
slate_gpu::Lut3DOpData lut3d_op_data(const Lut3DParams& params, LutInterpolation interpolation);

/// A compiled pipeline as a GPU program (slate_gpu::apply_color_program runs it per pixel).
struct ExportedProgram {
    /// The ops in order; its table pointers point into the ops (host memory), valid while they
    /// live. Empty (count 0) when `unsupported` is set.
    slate_gpu::ColorProgram program;
    /// describe() of the first op with no GPU form, else "more than 12 ops" when there are
    /// more than slate_gpu::kMaxColorOps; empty when the whole pipeline exported.
    std::string unsupported;
};

/// Exports `ops` (see ExportedProgram).
ExportedProgram export_program(const std::vector<std::unique_ptr<const ColorOp>>& ops);

/// The processor's ops as exported once when it was created (color_processor.cpp).
const ExportedProgram& exported_program(const ColorProcessor& processor);

/// Compiles the steps into ops: consecutive matrices fused, identity CDLs and matrices dropped,
/// LUT files read (read_lut_file) and split into their 1D and 3D parts; OCIO config steps and
/// inverse LUTs become OpenColorIO ops. Errors name the step's file or colour-space name.
Result<std::vector<std::unique_ptr<const ColorOp>>> compile_ops(const ColorPipelineDesc& desc);

}  // namespace media::color::detail
