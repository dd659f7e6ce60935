// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace media::metrics {

/// One plane of integer samples as the metric kernels read it: 8-bit samples as uint8_t,
/// 9- to 16-bit samples as native uint16_t, rows stride_bytes apart. Plain memory and no
/// dependency, so the same kernels (and their GPU ports) run on frames, raw files or test data.
struct SamplePlane {
    const void* data = nullptr;
    int64_t stride_bytes = 0;
    int width = 0;
    int height = 0;
    int bit_depth = 8;  ///< 8..16

    bool wide() const { return bit_depth > 8; }
    const uint8_t* row8(int y) const {
        return static_cast<const uint8_t*>(data) + static_cast<int64_t>(y) * stride_bytes;
    }
    const uint16_t* row16(int y) const {
        return reinterpret_cast<const uint16_t*>(static_cast<const uint8_t*>(data) +
                                                 static_cast<int64_t>(y) * stride_bytes);
    }
};

}  // namespace media::metrics
