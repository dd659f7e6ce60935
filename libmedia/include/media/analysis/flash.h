// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "media/analysis/segment.h"
#include "media/core/rational.h"
#include "media/frame/frame.h"

namespace media::analysis {

/// Photosensitive epilepsy analysis after ITU-R BT.1702 (see docs/flash.md for the method and its
/// limits). Pictures are displayed on the reference display the recommendation assumes
/// (`display_peak` cd/m² white, BT.1886 / sRGB-like EOTF for SDR; PQ frames use their absolute
/// luminance, clamped to the display).
struct FlashOptions {
    double display_peak = 200.0;     ///< cd/m² of code white (BT.1702: 200)
    double luminance_change = 20.0;  ///< cd/m²: an opposing change at least this large ...
    double dark_limit = 160.0;       ///< ... whose darker state is below this is a flash edge
    double area_fraction = 0.25;     ///< of the screen area flashing together
    int max_flashes_per_second = 3;  ///< more than this in any 1 s window fails
    double red_saturation = 0.8;     ///< R/(R+G+B) at or above this is saturated red
    int grid_columns = 32;           ///< analysis cells across (rows follow the aspect)
    /// cd/m²: a change of the red level (R-G-B of saturated-red light) at least this large is a
    /// red transition; WCAG 2's 20 on its 0..320 red scale, expressed at a 200 cd/m² white.
    double red_change = 12.5;
};

/// One frame's luminance and red measures per grid cell, row-major (computed in the parallel
/// stage).
struct FlashSample {
    int columns = 0;
    int rows = 0;
    std::vector<float> luminance;   ///< mean cd/m² per cell
    std::vector<float> red;         ///< per cell: share of saturated-red pixels (0..1)
    std::vector<float> red_level;   ///< per cell: mean red-minus-rest in cd/m² (red flash measure)
    bool pattern_suspect = false;   ///< a regular spatial pattern (stripes) over the area limit
    double pattern_area = 0.0;      ///< share of the picture covered by regular stripes (0..1)
    double pattern_contrast = 0.0;  ///< largest light-dark difference of those stripes, cd/m²
};

/// Thread-safe per-frame measure: any PixelFormat, host frames only (a device frame, or an empty
/// one, gives a sample with no cells, which FlashDetector skips). Costs about 1-2 ms for a 1080p
/// frame on one core: about 130 000 pixels are sampled (every 4th both ways at 1080p).
FlashSample measure_flash(const Frame& frame, const FlashOptions& options);

/// One failing 1-second window (or pattern run).
struct FlashWindow {
    std::string kind;   ///< "luminance", "red" or "pattern"
    int64_t first = 0;  ///< frames, inclusive
    int64_t last = 0;
    int flashes = 0;      ///< flashes counted in the window: ceil(transitions / 2)
    double area = 0.0;    ///< largest share of the screen flashing together (pattern: covered)
    double change = 0.0;  ///< largest opposing luminance change, cd/m² (red: red level;
                          ///< pattern: light-dark difference of the stripes)
    int transitions = 0;  ///< opposing changes counted in the window (0 for patterns)
};

/// What FlashDetector found in a whole stream.
struct FlashResult {
    std::vector<FlashWindow> failures;  ///< merged overlapping windows of one kind
    int max_flashes_per_second = 0;     ///< most flashes in any window (any kind)
    double max_area = 0.0;              ///< largest share of the screen changing together
};

/// Runs the BT.1702 rules over FlashSamples in frame order. Keeps one second of state (memory is
/// flat in the stream's length). Failing windows run from the first frame shown after the first
/// counted change to the last frame shown before the last one (docs/flash.md).
class FlashDetector {
public:
    /// `frame_rate` dates the frames; an unknown rate (0/0) is taken as 25 fps.
    FlashDetector(const FlashOptions& options, Rational frame_rate);
    FlashDetector(FlashDetector&&) noexcept;
    FlashDetector& operator=(FlashDetector&&) noexcept;
    ~FlashDetector();
    /// Feeds the sample of `frame` (increasing frame numbers; a sample with no cells is skipped).
    void add(int64_t frame, const FlashSample& sample);
    /// Closes open windows and returns every failure, ordered by first frame.
    FlashResult finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace media::analysis
