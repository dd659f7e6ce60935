// SPDX-License-Identifier: Apache-2.0
// media::log: levels, filtering, the replaceable sink and the default stderr line format.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "media/core/log.h"

namespace media {
namespace {

class LogTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_saved = log_level();
        set_log_sink([this](LogLevel level, std::string_view message) {
            m_messages.emplace_back(level, std::string(message));
        });
    }
    void TearDown() override {
        set_log_sink({});
        set_log_level(m_saved);
    }

    std::vector<std::pair<LogLevel, std::string>> m_messages;
    LogLevel m_saved = LogLevel::Warning;
};

TEST_F(LogTest, LevelNamesRoundTrip) {
    for (LogLevel level : {LogLevel::Error, LogLevel::Warning, LogLevel::Info, LogLevel::Debug})
        EXPECT_EQ(parse_log_level(to_string(level)), level);
    EXPECT_EQ(parse_log_level("warn"), std::nullopt);
    EXPECT_EQ(parse_log_level("INFO"), std::nullopt);
    EXPECT_EQ(parse_log_level(""), std::nullopt);
}

TEST_F(LogTest, MessagesAboveTheLevelAreDropped) {
    set_log_level(LogLevel::Warning);
    EXPECT_TRUE(log_enabled(LogLevel::Error));
    EXPECT_TRUE(log_enabled(LogLevel::Warning));
    EXPECT_FALSE(log_enabled(LogLevel::Info));
    log(LogLevel::Error, "e");
    log(LogLevel::Warning, "w");
    log(LogLevel::Info, "i");
    log(LogLevel::Debug, "d");
    EXPECT_EQ(m_messages, (std::vector<std::pair<LogLevel, std::string>>{
                              {LogLevel::Error, "e"}, {LogLevel::Warning, "w"}}));
}

TEST_F(LogTest, DebugShowsEverythingErrorOnlyErrors) {
    set_log_level(LogLevel::Debug);
    log(LogLevel::Debug, "d");
    set_log_level(LogLevel::Error);
    log(LogLevel::Warning, "w");
    log(LogLevel::Error, "e");
    EXPECT_EQ(m_messages, (std::vector<std::pair<LogLevel, std::string>>{{LogLevel::Debug, "d"},
                                                                         {LogLevel::Error, "e"}}));
}

TEST_F(LogTest, DefaultSinkWritesPrefixedLinesToStderr) {
    set_log_sink({});
    set_log_level(LogLevel::Info);
    ::testing::internal::CaptureStderr();
    log(LogLevel::Warning, "disk almost full");
    log(LogLevel::Info, "opened a.mov");
    EXPECT_EQ(::testing::internal::GetCapturedStderr(),
              "slate: warning: disk almost full\nslate: opened a.mov\n");
}

}  // namespace
}  // namespace media
