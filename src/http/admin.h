// The admin API: editors' changes behind a bearer token, off unless one is configured. Thin
// handlers over Editor (index/editor.h), which does the checking, locking and committing.
#pragma once

#include <string_view>

#include "http/api.h"
#include "index/editor.h"

namespace cohesio {

// Whether `authorization` ("Bearer <token>") carries `token`, compared in constant time so
// that response times tell nothing about how much of a guess was right.
bool bearer_matches(std::string_view token, std::string_view authorization);

// 401 with WWW-Authenticate; says nothing of what was sent.
ApiResponse unauthorized();

ApiResponse put_practice(Editor& editor, const ApiRequest& request);
ApiResponse delete_practice(Editor& editor, const ApiRequest& request);
ApiResponse post_reindex(Editor& editor, const ApiRequest& request);
ApiResponse get_reindex(Editor& editor, const ApiRequest& request);

}  // namespace cohesio
