// SPDX-License-Identifier: Apache-2.0
// Scopes: the traces land where the colour science says (BT.709 luma and Cb/Cr from Kr, Kb of
// ITU-R BT.709-6 table 3, recomputed here), and the images look like a monitor's.
#include "media/grade/scopes.h"
#include "grade_test_util.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <limits>
#include <vector>

#include "media/io/image_file.h"

namespace media::grade {
namespace {

using test::picture;
using test::Pixel;

Frame flat(int w, int h, Pixel p) {
    return picture(w, h, [&](int, int) { return p; });
}

// SMPTE order: white, yellow, cyan, green, magenta, red, blue, black at `level`.
constexpr std::array<Pixel, 8> kBarColours = {
    {{1, 1, 1}, {1, 1, 0}, {0, 1, 1}, {0, 1, 0}, {1, 0, 1}, {1, 0, 0}, {0, 0, 1}, {0, 0, 0}}};

Frame colour_bars(float level, int w = 560, int h = 64) {
    return picture(w, h, [&](int x, int) {
        const Pixel c = kBarColours[size_t(x * 8 / w)];
        return Pixel{c[0] * level, c[1] * level, c[2] * level};
    });
}

float brightest(const Frame& f, int x, int y) {
    auto v = f.plane<float>(0);
    return std::max({v.at(x, y, 0), v.at(x, y, 1), v.at(x, y, 2)});
}

struct Lit {
    int x, y;
};

std::vector<Lit> lit_pixels(const Frame& f, float threshold) {
    std::vector<Lit> out;
    for (int y = 0; y < f.height(); ++y)
        for (int x = 0; x < f.width(); ++x)
            if (brightest(f, x, y) > threshold) out.push_back({x, y});
    return out;
}

// Rows with a lit pixel in column x of `area`.
std::vector<int> lit_rows(const Frame& f, const ScopeRect& area, int x, float threshold = 0.05f) {
    std::vector<int> rows;
    for (int y = area.y; y < area.y + area.height; ++y)
        if (brightest(f, x, y) > threshold) rows.push_back(y);
    return rows;
}

ScopeOptions no_graticule() {
    ScopeOptions o;
    o.graticule = false;
    return o;
}

TEST(Scopes, NamesRoundTrip) {
    for (ScopeKind k :
         {ScopeKind::Waveform, ScopeKind::Parade, ScopeKind::Vectorscope, ScopeKind::Histogram})
        EXPECT_EQ(scope_from_name(scope_name(k)), k);
    EXPECT_EQ(scope_name(ScopeKind::Vectorscope), "vectorscope");
    EXPECT_FALSE(scope_from_name("rgb").has_value());
}

TEST(Scopes, VectorscopePositionFollowsBt709) {
    // E'Cb = (B' - Y') / 1.8556, E'Cr = (R' - Y') / 1.5748 (BT.709-6 items 3.2, 3.3).
    const int size = 500;
    const double centre = (size - 1) / 2.0;
    const double gain = size * 0.9;  // |C| = 0.5 on the circle of radius size/2 * 0.9
    for (const Pixel& p : kBarColours) {
        const double y = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
        const double cb = (p[2] - y) / 1.8556;
        const double cr = (p[0] - y) / 1.5748;
        const ScopePoint s = vectorscope_position(p[0], p[1], p[2], size);
        EXPECT_NEAR(s.x, centre + cb * gain, 1e-9);
        EXPECT_NEAR(s.y, centre - cr * gain, 1e-9);
    }
    // 100 % red sits at 102.9 degrees, up and a little left; blue right, at the bottom.
    const ScopePoint red = vectorscope_position(1, 0, 0, size);
    EXPECT_NEAR(std::atan2(centre - red.y, red.x - centre) * 180 / M_PI, 102.9, 0.1);
    EXPECT_NEAR(centre - red.y, 0.45 * size, 1e-9);  // Cr = 0.5: on the circle
    const ScopePoint blue = vectorscope_position(0, 0, 1, size);
    EXPECT_NEAR(blue.x - centre, 0.45 * size, 1e-9);
    // BT.601 weights move red to 108.6 degrees.
    const ScopePoint red601 = vectorscope_position(1, 0, 0, size, color::YcbcrMatrix::Bt601);
    EXPECT_NEAR(std::atan2(centre - red601.y, red601.x - centre) * 180 / M_PI, 108.6, 0.1);
}

// Every bright pixel of the trace lies within 2.2 px of a target and every target is hit
// (the 75 % and 100 % targets of a bar are 40..60 px apart on a 512 scope).
void expect_bars_on_targets(float level) {
    const int size = 512;
    ScopeOptions o = no_graticule();
    o.width = size;
    const Frame scope = render_scope(colour_bars(level), ScopeKind::Vectorscope, o).value();
    ASSERT_EQ(scope.width(), size);
    ASSERT_EQ(scope.height(), size);
    std::vector<ScopePoint> targets;
    for (const Pixel& c : kBarColours)
        targets.push_back(vectorscope_position(c[0] * level, c[1] * level, c[2] * level, size));
    const std::vector<Lit> lit = lit_pixels(scope, 0.2f);
    ASSERT_FALSE(lit.empty());
    for (const Lit& p : lit) {
        double nearest = 1e9;
        for (const ScopePoint& t : targets)
            nearest = std::min(nearest, std::hypot(p.x - t.x, p.y - t.y));
        // Half a pixel of rounding to the bin and the 1-pixel glow on each axis.
        EXPECT_LE(nearest, 2.2) << "trace pixel at " << p.x << "," << p.y << " level " << level;
    }
    for (const ScopePoint& t : targets) {
        double nearest = 1e9;
        for (const Lit& p : lit) nearest = std::min(nearest, std::hypot(p.x - t.x, p.y - t.y));
        EXPECT_LE(nearest, 1.0) << "no trace at target " << t.x << "," << t.y;
    }
}

TEST(Scopes, Bars75LandOn75Targets) {
    expect_bars_on_targets(0.75f);
}
TEST(Scopes, Bars100LandOn100Targets) {
    expect_bars_on_targets(1.0f);
}

TEST(Scopes, VectorscopeTraceTakesPixelColour) {
    ScopeOptions o = no_graticule();
    o.width = 256;
    const Frame scope = render_scope(flat(8, 8, {0.75f, 0, 0}), ScopeKind::Vectorscope, o).value();
    const ScopePoint p = vectorscope_position(0.75, 0, 0, 256);
    auto v = scope.plane<float>(0);
    const int x = int(std::lround(p.x)), y = int(std::lround(p.y));
    EXPECT_GT(v.at(x, y, 0), 0.9f);
    EXPECT_LT(v.at(x, y, 1), 0.5f);
    EXPECT_LT(v.at(x, y, 2), 0.5f);
}

TEST(Scopes, VectorscopeGraticuleHasTargetsAndSkinLine) {
    const int size = 512;
    ScopeOptions o;
    o.width = size;
    // A black picture: its trace is the centre only.
    const Frame scope = render_scope(flat(4, 4, {0, 0, 0}), ScopeKind::Vectorscope, o).value();
    for (float level : {0.75f, 1.0f}) {
        for (size_t i = 1; i < 7; ++i) {
            const Pixel c = kBarColours[i];
            const ScopePoint t =
                vectorscope_position(c[0] * level, c[1] * level, c[2] * level, size);
            const int tx = int(std::lround(t.x)), ty = int(std::lround(t.y));
            // A hollow box around the target: dark in the middle, lit within 8 px.
            EXPECT_LT(brightest(scope, tx, ty), 0.1f) << "bar " << i << " level " << level;
            float ring = 0;
            for (int dy = -8; dy <= 8; ++dy)
                for (int dx = -8; dx <= 8; ++dx)
                    ring = std::max(ring, brightest(scope, tx + dx, ty + dy));
            EXPECT_GT(ring, 0.3f) << "no target box near bar " << i << " level " << level;
        }
    }
    // The skin-tone line at 123 degrees, and nothing at its mirror image (57 degrees).
    EXPECT_DOUBLE_EQ(kSkinToneLineDegrees, 123.0);
    const double c = (size - 1) / 2.0, r = 0.6 * size / 2 * 0.9;
    auto lit_at = [&](double degrees) {
        const double a = degrees * M_PI / 180;
        const int x = int(std::lround(c + r * std::cos(a))),
                  y = int(std::lround(c - r * std::sin(a)));
        return std::max(
            {brightest(scope, x, y), brightest(scope, x + 1, y), brightest(scope, x, y + 1)});
    };
    EXPECT_GT(lit_at(123.0), 0.3f);
    EXPECT_LT(lit_at(57.0), 0.05f);
    EXPECT_LT(lit_at(130.0), 0.05f);
}

TEST(Scopes, WaveformRowSpansExcursions) {
    const ScopeRect a = scope_trace_area(ScopeKind::Waveform, {});
    ASSERT_GT(a.width, 600);
    ASSERT_GT(a.height, 400);
    EXPECT_EQ(waveform_row(1.10, a), a.y);
    EXPECT_EQ(waveform_row(-0.07, a), a.y + a.height - 1);
    EXPECT_EQ(waveform_row(5.0, a), a.y);
    EXPECT_EQ(waveform_row(-5.0, a), a.y + a.height - 1);
    EXPECT_GT(waveform_row(1.09, a), a.y);
    EXPECT_LT(waveform_row(-0.04, a), a.y + a.height - 1);
    EXPECT_LT(waveform_row(1.0, a), waveform_row(0.5, a));
    // Evenly spaced: 0..50 % and 50..100 % span the same rows (to rounding).
    EXPECT_NEAR(waveform_row(0.0, a) - waveform_row(0.5, a),
                waveform_row(0.5, a) - waveform_row(1.0, a), 1);
}

TEST(Scopes, FlatGreyWaveformIsOneLineAt50) {
    const ScopeOptions o = no_graticule();
    const Frame scope =
        render_scope(flat(300, 40, {0.5f, 0.5f, 0.5f}), ScopeKind::Waveform, o).value();
    ASSERT_EQ(scope.width(), o.width);
    ASSERT_EQ(scope.height(), o.height);
    const ScopeRect a = scope_trace_area(ScopeKind::Waveform, o);
    const int row50 = waveform_row(0.5, a);
    const std::vector<Lit> lit = lit_pixels(scope, 0.02f);
    ASSERT_EQ(lit.size(), size_t(a.width));  // every column, one row
    for (const Lit& p : lit) {
        EXPECT_EQ(p.y, row50);
        EXPECT_GE(p.x, a.x);
        EXPECT_LT(p.x, a.x + a.width);
    }
    // Green-ish trace at full brightness.
    auto v = scope.plane<float>(0);
    EXPECT_GT(v.at(a.x + 10, row50, 1), 0.95f);
    EXPECT_LT(v.at(a.x + 10, row50, 0), 0.6f);
}

TEST(Scopes, FlatGreyWithGraticuleHasTraceOnlyAt50) {
    const ScopeOptions o;
    const Frame scope =
        render_scope(flat(300, 40, {0.5f, 0.5f, 0.5f}), ScopeKind::Waveform, o).value();
    const ScopeRect a = scope_trace_area(ScopeKind::Waveform, o);
    auto v = scope.plane<float>(0);
    int trace = 0;
    for (int y = 0; y < scope.height(); ++y)
        for (int x = 0; x < scope.width(); ++x)
            if (v.at(x, y, 1) > v.at(x, y, 0) + 0.25f) {  // green over the grey graticule
                EXPECT_EQ(y, waveform_row(0.5, a));
                ++trace;
            }
    EXPECT_EQ(trace, a.width);
    // The graticule is there too: the 100 % line.
    EXPECT_GT(brightest(scope, a.x + a.width / 2, waveform_row(1.0, a)), 0.2f);
}

TEST(Scopes, WaveformUsesMatrixLumaWeights) {
    for (auto [matrix, kr] :
         {std::pair{color::YcbcrMatrix::Bt709, 0.2126}, std::pair{color::YcbcrMatrix::Bt601, 0.299},
          std::pair{color::YcbcrMatrix::Bt2020Ncl, 0.2627}}) {
        ScopeOptions o = no_graticule();
        o.matrix = matrix;
        const Frame scope = render_scope(flat(64, 8, {1, 0, 0}), ScopeKind::Waveform, o).value();
        const ScopeRect a = scope_trace_area(ScopeKind::Waveform, o);
        EXPECT_EQ(lit_rows(scope, a, a.x + 5), std::vector<int>{waveform_row(kr, a)});
    }
}

TEST(Scopes, RampWaveformIsDiagonal) {
    const ScopeOptions o = no_graticule();
    const ScopeRect a = scope_trace_area(ScopeKind::Waveform, o);
    const int pw = 2 * a.width + 7;  // not a multiple: columns fall unevenly into bins
    auto level = [&](int x) { return double(x) / (pw - 1); };
    const Frame ramp = picture(pw, 16, [&](int x, int) {
        const auto v = float(level(x));
        return Pixel{v, v, v};
    });
    const Frame scope = render_scope(ramp, ScopeKind::Waveform, o).value();
    const int bins = std::min(pw, a.width);
    for (int sx = 0; sx < a.width; ++sx) {
        const int c = sx * bins / a.width;
        const int x0 = c * pw / bins, x1 = (c + 1) * pw / bins - 1;
        const std::vector<int> rows = lit_rows(scope, a, a.x + sx);
        ASSERT_FALSE(rows.empty()) << "column " << sx;
        EXPECT_GE(rows.front(), waveform_row(level(x1), a)) << "column " << sx;
        EXPECT_LE(rows.back(), waveform_row(level(x0), a)) << "column " << sx;
    }
    EXPECT_EQ(lit_rows(scope, a, a.x).back(), waveform_row(0.0, a));
    EXPECT_EQ(lit_rows(scope, a, a.x + a.width - 1).front(), waveform_row(1.0, a));
}

TEST(Scopes, PureRedShowsOnlyInRedParade) {
    const ScopeOptions o = no_graticule();
    const Frame scope = render_scope(flat(200, 20, {1, 0, 0}), ScopeKind::Parade, o).value();
    std::array<ScopeRect, 3> panels;
    for (int ch = 0; ch < 3; ++ch) panels[size_t(ch)] = scope_trace_area(ScopeKind::Parade, o, ch);
    EXPECT_LT(panels[0].x + panels[0].width, panels[1].x);
    EXPECT_LT(panels[1].x + panels[1].width, panels[2].x);
    EXPECT_LE(panels[2].x + panels[2].width, o.width);
    // R' at 100 % in the R panel; G' and B' only at 0 % (the signal is zero there).
    for (int ch = 0; ch < 3; ++ch) {
        const ScopeRect& p = panels[size_t(ch)];
        const int expected = waveform_row(ch == 0 ? 1.0 : 0.0, p);
        for (int sx : {0, p.width / 2, p.width - 1})
            EXPECT_EQ(lit_rows(scope, p, p.x + sx), std::vector<int>{expected}) << "panel " << ch;
    }
    // Nothing outside the panels, the trace of R is red.
    for (const Lit& l : lit_pixels(scope, 0.02f)) {
        bool inside = false;
        for (const ScopeRect& p : panels)
            inside |= l.x >= p.x && l.x < p.x + p.width && l.y >= p.y && l.y < p.y + p.height;
        EXPECT_TRUE(inside) << l.x << "," << l.y;
    }
    auto v = scope.plane<float>(0);
    const int top = waveform_row(1.0, panels[0]);
    EXPECT_GT(v.at(panels[0].x + 3, top, 0), 0.9f);
    EXPECT_LT(v.at(panels[0].x + 3, top, 1), 0.5f);
}

TEST(Scopes, HistogramOfTwoValuesHasTwoBinsPerChannel) {
    const Pixel a{0.1f, 0.3f, 0.5f}, b{0.9f, 0.7f, 0.6f};
    const int w = 100, h = 30;  // 2000 pixels of a, 1000 of b
    const Frame pic = picture(w, h, [&](int, int y) { return y < 20 ? a : b; });
    const ScopeHistogram hist = compute_histogram(pic).value();
    auto bin = [](double v) { return int(std::floor(v * 256)); };
    for (int ch = 0; ch < 3; ++ch) {
        int nonzero = 0;
        for (uint64_t c : hist.counts[size_t(ch)]) nonzero += c != 0;
        EXPECT_EQ(nonzero, 2) << "channel " << ch;
        EXPECT_EQ(hist.counts[size_t(ch)][size_t(bin(a[size_t(ch)]))], 2000u);
        EXPECT_EQ(hist.counts[size_t(ch)][size_t(bin(b[size_t(ch)]))], 1000u);
    }
    const double ya = 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2];
    const double yb = 0.2126 * b[0] + 0.7152 * b[1] + 0.0722 * b[2];
    EXPECT_EQ(hist.counts[3][size_t(bin(ya))], 2000u);
    EXPECT_EQ(hist.counts[3][size_t(bin(yb))], 1000u);

    // The image: in a row just above the baseline, each primary lights exactly two runs of
    // columns, at its two bins.
    const ScopeOptions o = no_graticule();
    const Frame scope = render_scope(pic, ScopeKind::Histogram, o).value();
    const ScopeRect area = scope_trace_area(ScopeKind::Histogram, o);
    auto v = scope.plane<float>(0);
    const int y = area.y + area.height - 4;
    for (int ch = 0; ch < 3; ++ch) {
        std::vector<int> run_starts;
        bool in_run = false;
        for (int x = area.x; x < area.x + area.width; ++x) {
            bool only_this = v.at(x, y, ch) > 0.4f;
            for (int other = 0; other < 3; ++other)
                if (other != ch) only_this &= v.at(x, y, other) < 0.2f;
            if (only_this && !in_run) run_starts.push_back(x);
            in_run = only_this;
        }
        ASSERT_EQ(run_starts.size(), 2u) << "channel " << ch;
        for (int i = 0; i < 2; ++i) {
            const double level = (i == 0 ? a : b)[size_t(ch)];
            EXPECT_EQ(run_starts[size_t(i)], area.x + bin(level) * area.width / 256)
                << "channel " << ch;
        }
    }
}

TEST(Scopes, HistogramPutsOutOfRangeInTheEndBinsAndSkipsNan) {
    constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
    const std::array<float, 6> values{-0.5f, 0.0f, 1.0f / 256, 1.0f, 2.0f, kNan};
    const Frame pic = picture(6, 1, [&](int x, int) {
        return Pixel{values[size_t(x)], 0.5f, 0.5f};
    });
    const ScopeHistogram hist = compute_histogram(pic).value();
    EXPECT_EQ(hist.counts[0][0], 2u);
    EXPECT_EQ(hist.counts[0][1], 1u);
    EXPECT_EQ(hist.counts[0][255], 2u);
    uint64_t total = 0;
    for (uint64_t c : hist.counts[0]) total += c;
    EXPECT_EQ(total, 5u);
    EXPECT_EQ(hist.counts[1][128], 6u);
}

TEST(Scopes, Rgb16PictureGivesTheSameScope) {
    const Frame bars = colour_bars(1.0f, 64, 8);
    Frame bars16 = Frame::allocate({64, 8, PixelFormat::Rgb16, {}}).value();
    auto dst = bars16.mutable_plane<uint16_t>(0);
    auto src = bars.plane<float>(0);
    for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 64; ++x)
            for (int c = 0; c < 3; ++c) dst.at(x, y, c) = uint16_t(src.at(x, y, c) * 65535);
    for (ScopeKind k :
         {ScopeKind::Waveform, ScopeKind::Parade, ScopeKind::Vectorscope, ScopeKind::Histogram}) {
        const Frame a = render_scope(bars, k).value();
        const Frame b = render_scope(bars16, k).value();
        ASSERT_EQ(a.width(), b.width());
        ASSERT_EQ(a.height(), b.height());
        auto va = a.plane<float>(0), vb = b.plane<float>(0);
        float worst = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                for (int c = 0; c < 3; ++c)
                    worst = std::max(worst, std::abs(va.at(x, y, c) - vb.at(x, y, c)));
        EXPECT_LT(worst, 1e-5f) << scope_name(k);
    }
}

TEST(Scopes, BadInputIsAnErrorOrDrawnAtTheEdges) {
    EXPECT_EQ(render_scope(Frame{}, ScopeKind::Waveform).error().code(),
              ErrorCode::InvalidArgument);
    const Frame yuv = Frame::allocate({16, 16, PixelFormat::Yuv420p8, {}}).value();
    EXPECT_EQ(render_scope(yuv, ScopeKind::Waveform).error().code(), ErrorCode::UnsupportedFormat);
    ScopeOptions tiny;
    tiny.width = 10;
    EXPECT_EQ(render_scope(flat(4, 4, {}), ScopeKind::Histogram, tiny).error().code(),
              ErrorCode::InvalidArgument);
    ScopeOptions huge;
    huge.height = 1 << 20;
    EXPECT_FALSE(render_scope(flat(4, 4, {}), ScopeKind::Waveform, huge).ok());
    // The vectorscope ignores the height.
    EXPECT_TRUE(render_scope(flat(4, 4, {}), ScopeKind::Vectorscope, huge).ok());

    constexpr float kInf = std::numeric_limits<float>::infinity();
    constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
    const Frame wild = picture(3, 1, [&](int x, int) {
        return x == 0 ? Pixel{kInf, kInf, kInf} : x == 1 ? Pixel{kNan, 0, 0} : Pixel{-kInf, 0, 0};
    });
    for (ScopeKind k :
         {ScopeKind::Waveform, ScopeKind::Parade, ScopeKind::Vectorscope, ScopeKind::Histogram})
        EXPECT_TRUE(render_scope(wild, k).ok()) << scope_name(k);
    const ScopeOptions o = no_graticule();
    const Frame scope = render_scope(wild, ScopeKind::Waveform, o).value();
    const ScopeRect a = scope_trace_area(ScopeKind::Waveform, o);
    // +Inf on the top row (first third of the columns), NaN nowhere (middle third).
    EXPECT_EQ(lit_rows(scope, a, a.x + 1), std::vector<int>{a.y});
    EXPECT_TRUE(lit_rows(scope, a, a.x + a.width / 2).empty());
}

// Speed is a benchmark's business (bench/), not a test's: this checks UHD frames render at all.
TEST(Scopes, UhdFrameRenders) {
    const int w = 3840, h = 2160;
    const Frame uhd = picture(w, h, [&](int x, int y) {
        return Pixel{float(x) / w, float(y) / h,
                     0.5f + 0.4f * float(std::sin(x * 0.01 + y * 0.02))};
    });
    for (ScopeKind k :
         {ScopeKind::Waveform, ScopeKind::Parade, ScopeKind::Vectorscope, ScopeKind::Histogram}) {
        auto scope = render_scope(uhd, k);
        ASSERT_TRUE(scope.ok()) << scope_name(k);
        EXPECT_GT(scope->width(), 0) << scope_name(k);
    }
}

using test::write_png;

TEST(ScopesLook, DISABLED_WritePngs) {
    // A "natural" picture: a sky-to-ground gradient with a face-like patch and a bright window.
    const Frame scene = picture(1920, 1080, [](int x, int y) {
        const float fx = float(x) / 1920, fy = float(y) / 1080;
        Pixel p{0.25f + 0.2f * fy, 0.35f + 0.15f * fy, 0.7f - 0.45f * fy};
        const float dx = fx - 0.5f, dy = fy - 0.45f;
        if (dx * dx + dy * dy < 0.02f)
            p = {0.78f - 0.3f * dy, 0.55f - 0.25f * dy, 0.42f - 0.2f * dy};
        if (fx > 0.75f && fx < 0.9f && fy < 0.3f) p = {0.98f, 0.97f, 0.9f};
        p[0] += 0.03f * float(std::sin(x * 0.05)) * float(std::cos(y * 0.03));
        return p;
    });
    const Frame bars = colour_bars(0.75f, 1920, 1080);
    for (ScopeKind k :
         {ScopeKind::Waveform, ScopeKind::Parade, ScopeKind::Vectorscope, ScopeKind::Histogram}) {
        write_png(render_scope(scene, k).value(), "scene-" + std::string(scope_name(k)));
        write_png(render_scope(bars, k).value(), "bars75-" + std::string(scope_name(k)));
    }
    write_png(render_scope(colour_bars(1.0f, 1920, 1080), ScopeKind::Vectorscope).value(),
              "bars100-vectorscope");
    write_png(scene, "scene");
}

}  // namespace
}  // namespace media::grade
