// SPDX-License-Identifier: Apache-2.0
#include "media/core/frame_range.h"

#include <limits>

#include <gtest/gtest.h>

namespace media {
namespace {

TEST(FrameRange, ParsesStartEndExclusive) {
    auto range = parse_frame_range("10:25");
    ASSERT_TRUE(range);
    EXPECT_EQ(range->first, 10);
    EXPECT_EQ(range->count, 15);
    EXPECT_EQ(range->end(), 25);
    EXPECT_EQ(format_frame_range(*range), "10:25");
}

TEST(FrameRange, OpenEndRunsToTheEndOfTheSource) {
    auto range = parse_frame_range("200:");
    ASSERT_TRUE(range);
    EXPECT_EQ(range->first, 200);
    EXPECT_EQ(range->end(), std::numeric_limits<int64_t>::max());
    EXPECT_EQ(format_frame_range(*range), "200:");
}

TEST(FrameRange, RefusesMalformedText) {
    for (const char* text : {"", ":", "5", "5:5", "9:3", "-1:4", "a:4", "1:b", "1:2:3", " 1:2",
                             "1:2 ", ":7", "99999999999999999999:1"})
        EXPECT_FALSE(parse_frame_range(text)) << text;
}

}  // namespace
}  // namespace media
