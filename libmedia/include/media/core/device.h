// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "media/core/result.h"

namespace media {

enum class DeviceKind { Cpu, Cuda };

/// Where a processor should run. Auto: CUDA when built in, present and supported; else the CPU.
/// An explicit Cuda request that cannot be met is an error, never a silent fallback.
enum class DevicePolicy { Auto, Cpu, Cuda };

/// One compute device.
struct DeviceInfo {
    DeviceKind kind = DeviceKind::Cpu;
    int index = 0;
    std::string name;
    int64_t memory_bytes = 0;
    int compute_major = 0;  ///< CUDA compute capability
    int compute_minor = 0;
};

/// True when this build contains the CUDA kernels.
bool cuda_built_in();
/// CUDA devices visible now (empty without a GPU, a driver, or CUDA in the build).
/// Initialises CUDA lazily on first call. Honours SLATE_DEVICE=cpu (reports none).
std::vector<DeviceInfo> cuda_devices();
/// Resolves a policy to a device (see DevicePolicy).
Result<DeviceInfo> resolve_device(DevicePolicy policy);

}  // namespace media
