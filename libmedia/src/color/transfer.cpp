// SPDX-License-Identifier: Apache-2.0
// Transfer functions: display EOTFs, PQ/HLG and camera log curves, both directions.
//
// The curves themselves (constants with their sources, and formulas) live in
// gpu/include/slate_gpu/detail/transfer_curves_impl.h, written once for the host and the CUDA
// kernels: to_linear / from_linear below are those functions. This file keeps the names, aliases
// and the HLG OOTF.
#include "media/color/transfer.h"
#include "names.h"
#include "slate_gpu/transfer_curves.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace media::color {

using detail::same_ignoring_case;

// The curve constants (slate_gpu::curve::Pq, ::Hlg...): the OOTF below uses a few of them.
namespace curve = slate_gpu::curve;

// Transfer and slate_gpu::TransferId name the same curves in the same order.
#define SLATE_SAME_TRANSFER(name)                                                          \
    static_assert(                                                                         \
        static_cast<int>(Transfer::name) == static_cast<int>(slate_gpu::TransferId::name), \
        "media::color::Transfer::" #name " differs from slate_gpu::TransferId")
SLATE_SAME_TRANSFER(Linear);
SLATE_SAME_TRANSFER(Srgb);
SLATE_SAME_TRANSFER(Bt1886);
SLATE_SAME_TRANSFER(Gamma22);
SLATE_SAME_TRANSFER(Gamma26);
SLATE_SAME_TRANSFER(Pq);
SLATE_SAME_TRANSFER(Hlg);
SLATE_SAME_TRANSFER(LogC3);
SLATE_SAME_TRANSFER(LogC4);
SLATE_SAME_TRANSFER(SLog3);
SLATE_SAME_TRANSFER(Log3G10);
SLATE_SAME_TRANSFER(VLog);
SLATE_SAME_TRANSFER(CanonLog3);
SLATE_SAME_TRANSFER(AcesCct);
SLATE_SAME_TRANSFER(AcesCc);
SLATE_SAME_TRANSFER(Count);
#undef SLATE_SAME_TRANSFER

// ---- Table and names -------------------------------------------------------------------------

namespace {

constexpr std::array<TransferInfo, static_cast<size_t>(Transfer::Count)> kTransfers{{
    {Transfer::Linear, "linear", "Linear", true},
    {Transfer::Srgb, "srgb", "sRGB (IEC 61966-2-1)", false},
    {Transfer::Bt1886, "bt1886", "BT.1886 (gamma 2.4)", false},
    {Transfer::Gamma22, "gamma22", "Gamma 2.2", false},
    {Transfer::Gamma26, "gamma26", "Gamma 2.6", false},
    {Transfer::Pq, "pq", "PQ (SMPTE ST 2084)", false},
    {Transfer::Hlg, "hlg", "HLG (BT.2100)", false},
    {Transfer::LogC3, "logc3", "ARRI LogC3 (EI 800)", true},
    {Transfer::LogC4, "logc4", "ARRI LogC4", true},
    {Transfer::SLog3, "slog3", "Sony S-Log3", true},
    {Transfer::Log3G10, "log3g10", "RED Log3G10", true},
    {Transfer::VLog, "vlog", "Panasonic V-Log", true},
    {Transfer::CanonLog3, "clog3", "Canon Log 3", true},
    {Transfer::AcesCct, "acescct", "ACEScct", true},
    {Transfer::AcesCc, "acescc", "ACEScc", true},
}};

struct Alias {
    std::string_view name;
    Transfer transfer;
};

constexpr std::array kAliases{
    Alias{"lin", Transfer::Linear},          Alias{"scene-linear", Transfer::Linear},
    Alias{"iec61966-2-1", Transfer::Srgb},   Alias{"rec1886", Transfer::Bt1886},
    Alias{"bt.1886", Transfer::Bt1886},      Alias{"gamma24", Transfer::Bt1886},
    Alias{"gamma2.4", Transfer::Bt1886},     Alias{"g24", Transfer::Bt1886},
    Alias{"gamma2.2", Transfer::Gamma22},    Alias{"g22", Transfer::Gamma22},
    Alias{"gamma2.6", Transfer::Gamma26},    Alias{"g26", Transfer::Gamma26},
    Alias{"st2084", Transfer::Pq},           Alias{"smpte2084", Transfer::Pq},
    Alias{"st-2084", Transfer::Pq},          Alias{"arib-std-b67", Transfer::Hlg},
    Alias{"logc", Transfer::LogC3},          Alias{"arri-logc3", Transfer::LogC3},
    Alias{"logc3-ei800", Transfer::LogC3},   Alias{"arri-logc4", Transfer::LogC4},
    Alias{"s-log3", Transfer::SLog3},        Alias{"sony-slog3", Transfer::SLog3},
    Alias{"redlog3g10", Transfer::Log3G10},  Alias{"red-log3g10", Transfer::Log3G10},
    Alias{"v-log", Transfer::VLog},          Alias{"panasonic-vlog", Transfer::VLog},
    Alias{"canonlog3", Transfer::CanonLog3}, Alias{"canon-log3", Transfer::CanonLog3},
    Alias{"c-log3", Transfer::CanonLog3},    Alias{"canon-log-3", Transfer::CanonLog3},
};

}  // namespace

std::span<const TransferInfo> transfer_table() {
    return kTransfers;
}

const TransferInfo& info(Transfer transfer) {
    const auto index = static_cast<size_t>(transfer);
    return index < kTransfers.size() ? kTransfers[index] : kTransfers[0];
}

std::optional<Transfer> transfer_from_name(std::string_view name) {
    for (const TransferInfo& entry : kTransfers)
        if (same_ignoring_case(entry.name, name)) return entry.id;
    for (const Alias& alias : kAliases)
        if (same_ignoring_case(alias.name, name)) return alias.transfer;
    return std::nullopt;
}

double to_linear(Transfer transfer, double encoded) {
    return slate_gpu::transfer_to_linear(static_cast<slate_gpu::TransferId>(transfer), encoded);
}

double from_linear(Transfer transfer, double linear) {
    return slate_gpu::transfer_from_linear(static_cast<slate_gpu::TransferId>(transfer), linear);
}

// ---- HLG OOTF --------------------------------------------------------------------------------

double hlg_system_gamma(double peak_nits) {
    // BT.2100 defines it for 400..2000 cd/m²; the formula is applied as is outside that (BT.2390
    // gives it for the same range); a non-positive peak falls back to 1000 cd/m².
    const double peak = peak_nits > 0.0 && std::isfinite(peak_nits) ? peak_nits : 1000.0;
    return 1.2 + 0.42 * std::log10(peak / 1000.0);
}

namespace {

struct OotfParams {
    double alpha;  // peak in units of 100 cd/m²
    double gamma;
};

OotfParams ootf_params(double peak_nits, double system_gamma) {
    const double peak = peak_nits > 0.0 && std::isfinite(peak_nits) ? peak_nits : 1000.0;
    const double gamma =
        system_gamma > 0.0 && std::isfinite(system_gamma) ? system_gamma : hlg_system_gamma(peak);
    return {peak / curve::Pq::linear_unit_nits, gamma};
}

double bt2100_luma(const Vec3& rgb) {
    return curve::Hlg::luma_r * rgb[0] + curve::Hlg::luma_g * rgb[1] + curve::Hlg::luma_b * rgb[2];
}

}  // namespace

Vec3 hlg_ootf(const Vec3& scene, double peak_nits, double system_gamma) {
    const OotfParams p = ootf_params(peak_nits, system_gamma);
    const double ys = bt2100_luma(scene);
    // Fd = alpha Ys^(gamma - 1) E; at Ys <= 0 (black, or out-of-gamut negatives) the gain is
    // taken as 0 rather than dividing by zero.
    const double gain = ys > 0.0 ? p.alpha * std::pow(ys, p.gamma - 1.0) : 0.0;
    return {scene[0] * gain, scene[1] * gain, scene[2] * gain};
}

Vec3 hlg_inverse_ootf(const Vec3& display, double peak_nits, double system_gamma) {
    const OotfParams p = ootf_params(peak_nits, system_gamma);
    const double yd = bt2100_luma(display);
    if (yd <= 0.0) return {0.0, 0.0, 0.0};
    // Yd = alpha Ys^gamma, so E = Fd / alpha * (Yd / alpha)^((1 - gamma) / gamma).
    const double gain = std::pow(yd / p.alpha, (1.0 - p.gamma) / p.gamma) / p.alpha;
    return {display[0] * gain, display[1] * gain, display[2] * gain};
}

}  // namespace media::color
