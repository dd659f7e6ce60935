// SPDX-License-Identifier: Apache-2.0
// `slate grade` end to end through the executable: stills at frames and timecodes in every
// format, graded pixels against the ASC CDL formula, contact sheet geometry, before/after,
// scopes, the H.264 preview, LUT bakes against the processor, NaN/Inf inputs, and bad input
// that fails with the file (and line) named and nothing written.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "media/color/color_processor.h"
#include "media/color/lut.h"
#include "media/color/ycbcr.h"
#include "media/grade/grade.h"
#include "media/io/media_sink.h"
#include "media/io/media_source.h"
#include "media/io/probe.h"
#include "scratch_dir.h"

namespace media::test {
namespace {

namespace fs = std::filesystem;

constexpr int kWidth = 320;
constexpr int kHeight = 180;
constexpr int kFrames = 48;  // 2 s at 24 fps, timecode 01:00:00:00
// The left third is flat grey at exactly E'Y = 0.5 (10-bit code 502 = 64 + 876 / 2), so
// R' = G' = B' = 0.5 after decoding; the rest is a ramp that moves with the frame index.
constexpr int kGreyCode = 502;
constexpr int kGreyX = 40;
constexpr int kGreyY = 90;

std::string slate() {
    return quote(SLATE_BINARY);
}

Frame test_picture(int index) {
    auto frame = Frame::allocate(FrameSpec{kWidth, kHeight, PixelFormat::Yuv444p10, {}});
    EXPECT_TRUE(frame);
    for (int p = 0; p < 3; ++p) {
        auto plane = frame->mutable_plane<uint16_t>(p);
        for (int y = 0; y < kHeight; ++y)
            for (int x = 0; x < kWidth; ++x) {
                int code = 512;
                if (p == 0)
                    code = x < kWidth / 3 ? kGreyCode : 100 + (x * 3 + index * 7) % 800;
                else if (x >= kWidth / 3)
                    code = 512 + (p == 1 ? 1 : -1) * ((y + index) % 120 - 60);
                plane.row(y)[x] = static_cast<uint16_t>(code);
            }
    }
    return *frame;
}

void write_clip(const std::string& path) {
    SinkOptions options;
    VideoEncodeSettings video;
    video.codec = "prores_ks";
    video.options = {{"profile", "4"}};
    video.pixel_format = PixelFormat::Yuv444p10;
    video.width = kWidth;
    video.height = kHeight;
    video.frame_rate = Rational(24, 1);
    video.color.primaries = ColorPrimaries::BT709;
    video.color.transfer = TransferCharacteristic::BT709;
    video.color.matrix = MatrixCoefficients::BT709;
    video.color.range = ColorRange::Limited;
    auto tc = Timecode::from_string_for_rate("01:00:00:00", video.frame_rate);
    ASSERT_TRUE(tc);
    video.start_timecode = *tc;
    options.video = video;
    auto sink = MediaSink::create(path, options);
    ASSERT_TRUE(sink) << sink.error().to_string();
    for (int i = 0; i < kFrames; ++i) ASSERT_TRUE(sink->write_video(test_picture(i)));
    ASSERT_TRUE(sink->finish());
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string cdl_file(double slope, double offset, double power, double saturation) {
    return fmt::format(R"(<?xml version="1.0" encoding="UTF-8"?>
<ColorCorrection id="test">
  <SOPNode>
    <Slope>{0} {0} {0}</Slope>
    <Offset>{1} {1} {1}</Offset>
    <Power>{2} {2} {2}</Power>
  </SOPNode>
  <SatNode><Saturation>{3}</Saturation></SatNode>
</ColorCorrection>
)",
                       slope, offset, power, saturation);
}

/// An image file read back as RgbFloat (MediaSource decodes single images with libav).
Frame read_picture(const std::string& path) {
    auto source = MediaSource::open(path);
    EXPECT_TRUE(source) << source.error().to_string();
    if (!source) return {};
    auto frame = source->next_video_frame();
    EXPECT_TRUE(frame && *frame) << path;
    if (!frame || !*frame) return {};
    auto rgb = color::to_rgb_float(**frame);
    EXPECT_TRUE(rgb) << rgb.error().to_string();
    return rgb ? *rgb : Frame{};
}

color::Vec3 pixel(const Frame& rgb, int x, int y) {
    const float* p = rgb.plane<float>(0).row(y) + 3 * x;
    return {p[0], p[1], p[2]};
}

class GradeCli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_scratch = std::make_unique<ScratchDir>();
        write_clip(s_scratch->file("A001C001.mov"));
        write_clip(s_scratch->file("B002C004.mov"));
        write_text(s_scratch->file("half.cc"), cdl_file(0.5, 0.0, 1.0, 1.0));
        write_text(s_scratch->file("grade.cc"), cdl_file(0.8, 0.1, 1.2, 1.0));
        // A smooth, non-trivial show LUT: a gentle S on each channel with some cross-talk.
        std::string cube = "TITLE \"test\"\nLUT_3D_SIZE 5\n";
        for (int b = 0; b < 5; ++b)
            for (int g = 0; g < 5; ++g)
                for (int r = 0; r < 5; ++r) {
                    const auto s = [](double v) { return v * v * (3 - 2 * v); };
                    const double R = r / 4.0, G = g / 4.0, B = b / 4.0;
                    cube += fmt::format("{:.6f} {:.6f} {:.6f}\n", 0.9 * s(R) + 0.1 * G,
                                        0.9 * s(G) + 0.1 * B, 0.9 * s(B) + 0.1 * R);
                }
        write_text(s_scratch->file("show.cube"), cube);
    }
    static void TearDownTestSuite() { s_scratch.reset(); }

    static std::string file(const std::string& name) { return s_scratch->file(name); }
    static std::string clip() { return quote(file("A001C001.mov")); }

    /// A fresh output folder for one test.
    std::string out_dir(const std::string& name) {
        const std::string dir = file("out_" + name);
        fs::remove_all(dir);
        return dir;
    }

    CommandResult grade(const std::string& args) {
        Watchdog watchdog("slate grade " + args, std::chrono::seconds(60));
        return run_command(slate() + " grade " + args, *s_scratch);
    }

    static std::unique_ptr<ScratchDir> s_scratch;
};

std::unique_ptr<ScratchDir> GradeCli::s_scratch;

std::vector<std::string> files_in(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

TEST_F(GradeCli, StillsAtFramesAndTimecodesInEveryFormat) {
    const std::string out = out_dir("stills");
    auto run = grade(clip() + " -o " + quote(out) +
                     " --at 5 --at 01:00:01:00 --at last --at first --format tif --json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto report = nlohmann::json::parse(run.out);
    ASSERT_EQ(report["outputs"].size(), 4u);
    // Written in frame order; each --at value once.
    const std::vector<std::pair<int, std::string>> expected = {
        {0, "01:00:00:00"}, {5, "01:00:00:05"}, {24, "01:00:01:00"}, {47, "01:00:01:23"}};
    for (size_t i = 0; i < expected.size(); ++i) {
        const auto& output = report["outputs"][i];
        EXPECT_EQ(output["kind"], "still");
        EXPECT_EQ(output["frame"], expected[i].first);
        EXPECT_EQ(output["timecode"], expected[i].second);
        const std::string path = output["path"];
        EXPECT_EQ(fs::path(path).filename().string(),
                  fmt::format("A001C001_{:07d}.tif", expected[i].first));
        auto info = probe(path);
        ASSERT_TRUE(info) << info.error().to_string();
        ASSERT_TRUE(info->image);
        EXPECT_EQ(info->image->data_type, "uint16");
        const Frame picture = read_picture(path);
        EXPECT_EQ(picture.width(), kWidth);
        EXPECT_EQ(picture.height(), kHeight);
    }
    EXPECT_EQ(report["nonfinite_pixels"], 0);
    EXPECT_FALSE(report["device"].get<std::string>().empty());

    // The other formats, and the default (the middle frame) when nothing is asked.
    for (const auto& [format, type] : std::vector<std::pair<std::string, std::string>>{
             {"png", "uint8"}, {"jpg", ""}, {"exr", "half"}}) {
        const std::string dir = out_dir("format_" + format);
        auto again = grade(clip() + " -o " + quote(dir) + " --format " + format);
        ASSERT_EQ(again.exit_code, 0) << again.err;
        const std::string path = dir + "/A001C001_0000024." + format;
        auto info = probe(path);
        ASSERT_TRUE(info) << format << ": " << info.error().to_string();
        if (format == "jpg") {  // libav's image2 reads JPEG, not OpenImageIO
            ASSERT_NE(info->first_video(), nullptr);
            EXPECT_EQ(info->first_video()->codec, "mjpeg");
        } else {
            ASSERT_TRUE(info->image) << format;
            EXPECT_EQ(info->image->data_type, type) << format;
        }
        EXPECT_EQ(files_in(dir).size(), 1u) << "no temporary files left behind";
    }
}

TEST_F(GradeCli, CdlSlopeHalfHalvesTheGreyPatch) {
    const std::string out = out_dir("cdl_half");
    auto run = grade(clip() + " -o " + quote(out) + " --at 3 --format tif --cdl " +
                     quote(file("half.cc")));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const Frame graded = read_picture(out + "/A001C001_0000003.tif");
    ASSERT_FALSE(graded.empty());
    // ASC CDL: out = in * 0.5; in = 0.5 exactly (code 502 of a flat ProRes 4444 area).
    // Tolerance: 16-bit quantisation of the file (7.6e-6) and the codec's DC rounding.
    const color::Vec3 grey = pixel(graded, kGreyX, kGreyY);
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(grey[c], 0.25, 5e-4) << "channel " << c;
    std::cout << "measured grey: " << grey[0] << " " << grey[1] << " " << grey[2] << "\n";
}

TEST_F(GradeCli, GradedPixelsMatchTheCdlAppliedByHand) {
    const std::string out = out_dir("cdl_hand");
    auto plain = grade(clip() + " -o " + quote(out) + " --at 10 --format tif");
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    fs::rename(out + "/A001C001_0000010.tif", out + "/ungraded.tif");
    auto graded_run = grade(clip() + " -o " + quote(out) + " --at 10 --format tif --cdl " +
                            quote(file("grade.cc")));
    ASSERT_EQ(graded_run.exit_code, 0) << graded_run.err;
    const Frame before = read_picture(out + "/ungraded.tif");
    const Frame after = read_picture(out + "/A001C001_0000010.tif");
    ASSERT_FALSE(before.empty());
    ASSERT_FALSE(after.empty());
    // ASC CDL v1.2 by hand: out = clamp(in * slope + offset, 0, 1) ^ power; saturation 1.
    const auto asc_cdl = [](double in) {
        return std::pow(std::clamp(in * 0.8 + 0.1, 0.0, 1.0), 1.2);
    };
    double max_error = 0;
    int compared = 0;
    for (int y = 0; y < kHeight; y += 3)
        for (int x = 0; x < kWidth; x += 3) {
            const color::Vec3 in = pixel(before, x, y);
            const color::Vec3 got = pixel(after, x, y);
            for (int c = 0; c < 3; ++c) {
                // The ungraded file clipped excursions the graded run still saw: skip those.
                if (in[c] <= 0.0 || in[c] >= 1.0) continue;
                max_error = std::max(max_error, std::abs(got[c] - asc_cdl(in[c])));
                ++compared;
            }
        }
    // Both files hold 16-bit values (+-7.6e-6 each), the CDL's slope is at most ~1.1 here.
    EXPECT_GT(compared, 10000);
    std::cout << "measured max error (CDL by hand): " << max_error << "\n";
    EXPECT_LT(max_error, 1e-4);
}

TEST_F(GradeCli, ContactSheetBeforeAfterAndScopes) {
    const std::string out = out_dir("sheet");
    auto run = grade(clip() + " " + quote(file("B002C004.mov")) + " -o " + quote(out) +
                     " --contact-sheet 3 --columns 2 --before-after split"
                     " --scopes waveform,parade,vectorscope,histogram --at 12 --json --cdl " +
                     quote(file("half.cc")));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto report = nlohmann::json::parse(run.out);
    std::map<std::string, int> kinds;
    for (const auto& output : report["outputs"]) ++kinds[output["kind"].get<std::string>()];
    EXPECT_EQ(kinds["still"], 2);
    EXPECT_EQ(kinds["before_after"], 2);
    EXPECT_EQ(kinds["scope:waveform"], 2);
    EXPECT_EQ(kinds["scope:vectorscope"], 2);
    EXPECT_EQ(kinds["contact_sheet"], 1);

    // 2 clips x 3 thumbnails in 2 columns: 3 rows of 384-wide tiles, 16 px margins.
    const Frame sheet = read_picture(out + "/contact_sheet.png");
    EXPECT_EQ(sheet.width(), 2 * 384 + 3 * 16);
    const int tile_height = 384 * kHeight / kWidth;
    EXPECT_GT(sheet.height(), 3 * tile_height + 4 * 16);         // plus a label under each row
    EXPECT_LT(sheet.height(), 3 * (tile_height + 80) + 4 * 16);  // labels are one line

    // Split before/after: the same size as the clip, ungraded grey on the left, graded right.
    const Frame compare = read_picture(out + "/A001C001_0000012_compare.png");
    ASSERT_EQ(compare.width(), kWidth);
    ASSERT_EQ(compare.height(), kHeight);
    EXPECT_NEAR(pixel(compare, kGreyX, kGreyY)[1], 0.5, 2.0 / 255);

    for (const auto& [name, width, height] :
         std::vector<std::tuple<std::string, int, int>>{{"waveform", 768, 512},
                                                        {"parade", 768, 512},
                                                        {"vectorscope", 768, 768},
                                                        {"histogram", 768, 512}}) {
        const Frame scope = read_picture(out + "/B002C004_0000012_" + name + ".png");
        EXPECT_EQ(scope.width(), width) << name;
        EXPECT_EQ(scope.height(), height) << name;
    }
}

TEST_F(GradeCli, PreviewIsH264OfTheFirstSecondsWithTimecode) {
    const std::string out = out_dir("preview");
    auto run = grade(clip() + " -o " + quote(out) + " --preview 1 --preview-width 160 --cdl " +
                     quote(file("half.cc")));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(files_in(out), std::vector<std::string>{"A001C001_preview.mp4"});
    auto info = probe(out + "/A001C001_preview.mp4", ProbeOptions{true});
    ASSERT_TRUE(info) << info.error().to_string();
    const StreamInfo* video = info->first_video();
    ASSERT_NE(video, nullptr);
    EXPECT_EQ(video->codec, "h264");
    ASSERT_TRUE(video->decoded_frame_count);
    EXPECT_EQ(*video->decoded_frame_count, 24);  // 1 s x 24 fps
    EXPECT_EQ(video->video->width, 160);
    EXPECT_EQ(video->video->height, 90);
    EXPECT_EQ(video->video->pixel_format, "yuv420p");
    EXPECT_EQ(video->video->color.primaries, ColorPrimaries::BT709);
    EXPECT_EQ(video->video->color.transfer, TransferCharacteristic::BT709);
    EXPECT_EQ(video->video->color.matrix, MatrixCoefficients::BT709);
    EXPECT_EQ(info->start_timecode, "01:00:00:00");
}

TEST_F(GradeCli, BakedCubeMatchesTheProcessor) {
    const std::string cube = file("baked.cube");
    fs::remove(cube);
    auto run = grade("--cdl " + quote(file("grade.cc")) + " --lut " + quote(file("show.cube")) +
                     " --bake " + quote(cube) + " --cube-size 33");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto lut = color::read_lut_file(cube);
    ASSERT_TRUE(lut) << lut.error().to_string();
    ASSERT_TRUE(lut->cube);
    EXPECT_EQ(lut->cube->size, 33);

    grade::GradePipelineOptions options;
    options.cdl = file("grade.cc");
    options.luts = {file("show.cube")};
    auto desc = grade::build_grade_pipeline(options, nullptr);
    ASSERT_TRUE(desc) << desc.error().to_string();
    auto processor = color::ColorProcessor::create(*desc, DevicePolicy::Cpu);
    ASSERT_TRUE(processor) << processor.error().to_string();
    // At the grid points the .cube holds the processor's own output (7 significant digits).
    std::vector<float> grid;
    for (int b = 0; b < 33; b += 4)
        for (int g = 0; g < 33; g += 2)
            for (int r = 0; r < 33; ++r)
                for (int v : {r, g, b}) grid.push_back(static_cast<float>(v) / 32.0f);
    std::vector<float> expected = grid;
    processor->apply_rgb(expected.data(), static_cast<int64_t>(expected.size() / 3));
    double max_error = 0;
    for (size_t i = 0; i < grid.size(); i += 3) {
        const color::Vec3 got = lut->apply({grid[i], grid[i + 1], grid[i + 2]});
        for (int c = 0; c < 3; ++c)
            max_error = std::max(max_error, std::abs(got[c] - expected[i + c]));
    }
    std::cout << "measured max error (bake, grid points): " << max_error << "\n";
    EXPECT_LT(max_error, 1e-3);

    // Between the grid points, a smooth grade (the CDL alone) is interpolated within 1e-3 too
    // (33^3 tetrahedral: the curvature of x^1.2 above 0.1 costs ~2e-4).
    const std::string cdl_cube = file("baked_cdl.cube");
    fs::remove(cdl_cube);
    ASSERT_EQ(grade("--cdl " + quote(file("grade.cc")) + " --bake " + quote(cdl_cube)).exit_code,
              0);
    auto cdl_lut = color::read_lut_file(cdl_cube);
    ASSERT_TRUE(cdl_lut) << cdl_lut.error().to_string();
    std::mt19937 random(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    max_error = 0;
    for (int i = 0; i < 3000; ++i) {
        const color::Vec3 in{unit(random), unit(random), unit(random)};
        const color::Vec3 got = cdl_lut->apply(in);
        for (int c = 0; c < 3; ++c)
            max_error = std::max(max_error, std::abs(got[c] - std::pow(in[c] * 0.8 + 0.1, 1.2)));
    }
    std::cout << "measured max error (bake, CDL between grid points): " << max_error << "\n";
    EXPECT_LT(max_error, 1e-3);

    // Baking again without --overwrite is refused; with it, replaced.
    EXPECT_EQ(grade("--cdl " + quote(file("grade.cc")) + " --bake " + quote(cube)).exit_code, 2);
    EXPECT_EQ(grade("--cdl " + quote(file("grade.cc")) + " --bake " + quote(cube) + " --overwrite")
                  .exit_code,
              0);
}

TEST_F(GradeCli, NanAndInfPixelsPassThroughAndAreCounted) {
    const std::string rings = std::string(SLATE_SHARED_DIR) +
                              "/reference/media/openexr-images/TestImages/BrightRingsNanInf.exr";
    if (!fs::exists(rings)) GTEST_SKIP() << "no " << rings;
    // As a single file and as a two-frame sequence.
    fs::create_directories(file("rings"));
    fs::copy_file(rings, file("rings/rings.0001.exr"), fs::copy_options::overwrite_existing);
    fs::copy_file(rings, file("rings/rings.0002.exr"), fs::copy_options::overwrite_existing);
    const std::string out = out_dir("nan");
    auto run = grade(quote(rings) + " " + quote(file("rings/rings.%04d.exr")) + " -o " +
                     quote(out) + " --at last --format exr --from linear-rec709 --to srgb" +
                     " --scopes histogram --before-after side --json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto report = nlohmann::json::parse(run.out);
    EXPECT_GT(report["nonfinite_pixels"].get<int64_t>(), 0);
    EXPECT_EQ(report["nonfinite_pixels"].get<int64_t>() % 2, 0) << "the same picture twice";
    EXPECT_TRUE(fs::exists(out + "/rings_0000001.exr"));
    EXPECT_TRUE(fs::exists(out + "/BrightRingsNanInf_0000000_histogram.exr"));

    auto text = grade(quote(rings) + " -o " + quote(out_dir("nan_text")));
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("pixels with NaN/Inf"), std::string::npos) << text.out;
}

TEST_F(GradeCli, FromAutoAndDescribe) {
    const std::string out = out_dir("auto");
    auto run = grade(clip() + " -o " + quote(out) + " --from auto --to srgb --at 0");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto describe = grade("--cdl " + quote(file("half.cc")) + " --lut " + quote(file("show.cube")) +
                          " --from logc3 --to rec709 --describe");
    ASSERT_EQ(describe.exit_code, 0) << describe.err;
    EXPECT_NE(describe.out.find("show.cube"), std::string::npos) << describe.out;
    EXPECT_LT(describe.out.find("CDL"), describe.out.find("show.cube")) << "CDL before LUTs";
}

TEST_F(GradeCli, OcioConfigTransformsAndEdlCdls) {
    // A config whose "half" space is scene-linear x 0.5 and whose look "dim" halves again.
    write_text(file("config.ocio"), R"(ocio_profile_version: 2
roles:
  default: lin
  scene_linear: lin
file_rules:
  - !<Rule> {name: Default, colorspace: default}
displays:
  Monitor:
    - !<View> {name: Raw, colorspace: lin}
    - !<View> {name: Half, colorspace: half}
looks:
  - !<Look>
    name: dim
    process_space: lin
    transform: !<MatrixTransform> {matrix: [0.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 1]}
colorspaces:
  - !<ColorSpace>
    name: lin
  - !<ColorSpace>
    name: half
    from_scene_reference: !<MatrixTransform> {matrix: [0.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 0.5, 0, 0, 0, 0, 1]}
)");
    const std::string config = " --ocio-config " + quote(file("config.ocio"));
    const std::vector<std::pair<std::string, double>> cases = {
        {" --src lin --dst half", 0.25},
        {" --src lin --display Monitor --view Half --ocio-look dim", 0.125},
    };
    for (const auto& [args, grey] : cases) {
        const std::string out = out_dir("ocio");
        auto run = grade(clip() + " -o " + quote(out) + " --at 0 --format tif" + config + args);
        ASSERT_EQ(run.exit_code, 0) << args << ": " << run.err;
        const Frame graded = read_picture(out + "/A001C001_0000000.tif");
        ASSERT_FALSE(graded.empty());
        EXPECT_NEAR(pixel(graded, kGreyX, kGreyY)[1], grey, 5e-4) << args;
    }
    auto unknown =
        grade(clip() + " -o " + quote(out_dir("ocio")) + config + " --src lin --dst nosuchspace");
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("nosuchspace"), std::string::npos) << unknown.err;
    auto listed = grade("--list-spaces" + config);
    EXPECT_EQ(listed.exit_code, 0);
    EXPECT_NE(listed.out.find("Monitor: Raw, Half"), std::string::npos) << listed.out;

    // A CMX3600 EDL's *ASC_SOP, picked by the event's clip: slope 0.5 for A001C001 only.
    write_text(file("day1.edl"), R"(TITLE: DAY 1
FCM: NON-DROP FRAME

001  A001C001 V     C        01:00:00:00 01:00:02:00 00:00:00:00 00:00:02:00
* FROM CLIP NAME: A001C001
*ASC_SOP (0.5 0.5 0.5)(0 0 0)(1 1 1)
*ASC_SAT 1.0

002  B002C004 V     C        01:00:00:00 01:00:02:00 00:00:02:00 00:00:04:00
* FROM CLIP NAME: B002C004
*ASC_SOP (1 1 1)(0 0 0)(1 1 1)
*ASC_SAT 1.0
)");
    for (const auto& [id, grey] :
         std::vector<std::pair<std::string, double>>{{"A001C001", 0.25}, {"B002C004", 0.5}}) {
        const std::string out = out_dir("edl");
        auto run = grade(clip() + " -o " + quote(out) + " --at 0 --format tif --cdl " +
                         quote(file("day1.edl")) + " --cdl-id " + id);
        ASSERT_EQ(run.exit_code, 0) << run.err;
        const Frame graded = read_picture(out + "/A001C001_0000000.tif");
        ASSERT_FALSE(graded.empty());
        EXPECT_NEAR(pixel(graded, kGreyX, kGreyY)[0], grey, 5e-4) << id;
    }
}

TEST_F(GradeCli, BadInputFailsNamingTheCulprit) {
    const std::string out = out_dir("bad");
    // A malformed .cube: exit 2, the file and the line named.
    write_text(file("broken.cube"), "LUT_3D_SIZE 2\n0 0 0\n1 0 0\n0 1\n");
    auto cube = grade(clip() + " -o " + quote(out) + " --lut " + quote(file("broken.cube")));
    EXPECT_EQ(cube.exit_code, 2);
    EXPECT_NE(cube.err.find("broken.cube:"), std::string::npos) << cube.err;
    // An unknown colour space: named.
    auto space = grade(clip() + " -o " + quote(out) + " --from logc3 --to nosuchspace");
    EXPECT_TRUE(space.exit_code == 2 || space.exit_code == 3) << space.exit_code;
    EXPECT_NE(space.err.find("nosuchspace"), std::string::npos) << space.err;
    // An OCIO config that does not load: the file named.
    write_text(file("broken.ocio"), "ocio_profile_version: 2\ncolorspaces: [ {{{\n");
    auto ocio = grade(clip() + " -o " + quote(out) + " --ocio-config " +
                      quote(file("broken.ocio")) + " --src a --dst b");
    EXPECT_EQ(ocio.exit_code, 2);
    EXPECT_NE(ocio.err.find("broken.ocio"), std::string::npos) << ocio.err;
    // A missing input.
    auto missing = grade(quote(file("nope.mov")) + " -o " + quote(out));
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("nope.mov"), std::string::npos) << missing.err;
    // Nothing was written by any of them.
    EXPECT_TRUE(files_in(out).empty());
}

TEST_F(GradeCli, ExistingOutputsAreRefusedBeforeAnyWork) {
    const std::string out = out_dir("exists");
    ASSERT_EQ(grade(clip() + " -o " + quote(out) + " --at 5").exit_code, 0);
    const auto first_write = fs::last_write_time(out + "/A001C001_0000005.png");
    auto refused = grade(clip() + " -o " + quote(out) + " --at 3 --at 5 --contact-sheet 2");
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("A001C001_0000005.png"), std::string::npos) << refused.err;
    EXPECT_EQ(files_in(out), std::vector<std::string>{"A001C001_0000005.png"});
    EXPECT_EQ(fs::last_write_time(out + "/A001C001_0000005.png"), first_write);
    auto replaced = grade(clip() + " -o " + quote(out) + " --at 3 --at 5 --overwrite");
    EXPECT_EQ(replaced.exit_code, 0) << replaced.err;
    EXPECT_EQ(files_in(out),
              (std::vector<std::string>{"A001C001_0000003.png", "A001C001_0000005.png"}));
}

}  // namespace
}  // namespace media::test
