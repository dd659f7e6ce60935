// SPDX-License-Identifier: Apache-2.0
// FFmpeg's own log lines reach media::log once io is used: errors at LogLevel::Error, warnings
// and info lines only from LogLevel::Info on, lines given in pieces joined whole.
#include <fstream>
#include <string>
#include <utility>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}
#include <gtest/gtest.h>

#include "media/core/log.h"
#include "media/io/probe.h"
#include "media_io_fixtures.h"

namespace media {
namespace {

using Messages = std::vector<std::pair<LogLevel, std::string>>;

class AvLogTest : public ::testing::Test {
protected:
    void SetUp() override {
        set_log_sink([this](LogLevel level, std::string_view message) {
            m_messages.emplace_back(level, std::string(message));
        });
        set_log_level(LogLevel::Warning);
        // A bare ftyp box: libav finds no moov atom and says so at AV_LOG_ERROR.
        static constexpr char kFtyp[] = "\0\0\0\030ftypisom\0\0\2\0isomiso2";
        std::ofstream(m_file, std::ios::binary).write(kFtyp, sizeof kFtyp - 1);
        m_probed = probe(m_file);  // also installs the log route, as any first use of io does
    }
    void TearDown() override {
        set_log_sink({});
        set_log_level(LogLevel::Warning);
    }

    test::ScratchDir m_dir;
    std::string m_file = m_dir.file("no_moov.mp4");
    Result<MediaInfo> m_probed = Error(ErrorCode::Internal, "not probed");
    Messages m_messages;
};

TEST_F(AvLogTest, LibavErrorsShowAtTheDefaultLevel) {
    ASSERT_FALSE(m_probed.ok());
    ASSERT_EQ(m_messages.size(), 1u);
    EXPECT_EQ(m_messages[0].first, LogLevel::Error);
    EXPECT_NE(m_messages[0].second.find("moov atom not found"), std::string::npos)
        << m_messages[0].second;
    EXPECT_EQ(m_messages[0].second.rfind("[mov,mp4", 0), 0u) << m_messages[0].second;
}

TEST_F(AvLogTest, RepeatedLinesAreCountedNotPrinted) {
    m_messages.clear();
    for (int i = 0; i < 5; ++i) av_log(nullptr, AV_LOG_ERROR, "invalid plane data size\n");
    av_log(nullptr, AV_LOG_ERROR, "something else\n");
    ASSERT_EQ(m_messages.size(), 3u);
    EXPECT_EQ(m_messages[0].second, "invalid plane data size");
    EXPECT_EQ(m_messages[1].second, "last message repeated 4 times");
    EXPECT_EQ(m_messages[2].second, "something else");
}

TEST_F(AvLogTest, LibavWarningsNeedInfo) {
    m_messages.clear();
    av_log(nullptr, AV_LOG_WARNING, "hidden %d\n", 1);
    av_log(nullptr, AV_LOG_INFO, "hidden %d\n", 2);
    EXPECT_TRUE(m_messages.empty());
    set_log_level(LogLevel::Info);
    av_log(nullptr, AV_LOG_WARNING, "shown %d\n", 3);
    av_log(nullptr, AV_LOG_INFO, "shown %d\n", 4);
    av_log(nullptr, AV_LOG_DEBUG, "hidden %d\n", 5);
    EXPECT_EQ(m_messages, (Messages{{LogLevel::Info, "shown 3"}, {LogLevel::Info, "shown 4"}}));
}

TEST_F(AvLogTest, PiecesOfALineArriveAsOneMessage) {
    m_messages.clear();
    av_log(nullptr, AV_LOG_ERROR, "first half, ");
    EXPECT_TRUE(m_messages.empty());
    av_log(nullptr, AV_LOG_ERROR, "second half\n");
    EXPECT_EQ(m_messages, (Messages{{LogLevel::Error, "first half, second half"}}));
}

TEST_F(AvLogTest, LibavsOwnThresholdStillApplies) {
    m_messages.clear();
    const int saved = av_log_get_level();
    av_log_set_level(AV_LOG_FATAL);  // as a program quieting libav would
    av_log(nullptr, AV_LOG_ERROR, "quieted\n");
    av_log_set_level(saved);
    EXPECT_TRUE(m_messages.empty());
}

}  // namespace
}  // namespace media
