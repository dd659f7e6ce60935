// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/unpack.h"

#include <algorithm>

namespace slate_gpu::ref {
namespace {

template <typename T>
bool unpack(const UnpackArgs<T>& args) {
    if (!args_valid(args)) return false;
    const Levels& levels = args.levels;
    for (int y = 0; y < args.src.height; ++y) {
        const T* in = row(args.src, y);
        float* out = row(args.dst, y);
        for (int x = 0; x < args.src.width; ++x) {
            const uint32_t code = std::min<uint32_t>(in[x], levels.max_code);
            out[x] = (static_cast<float>(code) - levels.offset) / levels.span;
        }
    }
    return true;
}

}  // namespace

bool unpack_to_float(const UnpackArgs<uint8_t>& args) {
    return unpack(args);
}
bool unpack_to_float(const UnpackArgs<uint16_t>& args) {
    return unpack(args);
}

}  // namespace slate_gpu::ref
