// SPDX-License-Identifier: Apache-2.0
#include "image_plugin.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>

namespace media::io {
namespace {

// Any object inside libmedia: dladdr() on it names the file libmedia was loaded from.
const char g_anchor = 0;

struct LoadedBackend {
    const ImageBackend* backend = nullptr;
    std::string error;
};

std::string dl_error() {
    const char* text = dlerror();
    return text ? text : "unknown error";
}

LoadedBackend load(const std::string& path) {
    // Never closed: readers handed out by the module live on in libmedia's objects. RTLD_LAZY
    // binds functions on first call, as at process start-up (RTLD_NOW made the first image
    // operation ~0.1 s slower); RTLD_LOCAL keeps OpenImageIO's ~260 libraries out of the
    // process's global symbol scope.
    void* module = dlopen(path.c_str(), RTLD_LAZY | RTLD_LOCAL);
    if (!module) return {nullptr, "cannot load image module " + path + ": " + dl_error()};
    using Entry = const ImageBackend* (*)(int);
    auto entry = reinterpret_cast<Entry>(dlsym(module, kImageModuleEntry));
    if (!entry)
        return {nullptr,
                "image module " + path + " has no " + kImageModuleEntry + ": " + dl_error()};
    const ImageBackend* backend = entry(kImageBackendAbi);
    if (!backend)
        return {nullptr, "image module " + path + " was built for another libmedia (ABI " +
                             std::to_string(kImageBackendAbi) + " wanted)"};
    return {backend, ""};
}

const LoadedBackend& loaded() {
    static LoadedBackend state;
    static std::once_flag once;
    std::call_once(once, [] { state = load(image_module_path()); });
    return state;
}

}  // namespace

std::string image_module_path() {
    if (const char* path = std::getenv("SLATE_OIIO_MODULE"); path && *path) return path;
    Dl_info info{};
    if (dladdr(&g_anchor, &info) && info.dli_fname)
        return (std::filesystem::path(info.dli_fname).parent_path() / kImageModuleFile).string();
    return kImageModuleFile;  // left to the loader's search path
}

Result<const ImageBackend*> image_backend() {
    const LoadedBackend& state = loaded();
    if (!state.backend) return Error(ErrorCode::Internal, state.error);
    return state.backend;
}

}  // namespace media::io
