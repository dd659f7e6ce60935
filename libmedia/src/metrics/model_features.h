// SPDX-License-Identifier: Apache-2.0
// The libvmaf feature names a VMAF model file may list, mapped onto VmafFeature. Both extractor
// families name the same feature: "VMAF_integer_feature_adm2_score" (the integer extractors the
// default models use) and "VMAF_feature_adm2_score" (the float ones of vmaf_float_*).
// Private to the metrics module.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "media/metrics/vmaf_model.h"

namespace media::metrics::detail {

struct FeatureName {
    std::string_view short_name;  ///< between the family prefix and "_score"
    VmafFeature feature;
};

inline constexpr std::array<FeatureName, 6> k_feature_names{{
    {"adm2", VmafFeature::Adm2},
    {"motion2", VmafFeature::Motion2},
    {"vif_scale0", VmafFeature::Vif0},
    {"vif_scale1", VmafFeature::Vif1},
    {"vif_scale2", VmafFeature::Vif2},
    {"vif_scale3", VmafFeature::Vif3},
}};

inline constexpr std::array<std::string_view, 2> k_feature_families{"VMAF_integer_feature_",
                                                                    "VMAF_feature_"};

/// The feature a libvmaf name denotes, or nullopt for a feature this module does not compute.
inline std::optional<VmafFeature> feature_from_name(std::string_view name) {
    constexpr std::string_view suffix = "_score";
    for (const std::string_view family : k_feature_families) {
        if (!name.starts_with(family) || !name.ends_with(suffix)) continue;
        const std::string_view middle =
            name.substr(family.size(), name.size() - family.size() - suffix.size());
        for (const FeatureName& entry : k_feature_names)
            if (entry.short_name == middle) return entry.feature;
    }
    return std::nullopt;
}

/// Every accepted name, for error messages.
inline std::string supported_feature_names() {
    std::string out;
    for (const std::string_view family : k_feature_families)
        for (const FeatureName& entry : k_feature_names) {
            if (!out.empty()) out += ", ";
            out += std::string(family) + std::string(entry.short_name) + "_score";
        }
    return out;
}

}  // namespace media::metrics::detail
