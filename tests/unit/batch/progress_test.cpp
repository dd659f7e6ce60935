// SPDX-License-Identifier: Apache-2.0
#include "media/batch/progress.h"

#include <atomic>
#include <memory>
#include <sstream>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace media::batch {
namespace {

using nlohmann::json;

// A stream to write to and read back, and a clock the test moves by hand.
struct Capture {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{std::tmpfile(), &std::fclose};
    double now = 0;
    ProgressClock clock() {
        return [this] { return now; };
    }
    std::string text() {
        std::fflush(file.get());
        std::rewind(file.get());
        std::string out;
        char buffer[4096];
        for (size_t got; (got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0;)
            out.append(buffer, got);
        return out;
    }
    std::vector<std::string> lines() {
        std::vector<std::string> out;
        std::stringstream in(text());
        for (std::string line; std::getline(in, line);) out.push_back(line);
        return out;
    }
};

size_t count_of(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++count;
    return count;
}

const std::string kHostile = "evil\"\\\n\x1b[2J\t\x7f name";

TEST(Progress, JsonEventsAreOneObjectPerLine) {
    Capture capture;
    ASSERT_TRUE(capture.file);
    {
        ProgressReporter progress(ProgressStyle::Json, 3, capture.file.get(), capture.clock());
        EXPECT_EQ(progress.style(), ProgressStyle::Json);
        progress.job_started("a", 100);
        capture.now = 0.5;
        progress.job_progress("a", 10);  // under a second since the start: no event
        capture.now = 1.0;
        progress.job_progress("a", 50);
        capture.now = 1.5;
        progress.job_progress("a", 60);  // under a second since the last event
        capture.now = 2.0;
        progress.job_progress("a", 100);
        progress.job_finished("a", true);
        progress.job_started(kHostile, std::nullopt);
        capture.now = 2.5;
        progress.job_finished(kHostile, false, "bad \"input\"\n");
        progress.job_skipped("c", "already done");
        progress.batch_finished(1, 1, 1, 2.5);
    }
    std::vector<json> events;
    for (const auto& line : capture.lines()) {
        json event = json::parse(line, nullptr, false);
        ASSERT_FALSE(event.is_discarded()) << line;
        ASSERT_TRUE(event["time"].is_string()) << line;
        events.push_back(event);
    }
    std::vector<std::string> names;
    for (const auto& event : events) names.push_back(event["event"]);
    EXPECT_EQ(names,
              (std::vector<std::string>{"job_start", "job_progress", "job_progress", "job_done",
                                        "job_start", "job_failed", "job_skipped", "batch_done"}));
    EXPECT_EQ(events[0]["total"], 100);
    // 50 frames in 1 s: 50 fps, 50 frames left take 1 s more.
    EXPECT_EQ(events[1]["frames"], 50);
    EXPECT_DOUBLE_EQ(events[1]["fps"].get<double>(), 50.0);
    EXPECT_DOUBLE_EQ(events[1]["percent"].get<double>(), 50.0);
    EXPECT_DOUBLE_EQ(events[1]["eta_seconds"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(events[2]["eta_seconds"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(events[3]["seconds"].get<double>(), 2.0);
    EXPECT_DOUBLE_EQ(events[3]["fps"].get<double>(), 50.0);
    EXPECT_TRUE(events[4]["total"].is_null());
    EXPECT_EQ(events[5]["job"], kHostile);  // escaped on the way out, intact on the way in
    EXPECT_EQ(events[5]["message"], "bad \"input\"\n");
    EXPECT_DOUBLE_EQ(events[5]["seconds"].get<double>(), 0.5);
    EXPECT_EQ(events[6]["reason"], "already done");
    EXPECT_EQ(events[7]["done"], 1);
    EXPECT_EQ(events[7]["failed"], 1);
    EXPECT_EQ(events[7]["skipped"], 1);
    EXPECT_EQ(events[7]["jobs"], 3);
}

TEST(Progress, JsonProgressWithUnknownTotalHasNoEta) {
    Capture capture;
    ProgressReporter progress(ProgressStyle::Json, 1, capture.file.get(), capture.clock());
    progress.job_started("a", std::nullopt);
    capture.now = 4.0;
    progress.job_progress("a", 100);
    const auto lines = capture.lines();
    ASSERT_EQ(lines.size(), 2u);
    const json event = json::parse(lines[1]);
    EXPECT_DOUBLE_EQ(event["fps"].get<double>(), 25.0);
    EXPECT_TRUE(event["eta_seconds"].is_null());
    EXPECT_TRUE(event["percent"].is_null());
}

TEST(Progress, PlainPrintsEventLinesAndAStatusEveryFiveSeconds) {
    Capture capture;
    {
        ProgressReporter progress(ProgressStyle::Plain, 4, capture.file.get(), capture.clock());
        progress.job_started("a", 100);
        progress.job_started("b", 200);
        capture.now = 1.0;
        progress.job_progress("b", 10);  // too soon for a status line
        capture.now = 4.0;
        progress.job_progress("a", 100);
        progress.job_finished("a", true);
        capture.now = 6.0;
        progress.job_progress("b", 100);
        capture.now = 7.0;
        progress.job_progress("b", 120);  // too soon after the last status line
        progress.job_skipped(kHostile, "done\nbefore");
        progress.job_finished("b", false, "encoder failed");
        progress.batch_finished(1, 1, 1, 65);
    }
    // a: 100 frames in 4 s. Status at 6 s: 1 job done and b half-way make 1.5 of 4 jobs, so
    // the other 2.5 take 6 s x 2.5 / 1.5 = 10 s. Control characters in names become '?'.
    const std::vector<std::string> expected = {
        "start    a (100 frames)",
        "start    b (200 frames)",
        "[1/4] done     a  4.0 s, 25.0 fps",
        "[1/4] 1 done, 0 failed, 0 skipped, 1 running, elapsed 0:06, ETA 0:10",
        "[2/4] skipped  evil\"\\"
        "??[2J"
        "?? name: done?before",
        "[3/4] FAILED   b: encoder failed",
        "batch finished: 1 done, 1 failed, 1 skipped in 1:05",
    };
    EXPECT_EQ(capture.lines(), expected);
}

TEST(Progress, TtyRedrawsInPlaceAtMostTenTimesASecond) {
    Capture capture;
    ProgressReporter progress(ProgressStyle::Tty, 2, capture.file.get(), capture.clock());
    EXPECT_EQ(progress.style(), ProgressStyle::Tty);
    progress.job_started("a", 100);  // first block
    for (int i = 1; i < 10; ++i) {
        capture.now = i * 0.01;
        progress.job_progress("a", i);  // within 0.1 s of the last redraw: nothing
    }
    capture.now = 1.0;
    progress.job_progress("a", 50);  // second block
    const std::string text = capture.text();
    EXPECT_EQ(count_of(text, "elapsed"), 2u);
    // The second block replaces the first (two lines: job and overall) in place.
    EXPECT_EQ(count_of(text, "\x1b[2A\r\x1b[J"), 1u);
    // 50 of 100 frames in 1 s: 50 fps, 1 s left; the batch is a quarter done after 1 s.
    EXPECT_NE(text.find("50/100  50.0%    50.0 fps  ETA 0:01"), std::string::npos) << text;
    EXPECT_NE(text.find("[0/2] 0 done, 0 failed, 0 skipped  elapsed 0:01  ETA 0:03"),
              std::string::npos)
        << text;
}

TEST(Progress, TtyKeepsFinishedJobsAboveTheBlockAndNamesHarmless) {
    Capture capture;
    {
        ProgressReporter progress(ProgressStyle::Tty, 2, capture.file.get(), capture.clock());
        progress.job_started(kHostile, 10);
        capture.now = 1.0;
        progress.job_finished(kHostile, true);
        progress.batch_finished(1, 0, 0, 1.0);
    }
    const std::string text = capture.text();
    EXPECT_NE(text.find("[1/2] done     evil"), std::string::npos) << text;
    EXPECT_EQ(count_of(text, "\x1b[2J"), 0u);  // the name's escape sequence is defused
    EXPECT_NE(text.find("batch finished: 1 done, 0 failed, 0 skipped in 0:01\n"),
              std::string::npos);
    for (const auto& line : capture.lines()) EXPECT_LT(line.size(), 100u) << line;
}

TEST(Progress, TtyBurstOfSkipsRedrawsOnce) {
    Capture capture;
    ProgressReporter progress(ProgressStyle::Tty, 20, capture.file.get(), capture.clock());
    for (int i = 0; i < 20; ++i) progress.job_skipped("j" + std::to_string(i), "done before");
    capture.now = 0.2;
    progress.job_started("k", 10);
    const std::string text = capture.text();
    EXPECT_EQ(count_of(text, "skipped  j"), 20u);
    EXPECT_EQ(count_of(text, "elapsed"), 2u);  // after the first skip, and at 0.2 s
    EXPECT_NE(text.find("[20/20] 0 done, 0 failed, 20 skipped  elapsed 0:00"), std::string::npos)
        << text;
}

TEST(Progress, NoneWritesNothing) {
    Capture capture;
    {
        ProgressReporter progress(ProgressStyle::None, 1, capture.file.get(), capture.clock());
        progress.job_started("a", 1);
        progress.job_progress("a", 1);
        progress.job_finished("a", true);
        progress.batch_finished(1, 0, 0, 1);
    }
    EXPECT_TRUE(capture.text().empty());
}

TEST(Progress, AutoPicksPlainForAFileAndNoneForNoStream) {
    Capture capture;
    EXPECT_EQ(ProgressReporter(ProgressStyle::Auto, 1, capture.file.get()).style(),
              ProgressStyle::Plain);
    EXPECT_EQ(ProgressReporter(ProgressStyle::Auto, 1, nullptr).style(), ProgressStyle::None);
}

TEST(Progress, StyleNames) {
    EXPECT_EQ(progress_style_from_name("auto"), ProgressStyle::Auto);
    EXPECT_EQ(progress_style_from_name("tty"), ProgressStyle::Tty);
    EXPECT_EQ(progress_style_from_name("plain"), ProgressStyle::Plain);
    EXPECT_EQ(progress_style_from_name("json"), ProgressStyle::Json);
    EXPECT_EQ(progress_style_from_name("none"), ProgressStyle::None);
    EXPECT_FALSE(progress_style_from_name("JSON").has_value());
    EXPECT_FALSE(progress_style_from_name("").has_value());
}

TEST(Progress, ThreadsDoNotInterleaveLines) {
    Capture capture;
    {
        // Each reading of the clock moves it 10 ms on, so progress events do get written.
        std::atomic<int64_t> ticks{0};
        ProgressReporter progress(ProgressStyle::Json, 8, capture.file.get(),
                                  [&ticks] { return static_cast<double>(ticks++) * 0.01; });
        std::vector<std::thread> jobs;
        for (int t = 0; t < 8; ++t)
            jobs.emplace_back([&progress, t] {
                const std::string name = "job " + std::to_string(t);
                progress.job_started(name, 1000);
                for (int f = 1; f <= 1000; ++f) progress.job_progress(name, f);
                progress.job_finished(name, true);
            });
        for (auto& job : jobs) job.join();
    }
    int done = 0;
    int progress_events = 0;
    for (const auto& line : capture.lines()) {
        const json event = json::parse(line, nullptr, false);
        ASSERT_FALSE(event.is_discarded()) << line;
        done += event["event"] == "job_done";
        progress_events += event["event"] == "job_progress";
    }
    EXPECT_EQ(done, 8);
    // 8000 clock readings of 10 ms: each job's progress event at most once a second.
    EXPECT_GT(progress_events, 8);
    EXPECT_LE(progress_events, 8 * 81);
}

}  // namespace
}  // namespace media::batch
