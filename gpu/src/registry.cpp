// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/registry.h"

namespace slate_gpu {

std::size_t sample_bytes(SampleType type) {
    switch (type) {
        case SampleType::U8:
            return 1;
        case SampleType::U16:
            return 2;
        case SampleType::F32:
            return 4;
        case SampleType::U64:
        case SampleType::F64:
            return 8;
    }
    return 0;
}

std::span<const KernelFamily> kernel_families() {
    // Built on first use: the spans come from functions in other translation units, and a
    // function-local static avoids any static-initialisation order between them.
    static const KernelFamily families[] = {
        {"convert", convert_kernels()}, {"reduce", reduce_kernels()},
        {"color", color_kernels()},     {"scale", scale_kernels()},
        {"stats", stats_kernels()},     {"metrics", metrics_kernels()},
    };
    return families;
}

}  // namespace slate_gpu
