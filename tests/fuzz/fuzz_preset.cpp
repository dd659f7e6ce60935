// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for transcode preset YAML (parse_preset). Beyond "no crash, no hang": every
// error names the source, and an accepted preset has the values the pipeline relies on.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "media/transcode/preset.h"

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto preset = media::transcode::parse_preset(text, "fuzz.yaml");
    if (!preset) {
        check(preset.error().message().rfind("fuzz.yaml", 0) == 0);
        return 0;
    }
    check(preset->version == 1);
    check(preset->scale.width >= 0 && preset->scale.height >= 0);
    for (const auto& element : preset->burnin.elements)
        check(element.size > 0 && element.size <= 1 && element.opacity >= 0 &&
              element.opacity <= 1);
    return 0;
}
