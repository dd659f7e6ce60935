// SPDX-License-Identifier: Apache-2.0
#include "media/frame/frame_pool.h"

#include <cstdint>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace media {
namespace {

FrameSpec hd_spec() {
    FrameSpec spec;
    spec.width = 64;
    spec.height = 32;
    spec.format = PixelFormat::Yuv422p10;
    spec.color.primaries = ColorPrimaries::BT709;
    return spec;
}

TEST(FramePool, HandsOutFramesOfItsSpec) {
    FramePool pool(hd_spec());
    auto frame = pool.acquire();
    ASSERT_TRUE(frame.ok()) << frame.error().to_string();
    EXPECT_EQ(frame->spec(), hd_spec());
    EXPECT_TRUE(frame->is_writable());
    for (int p = 0; p < frame->plane_count(); ++p)
        EXPECT_EQ(reinterpret_cast<uintptr_t>(frame->plane_data(p)) % kFrameAlignment, 0u);
}

TEST(FramePool, ReusesTheBufferOnceTheLastCopyIsGone) {
    FramePool pool(hd_spec());
    const std::byte* first = nullptr;
    {
        auto frame = pool.acquire();
        ASSERT_TRUE(frame.ok());
        first = frame->plane_data(0);
        Frame copy = *frame;
        frame = Frame();  // the copy still holds the buffer
        EXPECT_EQ(pool.cached(), 0u);
    }
    EXPECT_EQ(pool.cached(), 1u);
    auto again = pool.acquire();
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->plane_data(0), first);
    EXPECT_EQ(pool.allocations(), 1);
}

TEST(FramePool, KeepsAtMostMaxCachedIdleBuffers) {
    FramePool pool(hd_spec(), 2);
    {
        std::vector<Frame> frames;
        for (int i = 0; i < 5; ++i) frames.push_back(*pool.acquire());
        EXPECT_EQ(pool.allocations(), 5);
    }
    EXPECT_EQ(pool.cached(), 2u);
}

TEST(FramePool, FramesMayOutliveThePool) {
    std::optional<Frame> survivor;
    {
        FramePool pool(hd_spec());
        survivor = *pool.acquire();
    }
    auto view = survivor->mutable_plane<uint16_t>(0);
    view.at(0, 0) = 1023;  // still valid memory (ASan builds would catch a use-after-free)
    EXPECT_EQ(survivor->plane<uint16_t>(0).at(0, 0), 1023);
    survivor.reset();
}

TEST(FramePool, IsSafeAcrossThreads) {
    FramePool pool(hd_spec(), 4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&pool] {
            for (int i = 0; i < 200; ++i) {
                auto frame = pool.acquire();
                ASSERT_TRUE(frame.ok());
                frame->mutable_plane<uint16_t>(0).at(1, 1) = static_cast<uint16_t>(i);
            }
        });
    for (auto& thread : threads) thread.join();
    EXPECT_LE(pool.cached(), 4u);
    EXPECT_LE(pool.allocations(), 4 + 4);  // at most one live frame per thread beyond the cache
}

TEST(FramePool, BadSpecFailsOnAcquire) {
    FrameSpec spec = hd_spec();
    spec.width = 0;
    FramePool pool(spec);
    auto frame = pool.acquire();
    ASSERT_FALSE(frame.ok());
    EXPECT_EQ(frame.error().code(), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace media
