// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "media/core/result.h"
#include "media/metrics/adm.h"
#include "media/metrics/vif.h"

namespace media::metrics {

namespace detail {
struct VmafModelAccess;  // libmedia-internal access to a loaded model (the GPU export)
}

/// The features a VMAF v0.6.x model can ask for (libvmaf's names map onto these; the integer
/// and float extractor names map onto the same feature).
enum class VmafFeature { Adm2, Motion2, Vif0, Vif1, Vif2, Vif3, Count };
inline constexpr int kVmafFeatureCount = static_cast<int>(VmafFeature::Count);

/// One frame's feature values, indexed by VmafFeature.
using VmafFeatureValues = std::array<double, kVmafFeatureCount>;

/// How a model's score is post-processed (libvmaf's model flags).
struct VmafPredictOptions {
    bool enable_transform = false;  ///< apply score_transform even when the file does not enable it
    bool disable_clip = false;      ///< skip score_clip
};

/// A VMAF model loaded from libvmaf's JSON format: feature normalisation (linear_rescale or
/// none), a libsvm nu-SVR with RBF kernel, output de-normalisation, score transform and clip.
class VmafModel {
public:
    /// Loads a model file; errors name the file and, for malformed content, the key at fault.
    static Result<VmafModel> load(const std::string& path);
    /// Parses model JSON text; `origin` names it in errors.
    static Result<VmafModel> parse(std::string_view json, const std::string& origin);

    VmafModel(VmafModel&&) noexcept;
    VmafModel& operator=(VmafModel&&) noexcept;
    VmafModel(const VmafModel&);
    VmafModel& operator=(const VmafModel&);
    ~VmafModel();

    /// The model's name: the file's stem ("vmaf_v0.6.1").
    const std::string& name() const;
    /// Features in the model's own order (the SVM vector order).
    std::span<const VmafFeature> features() const;
    /// Extractor options the model sets (feature_opts_dicts: the neg models' gain limits).
    VifOptions vif_options() const;
    AdmOptions adm_options() const;

    /// The score of one frame.
    double predict(const VmafFeatureValues& values, const VmafPredictOptions& options = {}) const;

private:
    friend struct detail::VmafModelAccess;
    struct Impl;
    explicit VmafModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Where model files are looked for, in order: a path (anything with a '/' or ending in
/// ".json") is used as given; a name ("vmaf_v0.6.1") is searched as NAME.json in each folder
/// of $SLATE_VMAF_MODEL_PATH (':'-separated), then libvmaf's install folders
/// (/usr/local/share/vmaf/model, /usr/share/vmaf/model, /usr/local/share/model,
/// /usr/share/model). The list actually searched, for messages.
std::vector<std::string> vmaf_model_search_folders();
/// Resolves a model name or path to a readable file. NotFound says every place looked at and how
/// to provide a model (--vmaf-model FILE or SLATE_VMAF_MODEL_PATH).
Result<std::string> find_vmaf_model(std::string_view name_or_path);

}  // namespace media::metrics
