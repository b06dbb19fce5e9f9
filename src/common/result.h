// Errors as values: every stage returns Result<T>; only the command line (and later the HTTP
// edge) turns an Error into an exit code or a status.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace cohesio {

enum class ErrorKind {
    invalid_input,  // the user's or a record's mistake: bad field, bad parameter, bad query
    not_found,      // an id, file or index that does not exist
    io,             // the file system or the database failed
    version,        // an index built by another schema version
    internal,       // a bug: never the user's mistake
    busy,           // every worker is occupied: the same request may succeed shortly
    changed,        // the index changed under a read (an update committed): read it again
};

struct Error {
    ErrorKind kind = ErrorKind::invalid_input;
    std::string where;  // file, field or parameter the error is about
    std::string message;

    std::string describe() const { return where.empty() ? message : where + ": " + message; }
};

// A user's input quoted for an error message: control bytes shown as '?', cut at 80 bytes,
// so a message stays one readable line whatever was typed.
inline std::string quote_input(std::string_view input) {
    constexpr std::size_t kMaxShown = 80;
    std::string shown;
    for (char c : input.substr(0, kMaxShown)) {
        shown += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
    }
    return "'" + shown + (input.size() > kMaxShown ? "…'" : "'");
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace cohesio
