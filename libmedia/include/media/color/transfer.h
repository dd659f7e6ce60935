// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "media/color/matrix.h"

namespace media::color {

/// Transfer functions (OETFs, EOTFs and camera log curves), both directions.
///
/// Units of the linear side:
/// - camera logs and ACEScc/ACEScct: scene linear, 0.18 = 18 % grey (LogC3 at EI 800, LogC4,
///   S-Log3, Log3G10, V-Log, Canon Log 3 as their makers' white papers define them);
/// - Pq: display light with 1.0 = 100 cd/m² (so 10000 cd/m² is 100.0), as OCIO's
///   "CURVE - ST-2084_to_LINEAR";
/// - Hlg: the BT.2100 HLG inverse OETF, scene linear 0..1 (apply hlg_ootf for display light);
/// - Srgb (IEC 61966-2-1 piecewise), Bt1886 (pure 2.4 power, Lw = 1, Lb = 0), Gamma22, Gamma26:
///   display linear 0..1;
/// - Linear: identity.
/// Negative inputs: the power-law curves mirror them (sign(x) * f(|x|)), the logs follow their
/// linear toe segment where the spec has one, PQ and HLG clamp at 0.
enum class Transfer : uint8_t {
    Linear,
    Srgb,
    Bt1886,
    Gamma22,
    Gamma26,
    Pq,
    Hlg,
    LogC3,
    LogC4,
    SLog3,
    Log3G10,
    VLog,
    CanonLog3,
    AcesCct,
    AcesCc,
    Count
};

struct TransferInfo {
    Transfer id;
    std::string_view name;   ///< what --from/--to and presets use: "logc3", "pq", "acescct"
    std::string_view title;  ///< "ARRI LogC3 (EI 800)"
    bool scene_referred;     ///< a camera/scene curve rather than a display one
};

/// Every transfer function, in enum order.
std::span<const TransferInfo> transfer_table();
const TransferInfo& info(Transfer transfer);
/// By name, case-insensitive, with common aliases ("st2084" for pq, "rec1886"/"gamma24" for
/// bt1886, "logc" for logc3, "slog3", "redlog3g10"...); nullopt when unknown.
std::optional<Transfer> transfer_from_name(std::string_view name);

/// Encoded value -> linear (see the units above).
double to_linear(Transfer transfer, double encoded);
/// Linear -> encoded value; the inverse of to_linear.
double from_linear(Transfer transfer, double linear);

/// BT.2100 HLG OOTF: scene linear RGB (0..1, after the inverse OETF) to display light in units of
/// 100 cd/m² for a display of `peak_nits` (Fd = peak * Ys^(gamma - 1) * E, Ys the BT.2020 luma).
/// `system_gamma` <= 0 takes BT.2100's 1.2 + 0.42 log10(peak / 1000).
Vec3 hlg_ootf(const Vec3& scene, double peak_nits = 1000.0, double system_gamma = 0.0);
/// The inverse of hlg_ootf.
Vec3 hlg_inverse_ootf(const Vec3& display, double peak_nits = 1000.0, double system_gamma = 0.0);
/// BT.2100's system gamma for a display of peak_nits: 1.2 + 0.42 log10(peak / 1000).
double hlg_system_gamma(double peak_nits);

}  // namespace media::color
