// SPDX-License-Identifier: Apache-2.0
#include "media/core/device.h"

namespace media {

bool cuda_built_in() { return false; }
std::vector<DeviceInfo> cuda_devices() { return {}; }
Result<DeviceInfo> resolve_device(DevicePolicy policy) {
    if (policy == DevicePolicy::Cuda) return Error(ErrorCode::DeviceError, "CUDA not available");
    return DeviceInfo{};
}

}  // namespace media
