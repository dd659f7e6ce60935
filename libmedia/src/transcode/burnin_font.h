// SPDX-License-Identifier: Apache-2.0
// Private: the fonts of one burn-in element and the glyph bitmaps rasterised from them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "media/core/result.h"

namespace media::transcode::detail {

/// One rasterised glyph: 8-bit coverage, placed relative to the pen on the baseline.
struct GlyphBitmap {
    int left = 0;  ///< pixels from the pen to the bitmap's first column
    int top = 0;   ///< pixels from the baseline up to the bitmap's first row
    int width = 0;
    int height = 0;
    int64_t advance = 0;            ///< pen advance in 26.6 fixed point
    int face = 0;                   ///< which font of the fallback list drew it (for kerning)
    uint32_t index = 0;             ///< glyph index in that font (0: .notdef)
    std::vector<uint8_t> coverage;  ///< width x height, row-major
};

/// The fonts fontconfig offers for a pattern, best first, at one pixel size. Each codepoint is
/// drawn by the first font that has it (the first font's .notdef box when none has), and its
/// bitmap is rasterised once. Not thread-safe: one per element.
class GlyphCache {
public:
    /// NotFound when fontconfig finds no usable font for `pattern`.
    static Result<std::unique_ptr<GlyphCache>> open(const std::string& pattern, int pixel_size);
    ~GlyphCache();
    GlyphCache(const GlyphCache&) = delete;
    GlyphCache& operator=(const GlyphCache&) = delete;

    const GlyphBitmap& glyph(char32_t codepoint);
    /// Pen adjustment between two glyphs in 26.6 fixed point (0 across fonts or without kerning).
    int64_t kerning(const GlyphBitmap& left, const GlyphBitmap& right);
    /// Line metrics of the first font, in pixels (descender positive, below the baseline).
    int ascender() const { return m_ascender; }
    int descender() const { return m_descender; }
    /// Codepoints rasterised so far.
    size_t cached() const { return m_glyphs.size(); }

    struct Fonts;

private:
    explicit GlyphCache(std::unique_ptr<Fonts> fonts);
    GlyphBitmap rasterise(char32_t codepoint);

    std::unique_ptr<Fonts> m_fonts;
    std::unordered_map<char32_t, GlyphBitmap> m_glyphs;
    int m_ascender = 0;
    int m_descender = 0;
};

/// Decodes UTF-8; each invalid or truncated sequence becomes U+FFFD (one per maximal invalid
/// subpart, as Unicode recommends), so any byte string decodes.
std::u32string decode_utf8(std::string_view text);

}  // namespace media::transcode::detail
