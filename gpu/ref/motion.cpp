// SPDX-License-Identifier: Apache-2.0
// VMAF's motion feature, scalar reference: a plain loop over detail/motion_math.h, the same
// per-sample code the CUDA kernels run (gpu/cuda/motion.cu).
#include <cassert>
#include <cstdint>
#include <vector>

#include "slate_gpu/detail/motion_math.h"
#include "slate_gpu/motion.h"

namespace slate_gpu {

double motion_from_sad(uint64_t sad, int width, int height) {
    if (width <= 0 || height <= 0) return 0.0;
    // libmedia sums |a - b| of the float values (v / 256) in double, exactly, then finishes as
    // libvmaf: (float)(sad / 256.) / (float)(w * h) with w * h an unsigned product.
    const double sum = static_cast<double>(sad) / 256.0;
    const auto pixels = static_cast<unsigned>(width) * static_cast<unsigned>(height);
    return static_cast<double>(static_cast<float>(sum) / static_cast<float>(pixels));
}

namespace ref {

void motion_blur(const MetricPlane& ref, const Plane<uint16_t>& out) {
    assert(metric_plane_valid(ref) && plane_valid(out) && out.width == ref.width &&
           out.height == ref.height);
    const int w = ref.width, h = ref.height;
    if (w <= 0 || h <= 0) return;
    std::vector<uint32_t> t(static_cast<size_t>(w));
    for (int y = 0; y < h; ++y) {
        int rows[detail::kMotionTaps];
        for (int k = 0; k < detail::kMotionTaps; ++k)
            rows[k] = detail::motion_mirror(y - detail::kMotionRadius + k, h);
        for (int x = 0; x < w; ++x)
            t[static_cast<size_t>(x)] = detail::motion_vertical(
                ref.sample(x, rows[0]), ref.sample(x, rows[1]), ref.sample(x, rows[2]),
                ref.sample(x, rows[3]), ref.sample(x, rows[4]), ref.bit_depth);
        uint16_t* o = row(out, y);
        for (int x = 0; x < w; ++x) {
            auto at = [&](int k) {
                return t[static_cast<size_t>(
                    detail::motion_mirror(x - detail::kMotionRadius + k, w))];
            };
            o[x] = detail::motion_horizontal(at(0), at(1), at(2), at(3), at(4));
        }
    }
}

uint64_t motion_sad(const Plane<const uint16_t>& a, const Plane<const uint16_t>& b) {
    assert(plane_valid(a) && plane_valid(b) && same_size(a, b));
    uint64_t sum = 0;
    for (int y = 0; y < a.height; ++y) {
        const uint16_t* ra = row(a, y);
        const uint16_t* rb = row(b, y);
        for (int x = 0; x < a.width; ++x) sum += detail::motion_abs_diff(ra[x], rb[x]);
    }
    return sum;
}

}  // namespace ref
}  // namespace slate_gpu
