// SPDX-License-Identifier: Apache-2.0
#include "media/core/device.h"

#include <cstdlib>
#include <string_view>

#ifdef SLATE_HAVE_CUDA
#include "slate_gpu/device.h"
#endif

namespace media {
namespace {

enum class DeviceOverride { None, Cpu, Cuda, Invalid };

// SLATE_DEVICE, read on every call so that tests and embedding programs may change it.
DeviceOverride device_override(std::string& value) {
    const char* raw = std::getenv("SLATE_DEVICE");
    value = raw == nullptr ? "" : raw;
    if (value.empty() || value == "auto") return DeviceOverride::None;
    if (value == "cpu") return DeviceOverride::Cpu;
    if (value == "cuda") return DeviceOverride::Cuda;
    return DeviceOverride::Invalid;
}

DeviceInfo cpu_device() {
    return DeviceInfo{DeviceKind::Cpu, 0, "CPU", 0, 0, 0};
}

}  // namespace

std::string cuda_unavailable_reason() {
#ifdef SLATE_HAVE_CUDA
    return slate_gpu::unavailable_reason();
#else
    return "this build has no CUDA support (configured without nvcc, or with SLATE_CUDA=OFF)";
#endif
}

bool cuda_built_in() {
#ifdef SLATE_HAVE_CUDA
    return true;
#else
    return false;
#endif
}

std::vector<DeviceInfo> cuda_devices() {
    std::vector<DeviceInfo> devices;
#ifdef SLATE_HAVE_CUDA
    const int count = slate_gpu::device_count();  // 0 under SLATE_DEVICE=cpu
    for (int i = 0; i < count; ++i) {
        auto p = slate_gpu::device_properties(i);
        if (!p) continue;
        devices.push_back(DeviceInfo{DeviceKind::Cuda, p->index, std::move(p->name),
                                     p->memory_bytes, p->compute_major, p->compute_minor});
    }
#endif
    return devices;
}

Result<DeviceInfo> resolve_device(DevicePolicy policy) {
    if (policy == DevicePolicy::Cpu) return cpu_device();
    std::string value;
    const DeviceOverride forced = device_override(value);
    if (forced == DeviceOverride::Invalid)
        return Error(ErrorCode::InvalidArgument,
                     "SLATE_DEVICE='" + value + "' is not one of cpu, cuda, auto");
    const bool cuda_required = policy == DevicePolicy::Cuda || forced == DeviceOverride::Cuda;
    if (forced == DeviceOverride::Cpu && !cuda_required) return cpu_device();
    std::vector<DeviceInfo> devices = cuda_devices();
    if (!devices.empty()) return std::move(devices.front());
    if (cuda_required)
        return Error(ErrorCode::DeviceError, "CUDA requested but " + cuda_unavailable_reason())
            .with_operation("select device");
    return cpu_device();
}

}  // namespace media
