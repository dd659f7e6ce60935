// SPDX-License-Identifier: Apache-2.0
#include "media/frame/frame.h"

#include <cstdint>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

namespace media {
namespace {

FrameSpec spec_of(int w, int h, PixelFormat format) {
    FrameSpec spec;
    spec.width = w;
    spec.height = h;
    spec.format = format;
    return spec;
}

bool aligned(const void* p) {
    return reinterpret_cast<uintptr_t>(p) % kFrameAlignment == 0;
}

TEST(Frame, AllocatesAlignedPlanesOfTheRightShape) {
    // An odd size exercises chroma rounding up and stride padding.
    auto frame = Frame::allocate(spec_of(101, 37, PixelFormat::Yuv420p10));
    ASSERT_TRUE(frame.ok()) << frame.error().to_string();
    ASSERT_EQ(frame->plane_count(), 3);
    for (int p = 0; p < 3; ++p) {
        EXPECT_TRUE(aligned(frame->plane_data(p))) << p;
        EXPECT_EQ(frame->plane_stride(p) % kFrameAlignment, 0) << p;
    }
    auto luma = frame->plane<uint16_t>(0);
    auto chroma = frame->plane<uint16_t>(2);
    EXPECT_EQ(luma.width(), 101);
    EXPECT_EQ(luma.height(), 37);
    EXPECT_EQ(chroma.width(), 51);
    EXPECT_EQ(chroma.height(), 19);
    EXPECT_GE(luma.stride_bytes(), 202);
    EXPECT_EQ(luma.components(), 1);
}

TEST(Frame, PackedFormatHasOnePlaneWithAllComponents) {
    auto frame = Frame::allocate(spec_of(10, 4, PixelFormat::Rgba16));
    ASSERT_TRUE(frame.ok());
    ASSERT_EQ(frame->plane_count(), 1);
    EXPECT_EQ(frame->plane<uint16_t>(0).components(), 4);
    EXPECT_GE(frame->plane_stride(0), 80);
}

TEST(Frame, RejectsImpossibleSizes) {
    EXPECT_EQ(Frame::allocate(spec_of(0, 10, PixelFormat::Gray8)).error().code(),
              ErrorCode::InvalidArgument);
    EXPECT_EQ(Frame::allocate(spec_of(10, -1, PixelFormat::Gray8)).error().code(),
              ErrorCode::InvalidArgument);
    EXPECT_EQ(Frame::allocate(spec_of(1 << 20, 1 << 20, PixelFormat::RgbaFloat)).error().code(),
              ErrorCode::InvalidArgument);
}

TEST(Frame, CopiesSharePixelsUntilOneWrites) {
    auto made = Frame::allocate(spec_of(16, 8, PixelFormat::Gray8));
    ASSERT_TRUE(made.ok());
    Frame original = std::move(*made);
    EXPECT_TRUE(original.is_writable());
    original.mutable_plane<uint8_t>(0).at(3, 2) = 42;

    Frame copy = original;
    EXPECT_EQ(copy.plane_data(0), original.plane_data(0));
    EXPECT_FALSE(copy.is_writable());
    EXPECT_FALSE(original.is_writable());

    auto writable = copy.mutable_plane<uint8_t>(0);
    ASSERT_FALSE(writable.empty());
    EXPECT_NE(copy.plane_data(0), original.plane_data(0));
    EXPECT_EQ(writable.at(3, 2), 42);  // the clone carries the pixels over
    writable.at(3, 2) = 7;
    EXPECT_EQ(original.plane<uint8_t>(0).at(3, 2), 42);
    EXPECT_EQ(copy.plane<uint8_t>(0).at(3, 2), 7);
    EXPECT_TRUE(copy.is_writable());
    EXPECT_TRUE(original.is_writable());  // its copy has let go
}

TEST(Frame, PropertiesBelongToEachHandle) {
    auto made = Frame::allocate(spec_of(8, 8, PixelFormat::Gray8));
    ASSERT_TRUE(made.ok());
    Frame a = *made;
    a.set_pts(1001, Rational(1, 24000));
    a.set_metadata("reel", "A001");
    a.set_key_frame(true);
    auto rate = TimecodeRate::make(Rational(24, 1), false);
    ASSERT_TRUE(rate.ok());
    a.set_timecode(Timecode(*rate, 86400));

    Frame b = a;
    b.set_pts(2002, Rational(1, 24000));
    b.set_metadata("reel", "B002");
    b.set_corrupt(true);
    b.erase_metadata("missing");

    EXPECT_EQ(a.pts(), 1001);
    EXPECT_EQ(b.pts(), 2002);
    EXPECT_EQ(a.metadata().at("reel"), "A001");
    EXPECT_EQ(b.metadata().at("reel"), "B002");
    EXPECT_FALSE(a.corrupt());
    EXPECT_TRUE(b.corrupt());
    EXPECT_TRUE(b.key_frame());
    ASSERT_TRUE(b.timecode().has_value());
    EXPECT_EQ(b.timecode()->to_string(), "01:00:00:00");
    EXPECT_EQ(a.plane_data(0), b.plane_data(0));  // no pixel copy for property changes
}

TEST(Frame, WrapsOutsideMemoryAndKeepsItsOwnerAlive) {
    auto memory = std::shared_ptr<std::byte>(
        static_cast<std::byte*>(::operator new (64 * 4, std::align_val_t{64})),
        [](std::byte* p) { ::operator delete (p, std::align_val_t{64}); });
    std::weak_ptr<std::byte> watch = memory;
    PlaneMemory plane{memory.get(), 64};
    auto frame = Frame::wrap(spec_of(10, 4, PixelFormat::Gray8), {&plane, 1}, memory, false);
    ASSERT_TRUE(frame.ok()) << frame.error().to_string();
    memory.reset();
    EXPECT_FALSE(watch.expired());
    EXPECT_EQ(frame->plane_data(0), plane.data);
    // Not writable: the owner said someone else may still read it, so writing clones.
    EXPECT_FALSE(frame->is_writable());
    ASSERT_FALSE(frame->mutable_plane<uint8_t>(0).empty());
    EXPECT_NE(frame->plane_data(0), plane.data);
    EXPECT_TRUE(watch.expired());
}

TEST(Frame, WrapRefusesMisalignedPlanes) {
    std::vector<std::byte> memory(64 * 8);
    auto* base = memory.data();
    while (reinterpret_cast<uintptr_t>(base) % 64 != 0) ++base;
    PlaneMemory odd_stride{base, 48};
    auto spec = spec_of(10, 4, PixelFormat::Gray8);
    EXPECT_FALSE(Frame::wrap(spec, {&odd_stride, 1}, nullptr, true).ok());
    PlaneMemory odd_start{base + 8, 64};
    EXPECT_FALSE(Frame::wrap(spec, {&odd_start, 1}, nullptr, true).ok());
    PlaneMemory too_narrow{base, 64};
    EXPECT_FALSE(
        Frame::wrap(spec_of(100, 2, PixelFormat::Gray8), {&too_narrow, 1}, nullptr, true).ok());
    PlaneMemory planes[2] = {{base, 64}, {base, 64}};
    EXPECT_FALSE(Frame::wrap(spec, planes, nullptr, true).ok());  // Gray8 has one plane
}

TEST(Frame, CloneIsDeep) {
    auto made = Frame::allocate(spec_of(4, 4, PixelFormat::Rgb8));
    ASSERT_TRUE(made.ok());
    made->mutable_plane<uint8_t>(0).at(1, 1, 2) = 99;
    made->set_index(5);
    auto copy = made->clone();
    ASSERT_TRUE(copy.ok());
    EXPECT_NE(copy->plane_data(0), made->plane_data(0));
    EXPECT_EQ(copy->plane<uint8_t>(0).at(1, 1, 2), 99);
    EXPECT_EQ(copy->index(), 5);
}

TEST(Frame, EmptyFrameHasNoPlanes) {
    Frame frame;
    EXPECT_TRUE(frame.empty());
    EXPECT_EQ(frame.plane_count(), 0);
    EXPECT_FALSE(frame.make_writable().ok());
    EXPECT_TRUE(frame.mutable_plane<uint8_t>(0).empty());
}

}  // namespace
}  // namespace media
