// SPDX-License-Identifier: Apache-2.0
#include "media/batch/journal.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "scratch_dir.h"

namespace media::batch {
namespace {

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_text(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

JournalEntry done_entry(const std::string& job, const std::string& params = "p1") {
    JournalEntry entry;
    entry.job_id = job;
    entry.inputs = {{"/media/" + job + ".mov", 1234, 1'700'000'000'123'456'789}};
    entry.params_hash = params;
    entry.output = job + ".mxf";
    entry.output_xxh64 = "0123456789abcdef";
    entry.status = "done";
    entry.seconds = 1.5;
    return entry;
}

Journal open_ok(const std::string& path) {
    auto journal = Journal::open(path);
    EXPECT_TRUE(journal.ok()) << (journal.ok() ? "" : journal.error().to_string());
    return std::move(journal).value();
}

TEST(Journal, RecordsAndReadsBack) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    {
        Journal journal = open_ok(path);
        EXPECT_EQ(journal.path(), path);
        ASSERT_TRUE(journal.record_start("a", done_entry("a").inputs, "p1").ok());
        ASSERT_TRUE(journal.record_finish(done_entry("a")).ok());
        // Visible in the same session too.
        EXPECT_TRUE(journal.is_done("a", done_entry("a").inputs, "p1"));
    }
    Journal journal = open_ok(path);
    EXPECT_EQ(journal.skipped_lines(), 0);
    auto entry = journal.last_done("a");
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->inputs, done_entry("a").inputs);
    EXPECT_EQ(entry->output, "a.mxf");
    EXPECT_EQ(entry->output_xxh64, "0123456789abcdef");
    EXPECT_DOUBLE_EQ(entry->seconds, 1.5);
    EXPECT_TRUE(journal.is_done("a", done_entry("a").inputs, "p1"));
    EXPECT_FALSE(journal.is_done("a", done_entry("a").inputs, "p2"));
    auto touched = done_entry("a").inputs;
    touched[0].mtime_ns += 1;
    EXPECT_FALSE(journal.is_done("a", touched, "p1"));
    EXPECT_FALSE(journal.is_done("b", done_entry("b").inputs, "p1"));
}

TEST(Journal, WritesTheDocumentedLineFormat) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    {
        Journal journal = open_ok(path);
        ASSERT_TRUE(journal.record_start("a", done_entry("a").inputs, "p1").ok());
        ASSERT_TRUE(journal.record_finish(done_entry("a")).ok());
    }
    const auto lines = lines_of(read_text(path));
    ASSERT_EQ(lines.size(), 2u);
    const auto start = nlohmann::json::parse(lines[0]);
    EXPECT_EQ(start["event"], "start");
    EXPECT_EQ(start["job"], "a");
    EXPECT_EQ(start["inputs"][0]["mtime_ns"].get<int64_t>(), 1'700'000'000'123'456'789);
    const auto done = nlohmann::json::parse(lines[1]);
    EXPECT_EQ(done["event"], "done");
    EXPECT_EQ(done["params"], "p1");
    EXPECT_EQ(done["output_xxh64"], "0123456789abcdef");
    const std::string time = done["time"];
    // 2024-05-01T12:34:56.789Z
    ASSERT_EQ(time.size(), 24u);
    EXPECT_EQ(time[10], 'T');
    EXPECT_EQ(time.back(), 'Z');
}

TEST(Journal, LaterEventsSupersedeEarlierOnes) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    {
        Journal journal = open_ok(path);
        ASSERT_TRUE(journal.record_finish(done_entry("a")).ok());
        JournalEntry failed = done_entry("a");
        failed.status = "failed";
        failed.message = "disk full";
        ASSERT_TRUE(journal.record_finish(failed).ok());
        ASSERT_TRUE(journal.record_finish(done_entry("b", "old")).ok());
        ASSERT_TRUE(journal.record_finish(done_entry("b", "new")).ok());
        EXPECT_FALSE(journal.last_done("a").has_value());
    }
    Journal journal = open_ok(path);
    EXPECT_FALSE(journal.last_done("a").has_value());
    ASSERT_TRUE(journal.last_finish("a").has_value());
    EXPECT_EQ(journal.last_finish("a")->message, "disk full");
    EXPECT_TRUE(journal.is_done("b", done_entry("b").inputs, "new"));
    EXPECT_FALSE(journal.is_done("b", done_entry("b").inputs, "old"));
}

TEST(Journal, RefusesAnUnknownStatus) {
    test::ScratchDir dir;
    Journal journal = open_ok(dir.file("j"));
    JournalEntry entry = done_entry("a");
    entry.status = "maybe";
    auto recorded = journal.record_finish(entry);
    ASSERT_FALSE(recorded.ok());
    EXPECT_EQ(recorded.error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(recorded.error().context().file, dir.file("j"));
}

TEST(Journal, ErrorsNameTheJournalFile) {
    test::ScratchDir dir;
    auto in_folder = Journal::open(dir.path().string());
    ASSERT_FALSE(in_folder.ok());
    EXPECT_EQ(in_folder.error().code(), ErrorCode::IoError);
    EXPECT_EQ(in_folder.error().context().file, dir.path().string());
    auto missing_folder = Journal::open(dir.file("no/such/journal"));
    ASSERT_FALSE(missing_folder.ok());
    EXPECT_EQ(missing_folder.error().code(), ErrorCode::NotFound);
    EXPECT_EQ(missing_folder.error().context().file, dir.file("no/such/journal"));
}

TEST(Journal, ToleratesInvalidLinesAnywhere) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    {
        Journal journal = open_ok(path);
        ASSERT_TRUE(journal.record_finish(done_entry("a")).ok());
    }
    std::string text = read_text(path);
    const std::string good_b = lines_of([&] {
        test::ScratchDir other;
        Journal journal = open_ok(other.file("j"));
        EXPECT_TRUE(journal.record_finish(done_entry("b")).ok());
        return read_text(other.file("j"));
    }())[0];
    text += "not json\n";
    text += "[1,2,3]\n";
    text += "{\"event\":\"done\"}\n";                               // no job
    text += "{\"event\":\"done\",\"job\":7}\n";                     // wrong type
    text += "{\"event\":\"exploded\",\"job\":\"c\"}\n";             // unknown event
    text += "{\"event\":\"done\",\"job\":\"d\",\"inputs\":[1]}\n";  // bad input
    text += "\n   \n";                                              // blank: not counted
    text += good_b + "\n";
    text += "{\"event\":\"done\",\"job\":\"e\",\"par";  // torn
    write_text(path, text);
    Journal journal = open_ok(path);
    EXPECT_EQ(journal.skipped_lines(), 7);
    EXPECT_TRUE(journal.last_done("a").has_value());
    EXPECT_TRUE(journal.last_done("b").has_value());
    EXPECT_FALSE(journal.last_done("d").has_value());
    EXPECT_FALSE(journal.last_done("e").has_value());
}

TEST(Journal, EveryCutOfTheFileKeepsTheCompleteLines) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    {
        Journal journal = open_ok(path);
        for (int i = 0; i < 20; ++i)
            ASSERT_TRUE(journal.record_finish(done_entry("job-" + std::to_string(i))).ok());
    }
    const std::string full = read_text(path);
    std::mt19937 random(1234);
    std::uniform_int_distribution<size_t> cut_at(0, full.size());
    const size_t first_line_end = full.find('\n');
    for (int trial = 0; trial < 60; ++trial) {
        // Fixed cuts at the edges of the first line, then random ones.
        const size_t fixed[] = {full.size(), 0, 1, first_line_end, first_line_end + 1};
        const size_t cut = trial < 5 ? fixed[trial] : cut_at(random);
        const std::string kept = full.substr(0, cut);
        // A line cut just before its '\n' is a whole object and is kept.
        const bool unterminated = !kept.empty() && kept.back() != '\n';
        const bool whole_object = unterminated && full[cut] == '\n';
        const bool torn = unterminated && !whole_object;
        const auto complete =
            static_cast<int>(std::count(kept.begin(), kept.end(), '\n')) + (whole_object ? 1 : 0);
        write_text(dir.file("cut"), kept);
        Journal journal = open_ok(dir.file("cut"));
        SCOPED_TRACE("cut at byte " + std::to_string(cut));
        EXPECT_EQ(journal.skipped_lines(), torn ? 1 : 0);
        for (int i = 0; i < 20; ++i)
            EXPECT_EQ(journal.last_done("job-" + std::to_string(i)).has_value(), i < complete);
    }
}

// The journal survives a real process dying at a random point: every record whose append
// returned (reported through a pipe) is on disk.
TEST(Journal, SurvivesSigkillOfTheWriter) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    int reported[2];
    ASSERT_EQ(::pipe(reported), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(reported[0]);
        auto journal = Journal::open(path);
        if (!journal) ::_exit(3);
        for (int i = 0;; ++i) {
            if (!journal->record_finish(done_entry("job-" + std::to_string(i)))) ::_exit(4);
            if (::write(reported[1], &i, sizeof i) != sizeof i) ::_exit(5);
        }
    }
    ::close(reported[1]);
    std::mt19937 random(std::random_device{}());
    // Wait for some records first, then kill at a random moment.
    int last = -1;
    while (last < 20 && ::read(reported[0], &last, sizeof last) == sizeof last) {
    }
    std::this_thread::sleep_for(
        std::chrono::microseconds(std::uniform_int_distribution<int>(0, 20000)(random)));
    ASSERT_EQ(::kill(child, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    for (int i; ::read(reported[0], &i, sizeof i) == sizeof i;) last = i;
    ::close(reported[0]);

    Journal journal = open_ok(path);
    // A kill lands between write(2) calls, except that Linux may cut a write at a page boundary
    // when a fatal signal arrives: then the one torn line is skipped.
    EXPECT_LE(journal.skipped_lines(), 1);
    for (int i = 0; i <= last; ++i)
        ASSERT_TRUE(journal.last_done("job-" + std::to_string(i)).has_value()) << i;
    // At most the one record written but not yet reported.
    const auto lines = lines_of(read_text(path));
    EXPECT_GE(static_cast<int>(lines.size()), last + 1);
    EXPECT_LE(static_cast<int>(lines.size()), last + 2);
    ASSERT_TRUE(journal.record_finish(done_entry("after")).ok());
}

// A writer that dies half-way through a line (as after a power loss): the fragment is skipped
// and the next append starts on a line of its own.
TEST(Journal, TornLastLineIsSkippedAndNotGluedToTheNextOne) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto journal = Journal::open(path);
        if (!journal) ::_exit(3);
        for (int i = 0; i < 50; ++i)
            if (!journal->record_finish(done_entry("job-" + std::to_string(i)))) ::_exit(4);
        const std::string half = R"({"event":"done","job":"job-50","inputs":[{"pa)";
        const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND);
        if (fd < 0 || ::write(fd, half.data(), half.size()) < 0) ::_exit(5);
        ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    {
        Journal journal = open_ok(path);
        EXPECT_EQ(journal.skipped_lines(), 1);
        for (int i = 0; i < 50; ++i)
            EXPECT_TRUE(journal.last_done("job-" + std::to_string(i)).has_value()) << i;
        EXPECT_FALSE(journal.last_done("job-50").has_value());
        ASSERT_TRUE(journal.record_finish(done_entry("job-50")).ok());
        ASSERT_TRUE(journal.record_finish(done_entry("job-51")).ok());
    }
    const auto lines = lines_of(read_text(path));
    ASSERT_EQ(lines.size(), 53u);
    EXPECT_EQ(nlohmann::json::parse(lines[51])["job"], "job-50");
    EXPECT_EQ(nlohmann::json::parse(lines[52])["job"], "job-51");
    Journal reread = open_ok(path);
    EXPECT_EQ(reread.skipped_lines(), 1);  // the fragment, now in the middle
    EXPECT_TRUE(reread.last_done("job-50").has_value());
    EXPECT_TRUE(reread.last_done("job-51").has_value());
}

TEST(Journal, ConcurrentAppendsStayWholeLines) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    {
        Journal journal = open_ok(path);
        std::vector<std::thread> writers;
        for (int t = 0; t < 4; ++t)
            writers.emplace_back([&journal, t] {
                for (int i = 0; i < 25; ++i) {
                    const std::string job = "t" + std::to_string(t) + "-" + std::to_string(i);
                    EXPECT_TRUE(journal.record_start(job, {}, "p").ok());
                    EXPECT_TRUE(journal.record_finish(done_entry(job)).ok());
                }
            });
        for (auto& writer : writers) writer.join();
    }
    const auto lines = lines_of(read_text(path));
    EXPECT_EQ(lines.size(), 200u);
    for (const auto& line : lines)
        EXPECT_FALSE(nlohmann::json::parse(line, nullptr, false).is_discarded());
    Journal journal = open_ok(path);
    EXPECT_EQ(journal.skipped_lines(), 0);
    for (int t = 0; t < 4; ++t)
        for (int i = 0; i < 25; ++i)
            EXPECT_TRUE(journal.last_done("t" + std::to_string(t) + "-" + std::to_string(i)));
}

TEST(Journal, InvalidUtf8NamesStillMatch) {
    test::ScratchDir dir;
    const std::string path = dir.file("journal.ndjson");
    const std::string job = "clip\xff\xfe.mov";
    JournalEntry entry = done_entry("x");
    entry.job_id = job;
    entry.inputs[0].path = "/media/\xc3(bad.mov";
    {
        Journal journal = open_ok(path);
        ASSERT_TRUE(journal.record_finish(entry).ok());
    }
    Journal journal = open_ok(path);
    EXPECT_EQ(journal.skipped_lines(), 0);
    EXPECT_TRUE(journal.is_done(job, entry.inputs, "p1"));
}

TEST(Fingerprint, StatsAFile) {
    test::ScratchDir dir;
    write_text(dir.file("a.mov"), std::string(1000, 'x'));
    struct stat info {};
    ASSERT_EQ(::stat(dir.file("a.mov").c_str(), &info), 0);
    auto print = fingerprint(dir.file("a.mov"));
    ASSERT_TRUE(print.ok());
    EXPECT_EQ(print->path, dir.file("a.mov"));
    EXPECT_EQ(print->size, 1000u);
    EXPECT_EQ(print->mtime_ns, int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec);

    auto missing = fingerprint(dir.file("b.mov"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code(), ErrorCode::NotFound);
    EXPECT_EQ(missing.error().context().file, dir.file("b.mov"));
    EXPECT_FALSE(fingerprint(dir.path().string()).ok());  // a folder is not an input file
}

TEST(Fingerprint, SumsASequence) {
    test::ScratchDir dir;
    const std::vector<int> sizes = {100, 200, 300};
    for (size_t i = 0; i < sizes.size(); ++i)
        write_text(dir.file("shot.00" + std::to_string(10 + i) + ".dpx"),
                   std::string(static_cast<size_t>(sizes[i]), 'x'));
    write_text(dir.file("other.0010.dpx"), std::string(5000, 'x'));
    // Make the middle frame the newest.
    const auto newest =
        std::filesystem::last_write_time(dir.file("shot.0011.dpx")) + std::chrono::seconds(10);
    std::filesystem::last_write_time(dir.file("shot.0011.dpx"), newest);
    struct stat info {};
    ASSERT_EQ(::stat(dir.file("shot.0011.dpx").c_str(), &info), 0);
    const int64_t newest_ns = int64_t{info.st_mtim.tv_sec} * 1'000'000'000 + info.st_mtim.tv_nsec;

    for (const std::string pattern : {"shot.%04d.dpx", "shot.####.dpx"}) {
        auto print = fingerprint(dir.file(pattern));
        ASSERT_TRUE(print.ok()) << print.error().to_string();
        EXPECT_EQ(print->path, dir.file(pattern));
        EXPECT_EQ(print->size, 600u);
        EXPECT_EQ(print->mtime_ns, newest_ns);
    }
    auto none = fingerprint(dir.file("nothing.%04d.dpx"));
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code(), ErrorCode::NotFound);
}

}  // namespace
}  // namespace media::batch
