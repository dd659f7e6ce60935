// SPDX-License-Identifier: Apache-2.0
// Contact sheets and before/after: geometry as documented, pixels from the right picture.
#include "media/grade/composite.h"
#include "grade_test_util.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <vector>

#include "media/io/image_file.h"

namespace media::grade {
namespace {

using test::picture;
using test::Pixel;

// Left half `left`, right half `right`: a flipped or swapped tile shows.
Frame two_tone(int w, int h, Pixel left, Pixel right) {
    return picture(w, h, [&](int x, int) { return x < w / 2 ? left : right; });
}

Pixel at(const Frame& f, int x, int y) {
    auto v = f.plane<float>(0);
    return {v.at(x, y, 0), v.at(x, y, 1), v.at(x, y, 2)};
}

void expect_colour(const Frame& f, int x, int y, Pixel want, float tol, const std::string& what) {
    const Pixel got = at(f, x, y);
    for (size_t c = 0; c < 3; ++c)
        EXPECT_NEAR(got[c], want[c], tol) << what << " at " << x << "," << y << " channel " << c;
}

constexpr float kBackground = 0.12f;

std::vector<ContactSheetTile> five_tiles() {
    std::vector<ContactSheetTile> tiles;
    for (int i = 0; i < 5; ++i) {
        const float k = 0.1f + 0.15f * float(i);
        tiles.push_back({two_tone(320, 180, {k, 0.2f, 0.9f - k}, {0.9f - k, k, 0.3f}),
                         "A001C00" + std::to_string(i) + " 01:00:0" + std::to_string(i) + ":00"});
    }
    return tiles;
}

TEST(ContactSheet, GeometryFollowsColumnsTilesAndMargins) {
    const std::vector<ContactSheetTile> tiles = five_tiles();
    ContactSheetOptions o;  // 4 columns, 384 wide, margin 16
    const ContactSheetLayout l = contact_sheet_layout(tiles, o).value();
    EXPECT_EQ(l.width, 4 * 384 + 5 * 16);
    EXPECT_EQ(l.row_heights, (std::vector<int>{216, 216}));  // 384 * 180 / 320
    EXPECT_GT(l.label_height, 8);
    EXPECT_EQ(l.title_height, 0);
    EXPECT_EQ(l.height, 2 * (216 + l.label_height) + 3 * 16);
    ASSERT_EQ(l.pictures.size(), 5u);
    ASSERT_EQ(l.labels.size(), 5u);
    EXPECT_EQ(l.pictures[0].x, 16);
    EXPECT_EQ(l.pictures[0].y, 16);
    EXPECT_EQ(l.pictures[3].x, 16 + 3 * (384 + 16));
    EXPECT_EQ(l.pictures[4].x, 16);  // second row, first column
    EXPECT_EQ(l.pictures[4].y, 16 + 216 + l.label_height + 16);
    EXPECT_EQ(l.labels[4].y, l.pictures[4].y + 216);
    for (const SheetRect& p : l.pictures) {
        EXPECT_EQ(p.width, 384);
        EXPECT_EQ(p.height, 216);
    }
    const Frame sheet = compose_contact_sheet(tiles, o).value();
    EXPECT_EQ(sheet.width(), l.width);
    EXPECT_EQ(sheet.height(), l.height);
    EXPECT_EQ(sheet.format(), PixelFormat::RgbFloat);

    // Fewer tiles than columns: the sheet is as wide as the tiles need.
    const ContactSheetLayout two = contact_sheet_layout(std::span(tiles).subspan(0, 2), o).value();
    EXPECT_EQ(two.width, 2 * 384 + 3 * 16);
    EXPECT_EQ(two.height, 216 + two.label_height + 2 * 16);
    // Other columns and margins.
    o.columns = 2;
    o.margin = 5;
    o.tile_width = 200;
    const ContactSheetLayout narrow = contact_sheet_layout(tiles, o).value();
    EXPECT_EQ(narrow.width, 2 * 200 + 3 * 5);
    EXPECT_EQ(narrow.row_heights, (std::vector<int>{113, 113, 113}));  // 112.5, rounded
    EXPECT_EQ(narrow.height, 3 * (113 + narrow.label_height) + 4 * 5);
    // A title adds a band on top and moves everything down by it.
    o.title = "Reel A001 - day 3 - grade v2";
    const ContactSheetLayout titled = contact_sheet_layout(tiles, o).value();
    EXPECT_GT(titled.title_height, 0);
    EXPECT_EQ(titled.height, narrow.height + titled.title_height);
    EXPECT_EQ(titled.pictures[0].y, narrow.pictures[0].y + titled.title_height);
}

TEST(ContactSheet, TilesShowTheirOwnPictures) {
    std::vector<ContactSheetTile> tiles = five_tiles();
    // A portrait picture in the second row.
    tiles.push_back({two_tone(90, 160, {1, 1, 0}, {0, 1, 1}), "portrait"});
    ContactSheetOptions o;
    o.columns = 3;
    o.tile_width = 160;
    o.title = "Contact sheet";
    const ContactSheetLayout l = contact_sheet_layout(tiles, o).value();
    const Frame sheet = compose_contact_sheet(tiles, o).value();
    for (size_t i = 0; i < tiles.size(); ++i) {
        const SheetRect& p = l.pictures[i];
        const Pixel left = at(tiles[i].picture, 2, tiles[i].picture.height() / 2);
        const Pixel right =
            at(tiles[i].picture, tiles[i].picture.width() - 3, tiles[i].picture.height() / 2);
        // Area averaging of flat areas keeps their colour (away from the middle edge).
        expect_colour(sheet, p.x + 3, p.y + p.height / 2, left, 1e-5f, "tile " + std::to_string(i));
        expect_colour(sheet, p.x + p.width - 4, p.y + p.height / 2, right, 1e-5f,
                      "tile " + std::to_string(i));
        expect_colour(sheet, p.x + 3, p.y + 1, left, 1e-5f, "tile top " + std::to_string(i));
        expect_colour(sheet, p.x + 3, p.y + p.height - 2, left, 1e-5f,
                      "tile bottom " + std::to_string(i));
    }
    // The landscape tiles are 160 x 90, the portrait one 160 x 284: the second row is as tall
    // as it, and its landscape tiles sit in the middle of the row with background above.
    EXPECT_EQ(l.row_heights, (std::vector<int>{90, 284}));
    EXPECT_EQ(l.pictures[0].y, l.title_height + o.margin);
    const int row2 = l.labels[0].y + l.label_height + o.margin;
    EXPECT_EQ(l.pictures[5].y, row2);
    EXPECT_EQ(l.pictures[3].y, row2 + (284 - 90) / 2);
    EXPECT_EQ(l.height, l.title_height + 90 + 284 + 2 * l.label_height + 3 * o.margin);
    expect_colour(sheet, l.pictures[3].x + 10, l.pictures[3].y - 5,
                  {kBackground, kBackground, kBackground}, 1e-6f, "above a tile");
    expect_colour(sheet, 2, sheet.height() - 2, {kBackground, kBackground, kBackground}, 1e-6f,
                  "corner");
    // Captions: some light pixels in a labelled band, none in the background between tiles.
    auto brightest_in = [&](int x0, int y0, int w, int h) {
        float most = 0;
        for (int y = y0; y < y0 + h; ++y)
            for (int x = x0; x < x0 + w; ++x) most = std::max(most, at(sheet, x, y)[0]);
        return most;
    };
    const SheetRect& band = l.labels[1];
    EXPECT_GT(brightest_in(band.x, band.y, band.width, band.height), 0.5f);
    EXPECT_LT(brightest_in(band.x + band.width + 1, band.y, o.margin - 2, band.height), 0.13f);
    // The title band has its text.
    EXPECT_GT(brightest_in(0, 0, sheet.width(), l.title_height), 0.5f);
}

TEST(ContactSheet, Rgb16TilesAndBadInput) {
    Frame rgb16 = Frame::allocate({64, 32, PixelFormat::Rgb16, {}}).value();
    auto v = rgb16.mutable_plane<uint16_t>(0);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 64; ++x) {
            v.at(x, y, 0) = 65535;
            v.at(x, y, 1) = 32768;
            v.at(x, y, 2) = 0;
        }
    std::vector<ContactSheetTile> tiles{{rgb16, ""}};
    ContactSheetOptions o;
    o.tile_width = 128;
    const Frame sheet = compose_contact_sheet(tiles, o).value();
    expect_colour(sheet, o.margin + 64, o.margin + 32, {1.0f, 32768.0f / 65535, 0.0f}, 1e-5f,
                  "rgb16 tile");

    EXPECT_EQ(compose_contact_sheet({}, o).error().code(), ErrorCode::InvalidArgument);
    o.columns = 0;
    EXPECT_EQ(compose_contact_sheet(tiles, o).error().code(), ErrorCode::InvalidArgument);
    o.columns = 4;
    o.tile_width = 0;
    EXPECT_EQ(compose_contact_sheet(tiles, o).error().code(), ErrorCode::InvalidArgument);
    o.tile_width = 128;
    o.margin = -1;
    EXPECT_EQ(compose_contact_sheet(tiles, o).error().code(), ErrorCode::InvalidArgument);
    o.margin = 16;
    std::vector<ContactSheetTile> with_empty{{rgb16, "ok"}, {Frame{}, "missing"}};
    const Error e = compose_contact_sheet(with_empty, o).error();
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(e.message().find("missing"), std::string::npos) << e.message();
    const Frame yuv = Frame::allocate({16, 16, PixelFormat::Yuv420p8, {}}).value();
    std::vector<ContactSheetTile> with_yuv{{yuv, "yuv"}};
    EXPECT_EQ(compose_contact_sheet(with_yuv, o).error().code(), ErrorCode::UnsupportedFormat);
    // A sheet far too big is refused before anything is allocated.
    Frame tall = Frame::allocate({1, 60000, PixelFormat::RgbFloat, {}}).value();
    std::vector<ContactSheetTile> huge{{tall, "tall"}};
    EXPECT_EQ(compose_contact_sheet(huge, o).error().code(), ErrorCode::InvalidArgument);
    // Labels too long for a tile are shortened, not a failure.
    std::vector<ContactSheetTile> long_label{{rgb16, std::string(500, 'x')}};
    EXPECT_TRUE(compose_contact_sheet(long_label, o).ok());
}

Frame before_picture(int w, int h) {
    return picture(w, h, [&](int x, int y) {
        return Pixel{float(x) / float(w), float(y) / float(h), 0.2f};
    });
}
Frame after_picture(int w, int h) {
    return picture(w, h, [&](int x, int y) {
        return Pixel{0.8f - 0.5f * float(x) / float(w), 0.3f, float(y) / float(h)};
    });
}

// out(x, y) == src(x + offset, y) for x in [x0, x1), every row.
void expect_columns_from(const Frame& out, const Frame& src, int x0, int x1, int offset,
                         const std::string& what) {
    int wrong = 0;
    for (int y = 0; y < out.height(); ++y)
        for (int x = x0; x < x1; ++x)
            if (at(out, x, y) != at(src, x + offset, y)) ++wrong;
    EXPECT_EQ(wrong, 0) << what;
}

TEST(BeforeAfter, SplitWipeShowsBeforeLeftAndAfterRight) {
    const int w = 400, h = 120;
    const Frame before = before_picture(w, h), after = after_picture(w, h);
    CompareOptions o;
    o.labels = false;
    o.split = 0.3;
    const Frame out = compose_before_after(before, after, o).value();
    ASSERT_EQ(out.width(), w);
    ASSERT_EQ(out.height(), h);
    const int seam = 120;
    expect_columns_from(out, before, 0, seam, 0, "before side");
    expect_columns_from(out, after, seam + 1, w, 0, "after side");
    // The white line (1 px at this width) on the seam.
    for (int y = 0; y < h; y += 17) expect_colour(out, seam, y, {1, 1, 1}, 0, "line");

    o.split = 0.0;  // all after, no line
    expect_columns_from(compose_before_after(before, after, o).value(), after, 0, w, 0,
                        "all after");
    o.split = 1.0;
    expect_columns_from(compose_before_after(before, after, o).value(), before, 0, w, 0,
                        "all before");
}

TEST(BeforeAfter, CaptionsSitInTheirHalves) {
    const int w = 640, h = 360;
    const Frame before = picture(w, h, [](int, int) { return Pixel{0.5f, 0.5f, 0.5f}; });
    const Frame after = picture(w, h, [](int, int) { return Pixel{0.5f, 0.5f, 0.5f}; });
    const Frame out = compose_before_after(before, after).value();
    // Changed pixels other than the seam: captions, top-left ("before") and top-right ("after").
    int left = 0, right = 0, bottom = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (x == w / 2 || at(out, x, y) == Pixel{0.5f, 0.5f, 0.5f}) continue;
            (y > h / 3 ? bottom : x < w / 2 ? left : right) += 1;
        }
    EXPECT_GT(left, 100);
    EXPECT_GT(right, 100);
    EXPECT_EQ(bottom, 0);
}

TEST(BeforeAfter, SideBySideShowsTheMiddleOfEach) {
    const int w = 401, h = 90;  // odd: the halves differ by one column
    const Frame before = before_picture(w, h), after = after_picture(w, h);
    CompareOptions o;
    o.layout = CompareLayout::SideBySide;
    o.labels = false;
    const Frame out = compose_before_after(before, after, o).value();
    ASSERT_EQ(out.width(), w);
    ASSERT_EQ(out.height(), h);
    const int half = w / 2;  // 200
    expect_columns_from(out, before, 0, half, (w - half) / 2, "left: middle of before");
    expect_columns_from(out, after, half + 1, w, half / 2 - half, "right: middle of after");
    expect_colour(out, half, 10, {1, 1, 1}, 0, "seam");
}

TEST(BeforeAfter, Rgb16AndBadInput) {
    const Frame before = before_picture(64, 32);
    Frame after16 = Frame::allocate({64, 32, PixelFormat::Rgb16, {}}).value();
    auto v = after16.mutable_plane<uint16_t>(0);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 64; ++x)
            for (int c = 0; c < 3; ++c) v.at(x, y, c) = uint16_t(1000 * c + x);
    CompareOptions o;
    o.labels = false;
    const Frame out = compose_before_after(before, after16, o).value();
    expect_colour(out, 50, 5, {50.0f / 65535, 1050.0f / 65535, 2050.0f / 65535}, 1e-7f,
                  "rgb16 after");

    const Frame other = before_picture(65, 32);
    EXPECT_EQ(compose_before_after(before, other).error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(compose_before_after(Frame{}, before).error().code(), ErrorCode::InvalidArgument);
    o.split = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(compose_before_after(before, before, o).error().code(), ErrorCode::InvalidArgument);
    o.split = 1.5;
    EXPECT_EQ(compose_before_after(before, before, o).error().code(), ErrorCode::InvalidArgument);
    // Tiny pictures: captions that do not fit are left out, nothing breaks.
    const Frame one = before_picture(1, 1);
    EXPECT_TRUE(compose_before_after(one, one).ok());
    CompareOptions sbs;
    sbs.layout = CompareLayout::SideBySide;
    EXPECT_TRUE(compose_before_after(one, one, sbs).ok());
}

using test::write_png;

// Writes composites to /tmp/scopes-look/ to look at (--gtest_also_run_disabled_tests).
TEST(CompositeLook, DISABLED_WritePngs) {
    std::vector<ContactSheetTile> tiles = five_tiles();
    tiles.push_back({before_picture(1920, 1080), "A002C007_230412_R1AB 01:02:03:04"});
    tiles.push_back({after_picture(1080, 1920), "portrait"});
    ContactSheetOptions o;
    o.title = "Slate - reel A001 - grade v3";
    o.columns = 4;
    o.tile_width = 256;
    write_png(compose_contact_sheet(tiles, o).value(), "contact-sheet");
    const Frame before = before_picture(960, 540), after = after_picture(960, 540);
    write_png(compose_before_after(before, after).value(), "before-after-wipe");
    CompareOptions sbs;
    sbs.layout = CompareLayout::SideBySide;
    write_png(compose_before_after(before, after, sbs).value(), "before-after-side");
}

}  // namespace
}  // namespace media::grade
