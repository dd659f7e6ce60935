// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "media/color/color_pipeline.h"
#include "media/color/gamut.h"
#include "media/color/tone_map.h"
#include "media/color/transfer.h"
#include "media/core/result.h"
#include "media/frame/color_info.h"

namespace media::color {

/// A built-in colour space: an encoding (transfer function) over a gamut. What `--from` and
/// `--to` name when no OCIO config is in use: "logc3" (LogC3 EI 800 / AWG3), "logc4", "slog3"
/// (S-Log3 / S-Gamut3.Cine), "slog3-sgamut3", "log3g10" (RWG), "vlog", "clog3" (Cinema Gamut),
/// "acescct", "acescc", "acescg" (linear AP1), "aces2065-1" (linear AP0), "rec709" (BT.1886
/// display), "srgb", "p3-d65" (gamma 2.6 D65), "rec2100-pq", "rec2100-hlg", "linear-rec709",
/// "linear-rec2020", "linear-p3d65".
struct ColorSpaceInfo {
    std::string_view name;
    std::string_view title;
    Transfer transfer;
    Gamut gamut;
    bool display_referred;  ///< an output (display) encoding rather than scene-referred
    bool hdr;               ///< PQ or HLG
};

std::span<const ColorSpaceInfo> color_space_table();
/// By name, case-insensitive, with aliases ("alexa" -> logc3, "bt709" -> rec709, "pq" ->
/// rec2100-pq, "aces" -> aces2065-1); nullopt when unknown.
std::optional<ColorSpaceInfo> find_color_space(std::string_view name);
/// The built-in colour space a frame's H.273 tags describe (PQ -> rec2100-pq, HLG ->
/// rec2100-hlg, BT.709/unspecified -> rec709, sRGB, linear...); nullopt when there is none.
std::optional<ColorSpaceInfo> color_space_from_tags(const ColorInfo& color);

struct ConversionOptions {
    /// HDR (PQ/HLG) to an SDR display: tone map with BT.2390 (default on; source peak from
    /// `tone_map.source_peak_nits`, which callers set from MaxCLL / ST 2086 when known).
    bool tone_map_hdr = true;
    ToneMapDesc tone_map;
    double hlg_peak_nits = 1000.0;  ///< display peak the HLG OOTF renders for
};

/// The steps from one built-in colour space to another: decode the source's transfer, convert
/// the gamut (Bradford when the whites differ), tone map HDR to SDR when going from PQ/HLG to an
/// SDR display, encode the target's transfer. Scene-referred to display: no tone curve beyond
/// that (highlights clip at the display's white) -- use a show LUT or an OCIO view for a
/// rendering. InvalidArgument naming the unknown space, listing the known ones.
Result<ColorPipelineDesc> builtin_conversion(std::string_view from, std::string_view to,
                                             const ConversionOptions& options = {});

/// What an OpenColorIO config offers (for `slate grade --list-spaces` and for checking names
/// before a processor is built).
struct OcioConfigInfo {
    std::string path;  ///< the file read (from the argument or $OCIO)
    std::string description;
    std::vector<std::string> color_spaces;
    std::vector<std::string> roles;
    std::vector<std::string> displays;
    std::string default_display;
    std::vector<std::vector<std::string>> views;  ///< views[i]: the views of displays[i]
    std::vector<std::string> looks;
};

/// Loads an OCIO config (`path`, or $OCIO when empty) and lists what it offers. Errors name the
/// file: NotFound, InvalidArgument with OCIO's reason for one that does not load or validate,
/// and InvalidArgument "no OCIO config: pass --ocio-config or set $OCIO" when neither is given.
Result<OcioConfigInfo> load_ocio_config(const std::string& path = {});

}  // namespace media::color
