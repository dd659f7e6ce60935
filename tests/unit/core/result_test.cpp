// SPDX-License-Identifier: Apache-2.0
#include "media/core/result.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace media {
namespace {

Result<int> half(int value) {
    if (value % 2 != 0) return Error(ErrorCode::InvalidArgument, "odd");
    return value / 2;
}

Result<int> quarter(int value) {
    MEDIA_TRY_ASSIGN(const int h, half(value));
    MEDIA_TRY_ASSIGN(int q, half(h));
    return q;
}

Result<void> check_even(int value) {
    MEDIA_TRY(half(value));
    return ok();
}

TEST(Result, HoldsAValue) {
    const Result<int> r = half(8);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(static_cast<bool>(r));
    EXPECT_EQ(r.value(), 4);
    EXPECT_EQ(*r, 4);
    EXPECT_EQ(r.value_or(-1), 4);
}

TEST(Result, HoldsAnError) {
    const Result<int> r = half(3);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(r.error().message(), "odd");
    EXPECT_EQ(r.value_or(-1), -1);
}

TEST(Result, ConvertsFromCompatibleValues) {
    const Result<std::string> r = "text";  // const char* -> std::string
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->size(), 4u);
}

TEST(Result, HoldsMoveOnlyValues) {
    Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
    ASSERT_TRUE(r.ok());
    std::unique_ptr<int> taken = std::move(r).value();
    EXPECT_EQ(*taken, 7);
}

TEST(Result, ErrorCanBeMovedOut) {
    Result<int> r = Error(ErrorCode::NotFound, "gone");
    Error e = std::move(r).error().with_file("a.mov");
    EXPECT_EQ(e.to_string(), "a.mov: gone");
}

TEST(Result, VoidResult) {
    EXPECT_TRUE(ok().ok());
    const Result<void> failed = Error(ErrorCode::IoError, "disk full");
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code(), ErrorCode::IoError);
}

TEST(Result, TryMacrosPropagateTheFirstError) {
    EXPECT_EQ(quarter(12).value(), 3);
    EXPECT_EQ(quarter(7).error().message(), "odd");  // fails in the first step
    EXPECT_EQ(quarter(6).error().message(), "odd");  // fails in the second step
    EXPECT_TRUE(check_even(4).ok());
    EXPECT_EQ(check_even(5).error().code(), ErrorCode::InvalidArgument);
}

}  // namespace
}  // namespace media
