// SPDX-License-Identifier: Apache-2.0
// `slate compare` end to end on the 576x324 material: the outputs (libvmaf-like JSON, CSV,
// XML, summary), the exit codes, every bad input the issue names, and `slate qc --reference`.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "../test_support.h"
#include "vmaf_material.h"

namespace media::test {
namespace {

using json = nlohmann::json;

constexpr const char* kRaw = "576x324:yuv420p:24";

std::string slate() {
    return quote(SLATE_BINARY);
}

std::string material(const std::string& name) {
    return quote((vmaf_material_dir() / name).string());
}

std::string model_env() {
    return "SLATE_VMAF_MODEL_PATH=" + quote((vmaf_reference_dir() / "models").string()) + " ";
}

class CompareCli : public ::testing::Test {
protected:
    CommandResult compare(const std::string& args) {
        return run_command(model_env() + slate() + " compare " + args, scratch);
    }
    // The first `frames` frames of a raw 576x324 8-bit file.
    std::string truncated(const std::string& name, int frames) {
        const std::string bytes = read_file((vmaf_material_dir() / name).string());
        const size_t frame = 576 * 324 * 3 / 2;
        const std::string path = scratch.file("short.yuv");
        std::ofstream(path, std::ios::binary) << bytes.substr(0, frame * frames);
        return path;
    }
    ScratchDir scratch;
};

TEST_F(CompareCli, WritesLibvmafLikeJsonCsvXmlAndASummary) {
    const std::string out = scratch.file("c.json"), csv = scratch.file("c.csv"),
                      xml = scratch.file("c.xml");
    auto r = compare(fmt::format(
        "{} {} --raw {} --json {} --csv {} --xml {}", material("mandel_324p_8b_ref.yuv"),
        material("mandel_324p_8b_x264crf35.yuv"), kRaw, quote(out), quote(csv), quote(xml)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("vmaf"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("48 frames"), std::string::npos) << r.out;

    const json doc = json::parse(read_file(out));
    ASSERT_TRUE(doc.contains("version"));
    EXPECT_EQ(doc["inputs"]["distorted_decode_errors"], 0);
    ASSERT_EQ(doc["frames"].size(), 48u);
    EXPECT_EQ(doc["frames"][0]["frameNum"], 0);
    for (const char* key : {"psnr_y", "psnr_cb", "psnr_cr", "psnr", "float_ssim", "float_ms_ssim",
                            "vmaf", "adm2", "motion2", "vif_scale0"})
        EXPECT_TRUE(doc["frames"][5]["metrics"].contains(key)) << key;
    for (const char* key : {"min", "max", "mean", "harmonic_mean", "p1", "p5"})
        EXPECT_TRUE(doc["pooled_metrics"]["vmaf"].contains(key)) << key;
    const json scores = json::parse(
        read_file((vmaf_reference_dir() / "scores" / "mandel_324p_8b_x264crf35.json").string()));
    EXPECT_NEAR(doc["pooled_metrics"]["vmaf"]["mean"].get<double>(),
                scores["pooled_metrics"]["vmaf"]["mean"].get<double>(), 0.05);

    const std::string table = read_file(csv);
    EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 49);
    EXPECT_EQ(table.rfind("Frame,psnr_y,", 0), 0u) << table.substr(0, 80);

    pugi::xml_document x;
    ASSERT_TRUE(x.load_file(xml.c_str()));
    EXPECT_EQ(std::distance(x.child("VMAF").child("frames").children("frame").begin(),
                            x.child("VMAF").child("frames").children("frame").end()),
              48);
    EXPECT_TRUE(
        x.child("VMAF").child("pooled_metrics").find_child_by_attribute("metric", "name", "vmaf"));
}

TEST_F(CompareCli, IdenticalInputsGiveThePsnrCapAndFullScores) {
    const std::string out = scratch.file("same.json");
    auto r = compare(fmt::format("{0} {0} --raw {1} --frames 4 --json {2} -q",
                                 material("mandel_324p_8b_ref.yuv"), kRaw, quote(out)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json doc = json::parse(read_file(out));
    ASSERT_EQ(doc["frames"].size(), 4u);
    for (const json& frame : doc["frames"]) {
        EXPECT_EQ(frame["metrics"]["psnr_y"], 60.0);
        EXPECT_EQ(frame["metrics"]["float_ssim"], 1.0);
        EXPECT_GT(frame["metrics"]["vmaf"].get<double>(), 95.0);
    }
}

TEST_F(CompareCli, ScalesAHalfSizeDistortedInputUnlessTold) {
    const std::string half = scratch.file("half.yuv");
    ASSERT_TRUE(
        ffmpeg(fmt::format("-f rawvideo -pix_fmt yuv420p -s 576x324 -r 24 -i {} -vf "
                           "scale=288:162 -f rawvideo {}",
                           material("mandel_324p_8b_ref.yuv"), quote(half))));
    const std::string out = scratch.file("half.json");
    auto r =
        compare(fmt::format("{} {} --ref-raw {} --dist-raw 288x162:yuv420p:24 --frames 6 "
                            "--metrics psnr,vmaf --json {} -q",
                            material("mandel_324p_8b_ref.yuv"), quote(half), kRaw, quote(out)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json doc = json::parse(read_file(out));
    EXPECT_EQ(doc["inputs"]["distorted_scaled"], true);
    EXPECT_EQ(doc["inputs"]["width"], 576);
    EXPECT_GT(doc["pooled_metrics"]["psnr_y"]["mean"].get<double>(), 20.0);

    r = compare(fmt::format("{} {} --ref-raw {} --dist-raw 288x162:yuv420p:24 --no-scale -q",
                            material("mandel_324p_8b_ref.yuv"), quote(half), kRaw));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("sizes differ"), std::string::npos) << r.err;
}

TEST_F(CompareCli, ComparesAcrossBitDepths) {
    // An 8-bit distorted input against the 10-bit reference: converted to 10 bits.
    const std::string out = scratch.file("depth.json");
    auto r = compare(fmt::format(
        "{} {} --ref-raw 576x324:yuv420p10le:24 --dist-raw {} --frames 3 "
        "--metrics psnr --json {} -q",
        material("mandel_324p_10b_ref.yuv"), material("mandel_324p_8b_ref.yuv"), kRaw, quote(out)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json doc = json::parse(read_file(out));
    EXPECT_EQ(doc["inputs"]["bit_depth"], 10);
    EXPECT_EQ(doc["inputs"]["distorted_converted"], true);
    EXPECT_GT(doc["pooled_metrics"]["psnr_y"]["mean"].get<double>(), 40.0);
}

TEST_F(CompareCli, DifferentRatesAreAnError) {
    auto r = compare(fmt::format("{} {} --ref-raw {} --dist-raw 576x324:yuv420p:25 -q",
                                 material("mandel_324p_8b_ref.yuv"),
                                 material("mandel_324p_8b_gblur2.yuv"), kRaw));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("frame rates differ"), std::string::npos) << r.err;
}

TEST_F(CompareCli, AShorterInputIsAnErrorUnlessTheCommonPartIsAllowed) {
    const std::string shorter = truncated("mandel_324p_8b_gblur2.yuv", 40);
    auto r = compare(fmt::format("{} {} --raw {} --metrics psnr -q",
                                 material("mandel_324p_8b_ref.yuv"), quote(shorter), kRaw));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("lengths differ"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--allow-length-mismatch"), std::string::npos) << r.err;

    const std::string out = scratch.file("common.json");
    r = compare(fmt::format("{} {} --raw {} --metrics psnr --allow-length-mismatch --json {} -q",
                            material("mandel_324p_8b_ref.yuv"), quote(shorter), kRaw, quote(out)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(json::parse(read_file(out))["frames"].size(), 40u);
}

TEST_F(CompareCli, OffsetsAlignTheInputs) {
    // Distorted = reference from frame 5 on: with --ref-offset 5 they are identical.
    const std::string bytes = read_file((vmaf_material_dir() / "mandel_324p_8b_ref.yuv").string());
    const size_t frame = 576 * 324 * 3 / 2;
    const std::string late = scratch.file("late.yuv");
    std::ofstream(late, std::ios::binary) << bytes.substr(frame * 5);
    const std::string out = scratch.file("offset.json");
    auto r =
        compare(fmt::format("{} {} --raw {} --ref-offset 5 --metrics psnr --json {} -q",
                            material("mandel_324p_8b_ref.yuv"), quote(late), kRaw, quote(out)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json doc = json::parse(read_file(out));
    ASSERT_EQ(doc["frames"].size(), 43u);
    EXPECT_EQ(doc["frames"][0]["frameNum"], 5);
    EXPECT_EQ(doc["pooled_metrics"]["psnr_y"]["min"], 60.0);
}

TEST_F(CompareCli, ModelProblemsAreClearErrors) {
    const std::string ref = material("mandel_324p_8b_ref.yuv");
    auto r =
        compare(fmt::format("{0} {0} --raw {1} --vmaf-model /nonexistent/m.json -q", ref, kRaw));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("/nonexistent/m.json"), std::string::npos) << r.err;

    const std::string bad = scratch.file("bad.json");
    std::ofstream(bad)
        << R"({"model_dict": {"model_type": "LIBSVMNUSVR", "feature_names": ["nope"]}})";
    r = compare(fmt::format("{0} {0} --raw {1} --vmaf-model {2} -q", ref, kRaw, quote(bad)));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("bad.json"), std::string::npos) << r.err;

    std::filesystem::create_directories(scratch.file("empty"));
    r = run_command("SLATE_VMAF_MODEL_PATH=" + quote(scratch.file("empty")) + " " + slate() +
                        " compare " + ref + " " + ref + " --raw " + kRaw + " -q",
                    scratch);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--vmaf-model"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("SLATE_VMAF_MODEL_PATH"), std::string::npos) << r.err;
}

TEST_F(CompareCli, UsageAndInputErrors) {
    const std::string ref = material("mandel_324p_8b_ref.yuv");
    EXPECT_EQ(compare(ref + " " + ref).exit_code, 3);  // raw without --raw
    EXPECT_EQ(compare(ref + " " + ref + " --raw 576x324 --metrics psnr,bogus").exit_code, 3);
    EXPECT_EQ(compare(ref + " " + ref + " --raw 12:yuv420p").exit_code, 3);
    EXPECT_EQ(compare(ref + " " + ref + " --raw 576x324 --json - --csv -").exit_code, 3);
    auto r = compare(quote(scratch.file("missing.mov")) + " " + ref + " --dist-raw " + kRaw);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("missing.mov"), std::string::npos) << r.err;
}

TEST_F(CompareCli, DamagedFramesAreComparedAndCounted) {
    // Two runs of zeros inside the x264 stream: the decoder conceals and flags frames.
    std::string bytes = read_file((vmaf_material_dir() / "mandel_324p_8b_x264crf35.mkv").string());
    for (double at : {0.4, 0.6})
        std::fill_n(
            bytes.begin() + static_cast<std::ptrdiff_t>(static_cast<double>(bytes.size()) * at),
            3000, '\0');
    const std::string damaged = scratch.file("damaged.mkv");
    std::ofstream(damaged, std::ios::binary) << bytes;
    const std::string out = scratch.file("damaged.json");
    auto r =
        compare(fmt::format("{} {} --ref-raw {} --metrics psnr --allow-length-mismatch "
                            "--json {}",
                            material("mandel_324p_8b_ref.yuv"), quote(damaged), kRaw, quote(out)));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json doc = json::parse(read_file(out));
    EXPECT_LT(doc["frames"].size(), 48u);
    EXPECT_EQ(doc["inputs"]["reference_decode_errors"], 0);
    // How many frames H.264's frame threads flag depends on their timing, so the count is not
    // fixed; when there is one, the summary must say so.
    const int errors = doc["inputs"]["distorted_decode_errors"].get<int>();
    EXPECT_GE(errors, 0);
    EXPECT_EQ(r.out.find("decode errors") != std::string::npos, errors > 0) << r.out;
}

TEST_F(CompareCli, FailUnderGivesExitOne) {
    auto r = compare(fmt::format(
        "{} {} --raw {} --metrics psnr,vmaf --frames 8 --fail-under "
        "vmaf=99 -q",
        material("mandel_324p_8b_ref.yuv"), material("mandel_324p_8b_x264crf45.yuv"), kRaw));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find("vmaf mean"), std::string::npos) << r.err;
}

TEST_F(CompareCli, QcReferenceAddsTheFidelityCheck) {
    const std::string ref = scratch.file("ref.y4m");
    ASSERT_TRUE(ffmpeg(fmt::format("-f rawvideo -pix_fmt yuv420p -s 576x324 -r 24 -i {} {}",
                                   material("mandel_324p_8b_ref.yuv"), quote(ref))));
    auto fidelity_of = [&](double vmaf_min) {
        const std::string profile = scratch.file("p.yaml");
        std::ofstream(profile) << fmt::format(
            "schema: slate.qc-profile\nversion: 1\nname: fidelity-test\nextends: default\n"
            "fidelity:\n  model: vmaf_v0.6.1\n  vmaf_min: {}\n",
            vmaf_min);
        auto r = run_command(model_env() + slate() + " qc " +
                                 material("mandel_324p_8b_x264crf45.mkv") + " --reference " +
                                 quote(ref) + " --profile " + quote(profile) + " --json -",
                             scratch);
        EXPECT_NE(r.exit_code, 2) << r.err;
        const json doc = json::parse(r.out);
        for (const json& check : doc["files"][0]["checks"])
            if (check["id"] == "fidelity") return check;
        return json();
    };
    const json failing = fidelity_of(90);
    ASSERT_FALSE(failing.is_null());
    EXPECT_EQ(failing["verdict"], "fail") << failing.dump();
    const json passing = fidelity_of(5);
    EXPECT_EQ(passing["verdict"], "pass") << passing.dump();
    EXPECT_NEAR(passing["measured"].get<double>(), 9.588, 0.05);  // libvmaf: 9.588329

    // Without --reference the check is absent.
    auto r = run_command(slate() + " qc " + material("mandel_324p_8b_x264crf45.mkv") + " --json -",
                         scratch);
    EXPECT_EQ(r.out.find("\"fidelity\""), std::string::npos);
}

}  // namespace
}  // namespace media::test
