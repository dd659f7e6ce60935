// SPDX-License-Identifier: Apache-2.0
// A bounded queue between two threads of a pipeline (transcode: pictures -> encoder; qc: audio
// blocks -> analyzers), so the stages overlap and memory stays flat. Private to libmedia.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace media::detail {

/// A bounded single-producer single-consumer queue: close() ends it once the consumer has taken
/// what is queued; abandon() tells the producer the consumer has stopped.
template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(size_t capacity) : m_capacity(capacity) {}

    /// False when the consumer has stopped (nothing more is wanted).
    bool push(T item) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_items.size() < m_capacity || m_abandoned; });
        if (m_abandoned) return false;
        m_items.push_back(std::move(item));
        m_not_empty.notify_one();
        return true;
    }
    /// nullopt at the end (after close()).
    std::optional<T> pop() {
        std::unique_lock lock(m_mutex);
        m_not_empty.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty()) return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_one();
        return item;
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_empty.notify_all();
    }
    void abandon() {
        std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_items.clear();
        m_not_full.notify_all();
    }

private:
    size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_not_full;
    std::condition_variable m_not_empty;
    std::deque<T> m_items;
    bool m_closed = false;
    bool m_abandoned = false;
};

}  // namespace media::detail
