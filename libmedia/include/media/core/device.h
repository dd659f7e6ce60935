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
/// The environment variable SLATE_DEVICE overrides Auto: "cpu" forces the CPU, "cuda" makes
/// Auto behave as Cuda, "auto" or unset leaves it alone.
enum class DevicePolicy { Auto, Cpu, Cuda };

/// One compute device.
struct DeviceInfo {
    DeviceKind kind = DeviceKind::Cpu;
    int index = 0;  ///< CUDA device ordinal; 0 for the CPU
    std::string name;
    int64_t memory_bytes = 0;
    int compute_major = 0;  ///< CUDA compute capability
    int compute_minor = 0;
};

/// True when this build contains the CUDA kernels.
bool cuda_built_in();
/// CUDA devices visible now (empty without a GPU, a driver, or CUDA in the build).
/// Initialises CUDA lazily on first call; never throws or aborts without a driver.
/// Honours SLATE_DEVICE=cpu (reports none).
std::vector<DeviceInfo> cuda_devices();
/// Why no CUDA device can be used now ("no CUDA-capable device is detected", "this build has
/// no CUDA support ...", "SLATE_DEVICE=cpu"); empty when one can.
std::string cuda_unavailable_reason();
/// Resolves a policy to a device (see DevicePolicy). Errors: DeviceError "CUDA requested but
/// <reason>" when Cuda (or Auto with SLATE_DEVICE=cuda) cannot be met; InvalidArgument when
/// SLATE_DEVICE holds another value than cpu, cuda or auto and the policy is not Cpu.
Result<DeviceInfo> resolve_device(DevicePolicy policy);

}  // namespace media
