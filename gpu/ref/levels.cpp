// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/levels.h"

namespace slate_gpu {

Levels levels_for(int bit_depth, Range range, Component component) {
    if (bit_depth < 8 || bit_depth > 16) return Levels{0.0f, 0.0f, 0};
    const uint32_t max_code = (1u << bit_depth) - 1u;
    const uint32_t step = 1u << (bit_depth - 8);  // one 8-bit code at this depth
    const uint32_t mid = 1u << (bit_depth - 1);
    const bool luma = component == Component::Luma;
    if (range == Range::Full)
        return Levels{luma ? 0.0f : static_cast<float>(mid), static_cast<float>(max_code),
                      max_code};
    return Levels{static_cast<float>((luma ? 16u : 128u) * step),
                  static_cast<float>((luma ? 219u : 224u) * step), max_code};
}

}  // namespace slate_gpu
