// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <span>
#include <string>
#include <vector>

#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::grade {

/// One thumbnail of a contact sheet.
struct ContactSheetTile {
    Frame picture;      ///< RgbFloat or Rgb16, display-referred; scaled to the tile (area filter)
    std::string label;  ///< drawn under the picture ("A001C003 01:00:04:12")
};

struct ContactSheetOptions {
    int columns = 4;
    int tile_width = 384;  ///< picture width; height follows the picture's aspect ratio
    int margin = 16;       ///< around and between tiles
    std::string title;     ///< drawn across the top when not empty
};

/// A grid of labelled thumbnails, rows filled left to right, on a dark grey background.
/// Returns an RgbFloat image. InvalidArgument for no tiles or columns < 1.
Result<Frame> compose_contact_sheet(std::span<const ContactSheetTile> tiles,
                                    const ContactSheetOptions& options = {});

/// A rectangle of a composed image, in pixels.
struct SheetRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

/// Where compose_contact_sheet puts everything. With n tiles, c = min(columns, n) columns and
/// r = ceil(n / c) rows: width = c * tile_width + (c + 1) * margin;
/// height = title_height + sum of row_heights + r * label_height + (r + 1) * margin, where a
/// row's height is its tallest thumbnail (tile_width * picture height / picture width, rounded),
/// label_height fits one line of caption and title_height is 0 without a title. Each thumbnail
/// is tile_width wide, centred vertically in its row; its caption band lies under the row.
struct ContactSheetLayout {
    int width = 0;
    int height = 0;
    int title_height = 0;
    int label_height = 0;
    std::vector<int> row_heights;     ///< one per row of tiles
    std::vector<SheetRect> pictures;  ///< one per tile, the thumbnail
    std::vector<SheetRect> labels;    ///< one per tile, the caption band
};
/// InvalidArgument for no tiles, an empty picture, columns outside 1..1024, tile_width outside
/// 16..8192, margin outside 0..1024, or a sheet past 65536 pixels a side or 2^26 pixels.
Result<ContactSheetLayout> contact_sheet_layout(std::span<const ContactSheetTile> tiles,
                                                const ContactSheetOptions& options = {});

enum class CompareLayout : uint8_t {
    /// One picture: `before` in columns [0, s), `after` in [s, width), s = round(split * width);
    /// a white line max(1, width / 1000) pixels wide covers the columns from s - that / 2.
    SplitWipe,
    /// before | after, each at half width, full height, unscaled: the left half (columns
    /// [0, h), h = width / 2) shows before's middle h columns (from (width - h) / 2), the right
    /// half after's middle width - h columns (from h / 2); the same line marks the seam at h.
    SideBySide,
};

struct CompareOptions {
    CompareLayout layout = CompareLayout::SplitWipe;
    double split = 0.5;  ///< SplitWipe: where the wipe sits, 0..1 of the width
    bool labels = true;  ///< "before" / "after" captions
};

/// Before/after of two pictures of the same size (RgbFloat or Rgb16). Returns an RgbFloat image.
/// InvalidArgument when the sizes differ.
Result<Frame> compose_before_after(const Frame& before, const Frame& after,
                                   const CompareOptions& options = {});

}  // namespace media::grade
