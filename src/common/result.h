// Errors as values: every stage returns Result<T>; only the command line (and later the HTTP
// edge) turns an Error into an exit code or a status.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cohesio {

enum class ErrorKind {
    invalid_input,  // the user's or a record's mistake: bad field, bad parameter, bad query
    not_found,      // an id, file or index that does not exist
    io,             // the file system or the database failed
    version,        // an index built by another schema version
};

struct Error {
    ErrorKind kind = ErrorKind::invalid_input;
    std::string where;  // file, field or parameter the error is about
    std::string message;

    std::string describe() const { return where.empty() ? message : where + ": " + message; }
};

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
