// SPDX-License-Identifier: Apache-2.0
// Manifests (CSV per RFC 4180, ALE) and gathering clips from files, folders and globs. Media files
// are empty: gathering goes by name and never opens them.
#include "media/batch/manifest.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "media/batch/ale.h"
#include "scratch_dir.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

void touch(const test::ScratchDir& dir, const std::string& relative) {
    fs::create_directories(fs::path(dir.file(relative)).parent_path());
    std::ofstream(dir.file(relative), std::ios::binary).put('x');
}

std::vector<std::string> paths_of(const std::vector<ClipEntry>& clips) {
    std::vector<std::string> paths;
    for (const auto& clip : clips) paths.push_back(clip.path);
    return paths;
}

TEST(Manifest, ReadsCsvWithQuotesCommasAndLineBreaks) {
    test::ScratchDir dir;
    // BOM, CRLF, header in another order and case, quoted fields holding commas, quotes and a
    // line break, a blank line, an absolute path, and names a shell would choke on.
    std::ofstream(dir.file("list.csv"), std::ios::binary)
        << "\xEF\xBB\xBFReel,Clip, Path \r\n"
           "A001,\"Shot, 1\",A001C001.mov\r\n"
           "A001,,\"sub/a \"\"quoted\"\", name;$(rm -rf ~).mov\"\r\n"
           "\r\n"
           "B002,multi,\"line\nbreak.mxf\"\r\n"
           "B002,abs,/media/card/ B002C003 .mov\r\n";
    auto clips = read_manifest(dir.file("list.csv"));
    ASSERT_TRUE(clips) << clips.error().to_string();
    ASSERT_EQ(clips->size(), 4u);
    const std::string base = dir.path().string() + "/";
    EXPECT_EQ((*clips)[0].path, base + "A001C001.mov");
    EXPECT_EQ((*clips)[0].clip, "Shot, 1");
    EXPECT_EQ((*clips)[0].reel, "A001");
    EXPECT_EQ((*clips)[1].path, base + "sub/a \"quoted\", name;$(rm -rf ~).mov");
    EXPECT_EQ((*clips)[1].clip, "a \"quoted\", name;$(rm -rf ~)");  // the stem
    EXPECT_EQ((*clips)[2].path, base + "line\nbreak.mxf");
    EXPECT_EQ((*clips)[3].path, "/media/card/ B002C003 .mov");
}

TEST(Manifest, CsvErrorsNameFileAndLine) {
    test::ScratchDir dir;
    std::ofstream(dir.file("nopath.csv")) << "clip,reel\na,b\n";
    auto no_path = read_manifest(dir.file("nopath.csv"));
    ASSERT_FALSE(no_path);
    EXPECT_EQ(no_path.error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(no_path.error().context().file, dir.file("nopath.csv") + ":1");
    std::ofstream(dir.file("open.csv")) << "path\n\"a\nb\",x\nc.mov\n\"never closed\n";
    auto open = read_manifest(dir.file("open.csv"));
    ASSERT_FALSE(open);
    EXPECT_EQ(open.error().context().file, dir.file("open.csv") + ":5");
    std::ofstream(dir.file("empty_path.csv")) << "file,clip\nx.mov,x\n,y\n";
    auto empty = read_manifest(dir.file("empty_path.csv"));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().context().file, dir.file("empty_path.csv") + ":3");
}

TEST(Manifest, ReadsAleSourceFileOrName) {
    test::ScratchDir dir;
    AleDocument ale;
    ale.clips = {{"A001C001", "A001", "", "", "V", "media/A001C001.mov", {}},
                 {"A001C002", "A001", "", "", "V", "", {}}};
    ASSERT_TRUE(write_ale(dir.file("day.ale"), ale));
    auto clips = read_manifest(dir.file("day.ale"));
    ASSERT_TRUE(clips) << clips.error().to_string();
    ASSERT_EQ(clips->size(), 2u);
    EXPECT_EQ((*clips)[0].path, dir.file("media/A001C001.mov"));
    EXPECT_EQ((*clips)[0].clip, "A001C001");
    EXPECT_EQ((*clips)[0].reel, "A001");
    EXPECT_EQ((*clips)[1].path, dir.file("A001C002"));
}

TEST(Gather, CollapsesImageSequencesWithoutOpeningThem) {
    test::ScratchDir dir;
    for (int frame = 86400; frame < 86405; ++frame)
        touch(dir, "scans/a." + std::to_string(frame).insert(0, 7 - 5, '0') + ".dpx");
    touch(dir, "scans/shot_v2_0001.exr");
    touch(dir, "scans/shot_v2_0002.exr");
    touch(dir, "scans/poster.jpg");
    touch(dir, "scans/notes.txt");
    touch(dir, "scans/.hidden.mov");
    touch(dir, "scans/ascmhl/0001_scans.mov");
    auto clips = gather_clips({dir.file("scans")});
    ASSERT_TRUE(clips) << clips.error().to_string();
    ASSERT_EQ(clips->size(), 3u);
    EXPECT_EQ((*clips)[0].path, dir.file("scans/a.%07d.dpx"));
    EXPECT_EQ((*clips)[0].clip, "a");
    EXPECT_EQ((*clips)[1].path, dir.file("scans/poster.jpg"));
    EXPECT_EQ((*clips)[2].path, dir.file("scans/shot_v2_%04d.exr"));
    EXPECT_EQ((*clips)[2].clip, "shot_v2");
}

TEST(Gather, FindsClipsOnCameraCards) {
    test::ScratchDir dir;
    touch(dir, "cards/XDROOT/CONTENTS/CLIP/C0001.MXF");
    touch(dir, "cards/XDROOT/CONTENTS/CLIP/C0001M01.XML");
    touch(dir, "cards/RED/A001_C002_0101AB.RDC/A001_C002_0101AB_001.R3D");
    touch(dir, "cards/RED/A001_C002_0101AB.RDC/A001_C002_0101AB_002.R3D");
    touch(dir, "cards/BRAW/A001_01010101_C001.braw");
    auto clips = gather_clips({dir.file("cards")});
    ASSERT_TRUE(clips) << clips.error().to_string();
    EXPECT_EQ(paths_of(*clips),
              (std::vector<std::string>{
                  dir.file("cards/BRAW/A001_01010101_C001.braw"),
                  dir.file("cards/RED/A001_C002_0101AB.RDC/A001_C002_0101AB_001.R3D"),
                  dir.file("cards/XDROOT/CONTENTS/CLIP/C0001.MXF")}));
    EXPECT_EQ(clips->back().clip, "C0001");
}

TEST(Gather, ExpandsGlobsIncludingDoubleStar) {
    test::ScratchDir dir;
    touch(dir, "card1/CLIP/A.mxf");
    touch(dir, "card1/deep/er/B.mxf");
    touch(dir, "card2/C.mxf");
    touch(dir, "other/D.mxf");
    touch(dir, "top.mov");
    touch(dir, "sub/nested.mov");
    auto deep = gather_clips({dir.path().string() + "/card*/**/*.mxf"});
    ASSERT_TRUE(deep) << deep.error().to_string();
    EXPECT_EQ(paths_of(*deep),
              (std::vector<std::string>{dir.file("card1/CLIP/A.mxf"),
                                        dir.file("card1/deep/er/B.mxf"), dir.file("card2/C.mxf")}));
    auto shallow = gather_clips({dir.path().string() + "/*.mov"});
    ASSERT_TRUE(shallow);
    EXPECT_EQ(paths_of(*shallow), (std::vector<std::string>{dir.file("top.mov")}));
    auto none = gather_clips({dir.path().string() + "/*.braw"});
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code(), ErrorCode::NotFound);
    EXPECT_EQ(none.error().context().file, dir.path().string() + "/*.braw");
}

TEST(Gather, MergesInputsSortedWithoutDuplicates) {
    test::ScratchDir dir;
    touch(dir, "b.mov");
    touch(dir, "a.mov");
    touch(dir, "seq/f.0001.tif");
    touch(dir, "seq/f.0002.tif");
    std::ofstream(dir.file("list.csv")) << "path,clip,reel\nb.mov,Bee,R1\n";
    auto clips = gather_clips({dir.file("list.csv"), dir.file("b.mov"), dir.file("a.mov"),
                               dir.file("seq/f.####.tif"), dir.file("seq")});
    ASSERT_TRUE(clips) << clips.error().to_string();
    EXPECT_EQ(paths_of(*clips), (std::vector<std::string>{dir.file("a.mov"), dir.file("b.mov"),
                                                          dir.file("seq/f.%04d.tif")}));
    EXPECT_EQ((*clips)[1].clip, "Bee");  // the manifest came first and names it
    EXPECT_EQ((*clips)[1].reel, "R1");
    auto missing = gather_clips({dir.file("a.mov"), dir.file("nothing_here.mov")});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_EQ(missing.error().context().file, dir.file("nothing_here.mov"));
    auto empty = gather_clips({dir.file("seq/f.0001.tif"), dir.path().string() + "/empty_dir"});
    ASSERT_FALSE(empty);
}

}  // namespace
}  // namespace media::batch
