// SPDX-License-Identifier: Apache-2.0
// Every shipped spec loads and lints clean, and every transcode preset's output has a spec.
#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include "media/spec/fields.h"
#include "media/spec/spec.h"
#include "media/transcode/preset.h"

namespace media::spec {
namespace {

TEST(BuiltinSpecs, LoadAndLintClean) {
    const std::vector<std::string> names = builtin_spec_names();
    for (const char* required : {"streaming-originals-prores-master", "streaming-uhd-hdr-pq",
                                 "broadcast-hd-ebu", "editorial-proxy-avid", "review-h264-web"})
        EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
    for (const std::string& name : names) {
        auto spec = load_spec(name);
        ASSERT_TRUE(spec) << spec.error().message();
        EXPECT_EQ(spec->info.name, name);
        EXPECT_EQ(spec->info.source, "builtin:" + name);
        EXPECT_EQ(lint_spec(*spec), std::vector<std::string>{}) << name;
        EXPECT_FALSE(explain_spec(*spec).empty());
    }
}

TEST(BuiltinSpecs, EveryTranscodePresetHasExactlyOneSpec) {
    std::map<std::string, std::vector<std::string>> specs_of;
    for (const std::string& name : builtin_spec_names()) {
        auto spec = load_spec(name);
        ASSERT_TRUE(spec) << spec.error().message();
        for (const std::string& preset : spec->info.presets) specs_of[preset].push_back(name);
    }
    for (const std::string& preset : transcode::builtin_preset_names()) {
        ASSERT_EQ(specs_of[preset].size(), 1u) << "transcode preset " << preset;
    }
}

TEST(BuiltinSpecs, UnknownNameListsTheBuiltins) {
    auto spec = load_spec("streaming-originals");
    ASSERT_FALSE(spec);
    EXPECT_NE(spec.error().message().find("streaming-originals-prores-master"), std::string::npos);
}

TEST(FieldCatalog, NamesAreUniqueAndMeasuresNameTheirChecks) {
    std::vector<std::string> names;
    for (const FieldInfo& field : field_catalog()) {
        names.push_back(field.name);
        EXPECT_EQ(field.source == FieldSource::Measure, !field.qc_checks.empty()) << field.name;
        EXPECT_FALSE(field.description.empty()) << field.name;
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(std::adjacent_find(names.begin(), names.end()), names.end());
}

}  // namespace
}  // namespace media::spec
