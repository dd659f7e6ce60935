// SPDX-License-Identifier: Apache-2.0
// The moving test picture: a scrolling luma ramp with a zone plate whose rings move, chroma
// gradients that drift, a bouncing two-colour box and a binary frame counter. Everything is a
// function of the frame index alone, so pictures are deterministic and any frame can be redrawn.
#pragma once

#include <cstdint>
#include <vector>

namespace media::samples {

/// Luma weights of a Y'CbCr matrix.
struct YuvMatrix {
    double kr = 0.2126;
    double kb = 0.0722;
};
inline constexpr YuvMatrix k_bt709{0.2126, 0.0722};
inline constexpr YuvMatrix k_bt2020{0.2627, 0.0593};

/// A normalised Y'CbCr value: Y' 0..1 spans the nominal (limited) range and may go beyond it for
/// out-of-range plants; Cb and Cr are -0.5..0.5.
struct YuvLevel {
    float y = 0;
    float cb = 0;
    float cr = 0;
};

/// A rectangle in luma pixels.
struct Rect {
    int x = 0;
    int y = 0;
    int w = 0;
    int h = 0;
};

/// Borrowed planar Y'CbCr(A) pixels to draw into, e.g. an AVFrame's planes.
struct PlanarImage {
    uint8_t* planes[4]{};
    int strides[4]{};  ///< bytes per row
    int width = 0;
    int height = 0;
    int bits = 8;  ///< 8: one byte per sample; 9..16: native-endian uint16 samples
    int chroma_shift_x = 0;
    int chroma_shift_y = 0;
    bool has_alpha = false;
};

/// Limited-range code value of a normalised luma at `bits`, clamped to the code range.
uint16_t luma_code(float y, int bits);
/// Limited-range code value of a normalised chroma at `bits`, clamped to the code range.
uint16_t chroma_code(float c, int bits);

/// Fills `rect` (luma pixels; clipped to the image) with one level; alpha, when present, opaque.
void fill_yuv(PlanarImage& image, const Rect& rect, YuvLevel level);

/// Scales every pixel's R'G'B' by `gain` towards black (Y' towards black, Cb and Cr towards
/// neutral), e.g. to keep a PQ picture under its mastering display's peak. Alpha is left alone.
void scale_towards_black(PlanarImage& image, float gain);

/// The test picture for one picture size and Y'CbCr matrix.
class Pattern {
public:
    Pattern(int width, int height, YuvMatrix matrix);

    /// Draws content frame `index` into image (same size as the pattern).
    void render_yuv(int64_t index, PlanarImage& image) const;
    /// Draws content frame `index` as interleaved R'G'B' (channels 3) or R'G'B'A (channels 4)
    /// floats, 0..1 full range, through the inverse of the pattern's matrix.
    void render_rgb(int64_t index, float* pixels, int channels) const;

    /// Y'CbCr of an R'G'B' colour under this pattern's matrix.
    YuvLevel to_yuv(float r, float g, float b) const;

private:
    struct Frame;
    Frame frame_tables(int64_t index) const;
    void draw_overlays_yuv(int64_t index, PlanarImage& image) const;
    template <typename Sample>
    void render_planes(const Frame& frame, PlanarImage& image) const;

    int m_width;
    int m_height;
    YuvMatrix m_matrix;
    std::vector<float> m_cos_x;  ///< zone plate: cos and sin of the x term, fixed per column
    std::vector<float> m_sin_x;
    double m_zone_k;  ///< zone plate chirp rate
};

}  // namespace media::samples
