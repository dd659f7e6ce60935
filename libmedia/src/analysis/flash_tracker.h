// SPDX-License-Identifier: Apache-2.0
// One analysis cell's light over time, as a sequence of opposing changes. Private to the
// analysis module.
#pragma once

#include <cstdint>
#include <limits>

namespace media::analysis::detail {

/// Follows one cell's value (luminance, or red level) frame by frame and reports each change
/// that counts as a transition: a move of at least `swing` from the last local extremum, in the
/// opposite direction to the move before, whose darker end is below `dark_limit`.
///
/// Turning points are found with hysteresis: the value must come back `swing` from an extremum
/// before the extremum is final, so noise and slow drift below the swing never split a change.
/// A change is reported once, on the first frame where it qualifies (reaches the swing with its
/// darker end below the limit); the frames after it that carry on in the same direction extend
/// it without counting again.
class CellTracker {
public:
    /// Feeds the next frame's value; returns the size of the change that qualified on this frame,
    /// or 0 when none did.
    float add(float value, float swing, float dark_limit = std::numeric_limits<float>::infinity());

private:
    float qualify(float swing, float dark_limit);

    bool m_started = false;
    int8_t m_direction = 0;  ///< +1 rising, -1 falling, 0 before the first turn
    bool m_counted = false;  ///< the current change has been reported
    float m_anchor = 0.0f;   ///< where the current change started (the low/high before a turn)
    float m_extreme = 0.0f;  ///< how far it has gone (the other end before a turn)
};

}  // namespace media::analysis::detail
