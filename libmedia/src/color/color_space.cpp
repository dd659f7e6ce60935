// SPDX-License-Identifier: Apache-2.0
// The built-in colour spaces (a transfer over a gamut) and the pipelines between them.
//
// Linear light between the decode and the encode:
// - scene-referred spaces: their own scene linear (0.18 = grey);
// - SDR displays: display linear, 1.0 = the display's white;
// - PQ and HLG: display light in units of 100 cd/m² (HLG through its OOTF for `hlg_peak_nits`).
// So SDR white, scene linear 1.0 and 100 cd/m² all meet at 1.0. Going to HDR there is no inverse
// tone mapping: SDR white (and scene 1.0) is placed at 100 cd/m². Going from HDR to an SDR
// display the BT.2390 EETF maps the source peak onto the display's (tone_map_hdr); HDR to HDR
// converts as is (light above the target's range clips when encoded).
#include "media/color/color_space.h"
#include "names.h"

#include <array>

#include <fmt/format.h>

namespace media::color {

using detail::same_ignoring_case;
namespace {

constexpr std::array kSpaces{
    ColorSpaceInfo{"logc3", "ARRI LogC3 (EI 800) / ARRI Wide Gamut 3", Transfer::LogC3, Gamut::AwG3,
                   false, false},
    ColorSpaceInfo{"logc4", "ARRI LogC4 / ARRI Wide Gamut 4", Transfer::LogC4, Gamut::AwG4, false,
                   false},
    ColorSpaceInfo{"slog3", "Sony S-Log3 / S-Gamut3.Cine", Transfer::SLog3, Gamut::SGamut3Cine,
                   false, false},
    ColorSpaceInfo{"slog3-sgamut3", "Sony S-Log3 / S-Gamut3", Transfer::SLog3, Gamut::SGamut3,
                   false, false},
    ColorSpaceInfo{"log3g10", "RED Log3G10 / REDWideGamutRGB", Transfer::Log3G10,
                   Gamut::RedWideGamut, false, false},
    ColorSpaceInfo{"vlog", "Panasonic V-Log / V-Gamut", Transfer::VLog, Gamut::VGamut, false,
                   false},
    ColorSpaceInfo{"clog3", "Canon Log 3 / Cinema Gamut", Transfer::CanonLog3, Gamut::CinemaGamut,
                   false, false},
    ColorSpaceInfo{"acescct", "ACEScct (AP1)", Transfer::AcesCct, Gamut::Ap1, false, false},
    ColorSpaceInfo{"acescc", "ACEScc (AP1)", Transfer::AcesCc, Gamut::Ap1, false, false},
    ColorSpaceInfo{"acescg", "ACEScg (linear AP1)", Transfer::Linear, Gamut::Ap1, false, false},
    ColorSpaceInfo{"aces2065-1", "ACES2065-1 (linear AP0)", Transfer::Linear, Gamut::Ap0, false,
                   false},
    ColorSpaceInfo{"rec709", "Rec.709 display (BT.1886)", Transfer::Bt1886, Gamut::Rec709, true,
                   false},
    ColorSpaceInfo{"rec2020", "Rec.2020 display (BT.1886)", Transfer::Bt1886, Gamut::Rec2020, true,
                   false},
    ColorSpaceInfo{"srgb", "sRGB display", Transfer::Srgb, Gamut::Rec709, true, false},
    ColorSpaceInfo{"p3-d65", "P3-D65 display (gamma 2.6)", Transfer::Gamma26, Gamut::P3D65, true,
                   false},
    ColorSpaceInfo{"rec2100-pq", "Rec.2100 PQ", Transfer::Pq, Gamut::Rec2020, true, true},
    ColorSpaceInfo{"rec2100-hlg", "Rec.2100 HLG", Transfer::Hlg, Gamut::Rec2020, true, true},
    ColorSpaceInfo{"linear-rec709", "Linear Rec.709", Transfer::Linear, Gamut::Rec709, false,
                   false},
    ColorSpaceInfo{"linear-rec2020", "Linear Rec.2020", Transfer::Linear, Gamut::Rec2020, false,
                   false},
    ColorSpaceInfo{"linear-p3d65", "Linear P3-D65", Transfer::Linear, Gamut::P3D65, false, false},
};

struct Alias {
    std::string_view alias;
    std::string_view name;
};

constexpr std::array kAliases{
    Alias{"alexa", "logc3"},
    Alias{"logc", "logc3"},
    Alias{"arri-logc3", "logc3"},
    Alias{"logc3-awg3", "logc3"},
    Alias{"logc-awg", "logc3"},
    Alias{"arri-logc4", "logc4"},
    Alias{"logc4-awg4", "logc4"},
    Alias{"alexa35", "logc4"},
    Alias{"s-log3", "slog3"},
    Alias{"slog3-sgamut3cine", "slog3"},
    Alias{"slog3-sgamut3.cine", "slog3"},
    Alias{"redlog3g10", "log3g10"},
    Alias{"red-log3g10", "log3g10"},
    Alias{"log3g10-rwg", "log3g10"},
    Alias{"v-log", "vlog"},
    Alias{"vlog-vgamut", "vlog"},
    Alias{"canonlog3", "clog3"},
    Alias{"canon-log3", "clog3"},
    Alias{"clog3-cgamut", "clog3"},
    Alias{"aces", "aces2065-1"},
    Alias{"aces2065", "aces2065-1"},
    Alias{"ap0", "aces2065-1"},
    Alias{"ap1", "acescg"},
    Alias{"bt709", "rec709"},
    Alias{"rec.709", "rec709"},
    Alias{"bt1886", "rec709"},
    Alias{"rec1886", "rec709"},
    Alias{"bt2020", "rec2020"},
    Alias{"rec.2020", "rec2020"},
    Alias{"iec61966-2-1", "srgb"},
    Alias{"p3d65", "p3-d65"},
    Alias{"pq", "rec2100-pq"},
    Alias{"st2084", "rec2100-pq"},
    Alias{"bt2100-pq", "rec2100-pq"},
    Alias{"hdr10", "rec2100-pq"},
    Alias{"hlg", "rec2100-hlg"},
    Alias{"bt2100-hlg", "rec2100-hlg"},
    Alias{"arib-std-b67", "rec2100-hlg"},
    Alias{"linear", "linear-rec709"},
    Alias{"lin-rec709", "linear-rec709"},
    Alias{"linear-srgb", "linear-rec709"},
    Alias{"lin-rec2020", "linear-rec2020"},
    Alias{"lin-p3d65", "linear-p3d65"},
    Alias{"linear-p3-d65", "linear-p3d65"},
};

std::optional<ColorSpaceInfo> space_named(std::string_view name) {
    for (const ColorSpaceInfo& space : kSpaces)
        if (space.name == name) return space;
    return std::nullopt;
}

// Short names for step labels ("LogC3 -> linear", "AWG3 -> Rec.709").
std::string_view short_name(Transfer transfer) {
    switch (transfer) {
        case Transfer::Linear:
            return "linear";
        case Transfer::Srgb:
            return "sRGB";
        case Transfer::Bt1886:
            return "BT.1886";
        case Transfer::Gamma22:
            return "gamma 2.2";
        case Transfer::Gamma26:
            return "gamma 2.6";
        case Transfer::Pq:
            return "PQ";
        case Transfer::Hlg:
            return "HLG";
        case Transfer::LogC3:
            return "LogC3";
        case Transfer::LogC4:
            return "LogC4";
        case Transfer::SLog3:
            return "S-Log3";
        case Transfer::Log3G10:
            return "Log3G10";
        case Transfer::VLog:
            return "V-Log";
        case Transfer::CanonLog3:
            return "Canon Log 3";
        case Transfer::AcesCct:
            return "ACEScct";
        case Transfer::AcesCc:
            return "ACEScc";
        case Transfer::Count:
            break;
    }
    return "?";
}

std::string_view short_name(Gamut gamut) {
    switch (gamut) {
        case Gamut::Rec709:
            return "Rec.709";
        case Gamut::P3D65:
            return "P3-D65";
        case Gamut::Rec2020:
            return "Rec.2020";
        case Gamut::Ap0:
            return "AP0";
        case Gamut::Ap1:
            return "AP1";
        case Gamut::AwG3:
            return "AWG3";
        case Gamut::AwG4:
            return "AWG4";
        case Gamut::SGamut3:
            return "S-Gamut3";
        case Gamut::SGamut3Cine:
            return "S-Gamut3.Cine";
        case Gamut::RedWideGamut:
            return "RWG";
        case Gamut::VGamut:
            return "V-Gamut";
        case Gamut::CinemaGamut:
            return "Cinema Gamut";
        case Gamut::CieXyzD65:
            return "XYZ D65";
        case Gamut::Count:
            break;
    }
    return "?";
}

ColorStep to_linear_step(Transfer transfer) {
    ColorStep step;
    step.kind = ColorStep::Kind::ToLinear;
    step.transfer = transfer;
    step.label = fmt::format("{} -> linear", short_name(transfer));
    return step;
}

ColorStep from_linear_step(Transfer transfer) {
    ColorStep step;
    step.kind = ColorStep::Kind::FromLinear;
    step.transfer = transfer;
    step.label = fmt::format("linear -> {}", short_name(transfer));
    return step;
}

ColorStep gamut_step(Gamut from, Gamut to) {
    ColorStep step;
    step.kind = ColorStep::Kind::Matrix;
    step.matrix = gamut_conversion(from, to);
    step.label = fmt::format("{} -> {}", short_name(from), short_name(to));
    return step;
}

ColorStep hlg_ootf_step(double peak_nits, bool inverse) {
    ColorStep step;
    step.kind = ColorStep::Kind::HlgOotf;
    step.inverse = inverse;
    step.hlg_peak_nits = peak_nits;
    step.hlg_system_gamma = 0.0;  // BT.2100's, from the peak
    step.label = fmt::format("HLG {}OOTF {:g} cd/m2 (gamma {:.3g})", inverse ? "inverse " : "",
                             peak_nits, hlg_system_gamma(peak_nits));
    return step;
}

ColorStep tone_map_step(const ToneMapDesc& desc) {
    ColorStep step;
    step.kind = ColorStep::Kind::ToneMap;
    step.tone_map = desc;
    step.label =
        fmt::format("BT.2390 {:g} -> {:g} cd/m2", desc.source_peak_nits, desc.target_peak_nits);
    return step;
}

std::string known_names() {
    std::string names;
    for (const ColorSpaceInfo& space : kSpaces) {
        if (!names.empty()) names += ", ";
        names += space.name;
    }
    return names;
}

Error unknown_space(std::string_view name) {
    return Error(ErrorCode::InvalidArgument,
                 fmt::format("unknown colour space '{}' (built-in: {})", name, known_names()));
}

}  // namespace

std::span<const ColorSpaceInfo> color_space_table() {
    return kSpaces;
}

std::optional<ColorSpaceInfo> find_color_space(std::string_view name) {
    for (const ColorSpaceInfo& space : kSpaces)
        if (same_ignoring_case(space.name, name)) return space;
    for (const Alias& alias : kAliases)
        if (same_ignoring_case(alias.alias, name)) return space_named(alias.name);
    return std::nullopt;
}

std::optional<ColorSpaceInfo> color_space_from_tags(const ColorInfo& color) {
    if (!color.scene_space.empty())
        if (auto named = find_color_space(color.scene_space)) return named;

    using P = ColorPrimaries;
    using T = TransferCharacteristic;
    const bool bt2020_transfer = color.transfer == T::BT2020_10 || color.transfer == T::BT2020_12;
    // Unspecified primaries: BT.2020 when the transfer says so, else BT.709 (what players assume).
    P primaries = color.primaries;
    if (primaries == P::Unspecified) primaries = bt2020_transfer ? P::BT2020 : P::BT709;

    switch (color.transfer) {
        case T::SMPTE2084:
            if (primaries == P::BT2020 || color.primaries == P::Unspecified)
                return space_named("rec2100-pq");
            return std::nullopt;
        case T::ARIB_STD_B67:
            if (primaries == P::BT2020 || color.primaries == P::Unspecified)
                return space_named("rec2100-hlg");
            return std::nullopt;
        case T::IEC61966_2_1:
            if (primaries == P::BT709) return space_named("srgb");
            return std::nullopt;
        case T::Linear:
            if (primaries == P::BT709) return space_named("linear-rec709");
            if (primaries == P::BT2020) return space_named("linear-rec2020");
            if (primaries == P::SMPTE432) return space_named("linear-p3d65");
            return std::nullopt;
        case T::Unspecified:
        case T::BT709:
        case T::SMPTE170M:
        case T::BT1361:
        case T::BT2020_10:
        case T::BT2020_12:
            // Camera OETFs all: shown on a BT.1886 display, as broadcast does.
            if (primaries == P::BT709) return space_named("rec709");
            if (primaries == P::BT2020) return space_named("rec2020");
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

Result<ColorPipelineDesc> builtin_conversion(std::string_view from, std::string_view to,
                                             const ConversionOptions& options) {
    const std::optional<ColorSpaceInfo> source = find_color_space(from);
    if (!source) return unknown_space(from);
    const std::optional<ColorSpaceInfo> target = find_color_space(to);
    if (!target) return unknown_space(to);

    ColorPipelineDesc desc;
    if (source->transfer == target->transfer && source->gamut == target->gamut) return desc;

    const bool source_hlg = source->transfer == Transfer::Hlg;
    const bool target_hlg = target->transfer == Transfer::Hlg;
    const bool tone_map =
        options.tone_map_hdr && source->hdr && target->display_referred && !target->hdr;

    if (source->transfer != Transfer::Linear)
        desc.steps.push_back(to_linear_step(source->transfer));
    // HLG to display light (1.0 = 100 cd/m²), in its own Rec.2020 (the OOTF's luma is BT.2100's).
    if (source_hlg) desc.steps.push_back(hlg_ootf_step(options.hlg_peak_nits, false));
    if (tone_map) {
        ToneMapDesc tone = options.tone_map;
        // HLG's display light peaks where its OOTF put it.
        if (source_hlg) tone.source_peak_nits = options.hlg_peak_nits;
        desc.steps.push_back(tone_map_step(tone));
    }
    if (source->gamut != target->gamut)
        desc.steps.push_back(gamut_step(source->gamut, target->gamut));
    if (target_hlg) desc.steps.push_back(hlg_ootf_step(options.hlg_peak_nits, true));
    if (target->transfer != Transfer::Linear)
        desc.steps.push_back(from_linear_step(target->transfer));
    return desc;
}

}  // namespace media::color
