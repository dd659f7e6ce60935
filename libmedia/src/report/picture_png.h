// SPDX-License-Identifier: Apache-2.0
// Private to report/: the small pictures of the evidence (shrinking RgbFloat frames, writing
// them as 8-bit PNG files atomically or as bytes for a data: URI).
#pragma once

#include <string>

#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::report::detail {

/// An RgbFloat copy of `rgb` at most max_width wide: box average over the smallest integer
/// factor that fits (cheap, and enough for thumbnails that the contact sheet scales again);
/// the frame itself when it already fits.
Result<Frame> shrink_rgb(const Frame& rgb, int max_width);

/// Writes an RgbFloat picture as an 8-bit PNG under a hidden temporary name beside `path`,
/// then renames it; nothing is left under either name on failure. NaN reads as 0, values are
/// clamped to 0..1.
Result<void> write_png_atomically(const Frame& rgb, const std::string& path);

/// The PNG bytes of an RgbFloat picture (encoded through a temporary file in `scratch_dir`, or
/// the system temporary folder when it is empty; the file is removed).
Result<std::string> encode_png(const Frame& rgb, const std::string& scratch_dir);

}  // namespace media::report::detail
