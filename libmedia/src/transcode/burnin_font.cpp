// SPDX-License-Identifier: Apache-2.0
// Fonts for burn-ins: fontconfig chooses (with per-codepoint fallback), FreeType rasterises.
#include "burnin_font.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cstdlib>
#include <mutex>
#include <utility>

namespace media::transcode::detail {
namespace {

// fontconfig's current configuration is process-wide; serialise our use of it.
std::mutex& fontconfig_mutex() {
    static std::mutex mutex;
    return mutex;
}

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
struct FontSetDeleter {
    void operator()(FcFontSet* s) const { FcFontSetDestroy(s); }
};

}  // namespace

/// The fallback list: fontconfig's sorted fonts, opened with FreeType on first use.
struct GlyphCache::Fonts {
    struct Candidate {
        std::string file;
        int index = 0;
        FcCharSet* charset = nullptr;  // owned copy; null: unknown coverage, ask the face
        FT_Face face = nullptr;
        bool failed = false;
    };

    FT_Library library = nullptr;
    std::vector<Candidate> candidates;
    int pixel_size = 0;
    size_t primary = 0;

    Fonts() = default;
    Fonts(const Fonts&) = delete;
    Fonts& operator=(const Fonts&) = delete;
    ~Fonts() {
        for (Candidate& c : candidates) {
            if (c.face != nullptr) FT_Done_Face(c.face);
            if (c.charset != nullptr) FcCharSetDestroy(c.charset);
        }
        if (library != nullptr) FT_Done_FreeType(library);
    }

    // Bitmap-only fonts (colour emoji) that cannot be scaled to the pixel size are skipped.
    FT_Face face(size_t i) {
        Candidate& c = candidates[i];
        if (c.face != nullptr || c.failed) return c.face;
        FT_Face face = nullptr;
        if (FT_New_Face(library, c.file.c_str(), c.index, &face) != 0) {
            c.failed = true;
            return nullptr;
        }
        if (FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(pixel_size)) != 0) {
            FT_Done_Face(face);
            c.failed = true;
            return nullptr;
        }
        c.face = face;
        return face;
    }

    bool covers(size_t i, char32_t codepoint) const {
        const FcCharSet* charset = candidates[i].charset;
        return charset == nullptr || FcCharSetHasChar(charset, codepoint) == FcTrue;
    }
};

namespace {

Result<std::vector<GlyphCache::Fonts::Candidate>> sorted_fonts(const std::string& pattern) {
    std::lock_guard lock(fontconfig_mutex());
    if (FcInit() != FcTrue) return Error{ErrorCode::NotFound, "fontconfig could not initialise"};
    std::unique_ptr<FcPattern, PatternDeleter> pat(
        FcNameParse(reinterpret_cast<const FcChar8*>(pattern.c_str())));
    if (!pat) return Error{ErrorCode::InvalidArgument, "invalid font pattern '" + pattern + "'"};
    FcConfigSubstitute(nullptr, pat.get(), FcMatchPattern);
    FcDefaultSubstitute(pat.get());
    FcResult result = FcResultNoMatch;
    // trim: drop fonts that add no coverage beyond the better matches before them.
    std::unique_ptr<FcFontSet, FontSetDeleter> set(
        FcFontSort(nullptr, pat.get(), FcTrue, nullptr, &result));
    std::vector<GlyphCache::Fonts::Candidate> out;
    for (int i = 0; set && i < set->nfont; ++i) {
        FcChar8* file = nullptr;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
        GlyphCache::Fonts::Candidate c;
        c.file = reinterpret_cast<const char*>(file);
        FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &c.index);
        FcCharSet* charset = nullptr;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &charset) == FcResultMatch)
            c.charset = FcCharSetCopy(charset);
        out.push_back(std::move(c));
    }
    if (out.empty())
        return Error{ErrorCode::NotFound, "fontconfig found no font for '" + pattern + "'"};
    return out;
}

const uint8_t* bitmap_row(const FT_Bitmap& bitmap, unsigned row) {
    // A negative pitch stores the bottom row first.
    const int64_t pitch = bitmap.pitch;
    if (pitch >= 0) return bitmap.buffer + static_cast<int64_t>(row) * pitch;
    return bitmap.buffer + static_cast<int64_t>(bitmap.rows - 1 - row) * -pitch;
}

std::vector<uint8_t> coverage_of(const FT_Bitmap& bitmap) {
    std::vector<uint8_t> out(static_cast<size_t>(bitmap.width) * bitmap.rows);
    if (bitmap.buffer == nullptr) return out;
    const bool mono = bitmap.pixel_mode == FT_PIXEL_MODE_MONO;
    const int levels = std::max(2, static_cast<int>(bitmap.num_grays));
    for (unsigned y = 0; y < bitmap.rows; ++y) {
        const uint8_t* src = bitmap_row(bitmap, y);
        uint8_t* dst = out.data() + static_cast<size_t>(y) * bitmap.width;
        for (unsigned x = 0; x < bitmap.width; ++x) {
            if (mono) {
                dst[x] = (src[x / 8] & (0x80 >> (x % 8))) != 0 ? 255 : 0;
            } else {
                dst[x] = static_cast<uint8_t>(src[x] * 255 / (levels - 1));
            }
        }
    }
    return out;
}

}  // namespace

Result<std::unique_ptr<GlyphCache>> GlyphCache::open(const std::string& pattern, int pixel_size) {
    auto fonts = std::make_unique<Fonts>();
    MEDIA_TRY_ASSIGN(fonts->candidates, sorted_fonts(pattern));
    fonts->pixel_size = pixel_size;
    if (FT_Init_FreeType(&fonts->library) != 0)
        return Error{ErrorCode::Internal, "FreeType could not initialise"};
    // The first font that opens is the primary one: its metrics and .notdef box are used.
    while (fonts->primary < fonts->candidates.size() && fonts->face(fonts->primary) == nullptr)
        ++fonts->primary;
    if (fonts->primary == fonts->candidates.size())
        return Error{ErrorCode::NotFound, "no usable font for '" + pattern + "'"};
    FT_Face primary = fonts->candidates[fonts->primary].face;
    std::unique_ptr<GlyphCache> cache(new GlyphCache(std::move(fonts)));
    cache->m_ascender = static_cast<int>((primary->size->metrics.ascender + 63) >> 6);
    cache->m_descender = static_cast<int>((-primary->size->metrics.descender + 63) >> 6);
    return cache;
}

GlyphCache::GlyphCache(std::unique_ptr<Fonts> fonts) : m_fonts(std::move(fonts)) {}
GlyphCache::~GlyphCache() = default;

const GlyphBitmap& GlyphCache::glyph(char32_t codepoint) {
    auto it = m_glyphs.find(codepoint);
    if (it == m_glyphs.end()) it = m_glyphs.emplace(codepoint, rasterise(codepoint)).first;
    return it->second;
}

GlyphBitmap GlyphCache::rasterise(char32_t codepoint) {
    GlyphBitmap out;
    FT_Face face = m_fonts->candidates[m_fonts->primary].face;
    out.face = static_cast<int>(m_fonts->primary);
    for (size_t i = 0; i < m_fonts->candidates.size(); ++i) {
        if (!m_fonts->covers(i, codepoint)) continue;
        FT_Face candidate = m_fonts->face(i);
        const FT_UInt index = candidate != nullptr ? FT_Get_Char_Index(candidate, codepoint) : 0;
        if (index == 0) continue;
        face = candidate;
        out.face = static_cast<int>(i);
        out.index = index;
        break;
    }
    // index 0 is the primary font's .notdef box: a missing glyph is shown, never skipped.
    if (FT_Load_Glyph(face, out.index, FT_LOAD_RENDER) != 0) {
        out.advance = static_cast<int64_t>(m_fonts->pixel_size) * 32;  // half an em, blank
        return out;
    }
    const FT_GlyphSlot slot = face->glyph;
    out.left = slot->bitmap_left;
    out.top = slot->bitmap_top;
    out.width = static_cast<int>(slot->bitmap.width);
    out.height = static_cast<int>(slot->bitmap.rows);
    out.advance = slot->advance.x;
    out.coverage = coverage_of(slot->bitmap);
    return out;
}

int64_t GlyphCache::kerning(const GlyphBitmap& left, const GlyphBitmap& right) {
    if (left.face != right.face) return 0;
    FT_Face face = m_fonts->candidates[static_cast<size_t>(left.face)].face;
    if (face == nullptr || !FT_HAS_KERNING(face)) return 0;
    FT_Vector delta{0, 0};
    if (FT_Get_Kerning(face, left.index, right.index, FT_KERNING_DEFAULT, &delta) != 0) return 0;
    return delta.x;
}

std::u32string decode_utf8(std::string_view text) {
    constexpr char32_t kReplacement = 0xFFFD;
    std::u32string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<uint8_t>(text[i]);
        if (lead < 0x80) {
            out.push_back(lead);
            ++i;
            continue;
        }
        // Length and the allowed range of the second byte (excludes overlongs, surrogates and
        // values above U+10FFFF), per Unicode table 3-7.
        int length = 0;
        uint8_t lo = 0x80, hi = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF)
            length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF)
            length = 3;
        else if (lead >= 0xF0 && lead <= 0xF4)
            length = 4;
        if (lead == 0xE0) lo = 0xA0;
        if (lead == 0xED) hi = 0x9F;
        if (lead == 0xF0) lo = 0x90;
        if (lead == 0xF4) hi = 0x8F;
        if (length == 0) {
            out.push_back(kReplacement);
            ++i;
            continue;
        }
        char32_t cp = lead & (0xFF >> (length + 1));
        int taken = 1;
        for (; taken < length && i + static_cast<size_t>(taken) < text.size(); ++taken) {
            const auto b = static_cast<uint8_t>(text[i + static_cast<size_t>(taken)]);
            const uint8_t min = taken == 1 ? lo : uint8_t{0x80};
            const uint8_t max = taken == 1 ? hi : uint8_t{0xBF};
            if (b < min || b > max) break;
            cp = (cp << 6) | (b & 0x3Fu);
        }
        out.push_back(taken == length ? cp : kReplacement);
        i += static_cast<size_t>(taken);
    }
    return out;
}

}  // namespace media::transcode::detail
