// SPDX-License-Identifier: Apache-2.0
// The display BT.1702 assumes: code white at display_peak cd/m². SDR codes are decoded with their
// EOTF (BT.1886's 2.4 power unless the frame says sRGB, 2.2, 2.8 or linear), PQ with its absolute
// EOTF clamped to the display, HLG with its inverse OETF and a 1.2 system gamma per channel.
// Tables replace per-pixel powers: the sampler only indexes them.
#include "flash_display.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace media::analysis::detail {
namespace {

double srgb_eotf(double v) {
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

// SMPTE ST 2084, in cd/m² (0..10000).
double pq_eotf(double v) {
    constexpr double m1 = 2610.0 / 16384.0, m2 = 2523.0 / 4096.0 * 128.0;
    constexpr double c1 = 3424.0 / 4096.0, c2 = 2413.0 / 4096.0 * 32.0, c3 = 2392.0 / 4096.0 * 32.0;
    const double p = std::pow(v, 1.0 / m2);
    return 10000.0 * std::pow(std::max(p - c1, 0.0) / (c2 - c3 * p), 1.0 / m1);
}

// ARIB STD-B67 inverse OETF (scene light 0..1).
double hlg_inverse_oetf(double v) {
    constexpr double a = 0.17883277, b = 0.28466892, c = 0.55991073;
    return v <= 0.5 ? v * v / 3.0 : (std::exp((v - c) / a) + b) / 12.0;
}

// Relative light (0..1 of the display's white) for a normalised code; nullopt for PQ, which is
// absolute.
std::optional<double> relative_light(TransferCharacteristic t, bool float_samples, double v) {
    using T = TransferCharacteristic;
    if (t == T::Linear || (float_samples && t == T::Unspecified)) return v;
    switch (t) {
        case T::IEC61966_2_1:
            return srgb_eotf(v);
        case T::Gamma22:
            return std::pow(v, 2.2);
        case T::Gamma28:
            return std::pow(v, 2.8);
        case T::SMPTE428:
            return std::pow(v, 2.6);
        // BT.2100's reference system gamma (1.2) applied per channel rather than on luminance:
        // the per-channel form needs no per-pixel power and differs little in luminance.
        case T::ARIB_STD_B67:
            return std::pow(hlg_inverse_oetf(v), 1.2);
        case T::SMPTE2084:
            return std::nullopt;
        default:
            return std::pow(v, 2.4);  // BT.1886 with a zero black level
    }
}

struct CachedTable {
    TransferCharacteristic transfer = TransferCharacteristic::Reserved0;
    bool float_samples = false;
    double peak = -1.0;
    EotfTable table{};
};

const EotfTable& cached_table(TransferCharacteristic transfer, bool float_samples, double peak) {
    thread_local CachedTable cache;
    if (cache.transfer != transfer || cache.float_samples != float_samples || cache.peak != peak) {
        cache.table = build_eotf_table(transfer, float_samples, peak);
        cache.transfer = transfer;
        cache.float_samples = float_samples;
        cache.peak = peak;
    }
    return cache.table;
}

std::array<float, 3> luma_weights_of(ColorPrimaries p) {
    using P = ColorPrimaries;
    if (p == P::BT2020) return {0.2627f, 0.6780f, 0.0593f};
    if (p == P::SMPTE431 || p == P::SMPTE432) return {0.2290f, 0.6917f, 0.0793f};
    return {0.2126f, 0.7152f, 0.0722f};
}

void set_matrix(DisplayModel& model, LumaCoefficients c) {
    const double kg = 1.0 - c.kr - c.kb;
    model.cr_r = static_cast<float>(2.0 * (1.0 - c.kr));
    model.cb_b = static_cast<float>(2.0 * (1.0 - c.kb));
    model.cb_g = static_cast<float>(-2.0 * c.kb * (1.0 - c.kb) / kg);
    model.cr_g = static_cast<float>(-2.0 * c.kr * (1.0 - c.kr) / kg);
}

// Unspecified range: narrow for Y'CbCr (what cameras and codecs write), full for RGB and grey.
void set_range(DisplayModel& model, const PixelFormatInfo& fi, ColorRange range) {
    if (fi.sample_type == SampleType::F16 || fi.sample_type == SampleType::F32) return;
    const double unit = static_cast<double>(1 << (fi.bit_depth - 8));
    const double max_code = static_cast<double>((1 << fi.bit_depth) - 1);
    const bool narrow =
        range == ColorRange::Limited || (range == ColorRange::Unspecified && fi.is_yuv);
    model.offset = narrow ? static_cast<float>(16.0 * unit) : 0.0f;
    model.scale = static_cast<float>(1.0 / (narrow ? 219.0 * unit : max_code));
    model.chroma_offset = static_cast<float>(128.0 * unit);
    model.chroma_scale = static_cast<float>(1.0 / (narrow ? 224.0 * unit : max_code));
}

}  // namespace

EotfTable build_eotf_table(TransferCharacteristic transfer, bool float_samples,
                           double display_peak) {
    EotfTable table{};
    for (int i = 0; i < kEotfTableSize; ++i) {
        const double v = static_cast<double>(i) / (kEotfTableSize - 1);
        const std::optional<double> relative = relative_light(transfer, float_samples, v);
        const double light = relative ? *relative * display_peak : pq_eotf(v);
        table[static_cast<size_t>(i)] = static_cast<float>(std::clamp(light, 0.0, display_peak));
    }
    return table;
}

DisplayModel display_model(const FrameSpec& spec, double display_peak) {
    const PixelFormatInfo& fi = info(spec.format);
    const bool float_samples =
        fi.sample_type == SampleType::F16 || fi.sample_type == SampleType::F32;
    DisplayModel model;
    model.eotf = &cached_table(spec.color.transfer, float_samples, display_peak);
    model.luma_weights = luma_weights_of(spec.color.primaries);
    model.yuv = fi.is_yuv;
    set_matrix(model, luma_coefficients(assumed_matrix(spec.color.matrix, spec.height)));
    set_range(model, fi, spec.color.range);
    return model;
}

}  // namespace media::analysis::detail
