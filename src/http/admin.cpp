#include "http/admin.h"

#include <nlohmann/json.hpp>

namespace cohesio {

namespace {

using nlohmann::json;

ApiResponse json_answer(const json& body, int status = 200) {
    ApiResponse response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return response;
}

// A record's mistakes and an unknown id in full; a busy index as a moment to wait; the index's
// and the file system's troubles (their messages name server paths) only in the log.
ApiResponse edit_error(const Error& error) {
    const bool clients = error.kind == ErrorKind::invalid_input ||
                         (error.kind == ErrorKind::not_found && error.where == "id");
    if (clients) return error_response(error);
    if (error.kind == ErrorKind::busy) {
        return error_response(
            {ErrorKind::busy, "", "the index is busy (a rebuild or another edit); retry shortly"});
    }
    ApiResponse response =
        error_response({ErrorKind::io, "", "the change could not be made; the index is unchanged"});
    response.log_note = error.describe();
    return response;
}

const char* change_name(Editor::Change change) {
    switch (change) {
        case Editor::Change::added:
            return "added";
        case Editor::Change::replaced:
            return "replaced";
        case Editor::Change::deleted:
            return "deleted";
    }
    return "";
}

ApiResponse outcome_answer(const Editor::Outcome& outcome) {
    return json_answer({{"id", outcome.id},
                        {"status", change_name(outcome.change)},
                        {"index", outcome.generation.filename().string()}});
}

}  // namespace

bool bearer_matches(std::string_view token, std::string_view authorization) {
    constexpr std::string_view kScheme = "Bearer ";
    if (token.empty() || !authorization.starts_with(kScheme)) return false;
    const std::string_view given = authorization.substr(kScheme.size());
    // Every byte of the token is compared whatever differs, and a length mismatch is one
    // more difference, so the time taken depends on the token's length only.
    unsigned difference = given.size() == token.size() ? 0 : 1;
    for (std::size_t i = 0; i < token.size(); ++i) {
        const char guessed = i < given.size() ? given[i] : '\0';
        difference |= static_cast<unsigned>(static_cast<unsigned char>(token[i]) ^
                                            static_cast<unsigned char>(guessed));
    }
    return difference == 0;
}

ApiResponse unauthorized() {
    ApiResponse response =
        http_refusal(401, "unauthorized", "this endpoint needs the admin token", "Authorization");
    response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"cohesio-admin\"");
    return response;
}

ApiResponse put_practice(Editor& editor, const ApiRequest& request) {
    if (!request.content_type.starts_with("application/json")) {
        return error_response(
            {ErrorKind::invalid_input, "Content-Type", "send the record as application/json"});
    }
    auto outcome = editor.put(request.captures.at(0), request.body);
    if (!outcome) return edit_error(outcome.error());
    return outcome_answer(*outcome);
}

ApiResponse delete_practice(Editor& editor, const ApiRequest& request) {
    auto outcome = editor.remove(request.captures.at(0));
    if (!outcome) return edit_error(outcome.error());
    return outcome_answer(*outcome);
}

ApiResponse post_reindex(Editor& editor, const ApiRequest&) {
    if (!editor.start_rebuild()) {
        return http_refusal(
            409, "conflict",
            "a rebuild is already running; see GET " + std::string("/api/v1/reindex"));
    }
    ApiResponse response = json_answer({{"status", "started"}}, 202);
    response.headers.emplace_back("Location", "/api/v1/reindex");
    return response;
}

ApiResponse get_reindex(Editor& editor, const ApiRequest&) {
    const Editor::RebuildState state = editor.rebuild_state();
    json body = {{"running", state.running},         {"started_at", state.started_at},
                 {"finished_at", state.finished_at}, {"documents", state.documents},
                 {"rejected", state.rejected},       {"failed", !state.error.empty()}};
    ApiResponse response = json_answer(body);
    // The failure's details (paths) are the operator's: logged with this request.
    response.log_note = state.error;
    return response;
}

}  // namespace cohesio
