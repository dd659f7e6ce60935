// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/pack.h"

#include <cmath>

namespace slate_gpu::ref {
namespace {

template <typename T>
T pack_sample(float value, const Levels& levels) {
    // std::fma rounds once, like the GPU's fmaf: a separate multiply and add could round a
    // value near a .5 boundary to the other code.
    const float code = std::nearbyint(std::fma(value, levels.span, levels.offset));
    if (!(code > 0.0f)) return 0;  // also NaN
    if (code >= static_cast<float>(levels.max_code)) return static_cast<T>(levels.max_code);
    return static_cast<T>(code);
}

template <typename T>
bool pack(const PackArgs<T>& args) {
    if (!args_valid(args)) return false;
    for (int y = 0; y < args.src.height; ++y) {
        const float* in = row(args.src, y);
        T* out = row(args.dst, y);
        for (int x = 0; x < args.src.width; ++x) out[x] = pack_sample<T>(in[x], args.levels);
    }
    return true;
}

}  // namespace

bool pack_from_float(const PackArgs<uint8_t>& args) {
    return pack(args);
}
bool pack_from_float(const PackArgs<uint16_t>& args) {
    return pack(args);
}

}  // namespace slate_gpu::ref
