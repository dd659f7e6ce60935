// SPDX-License-Identifier: Apache-2.0
#include "media/frame/image_view.h"

#include <cstdint>
#include <type_traits>
#include <vector>

#include <gtest/gtest.h>

namespace media {
namespace {

TEST(ImageView, RowsFollowTheByteStride) {
    // 3 pixels x 2 components per row, padded to 10 bytes (5 uint16 samples... plus nothing).
    std::vector<uint16_t> memory(16, 0);
    ImageView<uint16_t> view(memory.data(), 3, 2, 2, 16);
    view.at(2, 1, 1) = 7;
    // Row 1 starts 16 bytes = 8 samples in; pixel 2 component 1 is sample 5 of that row.
    EXPECT_EQ(memory[8 + 5], 7);
    EXPECT_EQ(view.row(1), memory.data() + 8);
    EXPECT_EQ(view.row_samples(), 6);
}

TEST(ImageView, SubViewSharesMemoryAndKeepsStride) {
    std::vector<uint8_t> memory(8 * 4);
    for (size_t i = 0; i < memory.size(); ++i) memory[i] = static_cast<uint8_t>(i);
    ImageView<uint8_t> view(memory.data(), 8, 4, 1, 8);
    ImageView<uint8_t> crop = view.sub_view(2, 1, 3, 2);
    EXPECT_EQ(crop.width(), 3);
    EXPECT_EQ(crop.height(), 2);
    EXPECT_EQ(crop.stride_bytes(), 8);
    EXPECT_EQ(crop.at(0, 0), 10);  // (2, 1)
    EXPECT_EQ(crop.at(2, 1), 20);  // (4, 2)
    crop.at(1, 1) = 200;
    EXPECT_EQ(memory[2 * 8 + 3], 200);
}

TEST(ImageView, ConvertsToReadOnlyButNotBack) {
    std::vector<float> memory(12);
    ImageView<float> rw(memory.data(), 2, 2, 3, 24, DeviceKind::Cpu);
    ImageView<const float> ro = rw;
    EXPECT_EQ(ro.data(), memory.data());
    EXPECT_EQ(ro.components(), 3);
    EXPECT_EQ(ro.device(), DeviceKind::Cpu);
    static_assert(std::is_convertible_v<ImageView<float>, ImageView<const float>>);
    static_assert(!std::is_convertible_v<ImageView<const float>, ImageView<float>>);
    static_assert(!std::is_convertible_v<ImageView<uint8_t>, ImageView<const uint16_t>>);
}

TEST(ImageView, CarriesItsDeviceThroughSubViews) {
    // A device view is never dereferenced here: only pointer arithmetic happens.
    auto* fake = reinterpret_cast<uint8_t*>(uintptr_t{0x1000});
    ImageView<uint8_t> device_view(fake, 64, 64, 1, 128, DeviceKind::Cuda);
    auto crop = device_view.sub_view(4, 2, 8, 8);
    EXPECT_EQ(crop.device(), DeviceKind::Cuda);
    EXPECT_EQ(crop.data(), fake + 2 * 128 + 4);
}

TEST(ImageView, DefaultIsEmpty) {
    ImageView<const uint8_t> view;
    EXPECT_TRUE(view.empty());
    EXPECT_EQ(view.data(), nullptr);
}

#if !defined(NDEBUG) && GTEST_HAS_DEATH_TEST
TEST(ImageViewDeathTest, RowOutOfBoundsAsserts) {
    std::vector<uint8_t> memory(16);
    ImageView<uint8_t> view(memory.data(), 4, 4, 1, 4);
    EXPECT_DEATH((void)view.row(4), "");
    EXPECT_DEATH((void)view.sub_view(2, 2, 3, 1), "");
}
#endif

}  // namespace
}  // namespace media
