// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

#include "media/core/error.h"

namespace media {

/// A value or an Error, modelled on std::expected<T, Error> (C++23) for our C++20 code base.
template <typename T>
class [[nodiscard]] Result {
public:
    using value_type = T;

    Result(const T& value) : m_state(std::in_place_index<0>, value) {}
    Result(T&& value) : m_state(std::in_place_index<0>, std::move(value)) {}
    template <typename U>
        requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::decay_t<U>, T> &&
                 !std::is_same_v<std::decay_t<U>, Error> &&
                 !std::is_same_v<std::decay_t<U>, Result>)
    Result(U&& value) : m_state(std::in_place_index<0>, std::forward<U>(value)) {}
    Result(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return assert(ok()), std::get<0>(m_state); }
    const T& value() const& { return assert(ok()), std::get<0>(m_state); }
    T&& value() && { return assert(ok()), std::get<0>(std::move(m_state)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const& { return assert(!ok()), std::get<1>(m_state); }
    Error&& error() && { return assert(!ok()), std::get<1>(std::move(m_state)); }

    template <typename U>
    T value_or(U&& fallback) const& {
        return ok() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, Error> m_state;
};

/// Result of an operation that yields nothing but may fail.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_error.index() == 0; }
    explicit operator bool() const { return ok(); }
    const Error& error() const& { return assert(!ok()), std::get<1>(m_error); }
    Error&& error() && { return assert(!ok()), std::get<1>(std::move(m_error)); }

private:
    std::variant<std::monostate, Error> m_error;
};

/// Success for Result<void>.
inline Result<void> ok() { return {}; }

}  // namespace media

/// Evaluates a Result expression; returns its Error from the enclosing function on failure.
#define MEDIA_TRY(expr)                                       \
    do {                                                      \
        auto media_try_result_ = (expr);                      \
        if (!media_try_result_) return std::move(media_try_result_).error(); \
    } while (0)

#define MEDIA_CONCAT_INNER_(a, b) a##b
#define MEDIA_CONCAT_(a, b) MEDIA_CONCAT_INNER_(a, b)
/// Declares `decl` from the value of a Result expression, or returns its Error.
#define MEDIA_TRY_ASSIGN(decl, expr)                                          \
    auto MEDIA_CONCAT_(media_try_, __LINE__) = (expr);                        \
    if (!MEDIA_CONCAT_(media_try_, __LINE__))                                 \
        return std::move(MEDIA_CONCAT_(media_try_, __LINE__)).error();        \
    decl = std::move(MEDIA_CONCAT_(media_try_, __LINE__)).value()
