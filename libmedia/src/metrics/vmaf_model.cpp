// SPDX-License-Identifier: Apache-2.0
// libvmaf's JSON model format read strictly (any key of the wrong type, missing, unknown or out
// of range is an error naming the file and the key), and libvmaf's prediction: linear_rescale of
// each feature, RBF nu-SVR, de-normalisation with the output slope and intercept (index 0),
// score_transform when the file or the caller enables it, score_clip unless disabled.
#include "media/metrics/vmaf_model.h"

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "model_features.h"
#include "model_transform.h"
#include "svm_nusvr.h"
#include "vmaf_model_export.h"

namespace media::metrics {

namespace detail {

/// Everything a model file says, ready for predict().
struct VmafModelData {
    std::string name;
    std::vector<VmafFeature> features;
    bool linear_rescale = false;
    double out_slope = 1.0, out_intercept = 0.0;
    std::vector<double> slopes, intercepts;  ///< per feature, in features' order
    detail::SvmNuSvr svm;
    detail::ScoreTransform transform;
    bool clip = false;
    double clip_min = 0.0, clip_max = 0.0;
    VifOptions vif;
    AdmOptions adm;
};

}  // namespace detail

struct VmafModel::Impl : detail::VmafModelData {};

namespace {

using nlohmann::json;

// libvmaf's own limit on the features of one model; it keeps predict()'s vector on the stack.
constexpr size_t k_max_features = 32;

/// Builds the errors of one model text: "ORIGIN: KEY: what".
class Reader {
public:
    explicit Reader(const std::string& origin) : m_origin(origin) {}

    Error invalid(std::string_view key, const std::string& what) const {
        return Error(ErrorCode::InvalidArgument, fmt::format("{}: {}: {}", m_origin, key, what));
    }
    Error unsupported(std::string_view key, const std::string& what) const {
        return Error(ErrorCode::UnsupportedFormat, fmt::format("{}: {}: {}", m_origin, key, what));
    }

    Error plain(const std::string& what) const {
        return Error(ErrorCode::InvalidArgument, fmt::format("{}: {}", m_origin, what));
    }

    Result<const json*> member(const json& object, const std::string& key, const std::string& path,
                               bool required = true) const {
        const auto it = object.find(key);
        if (it != object.end()) return &*it;
        if (required) return invalid(path, "missing");
        return static_cast<const json*>(nullptr);
    }

    Result<double> number(const json& value, const std::string& path) const {
        if (!value.is_number())
            return invalid(path, fmt::format("expected a number, found {}", value.type_name()));
        const double x = value.get<double>();
        if (!std::isfinite(x)) return invalid(path, "is not a finite number");
        return x;
    }

    Result<std::vector<double>> numbers(const json& value, const std::string& path) const {
        if (!value.is_array())
            return invalid(
                path, fmt::format("expected an array of numbers, found {}", value.type_name()));
        std::vector<double> out;
        for (size_t i = 0; i < value.size(); ++i) {
            MEDIA_TRY_ASSIGN(const double x, number(value[i], fmt::format("{}[{}]", path, i)));
            out.push_back(x);
        }
        return out;
    }

    Result<std::string> string(const json& value, const std::string& path) const {
        if (!value.is_string())
            return invalid(path, fmt::format("expected a string, found {}", value.type_name()));
        return value.get<std::string>();
    }

    Result<void> object(const json& value, const std::string& path) const {
        if (!value.is_object())
            return invalid(path, fmt::format("expected an object, found {}", value.type_name()));
        return ok();
    }

    /// Every key of `value` must be one of `known`.
    Result<void> known_keys(const json& value, const std::string& path,
                            std::initializer_list<std::string_view> known) const {
        for (const auto& [key, unused] : value.items()) {
            bool found = false;
            for (const std::string_view k : known) found = found || key == k;
            if (!found)
                return invalid(path.empty() ? key : path + "." + key,
                               fmt::format("unknown key (known: {})", fmt::join(known, ", ")));
        }
        return ok();
    }

private:
    const std::string& m_origin;
};

Result<json> parse_json_text(std::string_view text, const Reader& reader) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::exception& e) {  // parse_error, or out_of_range for 1e999
        std::string what = e.what();
        if (const size_t close = what.find("] "); close != std::string::npos)
            what = what.substr(close + 2);
        return reader.plain("not valid JSON: " + what);
    }
}

Result<void> read_model_type(const json& dict, const Reader& r) {
    MEDIA_TRY_ASSIGN(const json* value, r.member(dict, "model_type", "model_dict.model_type"));
    MEDIA_TRY_ASSIGN(const std::string type, r.string(*value, "model_dict.model_type"));
    if (type == "LIBSVMNUSVR") return ok();
    if (type == "BOOTSTRAP_LIBSVMNUSVR" || type == "RESIDUEBOOTSTRAP_LIBSVMNUSVR")
        return r.unsupported("model_dict.model_type",
                             fmt::format("'{}' (bootstrap models) is not supported; use a "
                                         "single model such as vmaf_v0.6.1",
                                         type));
    return r.invalid("model_dict.model_type",
                     fmt::format("unknown model type '{}' (supported: LIBSVMNUSVR)", type));
}

Result<void> read_feature_names(const json& dict, const Reader& r, detail::VmafModelData& m) {
    const std::string path = "model_dict.feature_names";
    MEDIA_TRY_ASSIGN(const json* names, r.member(dict, "feature_names", path));
    if (!names->is_array() || names->empty() || names->size() > k_max_features)
        return r.invalid(path,
                         fmt::format("expected an array of 1 to {} feature names", k_max_features));
    for (size_t i = 0; i < names->size(); ++i) {
        const std::string item = fmt::format("{}[{}]", path, i);
        MEDIA_TRY_ASSIGN(const std::string name, r.string((*names)[i], item));
        const std::optional<VmafFeature> feature = detail::feature_from_name(name);
        if (!feature)
            return r.unsupported(item, fmt::format("feature '{}' is not supported (supported: {})",
                                                   name, detail::supported_feature_names()));
        m.features.push_back(*feature);
    }
    return ok();
}

Result<void> read_normalisation(const json& dict, const Reader& r, detail::VmafModelData& m) {
    MEDIA_TRY_ASSIGN(const json* value, r.member(dict, "norm_type", "model_dict.norm_type"));
    MEDIA_TRY_ASSIGN(const std::string norm, r.string(*value, "model_dict.norm_type"));
    if (norm != "linear_rescale" && norm != "none")
        return r.invalid(
            "model_dict.norm_type",
            fmt::format("unknown norm_type '{}' (supported: linear_rescale, none)", norm));
    m.linear_rescale = norm == "linear_rescale";
    const size_t expected = m.features.size() + 1;
    std::vector<double>* targets[] = {&m.slopes, &m.intercepts};
    const char* keys[] = {"slopes", "intercepts"};
    for (int k = 0; k < 2; ++k) {
        const std::string path = std::string("model_dict.") + keys[k];
        MEDIA_TRY_ASSIGN(const json* array, r.member(dict, keys[k], path, m.linear_rescale));
        if (!array) continue;
        MEDIA_TRY_ASSIGN(std::vector<double> values, r.numbers(*array, path));
        if (values.size() != expected)
            return r.invalid(path, fmt::format("has {} entries, expected {} (the output's, then "
                                               "one per feature)",
                                               values.size(), expected));
        *targets[k] = std::move(values);
    }
    if (!m.linear_rescale) {
        m.slopes.clear();
        m.intercepts.clear();
        return ok();
    }
    if (m.slopes[0] == 0) return r.invalid("model_dict.slopes[0]", "the output slope is 0");
    m.out_slope = m.slopes[0];
    m.out_intercept = m.intercepts[0];
    m.slopes.erase(m.slopes.begin());
    m.intercepts.erase(m.intercepts.begin());
    return ok();
}

Result<void> read_clip(const json& dict, const Reader& r, detail::VmafModelData& m) {
    const std::string path = "model_dict.score_clip";
    MEDIA_TRY_ASSIGN(const json* value, r.member(dict, "score_clip", path, false));
    if (!value) return ok();
    MEDIA_TRY_ASSIGN(const std::vector<double> range, r.numbers(*value, path));
    if (range.size() != 2 || range[0] > range[1])
        return r.invalid(path, "expected [min, max] with min <= max");
    m.clip = true;
    m.clip_min = range[0];
    m.clip_max = range[1];
    return ok();
}

Result<std::optional<double>> read_coefficient(const json& value, const std::string& path,
                                               const Reader& r) {
    if (value.is_null()) return std::optional<double>();
    MEDIA_TRY_ASSIGN(const double x, r.number(value, path));
    return std::optional<double>(x);
}

Result<bool> read_flag(const json& value, const std::string& path, const Reader& r) {
    if (value.is_boolean()) return value.get<bool>();
    if (value.is_string() && (value == "true" || value == "false")) return value == "true";
    return r.invalid(path, fmt::format("expected true or false, found {}", value.dump()));
}

Result<void> read_knots(const json& value, const std::string& path, const Reader& r,
                        detail::ScoreTransform& t) {
    if (value.is_null()) return ok();
    if (!value.is_array() || value.size() < 2)
        return r.invalid(path, "expected null or an array of at least two [x, y] knots");
    std::vector<std::pair<double, double>> knots;
    for (size_t i = 0; i < value.size(); ++i) {
        const std::string item = fmt::format("{}[{}]", path, i);
        MEDIA_TRY_ASSIGN(const std::vector<double> xy, r.numbers(value[i], item));
        if (xy.size() != 2) return r.invalid(item, "expected [x, y]");
        if (i > 0 && !(knots.back().first < xy[0] && knots.back().second <= xy[1]))
            return r.invalid(item, "knots need increasing x and non-decreasing y");
        knots.emplace_back(xy[0], xy[1]);
    }
    t.set_knots(knots);
    return ok();
}

Result<void> read_transform(const json& dict, const Reader& r, detail::VmafModelData& m) {
    const std::string path = "model_dict.score_transform";
    MEDIA_TRY_ASSIGN(const json* value, r.member(dict, "score_transform", path, false));
    if (!value) return ok();
    MEDIA_TRY(r.object(*value, path));
    MEDIA_TRY(r.known_keys(*value, path,
                           {"enabled", "p0", "p1", "p2", "knots", "out_lte_in", "out_gte_in"}));
    detail::ScoreTransform& t = m.transform;
    t.present = true;
    for (const auto& [key, item] : value->items()) {
        const std::string at = path + "." + key;
        if (key == "enabled") {
            if (!item.is_boolean()) return r.invalid(at, "expected true or false");
            t.enabled = item.get<bool>();
        } else if (key == "knots") {
            MEDIA_TRY(read_knots(item, at, r, t));
        } else if (key == "out_lte_in" || key == "out_gte_in") {
            MEDIA_TRY_ASSIGN(const bool flag, read_flag(item, at, r));
            (key == "out_lte_in" ? t.out_lte_in : t.out_gte_in) = flag;
        } else {
            MEDIA_TRY_ASSIGN(const std::optional<double> p, read_coefficient(item, at, r));
            (key == "p0" ? t.p0 : key == "p1" ? t.p1 : t.p2) = p;
        }
    }
    return ok();
}

bool is_vif(VmafFeature feature) {
    return feature >= VmafFeature::Vif0 && feature <= VmafFeature::Vif3;
}

/// One option of one feature's extractor, range-checked as libvmaf's option tables do. The VIF
/// gain limit goes to `vif_limit`: the caller checks that all scales agree.
Result<void> read_feature_option(const std::string& key, const json& value, const std::string& path,
                                 VmafFeature feature, const Reader& r, AdmOptions& adm,
                                 double& vif_limit) {
    MEDIA_TRY_ASSIGN(const double x, r.number(value, path));
    auto in_range = [&](double lo, double hi) -> Result<void> {
        if (x < lo || x > hi) return r.invalid(path, fmt::format("must be in [{}, {}]", lo, hi));
        return ok();
    };
    if (feature == VmafFeature::Adm2 && key == "adm_enhn_gain_limit") {
        MEDIA_TRY(in_range(1.0, 100.0));
        adm.enhn_gain_limit = x;
    } else if (feature == VmafFeature::Adm2 && key == "adm_norm_view_dist") {
        MEDIA_TRY(in_range(0.75, 24.0));
        adm.norm_view_dist = x;
    } else if (feature == VmafFeature::Adm2 && key == "adm_ref_display_height") {
        MEDIA_TRY(in_range(1.0, 4320.0));
        if (x != std::floor(x)) return r.invalid(path, "must be a whole number");
        adm.ref_display_height = static_cast<int>(x);
    } else if (is_vif(feature) && key == "vif_enhn_gain_limit") {
        MEDIA_TRY(in_range(1.0, 100.0));
        vif_limit = x;
    } else {
        return r.unsupported(path,
                             "option not supported for this feature (supported: "
                             "adm_enhn_gain_limit, adm_norm_view_dist, "
                             "adm_ref_display_height for adm2; vif_enhn_gain_limit for "
                             "vif_scale0..3)");
    }
    return ok();
}

Result<void> read_feature_opts(const json& dict, const Reader& r, detail::VmafModelData& m) {
    const std::string path = "model_dict.feature_opts_dicts";
    MEDIA_TRY_ASSIGN(const json* value, r.member(dict, "feature_opts_dicts", path, false));
    if (!value) return ok();
    if (!value->is_array() || value->size() != m.features.size())
        return r.invalid(path, fmt::format("expected an array of {} objects, one per feature",
                                           m.features.size()));
    std::optional<double> vif_seen;
    for (size_t i = 0; i < value->size(); ++i) {
        const std::string item = fmt::format("{}[{}]", path, i);
        MEDIA_TRY(r.object((*value)[i], item));
        double vif_limit = VifOptions{}.enhn_gain_limit;
        for (const auto& [key, option] : (*value)[i].items())
            MEDIA_TRY(read_feature_option(key, option, item + "." + key, m.features[i], r, m.adm,
                                          vif_limit));
        if (!is_vif(m.features[i])) continue;
        // One VIF pass serves all four scales, so their options must agree.
        if (vif_seen && *vif_seen != vif_limit)
            return r.unsupported(item, "vif_enhn_gain_limit differs between VIF scales");
        vif_seen = vif_limit;
        m.vif.enhn_gain_limit = vif_limit;
    }
    return ok();
}

Result<void> read_svm(const json& dict, const Reader& r, detail::VmafModelData& m) {
    MEDIA_TRY_ASSIGN(const json* value, r.member(dict, "model", "model_dict.model"));
    MEDIA_TRY_ASSIGN(const std::string text, r.string(*value, "model_dict.model"));
    auto svm = detail::parse_svm_nusvr(text, static_cast<int>(m.features.size()));
    if (!svm) return r.invalid("model_dict.model", std::move(svm).error().message());
    m.svm = std::move(svm).value();
    return ok();
}

Result<void> read_model_dict(const json& dict, const Reader& r, detail::VmafModelData& m) {
    MEDIA_TRY(r.object(dict, "model_dict"));
    MEDIA_TRY(r.known_keys(
        dict, "model_dict",
        {"model_type", "feature_names", "feature_dict", "norm_type", "slopes", "intercepts",
         "model", "score_transform", "score_clip", "feature_opts_dicts"}));
    MEDIA_TRY(read_model_type(dict, r));
    MEDIA_TRY(read_feature_names(dict, r, m));
    MEDIA_TRY(read_normalisation(dict, r, m));
    MEDIA_TRY(read_feature_opts(dict, r, m));
    MEDIA_TRY(read_clip(dict, r, m));
    MEDIA_TRY(read_transform(dict, r, m));
    return read_svm(dict, r, m);
}

Result<void> read_document(const json& doc, const Reader& r, detail::VmafModelData& m) {
    MEDIA_TRY(r.object(doc, "top level"));
    if (!doc.contains("model_dict") && doc.contains("0"))
        return r.unsupported("top level",
                             "a bootstrap model collection (models \"0\", \"1\", ...) is not "
                             "supported; use a single model such as vmaf_v0.6.1");
    MEDIA_TRY(r.known_keys(doc, "", {"param_dict", "model_dict"}));
    MEDIA_TRY_ASSIGN(const json* dict, r.member(doc, "model_dict", "model_dict"));
    return read_model_dict(*dict, r, m);
}

Result<std::string> read_file(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::exists(path, ec))
        return Error(ErrorCode::NotFound, fmt::format("{}: no such VMAF model file", path));
    if (fs::is_directory(path, ec))
        return Error(ErrorCode::InvalidArgument,
                     fmt::format("{}: is a folder, not a VMAF model file", path));
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || in.bad())
        return Error(ErrorCode::IoError, fmt::format("{}: cannot read the VMAF model file", path));
    return text.str();
}

}  // namespace

VmafModel::VmafModel(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
VmafModel::VmafModel(VmafModel&&) noexcept = default;
VmafModel& VmafModel::operator=(VmafModel&&) noexcept = default;
VmafModel::VmafModel(const VmafModel& other) : m_impl(std::make_unique<Impl>(*other.m_impl)) {}
VmafModel& VmafModel::operator=(const VmafModel& other) {
    if (this != &other) m_impl = std::make_unique<Impl>(*other.m_impl);
    return *this;
}
VmafModel::~VmafModel() = default;

Result<VmafModel> VmafModel::load(const std::string& path) {
    MEDIA_TRY_ASSIGN(const std::string text, read_file(path));
    return parse(text, path);
}

Result<VmafModel> VmafModel::parse(std::string_view json_text, const std::string& origin) {
    const Reader reader(origin);
    MEDIA_TRY_ASSIGN(const json doc, parse_json_text(json_text, reader));
    auto impl = std::make_unique<Impl>();
    impl->name = std::filesystem::path(origin).stem().string();
    MEDIA_TRY(read_document(doc, reader, *impl));
    return VmafModel(std::move(impl));
}

const std::string& VmafModel::name() const {
    return m_impl->name;
}
std::span<const VmafFeature> VmafModel::features() const {
    return m_impl->features;
}
VifOptions VmafModel::vif_options() const {
    return m_impl->vif;
}
AdmOptions VmafModel::adm_options() const {
    return m_impl->adm;
}

double VmafModel::predict(const VmafFeatureValues& values,
                          const VmafPredictOptions& options) const {
    const Impl& m = *m_impl;
    std::array<double, k_max_features> x{};
    for (size_t i = 0; i < m.features.size(); ++i) {
        const double v = values[static_cast<size_t>(m.features[i])];
        x[i] = m.linear_rescale ? m.slopes[i] * v + m.intercepts[i] : v;
    }
    double score = m.svm.predict(x.data());
    if (m.linear_rescale) score = (score - m.out_intercept) / m.out_slope;
    if (m.transform.present && (m.transform.enabled || options.enable_transform))
        score = m.transform.apply(score);
    if (m.clip && !options.disable_clip) {
        if (score < m.clip_min) score = m.clip_min;
        if (score > m.clip_max) score = m.clip_max;
    }
    return score;
}

}  // namespace media::metrics

// ---- export for the GPU code (vmaf_model_export.h) ----

namespace media::metrics::detail {

struct VmafModelAccess {
    static const VmafModelData& data(const VmafModel& model) { return *model.m_impl; }
};

slate_gpu::VmafModelHost export_vmaf_model(const VmafModel& model,
                                           const VmafPredictOptions& options) {
    const VmafModelData& m = VmafModelAccess::data(model);
    slate_gpu::VmafModelHost out;
    for (const VmafFeature feature : m.features)
        out.feature_slots.push_back(static_cast<int>(feature));
    out.linear_rescale = m.linear_rescale;
    if (m.linear_rescale) {
        out.slopes = m.slopes;
        out.intercepts = m.intercepts;
        out.out_slope = m.out_slope;
        out.out_intercept = m.out_intercept;
    }
    out.gamma = m.svm.gamma;
    out.rho = m.svm.rho;
    out.support_vectors = m.svm.vectors;
    out.coefficients = m.svm.coefs;
    const ScoreTransform& t = m.transform;
    out.transform = t.present && (t.enabled || options.enable_transform);
    out.has_p0 = t.p0.has_value();
    out.has_p1 = t.p1.has_value();
    out.has_p2 = t.p2.has_value();
    out.p0 = t.p0.value_or(0.0);
    out.p1 = t.p1.value_or(0.0);
    out.p2 = t.p2.value_or(0.0);
    for (const ScoreTransform::Segment& s : t.segments) {
        const double fields[slate_gpu::kVmafSegmentFields] = {
            s.x0, s.x1, s.y0, s.horizontal ? 1.0 : 0.0, s.slope, s.offset};
        out.segments.insert(out.segments.end(), std::begin(fields), std::end(fields));
    }
    out.out_lte_in = t.out_lte_in;
    out.out_gte_in = t.out_gte_in;
    out.clip = m.clip && !options.disable_clip;
    out.clip_min = m.clip_min;
    out.clip_max = m.clip_max;
    return out;
}

}  // namespace media::metrics::detail
