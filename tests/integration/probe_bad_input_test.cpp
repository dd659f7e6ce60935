// SPDX-License-Identifier: Apache-2.0
// probe() and `slate probe` on inputs that must fail cleanly (an Error naming the file, exit 2)
// or succeed despite a misleading name, and on the reference images, damaged EXRs included.
// Media fixtures are made with the ffmpeg CLI in a scratch folder.
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "media/io/probe.h"
#include "test_support.h"

namespace media {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;

const std::string kMedia = std::string(SLATE_SHARED_DIR) + "/reference/media/";
constexpr std::chrono::seconds kPerFileLimit{30};

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

void truncate_copy(const std::string& from, const std::string& to, int percent) {
    std::string bytes = test::read_file(from);
    write_bytes(to, bytes.substr(0, bytes.size() * static_cast<size_t>(percent) / 100));
}

uint32_t crc32(const std::string& bytes) {
    uint32_t crc = 0xffffffffu;
    for (unsigned char byte : bytes) {
        crc ^= byte;
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

std::string be32(uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

std::string png_chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}

uint32_t adler32(const std::string& bytes) {
    uint32_t a = 1, b = 0;
    for (unsigned char byte : bytes) {
        a = (a + byte) % 65521u;
        b = (b + a) % 65521u;
    }
    return (b << 16) | a;
}

// A zlib stream holding `data` in one stored (uncompressed) deflate block.
std::string zlib_stored(const std::string& data) {
    const auto n = static_cast<uint16_t>(data.size());
    std::string out("\x78\x01\x01", 3);
    for (uint16_t v : {n, static_cast<uint16_t>(~n)}) {
        out += static_cast<char>(v & 0xff);
        out += static_cast<char>(v >> 8);
    }
    return out + data + be32(adler32(data));
}

// A valid PNG signature, IHDR (correct CRC) declaring 60000x60000 RGB 8-bit, and a first IDAT
// with one filtered row: every chunk a reader checks before allocating the picture is valid.
std::string huge_png(bool with_data = true) {
    std::string ihdr = be32(60000) + be32(60000) + std::string("\x08\x02\x00\x00\x00", 5);
    std::string idat =
        with_data ? png_chunk("IDAT", zlib_stored(std::string(1 + 3 * 16, '\0'))) : "";
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) + idat +
           png_chunk("IEND", "");
}

std::string random_bytes(size_t size) {
    std::mt19937 generator(20240611);  // fixed seed: the same bytes every run
    std::string bytes(size, '\0');
    for (auto& byte : bytes) byte = static_cast<char>(generator() & 0xff);
    return bytes;
}

// One scratch folder of fixtures for the whole suite (ffmpeg runs once).
class ProbeBadInput : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new ScratchDir();
        s_have_media = test::have_program("ffmpeg") && make_media();
        write_bytes(file("random.mov"), random_bytes(64 * 1024));
        write_bytes(file("huge.png"), huge_png());
        write_bytes(file("huge_no_data.png"), huge_png(false));
        for (auto name : {"empty.mov", "empty.mxf", "empty.exr", "empty.dpx"})
            write_bytes(file(name), "");
        fs::create_directories(file("folder.mov"));
    }
    static void TearDownTestSuite() {
        delete s_dir;
        s_dir = nullptr;
    }

    static bool make_media() {
        const std::string source =
            "-f lavfi -i testsrc=size=320x240:rate=25:duration=1 -f lavfi -i "
            "sine=sample_rate=48000:duration=1 -c:v mpeg4 -c:a aac ";
        bool ok =
            test::ffmpeg(source + test::quote(file("good.mp4"))) &&
            test::ffmpeg(source + test::quote(file("good.mov"))) &&
            test::ffmpeg(source + "-movflags +faststart " + test::quote(file("faststart.mp4"))) &&
            test::ffmpeg(source + "-f matroska " + test::quote(file("matroska.mp4")));
        if (!ok) return false;
        for (int percent : {10, 50, 90})
            for (auto ext : {"mp4", "mov"})
                truncate_copy(file(std::string("good.") + ext), file(truncated_name(percent, ext)),
                              percent);
        truncate_copy(file("faststart.mp4"), file("faststart_cut.mp4"), 50);
        // "x.mov" is a decoy: the concat protocol would open it and report Matroska.
        fs::copy_file(file("good.mov"), file("concat:x.mov"));
        fs::copy_file(file("matroska.mp4"), file("x.mov"));
        return true;
    }

    static std::string truncated_name(int percent, const std::string& ext) {
        return "cut" + std::to_string(percent) + "." + ext;
    }
    static std::string file(const std::string& name) { return s_dir->file(name); }

    static std::vector<std::string> bad_inputs() {
        std::vector<std::string> names = {"missing.mov", "folder.mov", "empty.mov",
                                          "empty.mxf",   "empty.exr",  "empty.dpx",
                                          "random.mov",  "huge.png",   "huge_no_data.png"};
        if (s_have_media)
            for (int percent : {10, 50, 90})
                for (auto ext : {"mp4", "mov"}) names.push_back(truncated_name(percent, ext));
        return names;
    }

    static void require_media() {
        if (!s_have_media) GTEST_SKIP() << "ffmpeg CLI not available to make media fixtures";
    }

    static test::CommandResult slate(const std::string& args) {
        return test::run_command(std::string(SLATE_BINARY) + " probe " + args, *s_dir);
    }

    static inline ScratchDir* s_dir = nullptr;
    static inline bool s_have_media = false;
};

TEST_F(ProbeBadInput, EachIsAnErrorNamingTheFile) {
    for (const auto& name : bad_inputs()) {
        test::Watchdog watchdog("probe " + name, kPerFileLimit);
        auto info = probe(file(name), ProbeOptions{.count_frames = true});
        ASSERT_FALSE(info) << name << " probed as " << info->format;
        EXPECT_NE(info.error().to_string().find(file(name)), std::string::npos)
            << info.error().to_string();
    }
}

TEST_F(ProbeBadInput, ErrorCodesSayWhatIsWrong) {
    EXPECT_EQ(probe(file("missing.mov")).error().code(), ErrorCode::NotFound);
    EXPECT_EQ(probe(file("folder.mov")).error().code(), ErrorCode::InvalidArgument);
    auto empty = probe(file("empty.exr"));
    EXPECT_NE(empty.error().message().find("empty"), std::string::npos);
}

TEST_F(ProbeBadInput, HugePngIsRefusedFromItsHeader) {
    auto info = probe(file("huge.png"));
    ASSERT_FALSE(info);
    EXPECT_NE(info.error().message().find("60000x60000"), std::string::npos)
        << info.error().to_string();
}

TEST_F(ProbeBadInput, CliExitsTwoNamingEveryBadFileAndStillReportsTheGoodOne) {
    require_media();
    std::string args = test::quote(file("good.mp4"));
    for (const auto& name : bad_inputs()) args += " " + test::quote(file(name));
    auto result = slate(args);
    EXPECT_EQ(result.exit_code, 2);
    for (const auto& name : bad_inputs())
        EXPECT_NE(result.err.find(file(name)), std::string::npos) << name << "\n" << result.err;
    EXPECT_NE(result.out.find(file("good.mp4") + "\n  container:"), std::string::npos)
        << result.out;
}

TEST_F(ProbeBadInput, CliJsonIsOneDocumentEvenOnError) {
    auto result = slate("--json " + test::quote(file("random.mov")));
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.err.find(file("random.mov")), std::string::npos) << result.err;
    auto doc = nlohmann::json::parse(result.out);
    EXPECT_EQ(doc["schema"], "slate.probe");
    EXPECT_EQ(doc["path"], file("random.mov"));
    EXPECT_TRUE(doc["error"].is_object());
}

TEST_F(ProbeBadInput, MatroskaNamedMp4ProbesByContent) {
    require_media();
    auto info = probe(file("matroska.mp4"));
    ASSERT_TRUE(info) << info.error().to_string();
    EXPECT_EQ(info->format, "matroska,webm");
    ASSERT_NE(info->first_video(), nullptr);
    EXPECT_EQ(info->first_video()->video->width, 320);
}

TEST_F(ProbeBadInput, ConcatNameIsJustALocalFile) {
    require_media();
    const fs::path previous = fs::current_path();
    fs::current_path(s_dir->path());
    auto info = probe("concat:x.mov");
    fs::current_path(previous);
    ASSERT_TRUE(info) << info.error().to_string();
    EXPECT_EQ(info->format, "mov,mp4,m4a,3gp,3g2,mj2");  // not the Matroska decoy x.mov
    auto result = test::run_command("cd " + test::quote(s_dir->path().string()) + " && " +
                                        SLATE_BINARY + " probe --json concat:x.mov",
                                    *s_dir);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(nlohmann::json::parse(result.out)["format"], "mov,mp4,m4a,3gp,3g2,mj2");
}

TEST_F(ProbeBadInput, TruncatedFaststartFileNeverCrashes) {
    require_media();
    test::Watchdog watchdog("probe faststart_cut.mp4", kPerFileLimit);
    auto info = probe(file("faststart_cut.mp4"), ProbeOptions{.count_frames = true});
    if (info) {
        // The index survives at the front, so probing works and decoding stops where data ends.
        ASSERT_NE(info->first_video(), nullptr);
        EXPECT_LT(info->first_video()->decoded_frame_count.value_or(0), 25);
    } else {
        EXPECT_NE(info.error().to_string().find("faststart_cut.mp4"), std::string::npos);
    }
}

TEST_F(ProbeBadInput, DamagedExrsFailCleanlyOrProbe) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kMedia + "openexr-images/Damaged"))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    ASSERT_EQ(files.size(), 186u);
    int errors = 0;
    for (const auto& path : files) {
        test::Watchdog watchdog("probe " + path.string(), kPerFileLimit);
        auto info = probe(path.string());
        if (!info) {
            ++errors;
            EXPECT_NE(info.error().to_string().find(path.string()), std::string::npos)
                << info.error().to_string();
            continue;
        }
        ASSERT_EQ(info->streams.size(), 1u) << path;
        EXPECT_GT(info->streams[0].video->width, 0) << path;
        EXPECT_LE(int64_t{info->streams[0].video->width} * info->streams[0].video->height,
                  ProbeOptions{}.max_pixels)
            << path;
    }
    // Most of the folder is unreadable by design; a reader accepting them all reads nothing.
    EXPECT_GT(errors, 93) << "of " << files.size();
}

struct ImageFacts {
    const char* path;
    int width;
    int height;
    int channels;
    const char* data_type;
};

TEST(ProbeReferenceImages, KnownFacts) {
    // From `oiiotool --info` on the same files.
    const ImageFacts facts[] = {
        {"openexr-images/TestImages/AllHalfValues.exr", 256, 256, 3, "half"},
        {"openexr-images/TestImages/BrightRingsNanInf.exr", 800, 800, 3, "half"},
        {"openexr-images/TestImages/GammaChart.exr", 800, 800, 3, "half"},
        {"openexr-images/TestImages/GrayRampsHorizontal.exr", 800, 800, 1, "half"},
        {"openexr-images/TestImages/WideColorGamut.exr", 800, 800, 3, "half"},
        {"openexr-images/TestImages/WideFloatRange.exr", 500, 500, 1, "float"},
        {"oiio-images/dpx/dpx_nuke_10bits_rgb.dpx", 512, 512, 3, "uint10"},
        {"oiio-images/dpx/dpx_nuke_16bits_rgba.dpx", 512, 512, 4, "uint10"},
        {"oiio-images/cineon/checker.cin", 160, 90, 3, "uint10"},
    };
    for (const auto& fact : facts) {
        auto info = probe(kMedia + fact.path);
        ASSERT_TRUE(info) << info.error().to_string();
        ASSERT_TRUE(info->image) << fact.path;
        EXPECT_EQ(info->image->channels, fact.channels) << fact.path;
        EXPECT_EQ(info->image->data_type, fact.data_type) << fact.path;
        EXPECT_EQ(info->streams.at(0).video->width, fact.width) << fact.path;
        EXPECT_EQ(info->streams.at(0).video->height, fact.height) << fact.path;
    }
}

}  // namespace
}  // namespace media
