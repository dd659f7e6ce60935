// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "media/color/matrix.h"
#include "media/core/result.h"
#include "media/frame/color_info.h"
#include "media/frame/frame.h"

namespace media::color {

/// Which luma weights: BT.601 (Kr .299, Kb .114), BT.709 (.2126, .0722), BT.2020 non-constant
/// luminance (.2627, .0593).
enum class YcbcrMatrix : uint8_t { Bt601, Bt709, Bt2020Ncl };

/// How Y'CbCr is stored.
struct YcbcrDesc {
    YcbcrMatrix matrix = YcbcrMatrix::Bt709;
    bool full_range = false;  ///< narrow ("video", 16-235/240 at 8 bit) unless set
    /// Where chroma samples sit for 4:2:0/4:2:2 (Left: MPEG-2/BT.709/BT.2020 default, Center:
    /// JPEG/MPEG-1, TopLeft: BT.2020 4:2:0 as ST 2084 masters use). Unspecified means Left.
    ChromaLocation siting = ChromaLocation::Left;
};

/// What a frame's tags say (BT.709 when unspecified and at most 1080 lines; BT.601 for SD
/// (576/480 lines); BT.2020 NCL for BT2020_NCL/CL; narrow unless tagged full).
/// Untagged matrices: BT.2020 NCL when the primaries are BT.2020 or the transfer is PQ/HLG,
/// BT.601 up to 576 lines, BT.709 otherwise (also above 1080 lines).
YcbcrDesc ycbcr_desc_from(const ColorInfo& color, int height);

/// Integer code levels of one bit depth: Y' = y_offset + y_range * E'Y,
/// Cb = c_offset + c_range * E'Cb (narrow 10 bit: 64, 876, 512, 896; full: 0, 1023, 512, 1023).
struct YcbcrLevels {
    double y_offset = 0, y_range = 1, c_offset = 0, c_range = 1;
};
YcbcrLevels ycbcr_levels(int bit_depth, bool full_range);

/// R'G'B' -> Y'CbCr (E'Y, E'Cb, E'Cr with Cb/Cr in -0.5..0.5) for a matrix, and its inverse.
Matrix3 rgb_to_ycbcr_matrix(YcbcrMatrix matrix);
Matrix3 ycbcr_to_rgb_matrix(YcbcrMatrix matrix);

/// Y'CbCr frame (Yuv420p/422p/444p at 8..16 bit, Yuva444p: alpha dropped) -> RgbFloat frame of
/// the same size, non-linear R'G'B' with 0..1 nominal (narrow-range excursions kept, not
/// clipped). Chroma is upsampled to full resolution by linear interpolation that honours the
/// siting (co-sited samples are taken as they are). The frame's colour tags are carried.
/// UnsupportedFormat for RGB/gray input.
Result<Frame> ycbcr_to_rgb(const Frame& ycbcr, const YcbcrDesc& desc);
/// RgbFloat (or Rgb16/RgbaFloat) frame -> Y'CbCr `format` (Yuv420p/422p/444p, 8..16 bit): the
/// matrix, then chroma downsampled with a filter centred on the target siting ([1 2 1]/4 for
/// co-sited, [1 1]/2 for centred, horizontally; [1 1]/2 vertically for 4:2:0), rounded to
/// nearest and clipped to the code range.
/// Also takes the other RGB layouts (Rgb8/Rgba8/Rgba16/Gbrp*/RgbaHalf) and writes Yuva444p
/// (alpha from the input, opaque without). Float NaN counts as 0. The output is tagged with
/// the desc's matrix, range and (4:2:x) siting.
Result<Frame> rgb_to_ycbcr(const Frame& rgb, PixelFormat format, const YcbcrDesc& desc);

/// The same conversions into a frame the caller provides (e.g. from a FramePool, so a stream
/// reuses its buffers instead of faulting in fresh memory per frame): `out` must be a CPU frame
/// of the input's size in the output format (RgbFloat; a Y'CbCr format), else InvalidArgument.
/// It is made writable and takes the input's properties (pts, timecode, metadata...) and tags.
Result<void> ycbcr_to_rgb(const Frame& ycbcr, const YcbcrDesc& desc, Frame& out);
Result<void> rgb_to_ycbcr(const Frame& rgb, const YcbcrDesc& desc, Frame& out);

/// Any CPU frame -> RgbFloat (what the colour pipeline and the grade previews work on):
/// Y'CbCr through ycbcr_to_rgb (with `desc`, or ycbcr_desc_from the frame's tags when null);
/// Rgb8/Rgb16/Rgba*/Gbrp* scaled to 0..1 by their bit depth; RgbaHalf/RgbaFloat/RgbFloat as
/// they are (alpha dropped; NaN/Inf kept); Gray* to R = G = B. Colour tags are carried.
/// (Gray is scaled by its bit depth, or by the narrow levels when tagged Limited.)
Result<Frame> to_rgb_float(const Frame& frame, const YcbcrDesc* desc = nullptr);

}  // namespace media::color
