// SPDX-License-Identifier: Apache-2.0
#include "media/transcode/burnin.h"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace media::transcode {
namespace {

// Hostile names: everything a drawtext filter string or a format string would parse.
const std::string kHostile = "it's: 100% {clip} [A]; C:\\dir Ünïcødé — 東京";

Frame make_frame(int w, int h, PixelFormat format, ColorRange range = ColorRange::Unspecified) {
    FrameSpec spec;
    spec.width = w;
    spec.height = h;
    spec.format = format;
    spec.color.range = range;
    auto frame = Frame::allocate(spec);
    EXPECT_TRUE(frame.ok());
    return std::move(frame).value();
}

/// Sets every component c of plane p to values[c].
template <typename T>
void fill(Frame& frame, int p, std::vector<T> values) {
    const ImageView<T> view = frame.mutable_plane<T>(p);
    for (int y = 0; y < view.height(); ++y)
        for (int x = 0; x < view.width(); ++x)
            for (int c = 0; c < view.components(); ++c)
                view.at(x, y, c) = values[static_cast<size_t>(c)];
}

/// Black limited-range 4:2:0 8-bit (or Y = `luma`).
Frame yuv420_frame(int w, int h, uint8_t luma = 16) {
    Frame frame = make_frame(w, h, PixelFormat::Yuv420p8, ColorRange::Limited);
    fill<uint8_t>(frame, 0, {luma});
    fill<uint8_t>(frame, 1, {128});
    fill<uint8_t>(frame, 2, {128});
    return frame;
}

BurnInElement text_element(std::string text, Anchor anchor = Anchor::TopLeft) {
    BurnInElement e;
    e.field = BurnInField::Text;
    e.text = std::move(text);
    e.anchor = anchor;
    e.size = 0.1;
    e.box = false;
    return e;
}

BurnInRenderer renderer(std::vector<BurnInElement> elements, int w, int h,
                        BurnInContext context = {}) {
    auto r = BurnInRenderer::create(BurnInTemplate{std::move(elements)}, context, w, h);
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return std::move(r).value();
}

bool inside(const BurnInMask& m, int x, int y) {
    return x >= m.x && x < m.x + m.width && y >= m.y && y < m.y + m.height;
}

uint8_t coverage_at(const BurnInMask& m, int x, int y) {
    if (!inside(m, x, y)) return 0;
    return m.coverage[static_cast<size_t>(y - m.y) * static_cast<size_t>(m.width) +
                      static_cast<size_t>(x - m.x)];
}

/// Calls check(x, y) for every frame pixel fully inside a glyph (coverage 255).
template <typename F>
int for_each_core(const BurnInMask& m, F check) {
    int cores = 0;
    for (int y = m.y; y < m.y + m.height; ++y)
        for (int x = m.x; x < m.x + m.width; ++x)
            if (coverage_at(m, x, y) == 255) {
                check(x, y);
                ++cores;
            }
    return cores;
}

/// Runs of consecutive mask columns with ink (coverage > threshold): one per separate glyph.
int ink_column_runs(const BurnInMask& m, int threshold = 96) {
    int runs = 0;
    bool in_run = false;
    for (int x = 0; x < m.width; ++x) {
        bool ink = false;
        for (int y = 0; y < m.height && !ink; ++y)
            ink = m.coverage[static_cast<size_t>(y * m.width + x)] > threshold;
        if (ink && !in_run) ++runs;
        in_run = ink;
    }
    return runs;
}

Timecode tc(int64_t frames, bool drop = false) {
    auto rate = TimecodeRate::make(drop ? Rational(30000, 1001) : Rational(25, 1), drop);
    EXPECT_TRUE(rate.ok());
    return Timecode(*rate, frames);
}

TEST(BurnInText, ShowsPrefixAndValueExactly) {
    BurnInElement clip;
    clip.field = BurnInField::ClipName;
    clip.prefix = "CLIP ";
    BurnInElement reel;
    reel.field = BurnInField::Reel;
    BurnInElement timecode;
    timecode.field = BurnInField::Timecode;
    timecode.prefix = "TC ";
    BurnInElement counter;
    counter.field = BurnInField::FrameCounter;
    counter.counter_start = 1001;
    counter.counter_digits = 6;
    BurnInElement text = text_element("%s %n {{x}} '\\'");
    const std::string bad_utf8 = "R\xff\xc3(01";
    auto r = renderer({clip, reel, timecode, counter, text}, 320, 180, {kHostile, bad_utf8});

    EXPECT_EQ(r.text_for(0, 0, std::nullopt), "CLIP " + kHostile);
    EXPECT_EQ(r.text_for(1, 0, std::nullopt), bad_utf8);
    EXPECT_EQ(r.text_for(2, 0, tc(90000)), "TC 01:00:00:00");
    EXPECT_EQ(r.text_for(2, 0, tc(1800, true)), "TC 00:01:00;02");
    EXPECT_EQ(r.text_for(2, 0, std::nullopt), "");  // no timecode: draws nothing
    EXPECT_EQ(r.text_for(3, 0, std::nullopt), "001001");
    EXPECT_EQ(r.text_for(3, 5, std::nullopt), "001006");
    EXPECT_EQ(r.text_for(4, 0, std::nullopt), "%s %n {{x}} '\\'");
    EXPECT_EQ(r.text_for(9, 0, std::nullopt), "");
}

TEST(BurnInRender, WhiteTextReachesLimitedWhiteAndTouchesNothingOutside) {
    auto r = renderer({text_element("HELLO 123")}, 640, 360);
    Frame frame = yuv420_frame(640, 360);
    const Frame before = *frame.clone();
    ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);
    ASSERT_FALSE(m.empty());
    EXPECT_EQ(m.glyphs, 9u);

    const auto y = frame.plane<uint8_t>(0);
    const int cores = for_each_core(m, [&](int x, int yy) { EXPECT_EQ(y.at(x, yy), 235); });
    EXPECT_GT(cores, 100);
    for (int yy = 0; yy < 360; ++yy)
        for (int x = 0; x < 640; ++x)
            if (!inside(m, x, yy)) {
                ASSERT_EQ(y.at(x, yy), before.plane<uint8_t>(0).at(x, yy));
            }
    // White is neutral: chroma stays 128 everywhere, also under the text.
    for (int p = 1; p < 3; ++p) {
        const auto c = frame.plane<uint8_t>(p);
        for (int yy = 0; yy < c.height(); ++yy)
            for (int x = 0; x < c.width(); ++x) ASSERT_EQ(c.at(x, yy), 128);
    }
}

TEST(BurnInRender, BoxBlendsByAlphaTimesOpacity) {
    BurnInElement e = text_element(" ");  // a space: box only, no ink
    e.box = true;
    e.box_color = {0.0, 0.0, 0.0, 1.0};
    e.opacity = 0.5;
    auto r = renderer({e}, 640, 360);
    Frame frame = yuv420_frame(640, 360, 200);
    ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);
    const auto y = frame.plane<uint8_t>(0);
    // 200 * (1 - 0.5) + 16 * 0.5 = 108, rounding allowed.
    EXPECT_NEAR(y.at(m.x + m.width / 2, m.y + m.height / 2), 108, 1);
    EXPECT_NEAR(y.at(m.x, m.y), 108, 1);
    EXPECT_EQ(y.at(m.x + m.width, m.y), 200);
    EXPECT_EQ(frame.plane<uint8_t>(1).at((m.x + 4) / 2, (m.y + 4) / 2), 128);
}

TEST(BurnInRender, ChromaAveragesTheLumaPixelsItCovers) {
    // A box from luma column 1 covers one of the two luma pixels of chroma column 0.
    BurnInElement e = text_element(" ");
    e.box = true;
    e.box_color = {1.0, 0.0, 0.0, 1.0};
    e.margin = 1.0 / 360.0;
    auto r = renderer({e}, 640, 360);
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);
    ASSERT_EQ(m.x, 1);
    ASSERT_EQ(m.y, 1);
    Frame frame = yuv420_frame(640, 360);
    ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
    // BT.601 (360 lines, unspecified): red Cr = 128 + 224 * 0.5 = 240.
    const auto cr = frame.plane<uint8_t>(2);
    EXPECT_EQ(cr.at(1, 1), 240);
    EXPECT_EQ(cr.at(0, 1), (240 + 128) / 2);  // half its luma pixels
    EXPECT_EQ(cr.at(1, 0), (240 + 128) / 2);
    EXPECT_NEAR(cr.at(0, 0), (240 + 3 * 128) / 4, 0.5);  // a quarter
}

TEST(BurnInRender, ConvertsColourWithTheFrameMatrix) {
    BurnInElement e = text_element("M");
    e.color = {1.0, 0.0, 0.0, 1.0};
    for (const int height : {576, 1080}) {
        auto r = renderer({e}, 1024, height);
        Frame frame = make_frame(1024, height, PixelFormat::Yuv444p8, ColorRange::Limited);
        fill<uint8_t>(frame, 0, {16});
        fill<uint8_t>(frame, 1, {128});
        fill<uint8_t>(frame, 2, {128});
        ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
        // Red in limited range: Y = 16 + 219 Kr; Cb = 128 - 112 Kr / (1 - Kb); Cr = 240.
        const double kr = height >= 720 ? 0.2126 : 0.299;
        const double kb = height >= 720 ? 0.0722 : 0.114;
        const BurnInMask m = r.mask_for(0, 0, std::nullopt);
        const int cores = for_each_core(m, [&](int x, int y) {
            EXPECT_NEAR(frame.plane<uint8_t>(0).at(x, y), 16 + 219 * kr, 0.51);
            EXPECT_NEAR(frame.plane<uint8_t>(1).at(x, y), 128 - 112 * kr / (1 - kb), 0.51);
            EXPECT_EQ(frame.plane<uint8_t>(2).at(x, y), 240);
        });
        EXPECT_GT(cores, 50) << height;
    }
}

TEST(BurnInRender, TenBit422) {
    BurnInElement e = text_element("10 bit");
    e.box = true;
    e.box_color = {0.0, 0.0, 0.0, 0.5};
    auto r = renderer({e}, 640, 360);
    Frame frame = make_frame(640, 360, PixelFormat::Yuv422p10);
    fill<uint16_t>(frame, 0, {800});
    fill<uint16_t>(frame, 1, {512});
    fill<uint16_t>(frame, 2, {512});
    ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);
    const auto y = frame.plane<uint16_t>(0);
    EXPECT_GT(for_each_core(m, [&](int x, int yy) { EXPECT_EQ(y.at(x, yy), 940); }), 50);
    EXPECT_NEAR(y.at(m.x + 1, m.y + 1), (800 + 64) / 2, 1);  // box corner: no ink
    EXPECT_EQ(y.at(m.x + m.width + 1, m.y), 800);
}

TEST(BurnInRender, Rgba16FullRange) {
    BurnInElement e = text_element("R16");
    e.color = {1.0, 0.0, 0.0, 1.0};
    e.box = true;
    e.box_color = {0.0, 0.0, 1.0, 0.5};
    auto r = renderer({e}, 640, 360);
    Frame frame = make_frame(640, 360, PixelFormat::Rgba16);
    fill<uint16_t>(frame, 0, {32768, 32768, 32768, 0});
    ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);
    const auto v = frame.plane<uint16_t>(0);
    EXPECT_GT(for_each_core(m,
                            [&](int x, int y) {
                                EXPECT_EQ(v.at(x, y, 0), 65535);
                                EXPECT_EQ(v.at(x, y, 1), 0);
                                EXPECT_EQ(v.at(x, y, 2), 0);
                                EXPECT_EQ(v.at(x, y, 3), 65535);
                            }),
              50);
    // Half-transparent blue box over grey: B = 32768 / 2 + 65535 / 2, alpha towards opaque.
    EXPECT_NEAR(v.at(m.x + 1, m.y + 1, 0), 16384, 1);
    EXPECT_NEAR(v.at(m.x + 1, m.y + 1, 2), 49151.5, 1);
    EXPECT_NEAR(v.at(m.x + 1, m.y + 1, 3), 32767.5, 1);
    EXPECT_EQ(v.at(m.x + m.width, m.y, 2), 32768);
}

TEST(BurnInRender, RgbaFloatAndHalf) {
    BurnInElement e = text_element("F32");
    e.box = true;
    e.box_color = {0.0, 0.0, 0.0, 0.5};
    e.opacity = 0.5;  // box weight 0.25, text weight 0.5 at cores
    auto r = renderer({e}, 640, 360);
    Frame frame = make_frame(640, 360, PixelFormat::RgbaFloat);
    fill<float>(frame, 0, {0.8f, 0.8f, 0.8f, 0.5f});
    ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);
    const auto v = frame.plane<float>(0);
    EXPECT_NEAR(v.at(m.x + 1, m.y + 1, 0), 0.6, 1e-5);
    EXPECT_NEAR(v.at(m.x + 1, m.y + 1, 3), 0.5 * 0.75 + 0.25, 1e-5);
    // Cores: text 0.5 over box 0.25 * (1 - 0.5): 0.8 * 0.375 + 1.0 * 0.5 = 0.8.
    EXPECT_GT(for_each_core(m, [&](int x, int y) { EXPECT_NEAR(v.at(x, y, 1), 0.8, 1e-5); }), 50);
    EXPECT_EQ(v.at(m.x + m.width, m.y, 0), 0.8f);

    Frame half = make_frame(640, 360, PixelFormat::RgbaHalf);
    fill<uint16_t>(half, 0, {0x3C00, 0x3C00, 0x3C00, 0x3C00});  // 1.0
    ASSERT_TRUE(r.render(half, 0, std::nullopt).ok());
    // 1.0 * 0.75 = 0.75 is 0x3A00 in half precision.
    EXPECT_EQ(half.plane<uint16_t>(0).at(m.x + 1, m.y + 1, 0), 0x3A00);
    EXPECT_EQ(half.plane<uint16_t>(0).at(m.x + 1, m.y + 1, 3), 0x3C00);
    EXPECT_EQ(half.plane<uint16_t>(0).at(m.x + m.width, m.y, 0), 0x3C00);
}

TEST(BurnInRender, PlanarRgbAndAlphaPlanes) {
    BurnInElement e = text_element("G");
    e.color = {1.0, 0.0, 0.0, 1.0};
    auto r = renderer({e}, 640, 360);
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);

    Frame gbr = make_frame(640, 360, PixelFormat::Gbrp10);
    for (int p = 0; p < 3; ++p) fill<uint16_t>(gbr, p, {0});
    ASSERT_TRUE(r.render(gbr, 0, std::nullopt).ok());
    EXPECT_GT(for_each_core(m,
                            [&](int x, int y) {
                                EXPECT_EQ(gbr.plane<uint16_t>(0).at(x, y), 0);     // G
                                EXPECT_EQ(gbr.plane<uint16_t>(2).at(x, y), 1023);  // R
                            }),
              20);

    Frame yuva = make_frame(640, 360, PixelFormat::Yuva444p12, ColorRange::Limited);
    for (int p = 0; p < 4; ++p) fill<uint16_t>(yuva, p, {p == 0 ? uint16_t{256} : uint16_t{0}});
    ASSERT_TRUE(r.render(yuva, 0, std::nullopt).ok());
    EXPECT_GT(
        for_each_core(m, [&](int x, int y) { EXPECT_EQ(yuva.plane<uint16_t>(3).at(x, y), 4095); }),
        20);
    EXPECT_EQ(yuva.plane<uint16_t>(3).at(m.x + m.width, m.y), 0);
}

TEST(BurnInLayout, AnchorsPlaceTextInTheirRegion) {
    const int w = 960, h = 540;
    for (int a = 0; a < 9; ++a) {
        const auto anchor = static_cast<Anchor>(a);
        auto r = renderer({text_element("AB", anchor)}, w, h);
        const BurnInMask m = r.mask_for(0, 0, std::nullopt);
        const int cx = m.x + m.width / 2, cy = m.y + m.height / 2;
        EXPECT_EQ(cx * 3 / w, a % 3) << to_string(anchor);
        EXPECT_EQ(cy * 3 / h, a / 3) << to_string(anchor);
        EXPECT_GE(m.x, 0);
        EXPECT_LE(m.x + m.width, w);
    }
    // And the pixels really change there: bottom-right touches only the bottom-right quadrant.
    auto r = renderer({text_element("AB", Anchor::BottomRight)}, w, h);
    Frame frame = yuv420_frame(w, h);
    ASSERT_TRUE(r.render(frame, 0, std::nullopt).ok());
    const auto y = frame.plane<uint8_t>(0);
    int changed = 0;
    for (int yy = 0; yy < h; ++yy)
        for (int x = 0; x < w; ++x)
            if (y.at(x, yy) != 16) {
                ++changed;
                ASSERT_GT(x, w / 2);
                ASSERT_GT(yy, h / 2);
            }
    EXPECT_GT(changed, 100);
}

TEST(BurnInLayout, HostileCharactersAreDrawnNotDropped) {
    const std::string hostile = "a'b:c%d{e}f[g]h;i\\j";
    const std::string plain = "abcdefghij";
    BurnInElement e = text_element(hostile);
    e.size = 0.15;
    BurnInElement p = text_element(plain);
    p.size = 0.15;
    BurnInElement unicode = text_element("Ünïcødé—東京");
    unicode.size = 0.15;
    auto r = renderer({e, p, unicode}, 1280, 720);
    const BurnInMask hm = r.mask_for(0, 0, std::nullopt);
    const BurnInMask pm = r.mask_for(1, 0, std::nullopt);
    EXPECT_NE(hm.coverage, pm.coverage);
    EXPECT_GT(hm.width, pm.width);
    EXPECT_EQ(hm.glyphs, hostile.size());  // all ASCII: one glyph per byte
    // Each character leaves its own ink: as many separate ink runs as characters.
    EXPECT_EQ(ink_column_runs(hm), static_cast<int>(hostile.size()));
    EXPECT_EQ(ink_column_runs(pm), static_cast<int>(plain.size()));

    // 10 codepoints; a CJK glyph no installed font has is drawn as the .notdef box.
    const BurnInMask um = r.mask_for(2, 0, std::nullopt);
    EXPECT_EQ(um.glyphs, 10u);
    EXPECT_EQ(ink_column_runs(um, 200), 10);
}

TEST(BurnInLayout, FallsBackPerGlyphAndDrawsNotdefForTheRest) {
    // Hebrew alef is not in DejaVu Sans Mono but is in DejaVu Sans (fonts-dejavu-core);
    // U+0378 and U+0379 are unassigned, so no font has them: both are the same .notdef box.
    auto r = renderer({text_element("\u05D0"), text_element("\u0378"), text_element("\u0379")}, 640,
                      360);
    const BurnInMask alef = r.mask_for(0, 0, std::nullopt);
    const BurnInMask missing1 = r.mask_for(1, 0, std::nullopt);
    const BurnInMask missing2 = r.mask_for(2, 0, std::nullopt);
    EXPECT_EQ(missing1.coverage, missing2.coverage);
    EXPECT_NE(alef.coverage, missing1.coverage);
    EXPECT_EQ(ink_column_runs(alef), 1);
    EXPECT_EQ(ink_column_runs(missing1), 1);
}

TEST(BurnInLayout, InvalidUtf8IsDrawnAsReplacementCharacters) {
    // ff, fe, "ab", c3 (then '('), e2 82 (truncated), f0 9f 98 (truncated at the end).
    const std::string bad = std::string("\xff\xfe") + "ab" + "\xc3(" + "\xe2\x82 " + "\xf0\x9f\x98";
    BurnInElement e = text_element(bad);
    BurnInElement reel;
    reel.field = BurnInField::Reel;
    auto r = renderer({e, reel}, 640, 360, {"", std::string("\xed\xa0\x80", 3)});  // a surrogate
    // FFFD FFFD a b FFFD ( FFFD ' ' FFFD
    EXPECT_EQ(r.mask_for(0, 0, std::nullopt).glyphs, 9u);
    EXPECT_EQ(r.mask_for(1, 0, std::nullopt).glyphs, 3u);  // ED A0 80: three invalid bytes
    Frame frame = yuv420_frame(640, 360);
    EXPECT_TRUE(r.render(frame, 0, std::nullopt).ok());
}

TEST(BurnInLayout, TextWiderThanTheFrameIsClippedToIt) {
    std::string huge;
    for (int i = 0; i < 100000; ++i) huge += "{%s}";
    auto r = renderer({text_element(huge, Anchor::Center)}, 320, 180);
    const BurnInMask m = r.mask_for(0, 0, std::nullopt);
    EXPECT_EQ(m.glyphs, huge.size());
    EXPECT_EQ(m.x, 0);
    EXPECT_EQ(m.width, 320);
    Frame frame = yuv420_frame(320, 180);
    EXPECT_TRUE(r.render(frame, 0, std::nullopt).ok());
}

TEST(BurnInRender, TimecodeChangesOnlyItsOwnPixels) {
    BurnInElement timecode;
    timecode.field = BurnInField::Timecode;
    timecode.prefix = "TC ";
    timecode.anchor = Anchor::BottomLeft;
    BurnInElement clip;
    clip.field = BurnInField::ClipName;
    clip.anchor = Anchor::TopRight;
    auto r = renderer({timecode, clip}, 1280, 720, {kHostile, ""});
    Frame first = yuv420_frame(1280, 720);
    Frame second = yuv420_frame(1280, 720);
    ASSERT_TRUE(r.render(first, 0, tc(90000)).ok());
    const BurnInMask m0 = r.mask_for(0, 0, tc(90000));
    ASSERT_TRUE(r.render(second, 1, tc(90001)).ok());
    const BurnInMask m1 = r.mask_for(0, 1, tc(90001));
    EXPECT_EQ(m0.x, m1.x);
    EXPECT_EQ(m0.y, m1.y);
    EXPECT_EQ(m0.width, m1.width);  // monospaced digits: the box does not move
    int changed = 0;
    for (int p = 0; p < 3; ++p) {
        const auto a = first.plane<uint8_t>(p);
        const auto b = second.plane<uint8_t>(p);
        const int shift = p == 0 ? 0 : 1;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x) {
                if (a.at(x, y) == b.at(x, y)) continue;
                ++changed;
                ASSERT_TRUE(inside(m0, x << shift, y << shift)) << p << " " << x << "," << y;
            }
    }
    EXPECT_GT(changed, 10);
}

TEST(BurnInRender, ReusedLayoutsMatchAFreshRenderer) {
    // Frames 0..11 through one renderer (glyph cache, patched blends, a counter growing from
    // 9 to 10 wide) must equal frame 11 from a new renderer; odd sizes exercise chroma edges.
    BurnInElement timecode;
    timecode.field = BurnInField::Timecode;
    timecode.margin = 0.013;
    BurnInElement counter;
    counter.field = BurnInField::FrameCounter;
    counter.anchor = Anchor::TopRight;
    const int w = 641, h = 361;
    auto reused = renderer({timecode, counter}, w, h);
    Frame last;
    for (int i = 0; i < 12; ++i) {
        last = yuv420_frame(w, h);
        ASSERT_TRUE(reused.render(last, i, tc(i)).ok());
    }
    auto fresh = renderer({timecode, counter}, w, h);
    Frame expected = yuv420_frame(w, h);
    ASSERT_TRUE(fresh.render(expected, 11, tc(11)).ok());
    for (int p = 0; p < 3; ++p) {
        const auto a = last.plane<uint8_t>(p);
        const auto b = expected.plane<uint8_t>(p);
        for (int y = 0; y < a.height(); ++y)
            ASSERT_EQ(std::memcmp(a.row(y), b.row(y), static_cast<size_t>(a.width())), 0)
                << "plane " << p << " row " << y;
    }
}

TEST(BurnInRender, EveryFormatOfTheClosedSetRenders) {
    auto r = renderer({text_element("fmt")}, 320, 180);
    for (int f = 0; f < static_cast<int>(PixelFormat::Count); ++f) {
        const auto format = static_cast<PixelFormat>(f);
        Frame frame = make_frame(320, 180, format);
        for (int p = 0; p < frame.plane_count(); ++p) {
            switch (info(format).bytes_per_sample) {
                case 1:
                    fill<uint8_t>(frame, p, {0, 0, 0, 0});
                    break;
                case 2:
                    fill<uint16_t>(frame, p, {0, 0, 0, 0});
                    break;
                default:
                    fill<float>(frame, p, {0, 0, 0, 0});
                    break;
            }
        }
        const auto result = r.render(frame, 0, std::nullopt);
        EXPECT_TRUE(result.ok()) << info(format).name;
    }
}

TEST(BurnInErrors, RejectsBadValuesAndWrongFrames) {
    BurnInElement e = text_element("x");
    e.size = 0.0;
    EXPECT_EQ(BurnInRenderer::create({{e}}, {}, 640, 360).error().code(),
              ErrorCode::InvalidArgument);
    e.size = 1.5;
    EXPECT_EQ(BurnInRenderer::create({{e}}, {}, 640, 360).error().code(),
              ErrorCode::InvalidArgument);
    e.size = 0.05;
    e.opacity = 1.2;
    EXPECT_EQ(BurnInRenderer::create({{e}}, {}, 640, 360).error().code(),
              ErrorCode::InvalidArgument);
    e.opacity = std::nan("");
    EXPECT_EQ(BurnInRenderer::create({{e}}, {}, 640, 360).error().code(),
              ErrorCode::InvalidArgument);
    e.opacity = 1.0;
    auto r = renderer({e}, 640, 360);
    Frame wrong = yuv420_frame(642, 360);
    const auto result = r.render(wrong, 0, std::nullopt);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code(), ErrorCode::InvalidArgument);
}

TEST(BurnInRender, SharedFramesAreCopiedBeforeDrawing) {
    auto r = renderer({text_element("COPY")}, 320, 180);
    Frame original = yuv420_frame(320, 180);
    Frame copy = original;  // shares the planes
    ASSERT_TRUE(r.render(copy, 0, std::nullopt).ok());
    const auto y = original.plane<uint8_t>(0);
    for (int yy = 0; yy < 180; ++yy)
        for (int x = 0; x < 320; ++x) ASSERT_EQ(y.at(x, yy), 16);
}

TEST(BurnInTiming, ThreeElementsOn1080p) {
    BurnInElement timecode;
    timecode.field = BurnInField::Timecode;
    timecode.prefix = "TC ";
    BurnInElement counter;
    counter.field = BurnInField::FrameCounter;
    counter.anchor = Anchor::BottomRight;
    counter.counter_digits = 7;
    BurnInElement clip;
    clip.field = BurnInField::ClipName;
    clip.anchor = Anchor::TopLeft;
    for (const PixelFormat format : {PixelFormat::Yuv420p8, PixelFormat::Yuv422p10}) {
        auto r = renderer({timecode, counter, clip}, 1920, 1080, {kHostile, ""});
        Frame frame = make_frame(1920, 1080, format);
        ASSERT_TRUE(r.render(frame, 0, tc(0)).ok());  // first frame rasterises the glyphs
        const int frames = 200;
        // Thread CPU time as well as wall time: the build machine is shared.
        const std::clock_t cpu_start = std::clock();
        const auto start = std::chrono::steady_clock::now();
        for (int i = 1; i <= frames; ++i) ASSERT_TRUE(r.render(frame, i, tc(i)).ok());
        const std::chrono::duration<double, std::micro> elapsed =
            std::chrono::steady_clock::now() - start;
        const double cpu_us = 1e6 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
        std::printf("[ timing ] burn-in 1080p %s, 3 elements: %.1f us/frame wall, %.1f us cpu\n",
                    std::string(info(format).name).c_str(), elapsed.count() / frames,
                    cpu_us / frames);
    }
}

}  // namespace
}  // namespace media::transcode
