// SPDX-License-Identifier: Apache-2.0
#include "media/core/device.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace media {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Sets SLATE_DEVICE (or unsets it, for nullopt) for one test, then restores it.
class ScopedSlateDevice {
public:
    explicit ScopedSlateDevice(std::optional<std::string> value) {
        if (const char* old = std::getenv("SLATE_DEVICE")) m_saved = old;
        set(value);
    }
    ~ScopedSlateDevice() { set(m_saved); }
    ScopedSlateDevice(const ScopedSlateDevice&) = delete;
    ScopedSlateDevice& operator=(const ScopedSlateDevice&) = delete;

private:
    static void set(const std::optional<std::string>& value) {
        if (value)
            setenv("SLATE_DEVICE", value->c_str(), 1);
        else
            unsetenv("SLATE_DEVICE");
    }
    std::optional<std::string> m_saved;
};

TEST(Device, CpuPolicyGivesTheCpu) {
    ScopedSlateDevice env("cuda");  // an override of Auto, never of an explicit Cpu
    auto device = resolve_device(DevicePolicy::Cpu);
    ASSERT_TRUE(device.ok());
    EXPECT_EQ(device->kind, DeviceKind::Cpu);
    EXPECT_EQ(device->name, "CPU");
}

TEST(Device, SlateDeviceCpuHidesCudaDevicesAndAutoGivesTheCpu) {
    ScopedSlateDevice env("cpu");
    EXPECT_TRUE(cuda_devices().empty());
    auto device = resolve_device(DevicePolicy::Auto);
    ASSERT_TRUE(device.ok());
    EXPECT_EQ(device->kind, DeviceKind::Cpu);
}

TEST(Device, CudaRequestUnderSlateDeviceCpuIsADeviceError) {
    ScopedSlateDevice env("cpu");
    auto device = resolve_device(DevicePolicy::Cuda);
    ASSERT_FALSE(device.ok());
    EXPECT_EQ(device.error().code(), ErrorCode::DeviceError);
    EXPECT_THAT(device.error().message(), StartsWith("CUDA requested but "));
    if (cuda_built_in()) {
        EXPECT_THAT(device.error().message(), HasSubstr("SLATE_DEVICE=cpu"));
    }
}

TEST(Device, CudaRequestWithoutAGpuIsADeviceErrorWithTheReason) {
    ScopedSlateDevice env(std::nullopt);
    if (!cuda_devices().empty()) GTEST_SKIP() << "a CUDA device is present";
    auto device = resolve_device(DevicePolicy::Cuda);
    ASSERT_FALSE(device.ok());
    EXPECT_EQ(device.error().code(), ErrorCode::DeviceError);
    const std::string& message = device.error().message();
    EXPECT_THAT(message, StartsWith("CUDA requested but "));
    EXPECT_GT(message.size(), std::string("CUDA requested but ").size()) << "no reason given";
    if (!cuda_built_in()) {
        EXPECT_THAT(message, HasSubstr("no CUDA support"));
    }
}

TEST(Device, AutoGivesCudaWhenPresentElseTheCpu) {
    ScopedSlateDevice env(std::nullopt);
    auto device = resolve_device(DevicePolicy::Auto);
    ASSERT_TRUE(device.ok());
    EXPECT_EQ(device->kind, cuda_devices().empty() ? DeviceKind::Cpu : DeviceKind::Cuda);
}

TEST(Device, SlateDeviceCudaMakesAutoStrict) {
    ScopedSlateDevice env("cuda");
    if (!cuda_devices().empty()) GTEST_SKIP() << "a CUDA device is present";
    auto device = resolve_device(DevicePolicy::Auto);
    ASSERT_FALSE(device.ok());
    EXPECT_EQ(device.error().code(), ErrorCode::DeviceError);
}

TEST(Device, UnknownSlateDeviceValueIsRejected) {
    ScopedSlateDevice env("gpu");
    auto device = resolve_device(DevicePolicy::Auto);
    ASSERT_FALSE(device.ok());
    EXPECT_EQ(device.error().code(), ErrorCode::InvalidArgument);
    EXPECT_THAT(device.error().message(), HasSubstr("'gpu'"));
}

TEST(Device, WithoutCudaInTheBuildThereAreNoCudaDevices) {
    if (cuda_built_in()) GTEST_SKIP() << "this build has CUDA";
    EXPECT_TRUE(cuda_devices().empty());
}

}  // namespace
}  // namespace media
