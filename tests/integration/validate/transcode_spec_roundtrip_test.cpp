// SPDX-License-Identifier: Apache-2.0
// Every built-in transcode preset's output passes the delivery spec that names the preset, every
// rule decided (none left "not checked"), with the source clip giving frame rate and timecode.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "../transcode/transcode_fixtures.h"
#include "media/spec/validate.h"
#include "media/transcode/transcode.h"
#include "scratch_dir.h"

namespace media::spec {
namespace {

using test::ScratchDir;

class PresetOutput : public ::testing::TestWithParam<std::string> {
protected:
    static void SetUpTestSuite() {
        s_scratch = new ScratchDir();
        test::write_source_clip(s_scratch->file("A001_C007_0612XY.mov"));
    }
    static void TearDownTestSuite() {
        delete s_scratch;
        s_scratch = nullptr;
    }
    static ScratchDir* s_scratch;
};
ScratchDir* PresetOutput::s_scratch = nullptr;

std::optional<Spec> spec_for_preset(const std::string& preset) {
    for (const std::string& name : builtin_spec_names()) {
        auto spec = load_spec(name);
        if (!spec) continue;
        const auto& presets = spec->info.presets;
        if (std::find(presets.begin(), presets.end(), preset) != presets.end()) return *spec;
    }
    return std::nullopt;
}

TEST_P(PresetOutput, PassesItsSpec) {
    auto preset = transcode::find_preset(GetParam());
    ASSERT_TRUE(preset) << preset.error().to_string();
    transcode::TranscodeRequest request;
    request.input = s_scratch->file("A001_C007_0612XY.mov");
    request.output_dir = s_scratch->file("out");
    request.preset = *preset;
    request.threads = 2;
    auto result = transcode::run_transcode(request);
    ASSERT_TRUE(result) << result.error().to_string();

    const std::optional<Spec> spec = spec_for_preset(GetParam());
    ASSERT_TRUE(spec) << "no built-in spec lists preset " << GetParam();
    ValidateRequest validate;
    validate.inputs = {result->plan.output};
    validate.spec = *spec;
    validate.source = request.input;
    validate.threads = 2;
    auto report = run_validate(validate);
    ASSERT_TRUE(report) << report.error().to_string();
    ASSERT_EQ(report->files.size(), 1u);
    const qc::FileReport& file = report->files[0];
    std::string failures;
    for (const qc::CheckResult& rule : file.checks)
        if (rule.verdict == qc::Verdict::Fail || rule.verdict == qc::Verdict::NotChecked)
            failures += fmt::format("\n  {} {}: expected {}, measured {} {}", rule.id,
                                    qc::to_string(rule.verdict), rule.threshold_text,
                                    rule.measured_text, rule.message);
    EXPECT_EQ(file.verdict, qc::FileVerdict::Pass)
        << result->plan.output << " against " << spec->info.name << ":" << failures << file.error;
    EXPECT_TRUE(failures.empty()) << failures;
}

INSTANTIATE_TEST_SUITE_P(Builtin, PresetOutput,
                         ::testing::ValuesIn(transcode::builtin_preset_names()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace media::spec
