// SPDX-License-Identifier: Apache-2.0
#include "media/core/error.h"

#include <fmt/format.h>

namespace media {

std::string_view to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidArgument: return "InvalidArgument";
        case ErrorCode::UnsupportedFormat: return "UnsupportedFormat";
        case ErrorCode::NotFound: return "NotFound";
        case ErrorCode::IoError: return "IoError";
        case ErrorCode::DecodeError: return "DecodeError";
        case ErrorCode::EncodeError: return "EncodeError";
        case ErrorCode::DeviceError: return "DeviceError";
        case ErrorCode::OutOfMemory: return "OutOfMemory";
        case ErrorCode::Internal: return "Internal";
    }
    return "Unknown";
}

Error& Error::with_file(std::string file) & { m_context.file = std::move(file); return *this; }
Error&& Error::with_file(std::string file) && { return std::move(with_file(std::move(file))); }
Error& Error::with_operation(std::string op) & { m_context.operation = std::move(op); return *this; }
Error&& Error::with_operation(std::string op) && { return std::move(with_operation(std::move(op))); }
Error& Error::with_stream(int stream) & { m_context.stream = stream; return *this; }
Error&& Error::with_stream(int stream) && { return std::move(with_stream(stream)); }
Error& Error::with_frame(int64_t frame) & { m_context.frame = frame; return *this; }
Error&& Error::with_frame(int64_t frame) && { return std::move(with_frame(frame)); }

std::string Error::to_string() const {
    std::string out;
    if (!m_context.file.empty()) out = m_context.file + ": ";
    out += m_message;
    std::string where;
    auto add = [&where](const std::string& part) { where += (where.empty() ? "" : ", ") + part; };
    if (m_context.stream >= 0) add(fmt::format("stream {}", m_context.stream));
    if (m_context.frame >= 0) add(fmt::format("frame {}", m_context.frame));
    if (!m_context.operation.empty()) add("during " + m_context.operation);
    if (!where.empty()) out += " (" + where + ")";
    return out;
}

}  // namespace media
