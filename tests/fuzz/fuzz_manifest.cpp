// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the batch manifests: CSV and Avid ALE, through the same file readers
// `slate batch` uses (the input is written to a temporary file first).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "media/batch/ale.h"
#include "media/batch/manifest.h"

namespace {
void check(bool condition) {
    if (!condition) __builtin_trap();
}

std::string write_temp(const uint8_t* data, size_t size, const char* extension) {
    std::string path = "/tmp/slate-fuzz-" + std::to_string(getpid()) + extension;
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return {};
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    return path;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    for (const char* extension : {".csv", ".ale"}) {
        const std::string path = write_temp(data, size, extension);
        if (path.empty()) return 0;
        auto clips = media::batch::read_manifest(path);
        if (clips)
            for (const auto& clip : *clips) check(!clip.path.empty());
        auto ale = media::batch::read_ale(path);
        if (!ale) check(ale.error().to_string().find(path) != std::string::npos);
        std::remove(path.c_str());
    }
    return 0;
}
