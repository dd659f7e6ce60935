// SPDX-License-Identifier: Apache-2.0
// The words preset files use for enumerations: one table each, shared by the YAML reader and
// to_string, so the two can never disagree.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "media/transcode/preset.h"

namespace media::transcode {

template <typename E, size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

inline constexpr NameTable<ScaleMode, 5> k_scale_mode_names{{
    {ScaleMode::Fit, "fit"},
    {ScaleMode::Fill, "fill"},
    {ScaleMode::Pad, "pad"},
    {ScaleMode::Stretch, "stretch"},
    {ScaleMode::None, "none"},
}};

inline constexpr NameTable<FrameRateMode, 2> k_frame_rate_mode_names{{
    {FrameRateMode::Keep, "keep"},
    {FrameRateMode::Conform, "conform"},
}};

inline constexpr NameTable<AudioMode, 4> k_audio_mode_names{{
    {AudioMode::None, "none"},
    {AudioMode::Copy, "copy"},
    {AudioMode::Pcm, "pcm"},
    {AudioMode::Aac, "aac"},
}};

inline constexpr NameTable<OutputKind, 2> k_output_kind_names{{
    {OutputKind::Movie, "movie"},
    {OutputKind::ImageSequence, "image-sequence"},
}};

/// ScaleSpec::filter values (swscale's flags by their short names).
inline constexpr std::array<std::string_view, 5> k_scale_filter_names{"bilinear", "bicubic",
                                                                      "lanczos", "spline", "point"};

/// Image sequence writers, by OutputKind::ImageSequence container name.
inline constexpr std::array<std::string_view, 3> k_image_container_names{"dpx", "exr", "tiff"};

template <typename E, size_t N>
std::string_view name_of(const NameTable<E, N>& table, E value) {
    for (const auto& [entry, name] : table)
        if (entry == value) return name;
    return "unknown";
}

template <typename E, size_t N>
std::optional<E> value_of(const NameTable<E, N>& table, std::string_view name) {
    for (const auto& [entry, text] : table)
        if (text == name) return entry;
    return std::nullopt;
}

/// "fit, fill, pad" for error messages.
template <typename E, size_t N>
std::string names_of(const NameTable<E, N>& table) {
    std::string out;
    for (const auto& entry : table) out += (out.empty() ? "" : ", ") + std::string(entry.second);
    return out;
}

}  // namespace media::transcode
