// SPDX-License-Identifier: Apache-2.0
#pragma once

// The host side of device discovery, free of CUDA types so that libmedia can call it without the
// CUDA headers. Never throws, never aborts: without a GPU or a driver it reports none, and why.

#include <cstdint>
#include <optional>
#include <string>

namespace slate_gpu {

/// What libmedia needs to know about one CUDA device.
struct DeviceProperties {
    int index = 0;
    std::string name;
    int64_t memory_bytes = 0;
    int compute_major = 0;
    int compute_minor = 0;
};

/// Number of usable CUDA devices: 0 without a GPU or driver, or when SLATE_DEVICE=cpu. The CUDA
/// runtime is initialised on the first call (once per process), never at load time.
int device_count();

/// Properties of device `index`, or nullopt when there is no such device.
std::optional<DeviceProperties> device_properties(int index);

/// Why device_count() is 0 (e.g. "no CUDA-capable device is detected (cudaErrorNoDevice)" or
/// "SLATE_DEVICE=cpu forces the CPU"); empty when a device is usable.
std::string unavailable_reason();

/// The CUDA runtime version this binary was built with and the driver's, as "13.0 (driver 13.0)";
/// "(driver none)" without a driver.
std::string runtime_description();

}  // namespace slate_gpu
