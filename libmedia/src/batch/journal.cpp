// SPDX-License-Identifier: Apache-2.0
#include "media/batch/journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <mutex>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "media/io/sequence_pattern.h"
#include "utc_time.h"

namespace media::batch {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

std::string errno_message(int err) {
    return std::error_code(err, std::generic_category()).message();
}

// File names are bytes but JSON is text: invalid UTF-8 is written as U+FFFD, so anything looked
// up later goes through the same replacement to match what was stored.
std::string dump_line(const ordered_json& event) {
    return event.dump(-1, ' ', false, json::error_handler_t::replace) + '\n';
}

std::string as_stored(const std::string& text) {
    return json::parse(json(text).dump(-1, ' ', false, json::error_handler_t::replace))
        .get<std::string>();
}

int64_t mtime_ns_of(const struct stat& info) {
    return static_cast<int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 +
           static_cast<int64_t>(info.st_mtim.tv_nsec);
}

Result<InputFingerprint> sequence_fingerprint(const std::string& path,
                                              const SequencePattern& pattern) {
    MEDIA_TRY_ASSIGN(auto files, find_sequence_files(pattern));
    InputFingerprint print{path, 0, 0};
    for (int64_t frame : files.frames) {
        const std::string frame_path = files.pattern.path_of(frame);
        struct stat info {};
        if (::stat(frame_path.c_str(), &info) != 0)
            return Error(ErrorCode::IoError, "cannot read a frame: " + errno_message(errno))
                .with_file(frame_path);
        print.size += static_cast<uint64_t>(info.st_size);
        print.mtime_ns = std::max(print.mtime_ns, mtime_ns_of(info));
    }
    return print;
}

ordered_json inputs_json(const std::vector<InputFingerprint>& inputs) {
    ordered_json list = ordered_json::array();
    for (const auto& input : inputs)
        list.push_back({{"path", input.path}, {"size", input.size}, {"mtime_ns", input.mtime_ns}});
    return list;
}

ordered_json finish_event(const JournalEntry& entry) {
    ordered_json event{{"event", entry.status},
                       {"job", entry.job_id},
                       {"inputs", inputs_json(entry.inputs)},
                       {"params", entry.params_hash},
                       {"output", entry.output},
                       {"output_xxh64", entry.output_xxh64},
                       {"seconds", entry.seconds}};
    if (!entry.message.empty()) event["message"] = entry.message;
    event["time"] = utc_timestamp_now();
    return event;
}

// One line of the file as an entry; nullopt for anything that is not a journal event (throws
// json::exception on wrong field types, which the caller counts the same way).
std::optional<JournalEntry> entry_from(const json& line) {
    if (!line.is_object()) return std::nullopt;
    JournalEntry entry;
    entry.status = line.at("event").get<std::string>();
    if (entry.status != "start" && entry.status != "done" && entry.status != "failed")
        return std::nullopt;
    entry.job_id = line.at("job").get<std::string>();
    for (const auto& input : line.value("inputs", json::array()))
        entry.inputs.push_back({input.at("path").get<std::string>(),
                                input.at("size").get<uint64_t>(),
                                input.at("mtime_ns").get<int64_t>()});
    entry.params_hash = line.value("params", "");
    entry.output = line.value("output", "");
    entry.output_xxh64 = line.value("output_xxh64", "");
    entry.message = line.value("message", "");
    entry.seconds = line.value("seconds", 0.0);
    return entry;
}

std::optional<JournalEntry> parse_line(std::string_view text) {
    const json line = json::parse(text, nullptr, false);
    if (line.is_discarded()) return std::nullopt;
    try {
        return entry_from(line);
    } catch (const json::exception&) {
        return std::nullopt;
    }
}

bool same_inputs(const std::vector<InputFingerprint>& recorded,
                 const std::vector<InputFingerprint>& current) {
    if (recorded.size() != current.size()) return false;
    for (size_t i = 0; i < recorded.size(); ++i) {
        const auto& a = recorded[i];
        const auto& b = current[i];
        if (a.size != b.size || a.mtime_ns != b.mtime_ns || a.path != as_stored(b.path))
            return false;
    }
    return true;
}

Result<std::string> read_all(int fd, const std::string& path) {
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t got = ::pread(fd, buffer, sizeof buffer, static_cast<off_t>(text.size()));
        if (got < 0 && errno == EINTR) continue;
        if (got < 0)
            return Error(ErrorCode::IoError, "cannot read the journal: " + errno_message(errno))
                .with_file(path);
        if (got == 0) return text;
        text.append(buffer, static_cast<size_t>(got));
    }
}

Result<void> write_fully(int fd, std::string_view bytes, const std::string& path) {
    while (!bytes.empty()) {
        const ssize_t put = ::write(fd, bytes.data(), bytes.size());
        if (put < 0 && errno == EINTR) continue;
        if (put < 0)
            return Error(ErrorCode::IoError, "cannot write the journal: " + errno_message(errno))
                .with_file(path);
        bytes.remove_prefix(static_cast<size_t>(put));
    }
    return ok();
}

}  // namespace

Result<InputFingerprint> fingerprint(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) == 0) {
        if (!S_ISREG(info.st_mode))
            return Error(ErrorCode::InvalidArgument, "not a regular file").with_file(path);
        return InputFingerprint{path, static_cast<uint64_t>(info.st_size), mtime_ns_of(info)};
    }
    const int err = errno;
    // Only a name that does not exist as such is read as a sequence pattern ("take#1.mov").
    if (auto pattern = SequencePattern::parse(path); pattern && err == ENOENT)
        return sequence_fingerprint(path, *pattern);
    return Error(err == ENOENT ? ErrorCode::NotFound : ErrorCode::IoError,
                 "cannot read the file: " + errno_message(err))
        .with_file(path);
}

class Journal::Impl {
public:
    Impl(std::string path, int fd) : m_path(std::move(path)), m_fd(fd) {}
    ~Impl() { ::close(m_fd); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    void load(std::string_view text);
    Result<void> append(const ordered_json& event, const JournalEntry* finished);
    std::optional<JournalEntry> last_finish(const std::string& job_id) const;
    int skipped_lines() const;
    const std::string& path() const { return m_path; }

private:
    void apply(JournalEntry entry);

    std::string m_path;
    int m_fd;
    bool m_needs_newline = false;  // the file ends in a torn line: separate the next one
    int m_skipped = 0;
    std::map<std::string, JournalEntry> m_finished;
    mutable std::mutex m_mutex;
};

void Journal::Impl::load(std::string_view text) {
    m_needs_newline = !text.empty() && text.back() != '\n';
    while (!text.empty()) {
        const size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        if (auto entry = parse_line(line))
            apply(std::move(*entry));
        else
            ++m_skipped;
    }
}

void Journal::Impl::apply(JournalEntry entry) {
    if (entry.status == "start") return;  // resumption relies on finished entries only
    std::string key = entry.job_id;
    m_finished.insert_or_assign(std::move(key), std::move(entry));
}

Result<void> Journal::Impl::append(const ordered_json& event, const JournalEntry* finished) {
    std::string line = dump_line(event);
    std::lock_guard lock(m_mutex);
    if (m_needs_newline) line.insert(line.begin(), '\n');
    // One write(2) on an O_APPEND descriptor: a kill leaves whole lines; only a power loss or a
    // full disk can tear the last one, which reading then skips.
    if (auto written = write_fully(m_fd, line, m_path); !written) {
        m_needs_newline = true;
        return written;
    }
    m_needs_newline = false;
    if (::fdatasync(m_fd) != 0)
        return Error(ErrorCode::IoError, "cannot sync the journal: " + errno_message(errno))
            .with_file(m_path);
    if (finished) apply(parse_line(line).value_or(*finished));
    return ok();
}

std::optional<JournalEntry> Journal::Impl::last_finish(const std::string& job_id) const {
    std::lock_guard lock(m_mutex);
    auto found = m_finished.find(as_stored(job_id));
    if (found == m_finished.end()) return std::nullopt;
    return found->second;
}

int Journal::Impl::skipped_lines() const {
    std::lock_guard lock(m_mutex);
    return m_skipped;
}

Result<Journal> Journal::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return Error(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::IoError,
                     "cannot open the journal: " + errno_message(errno))
            .with_file(path);
    auto impl = std::make_unique<Impl>(path, fd);
    MEDIA_TRY_ASSIGN(const std::string text, read_all(fd, path));
    impl->load(text);
    return Journal(std::move(impl));
}

Journal::Journal(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() = default;

Result<void> Journal::record_start(const std::string& job_id,
                                   const std::vector<InputFingerprint>& inputs,
                                   const std::string& params_hash) {
    ordered_json event{{"event", "start"},
                       {"job", job_id},
                       {"inputs", inputs_json(inputs)},
                       {"params", params_hash},
                       {"time", utc_timestamp_now()}};
    return m_impl->append(event, nullptr);
}

Result<void> Journal::record_finish(const JournalEntry& entry) {
    if (entry.status != "done" && entry.status != "failed")
        return Error(ErrorCode::InvalidArgument,
                     "journal status must be \"done\" or \"failed\", not \"" + entry.status + "\"")
            .with_file(m_impl->path());
    return m_impl->append(finish_event(entry), &entry);
}

std::optional<JournalEntry> Journal::last_done(const std::string& job_id) const {
    auto entry = m_impl->last_finish(job_id);
    if (!entry || entry->status != "done") return std::nullopt;
    return entry;
}

std::optional<JournalEntry> Journal::last_finish(const std::string& job_id) const {
    return m_impl->last_finish(job_id);
}

bool Journal::is_done(const std::string& job_id, const std::vector<InputFingerprint>& inputs,
                      const std::string& params_hash) const {
    auto entry = last_done(job_id);
    return entry && entry->params_hash == as_stored(params_hash) &&
           same_inputs(entry->inputs, inputs);
}

int Journal::skipped_lines() const {
    return m_impl->skipped_lines();
}

const std::string& Journal::path() const {
    return m_impl->path();
}

}  // namespace media::batch
