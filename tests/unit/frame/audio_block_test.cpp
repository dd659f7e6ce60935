// SPDX-License-Identifier: Apache-2.0
#include "media/frame/audio_block.h"

#include <gtest/gtest.h>

namespace media {
namespace {

TEST(AudioBlock, AllocatesSilentPlanarChannels) {
    auto block = AudioBlock::allocate(2, 1600, 48000, "stereo");
    ASSERT_TRUE(block.ok()) << block.error().to_string();
    EXPECT_EQ(block->channels(), 2);
    EXPECT_EQ(block->samples(), 1600);
    EXPECT_EQ(block->sample_rate(), 48000);
    EXPECT_EQ(block->channel_layout(), "stereo");
    EXPECT_EQ(block->time_base(), Rational(1, 48000));
    EXPECT_EQ(block->duration(), Rational(1, 30));
    for (float sample : block->channel(1)) EXPECT_EQ(sample, 0.0f);
}

TEST(AudioBlock, ChannelsAreSeparate) {
    auto block = AudioBlock::allocate(3, 4, 44100);
    ASSERT_TRUE(block.ok());
    block->channel(1)[3] = 0.5f;
    EXPECT_EQ(block->channel(0)[3], 0.0f);
    EXPECT_EQ(block->channel(2)[0], 0.0f);
    EXPECT_EQ(block->channel(1)[3], 0.5f);
    EXPECT_EQ(block->channel(1).size(), 4u);
    EXPECT_EQ(block->channel_layout(), "3 channels");
}

TEST(AudioBlock, CopiesAreIndependentValues) {
    auto block = AudioBlock::allocate(1, 2, 48000, "mono");
    ASSERT_TRUE(block.ok());
    block->set_pts(96000);
    AudioBlock copy = *block;
    copy.channel(0)[0] = 1.0f;
    EXPECT_EQ(block->channel(0)[0], 0.0f);
    EXPECT_EQ(copy.pts(), 96000);
}

TEST(AudioBlock, RejectsNonsense) {
    EXPECT_FALSE(AudioBlock::allocate(0, 10, 48000).ok());
    EXPECT_FALSE(AudioBlock::allocate(2, -1, 48000).ok());
    EXPECT_FALSE(AudioBlock::allocate(2, 10, 0).ok());
    EXPECT_FALSE(AudioBlock::allocate(65, 10, 48000).ok());
    EXPECT_FALSE(AudioBlock::allocate(64, int64_t{1} << 40, 48000).ok());
}

TEST(AudioBlock, DefaultIsEmpty) {
    AudioBlock block;
    EXPECT_TRUE(block.empty());
    EXPECT_EQ(block.channels(), 0);
}

}  // namespace
}  // namespace media
