// SPDX-License-Identifier: Apache-2.0
// Names of burn-in fields and anchors, as presets and the command line write them.
#include <array>
#include <utility>

#include "media/transcode/burnin.h"

namespace media::transcode {
namespace {

constexpr std::array<std::pair<BurnInField, std::string_view>, 6> kFields{{
    {BurnInField::Timecode, "timecode"},
    {BurnInField::FrameCounter, "frame"},
    {BurnInField::ClipName, "clip"},
    {BurnInField::Reel, "reel"},
    {BurnInField::Text, "text"},
    {BurnInField::Watermark, "watermark"},
}};

constexpr std::array<std::pair<Anchor, std::string_view>, 9> kAnchors{{
    {Anchor::TopLeft, "top-left"},
    {Anchor::TopCenter, "top"},
    {Anchor::TopRight, "top-right"},
    {Anchor::CenterLeft, "left"},
    {Anchor::Center, "center"},
    {Anchor::CenterRight, "right"},
    {Anchor::BottomLeft, "bottom-left"},
    {Anchor::BottomCenter, "bottom"},
    {Anchor::BottomRight, "bottom-right"},
}};

}  // namespace

std::string_view to_string(BurnInField field) {
    for (const auto& [value, name] : kFields)
        if (value == field) return name;
    return "text";
}

std::optional<BurnInField> burnin_field_from_name(std::string_view name) {
    for (const auto& [value, text] : kFields)
        if (text == name) return value;
    if (name == "frame_counter" || name == "counter") return BurnInField::FrameCounter;
    if (name == "tape") return BurnInField::Reel;
    return std::nullopt;
}

std::string_view to_string(Anchor anchor) {
    for (const auto& [value, name] : kAnchors)
        if (value == anchor) return name;
    return "bottom-left";
}

std::optional<Anchor> anchor_from_name(std::string_view name) {
    for (const auto& [value, text] : kAnchors)
        if (text == name) return value;
    if (name == "top-center") return Anchor::TopCenter;
    if (name == "bottom-center") return Anchor::BottomCenter;
    if (name == "centre") return Anchor::Center;
    return std::nullopt;
}

}  // namespace media::transcode
