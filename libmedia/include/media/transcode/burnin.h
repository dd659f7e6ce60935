// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/core/result.h"
#include "media/core/timecode.h"
#include "media/frame/frame.h"

namespace media::transcode {

/// What one burn-in element shows.
enum class BurnInField {
    Timecode,      ///< the frame's source timecode ("01:00:00:00"; ';' before frames when DF)
    FrameCounter,  ///< frame number: BurnInElement::counter_start + index in the output
    ClipName,      ///< the clip's name, drawn literally
    Reel,          ///< the reel / tape name, drawn literally
    Text,          ///< BurnInElement::text, drawn literally
    Watermark,     ///< BurnInElement::text, large and translucent (defaults: centre, no box)
};

/// Where an element sits; the margin keeps it off the frame edges.
enum class Anchor {
    // A 3 x 3 grid like the frame: rendering relies on value = row * 3 + column.
    // clang-format off
    TopLeft, TopCenter, TopRight,
    CenterLeft, Center, CenterRight,
    BottomLeft, BottomCenter, BottomRight,
    // clang-format on
};

/// One line of burnt-in text. Colours are straight (not premultiplied) RGBA in 0..1,
/// display-referred and converted to the frame's colour encoding when drawn.
struct BurnInElement {
    BurnInField field = BurnInField::Text;
    std::string text;    ///< Text/Watermark content (UTF-8); drawn exactly as written
    std::string prefix;  ///< drawn before the value ("TC ", "REEL "), literally
    Anchor anchor = Anchor::BottomLeft;
    double size = 0.04;    ///< text height (cap to descender) as a fraction of the frame height
    double margin = 0.03;  ///< distance from the frame edges, fraction of the frame height
    std::array<double, 4> color{1.0, 1.0, 1.0, 1.0};
    bool box = true;  ///< draw a backing box behind the text
    std::array<double, 4> box_color{0.0, 0.0, 0.0, 0.6};
    double opacity = 1.0;                   ///< multiplies text and box alpha
    std::string font = "DejaVu Sans Mono";  ///< fontconfig pattern ("family:style=Bold")
    int64_t counter_start = 0;              ///< FrameCounter: number of the first output frame
    int counter_digits = 0;                 ///< FrameCounter: zero-padded width (0: as needed)
};

/// The burn-ins of a preset (or a command line); empty draws nothing.
struct BurnInTemplate {
    std::vector<BurnInElement> elements;
    bool empty() const { return elements.empty(); }
};

/// Per-clip values the template's fields take.
struct BurnInContext {
    std::string clip;
    std::string reel;
};

/// What one element draws on one frame: its rectangle in frame pixels (the box, or the text's
/// line box when there is none, clipped to the frame) and the text coverage over it. For tests
/// and previews.
struct BurnInMask {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
    std::vector<uint8_t> coverage;  ///< width x height, row-major, 0..255
    size_t glyphs = 0;              ///< glyphs placed: one per decoded codepoint, none dropped
    bool empty() const { return width == 0 || height == 0; }
};

/// Draws a template's text onto frames, in place. Text is laid out with FreeType from fonts
/// that fontconfig finds; nothing passes through a filter-graph or format-string parser, so any
/// name (quotes, ':', '%', braces, brackets, ';', non-ASCII) appears exactly as written. Glyphs
/// of strings that do not change between frames are rasterised once; timecode and counter text
/// reuse cached glyphs.
///
/// Frames may be any planar YUV format of the closed set (4:2:0, 4:2:2, 4:4:4 at 8-16 bits,
/// limited or full range per the frame's ColorInfo, BT.601/709/2020 matrices), packed RGB(A)
/// 8/16-bit, GBR planar or packed float RGB(A).
class BurnInRenderer {
public:
    /// Finds the fonts and prepares every element for frames of `width` x `height`.
    /// NotFound when fontconfig finds no font at all; InvalidArgument for a bad template value.
    static Result<BurnInRenderer> create(const BurnInTemplate& burnin, const BurnInContext& context,
                                         int width, int height);
    BurnInRenderer(BurnInRenderer&&) noexcept;
    BurnInRenderer& operator=(BurnInRenderer&&) noexcept;
    ~BurnInRenderer();

    /// Draws every element onto `frame` (made writable first). `index` counts output frames
    /// from 0; `timecode` is the frame's source timecode (Timecode element draws nothing
    /// without one). The frame must have the size given to create().
    Result<void> render(Frame& frame, int64_t index, const std::optional<Timecode>& timecode);

    /// The text an element shows for a frame (after prefix), as drawn: for tests and dry runs.
    std::string text_for(size_t element, int64_t index,
                         const std::optional<Timecode>& timecode) const;

    /// What render() would draw for an element on a frame (empty when it draws nothing or
    /// `element` is out of range).
    BurnInMask mask_for(size_t element, int64_t index,
                        const std::optional<Timecode>& timecode) const;

    class Impl;

private:
    explicit BurnInRenderer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

std::string_view to_string(BurnInField field);
std::optional<BurnInField> burnin_field_from_name(std::string_view name);
std::string_view to_string(Anchor anchor);
/// "top-left", "top", "top-right", "left", "center", "right", "bottom-left", "bottom",
/// "bottom-right" (and "top-center"/"bottom-center" as aliases).
std::optional<Anchor> anchor_from_name(std::string_view name);

}  // namespace media::transcode
