// SPDX-License-Identifier: Apache-2.0
// The burn-in renderer: element text per frame, line layout from cached glyphs, and the
// per-element layers handed to the compositor.
#include "media/transcode/burnin.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "burnin_composite.h"
#include "burnin_font.h"

namespace media::transcode {
namespace {

using detail::GlyphBitmap;
using detail::GlyphCache;

bool within(double value, double lo, double hi) {
    return value >= lo && value <= hi;  // false for NaN
}

Result<void> validate(const BurnInElement& e, size_t i) {
    const std::string where = "burn-in element " + std::to_string(i) + ": ";
    if (!(e.size > 0.0 && e.size <= 1.0))
        return Error{ErrorCode::InvalidArgument, where + "size must be in (0, 1]"};
    if (!within(e.opacity, 0.0, 1.0))
        return Error{ErrorCode::InvalidArgument, where + "opacity must be in [0, 1]"};
    if (!within(e.margin, 0.0, 1.0))
        return Error{ErrorCode::InvalidArgument, where + "margin must be in [0, 1]"};
    for (size_t c = 0; c < 4; ++c) {
        if (!within(e.color[c], 0.0, 1.0) || !within(e.box_color[c], 0.0, 1.0))
            return Error{ErrorCode::InvalidArgument, where + "colour components must be in [0, 1]"};
    }
    if (e.counter_digits < 0 || e.counter_digits > 20)
        return Error{ErrorCode::InvalidArgument, where + "counter digits must be in [0, 20]"};
    return {};
}

std::string counter_text(int64_t start, int64_t index, int digits) {
    int64_t value = 0;
    if (__builtin_add_overflow(start, index, &value))
        value =
            index > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
    std::string text = std::to_string(value);
    const bool negative = value < 0;
    std::string magnitude = negative ? text.substr(1) : text;
    if (magnitude.size() < static_cast<size_t>(digits))
        magnitude.insert(0, static_cast<size_t>(digits) - magnitude.size(), '0');
    return negative ? "-" + magnitude : magnitude;
}

struct ElementState {
    BurnInElement element;
    std::string fixed;  ///< the value of fields that do not change from frame to frame
    std::unique_ptr<GlyphCache> glyphs;
    int padding = 0;
    int margin = 0;
    std::string drawn;  ///< text of `mask`; a frame with the same text reuses it
    bool laid_out = false;
    BurnInMask mask;
    uint64_t version = 0;  ///< counts layouts, so the compositor knows when `mask` changed
    detail::LayerBlendCache blend;
};

void blit(const GlyphBitmap& g, int x, int y, BurnInMask& mask) {
    for (int row = 0; row < g.height; ++row) {
        const int my = y + row;
        if (my < 0 || my >= mask.height) continue;
        const uint8_t* src =
            g.coverage.data() + static_cast<size_t>(row) * static_cast<size_t>(g.width);
        uint8_t* dst =
            mask.coverage.data() + static_cast<size_t>(my) * static_cast<size_t>(mask.width);
        const int from = std::max(0, -x);
        const int to = std::min(g.width, mask.width - x);
        for (int col = from; col < to; ++col) {
            uint8_t& d = dst[x + col];
            d = std::max(d, src[col]);  // overlapping glyphs: the union of their ink
        }
    }
}

/// Where the element's box goes in a frame: its anchor, kept `margin` pixels off the edges.
std::pair<int64_t, int64_t> anchored(Anchor anchor, int margin, int64_t width, int64_t height,
                                     int frame_w, int frame_h) {
    const auto a = static_cast<int>(anchor);
    const int column = a % 3, row = a / 3;
    const int64_t x = column == 0   ? margin
                      : column == 1 ? (frame_w - width) / 2
                                    : frame_w - margin - width;
    const int64_t y = row == 0   ? margin
                      : row == 1 ? (frame_h - height) / 2
                                 : frame_h - margin - height;
    return {x, y};
}

/// Lays `text` out on one line, places its box by the element's anchor and rasterises the
/// part inside the frame (so a huge name costs frame-sized memory at most).
void lay_out(ElementState& s, const std::string& text, int frame_w, int frame_h, BurnInMask& mask) {
    mask = BurnInMask{};
    const std::u32string codepoints = detail::decode_utf8(text);
    if (codepoints.empty()) return;
    std::vector<std::pair<const GlyphBitmap*, int64_t>> placed;
    placed.reserve(codepoints.size());
    int64_t pen = 0;  // 26.6 fixed point, so advances do not accumulate rounding
    const GlyphBitmap* previous = nullptr;
    for (const char32_t cp : codepoints) {
        const GlyphBitmap& g = s.glyphs->glyph(cp);
        if (previous != nullptr) pen += s.glyphs->kerning(*previous, g);
        placed.emplace_back(&g, (pen + 32) >> 6);
        pen += g.advance;
        previous = &g;
    }
    const int ascender = s.glyphs->ascender();
    const int64_t box_w = ((std::max<int64_t>(pen, 0) + 63) >> 6) + 2 * s.padding;
    const int64_t box_h = ascender + s.glyphs->descender() + 2 * s.padding;
    const auto [box_x, box_y] =
        anchored(s.element.anchor, s.margin, box_w, box_h, frame_w, frame_h);
    const int64_t x0 = std::max<int64_t>(box_x, 0), y0 = std::max<int64_t>(box_y, 0);
    const int64_t x1 = std::min<int64_t>(box_x + box_w, frame_w);
    const int64_t y1 = std::min<int64_t>(box_y + box_h, frame_h);
    mask.glyphs = placed.size();
    if (x0 >= x1 || y0 >= y1) return;
    mask.x = static_cast<int>(x0);
    mask.y = static_cast<int>(y0);
    mask.width = static_cast<int>(x1 - x0);
    mask.height = static_cast<int>(y1 - y0);
    mask.coverage.assign(static_cast<size_t>(mask.width) * static_cast<size_t>(mask.height), 0);
    for (const auto& [g, x] : placed) {
        const int64_t left = box_x + s.padding + x + g->left - x0;
        if (left >= mask.width || left + g->width <= 0) continue;
        blit(*g, static_cast<int>(left),
             static_cast<int>(box_y + s.padding + ascender - g->top - y0), mask);
    }
}

detail::BurnInLayer layer_of(const ElementState& s) {
    const BurnInElement& e = s.element;
    detail::BurnInLayer layer;
    layer.x = s.mask.x;
    layer.y = s.mask.y;
    layer.width = s.mask.width;
    layer.height = s.mask.height;
    layer.coverage = s.mask.coverage.data();
    layer.box = e.box;
    layer.text_color = e.color;
    layer.text_color[3] *= e.opacity;
    layer.box_color = e.box_color;
    layer.box_color[3] *= e.opacity;
    layer.version = s.version;
    return layer;
}

}  // namespace

class BurnInRenderer::Impl {
public:
    int width = 0;
    int height = 0;
    std::vector<ElementState> elements;

    std::string text_for(const ElementState& s, int64_t index,
                         const std::optional<Timecode>& timecode) const {
        const BurnInElement& e = s.element;
        switch (e.field) {
            case BurnInField::Timecode:
                return timecode ? e.prefix + timecode->to_string() : std::string{};
            case BurnInField::FrameCounter:
                return e.prefix + counter_text(e.counter_start, index, e.counter_digits);
            default:
                return e.prefix + s.fixed;
        }
    }

    /// The element's mask for this frame's text, laid out again only when the text changed.
    const BurnInMask& mask(ElementState& s, int64_t index, const std::optional<Timecode>& tc) {
        std::string text = text_for(s, index, tc);
        if (!s.laid_out || text != s.drawn) {
            lay_out(s, text, width, height, s.mask);
            s.drawn = std::move(text);
            s.laid_out = true;
            ++s.version;
        }
        return s.mask;
    }
};

Result<BurnInRenderer> BurnInRenderer::create(const BurnInTemplate& burnin,
                                              const BurnInContext& context, int width, int height) {
    if (width <= 0 || height <= 0)
        return Error{ErrorCode::InvalidArgument, "burn-in: frame size must be positive"};
    auto impl = std::make_unique<Impl>();
    impl->width = width;
    impl->height = height;
    for (size_t i = 0; i < burnin.elements.size(); ++i) {
        const BurnInElement& e = burnin.elements[i];
        MEDIA_TRY(validate(e, i));
        ElementState s;
        s.element = e;
        if (e.field == BurnInField::ClipName) s.fixed = context.clip;
        if (e.field == BurnInField::Reel) s.fixed = context.reel;
        if (e.field == BurnInField::Text || e.field == BurnInField::Watermark) s.fixed = e.text;
        const int pixel_size = std::max(1, static_cast<int>(std::lround(e.size * height)));
        MEDIA_TRY_ASSIGN(s.glyphs, GlyphCache::open(e.font, pixel_size));
        s.padding = std::max(1, static_cast<int>(std::lround(pixel_size * 0.2)));
        s.margin = static_cast<int>(std::lround(e.margin * height));
        impl->elements.push_back(std::move(s));
    }
    return BurnInRenderer(std::move(impl));
}

BurnInRenderer::BurnInRenderer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BurnInRenderer::BurnInRenderer(BurnInRenderer&&) noexcept = default;
BurnInRenderer& BurnInRenderer::operator=(BurnInRenderer&&) noexcept = default;
BurnInRenderer::~BurnInRenderer() = default;

Result<void> BurnInRenderer::render(Frame& frame, int64_t index,
                                    const std::optional<Timecode>& timecode) {
    if (frame.width() != m_impl->width || frame.height() != m_impl->height) {
        return Error{ErrorCode::InvalidArgument,
                     "burn-in: frame is " + std::to_string(frame.width()) + "x" +
                         std::to_string(frame.height()) + ", renderer was made for " +
                         std::to_string(m_impl->width) + "x" + std::to_string(m_impl->height)};
    }
    if (frame.empty() || frame.device() != DeviceKind::Cpu)
        return Error{ErrorCode::InvalidArgument, "burn-in: frame must be in host memory"};
    if (m_impl->elements.empty()) return {};
    MEDIA_TRY(frame.make_writable());
    for (ElementState& s : m_impl->elements) {
        const BurnInMask& mask = m_impl->mask(s, index, timecode);
        if (mask.empty()) continue;
        MEDIA_TRY(detail::composite(frame, layer_of(s), s.blend));
    }
    return {};
}

std::string BurnInRenderer::text_for(size_t element, int64_t index,
                                     const std::optional<Timecode>& timecode) const {
    if (element >= m_impl->elements.size()) return {};
    return m_impl->text_for(m_impl->elements[element], index, timecode);
}

BurnInMask BurnInRenderer::mask_for(size_t element, int64_t index,
                                    const std::optional<Timecode>& timecode) const {
    if (element >= m_impl->elements.size()) return {};
    return m_impl->mask(m_impl->elements[element], index, timecode);
}

}  // namespace media::transcode
