// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for CMX3600 EDLs carrying ASC CDL comments, as --cdl FILE.edl reads them.
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "media/color/cdl.h"

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string path = "/tmp/slate-fuzz-" + std::to_string(getpid()) + ".edl";
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    auto events = media::color::read_edl_cdls(path);
    if (events) {
        for (const auto& event : *events) {
            check(event.line > 0);
            for (int c = 0; c < 3; ++c)
                check(std::isfinite(event.cdl.slope[c]) && std::isfinite(event.cdl.offset[c]) &&
                      std::isfinite(event.cdl.power[c]));
            check(std::isfinite(event.cdl.saturation));
        }
    }
    std::remove(path.c_str());
    return 0;
}
