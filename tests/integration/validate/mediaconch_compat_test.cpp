// SPDX-License-Identifier: Apache-2.0
// MediaConch compatibility: policies written for MediaConch, loaded as Slate specs (load_spec
// routes .xml to the importer), give the file the same verdict in `slate validate` as in the
// mediaconch CLI, on the sample generator's four dailies movies. Each policy also states the
// verdicts MediaConch is expected to give, so that a fixture change cannot make both tools
// agree vacuously. Skipped when mediaconch is not on PATH.
//
// mediaconch 23.03 (Debian) fails every `!=`, `contains` and `must not contain` rule whatever
// the value (its report shows an empty actual value), so those operators are covered by the
// unit tests only.
#include <array>
#include <fstream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "../test_support.h"
#include "media/spec/spec.h"
#include "media/spec/validate.h"
#include "slate_samples/samples.h"

namespace media::test {
namespace {

// The dailies movies, in the order of PolicyCase::passes.
constexpr std::array<const char*, 4> kClips = {"a001_c001_prores4444", "a001_c002_dnxhr_hqx",
                                               "b001_c001_h264", "c001_c001_hevc_pq"};
constexpr std::array<const char*, 4> kFiles = {"a001_c001_prores4444.mov",
                                               "a001_c002_dnxhr_hqx.mxf", "b001_c001_h264.mp4",
                                               "c001_c001_hevc_pq.mov"};

struct PolicyCase {
    const char* name;
    const char* type;  // of the root policy
    const char* members;
    std::array<bool, 4> passes;  // ProRes 4444 MOV, DNxHR MXF, H.264 MP4, HEVC PQ MOV
};

const PolicyCase kPolicies[] = {
    {"prores_4444_hd",
     "and",
     R"(
  <rule name="Extension is mov" value="FileExtension" tracktype="General" occurrence="*" operator="=">mov</rule>
  <rule name="Video is ProRes" value="Format" tracktype="Video" occurrence="*" operator="=">ProRes</rule>
  <rule name="Width is 1920" value="Width" tracktype="Video" occurrence="*" operator="=">1920</rule>
  <rule name="Height is 1080" value="Height" tracktype="Video" occurrence="*" operator="=">1080</rule>
  <rule name="24 fps" value="FrameRate" tracktype="Video" occurrence="*" operator="=">24.000</rule>
  <rule name="4:4:4" value="ChromaSubsampling" tracktype="Video" occurrence="*" operator="=">4:4:4</rule>
)",
     {true, false, false, false}},
    {"dnxhr_uhd",
     "and",
     R"(
  <rule name="MXF" value="Format" tracktype="General" occurrence="*" operator="=">MXF</rule>
  <rule name="DNxHR" value="Format" tracktype="Video" occurrence="*" operator="=">VC-3</rule>
  <rule name="UHD width" value="Width" tracktype="Video" occurrence="*" operator="&gt;=">3840</rule>
  <rule name="UHD height" value="Height" tracktype="Video" occurrence="*" operator="&gt;">2000</rule>
  <rule name="23.976" value="FrameRate" tracktype="Video" occurrence="*" operator="=">23.976</rule>
  <rule name="10 bit" value="BitDepth" tracktype="Video" occurrence="*" operator="=">10</rule>
  <rule name="4:2:2" value="ChromaSubsampling" tracktype="Video" occurrence="*" operator="=">4:2:2</rule>
  <rule name="16:9" value="DisplayAspectRatio" tracktype="Video" occurrence="*" operator="=">1.778</rule>
)",
     {false, true, false, false}},
    {"web_h264",
     "and",
     R"(
  <rule name="MPEG-4" value="Format" tracktype="General" occurrence="*" operator="=">MPEG-4</rule>
  <rule name="AVC" value="Format" tracktype="Video" occurrence="*" operator="=">AVC</rule>
  <rule name="29.97" value="FrameRate" tracktype="Video" occurrence="*" operator="=">29.970</rule>
  <rule name="Limited range" value="colour_range" tracktype="Video" occurrence="*" operator="=">Limited</rule>
  <rule name="AAC" value="Format" tracktype="Audio" occurrence="*" operator="=">AAC</rule>
  <rule name="Stereo" value="Channels" tracktype="Audio" occurrence="*" operator="=">2</rule>
  <rule name="48 kHz" value="SamplingRate" tracktype="Audio" occurrence="*" operator="=">48000</rule>
)",
     {false, false, true, false}},
    {"hdr10",
     "and",
     R"(
  <rule name="HEVC" value="Format" tracktype="Video" occurrence="*" operator="starts with">HE</rule>
  <rule name="BT.2020 primaries" value="colour_primaries" tracktype="Video" occurrence="*" operator="=">BT.2020</rule>
  <rule name="PQ" value="transfer_characteristics" tracktype="Video" occurrence="*" operator="=">PQ</rule>
  <rule name="BT.2020 matrix" value="matrix_coefficients" tracktype="Video" occurrence="*" operator="=">BT.2020 non-constant</rule>
  <rule name="10 bit or more" value="BitDepth" tracktype="Video" occurrence="*" operator="&gt;=">10</rule>
)",
     {false, false, false, true}},
    {"h264_or_hevc",
     "or",
     R"(
  <rule name="AVC" value="Format" tracktype="Video" occurrence="*" operator="=">AVC</rule>
  <rule name="HEVC" value="Format" tracktype="Video" occurrence="*" operator="=">HEVC</rule>
)",
     {false, false, true, true}},
    {"pcm_stereo",
     "and",
     R"(
  <rule name="Audio present" value="Format" tracktype="Audio" occurrence="*"/>
  <rule name="PCM" value="Format" tracktype="Audio" occurrence="*" operator="=">PCM</rule>
  <rule name="48 kHz" value="SamplingRate" tracktype="Audio" occurrence="*" operator="=">48000</rule>
  <rule name="24 bit" value="BitDepth" tracktype="Audio" occurrence="*" operator="=">24</rule>
  <rule name="At most stereo" value="Channels" tracktype="Audio" occurrence="*" operator="&lt;=">2</rule>
)",
     {false, true, false, true}},
    {"mov_family_nested",
     "and",
     R"(
  <rule name="MPEG-4 family" value="Format" tracktype="General" occurrence="*" operator="=">MPEG-4</rule>
  <policy type="or" name="Frame rate">
    <rule name="Below 24.5" value="FrameRate" tracktype="Video" occurrence="*" operator="&lt;">24.5</rule>
    <policy type="and" name="HDR at 25 or more">
      <rule name="25 or more" value="FrameRate" tracktype="Video" occurrence="*" operator="&gt;=">25</rule>
      <rule name="BT.2020" value="colour_primaries" tracktype="Video" occurrence="*" operator="=">BT.2020</rule>
    </policy>
  </policy>
)",
     {true, false, false, true}},
    {"small_files",
     "and",
     R"(
  <rule name="Under 10 s" value="Duration" tracktype="General" occurrence="*" operator="&lt;">10</rule>
  <rule name="Under 20 MB" value="FileSize" tracktype="General" occurrence="*" operator="&lt;">20000000</rule>
  <rule name="At least 1 Mb/s" value="OverallBitRate" tracktype="General" occurrence="*" operator="&gt;=">1000000</rule>
  <rule name="One video" value="VideoCount" tracktype="General" occurrence="*" operator="=">1</rule>
  <rule name="One audio" value="AudioCount" tracktype="General" occurrence="*" operator="=">1</rule>
  <rule name="12 frames or more" value="FrameCount" tracktype="Video" occurrence="*" operator="&gt;=">12</rule>
)",
     {false, false, true, true}},
    {"rec709",
     "and",
     R"(
  <rule name="BT.709 primaries" value="colour_primaries" tracktype="Video" occurrence="*" operator="=">BT.709</rule>
  <rule name="BT.709 transfer" value="transfer_characteristics" tracktype="Video" occurrence="*" operator="=">BT.709</rule>
  <rule name="BT.709 matrix" value="matrix_coefficients" tracktype="Video" occurrence="*" operator="=">BT.709</rule>
)",
     {true, true, true, false}},
};

// Test names and failure messages show the policy's name.
void PrintTo(const PolicyCase& policy, std::ostream* out) {
    *out << policy.name;
}

std::string policy_xml(const PolicyCase& policy) {
    return fmt::format("<?xml version=\"1.0\"?>\n<policy type=\"{}\" name=\"{}\">{}</policy>\n",
                       policy.type, policy.name, policy.members);
}

class MediaConchCompat : public ::testing::TestWithParam<PolicyCase> {
protected:
    static void SetUpTestSuite() {
        if (!have_program("mediaconch")) return;
        s_dir = new ScratchDir;
        for (const char* clip : kClips) {
            auto written =
                samples::generate_samples({s_dir->path(), samples::SampleSet::Dailies, clip});
            ASSERT_TRUE(written) << written.error().message();
        }
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }
    void SetUp() override {
        if (!s_dir) GTEST_SKIP() << "mediaconch is not on PATH";
    }

    // MediaConch's verdict: the root policy's outcome in its XML report. It keeps a database
    // of reports under $HOME, so it gets a private one, and --Force re-parses every file.
    static std::optional<bool> mediaconch_passes(const std::string& policy,
                                                 const std::string& file) {
        const CommandResult run =
            run_command(fmt::format("HOME={} XDG_DATA_HOME={} mediaconch --Force -fx -p {} {}",
                                    quote(s_dir->path().string()), quote(s_dir->file("xdg")),
                                    quote(policy), quote(file)),
                        *s_dir);
        pugi::xml_document report;
        if (run.exit_code != 0 || !report.load_string(run.out.c_str())) {
            ADD_FAILURE() << "mediaconch failed (" << run.exit_code << "): " << run.err << run.out;
            return std::nullopt;
        }
        const std::string outcome =
            report.child("MediaConch").child("media").child("policy").attribute("outcome").value();
        if (outcome != "pass" && outcome != "fail") {
            ADD_FAILURE() << "no policy outcome in mediaconch's report:\n" << run.out;
            return std::nullopt;
        }
        return outcome == "pass";
    }

    static std::string failed_rules(const qc::FileReport& file) {
        std::string text;
        for (const qc::CheckResult& check : file.checks)
            if (check.verdict != qc::Verdict::Pass)
                text += fmt::format("\n  {} [{}]: {} (expected {}; measured {})", check.id,
                                    qc::to_string(check.verdict), check.message,
                                    check.threshold_text, check.measured_text);
        return text;
    }

    static inline ScratchDir* s_dir = nullptr;
};

TEST_P(MediaConchCompat, SlateAndMediaConchGiveTheSameVerdict) {
    const PolicyCase& policy = GetParam();
    const std::string path = s_dir->file(std::string(policy.name) + ".xml");
    {
        std::ofstream out(path);
        out << policy_xml(policy);
    }
    auto spec = spec::load_spec(path);
    ASSERT_TRUE(spec) << spec.error().message();

    spec::ValidateRequest request;
    for (const char* file : kFiles) request.inputs.push_back(s_dir->file(file));
    request.spec = *spec;
    auto report = spec::run_validate(request);
    ASSERT_TRUE(report) << report.error().message();
    ASSERT_EQ(report->files.size(), kFiles.size());

    for (size_t i = 0; i < kFiles.size(); ++i) {
        SCOPED_TRACE(kFiles[i]);
        const std::optional<bool> conch = mediaconch_passes(path, s_dir->file(kFiles[i]));
        if (!conch) continue;
        EXPECT_EQ(*conch, policy.passes[i]) << "the fixture: MediaConch's own verdict changed";
        const qc::FileReport& file = report->files[i];
        ASSERT_NE(file.verdict, qc::FileVerdict::Error) << file.error;
        const bool slate = file.verdict != qc::FileVerdict::Fail;
        EXPECT_EQ(slate, *conch) << "Slate says " << qc::to_string(file.verdict)
                                 << ", MediaConch says " << (*conch ? "pass" : "fail")
                                 << failed_rules(file);
    }
}

INSTANTIATE_TEST_SUITE_P(Policies, MediaConchCompat, ::testing::ValuesIn(kPolicies),
                         [](const ::testing::TestParamInfo<PolicyCase>& param) {
                             return std::string(param.param.name);
                         });

}  // namespace
}  // namespace media::test
