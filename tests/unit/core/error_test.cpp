// SPDX-License-Identifier: Apache-2.0
#include "media/core/error.h"

#include <gtest/gtest.h>

namespace media {
namespace {

TEST(Error, CarriesCodeAndMessage) {
    const Error error(ErrorCode::NotFound, "no such file");
    EXPECT_EQ(error.code(), ErrorCode::NotFound);
    EXPECT_EQ(error.message(), "no such file");
    EXPECT_TRUE(error.context().file.empty());
    EXPECT_EQ(error.context().stream, -1);
    EXPECT_EQ(error.context().frame, -1);
}

TEST(Error, ToStringWithoutContextIsTheMessage) {
    EXPECT_EQ(Error(ErrorCode::Internal, "boom").to_string(), "boom");
}

TEST(Error, ToStringNamesFileAndPlace) {
    const Error error = Error(ErrorCode::DecodeError, "corrupt slice")
                            .with_file("a.mov")
                            .with_stream(1)
                            .with_frame(12)
                            .with_operation("decode");
    EXPECT_EQ(error.to_string(), "a.mov: corrupt slice (stream 1, frame 12, during decode)");
}

TEST(Error, PartialContext) {
    Error error(ErrorCode::IoError, "short read");
    error.with_frame(0);  // frame 0 is a real frame, not "unknown"
    EXPECT_EQ(error.to_string(), "short read (frame 0)");
    error.with_operation("read").with_file("x.exr");
    EXPECT_EQ(error.to_string(), "x.exr: short read (frame 0, during read)");
    EXPECT_EQ(error.context().operation, "read");
}

TEST(Error, CodeNames) {
    EXPECT_EQ(to_string(ErrorCode::InvalidArgument), "InvalidArgument");
    EXPECT_EQ(to_string(ErrorCode::UnsupportedFormat), "UnsupportedFormat");
    EXPECT_EQ(to_string(ErrorCode::NotFound), "NotFound");
    EXPECT_EQ(to_string(ErrorCode::IoError), "IoError");
    EXPECT_EQ(to_string(ErrorCode::DecodeError), "DecodeError");
    EXPECT_EQ(to_string(ErrorCode::EncodeError), "EncodeError");
    EXPECT_EQ(to_string(ErrorCode::DeviceError), "DeviceError");
    EXPECT_EQ(to_string(ErrorCode::OutOfMemory), "OutOfMemory");
    EXPECT_EQ(to_string(ErrorCode::Internal), "Internal");
}

}  // namespace
}  // namespace media
