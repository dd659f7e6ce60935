// SPDX-License-Identifier: Apache-2.0
// Transfer functions: display EOTFs, PQ/HLG and camera log curves, both directions.
//
// Each curve's constants sit in a named struct below (the SIMD path reuses them). Sources:
// - sRGB: IEC 61966-2-1; BT.1886 with Lw = 1, Lb = 0 (pure 2.4 power); gamma 2.2 / 2.6.
// - PQ: SMPTE ST 2084 (BT.2100); HLG: BT.2100 (OETF, inverse OETF, OOTF with system gamma).
// - LogC3 (EI 800): ARRI "ALEXA Log C Curve - Usage in VFX" (SUP 3.x, linear scene exposure).
// - LogC4: ARRI "LogC4 Logarithmic Color Space - Specification".
// - S-Log3: Sony "Technical Summary for S-Gamut3.Cine/S-Log3 and S-Gamut3/S-Log3".
// - Log3G10 v3: RED "REDWideGamutRGB and Log3G10" white paper (IPP2, with the 0.01 offset).
// - V-Log: Panasonic "V-Log/V-Gamut Reference manual".
// - Canon Log 3: Canon's input transform v1.2 (the curve OCIO 2.1 uses), on scene linear / 0.9
//   (Canon's curve takes reflectance over 90 % white; 0.18 here is 18 % grey).
// - ACEScct: Academy S-2016-001; ACEScc: S-2014-003. Neither clamps at HALF_MAX on decoding,
//   as OCIO does not, so both stay invertible in float pipelines.
#include "media/color/transfer.h"
#include "names.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace media::color {

using detail::same_ignoring_case;

// ---- Curve constants -------------------------------------------------------------------------

/// One struct per curve, constants only (a SIMD path reuses them).
namespace curve {

/// IEC 61966-2-1 sRGB.
struct Srgb {
    static constexpr double gamma = 2.4;
    static constexpr double offset = 0.055;
    static constexpr double linear_slope = 12.92;
    static constexpr double linear_break = 0.0031308;  // linear side
    static constexpr double encoded_break = 0.04045;   // encoded side
};

/// Pure power laws (BT.1886 with Lw = 1, Lb = 0 is gamma 2.4).
struct Power {
    static constexpr double bt1886 = 2.4;
    static constexpr double gamma22 = 2.2;
    static constexpr double gamma26 = 2.6;
};

/// SMPTE ST 2084 (PQ). Linear side in units of 100 cd/m² (OCIO's "nits/100").
struct Pq {
    static constexpr double m1 = 2610.0 / 16384.0;
    static constexpr double m2 = 2523.0 / 4096.0 * 128.0;
    static constexpr double c1 = 3424.0 / 4096.0;
    static constexpr double c2 = 2413.0 / 4096.0 * 32.0;
    static constexpr double c3 = 2392.0 / 4096.0 * 32.0;
    static constexpr double peak_nits = 10000.0;
    static constexpr double linear_unit_nits = 100.0;  // linear 1.0 = 100 cd/m²
};

/// BT.2100 HLG OETF: E' = sqrt(3 E) up to E = 1/12, then a ln(12 E - b) + c.
struct Hlg {
    static constexpr double a = 0.17883277;
    static constexpr double b = 1.0 - 4.0 * a;      // 0.28466892
    static constexpr double c = 0.559910729529562;  // 0.5 - a ln(4a)
    static constexpr double linear_break = 1.0 / 12.0;
    static constexpr double encoded_break = 0.5;
    // BT.2100 luma weights (Ys of the OOTF).
    static constexpr double luma_r = 0.2627, luma_g = 0.6780, luma_b = 0.0593;
};

/// ARRI LogC3, EI 800 (SUP 3.x): t = c log10(a x + b) + d above cut, else e x + f.
struct LogC3 {
    static constexpr double cut = 0.010591;
    static constexpr double a = 5.555556;
    static constexpr double b = 0.0522722750;
    static constexpr double c = 0.2471896383;
    static constexpr double d = 0.3855369987;
    static constexpr double e = 5.367655;
    static constexpr double f = 0.092809;
    static constexpr double encoded_cut = e * cut + f;  // 0.149658
};

/// ARRI LogC4: E = (log2(a x + 64) - 6) / 14 * b + c for x >= t, else (x - t) / s (the log
/// piece reaches E = 0 at x = t; s matches its slope there).
struct LogC4 {
    static constexpr double a = (262144.0 - 16.0) / 117.45;  // (2^18 - 16) / 117.45
    static constexpr double b = (1023.0 - 95.0) / 1023.0;
    static constexpr double c = 95.0 / 1023.0;
    // s = 7 ln(2) 2^(7 - 14 c / b) / (a b), t = (2^(6 - 14 c / b) - 64) / a (checked in tests).
    static constexpr double s = 0.1135972086105891;
    static constexpr double t = -0.01805699611991131;
};

/// Sony S-Log3 (code values over 1023, full range).
struct SLog3 {
    static constexpr double linear_break = 0.01125;
    static constexpr double encoded_break = 171.2102946929 / 1023.0;
    static constexpr double grey_code = 420.0;
    static constexpr double black_code = 95.0;
    static constexpr double log_slope = 261.5;
    static constexpr double offset = 0.01;
    static constexpr double grey = 0.18;
    static constexpr double linear_slope = (171.2102946929 - 95.0) / 0.01125;  // code per unit
};

/// RED Log3G10 v3: y = a log10((x + c) b + 1) for x + c >= 0, else (x + c) g.
struct Log3G10 {
    static constexpr double a = 0.224282;
    static constexpr double b = 155.975327;
    static constexpr double c = 0.01;
    static constexpr double g = 15.1927;
};

/// Panasonic V-Log: y = c log10(x + b) + d from cut1, else a line below. Panasonic rounds the
/// line to 5.6 x + 0.125, which meets the log 3e-7 too high at cut1 (a step down, so not
/// invertible there); the line here is the log's tangent at cut1, as OCIO builds it.
struct VLog {
    static constexpr double cut1 = 0.01;  // linear side
    static constexpr double b = 0.00873;
    static constexpr double c = 0.241514;
    static constexpr double d = 0.598206;
    static constexpr double linear_slope = 5.60001054470806;             // c / (ln 10 (cut1 + b))
    static constexpr double linear_offset = 0.12499958331792245;         // log(cut1) - slope cut1
    static constexpr double cut2 = linear_slope * cut1 + linear_offset;  // 0.1809997 (~0.181)
};

/// Canon Log 3 (v1.2), on r = scene linear / 0.9, mirrored log below -0.014, linear between.
struct CanonLog3 {
    static constexpr double reflectance_scale = 0.9;
    static constexpr double cut = 0.014;  // on r
    static constexpr double log_slope = 0.36726845;
    static constexpr double gain = 14.98325;
    static constexpr double low_offset = 0.12783901;
    static constexpr double high_offset = 0.12240537;
    static constexpr double linear_slope = 1.9754798;
    static constexpr double linear_offset = 0.12512219;
    // Where the line ends (Canon gives 0.097465473 and 0.15277891; the log pieces meet the line
    // within 3e-9, and taking the line's own ends keeps decoding the inverse of encoding).
    static constexpr double encoded_low_break = linear_offset - linear_slope * cut;
    static constexpr double encoded_high_break = linear_offset + linear_slope * cut;
};

/// ACEScct (S-2016-001) and ACEScc (S-2014-003): (log2(x) + 9.72) / 17.52.
struct AcesLog {
    static constexpr double offset = 9.72;
    static constexpr double scale = 17.52;
    // ACEScct's linear toe.
    static constexpr double cct_linear_break = 0.0078125;  // 2^-7
    static constexpr double cct_encoded_break = 0.155251141552511;
    static constexpr double cct_a = 10.5402377416545;
    static constexpr double cct_b = 0.0729055341958355;
    // ACEScc: below 2^-15 the curve is log2(2^-16 + x / 2); 0 and negatives give its floor.
    static constexpr double cc_linear_break = 1.0 / 32768.0;  // 2^-15
    static constexpr double cc_tiny = 1.0 / 65536.0;          // 2^-16
    static constexpr double cc_encoded_break = (9.72 - 15.0) / 17.52;
};

}  // namespace curve

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

// Power laws mirror negatives: sign(x) * |x|^p.
double mirrored_pow(double x, double p) {
    return x < 0.0 ? -std::pow(-x, p) : std::pow(x, p);
}

// ---- Curves ----------------------------------------------------------------------------------

double srgb_decode(double v) {
    using K = curve::Srgb;
    const double a = std::fabs(v);
    const double out = a <= K::encoded_break
                           ? a / K::linear_slope
                           : std::pow((a + K::offset) / (1.0 + K::offset), K::gamma);
    return v < 0.0 ? -out : out;
}

double srgb_encode(double x) {
    using K = curve::Srgb;
    const double a = std::fabs(x);
    const double out = a <= K::linear_break
                           ? a * K::linear_slope
                           : (1.0 + K::offset) * std::pow(a, 1.0 / K::gamma) - K::offset;
    return x < 0.0 ? -out : out;
}

double pq_decode(double n) {
    using K = curve::Pq;
    // The curve's domain is 0..1 (0..10000 cd/m²); past 1 its denominator heads to 0.
    const double e = std::clamp(n, 0.0, 1.0);
    const double p = std::pow(e, 1.0 / K::m2);
    const double y = std::pow(std::max(p - K::c1, 0.0) / (K::c2 - K::c3 * p), 1.0 / K::m1);
    return y * (K::peak_nits / K::linear_unit_nits);
}

double pq_encode(double x) {
    using K = curve::Pq;
    const double y = std::max(x, 0.0) * (K::linear_unit_nits / K::peak_nits);
    const double ym = std::pow(y, K::m1);
    return std::pow((K::c1 + K::c2 * ym) / (1.0 + K::c3 * ym), K::m2);
}

double hlg_decode(double v) {
    using K = curve::Hlg;
    const double e = std::max(v, 0.0);
    if (e <= K::encoded_break) return e * e / 3.0;
    return (std::exp((e - K::c) / K::a) + K::b) / 12.0;
}

double hlg_encode(double x) {
    using K = curve::Hlg;
    const double e = std::max(x, 0.0);
    if (e <= K::linear_break) return std::sqrt(3.0 * e);
    return K::a * std::log(12.0 * e - K::b) + K::c;
}

double logc3_decode(double t) {
    using K = curve::LogC3;
    if (t > K::encoded_cut) return (std::pow(10.0, (t - K::d) / K::c) - K::b) / K::a;
    return (t - K::f) / K::e;
}

double logc3_encode(double x) {
    using K = curve::LogC3;
    if (x > K::cut) return K::c * std::log10(K::a * x + K::b) + K::d;
    return K::e * x + K::f;
}

double logc4_decode(double e) {
    using K = curve::LogC4;
    if (e >= 0.0) return (std::exp2(14.0 * (e - K::c) / K::b + 6.0) - 64.0) / K::a;
    return e * K::s + K::t;
}

double logc4_encode(double x) {
    using K = curve::LogC4;
    if (x >= K::t) return (std::log2(K::a * x + 64.0) - 6.0) / 14.0 * K::b + K::c;
    return (x - K::t) / K::s;
}

double slog3_decode(double y) {
    using K = curve::SLog3;
    if (y >= K::encoded_break)
        return std::pow(10.0, (y * 1023.0 - K::grey_code) / K::log_slope) * (K::grey + K::offset) -
               K::offset;
    return (y * 1023.0 - K::black_code) / K::linear_slope;
}

double slog3_encode(double x) {
    using K = curve::SLog3;
    if (x >= K::linear_break)
        return (K::grey_code + std::log10((x + K::offset) / (K::grey + K::offset)) * K::log_slope) /
               1023.0;
    return (x * K::linear_slope + K::black_code) / 1023.0;
}

double log3g10_decode(double y) {
    using K = curve::Log3G10;
    if (y < 0.0) return y / K::g - K::c;
    return (std::pow(10.0, y / K::a) - 1.0) / K::b - K::c;
}

double log3g10_encode(double x) {
    using K = curve::Log3G10;
    const double shifted = x + K::c;
    if (shifted < 0.0) return shifted * K::g;
    return K::a * std::log10(shifted * K::b + 1.0);
}

double vlog_decode(double y) {
    using K = curve::VLog;
    if (y < K::cut2) return (y - K::linear_offset) / K::linear_slope;
    return std::pow(10.0, (y - K::d) / K::c) - K::b;
}

double vlog_encode(double x) {
    using K = curve::VLog;
    if (x < K::cut1) return K::linear_slope * x + K::linear_offset;
    return K::c * std::log10(x + K::b) + K::d;
}

double canon_log3_decode(double v) {
    using K = curve::CanonLog3;
    double r = 0.0;
    if (v < K::encoded_low_break)
        r = -(std::pow(10.0, (K::low_offset - v) / K::log_slope) - 1.0) / K::gain;
    else if (v <= K::encoded_high_break)
        r = (v - K::linear_offset) / K::linear_slope;
    else
        r = (std::pow(10.0, (v - K::high_offset) / K::log_slope) - 1.0) / K::gain;
    return r * K::reflectance_scale;
}

double canon_log3_encode(double x) {
    using K = curve::CanonLog3;
    const double r = x / K::reflectance_scale;
    if (r < -K::cut) return -K::log_slope * std::log10(-r * K::gain + 1.0) + K::low_offset;
    if (r <= K::cut) return K::linear_slope * r + K::linear_offset;
    return K::log_slope * std::log10(r * K::gain + 1.0) + K::high_offset;
}

double acescct_decode(double v) {
    using K = curve::AcesLog;
    if (v <= K::cct_encoded_break) return (v - K::cct_b) / K::cct_a;
    return std::exp2(v * K::scale - K::offset);
}

double acescct_encode(double x) {
    using K = curve::AcesLog;
    if (x <= K::cct_linear_break) return K::cct_a * x + K::cct_b;
    return (std::log2(x) + K::offset) / K::scale;
}

double acescc_decode(double v) {
    using K = curve::AcesLog;
    if (v <= K::cc_encoded_break) return (std::exp2(v * K::scale - K::offset) - K::cc_tiny) * 2.0;
    return std::exp2(v * K::scale - K::offset);
}

double acescc_encode(double x) {
    using K = curve::AcesLog;
    if (x <= 0.0) return (std::log2(K::cc_tiny) + K::offset) / K::scale;
    if (x < K::cc_linear_break) return (std::log2(K::cc_tiny + x * 0.5) + K::offset) / K::scale;
    return (std::log2(x) + K::offset) / K::scale;
}

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
    switch (transfer) {
        case Transfer::Linear:
            return encoded;
        case Transfer::Srgb:
            return srgb_decode(encoded);
        case Transfer::Bt1886:
            return mirrored_pow(encoded, curve::Power::bt1886);
        case Transfer::Gamma22:
            return mirrored_pow(encoded, curve::Power::gamma22);
        case Transfer::Gamma26:
            return mirrored_pow(encoded, curve::Power::gamma26);
        case Transfer::Pq:
            return pq_decode(encoded);
        case Transfer::Hlg:
            return hlg_decode(encoded);
        case Transfer::LogC3:
            return logc3_decode(encoded);
        case Transfer::LogC4:
            return logc4_decode(encoded);
        case Transfer::SLog3:
            return slog3_decode(encoded);
        case Transfer::Log3G10:
            return log3g10_decode(encoded);
        case Transfer::VLog:
            return vlog_decode(encoded);
        case Transfer::CanonLog3:
            return canon_log3_decode(encoded);
        case Transfer::AcesCct:
            return acescct_decode(encoded);
        case Transfer::AcesCc:
            return acescc_decode(encoded);
        case Transfer::Count:
            break;
    }
    return encoded;
}

double from_linear(Transfer transfer, double linear) {
    switch (transfer) {
        case Transfer::Linear:
            return linear;
        case Transfer::Srgb:
            return srgb_encode(linear);
        case Transfer::Bt1886:
            return mirrored_pow(linear, 1.0 / curve::Power::bt1886);
        case Transfer::Gamma22:
            return mirrored_pow(linear, 1.0 / curve::Power::gamma22);
        case Transfer::Gamma26:
            return mirrored_pow(linear, 1.0 / curve::Power::gamma26);
        case Transfer::Pq:
            return pq_encode(linear);
        case Transfer::Hlg:
            return hlg_encode(linear);
        case Transfer::LogC3:
            return logc3_encode(linear);
        case Transfer::LogC4:
            return logc4_encode(linear);
        case Transfer::SLog3:
            return slog3_encode(linear);
        case Transfer::Log3G10:
            return log3g10_encode(linear);
        case Transfer::VLog:
            return vlog_encode(linear);
        case Transfer::CanonLog3:
            return canon_log3_encode(linear);
        case Transfer::AcesCct:
            return acescct_encode(linear);
        case Transfer::AcesCc:
            return acescc_encode(linear);
        case Transfer::Count:
            break;
    }
    return linear;
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
