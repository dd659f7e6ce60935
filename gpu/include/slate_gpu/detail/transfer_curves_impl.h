// SPDX-License-Identifier: Apache-2.0
#pragma once
// Inline definitions of transfer_curves.h (host and device): the curve constants and formulas of
// the colour module, in double. libmedia's media::color::to_linear / from_linear are these
// functions, so host code must stay bit for bit what libmedia always computed: host code calls
// the std:: functions, device code the CUDA math library's double versions (within an ulp or two).
//
// Each curve's constants sit in a named struct below. Sources:
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

#include <cmath>

#include "slate_gpu/plane.h"  // SLATE_GPU_HD
#include "slate_gpu/transfer_curves.h"

namespace slate_gpu {

// ---- Curve constants -------------------------------------------------------------------------

/// One struct per curve, constants only.
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

namespace detail::curves {

// ---- Maths on host and device ----------------------------------------------------------------

#if defined(__CUDA_ARCH__)
SLATE_GPU_HD inline double pow_(double a, double b) {
    return ::pow(a, b);
}
SLATE_GPU_HD inline double exp_(double a) {
    return ::exp(a);
}
SLATE_GPU_HD inline double exp2_(double a) {
    return ::exp2(a);
}
SLATE_GPU_HD inline double log_(double a) {
    return ::log(a);
}
SLATE_GPU_HD inline double log2_(double a) {
    return ::log2(a);
}
SLATE_GPU_HD inline double log10_(double a) {
    return ::log10(a);
}
SLATE_GPU_HD inline double sqrt_(double a) {
    return ::sqrt(a);
}
SLATE_GPU_HD inline double fabs_(double a) {
    return ::fabs(a);
}
#else
SLATE_GPU_HD inline double pow_(double a, double b) {
    return std::pow(a, b);
}
SLATE_GPU_HD inline double exp_(double a) {
    return std::exp(a);
}
SLATE_GPU_HD inline double exp2_(double a) {
    return std::exp2(a);
}
SLATE_GPU_HD inline double log_(double a) {
    return std::log(a);
}
SLATE_GPU_HD inline double log2_(double a) {
    return std::log2(a);
}
SLATE_GPU_HD inline double log10_(double a) {
    return std::log10(a);
}
SLATE_GPU_HD inline double sqrt_(double a) {
    return std::sqrt(a);
}
SLATE_GPU_HD inline double fabs_(double a) {
    return std::fabs(a);
}
#endif
/// std::max(a, b) exactly: `a` when the comparison is false (NaN in `a` passes through).
SLATE_GPU_HD inline double max_(double a, double b) {
    return a < b ? b : a;
}
/// std::clamp(v, lo, hi) exactly (NaN passes through).
SLATE_GPU_HD inline double clamp_(double v, double lo, double hi) {
    return v < lo ? lo : (hi < v ? hi : v);
}

// ---- Curves ----------------------------------------------------------------------------------

// Power laws mirror negatives: sign(x) * |x|^p.
SLATE_GPU_HD inline double mirrored_pow(double x, double p) {
    return x < 0.0 ? -pow_(-x, p) : pow_(x, p);
}

SLATE_GPU_HD inline double srgb_decode(double v) {
    using K = curve::Srgb;
    const double a = fabs_(v);
    const double out = a <= K::encoded_break ? a / K::linear_slope
                                             : pow_((a + K::offset) / (1.0 + K::offset), K::gamma);
    return v < 0.0 ? -out : out;
}

SLATE_GPU_HD inline double srgb_encode(double x) {
    using K = curve::Srgb;
    const double a = fabs_(x);
    const double out = a <= K::linear_break
                           ? a * K::linear_slope
                           : (1.0 + K::offset) * pow_(a, 1.0 / K::gamma) - K::offset;
    return x < 0.0 ? -out : out;
}

SLATE_GPU_HD inline double pq_decode(double n) {
    using K = curve::Pq;
    // The curve's domain is 0..1 (0..10000 cd/m²); past 1 its denominator heads to 0.
    const double e = clamp_(n, 0.0, 1.0);
    const double p = pow_(e, 1.0 / K::m2);
    const double y = pow_(max_(p - K::c1, 0.0) / (K::c2 - K::c3 * p), 1.0 / K::m1);
    return y * (K::peak_nits / K::linear_unit_nits);
}

SLATE_GPU_HD inline double pq_encode(double x) {
    using K = curve::Pq;
    const double y = max_(x, 0.0) * (K::linear_unit_nits / K::peak_nits);
    const double ym = pow_(y, K::m1);
    return pow_((K::c1 + K::c2 * ym) / (1.0 + K::c3 * ym), K::m2);
}

SLATE_GPU_HD inline double hlg_decode(double v) {
    using K = curve::Hlg;
    const double e = max_(v, 0.0);
    if (e <= K::encoded_break) return e * e / 3.0;
    return (exp_((e - K::c) / K::a) + K::b) / 12.0;
}

SLATE_GPU_HD inline double hlg_encode(double x) {
    using K = curve::Hlg;
    const double e = max_(x, 0.0);
    if (e <= K::linear_break) return sqrt_(3.0 * e);
    return K::a * log_(12.0 * e - K::b) + K::c;
}

SLATE_GPU_HD inline double logc3_decode(double t) {
    using K = curve::LogC3;
    if (t > K::encoded_cut) return (pow_(10.0, (t - K::d) / K::c) - K::b) / K::a;
    return (t - K::f) / K::e;
}

SLATE_GPU_HD inline double logc3_encode(double x) {
    using K = curve::LogC3;
    if (x > K::cut) return K::c * log10_(K::a * x + K::b) + K::d;
    return K::e * x + K::f;
}

SLATE_GPU_HD inline double logc4_decode(double e) {
    using K = curve::LogC4;
    if (e >= 0.0) return (exp2_(14.0 * (e - K::c) / K::b + 6.0) - 64.0) / K::a;
    return e * K::s + K::t;
}

SLATE_GPU_HD inline double logc4_encode(double x) {
    using K = curve::LogC4;
    if (x >= K::t) return (log2_(K::a * x + 64.0) - 6.0) / 14.0 * K::b + K::c;
    return (x - K::t) / K::s;
}

SLATE_GPU_HD inline double slog3_decode(double y) {
    using K = curve::SLog3;
    if (y >= K::encoded_break)
        return pow_(10.0, (y * 1023.0 - K::grey_code) / K::log_slope) * (K::grey + K::offset) -
               K::offset;
    return (y * 1023.0 - K::black_code) / K::linear_slope;
}

SLATE_GPU_HD inline double slog3_encode(double x) {
    using K = curve::SLog3;
    if (x >= K::linear_break)
        return (K::grey_code + log10_((x + K::offset) / (K::grey + K::offset)) * K::log_slope) /
               1023.0;
    return (x * K::linear_slope + K::black_code) / 1023.0;
}

SLATE_GPU_HD inline double log3g10_decode(double y) {
    using K = curve::Log3G10;
    if (y < 0.0) return y / K::g - K::c;
    return (pow_(10.0, y / K::a) - 1.0) / K::b - K::c;
}

SLATE_GPU_HD inline double log3g10_encode(double x) {
    using K = curve::Log3G10;
    const double shifted = x + K::c;
    if (shifted < 0.0) return shifted * K::g;
    return K::a * log10_(shifted * K::b + 1.0);
}

SLATE_GPU_HD inline double vlog_decode(double y) {
    using K = curve::VLog;
    if (y < K::cut2) return (y - K::linear_offset) / K::linear_slope;
    return pow_(10.0, (y - K::d) / K::c) - K::b;
}

SLATE_GPU_HD inline double vlog_encode(double x) {
    using K = curve::VLog;
    if (x < K::cut1) return K::linear_slope * x + K::linear_offset;
    return K::c * log10_(x + K::b) + K::d;
}

SLATE_GPU_HD inline double canon_log3_decode(double v) {
    using K = curve::CanonLog3;
    double r = 0.0;
    if (v < K::encoded_low_break)
        r = -(pow_(10.0, (K::low_offset - v) / K::log_slope) - 1.0) / K::gain;
    else if (v <= K::encoded_high_break)
        r = (v - K::linear_offset) / K::linear_slope;
    else
        r = (pow_(10.0, (v - K::high_offset) / K::log_slope) - 1.0) / K::gain;
    return r * K::reflectance_scale;
}

SLATE_GPU_HD inline double canon_log3_encode(double x) {
    using K = curve::CanonLog3;
    const double r = x / K::reflectance_scale;
    if (r < -K::cut) return -K::log_slope * log10_(-r * K::gain + 1.0) + K::low_offset;
    if (r <= K::cut) return K::linear_slope * r + K::linear_offset;
    return K::log_slope * log10_(r * K::gain + 1.0) + K::high_offset;
}

SLATE_GPU_HD inline double acescct_decode(double v) {
    using K = curve::AcesLog;
    if (v <= K::cct_encoded_break) return (v - K::cct_b) / K::cct_a;
    return exp2_(v * K::scale - K::offset);
}

SLATE_GPU_HD inline double acescct_encode(double x) {
    using K = curve::AcesLog;
    if (x <= K::cct_linear_break) return K::cct_a * x + K::cct_b;
    return (log2_(x) + K::offset) / K::scale;
}

SLATE_GPU_HD inline double acescc_decode(double v) {
    using K = curve::AcesLog;
    if (v <= K::cc_encoded_break) return (exp2_(v * K::scale - K::offset) - K::cc_tiny) * 2.0;
    return exp2_(v * K::scale - K::offset);
}

SLATE_GPU_HD inline double acescc_encode(double x) {
    using K = curve::AcesLog;
    if (x <= 0.0) return (log2_(K::cc_tiny) + K::offset) / K::scale;
    if (x < K::cc_linear_break) return (log2_(K::cc_tiny + x * 0.5) + K::offset) / K::scale;
    return (log2_(x) + K::offset) / K::scale;
}

}  // namespace detail::curves

SLATE_GPU_HD inline double transfer_to_linear(TransferId id, double encoded) {
    namespace c = detail::curves;
    switch (id) {
        case TransferId::Linear:
            return encoded;
        case TransferId::Srgb:
            return c::srgb_decode(encoded);
        case TransferId::Bt1886:
            return c::mirrored_pow(encoded, curve::Power::bt1886);
        case TransferId::Gamma22:
            return c::mirrored_pow(encoded, curve::Power::gamma22);
        case TransferId::Gamma26:
            return c::mirrored_pow(encoded, curve::Power::gamma26);
        case TransferId::Pq:
            return c::pq_decode(encoded);
        case TransferId::Hlg:
            return c::hlg_decode(encoded);
        case TransferId::LogC3:
            return c::logc3_decode(encoded);
        case TransferId::LogC4:
            return c::logc4_decode(encoded);
        case TransferId::SLog3:
            return c::slog3_decode(encoded);
        case TransferId::Log3G10:
            return c::log3g10_decode(encoded);
        case TransferId::VLog:
            return c::vlog_decode(encoded);
        case TransferId::CanonLog3:
            return c::canon_log3_decode(encoded);
        case TransferId::AcesCct:
            return c::acescct_decode(encoded);
        case TransferId::AcesCc:
            return c::acescc_decode(encoded);
        case TransferId::Count:
            break;
    }
    return encoded;
}

SLATE_GPU_HD inline double transfer_from_linear(TransferId id, double linear) {
    namespace c = detail::curves;
    switch (id) {
        case TransferId::Linear:
            return linear;
        case TransferId::Srgb:
            return c::srgb_encode(linear);
        case TransferId::Bt1886:
            return c::mirrored_pow(linear, 1.0 / curve::Power::bt1886);
        case TransferId::Gamma22:
            return c::mirrored_pow(linear, 1.0 / curve::Power::gamma22);
        case TransferId::Gamma26:
            return c::mirrored_pow(linear, 1.0 / curve::Power::gamma26);
        case TransferId::Pq:
            return c::pq_encode(linear);
        case TransferId::Hlg:
            return c::hlg_encode(linear);
        case TransferId::LogC3:
            return c::logc3_encode(linear);
        case TransferId::LogC4:
            return c::logc4_encode(linear);
        case TransferId::SLog3:
            return c::slog3_encode(linear);
        case TransferId::Log3G10:
            return c::log3g10_encode(linear);
        case TransferId::VLog:
            return c::vlog_encode(linear);
        case TransferId::CanonLog3:
            return c::canon_log3_encode(linear);
        case TransferId::AcesCct:
            return c::acescct_encode(linear);
        case TransferId::AcesCc:
            return c::acescc_encode(linear);
        case TransferId::Count:
            break;
    }
    return linear;
}

}  // namespace slate_gpu
