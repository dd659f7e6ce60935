// SPDX-License-Identifier: Apache-2.0
// VMAF models: all six of libvmaf's v0.6.1 model files load; fed libvmaf's own per-frame
// features they reproduce libvmaf's per-frame vmaf and vmaf_4k scores on all 40 pairs; the score
// transform, clip and knots behave as libvmaf's predict.c; malformed files fail with a message
// naming the file and the key or line; model names resolve through SLATE_VMAF_MODEL_PATH.
#include "media/metrics/vmaf_model.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scratch_dir.h"
#include "vmaf_material.h"

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

namespace media::metrics {
namespace {

fs::path models_dir() {
    return test::vmaf_reference_dir() / "models";
}
std::string model_path(const std::string& name) {
    return (models_dir() / (name + ".json")).string();
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

VmafModel load(const std::string& name) {
    auto model = VmafModel::load(model_path(name));
    if (!model.ok()) throw std::runtime_error(model.error().to_string());
    return std::move(model).value();
}

const std::vector<std::string> k_models{"vmaf_v0.6.1",          "vmaf_v0.6.1neg",
                                        "vmaf_4k_v0.6.1",       "vmaf_float_v0.6.1",
                                        "vmaf_float_v0.6.1neg", "vmaf_float_4k_v0.6.1"};

// libvmaf's per-frame integer features, in VmafFeature order.
VmafFeatureValues features_of(const std::map<std::string, double>& frame) {
    return {frame.at("integer_adm2"),       frame.at("integer_motion2"),
            frame.at("integer_vif_scale0"), frame.at("integer_vif_scale1"),
            frame.at("integer_vif_scale2"), frame.at("integer_vif_scale3")};
}

// The scores files give each feature with 6 decimals (error <= 5e-7), and the score too. How
// far that rounding alone can move the score, to first order.
double rounding_bound(const VmafModel& model, const VmafFeatureValues& values) {
    const double y = model.predict(values);
    const double h = 1e-6;
    double bound = 5e-7;
    for (size_t i = 0; i < values.size(); ++i) {
        VmafFeatureValues moved = values;
        moved[i] += h;
        bound += std::abs(model.predict(moved) - y) / h * 5e-7;
    }
    return bound;
}

std::vector<std::string> all_pairs() {
    std::vector<std::string> names;
    for (const std::string size : {"324p", "1080p"})
        for (const std::string bits : {"8b", "10b"})
            for (const std::string& distortion : test::vmaf_distortions())
                names.push_back("mandel_" + size + "_" + bits + "_" + distortion);
    return names;
}

// ---- loading the shipped models -----------------------------------------------------------------

TEST(VmafModel, LoadsAllSixLibvmafModels) {
    const std::vector<VmafFeature> expected{VmafFeature::Adm2, VmafFeature::Motion2,
                                            VmafFeature::Vif0, VmafFeature::Vif1,
                                            VmafFeature::Vif2, VmafFeature::Vif3};
    for (const std::string& name : k_models) {
        SCOPED_TRACE(name);
        auto model = VmafModel::load(model_path(name));
        ASSERT_TRUE(model.ok()) << model.error().to_string();
        EXPECT_EQ(model->name(), name);
        EXPECT_EQ(std::vector<VmafFeature>(model->features().begin(), model->features().end()),
                  expected);
        const bool neg = name.ends_with("neg");
        EXPECT_EQ(model->vif_options().enhn_gain_limit, neg ? 1.0 : 100.0);
        EXPECT_EQ(model->adm_options().enhn_gain_limit, neg ? 1.0 : 100.0);
        EXPECT_EQ(model->adm_options().norm_view_dist, 3.0);
        EXPECT_EQ(model->adm_options().ref_display_height, 1080);
    }
}

TEST(VmafModel, CopiesAndMovesKeepTheModel) {
    const VmafModel original = load("vmaf_v0.6.1");
    const VmafFeatureValues values{0.9, 3.0, 0.5, 0.8, 0.9, 0.95};
    VmafModel copy = original;
    VmafModel moved = std::move(copy);
    copy = moved;
    EXPECT_EQ(moved.predict(values), original.predict(values));
    EXPECT_EQ(copy.predict(values), original.predict(values));
    EXPECT_EQ(copy.name(), "vmaf_v0.6.1");
}

// ---- prediction against libvmaf ----------------------------------------------------------------

// vmaf (vmaf_v0.6.1) and vmaf_4k per frame from libvmaf's own integer features, all 40 pairs.
// Expected within 1e-4; where the 6-decimal rounding of the file's features can move the score
// by more (a few frames reach 1.5e-4), within that rounding bound instead.
TEST(VmafModel, ReproducesLibvmafScoresFromItsFeatures) {
    const VmafModel vmaf = load("vmaf_v0.6.1");
    const VmafModel vmaf_4k = load("vmaf_4k_v0.6.1");
    double worst[2] = {0, 0};
    int beyond_1e4 = 0, frames = 0;
    for (const std::string& pair : all_pairs()) {
        const test::LibvmafScores scores = test::load_libvmaf_scores(pair);
        ASSERT_EQ(scores.frames.size(), 48u) << pair;
        for (size_t f = 0; f < scores.frames.size(); ++f) {
            const VmafFeatureValues values = features_of(scores.frames[f]);
            const VmafModel* models[2] = {&vmaf, &vmaf_4k};
            const char* keys[2] = {"vmaf", "vmaf_4k"};
            for (int k = 0; k < 2; ++k) {
                const double expected = scores.frames[f].at(keys[k]);
                const double got = models[k]->predict(values);
                const double tolerance = std::max(1e-4, rounding_bound(*models[k], values));
                EXPECT_NEAR(got, expected, tolerance) << pair << " frame " << f << " " << keys[k];
                worst[k] = std::max(worst[k], std::abs(got - expected));
                beyond_1e4 += std::abs(got - expected) > 1e-4;
                ++frames;
            }
        }
    }
    std::cout << "max |slate - libvmaf|: vmaf " << worst[0] << ", vmaf_4k " << worst[1] << "; "
              << beyond_1e4 << " of " << frames << " scores beyond 1e-4\n";
    EXPECT_LT(worst[0], 2e-4);
    EXPECT_LT(worst[1], 2e-4);
}

// The neg model is v0.6.1 plus extractor options (same SVM, slopes and transform), and the float
// models share the integer ones' SVMs: on the same features they predict the same scores.
TEST(VmafModel, NegAndFloatModelsShareTheDefaultModelsSvm) {
    const VmafModel vmaf = load("vmaf_v0.6.1");
    const VmafModel neg = load("vmaf_v0.6.1neg");
    const VmafModel float_vmaf = load("vmaf_float_v0.6.1");
    const VmafModel vmaf_4k = load("vmaf_4k_v0.6.1");
    const VmafModel float_4k = load("vmaf_float_4k_v0.6.1");
    const test::LibvmafScores scores = test::load_libvmaf_scores("mandel_324p_8b_x264crf35");
    for (const auto& frame : scores.frames) {
        const VmafFeatureValues values = features_of(frame);
        EXPECT_EQ(neg.predict(values), vmaf.predict(values));
        EXPECT_EQ(float_vmaf.predict(values), vmaf.predict(values));
        EXPECT_EQ(float_4k.predict(values), vmaf_4k.predict(values));
        for (const VmafPredictOptions options :
             {VmafPredictOptions{true, false}, VmafPredictOptions{false, true}})
            EXPECT_EQ(neg.predict(values, options), vmaf.predict(values, options));
    }
}

// v0.6.1 carries p0 + p1*y + p2*y^2 with out_gte_in but no "enabled": off unless asked for; when
// asked for, applied to the unclipped score, rectified against it, then clipped.
TEST(VmafModel, EnableTransformAppliesTheModelsPolynomial) {
    const VmafModel vmaf = load("vmaf_v0.6.1");
    const double p0 = 1.70674692, p1 = 1.72643844, p2 = -0.00705305;
    const test::LibvmafScores scores = test::load_libvmaf_scores("mandel_324p_8b_x264crf45");
    int changed = 0;
    for (const auto& frame : scores.frames) {
        const VmafFeatureValues values = features_of(frame);
        const double raw = vmaf.predict(values, {.disable_clip = true});
        const double polynomial = p0 + p1 * raw + p2 * raw * raw;
        const double expected = std::clamp(std::max(polynomial, raw), 0.0, 100.0);
        const double transformed = vmaf.predict(values, {.enable_transform = true});
        EXPECT_NEAR(transformed, expected, 1e-9);
        EXPECT_NEAR(vmaf.predict(values), std::clamp(raw, 0.0, 100.0), 1e-12);
        EXPECT_GE(transformed, vmaf.predict(values));
        changed += transformed > vmaf.predict(values) + 1.0;
    }
    EXPECT_GE(changed, 40);
    // The 4K model has no transform: asking for it changes nothing.
    const VmafModel vmaf_4k = load("vmaf_4k_v0.6.1");
    const VmafFeatureValues values = features_of(scores.frames[10]);
    EXPECT_EQ(vmaf_4k.predict(values, {.enable_transform = true}), vmaf_4k.predict(values));
}

TEST(VmafModel, ClipsToScoreClipUnlessDisabled) {
    const VmafModel vmaf = load("vmaf_v0.6.1");
    const VmafFeatureValues worst{0, 0, 0.5, 0.5, 0.5, 0.5};  // about -51 unclipped
    EXPECT_LT(vmaf.predict(worst, {.disable_clip = true}), 0.0);
    EXPECT_EQ(vmaf.predict(worst), 0.0);
    const VmafFeatureValues best{1.0, 40.0, 1.0, 1.0, 1.0, 1.0};
    EXPECT_GT(vmaf.predict(best, {.enable_transform = true, .disable_clip = true}), 100.0);
    EXPECT_EQ(vmaf.predict(best, {.enable_transform = true}), 100.0);
}

// ---- a small model written here: exact SVM arithmetic and the transform's stages ----------------

// One feature, no normalisation: y = 2 exp(-(x - 0.5)^2) - exp(-(x - 1)^2) - rho.
json tiny_model() {
    return json::parse(R"({
      "param_dict": {},
      "model_dict": {
        "model_type": "LIBSVMNUSVR",
        "feature_names": ["VMAF_feature_adm2_score"],
        "norm_type": "none",
        "model": "svm_type nu_svr\nkernel_type rbf\ngamma 1\nnr_class 2\ntotal_sv 2\nrho 0.25\nSV\n2 1:0.5 \n-1 1:1\n"
      }
    })");
}

double tiny_raw(double x) {
    return 2 * std::exp(-(x - 0.5) * (x - 0.5)) - std::exp(-(x - 1) * (x - 1)) - 0.25;
}

VmafModel parse_ok(const json& doc) {
    auto model = VmafModel::parse(doc.dump(), "tiny.json");
    if (!model.ok()) throw std::runtime_error(model.error().to_string());
    return std::move(model).value();
}

TEST(VmafModel, SvmIsTheRbfSumMinusRho) {
    const VmafModel model = parse_ok(tiny_model());
    EXPECT_EQ(model.name(), "tiny");
    for (const double x : {0.0, 0.3, 0.5, 0.9, 1.7})
        EXPECT_NEAR(model.predict({x, 0, 0, 0, 0, 0}), tiny_raw(x), 1e-15) << x;
}

TEST(VmafModel, LinearRescaleNormalisesFeaturesAndDenormalisesTheScore) {
    json doc = tiny_model();
    doc["model_dict"]["norm_type"] = "linear_rescale";
    doc["model_dict"]["slopes"] = {0.5, 2.0};
    doc["model_dict"]["intercepts"] = {0.25, -0.5};
    const VmafModel model = parse_ok(doc);
    for (const double x : {0.1, 0.6, 1.2})
        EXPECT_NEAR(model.predict({x, 0, 0, 0, 0, 0}), (tiny_raw(2 * x - 0.5) - 0.25) / 0.5, 1e-14);
}

TEST(VmafModel, TransformEnabledInTheFileRunsPolynomialKnotsThenRectification) {
    json doc = tiny_model();
    // Polynomial y -> 10 y, then knots (0,0) (1,5) (2,5) (3,20), then output <= input.
    doc["model_dict"]["score_transform"] = json::parse(
        R"({"enabled": true, "p0": null, "p1": 10.0, "p2": null,
            "knots": [[0, 0], [1, 5], [2, 5], [3, 20]], "out_lte_in": "true"})");
    const VmafModel model = parse_ok(doc);
    auto knots = [](double v) {
        if (v <= 1) return 5 * v;  // the first segment, extended below 0
        if (v <= 2) return 5.0;
        return 5 + 15 * (v - 2);  // the last segment, extended above 3
    };
    for (const double x : {-1.0, 0.0, 0.2, 0.5, 0.8, 1.0, 1.5, 2.5}) {
        const double raw = tiny_raw(x);
        const double expected = std::min(knots(10 * raw), raw);
        EXPECT_NEAR(model.predict({x, 0, 0, 0, 0, 0}), expected, 1e-12) << x;
        EXPECT_NEAR(model.predict({x, 0, 0, 0, 0, 0}, {.enable_transform = true}), expected, 1e-12);
    }
    doc["model_dict"]["score_transform"]["enabled"] = false;
    doc["model_dict"]["score_transform"]["out_lte_in"] = "false";
    const VmafModel off = parse_ok(doc);
    EXPECT_NEAR(off.predict({0.5, 0, 0, 0, 0, 0}), tiny_raw(0.5), 1e-15);
    EXPECT_NEAR(off.predict({0.5, 0, 0, 0, 0, 0}, {.enable_transform = true}),
                knots(10 * tiny_raw(0.5)), 1e-12);
}

TEST(VmafModel, ReadsFeatureOptions) {
    json doc = tiny_model();
    doc["model_dict"]["feature_names"] = {"VMAF_integer_feature_adm2_score",
                                          "VMAF_integer_feature_vif_scale0_score",
                                          "VMAF_feature_vif_scale3_score"};
    doc["model_dict"]["feature_opts_dicts"] = json::parse(
        R"([{"adm_enhn_gain_limit": 1.2, "adm_norm_view_dist": 1.5,
             "adm_ref_display_height": 2160},
            {"vif_enhn_gain_limit": 1.5}, {"vif_enhn_gain_limit": 1.5}])");
    const VmafModel model = parse_ok(doc);
    EXPECT_EQ(model.adm_options().enhn_gain_limit, 1.2);
    EXPECT_EQ(model.adm_options().norm_view_dist, 1.5);
    EXPECT_EQ(model.adm_options().ref_display_height, 2160);
    EXPECT_EQ(model.vif_options().enhn_gain_limit, 1.5);
    EXPECT_EQ(model.features().size(), 3u);
    EXPECT_EQ(model.features()[2], VmafFeature::Vif3);
}

// ---- malformed models ---------------------------------------------------------------------------

json default_model() {
    return json::parse(read_text(model_path("vmaf_v0.6.1")));
}

// The message of a model text that must not load; it always names the origin.
std::string error_of(const std::string& text) {
    auto model = VmafModel::parse(text, "/models/bad.json");
    EXPECT_FALSE(model.ok()) << "loaded:\n" << text.substr(0, 400);
    if (model.ok()) return {};
    EXPECT_THAT(model.error().message(), HasSubstr("/models/bad.json")) << model.error().message();
    return model.error().message();
}

std::string error_of(const json& doc) {
    return error_of(doc.dump());
}
std::string error_of(const char* text) {
    return error_of(std::string(text));
}

std::string with_edit(const std::function<void(json&)>& edit) {
    json doc = default_model();
    edit(doc);
    return error_of(doc);
}

// The default model with its libsvm text edited.
std::string with_svm(const std::function<std::string(std::string)>& edit) {
    return with_edit([&](json& doc) {
        doc["model_dict"]["model"] = edit(doc["model_dict"]["model"].get<std::string>());
    });
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
    const size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

TEST(VmafModelErrors, MissingKeysAreNamed) {
    for (const char* key :
         {"model_type", "feature_names", "norm_type", "slopes", "intercepts", "model"}) {
        const std::string message = with_edit([&](json& doc) { doc["model_dict"].erase(key); });
        EXPECT_THAT(message, HasSubstr(std::string("model_dict.") + key));
        EXPECT_THAT(message, HasSubstr("missing"));
    }
    EXPECT_THAT(with_edit([](json& doc) { doc.erase("model_dict"); }),
                HasSubstr("model_dict: missing"));
}

TEST(VmafModelErrors, WrongTypesAreNamed) {
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["feature_names"] = "adm2"; }),
                HasSubstr("model_dict.feature_names"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["slopes"][3] = "1.5"; }),
                HasSubstr("model_dict.slopes[3]: expected a number, found string"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["model_type"] = 3; }),
                HasSubstr("model_dict.model_type: expected a string"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["score_transform"]["p1"] = "x"; }),
                HasSubstr("model_dict.score_transform.p1"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["model"] = json::array(); }),
                HasSubstr("model_dict.model: expected a string"));
    EXPECT_THAT(error_of("[1, 2]"), HasSubstr("top level: expected an object"));
}

TEST(VmafModelErrors, UnknownFeatureNamesListTheSupportedOnes) {
    const std::string message = with_edit([](json& doc) {
        doc["model_dict"]["feature_names"][2] = "VMAF_integer_feature_adm3_score";
    });
    EXPECT_THAT(message, HasSubstr("model_dict.feature_names[2]"));
    EXPECT_THAT(message, HasSubstr("'VMAF_integer_feature_adm3_score' is not supported"));
    EXPECT_THAT(message, HasSubstr("VMAF_integer_feature_vif_scale3_score"));
    EXPECT_THAT(message, HasSubstr("VMAF_feature_motion2_score"));
}

TEST(VmafModelErrors, SlopesAndInterceptsNeedOnePerFeaturePlusTheOutput) {
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["slopes"].erase(6); }),
                HasSubstr("model_dict.slopes: has 6 entries, expected 7"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["intercepts"].push_back(1.0); }),
                HasSubstr("model_dict.intercepts: has 8 entries, expected 7"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["slopes"][0] = 0; }),
                HasSubstr("model_dict.slopes[0]"));
}

TEST(VmafModelErrors, UnknownValuesAndKeysAreRefused) {
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["model_type"] = "SVR"; }),
                HasSubstr("model_dict.model_type: unknown model type 'SVR'"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["norm_type"] = "clip_0to1"; }),
                HasSubstr("model_dict.norm_type: unknown norm_type 'clip_0to1'"));
    // A misspelt key must not silently drop what it meant (here the clip).
    EXPECT_THAT(with_edit([](json& doc) {
                    doc["model_dict"]["score_clp"] = doc["model_dict"]["score_clip"];
                    doc["model_dict"].erase("score_clip");
                }),
                HasSubstr("model_dict.score_clp: unknown key"));
    EXPECT_THAT(with_edit([](json& doc) {
                    doc["model_dict"]["score_clip"] = {100, 0};
                }),
                HasSubstr("model_dict.score_clip"));
    EXPECT_THAT(with_edit([](json& doc) { doc["model_dict"]["score_transform"]["p3"] = 1.0; }),
                HasSubstr("model_dict.score_transform.p3: unknown key"));
    EXPECT_THAT(with_edit([](json& doc) {
                    doc["model_dict"]["score_transform"]["knots"] =
                        json::parse("[[0, 0], [2, 1], [1, 3]]");
                }),
                HasSubstr("model_dict.score_transform.knots[2]"));
    // JSON has no infinity; an overflowing literal must not become one.
    const std::string text =
        replace(default_model().dump(), "\"slopes\":[0.012020766332648465", "\"slopes\":[1e999");
    EXPECT_THAT(error_of(text), HasSubstr("not valid JSON: number overflow"));
}

TEST(VmafModelErrors, FeatureOptionsAreChecked) {
    auto with_opts = [](const char* opts) {
        return with_edit(
            [&](json& doc) { doc["model_dict"]["feature_opts_dicts"] = json::parse(opts); });
    };
    EXPECT_THAT(with_opts(R"([{"foo": 1}, {}, {}, {}, {}, {}])"),
                HasSubstr("model_dict.feature_opts_dicts[0].foo: option not supported"));
    EXPECT_THAT(with_opts(R"([{}, {"adm_enhn_gain_limit": 1.0}, {}, {}, {}, {}])"),
                HasSubstr("model_dict.feature_opts_dicts[1].adm_enhn_gain_limit: option not "
                          "supported for this feature"));
    EXPECT_THAT(with_opts(R"([{}, {}])"),
                HasSubstr("model_dict.feature_opts_dicts: expected an array of 6"));
    EXPECT_THAT(with_opts(R"([{}, {}, {"vif_enhn_gain_limit": 1.0}, {}, {}, {}])"),
                HasSubstr("vif_enhn_gain_limit differs between VIF scales"));
    EXPECT_THAT(with_opts(R"([{"adm_enhn_gain_limit": 0.5}, {}, {}, {}, {}, {}])"),
                HasSubstr("model_dict.feature_opts_dicts[0].adm_enhn_gain_limit: must be in"));
    EXPECT_THAT(with_opts(R"([{"adm_enhn_gain_limit": "1"}, {}, {}, {}, {}, {}])"),
                HasSubstr("adm_enhn_gain_limit: expected a number"));
}

TEST(VmafModelErrors, BootstrapModelsAreNotSupported) {
    const json single = default_model();
    const json collection = {{"0", single}, {"1", single}};
    auto model = VmafModel::parse(collection.dump(), "vmaf_b_v0.6.3.json");
    ASSERT_FALSE(model.ok());
    EXPECT_EQ(model.error().code(), ErrorCode::UnsupportedFormat);
    EXPECT_THAT(model.error().message(), HasSubstr("bootstrap"));
    EXPECT_THAT(model.error().message(), HasSubstr("not supported"));
    EXPECT_THAT(
        with_edit([](json& doc) { doc["model_dict"]["model_type"] = "BOOTSTRAP_LIBSVMNUSVR"; }),
        HasSubstr("bootstrap models) is not supported"));
}

TEST(VmafModelErrors, MalformedSvmTextNamesTheLine) {
    EXPECT_THAT(
        with_svm([](std::string t) { return replace(t, "kernel_type rbf", "kernel_type linear"); }),
        HasSubstr("model_dict.model: line 2: kernel_type 'linear' is not supported"));
    EXPECT_THAT(
        with_svm([](std::string t) { return replace(t, "svm_type nu_svr", "svm_type c_svc"); }),
        HasSubstr("line 1: svm_type 'c_svc'"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "gamma 0.04", "gamma zero"); }),
                HasSubstr("line 3: 'gamma' is not a finite number"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "nr_class 2\n", "shrinking 1\n"); }),
                HasSubstr("line 4: unknown header key 'shrinking'"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "rho -1.33133\n", ""); }),
                HasSubstr("header lacks"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "total_sv 211", "total_sv 212"); }),
                HasSubstr("211 support vectors, total_sv says 212"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "total_sv 211", "total_sv 210"); }),
                HasSubstr("line 218: more support vectors than total_sv 210"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "SV\n", "\n"); }),
                HasSubstr("line 8: unknown header key '-4'"));
    EXPECT_THAT(with_svm([](std::string t) { return t.substr(0, t.find("SV\n")); }),
                HasSubstr("no 'SV' line"));
    // The first support vector is on line 8.
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "6:0.73495824", "7:0.73495824"); }),
                HasSubstr("line 8: index 7 out of order or outside 1..6"));
    EXPECT_THAT(
        with_svm([](std::string t) { return replace(t, "2:0.34681232 3:", "3:0.34681232 2:"); }),
        HasSubstr("line 8: index 2 out of order"));
    EXPECT_THAT(
        with_svm([](std::string t) { return replace(t, "6:0.73495824", "6:0.73495824 7:1"); }),
        HasSubstr("line 8: support vector has 7 entries, the model has 6 features"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "3:0.093755557", "3:nan"); }),
                HasSubstr("line 8: '3:nan' is not 'index:value'"));
    EXPECT_THAT(with_svm([](std::string t) { return replace(t, "3:0.093755557", "3:inf"); }),
                HasSubstr("line 8"));
    EXPECT_THAT(
        with_svm([](std::string t) { return replace(t, "-4 1:0.65734273", "x 1:0.65734273"); }),
        HasSubstr("line 8: support vector coefficient 'x'"));
}

TEST(VmafModelErrors, TruncatedOrEmptyJsonIsNotValidJson) {
    const std::string text = read_text(model_path("vmaf_v0.6.1"));
    EXPECT_THAT(error_of(text.substr(0, text.size() / 2)), HasSubstr("not valid JSON"));
    EXPECT_THAT(error_of(""), HasSubstr("not valid JSON"));
    EXPECT_THAT(error_of("{\"model_dict\": {"), HasSubstr("not valid JSON: parse error at line"));
}

TEST(VmafModelErrors, MissingOrUnreadableFiles) {
    auto missing = VmafModel::load("/nonexistent/vmaf_v0.6.1.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_THAT(missing.error().message(), HasSubstr("/nonexistent/vmaf_v0.6.1.json"));

    test::ScratchDir dir;
    auto folder = VmafModel::load(dir.path().string());
    ASSERT_FALSE(folder.ok());
    EXPECT_THAT(folder.error().message(), HasSubstr(dir.path().string()));

    const std::string locked = dir.file("locked.json");
    std::ofstream(locked) << read_text(model_path("vmaf_v0.6.1"));
    fs::permissions(locked, fs::perms::none);
    if (::access(locked.c_str(), R_OK) != 0) {  // root reads it anyway
        auto unreadable = VmafModel::load(locked);
        ASSERT_FALSE(unreadable.ok());
        EXPECT_EQ(unreadable.error().code(), ErrorCode::IoError);
        EXPECT_THAT(unreadable.error().message(), HasSubstr(locked));
    }

    // A malformed file on disk: the message names its path.
    const std::string broken = dir.file("broken.json");
    std::ofstream(broken) << "{\"model_dict\": 3}";
    auto bad = VmafModel::load(broken);
    ASSERT_FALSE(bad.ok());
    EXPECT_THAT(bad.error().message(), HasSubstr(broken + ": model_dict: expected an object"));
}

// ---- finding model files ------------------------------------------------------------------------

class ModelPathEnv : public ::testing::Test {
protected:
    void SetUp() override {
        if (const char* old = std::getenv("SLATE_VMAF_MODEL_PATH")) m_old = old;
    }
    void TearDown() override {
        if (m_old)
            setenv("SLATE_VMAF_MODEL_PATH", m_old->c_str(), 1);
        else
            unsetenv("SLATE_VMAF_MODEL_PATH");
    }

private:
    std::optional<std::string> m_old;
};

TEST_F(ModelPathEnv, PathsAreUsedAsGiven) {
    unsetenv("SLATE_VMAF_MODEL_PATH");
    const std::string path = model_path("vmaf_4k_v0.6.1");
    auto found = find_vmaf_model(path);
    ASSERT_TRUE(found.ok()) << found.error().to_string();
    EXPECT_EQ(*found, path);
    auto missing = find_vmaf_model("/nonexistent/model.json");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_THAT(missing.error().message(), HasSubstr("/nonexistent/model.json"));
    // A bare "x.json" is a path too, not a name to search for.
    EXPECT_FALSE(find_vmaf_model("vmaf_v0.6.1.json").ok());
}

TEST_F(ModelPathEnv, NamesAreSearchedInSlateVmafModelPath) {
    const std::string folders = "/nonexistent/one::" + models_dir().string();
    setenv("SLATE_VMAF_MODEL_PATH", folders.c_str(), 1);
    const std::vector<std::string> searched = vmaf_model_search_folders();
    ASSERT_GE(searched.size(), 2u);
    EXPECT_EQ(searched[0], "/nonexistent/one");
    EXPECT_EQ(searched[1], models_dir().string());
    EXPECT_EQ(searched.back(), "/usr/share/model");
    auto found = find_vmaf_model("vmaf_v0.6.1neg");
    ASSERT_TRUE(found.ok()) << found.error().to_string();
    EXPECT_EQ(*found, (models_dir() / "vmaf_v0.6.1neg.json").string());
    auto model = VmafModel::load(*found);
    ASSERT_TRUE(model.ok());
    EXPECT_EQ(model->name(), "vmaf_v0.6.1neg");
}

TEST_F(ModelPathEnv, NotFoundListsTheFoldersAndHowToProvideAModel) {
    setenv("SLATE_VMAF_MODEL_PATH", "/nonexistent/one:/nonexistent/two", 1);
    auto found = find_vmaf_model("vmaf_no_such_model");
    ASSERT_FALSE(found.ok());
    EXPECT_EQ(found.error().code(), ErrorCode::NotFound);
    const std::string& message = found.error().message();
    EXPECT_THAT(message, HasSubstr("vmaf_no_such_model.json"));
    for (const std::string& folder : vmaf_model_search_folders())
        EXPECT_THAT(message, HasSubstr(folder));
    EXPECT_THAT(message, HasSubstr("/nonexistent/two"));
    EXPECT_THAT(message, HasSubstr("/usr/share/vmaf/model"));
    EXPECT_THAT(message, HasSubstr("--vmaf-model FILE"));
    EXPECT_THAT(message, HasSubstr("SLATE_VMAF_MODEL_PATH"));
}

}  // namespace
}  // namespace media::metrics
