// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "media/color/ycbcr.h"
#include "media/core/result.h"
#include "media/frame/frame.h"

namespace media::grade {

/// Scopes drawn as images, as a colourist's monitor shows them.
enum class ScopeKind : uint8_t {
    Waveform,     ///< luma (Y') per column, 0..100 % with graticule every 10 %
    Parade,       ///< R', G', B' waveforms side by side
    Vectorscope,  ///< Cb/Cr with 75 % and 100 % colour-bar targets and the skin-tone line
    Histogram,    ///< R, G, B and luma histograms, 256 bins
};

std::string_view scope_name(ScopeKind kind);  ///< "waveform", "parade", "vectorscope", "histogram"
std::optional<ScopeKind> scope_from_name(std::string_view name);

struct ScopeOptions {
    int width = 768;  ///< output image size (the vectorscope is square: width x width)
    int height = 512;
    color::YcbcrMatrix matrix = color::YcbcrMatrix::Bt709;  ///< luma weights, Cb/Cr axes
    bool graticule = true;
};

/// Renders one scope of a picture. `picture`: RgbFloat or Rgb16 frame of display-referred
/// R'G'B' (0..1 nominal; values outside are drawn at the scope's edges). Returns an RgbFloat
/// image (0..1) ready for write_image_file. Trace brightness is logarithmic in hit count.
Result<Frame> render_scope(const Frame& picture, ScopeKind kind, const ScopeOptions& options = {});

/// Where a colour (R'G'B', 0..1) lands on a vectorscope image of `size` x `size` pixels: the
/// centre is Cb = Cr = 0; the graticule circle of radius size/2 * 0.9 is |C| = 0.5. Every 100 %
/// bar has |Cb|, |Cr| <= 0.5, so all targets fall inside the image; 100 % R and B touch the
/// circle, Cy and Yl (|C| 0.51) and Mg and G (|C| 0.60 with BT.709) lie just outside it.
/// x, y are in pixels with pixel (i, j) centred on (i, j), as the drawing uses them.
struct ScopePoint {
    double x = 0;
    double y = 0;
};
ScopePoint vectorscope_position(double r, double g, double b, int size,
                                color::YcbcrMatrix matrix = color::YcbcrMatrix::Bt709);

/// The skin-tone (flesh) line of the vectorscope graticule, counter-clockwise from +Cb: the
/// NTSC I axis, 33 degrees past +V (R-Y), where faces of every complexion gather. Drawn at this
/// angle whatever the matrix, as Tektronix and Resolve graticules do.
inline constexpr double kSkinToneLineDegrees = 90.0 + 33.0;

/// A rectangle of a scope image, in pixels.
struct ScopeRect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

/// Where render_scope draws the trace in its image (options.width x options.height; the
/// vectorscope: the whole width x width square). Parade: `channel` 0, 1, 2 picks the R', G', B'
/// panel (ignored otherwise). Waveform/parade: picture columns spread evenly across the width:
/// area column sx shows picture columns [c * pw / bins, (c + 1) * pw / bins) with
/// c = sx * bins / width, bins = min(pw, width), pw the picture width (integer divisions);
/// levels go down the rows as waveform_row says.
/// Histogram: bin i fills columns [x + i * width / 256, x + (i + 1) * width / 256).
/// An empty rectangle for sizes render_scope refuses.
ScopeRect scope_trace_area(ScopeKind kind, const ScopeOptions& options, int channel = 0);

/// The image row a level (0 = 0 %, 1 = 100 %) lands on in a waveform/parade trace area: the
/// area spans +110 % (top row) down to -7 % (bottom row), so super-whites up to 109 % and
/// sub-blacks down to -4 % stay visible; levels beyond land on the top/bottom row.
int waveform_row(double level, const ScopeRect& area);

/// R', G', B' and luma Y' histograms of a picture: 256 bins over 0..1, bin = floor(level * 256)
/// (values below 0 count in bin 0, 1 and above in bin 255; NaN nowhere). render_scope draws
/// them with heights log(1 + count) / log(1 + largest count of R', G', B', Y').
struct ScopeHistogram {
    static constexpr int kBins = 256;
    std::array<std::array<uint64_t, kBins>, 4> counts{};  ///< [0] R', [1] G', [2] B', [3] Y'
};
Result<ScopeHistogram> compute_histogram(const Frame& picture,
                                         color::YcbcrMatrix matrix = color::YcbcrMatrix::Bt709);

}  // namespace media::grade
