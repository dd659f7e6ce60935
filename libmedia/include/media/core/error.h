// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace media {

/// The closed set of expected-failure categories. Tools map them to exit codes.
enum class ErrorCode {
    InvalidArgument,
    UnsupportedFormat,
    NotFound,
    IoError,
    DecodeError,
    EncodeError,
    DeviceError,
    OutOfMemory,
    Internal,
};

/// Name of an error code, e.g. "NotFound".
std::string_view to_string(ErrorCode code);

/// Where an error happened: any field may be empty / negative when unknown.
struct ErrorContext {
    std::string file;
    std::string operation;  ///< e.g. "probe", "decode", "open output"
    int stream = -1;
    int64_t frame = -1;
};

/// An expected failure: a category, a message, and where it happened.
class Error {
public:
    Error(ErrorCode code, std::string message) : m_code(code), m_message(std::move(message)) {}

    ErrorCode code() const { return m_code; }
    const std::string& message() const { return m_message; }
    const ErrorContext& context() const { return m_context; }

    Error& with_file(std::string file) &;
    Error&& with_file(std::string file) &&;
    Error& with_operation(std::string op) &;
    Error&& with_operation(std::string op) &&;
    Error& with_stream(int stream) &;
    Error&& with_stream(int stream) &&;
    Error& with_frame(int64_t frame) &;
    Error&& with_frame(int64_t frame) &&;

    /// One line for a person: "FILE: message (stream 0, frame 12, during decode)".
    std::string to_string() const;

private:
    ErrorCode m_code;
    std::string m_message;
    ErrorContext m_context;
};

}  // namespace media
