// SPDX-License-Identifier: Apache-2.0
#include "slate_gpu/device.h"

#include <cuda_runtime_api.h>

#include <cstdlib>
#include <string_view>
#include <vector>

namespace slate_gpu {
namespace {

// The result of asking the CUDA runtime once; what a process sees does not change while it runs.
struct Scan {
    std::vector<DeviceProperties> devices;
    std::string reason;
};

std::string describe(cudaError_t error) {
    return std::string(cudaGetErrorString(error)) + " (" + cudaGetErrorName(error) + ")";
}

// cudart reports a missing libcuda as an old one; say which it is.
std::string no_device_reason(cudaError_t error) {
    int driver = 0;
    if (error == cudaErrorInsufficientDriver && cudaDriverGetVersion(&driver) == cudaSuccess &&
        driver == 0)
        return std::string("no CUDA driver is installed (") + cudaGetErrorName(error) + ")";
    return describe(error);
}

std::optional<DeviceProperties> query(int index) {
    cudaDeviceProp prop{};
    if (cudaGetDeviceProperties(&prop, index) != cudaSuccess) return std::nullopt;
    return DeviceProperties{index, prop.name, static_cast<int64_t>(prop.totalGlobalMem), prop.major,
                            prop.minor};
}

Scan scan() {
    Scan result;
    int count = 0;
    const cudaError_t error = cudaGetDeviceCount(&count);
    if (error != cudaSuccess) {
        cudaGetLastError();  // a failed query must not poison later calls of this thread
        result.reason = no_device_reason(error);
        return result;
    }
    for (int i = 0; i < count; ++i)
        if (auto props = query(i)) result.devices.push_back(std::move(*props));
    if (result.devices.empty()) result.reason = "no CUDA device could be queried";
    return result;
}

const Scan& cached_scan() {
    static const Scan result = scan();  // thread-safe lazy initialisation
    return result;
}

// Read on every call rather than cached, so that a test or an embedding program can change it.
bool forced_cpu() {
    const char* value = std::getenv("SLATE_DEVICE");
    return value != nullptr && std::string_view(value) == "cpu";
}

std::string version_text(int version) {
    return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

}  // namespace

int device_count() {
    if (forced_cpu()) return 0;
    return static_cast<int>(cached_scan().devices.size());
}

std::optional<DeviceProperties> device_properties(int index) {
    if (index < 0 || index >= device_count()) return std::nullopt;
    return cached_scan().devices[static_cast<size_t>(index)];
}

std::string unavailable_reason() {
    if (forced_cpu()) return "SLATE_DEVICE=cpu forces the CPU";
    return cached_scan().reason;
}

std::string runtime_description() {
    int driver = 0;
    cudaDriverGetVersion(&driver);  // 0 when there is no driver, which is what we print
    return version_text(CUDART_VERSION) + " (driver " +
           (driver == 0 ? std::string("none") : version_text(driver)) + ")";
}

}  // namespace slate_gpu
