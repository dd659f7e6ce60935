// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for ASC CDL files (.cc / .ccc / .cdl XML) as --cdl reads them.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "media/color/color_pipeline.h"

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = "/tmp/slate-fuzz-" + std::to_string(getpid()) + ".ccc";
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    auto cdl = media::color::load_cdl(path);
    if (cdl) {
        for (int c = 0; c < 3; ++c)
            check(std::isfinite(cdl->slope[c]) && std::isfinite(cdl->offset[c]) &&
                  cdl->power[c] > 0);
        check(std::isfinite(cdl->saturation));
    }
    std::remove(path.c_str());
    return 0;
}
