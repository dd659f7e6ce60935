// SPDX-License-Identifier: Apache-2.0
#include "flash_tracker.h"

#include <algorithm>
#include <cmath>

namespace media::analysis::detail {

float CellTracker::add(float value, float swing, float dark_limit) {
    if (!m_started) {
        m_started = true;
        m_anchor = m_extreme = value;  // before the first turn: the lowest and highest so far
        return 0.0f;
    }
    if (m_direction == 0) {
        const float low = std::min(m_anchor, value), high = std::max(m_extreme, value);
        m_anchor = low;
        m_extreme = high;
        if (value - low >= swing) {
            m_direction = 1;  // anchor stays at the low, the change runs up to value
            m_extreme = value;
        } else if (high - value >= swing) {
            m_direction = -1;
            m_anchor = high;
            m_extreme = value;
        }
        return m_direction == 0 ? 0.0f : qualify(swing, dark_limit);
    }
    const float ahead = static_cast<float>(m_direction) * (value - m_extreme);
    if (ahead > 0.0f) {
        m_extreme = value;  // the change carries on
    } else if (-ahead >= swing) {
        m_direction = static_cast<int8_t>(-m_direction);  // the extreme was a turning point
        m_anchor = m_extreme;
        m_extreme = value;
        m_counted = false;
    } else {
        return 0.0f;
    }
    return qualify(swing, dark_limit);
}

float CellTracker::qualify(float swing, float dark_limit) {
    const float change = std::fabs(m_extreme - m_anchor);
    if (m_counted || change < swing || std::min(m_anchor, m_extreme) >= dark_limit) return 0.0f;
    m_counted = true;
    return change;
}

}  // namespace media::analysis::detail
