// SPDX-License-Identifier: Apache-2.0
// --device on the commands that can run on a CUDA device (grade, transcode, batch, qc, compare),
// through
// the executable on a machine without a usable device: an explicit `cuda` is an error (exit 2,
// nothing written) naming why; `auto` prints one info line and gives the CPU's results; `cpu`
// says nothing; a wrong value is a usage error. With a CUDA device present these tests skip:
// the GPU paths are checked by slate-gpu-selftest and the parity tests instead.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "media/core/device.h"
#include "media/io/media_sink.h"
#include "scratch_dir.h"

namespace media::test {
namespace {

namespace fs = std::filesystem;

std::string slate() {
    return quote(SLATE_BINARY);
}

class DeviceCli : public ::testing::Test {
protected:
    void SetUp() override {
        if (!cuda_devices().empty()) GTEST_SKIP() << "a CUDA device is present";
        m_clip = m_scratch.file("clip.mov");
        ASSERT_TRUE(ffmpeg(fmt::format(
            "-f lavfi -i testsrc2=size=160x90:rate=24:duration=0.5 -c:v prores_ks -profile:v 1 "
            "-pix_fmt yuv422p10le {}",
            quote(m_clip))));
        const std::string cube = m_scratch.file("look.cube");
        std::ofstream(cube) << "LUT_3D_SIZE 2\n"
                               "0 0 0\n1 0 0\n0 1 0\n1 1 0\n0 0 1\n1 0 1\n0 1 1\n0.9 0.9 0.9\n";
        m_cube = cube;
    }

    CommandResult run(const std::string& args) {
        return run_command(slate() + " " + args, m_scratch);
    }

    ScratchDir m_scratch;
    std::string m_clip;
    std::string m_cube;
};

TEST_F(DeviceCli, ExplicitCudaWithoutADeviceIsAnErrorAndWritesNothing) {
    const std::string out = m_scratch.file("out");
    const CommandResult transcode =
        run(fmt::format("transcode {} -p prores_proxy --lut {} -o {} --device cuda", quote(m_clip),
                        quote(m_cube), quote(out)));
    EXPECT_EQ(transcode.exit_code, 2) << transcode.err;
    EXPECT_NE(transcode.err.find("CUDA requested but"), std::string::npos) << transcode.err;
    EXPECT_TRUE(!fs::exists(out) || fs::is_empty(out)) << "nothing may be written";

    const CommandResult qc = run(fmt::format("qc {} --device cuda -q", quote(m_clip)));
    EXPECT_EQ(qc.exit_code, 2) << qc.err;
    EXPECT_NE(qc.err.find("CUDA requested but"), std::string::npos) << qc.err;

    const CommandResult grade = run(
        fmt::format("grade {} --lut {} --describe --device cuda", quote(m_clip), quote(m_cube)));
    EXPECT_EQ(grade.exit_code, 2) << grade.err;
    EXPECT_NE(grade.err.find("CUDA requested but"), std::string::npos) << grade.err;
}

TEST_F(DeviceCli, AutoSaysOnceThatItRunsOnTheCpuAndGivesTheCpuResults) {
    const CommandResult automatic = run(fmt::format("qc {} --device auto --json -", quote(m_clip)));
    const CommandResult cpu = run(fmt::format("qc {} --device cpu --json -", quote(m_clip)));
    ASSERT_LE(automatic.exit_code, 1) << automatic.err;
    ASSERT_EQ(automatic.exit_code, cpu.exit_code);
    EXPECT_NE(automatic.err.find("info: no CUDA device"), std::string::npos) << automatic.err;
    EXPECT_EQ(cpu.err.find("info:"), std::string::npos) << cpu.err;
    // The JSON differs only in the run's own timing; compare the verdicts and check lines.
    const auto verdicts = [](const std::string& json) {
        std::string lines;
        std::istringstream in(json);
        for (std::string line; std::getline(in, line);)
            if (line.find("\"verdict\"") != std::string::npos ||
                line.find("\"measured\"") != std::string::npos)
                lines += line + "\n";
        return lines;
    };
    EXPECT_FALSE(verdicts(cpu.out).empty());
    EXPECT_EQ(verdicts(automatic.out), verdicts(cpu.out));

    // The default (no --device) is auto without the line.
    const CommandResult quiet = run(fmt::format("qc {} -q", quote(m_clip)));
    EXPECT_EQ(quiet.err.find("info:"), std::string::npos) << quiet.err;

    const std::string out = m_scratch.file("auto_out");
    const CommandResult transcode =
        run(fmt::format("transcode {} -p prores_proxy --lut {} -o {} --device auto", quote(m_clip),
                        quote(m_cube), quote(out)));
    EXPECT_EQ(transcode.exit_code, 0) << transcode.err;
    EXPECT_NE(transcode.err.find("info: no CUDA device"), std::string::npos) << transcode.err;
}

TEST_F(DeviceCli, CompareRunsWhereItIsTold) {
    const std::string dist = m_scratch.file("dist.mov");
    ASSERT_TRUE(ffmpeg(
        fmt::format("-i {} -c:v mpeg4 -q:v 12 -pix_fmt yuv420p {}", quote(m_clip), quote(dist))));
    const std::string refused = m_scratch.file("refused.json");
    const CommandResult cuda =
        run(fmt::format("compare {} {} -m psnr,ssim,ms_ssim --device cuda "
                        "--json {}",
                        quote(m_clip), quote(dist), quote(refused)));
    EXPECT_EQ(cuda.exit_code, 2) << cuda.err;
    EXPECT_NE(cuda.err.find("CUDA requested but"), std::string::npos) << cuda.err;
    EXPECT_FALSE(fs::exists(refused));

    const CommandResult automatic = run(fmt::format(
        "compare {} {} -m psnr,ssim,ms_ssim --device auto --json -", quote(m_clip), quote(dist)));
    const CommandResult cpu = run(fmt::format(
        "compare {} {} -m psnr,ssim,ms_ssim --device cpu --json -", quote(m_clip), quote(dist)));
    ASSERT_EQ(automatic.exit_code, 0) << automatic.err;
    ASSERT_EQ(cpu.exit_code, 0) << cpu.err;
    EXPECT_NE(automatic.err.find("info: no CUDA device"), std::string::npos) << automatic.err;
    auto a = nlohmann::json::parse(automatic.out), c = nlohmann::json::parse(cpu.out);
    EXPECT_EQ(a["run"]["device"], "cpu");
    EXPECT_EQ(a["run"]["device_seconds"], 0.0);
    a.erase("run");
    c.erase("run");
    EXPECT_EQ(a, c);
}

TEST_F(DeviceCli, AnUnknownDeviceIsAUsageError) {
    for (const char* command : {"qc", "transcode", "grade", "compare"}) {
        const CommandResult r = run(fmt::format("{} {} --device gpu", command, quote(m_clip)));
        EXPECT_EQ(r.exit_code, 3) << command << ": " << r.err;
    }
}

}  // namespace
}  // namespace media::test
