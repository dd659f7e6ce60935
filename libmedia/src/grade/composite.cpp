// SPDX-License-Identifier: Apache-2.0
#include "media/grade/composite.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "draw.h"

namespace media::grade {

namespace {

using draw::Rgb;

constexpr Rgb kSheetBackground = draw::grey(0.12f);
constexpr Rgb kLabelColour = draw::grey(0.80f);
constexpr Rgb kTitleColour = draw::grey(0.94f);
constexpr int kMaxColumns = 1024;
constexpr int kMinTileWidth = 16;
constexpr int kMaxTileWidth = 8192;
constexpr int kMaxMargin = 1024;
constexpr int64_t kMaxSide = 65536;
constexpr int64_t kMaxPixels = int64_t{1} << 26;

// Caption text scale of a contact sheet: about 10 px tall letters on 384-pixel tiles.
double label_scale(int tile_width) {
    return std::clamp(tile_width / 800.0, 0.35, 1.0);
}
int label_pad(int tile_width) {
    return std::max(4, tile_width / 64);
}

std::string tile_name(size_t index, const ContactSheetTile& tile) {
    std::string name = "tile " + std::to_string(index);
    if (!tile.label.empty()) name += " (\"" + tile.label + "\")";
    return name;
}

// Copies `pixels` (CV_32FC3) into the canvas at (x, y).
void paste(cv::Mat& canvas, const cv::Mat& pixels, int x, int y) {
    pixels.copyTo(canvas(cv::Rect(x, y, pixels.cols, pixels.rows)));
}

// A caption on a translucent dark box, its top-left corner at `corner`, when it fits inside
// columns [min_x, max_x).
void caption(cv::Mat& canvas, const std::string& str, cv::Point corner, int min_x, int max_x,
             double scale) {
    int baseline = 0;
    const cv::Size ts = draw::text_size(str, scale, 1, &baseline);
    const int pad = std::max(3, ts.height / 2);
    const cv::Rect box(corner.x, corner.y, ts.width + 2 * pad, ts.height + baseline + 2 * pad);
    if (box.x < min_x || box.x + box.width > max_x || box.y + box.height > canvas.rows) return;
    draw::fill(canvas, box, draw::grey(0.0f), 0.55f);
    draw::text(canvas, str, {box.x + pad, box.y + pad + ts.height}, scale, draw::grey(0.95f));
}

}  // namespace

Result<ContactSheetLayout> contact_sheet_layout(std::span<const ContactSheetTile> tiles,
                                                const ContactSheetOptions& options) {
    if (tiles.empty())
        return Error(ErrorCode::InvalidArgument, "grade: a contact sheet needs at least one tile");
    if (options.columns < 1 || options.columns > kMaxColumns)
        return Error(ErrorCode::InvalidArgument,
                     "grade: contact sheet columns " + std::to_string(options.columns) +
                         " is outside 1.." + std::to_string(kMaxColumns));
    if (options.tile_width < kMinTileWidth || options.tile_width > kMaxTileWidth)
        return Error(ErrorCode::InvalidArgument,
                     "grade: contact sheet tile width " + std::to_string(options.tile_width) +
                         " is outside " + std::to_string(kMinTileWidth) + ".." +
                         std::to_string(kMaxTileWidth));
    if (options.margin < 0 || options.margin > kMaxMargin)
        return Error(ErrorCode::InvalidArgument,
                     "grade: contact sheet margin " + std::to_string(options.margin) +
                         " is outside 0.." + std::to_string(kMaxMargin));
    ContactSheetLayout layout;
    const int tile_w = options.tile_width;
    const int margin = options.margin;
    const auto n = static_cast<int64_t>(tiles.size());
    const int64_t columns = std::min<int64_t>(options.columns, n);
    const int64_t rows = (n + columns - 1) / columns;
    layout.row_heights.assign(size_t(rows), 0);
    std::vector<int> heights;
    for (size_t i = 0; i < tiles.size(); ++i) {
        const Frame& picture = tiles[i].picture;
        if (picture.empty())
            return Error(ErrorCode::InvalidArgument,
                         "grade: contact sheet " + tile_name(i, tiles[i]) + " has no picture");
        const double h = double(tile_w) * picture.height() / picture.width();
        heights.push_back(static_cast<int>(std::clamp(std::lround(h), 1L, kMaxSide)));
        int& row_height = layout.row_heights[i / size_t(columns)];
        row_height = std::max(row_height, heights.back());
    }
    const double scale = label_scale(tile_w);
    const int pad = label_pad(tile_w);
    int baseline = 0;
    const int text_h = draw::text_size("Ag", scale, 1, &baseline).height + baseline;
    layout.label_height = text_h + 2 * pad;
    if (!options.title.empty()) {
        const int title_h = draw::text_size("Ag", scale * 1.5, 2, &baseline).height + baseline;
        layout.title_height = title_h + std::max(margin, pad);
    }
    int64_t height = layout.title_height + rows * layout.label_height + (rows + 1) * margin;
    for (int row_height : layout.row_heights) height += row_height;
    const int64_t width = columns * tile_w + (columns + 1) * margin;
    if (width > kMaxSide || height > kMaxSide || width * height > kMaxPixels)
        return Error(ErrorCode::InvalidArgument,
                     "grade: a contact sheet of " + std::to_string(n) + " tiles would be " +
                         std::to_string(width) + "x" + std::to_string(height) +
                         " pixels, more than this allows (2^26 pixels, 65536 a side)");
    layout.width = static_cast<int>(width);
    layout.height = static_cast<int>(height);
    int row_y = layout.title_height + margin;
    for (int64_t i = 0; i < n; ++i) {
        const auto col = static_cast<int>(i % columns);
        const auto row = static_cast<size_t>(i / columns);
        if (i > 0 && col == 0) row_y += layout.row_heights[row - 1] + layout.label_height + margin;
        const int x = margin + col * (tile_w + margin);
        const int row_h = layout.row_heights[row];
        const int h = heights[size_t(i)];
        layout.pictures.push_back({x, row_y + (row_h - h) / 2, tile_w, h});
        layout.labels.push_back({x, row_y + row_h, tile_w, layout.label_height});
    }
    return layout;
}

Result<Frame> compose_contact_sheet(std::span<const ContactSheetTile> tiles,
                                    const ContactSheetOptions& options) {
    MEDIA_TRY_ASSIGN(const ContactSheetLayout layout, contact_sheet_layout(tiles, options));
    MEDIA_TRY_ASSIGN(Frame sheet, draw::new_canvas(layout.width, layout.height, kSheetBackground));
    cv::Mat canvas = draw::canvas_mat(sheet);
    const double scale = label_scale(options.tile_width);
    const int pad = label_pad(options.tile_width);
    if (!options.title.empty()) {
        const double title_scale = scale * 1.5;
        const std::string title =
            draw::fit_text(options.title, title_scale, layout.width - 2 * options.margin, 2);
        const cv::Size ts = draw::text_size(title, title_scale, 2);
        draw::text(canvas, title, {options.margin, std::max(options.margin, pad) + ts.height},
                   title_scale, kTitleColour, 2);
    }
    for (size_t i = 0; i < tiles.size(); ++i) {
        MEDIA_TRY_ASSIGN(
            cv::Mat picture,
            draw::picture_mat(tiles[i].picture, "contact sheet " + tile_name(i, tiles[i])));
        const SheetRect& p = layout.pictures[i];
        paste(canvas, draw::thumbnail(picture, p.width, p.height), p.x, p.y);
        const SheetRect& l = layout.labels[i];
        const std::string label = draw::fit_text(tiles[i].label, scale, l.width);
        const cv::Size ts = draw::text_size(label, scale);
        draw::text(canvas, label, {l.x, l.y + pad + ts.height}, scale, kLabelColour);
    }
    return sheet;
}

Result<Frame> compose_before_after(const Frame& before, const Frame& after,
                                   const CompareOptions& options) {
    MEDIA_TRY_ASSIGN(cv::Mat before_px, draw::picture_mat(before, "before"));
    MEDIA_TRY_ASSIGN(cv::Mat after_px, draw::picture_mat(after, "after"));
    if (before_px.size() != after_px.size())
        return Error(ErrorCode::InvalidArgument,
                     "grade: before is " + std::to_string(before_px.cols) + "x" +
                         std::to_string(before_px.rows) + " but after is " +
                         std::to_string(after_px.cols) + "x" + std::to_string(after_px.rows) +
                         "; a before/after needs two pictures of the same size");
    if (!(options.split >= 0.0 && options.split <= 1.0))
        return Error(
            ErrorCode::InvalidArgument,
            "grade: before/after split " + std::to_string(options.split) + " is outside 0..1");
    const int w = before_px.cols;
    const int h = before_px.rows;
    MEDIA_TRY_ASSIGN(Frame out, draw::new_canvas(w, h, {}));
    out.set_color(before.color());
    cv::Mat canvas = draw::canvas_mat(out);
    int seam = 0;
    if (options.layout == CompareLayout::SplitWipe) {
        seam = static_cast<int>(std::lround(options.split * w));
        if (seam > 0) before_px(cv::Rect(0, 0, seam, h)).copyTo(canvas(cv::Rect(0, 0, seam, h)));
        if (seam < w)
            after_px(cv::Rect(seam, 0, w - seam, h)).copyTo(canvas(cv::Rect(seam, 0, w - seam, h)));
    } else {
        seam = w / 2;
        if (seam > 0)
            before_px(cv::Rect((w - seam) / 2, 0, seam, h)).copyTo(canvas(cv::Rect(0, 0, seam, h)));
        after_px(cv::Rect(seam / 2, 0, w - seam, h)).copyTo(canvas(cv::Rect(seam, 0, w - seam, h)));
    }
    const int line = std::max(1, w / 1000);
    if (seam > 0 && seam < w)
        draw::fill(canvas, cv::Rect(seam - line / 2, 0, line, h), draw::grey(1.0f));
    if (options.labels) {
        const double scale = std::clamp(h / 1080.0 * 0.9, 0.35, 2.0);
        const int inset = std::max(6, h / 40);
        caption(canvas, "before", {inset, inset}, 0, seam - line, scale);
        int baseline = 0;
        const cv::Size ts = draw::text_size("after", scale, 1, &baseline);
        const int box_w = ts.width + 2 * std::max(3, ts.height / 2);
        // "after" sits at the right edge of the wipe, just right of the seam side by side.
        const int after_x =
            options.layout == CompareLayout::SplitWipe ? w - inset - box_w : seam + line + inset;
        caption(canvas, "after", {after_x, inset}, seam + line, w, scale);
    }
    return out;
}

}  // namespace media::grade
